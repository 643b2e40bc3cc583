#!/usr/bin/python3
"""Cross-check of apl::looCurvePerCoordinate (lab.looCurve({ perCoordinate: true })) against
statsmodels.

statsmodels' KernelReg(reg_type='lc', var_type='cc…').cv_loo(bw) is CV(h) = (1/n) Σ (Y_i − g₋ᵢ(X_i))²
with a product Gaussian kernel of one bandwidth per coordinate, Π_m φ((x_m − X_im)/h_m): exactly
the lab's Gaussian with the axis-aligned metric ‖(q − k) ∘ (1/h)‖₂ (the constants cancel in the
Nadaraya–Watson ratio). A NumPy brute force is computed too and must agree. The data are seeded
NumPy draws (2-D and 3-D, one coordinate irrelevant in 3-D), stored in the fixture.

Usage: /usr/bin/python3 tools/crosscheck/loo_per_coordinate_statsmodels.py > tests/fixtures/crosscheck_loo_per_coordinate.json
"""
import json
import sys

import numpy as np
import statsmodels
from statsmodels.nonparametric.kernel_regression import KernelReg

COMMAND = ("/usr/bin/python3 tools/crosscheck/loo_per_coordinate_statsmodels.py > "
           "tests/fixtures/crosscheck_loo_per_coordinate.json")


def loo_numpy(x, y, h):
    u = (x[:, None, :] - x[None, :, :]) / h  # n × n × d, scaled per coordinate
    s = -0.5 * (u**2).sum(axis=2)
    np.fill_diagonal(s, -np.inf)
    k = np.exp(s - s.max(axis=1, keepdims=True))
    return float(np.mean((k @ y / k.sum(axis=1) - y) ** 2))


def main():
    rng = np.random.default_rng(20261126)
    cases = []
    worst = 0.0
    for name, n, d in [("plane_n60", 60, 2), ("irrelevant_n50_d3", 50, 3)]:
        x = rng.uniform(0, 5, size=(n, d))
        y = 2 * np.sin(x[:, 0]) + (np.cos(1.5 * x[:, 1]) if d == 2 else 0.0) + rng.normal(0, 0.5, n)
        widths = rng.uniform(0.1, 3.0, size=(6, d))
        widths[0] = 0.5  # equal widths: the isotropic case
        reg = KernelReg(y, x, var_type="c" * d, reg_type="lc", bw=[1.0] * d)
        sm = [float(reg.cv_loo(h, reg.est["lc"])) for h in widths]
        npy = [loo_numpy(x, y, h) for h in widths]
        worst = max(worst, max(abs(a - b) / abs(b) for a, b in zip(sm, npy)))
        cases.append({"name": name, "x": x.tolist(), "y": y.tolist(), "widths": widths.tolist(), "mse": sm})
    assert worst < 1e-10, worst
    out = {
        "origin": "statsmodels " + statsmodels.__version__ + " KernelReg(reg_type='lc').cv_loo with one bandwidth per "
                  "coordinate, NumPy " + np.__version__ + " brute force agreeing to " + f"{worst:.1e}"
                  + " relative; written by tools/crosscheck/loo_per_coordinate_statsmodels.py; command: " + COMMAND,
        "tolerance": {"rtol": 1e-10, "atol": 1e-13},
        "cases": cases,
    }
    json.dump(out, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
