#!/usr/bin/python3
"""Cross-check of apl::dotProductAttention (and the unit-sphere identity) against NumPy and PyTorch.

Cases: random points in 1-D, 2-D and 3-D with several scales (softmax of qᵀk / scale computed by
torch.softmax in float64 and by a NumPy max-subtracted softmax); points on the unit circle where
Gaussian attention exp(−‖q − k‖²/(2σ²)) normalised over the keys (NumPy, from the distances) must
equal softmax(qᵀk/σ²); the same points with norms in [0.5, 1.5], where it must not. No code is
shared with the C++ core; the inputs are written into the fixture.

Usage: /usr/bin/python3 tools/crosscheck/dot_product_numpy.py > tests/fixtures/crosscheck_dot_product.json
"""
import json
import sys

import numpy as np
import torch

COMMAND = "/usr/bin/python3 tools/crosscheck/dot_product_numpy.py > tests/fixtures/crosscheck_dot_product.json"


def numpy_softmax_dot(q, k, scale):
    s = q @ k.T / scale
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


def torch_softmax_dot(q, k, scale):
    return torch.softmax(torch.from_numpy(q) @ torch.from_numpy(k).T / scale, dim=1).numpy()


def gaussian(q, k, width):
    d2 = ((q[:, None, :] - k[None, :, :]) ** 2).sum(axis=2)
    s = -d2 / (2 * width**2)
    s = s - s.max(axis=1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(axis=1, keepdims=True)


def main():
    rng = np.random.default_rng(20240311)
    cases = []
    for dim, nq, nk, scale in [(1, 4, 6, 1.0), (2, 5, 7, 0.3), (3, 3, 8, 2.5), (2, 4, 5, 1e-3)]:
        q = rng.normal(size=(nq, dim))
        k = rng.normal(size=(nk, dim))
        v = rng.normal(size=nk)
        w_np = numpy_softmax_dot(q, k, scale)
        w_t = torch_softmax_dot(q, k, scale)
        assert np.abs(w_np - w_t).max() < 1e-14
        cases.append({"dim": dim, "scale": scale, "queries": q.ravel().tolist(), "keys": k.ravel().tolist(),
                      "values": v.tolist(), "weights": w_t.ravel().tolist(), "predictions": (w_t @ v).tolist()})

    sphere = []
    for spread in [0.0, 0.5]:
        angles_k = rng.uniform(0, 2 * np.pi, size=12)
        angles_q = np.linspace(0, 2 * np.pi, 9, endpoint=False)
        rk = 1 + spread * rng.uniform(-1, 1, size=12)
        rq = 1 + spread * rng.uniform(-1, 1, size=9)
        k = np.stack([np.cos(angles_k), np.sin(angles_k)], axis=1) * rk[:, None]
        q = np.stack([np.cos(angles_q), np.sin(angles_q)], axis=1) * rq[:, None]
        for width in [0.3, 1.0]:
            g = gaussian(q, k, width)
            d = torch_softmax_dot(q, k, width**2)
            sphere.append({"spread": spread, "width": width, "queries": q.ravel().tolist(),
                           "keys": k.ravel().tolist(), "gaussian": g.ravel().tolist(), "dot": d.ravel().tolist(),
                           "maxAbsDifference": float(np.abs(g - d).max())})
    json.dump({
        "origin": f"NumPy {np.__version__} and PyTorch {torch.__version__} (float64), written by "
                  f"tools/crosscheck/dot_product_numpy.py; command: {COMMAND}",
        "tolerance": 1e-13,
        "cases": cases,
        "sphere": sphere,
    }, sys.stdout, indent=1)
    sys.stdout.write("\n")


main()
