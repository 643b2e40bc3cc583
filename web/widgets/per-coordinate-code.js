// "Show the code" for the per-coordinate exercise: one w per coordinate, trained on the
// leave-one-out mean squared error with autograd and torch.optim, in d2l 10.2's style. A pure
// function of the widget's context (tests/node/show-code-parametric.test.mjs runs it).
// The comments are in the reader's language (web/i18n/<lang>/per-coordinate.json, keys code*);
// the code and what it prints are the same in every language.
import { py, pythonCode, registerCodeGenerator, tensor } from '../shell/show-code.js';
import { t } from '../i18n.js';

/** A comment line (a catalog message). */
const comment = (text) => `# ${text}`;
/** A comment at the end of a line of code. */
const note = (text) => `  # ${text}`;

/**
 * per-coordinate: { x (n·dim, flat), y, dim, xTest (flat), yTest|null, w0, lr, epochs,
 * optimizer: 'sgd'|'adam', own?: boolean, irrelevant?: boolean }.
 */
registerCodeGenerator('per-coordinate', (ctx) => pythonCode([
  comment(t('per-coordinate.codeHeader')),
  'import torch',
  '',
  comment(ctx.own ? t('per-coordinate.codeOwn') : t('per-coordinate.codeData')),
  ctx.irrelevant ? comment(t('per-coordinate.codeIrrelevant')) : '',
  `dim = ${ctx.dim}`,
  tensor('x_train', ctx.x),
  `x_train = x_train.reshape(-1, dim)${note(t('per-coordinate.codeRows'))}`,
  tensor('y_train', ctx.y),
  tensor('x_val', ctx.xTest, t('per-coordinate.codeGrid')),
  'x_val = x_val.reshape(-1, dim)',
  ctx.yTest ? tensor('y_val', ctx.yTest, t('per-coordinate.codeTruth')) : '',
  '',
  'def predict(queries, w, leave_one_out=False):',
  `    d = queries[:, None, :] - x_train[None, :, :]${note(t('per-coordinate.codeShape'))}`,
  `    scores = -((d * w)**2).sum(-1) / 2${note(t('per-coordinate.codeGaussian'))}`,
  `    if leave_one_out:${note(t('per-coordinate.codeLeaveOut'))}`,
  "        scores = scores.masked_fill(torch.eye(len(x_train), dtype=torch.bool), -float('inf'))",
  '    return torch.softmax(scores, dim=1) @ y_train',
  '',
  `w = torch.full((dim,), ${py(ctx.w0)}, dtype=torch.float64, requires_grad=True)`,
  ctx.optimizer === 'adam' ? `trainer = torch.optim.Adam([w], lr=${py(ctx.lr)})` : `trainer = torch.optim.SGD([w], lr=${py(ctx.lr)})`,
  'losses = []',
  `for epoch in range(${ctx.epochs} + 1):`,
  `    loss = ((predict(x_train, w, leave_one_out=True) - y_train)**2).mean()${note(t('per-coordinate.codeLooMse'))}`,
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
    `    print('mse', repr(float(((predict(x_val, w) - y_val)**2).mean())))${note(t('per-coordinate.codeTestError'))}`,
  ].join('\n') : '',
]));
