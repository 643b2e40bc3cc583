#!/usr/bin/python3
"""Cross-check of apl::looCurve / apl::selectWidth against statsmodels and a NumPy brute force.

statsmodels' KernelReg(reg_type='lc').cv_loo is CV(h) = (1/n) Σ (Y_i − g₋ᵢ(X_i))², the mean of
squared leave-one-out residuals, which is exactly the lab's LOO MSE (its Gaussian carries 1/√(2π),
which cancels in the Nadaraya–Watson ratio). statsmodels only has the Gaussian for continuous
data, so the other kernels and the 2-D Minkowski cases use the NumPy brute force, which is checked
against statsmodels for the Gaussian here. The global minimiser comes from a dense NumPy grid.

Usage: /usr/bin/python3 tools/crosscheck/loo_statsmodels.py > tests/fixtures/crosscheck_loo.json
"""
import json
import math
import sys

import numpy as np
import statsmodels
from statsmodels.nonparametric.kernel_regression import KernelReg

COMMAND = "/usr/bin/python3 tools/crosscheck/loo_statsmodels.py > tests/fixtures/crosscheck_loo.json"

KERNELS = {
    "gaussian": lambda r: np.exp(-r**2 / 2),
    "boxcar": lambda r: (r < 1).astype(float),
    "constant": lambda r: np.ones_like(r),
    "triangular": lambda r: np.maximum(0.0, 1 - r),
    "epanechnikov": lambda r: 0.75 * np.maximum(0.0, 1 - r**2),
}


def distances(x, p):
    d = np.abs(x[:, None, :] - x[None, :, :])
    return d.max(axis=-1) if math.isinf(p) else (d**p).sum(axis=-1) ** (1 / p)


def loo_numpy(x, y, kernel, p, h):
    r = distances(x, p) / h
    if kernel == "gaussian":  # max-subtracted, as a softmax: no 0/0 at tiny h
        s = -r**2 / 2
        np.fill_diagonal(s, -np.inf)
        k = np.exp(s - s.max(axis=1, keepdims=True))
    else:
        k = KERNELS[kernel](r)
        np.fill_diagonal(k, 0.0)
    total = k.sum(axis=1)
    undefined = int((total == 0).sum())
    if undefined:
        return None, undefined
    return float(np.mean((k @ y / total - y) ** 2)), 0


def main():
    ref = json.load(open("/work/shared/reference/parametric_training.json"))
    x1 = np.array(ref["data"]["x_train"])[:, None]
    y1 = np.array(ref["data"]["y_train"])
    rng = np.random.default_rng(7)
    x2 = rng.uniform(0, 5, size=(40, 2))
    y2 = 2 * np.sin(x2[:, 0]) + np.cos(1.5 * x2[:, 1]) + rng.normal(0, 0.5, size=40)

    widths = list(np.exp(np.linspace(np.log(0.02), np.log(5.0), 25)))
    curves = []
    sm_dev = 0.0
    for kernel in KERNELS:
        mse, undef = zip(*(loo_numpy(x1, y1, kernel, 2.0, h) for h in widths))
        curves.append({"data": "d2l_old_n50", "kernel": kernel, "p": 2.0, "mse": list(mse), "undefined": list(undef)})
        if kernel == "gaussian":
            reg = KernelReg(y1, x1, var_type="c", reg_type="lc", bw=[1.0])
            sm = [reg.cv_loo(np.array([h]), reg.est["lc"]) for h in widths]
            sm_dev = float(max(abs(float(a) - b) / b for a, b in zip(sm, mse)))
            assert sm_dev < 1e-10, sm_dev
    for p in (1.0, 2.0, math.inf):
        for kernel in ("gaussian", "epanechnikov"):
            mse, undef = zip(*(loo_numpy(x2, y2, kernel, p, h) for h in widths))
            curves.append({"data": "plane_n40", "kernel": kernel, "p": p if math.isfinite(p) else "Infinity",
                           "mse": list(mse), "undefined": list(undef)})

    # Global minimiser of the LOO MSE by a dense log grid (4001 widths) over a range wider than
    # any the lab searches; the lab's selectWidth must find the same basin.
    minima = []
    dense = np.exp(np.linspace(np.log(0.005), np.log(50.0), 4001))
    for data, x, y, p in (("d2l_old_n50", x1, y1, 2.0), ("plane_n40", x2, y2, 2.0), ("plane_n40", x2, y2, 1.0)):
        for kernel in ("gaussian", "triangular", "epanechnikov", "boxcar"):
            values = [loo_numpy(x, y, kernel, p, h)[0] for h in dense]
            values = [math.inf if v is None else v for v in values]
            k = int(np.argmin(values))
            minima.append({"data": data, "kernel": kernel, "p": p, "width": float(dense[k]), "mse": values[k],
                           "gridRatio": float(dense[1] / dense[0])})

    out = {
        "origin": "statsmodels " + statsmodels.__version__ + " KernelReg(reg_type='lc').cv_loo (gaussian) and a NumPy "
                  + np.__version__ + " brute force (all kernels; agrees with statsmodels to " + f"{sm_dev:.1e}"
                  + " relative), written by tools/crosscheck/loo_statsmodels.py; command: " + COMMAND,
        "tolerance": {"rtol": 1e-10, "atol": 1e-13},
        "data": {"d2l_old_n50": {"x": x1.tolist(), "y": y1.tolist()},
                 "plane_n40": {"x": x2.tolist(), "y": y2.tolist()}},
        "widths": widths,
        "curves": curves,
        "globalMinima": minima,
    }
    json.dump(out, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
