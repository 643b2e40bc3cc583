// "Show the code" for the more-data exercise: the current fit as PyTorch (d2l style), a pure
// function of the widget's context (and of the page's language, for its comments and the CSV's
// name) so node can run it (tests/node/show-code-more-data.test.mjs).
import { nwKernelRegression, py, pythonCode, registerCodeGenerator, tensor, trainingData } from '../shell/show-code.js';
import { t } from '../i18n.js';

/** A catalog message as Python comment lines (code stays code; its comments are the reader's language). */
const comment = (key, params) => t(`more-data.code.${key}`, params).split('\n').map((line) => `# ${line}`).join('\n');
/** A message for a trailing comment (`code  # …`). */
const note = (key, params) => t(`more-data.code.${key}`, params);

/** The training data, read from the CSV the Export bar saves (web/widgets/more-data.js) when there are many. */
function dataCode(ctx) {
  const file = t('more-data.file.data');
  return trainingData(ctx, file, comment('tooMany', { n: String(ctx.xTrain.length), button: t('more-data.csv.data'), file }));
}

/** How the width h is set, per fit shown (nonparametric fits only). */
const WIDTH = {
  fixed: (ctx) => `h = ${py(ctx.width)}  # ${note('fixed')}`,
  shrinking: (ctx) => `c = ${py(ctx.c)}\nh = c * n_train ** (-1 / 5)  # ${note('shrinking')}`,
  loo: (ctx) => `h = ${py(ctx.looWidth)}  # ${note('loo')}`,
};

/** d2l 10.2's parametric recipe: w trained with leave-one-out keys, SGD, the sum or the mean loss. */
const parametric = (ctx) => [
  ...nwKernelRegression(),
  '',
  'X_tile = x_train.repeat((n_train, 1))',
  'Y_tile = y_train.repeat((n_train, 1))',
  `mask = (1 - torch.eye(n_train)).type(torch.bool)  # ${note('leaveOut')}`,
  'keys, values = X_tile[mask].reshape((n_train, -1)), Y_tile[mask].reshape((n_train, -1))',
  `net = NWKernelRegression(w0=${py(ctx.w0)})`,
  "loss = nn.MSELoss(reduction='none')",
  `trainer = torch.optim.SGD(net.parameters(), lr=${py(ctx.lr)})`,
  'ws = []',
  `for epoch in range(${ctx.epochs} + 1):  # ${note('lastStep')}`,
  '    trainer.zero_grad()',
  '    l = loss(net(x_train, keys, values), y_train)',
  `    total = ${ctx.fit === 'mean' ? `l.mean()  # ${note('meanLoss')}` : `l.sum()  # ${note('sumLoss')}`}`,
  '    ws.append(float(net.w))',
  `    if epoch == ${ctx.epochs}:`,
  '        break',
  '    total.backward()',
  '    trainer.step()',
  "print('w', ' '.join(repr(v) for v in ws))",
  'w = ws[-1]',
  `dists = x_test.reshape((-1, 1)) - x_train.reshape((1, -1))  # ${note('queriesKeys')}`,
  `y_hat = nn.functional.softmax(-(dists * w)**2 / 2, dim=1) @ y_train  # ${note('gaussianW')}`,
].join('\n');

/**
 * more-data: { xTrain, yTrain, xTest, yTest|null, own?: boolean, fit ('fixed'|'shrinking'|'loo'|
 * 'sum'|'mean'), width, c, looWidth, w0, lr, epochs, pending?: boolean }.
 * Prints the fit's width (or w per epoch), its predictions at the test inputs and its error.
 */
registerCodeGenerator('more-data', (ctx) => {
  if (ctx.pending) return `${comment('pending')}\n`;
  const trained = ctx.fit === 'sum' || ctx.fit === 'mean';
  return pythonCode([
    comment('title'),
    'import torch',
    trained ? 'from torch import nn' : '',
    '',
    comment(ctx.own ? 'own' : 'generated'),
    dataCode(ctx),
    tensor('x_test', ctx.xTest, note('queries')),
    ctx.yTest ? tensor('y_truth', ctx.yTest, note('truth')) : comment('noTruth'),
    'n_train = len(x_train)',
    '',
    trained ? parametric(ctx) : [
      WIDTH[ctx.fit](ctx),
      "print('h', repr(h))",
      '',
      comment('softmax'),
      `dists = x_test.reshape((-1, 1)) - x_train.reshape((1, -1))  # ${note('queriesKeys')}`,
      'attention_w = torch.softmax(-(dists / h)**2 / 2, dim=1)',
      'y_hat = attention_w @ y_train',
    ].join('\n'),
    "print('predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
    ctx.yTest ? "print('mse', repr(float(((y_hat - y_truth)**2).mean())))" : '',
  ]);
});
