// "Show the code" for the more-data exercise: the current fit as PyTorch (d2l style), a pure
// function of the widget's context so node can run it (tests/node/show-code-more-data.test.mjs).
import { LITERAL_MAX, NW_KERNEL_REGRESSION, py, registerCodeGenerator, tensor } from '../shell/show-code.js';

/** The training data: literal for small n, else read from the CSV the Export bar saves. */
function trainingData(ctx) {
  if (ctx.xTrain.length <= LITERAL_MAX) return `${tensor('x_train', ctx.xTrain)}\n${tensor('y_train', ctx.yTrain)}`;
  return [
    `# ${ctx.xTrain.length} training points: too many to print here. Save them with the page's`,
    '# "Export: training data (CSV)" button as more-data-data.csv, next to this notebook.',
    'import numpy as np',
    "data = torch.tensor(np.loadtxt('more-data-data.csv', delimiter=',', skiprows=1), dtype=torch.float64)",
    'x_train, y_train = data[:, 0], data[:, 1]',
  ].join('\n');
}

/** How the width h is set, per fit shown (nonparametric fits only). */
const WIDTH = {
  fixed: (ctx) => `h = ${py(ctx.width)}  # the fixed width`,
  shrinking: (ctx) => `c = ${py(ctx.c)}\nh = c * n_train ** (-1 / 5)  # the shrinking width c n^(-1/5): h -> 0 and n h -> infinity`,
  loo: (ctx) => `h = ${py(ctx.looWidth)}  # the width leave-one-out cross-validation selects on these training data (the lab's selectWidth)`,
};

/** d2l 10.2's parametric recipe: w trained with leave-one-out keys, SGD, the sum or the mean loss. */
const parametric = (ctx) => [
  ...NW_KERNEL_REGRESSION,
  '',
  'X_tile = x_train.repeat((n_train, 1))',
  'Y_tile = y_train.repeat((n_train, 1))',
  'mask = (1 - torch.eye(n_train)).type(torch.bool)  # every training input leaves itself out',
  'keys, values = X_tile[mask].reshape((n_train, -1)), Y_tile[mask].reshape((n_train, -1))',
  `net = NWKernelRegression(w0=${py(ctx.w0)})`,
  "loss = nn.MSELoss(reduction='none')",
  `trainer = torch.optim.SGD(net.parameters(), lr=${py(ctx.lr)})`,
  'ws = []',
  `for epoch in range(${ctx.epochs} + 1):  # the lab also records the state after the last step`,
  '    trainer.zero_grad()',
  '    l = loss(net(x_train, keys, values), y_train)',
  `    total = ${ctx.fit === 'mean' ? 'l.mean()  # the mean loss: the same step size for every n' : "l.sum()  # d2l's sum loss: its gradient, and so the step, grows with n"}`,
  '    ws.append(float(net.w))',
  `    if epoch == ${ctx.epochs}:`,
  '        break',
  '    total.backward()',
  '    trainer.step()',
  "print('w', ' '.join(repr(v) for v in ws))",
  'w = ws[-1]',
  'dists = x_test.reshape((-1, 1)) - x_train.reshape((1, -1))  # queries x keys',
  'y_hat = nn.functional.softmax(-(dists * w)**2 / 2, dim=1) @ y_train  # a Gaussian of width 1/|w|',
].join('\n');

/**
 * more-data: { xTrain, yTrain, xTest, yTest|null, own?: boolean, fit ('fixed'|'shrinking'|'loo'|
 * 'sum'|'mean'), width, c, looWidth, w0, lr, epochs, pending?: boolean }.
 * Prints the fit's width (or w per epoch), its predictions at the test inputs and its error.
 */
registerCodeGenerator('more-data', (ctx) => {
  if (ctx.pending) return '# The fit shown is still being computed: open this again when it is drawn.\n';
  const trained = ctx.fit === 'sum' || ctx.fit === 'mean';
  return [
    '# More training data (d2l 10.2, exercise 1): the fit shown, at the lab\'s current state.',
    'import torch',
    trained ? 'from torch import nn' : '',
    '',
    ctx.own ? '# Your own data (from the page).' : '# The lab\'s data (d2l 10.2: y = 2 sin(x) + x**0.8 + noise), exactly as on the page.',
    trainingData(ctx),
    tensor('x_test', ctx.xTest, 'the test inputs (queries)'),
    ctx.yTest ? tensor('y_truth', ctx.yTest, 'the noise-free truth at the test inputs') : '# (no noise-free truth for your own data: the error against it is undefined)',
    'n_train = len(x_train)',
    '',
    trained ? parametric(ctx) : [
      WIDTH[ctx.fit](ctx),
      "print('h', repr(h))",
      '',
      '# Nadaraya-Watson with d2l\'s Gaussian kernel: a softmax over the keys.',
      'dists = x_test.reshape((-1, 1)) - x_train.reshape((1, -1))  # queries x keys',
      'attention_w = torch.softmax(-(dists / h)**2 / 2, dim=1)',
      'y_hat = attention_w @ y_train',
    ].join('\n'),
    "print('predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
    ctx.yTest ? "print('mse', repr(float(((y_hat - y_truth)**2).mean())))" : '',
  ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n') + '\n';
});
