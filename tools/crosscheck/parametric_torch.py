#!/usr/bin/python3
"""Cross-check of apl::parametricLoss / apl::train against PyTorch autograd and torch.optim.

Covers what /work/shared/reference/parametric_training.json does not: after-square placement,
half-sum and mean reductions, Adam, one w per coordinate in 2-D, p = 1, 3, inf, the triangular,
Epanechnikov and Lenrek kernels before the square. The model is written here directly in torch
(no code shared with the C++ core); gradients come from autograd, trajectories from
torch.optim.SGD / torch.optim.Adam in float64.

Usage: /usr/bin/python3 tools/crosscheck/parametric_torch.py > tests/fixtures/crosscheck_parametric.json
"""
import json
import math
import sys

import numpy as np
import torch

torch.set_default_dtype(torch.float64)
COMMAND = "/usr/bin/python3 tools/crosscheck/parametric_torch.py > tests/fixtures/crosscheck_parametric.json"


def pnorm(u, p):
    if math.isinf(p):
        return u.abs().amax(dim=-1)
    return u.abs().pow(p).sum(dim=-1).pow(1.0 / p)


def predictions(x, y, w, m):
    n = x.shape[0]
    d = x[:, None, :] - x[None, :, :]  # query i (row) minus key j (column)
    mask = ~torch.eye(n, dtype=torch.bool) if m["leaveOneOut"] else torch.ones(n, n, dtype=torch.bool)
    if m["leaveOneOut"]:
        # The left-out diagonal is masked below; making its difference non-zero keeps autograd of
        # |u|^p at u = 0 from injecting 0 * inf = NaN into the gradient.
        d = d + torch.eye(n)[:, :, None]
    if m["placement"] == "after-square":
        if w.numel() == 1:
            score = -w[0] * pnorm(d, m["p"]) ** 2
        else:
            score = -(d**2 * w).sum(dim=-1)
        score = score.masked_fill(~mask, -math.inf)
        return torch.softmax(score, dim=1) @ y
    u = d * w  # w broadcasts: one entry or one per coordinate
    if m["kernel"] == "gaussian":
        r2 = (u**2).sum(dim=-1) if m["p"] == 2 else pnorm(u, m["p"]) ** 2
        score = (-r2 / 2).masked_fill(~mask, -math.inf)
        return torch.softmax(score, dim=1) @ y
    r = pnorm(u, m["p"])
    if m["kernel"] == "triangular":
        k = torch.clamp(1 - r, min=0)
    elif m["kernel"] == "epanechnikov":
        k = 0.75 * torch.clamp(1 - r**2, min=0)
    elif m["kernel"] == "lenrek":
        k = r + m["offset"]
    k = k * mask
    return (k @ y) / k.sum(dim=1)


def loss_fn(x, y, w, m):
    res = predictions(x, y, w, m) - y
    if m["reduction"] == "sum":
        return (res**2).sum()
    if m["reduction"] == "half-sum":
        return 0.5 * (res**2).sum()
    return (res**2).mean()


def model(kernel="gaussian", placement="before-square", p=2.0, reduction="sum", loo=True, offset=0.0):
    return {"kernel": kernel, "placement": placement, "p": p, "reduction": reduction,
            "leaveOneOut": loo, "offset": offset}


def loss_and_grad(x, y, w0, m):
    w = torch.tensor(w0, requires_grad=True)
    loss = loss_fn(x, y, w, m)
    loss.backward()
    return loss.item(), w.grad.tolist()


def trajectory(x, y, w0, m, lr, epochs, optimizer):
    w = torch.tensor(w0, requires_grad=True)
    opt = (torch.optim.SGD([w], lr=lr) if optimizer == "sgd"
           else torch.optim.Adam([w], lr=lr, betas=(0.9, 0.999), eps=1e-8))
    ws, losses, grads = [], [], []
    for e in range(epochs + 1):
        opt.zero_grad()
        loss = loss_fn(x, y, w, m)
        loss.backward()
        ws.append(w.detach().tolist())
        losses.append(loss.item())
        grads.append(w.grad.tolist())
        if e < epochs:
            opt.step()
    return ws, losses, grads


def jsonable(v):
    return None if isinstance(v, float) and not math.isfinite(v) else v


