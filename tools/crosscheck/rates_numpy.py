#!/usr/bin/python3
"""Cross-check of apl::fitPowerLaw and apl::unitBall against NumPy.

Power laws: numpy.polyfit(log x, log y, 1) on the usable pairs (x, y finite and > 0), and for a
fixed exponent b the coefficient exp(mean(log y − b log x)). Unit balls: for each angle θ_k =
2πk/points the boundary point d/‖d/h‖_p with the norm from numpy.linalg.norm (ord = p, or inf).

Usage: /usr/bin/python3 tools/crosscheck/rates_numpy.py > tests/fixtures/crosscheck_rates.json
"""
import json
import math

import numpy as np

COMMAND = "/usr/bin/python3 tools/crosscheck/rates_numpy.py > tests/fixtures/crosscheck_rates.json"

rng = np.random.default_rng(7)


def fit(x, y, exponent=None):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    ok = np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)
    u, v = np.log(x[ok]), np.log(y[ok])
    if exponent is None:
        b, loga = np.polyfit(u, v, 1)
    else:
        b = exponent
        loga = float(np.mean(v - b * u))
    a = math.exp(loga)
    fitted = [a * xi ** b if (np.isfinite(xi) and xi > 0) else None for xi in x]
    return {"exponent": float(b), "coefficient": a, "fitted": fitted, "used": int(ok.sum())}


fits = []
n = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000]
for name, exponent, y in [
    ("noisy n^-0.8", None, [3 * m ** -0.8 * math.exp(rng.normal(0, 0.1)) for m in n]),
    ("noisy n^-4/7 with an undefined point", None,
     [2 * m ** (-4 / 7) * math.exp(rng.normal(0, 0.05)) for m in n[:-1]] + [float("nan")]),
    ("guide of slope -2/3", -2 / 3, [0.9 * m ** -0.7 for m in n]),
]:
    entry = {"name": name, "x": n, "y": [None if math.isnan(v) else v for v in y]}
    if exponent is not None:
        entry["fixedExponent"] = exponent
    entry.update(fit(n, y, exponent))
    fits.append(entry)

balls = []
for p in [1.0, 1.5, 2.0, 3.0, 8.0, math.inf]:
    for widths in [[1.0], [0.5, 2.0], [1.3, 0.4]]:
        h = np.array(widths if len(widths) == 2 else widths * 2)
        points = 24
        out = []
        for k in range(points):
            t = 2 * math.pi * k / points
            d = np.array([math.cos(t), math.sin(t)])
            r = np.linalg.norm(d / h, ord=p)
            out.append([float(d[0] / r), float(d[1] / r)])
        balls.append({"p": "Infinity" if math.isinf(p) else p, "widths": widths, "points": points, "boundary": out})

print(json.dumps({
    "origin": f"NumPy {np.__version__} (numpy.polyfit, numpy.linalg.norm); written by: {COMMAND}",
    "tolerance": {"rtol": 1e-12, "atol": 1e-14},
    "fits": fits,
    "balls": balls,
}, indent=1))
