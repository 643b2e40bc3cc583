// "Show the code" for the Lenrek exercise: the current state as PyTorch (d2l style), a pure
// function of the widget's context so node can run it (tests/node/show-code-lenrek.test.mjs).
// The comments are in the reader's language (web/i18n/<lang>/lenrek.json, keys code*); the code
// and what it prints stay as they are, so that the test reads the same output in every language.
import { py, pythonCode, registerCodeGenerator, tensor, trainingData } from '../shell/show-code.js';
import { t } from '../i18n.js';

/** A comment of one or more lines (a catalog message): every line starts with '# '. */
const comment = (text) => text.split('\n').map((line) => `# ${line}`).join('\n');
/** A comment at the end of a line of code. */
const note = (text) => `  # ${text}`;

/** The training data, read from the CSV the Export bar saves when there are many. */
function dataCode(ctx) {
  const file = t('lenrek.fileData');
  return trainingData(ctx, file, comment(t('lenrek.codeTooMany', { n: String(ctx.xTrain.length), file, button: t('lenrek.csvData') })));
}

/**
 * lenrek: { xTrain, yTrain, xTest, yTest|null, normalize ('keys'|'queries'), xstar, gwidth,
 * offset, w0, lr, epochs, epoch, own?: boolean }.
 * Prints the Lenrek and Gaussian predictions, the watched query's prediction under both
 * normalisations, then w and the loss per epoch trained as posted (offset 0, over queries) and
 * with the offset (over keys),
 * and both trained fits at the shown epoch.
 */
registerCodeGenerator('lenrek', (ctx) => pythonCode([
  comment(t('lenrek.codeHeader')),
  'import torch',
  'from torch import nn',
  '',
  comment(ctx.own ? t('lenrek.codeOwn') : t('lenrek.codeData')),
  dataCode(ctx),
  tensor('x_test', ctx.xTest, t('lenrek.codeQueries')),
  ctx.yTest ? tensor('y_truth', ctx.yTest, t('lenrek.codeTruth')) : comment(t('lenrek.codeNoTruth')),
  'n_train = len(x_train)',
  '',
  comment(t('lenrek.codeLenrek')),
  'def lenrek(queries, keys, values, normalize, w=1.0, offset=0.0):',
  `    k = torch.abs((queries.reshape((-1, 1)) - keys.reshape((1, -1))) * w) + offset${note(t('lenrek.codeQueriesByKeys'))}`,
  `    if normalize == 'queries':${note(t('lenrek.codeOverQueries'))}`,
  '        attention_w = k / k.sum(0, keepdim=True)',
  `    else:${note(t('lenrek.codeOverKeys'))}`,
  '        attention_w = k / k.sum(1, keepdim=True)',
  `    return attention_w @ values, attention_w${note(t('lenrek.codeNan'))}`,
  '',
  comment(t('lenrek.codeGaussian')),
  'def gaussian(queries, keys, values, sigma):',
  '    dists = queries.reshape((-1, 1)) - keys.reshape((1, -1))',
  '    return torch.softmax(-(dists / sigma)**2 / 2, dim=1) @ values',
  '',
  `normalize = '${ctx.normalize}'${note(t('lenrek.codeChoice'))}`,
  'y_hat, attention_w = lenrek(x_test, x_train, y_train, normalize)',
  "print('lenrek predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
  ctx.yTest ? "print('lenrek mse', repr(float(((y_hat - y_truth)**2).mean())))" : '',
  `y_gauss = gaussian(x_test, x_train, y_train, ${py(ctx.gwidth)})`,
  "print('gaussian predictions', ' '.join(repr(v) for v in y_gauss.tolist()))",
  ctx.yTest ? "print('gaussian mse', repr(float(((y_gauss - y_truth)**2).mean())))" : '',
  '',
  comment(t('lenrek.codeWatched')),
  `x_star = ${py(ctx.xstar)}`,
  'with_star = torch.cat([torch.tensor([x_star], dtype=torch.float64), x_test])',
  "for norm in ('keys', 'queries'):",
  "    print(f'x_star over_{norm}', repr(float(lenrek(with_star, x_train, y_train, norm)[0][0])))",
  "print('x_star alone', repr(float(lenrek(torch.tensor([x_star], dtype=torch.float64), x_train, y_train, 'queries')[0][0])))",
  '',
  comment(t('lenrek.codeTraining')),
  'class LenrekRegression(nn.Module):',
  '    def __init__(self, w0, offset, normalize):',
  '        super().__init__()',
  '        self.w = nn.Parameter(torch.tensor([w0], dtype=torch.float64))',
  '        self.offset = offset',
  '        self.normalize = normalize',
  '',
  '    def forward(self, queries, keys, values):',
  '        k = (torch.abs((queries - keys) * self.w) + self.offset) * mask',
  `        dim = 0 if self.normalize == 'queries' else 1${note(t('lenrek.codeDim'))}`,
  `        self.attention_weights = k / k.sum(dim, keepdim=True)${note(t('lenrek.codeCancels'))}`,
  '        return (self.attention_weights * values).sum(1)',
  '',
  'queries = x_train.reshape((-1, 1)).repeat((1, n_train))',
  'keys = x_train.repeat((n_train, 1))',
  'values = y_train.repeat((n_train, 1))',
  `mask = 1.0 - torch.eye(n_train, dtype=torch.float64)${note(t('lenrek.codeMask'))}`,
  '',
  'def train(offset, normalize):',
  `    net = LenrekRegression(w0=${py(ctx.w0)}, offset=offset, normalize=normalize)`,
  "    loss = nn.MSELoss(reduction='none')",
  `    trainer = torch.optim.SGD(net.parameters(), lr=${py(ctx.lr)})`,
  '    ws, losses = [], []',
  `    for epoch in range(${ctx.epochs} + 1):${note(t('lenrek.codeLastStep'))}`,
  '        trainer.zero_grad()',
  '        l = loss(net(queries, keys, values), y_train).sum()',
  '        ws.append(float(net.w))',
  '        losses.append(float(l))',
  `        if epoch == ${ctx.epochs}:`,
  '            break',
  '        l.backward()',
  '        trainer.step()',
  '    return ws, losses',
  '',
  `epoch = ${ctx.epoch}${note(t('lenrek.codeEpoch'))}`,
  comment(t('lenrek.codeRuns')),
  `for name, offset, norm in (('as_posted', 0.0, 'queries'), ('with_offset', ${py(ctx.offset)}, 'keys')):`,
  '    ws, losses = train(offset, norm)',
  "    print(f'{name} w', ' '.join(repr(v) for v in ws))",
  "    print(f'{name} loss', ' '.join(repr(v) for v in losses))",
  "    y_fit, _ = lenrek(x_test, x_train, y_train, norm, w=ws[epoch], offset=offset)",
  "    print(f'{name} predictions', ' '.join(repr(v) for v in y_fit.tolist()))",
]));
