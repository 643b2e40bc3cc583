// The Lenrek "as posted", trained as posted: lab.train with normalize 'queries' against PyTorch
// (Debian's python3-torch) running the forum's attention weights,
//   torch.abs((queries-keys)*self.w) / torch.sum(torch.abs((queries - keys)*self.w), dim=(0)),
// inside d2l 10.2's training loop (sum loss, SGD). Origin of the expression: the d2l forum thread
// on attention pooling (copied here; the seed text is not read at test time). The queries/keys
// tensors are n × n (every training input against every key), the leave-one-out layout attend
// uses: with offset 0 the own key's weight |x_i − x_i|·|w| is 0 anyway; with an offset it is
// masked out. Autograd gives the gradient, so this checks the core's analytic one too.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { close, numbers, run } from './python.mjs';

const list = (a) => `[${Array.from(a, (v) => v.toPrecision(17)).join(', ')}]`;

/** d2l's loop around the forum's weights; prints w and the loss per epoch, and the last grad. */
const program = ({ x, y, w0, lr, epochs, offset }) => `
import torch
from torch import nn
torch.set_default_dtype(torch.float64)
x_train = torch.tensor(${list(x)})
y_train = torch.tensor(${list(y)})
n_train = len(x_train)

class NWKernelRegression(nn.Module):
    def __init__(self, w0, offset):
        super().__init__()
        self.w = nn.Parameter(torch.tensor([float(w0)]))
        self.offset = offset

    def forward(self, queries, keys, values, mask):
        if self.offset == 0:  # the forum's code, verbatim
            self.attention_weights = (
                torch.abs((queries-keys)*self.w)
                /torch.sum(torch.abs((queries - keys)*self.w), dim=(0))
            )
        else:  # with an offset the own key is no longer 0: leave it out explicitly
            k = (torch.abs((queries - keys) * self.w) + self.offset) * mask
            self.attention_weights = k / torch.sum(k, dim=(0))
        return torch.bmm(self.attention_weights.unsqueeze(1), values.unsqueeze(-1)).reshape(-1)

queries = x_train.reshape((-1, 1)).repeat((1, n_train))
keys = x_train.repeat((n_train, 1))
values = y_train.repeat((n_train, 1))
mask = 1.0 - torch.eye(n_train)
net = NWKernelRegression(${w0}, ${offset})
loss = nn.MSELoss(reduction='none')
trainer = torch.optim.SGD(net.parameters(), lr=${lr})
ws, losses, grads = [], [], []
for epoch in range(${epochs} + 1):
    trainer.zero_grad()
    l = loss(net(queries, keys, values, mask), y_train).sum()
    l.backward()
    ws.append(float(net.w))
    losses.append(float(l))
    grads.append(float(net.w.grad))
    if epoch == ${epochs}:
        break
    trainer.step()
print('w', ' '.join(repr(v) for v in ws))
print('loss', ' '.join(repr(v) for v in losses))
print('grad', ' '.join(repr(v) for v in grads))
`;

async function compare(settings) {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', seed: 0 });
  const opts = { ...settings, x: d.xTrain, y: d.yTrain };
  const out = run(program(opts));
  const r = lab.train({ x: d.xTrain, y: d.yTrain, kernel: 'lenrek', offset: settings.offset, normalize: 'queries',
    w0: settings.w0, lr: settings.lr, epochs: settings.epochs });
  close(numbers(out, 'w'), Array.from(r.w), 'w', 1e-12);
  close(numbers(out, 'loss'), Array.from(r.loss), 'loss', 1e-12);
  // Gradients are compared absolutely at the loss's scale (as posted they are 0 up to rounding).
  const scale = Math.max(...r.loss);
  const grads = numbers(out, 'grad');
  for (let e = 0; e < grads.length; e++) assert.ok(Math.abs(grads[e] - r.grad[e]) <= 1e-12 * scale, `grad[${e}]: ${grads[e]} vs ${r.grad[e]}`);
  return { r, d, lab };
}

test('lenrek as posted (offset 0, over queries): the forum code in PyTorch gives the same run to 1e-12, and w never moves', async () => {
  const { r, d, lab } = await compare({ w0: 2, lr: 0.02, epochs: 30, offset: 0 });
  assert.ok(r.w.every((w) => Math.abs(w - 2) < 1e-12), 'w stays at w0: |w| cancels');
  // The run is over queries, not over keys: its loss differs from the keys normalisation's.
  const keys = lab.train({ x: d.xTrain, y: d.yTrain, kernel: 'lenrek', w0: 2, lr: 0.02, epochs: 0 });
  assert.ok(Math.abs(keys.loss[0] - r.loss[0]) > 1e-3 * r.loss[0], `${keys.loss[0]} vs ${r.loss[0]}`);
});

test('lenrek over queries with an offset: PyTorch autograd and the analytic gradient agree along a moving run', async () => {
  const { r } = await compare({ w0: 1.5, lr: 0.001, epochs: 20, offset: 0.5 });
  assert.ok(Math.abs(r.w[20] - r.w[0]) > 1e-3, `w moves: ${r.w[0]} → ${r.w[20]}`);
});
