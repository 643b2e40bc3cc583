// "Show the code" for the leave-one-out exercise: d2l 10.2's parametric attention pooling trained
// with and without leave-one-out, as d2l writes it (NWKernelRegression, SGD). A pure function of
// the widget's context (tests/node/show-code.test.mjs runs it in every language). Code stays code;
// its comments are the catalog's ('leave-one-out.code*' messages), so they read in the page's language.
import { nwKernelRegression, py, pythonCode, registerCodeGenerator, tensor } from '../shell/show-code.js';
import { t } from '../i18n.js';

const REDUCTION = { sum: 'l.sum()', 'half-sum': '0.5 * l.sum()', mean: 'l.mean()' };
/** A comment of the code in the page's language. */
const say = (key) => t(`leave-one-out.${key}`);

/**
 * leave-one-out: { xTrain, yTrain, xTest, yTest|null, w0, lr, epochs, reduction, epoch, own?: boolean }.
 * Trains w with and without leave-one-out as d2l 10.2 does and prints w and the loss per epoch,
 * then the predictions of both at the shown epoch. The training set is written literally (the
 * exercise takes at most 80 own rows, far below show-code.js's LITERAL_MAX).
 */
registerCodeGenerator('leave-one-out', (ctx) => pythonCode([
  `# ${say('codeTitle')}`,
  'import torch',
  'from torch import nn',
  '',
  `# ${say(ctx.own ? 'codeOwnData' : 'codeLabData')}`,
  tensor('x_train', ctx.xTrain),
  tensor('y_train', ctx.yTrain),
  tensor('x_test', ctx.xTest, say('codeQueries')),
  ctx.yTest ? tensor('y_truth', ctx.yTest, say('codeTruth')) : '',
  'n_train = len(x_train)',
  '',
  ...nwKernelRegression(),
  '',
  'def train(leave_one_out):',
  '    X_tile = x_train.repeat((n_train, 1))',
  '    Y_tile = y_train.repeat((n_train, 1))',
  `    if leave_one_out:  # ${say('codeLeaveOneOut')}`,
  '        mask = (1 - torch.eye(n_train)).type(torch.bool)',
  '        keys, values = X_tile[mask].reshape((n_train, -1)), Y_tile[mask].reshape((n_train, -1))',
  '    else:',
  '        keys, values = X_tile, Y_tile',
  `    net = NWKernelRegression(w0=${py(ctx.w0)})`,
  "    loss = nn.MSELoss(reduction='none')",
  `    trainer = torch.optim.SGD(net.parameters(), lr=${py(ctx.lr)})`,
  '    ws, losses = [], []',
  `    for epoch in range(${ctx.epochs} + 1):  # ${say('codeLastState')}`,
  '        trainer.zero_grad()',
  '        l = loss(net(x_train, keys, values), y_train)',
  `        total = ${REDUCTION[ctx.reduction]}`,
  '        ws.append(float(net.w))',
  '        losses.append(float(total))',
  "        print(f'leave_one_out={leave_one_out} epoch {epoch}, w {ws[-1]!r}, loss {losses[-1]!r}')",
  `        if epoch == ${ctx.epochs}:`,
  '            break',
  '        total.backward()',
  '        trainer.step()',
  '    return ws',
  '',
  'def predict(w, queries):',
  '    dists = queries.reshape((-1, 1)) - x_train.reshape((1, -1))',
  '    return nn.functional.softmax(-(dists * w)**2 / 2, dim=1) @ y_train',
  '',
  `epoch = ${ctx.epoch}  # ${say('codeEpochShown')}`,
  'for leave_one_out in (True, False):',
  '    ws = train(leave_one_out)',
  '    y_hat = predict(ws[epoch], x_test)',
  "    print(f'leave_one_out={leave_one_out} predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
  ctx.yTest ? "    print(f'leave_one_out={leave_one_out} mse', repr(float(((y_hat - y_truth)**2).mean())))" : '',
]));
