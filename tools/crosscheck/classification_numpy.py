#!/usr/bin/python3
"""Cross-check of apl::classify against NumPy, SciPy and statsmodels.

Posteriors: Nadaraya–Watson over one-hot values in NumPy (the Gaussian as a max-subtracted
softmax). Parzen joint densities p̂(x, y = c) = (1/n') Σ_{yᵢ=c} k(‖(x − xᵢ)/h‖_p) / (c·Π h_m), with
the normalising constant c = ∫_{R^d} k(‖z‖_p) dz taken from the closed form
vol_p(d)·d·∫₀^∞ r^(d−1) k(r) dr and checked here against (a) SciPy adaptive quadrature of
∫ k(‖z‖_p) dz in 1-D and 2-D, (b) statsmodels KDEMultivariate for the Gaussian with p = 2
(a product of 1-D Gaussians) and (c) the product of 1-D uniform densities for the boxcar with
p = ∞. n' = n, or n − 1 with leave-one-out.

Usage: /usr/bin/python3 tools/crosscheck/classification_numpy.py > tests/fixtures/crosscheck_classification.json
"""
import json
import math
import sys

import numpy as np
import scipy
import statsmodels
from scipy import integrate
from scipy.special import gamma
from statsmodels.nonparametric.kernel_density import KDEMultivariate

COMMAND = ("/usr/bin/python3 tools/crosscheck/classification_numpy.py > "
           "tests/fixtures/crosscheck_classification.json")

KERNELS = {
    "gaussian": lambda r: np.exp(-np.asarray(r, dtype=float) ** 2 / 2),
    "boxcar": lambda r: (np.asarray(r) < 1).astype(float),
    "triangular": lambda r: np.maximum(0.0, 1 - np.asarray(r, dtype=float)),
    "epanechnikov": lambda r: 0.75 * np.maximum(0.0, 1 - np.asarray(r, dtype=float) ** 2),
}
RADIAL = {  # ∫₀^∞ r^(d−1) k(r) dr
    "gaussian": lambda d: 2 ** (d / 2 - 1) * gamma(d / 2),
    "boxcar": lambda d: 1 / d,
    "triangular": lambda d: 1 / d - 1 / (d + 1),
    "epanechnikov": lambda d: 0.75 * (1 / d - 1 / (d + 2)),
}


def norm(z, p):
    z = np.abs(z)
    return z.max(axis=-1) if math.isinf(p) else (z**p).sum(axis=-1) ** (1 / p)


def constant(kernel, d, p):
    vol = 2.0**d if math.isinf(p) else (2 * gamma(1 + 1 / p)) ** d / gamma(1 + d / p)
    return vol * d * RADIAL[kernel](d)


def quadrature_constant(kernel, d, p):
    k = KERNELS[kernel]
    reach = 12.0 if kernel == "gaussian" else 1.0
    if d == 1:
        return 2 * integrate.quad(lambda t: float(k(t)), 0, reach, limit=200, points=[1.0] if reach > 1 else None)[0]
    # 2-D: the first quadrant times 4. Compact kernels: the inner integral stops on the unit
    # p-sphere, b = (1 − a^p)^(1/p), so the integrand is continuous on the domain of integration.
    def upper(a):
        if kernel == "gaussian" or math.isinf(p):
            return reach
        return max(0.0, 1 - a**p) ** (1 / p)

    def inner(a):
        return integrate.quad(lambda b: float(k(norm(np.array([a, b]), p))), 0, upper(a), limit=200,
                              epsabs=1e-13, epsrel=1e-11)[0]
    return 4 * integrate.quad(inner, 0, reach, limit=200, epsabs=1e-13, epsrel=1e-11)[0]


def nw_posteriors(x, classes_idx, C, q, kernel, p, h, loo):
    r = norm((q[:, None, :] - x[None, :, :]) / h, p)
    if kernel == "gaussian":
        s = -r**2 / 2
        if loo:
            np.fill_diagonal(s, -np.inf)
        k = np.exp(s - s.max(axis=1, keepdims=True))
    else:
        k = KERNELS[kernel](r)
        if loo:
            np.fill_diagonal(k, 0.0)
    onehot = np.eye(C)[classes_idx]
    total = k.sum(axis=1)
    post = (k @ onehot) / np.where(total > 0, total, np.nan)[:, None]
    return post


def parzen(x, classes_idx, C, q, kernel, p, h, loo):
    d = x.shape[1]
    r = norm((q[:, None, :] - x[None, :, :]) / h, p)
    k = KERNELS[kernel](r)
    if loo:
        np.fill_diagonal(k, 0.0)
    n_eff = x.shape[0] - (1 if loo else 0)
    hprod = float(np.prod(h)) if np.size(h) > 1 else float(h) ** d
    return (k @ np.eye(C)[classes_idx]) / (constant(kernel, d, p) * hprod * n_eff)


