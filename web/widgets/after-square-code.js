// "Show the code" for the after-square exercise: d2l 10.2's parametric pooling trained twice, w
// before and after the square, in PyTorch (autograd and torch.optim), as d2l writes its training
// loop. A pure function of the widget's context (tests/node/show-code-parametric.test.mjs runs it in
// every language). Code stays code; its comments are the catalog's ('after-square.code*' messages).
import { py, pythonCode, registerCodeGenerator, tensor } from '../shell/show-code.js';
import { t } from '../i18n.js';

/** A comment of the code in the page's language. */
const say = (key) => t(`after-square.${key}`);

/**
 * after-square: { xTrain, yTrain, xTest, yTest|null, w0 (before the square), lr, epochs,
 * optimizer: 'sgd'|'adam', loo: boolean, own?: boolean }.
 */
registerCodeGenerator('after-square', (ctx) => pythonCode([
  `# ${say('codeTitle')}`,
  'import torch',
  '',
  `# ${say(ctx.own ? 'codeOwnData' : 'codeLabData')}`,
  tensor('x_train', ctx.xTrain),
  tensor('y_train', ctx.yTrain),
  tensor('x_val', ctx.xTest, say('codeQueries')),
  ctx.yTest ? tensor('y_val', ctx.yTest, say('codeTruth')) : '',
  '',
  'def scores(queries, keys, w, placement):',
  `    d = queries.reshape((-1, 1)) - keys.reshape((1, -1))  # ${say('codeShape')}`,
  "    if placement == 'before':",
  `        return -((d * w)**2) / 2  # ${say('codeBefore')}`,
  `    return -(d**2) * w  # ${say('codeAfter')}`,
  '',
  'def predict(queries, w, placement, leave_one_out=False):',
  '    s = scores(queries, x_train, w, placement)',
  `    if leave_one_out:  # ${say('codeLeaveOneOut')}`,
  "        s = s.masked_fill(torch.eye(len(x_train), dtype=torch.bool), -float('inf'))",
  '    attention_weights = torch.softmax(s, dim=1)',
  '    return attention_weights @ y_train',
  '',
  'def train(placement, w0):',
  '    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)',
  ctx.optimizer === 'adam'
    ? `    trainer = torch.optim.Adam([w], lr=${py(ctx.lr)})`
    : `    trainer = torch.optim.SGD([w], lr=${py(ctx.lr)})`,
  '    ws, losses = [], []',
  `    for epoch in range(${ctx.epochs} + 1):`,
  `        loss = ((predict(x_train, w, placement, leave_one_out=${ctx.loo ? 'True' : 'False'}) - y_train)**2).sum()`,
  '        ws.append(w.item())',
  '        losses.append(loss.item())',
  `        if epoch == ${ctx.epochs}:`,
  '            break',
  '        trainer.zero_grad()',
  '        loss.backward()',
  '        trainer.step()',
  '    return w.detach(), ws, losses',
  '',
  `w0 = ${py(ctx.w0)}`,
  `for placement, start in (('before', w0), ('after', w0**2 / 2)):  # ${say('codeSameModel')}`,
  '    w, ws, losses = train(placement, start)',
  "    print(placement, 'w', ' '.join(repr(v) for v in ws))",
  "    print(placement, 'loss', ' '.join(repr(v) for v in losses))",
  '    with torch.no_grad():',
  '        y_hat = predict(x_val, w, placement)',
  ctx.yTest ? `    print(placement, 'mse', repr(float(((y_hat - y_val)**2).mean())))  # ${say('codeError')}` : "    print(placement, 'predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
]));