def main():
    ref = json.load(open("/work/shared/reference/parametric_training.json"))
    x1 = torch.tensor(ref["data"]["x_train"])[:, None]
    y1 = torch.tensor(ref["data"]["y_train"])
    # 2-D data: 30 points, fixed seed, anisotropic target so per-coordinate w matter.
    rng = np.random.default_rng(20240611)
    x2n = rng.uniform(0, 5, size=(30, 2))
    y2n = 2 * np.sin(x2n[:, 0]) + 0.3 * x2n[:, 1] + rng.normal(0, 0.3, size=30)
    x2, y2 = torch.tensor(x2n), torch.tensor(y2n)
    datasets = {"d2l_old_n50": (x1, y1), "plane_n30": (x2, y2)}

    runs = []
    def run(name, data, m, w0, lr, epochs, optimizer):
        ws, losses, grads = trajectory(*datasets[data], w0, m, lr, epochs, optimizer)
        runs.append({"name": name, "data": data, "model": m, "w0": w0, "lr": lr, "epochs": epochs,
                     "optimizer": optimizer, "w": ws, "loss": losses, "grad": grads})

    run("after-square sum sgd", "d2l_old_n50", model(placement="after-square"), [0.5], 0.02, 20, "sgd")
    run("after-square mean adam", "d2l_old_n50", model(placement="after-square", reduction="mean"), [-0.3], 0.5, 30, "adam")
    run("before-square half-sum sgd", "d2l_old_n50", model(reduction="half-sum"), [1.0], 0.5, 10, "sgd")
    run("before-square mean sgd", "d2l_old_n50", model(reduction="mean"), [1.0], 10.0, 20, "sgd")
    run("before-square sum adam", "d2l_old_n50", model(), [1.0], 0.5, 30, "adam")
    run("before-square sum adam no-loo", "d2l_old_n50", model(loo=False), [0.5], 0.3, 20, "adam")
    run("triangular before-square sum sgd", "d2l_old_n50", model(kernel="triangular"), [1.0], 0.005, 15, "sgd")
    run("epanechnikov before-square half-sum adam", "d2l_old_n50", model(kernel="epanechnikov", reduction="half-sum"), [0.5], 0.05, 15, "adam")
    run("2-D per-coordinate sgd", "plane_n30", model(reduction="mean"), [1.0, 1.0], 0.5, 20, "sgd")
    run("2-D per-coordinate adam", "plane_n30", model(), [1.0, 0.5], 0.2, 30, "adam")
    run("2-D per-coordinate after-square adam", "plane_n30", model(placement="after-square", reduction="half-sum"), [0.5, 0.5], 0.1, 30, "adam")
    run("2-D scalar p=1 sgd", "plane_n30", model(p=1.0, reduction="mean"), [1.0], 0.5, 20, "sgd")

    grads = []
    def grad(name, data, m, w):
        loss, g = loss_and_grad(*datasets[data], w, m)
        grads.append({"name": name, "data": data, "model": m, "w": w, "loss": jsonable(loss), "grad": [jsonable(v) for v in g]})

    for p in (1.0, 2.0, 3.0, math.inf):
        for kernel in ("gaussian", "triangular", "epanechnikov", "lenrek"):
            ps = "inf" if math.isinf(p) else str(p)
            compact = kernel in ("triangular", "epanechnikov")
            grad(f"{kernel} p={ps} per-coordinate", "plane_n30", model(kernel=kernel, p=p, offset=0.1 if kernel == "lenrek" else 0.0), [0.4, 0.6] if compact else [0.7, 1.3])
            grad(f"{kernel} p={ps} scalar", "plane_n30", model(kernel=kernel, p=p, reduction="half-sum"), [0.5] if compact else [0.6])
        grad(f"after-square p={ps} scalar", "plane_n30", model(placement="after-square", p=p), [0.4])
    grad("after-square per-coordinate", "plane_n30", model(placement="after-square", reduction="mean"), [0.4, -0.2])
    grad("after-square negative w", "d2l_old_n50", model(placement="after-square"), [-0.2])
    grad("gaussian 1-D no-loo", "d2l_old_n50", model(loo=False, reduction="mean"), [3.0])
    grad("lenrek 1-D (w cancels)", "d2l_old_n50", model(kernel="lenrek"), [2.0])
    # Undefined on purpose: at w = 3 some point has no neighbour within r < 1, so the loss is NaN.
    grad("triangular undefined", "plane_n30", model(kernel="triangular"), [3.0, 3.0])

    out = {
        "origin": "PyTorch " + torch.__version__ + " autograd and torch.optim (float64), written by "
                  "tools/crosscheck/parametric_torch.py; command: " + COMMAND,
        "tolerance": {"rtol": 1e-9, "atol": 1e-11},
        "data": {
            "d2l_old_n50": {"x": x1.tolist(), "y": y1.tolist()},
            "plane_n30": {"x": x2.tolist(), "y": y2.tolist()},
        },
        "runs": runs,
        "gradients": grads,
    }
    json.dump(out, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main()