def nulls(a):
    return [[None if not np.isfinite(v) else float(v) for v in row] for row in a]


def main():
    rng = np.random.default_rng(11)
    # 1-D two classes (labels −1, +1) and 2-D three classes (labels 0, 3, 7).
    x1 = np.concatenate([rng.normal(1.6, 0.6, 12), rng.normal(3.3, 0.8, 10)])[:, None]
    l1 = np.array([-1] * 12 + [1] * 10)
    x2 = np.concatenate([rng.normal([0, 0], 0.7, (10, 2)), rng.normal([2, 1], 0.7, (10, 2)),
                         rng.normal([0.5, 2.5], 0.7, (8, 2))])
    l2 = np.array([0] * 10 + [3] * 10 + [7] * 8)
    q1 = np.linspace(-0.5, 5.5, 13)[:, None]
    q2 = np.stack([np.linspace(-1, 3, 9), np.linspace(3, -0.5, 9)], axis=1)
    datasets = {"1d_two": (x1, l1, q1), "2d_three": (x2, l2, q2)}

    # (a) the closed-form constant against quadrature
    const_dev = 0.0
    for kernel in KERNELS:
        for d in (1, 2):
            for p in (1.0, 2.0, 3.0, math.inf):
                a, b = constant(kernel, d, p), quadrature_constant(kernel, d, p)
                const_dev = max(const_dev, abs(a - b) / b)
    assert const_dev < 1e-6, const_dev

    cases = []
    sm_dev, box_dev = 0.0, 0.0
    for name, (x, labels, q) in datasets.items():
        classes = sorted(set(labels.tolist()))
        idx = np.array([classes.index(v) for v in labels])
        C = len(classes)
        for kernel in KERNELS:
            for p in ((1.0, 2.0, math.inf) if x.shape[1] > 1 else (2.0,)):  # 1-D: p is moot
                for h in ([0.6], [0.3] if x.shape[1] == 1 else [0.5, 0.9]):
                    for loo in (False, True):
                        qq = x if loo else q
                        hh = np.array(h)
                        post = nw_posteriors(x, idx, C, qq, kernel, p, hh, loo)
                        dens = parzen(x, idx, C, qq, kernel, p, hh, loo)
                        if kernel == "gaussian" and p == 2.0 and not loo:
                            for c in range(C):
                                sel = x[idx == c]
                                bw = list(hh) * (x.shape[1] if len(hh) == 1 else 1)
                                kde = KDEMultivariate(sel, var_type="c" * x.shape[1], bw=bw)
                                ref = kde.pdf(qq) * len(sel) / len(x)
                                sm_dev = max(sm_dev, float(np.max(np.abs(ref - dens[:, c]) / np.maximum(ref, 1e-300))))
                        if kernel == "boxcar" and math.isinf(p) and not loo:
                            hv = hh if len(hh) > 1 else np.repeat(hh, x.shape[1])
                            inside = np.all(np.abs(qq[:, None, :] - x[None, :, :]) < hv, axis=-1)
                            ref = (inside @ np.eye(C)[idx]) / (len(x) * np.prod(2 * hv))
                            box_dev = max(box_dev, float(np.max(np.abs(ref - dens))))
                        cases.append({"data": name, "kernel": kernel, "p": "Infinity" if math.isinf(p) else p,
                                      "widths": h, "leaveOneOut": loo, "classes": classes,
                                      "posteriors": nulls(post), "parzen": nulls(dens)})
    assert sm_dev < 1e-10 and box_dev < 1e-12, (sm_dev, box_dev)

    out = {
        "origin": f"NumPy {np.__version__} (posteriors, Parzen densities); closed-form constants agree with SciPy "
                  f"{scipy.__version__} quadrature to {const_dev:.1e} relative (1-D, 2-D, p = 1, 2, 3, inf); Gaussian p = 2 "
                  f"densities agree with statsmodels {statsmodels.__version__} KDEMultivariate to {sm_dev:.1e} relative; "
                  f"boxcar p = inf with products of 1-D uniforms to {box_dev:.1e}. Written by "
                  "tools/crosscheck/classification_numpy.py; command: " + COMMAND,
        "tolerance": {"rtol": 1e-10, "atol": 1e-14},
        "data": {name: {"x": x.tolist(), "labels": labels.tolist(), "queries": q.tolist()}
                 for name, (x, labels, q) in datasets.items()},
        "cases": cases,
    }
    json.dump(out, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
