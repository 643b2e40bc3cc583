// "Show the code" for the per-coordinate exercise: one w per coordinate, trained on the
// leave-one-out mean squared error with autograd and torch.optim, in d2l 10.2's style. A pure
// function of the widget's context (tests/node/show-code-parametric.test.mjs runs it).
import { py, registerCodeGenerator, tensor } from '../shell/show-code.js';

/**
 * per-coordinate: { x (n·dim, flat), y, dim, xTest (flat), yTest|null, w0, lr, epochs,
 * optimizer: 'sgd'|'adam', own?: boolean, irrelevant?: boolean }.
 */
registerCodeGenerator('per-coordinate', (ctx) => [
  "# A width per coordinate learned by gradient descent on the leave-one-out error, the lab's current state.",
  'import torch',
  '',
  ctx.own ? '# Your own data (from the page).' : "# The lab's data (y = 2 sin(x1) + cos(1.5 x2) + noise), exactly as on the page.",
  ctx.irrelevant ? '# The last coordinate is irrelevant: drawn independently of y.' : '',
  `dim = ${ctx.dim}`,
  tensor('x_train', ctx.x),
  'x_train = x_train.reshape(-1, dim)  # one row per point',
  tensor('y_train', ctx.y),
  tensor('x_val', ctx.xTest, 'the queries (a grid)'),
  'x_val = x_val.reshape(-1, dim)',
  ctx.yTest ? tensor('y_val', ctx.yTest, 'the noise-free truth at the queries') : '',
  '',
  'def predict(queries, w, leave_one_out=False):',
  '    d = queries[:, None, :] - x_train[None, :, :]  # queries x keys x coordinates',
  '    scores = -((d * w)**2).sum(-1) / 2  # a Gaussian of width 1/|w_m| along coordinate m',
  '    if leave_one_out:  # point i is predicted from the others only',
  "        scores = scores.masked_fill(torch.eye(len(x_train), dtype=torch.bool), -float('inf'))",
  '    return torch.softmax(scores, dim=1) @ y_train',
  '',
  `w = torch.full((dim,), ${py(ctx.w0)}, dtype=torch.float64, requires_grad=True)`,
  ctx.optimizer === 'adam' ? `trainer = torch.optim.Adam([w], lr=${py(ctx.lr)})` : `trainer = torch.optim.SGD([w], lr=${py(ctx.lr)})`,
  'losses = []',
  `for epoch in range(${ctx.epochs} + 1):`,
  '    loss = ((predict(x_train, w, leave_one_out=True) - y_train)**2).mean()  # = the LOO MSE',
  '    losses.append(loss.item())',
  `    if epoch == ${ctx.epochs}:`,
  '        break',
  '    trainer.zero_grad()',
  '    loss.backward()',
  '    trainer.step()',
  '',
  "print('w', ' '.join(repr(v) for v in w.tolist()))",
  "print('widths', ' '.join(repr(v) for v in (1 / w.abs()).tolist()))",
  "print('loss', ' '.join(repr(v) for v in losses))",
  ctx.yTest ? [
    'with torch.no_grad():',
    "    print('mse', repr(float(((predict(x_val, w) - y_val)**2).mean())))  # error against the truth",
  ].join('\n') : '',
].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n') + '\n');
