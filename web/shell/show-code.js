// "Show the code": the current state of an exercise as PyTorch in d2l's style (data, kernel,
// training loop), to carry the experiment back to the notebook. One small generator per exercise,
// registered by id; a generator is a pure function of the context its widget hands over (the
// data it got from the API and its settings), so node can run it too (tests/node/show-code.test.mjs
// runs the code with python3-torch and compares its numbers with the API's).
// The code's comments are messages of the page's language (code stays code).
import { t } from '../i18n.js';


/**
 * d2l 10.2's NWKernelRegression module, as the book writes it (lines of Python, spread into a
 * generator's list: [...NW_KERNEL_REGRESSION]). An iterable rather than an array so that its
 * comment is read from the catalog when a generator runs, in the page's language, not at load.
 */
export const NW_KERNEL_REGRESSION = {
  *[Symbol.iterator]() {
    yield* [
      'class NWKernelRegression(nn.Module):',
      '    def __init__(self, w0):',
      '        super().__init__()',
      '        self.w = nn.Parameter(torch.tensor([w0], dtype=torch.float64))',
      '',
      '    def forward(self, queries, keys, values):',
      `        # ${t('shell.code.nwShapes')}`,
      '        queries = queries.repeat_interleave(keys.shape[1]).reshape((-1, keys.shape[1]))',
      '        self.attention_weights = nn.functional.softmax(-((queries - keys) * self.w)**2 / 2, dim=1)',
      '        return torch.bmm(self.attention_weights.unsqueeze(1), values.unsqueeze(-1)).reshape(-1)',
    ];
  },
};

/** Training sets up to this size are written into the code literally; larger ones are read from the exported CSV. */
export const LITERAL_MAX = 2000;

const GENERATORS = new Map();

/** @param {string} id  exercise id  @param {(ctx: object) => string} generate */
export function registerCodeGenerator(id, generate) {
  GENERATORS.set(id, generate);
}

/** The code for exercise `id` in the state described by `ctx`. */
export function generateCode(id, ctx) {
  const generate = GENERATORS.get(id);
  if (!generate) throw new Error(`show-code: no generator registered for '${id}'`);
  return generate(ctx);
}

/** A Python float literal that reads back as exactly v (JS's shortest round-trip form). */
export const py = (v) => (Number.isNaN(v) ? "float('nan')" : v === Infinity ? "float('inf')" : v === -Infinity ? "-float('inf')" : String(v));

/** `name = torch.tensor([...], dtype=torch.float64)`, six numbers per line. */
export function tensor(name, values, comment = '') {
  const items = Array.from(values, py);
  const rows = [];
  for (let i = 0; i < items.length; i += 6) rows.push(`    ${items.slice(i, i + 6).join(', ')},`);
  return `${name} = torch.tensor([\n${rows.join('\n')}\n], dtype=torch.float64)${comment ? `  # ${comment}` : ''}`;
}

/** The training data: literal for small n, else read from the CSV the Export bar saves. */
function trainingData(ctx, csvName) {
  if (ctx.xTrain.length <= LITERAL_MAX) {
    return `${tensor('x_train', ctx.xTrain)}\n${tensor('y_train', ctx.yTrain)}`;
  }
  return [
    `# ${ctx.xTrain.length} training points: too many to print here. Save them with the page's`,
    `# "Export: training data (CSV)" button as ${csvName}, next to this notebook.`,
    'import numpy as np',
    `data = torch.tensor(np.loadtxt('${csvName}', delimiter=',', skiprows=1), dtype=torch.float64)`,
    'x_train, y_train = data[:, 0], data[:, 1]',
  ].join('\n');
}

const KERNEL_CODE = {
  gaussian: '# The Gaussian through a softmax (as d2l 10.2 writes it): exact, and never 0 / 0.\ndef weights(dists, sigma):\n    return torch.softmax(-(dists / sigma)**2 / 2, dim=0)',
  boxcar: 'def boxcar(x):\n    return (torch.abs(x) < 1.0).type(torch.float64)',
  constant: 'def constant(x):\n    return 1.0 + 0 * x',
  triangular: "def epanechikov(x):  # d2l's name; the triangular kernel\n    return torch.max(1 - torch.abs(x), torch.zeros_like(x))",
  epanechnikov: 'def epanechnikov(x):  # the textbook Epanechnikov kernel\n    return 0.75 * torch.max(1 - x**2, torch.zeros_like(x))',
};
const KERNEL_FN = { boxcar: 'boxcar', constant: 'constant', triangular: 'epanechikov', epanechikov: 'epanechikov', epanechnikov: 'epanechnikov' };

/**
 * kernel-regression: { xTrain, yTrain, xTest, yTest|null, kernel, width, own?: boolean }.
 * Prints the predictions at the queries and the MSE against the truth.
 */
registerCodeGenerator('kernel-regression', (ctx) => {
  const k = ctx.kernel === 'epanechikov' ? 'triangular' : ctx.kernel;
  const kernelDef = KERNEL_CODE[k];
  const weights = k === 'gaussian' ? '' : [
    '',
    'def weights(dists, sigma):',
    `    k = ${KERNEL_FN[k]}(dists / sigma)`,
    '    return k / k.sum(0)  # 0 / 0 = nan: a query with no key within reach is undefined',
  ].join('\n');
  return [
    '# Attention pooling by similarity (d2l 11.2): Nadaraya-Watson regression, the lab\'s current state.',
    'import torch',
    '',
    ctx.own ? '# Your own data (from the page).' : '# The lab\'s data (d2l 10.2: y = 2 sin(x) + x**0.8 + noise), exactly as on the page.',
    trainingData(ctx, 'kernel-regression-data.csv'),
    tensor('x_val', ctx.xTest, 'the queries'),
    ctx.yTest ? tensor('y_val', ctx.yTest, 'the noise-free truth at the queries') : '',
    '',
    kernelDef + weights,
    '',
    'def nadaraya_watson(x_train, y_train, x_val, sigma):',
    '    dists = x_train.reshape((-1, 1)) - x_val.reshape((1, -1))  # keys x queries',
    '    attention_w = weights(dists, sigma)',
    '    y_hat = y_train @ attention_w',
    '    return y_hat, attention_w',
    '',
    `sigma = ${py(ctx.width)}`,
    'y_hat, attention_w = nadaraya_watson(x_train, y_train, x_val, sigma)',
    "print('predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
    ctx.yTest ? "print('mse', repr(float(((y_hat - y_val)**2).mean())))  # nan if any prediction is undefined" : '',
  ].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n') + '\n';
});

const REDUCTION = { sum: 'l.sum()', 'half-sum': '0.5 * l.sum()', mean: 'l.mean()' };

/**
 * leave-one-out: { xTrain, yTrain, xTest, yTest|null, w0, lr, epochs, reduction, epoch, own?: boolean }.
 * Trains w with and without leave-one-out as d2l 10.2 does and prints w and the loss per epoch,
 * then the predictions of both at the shown epoch.
 */
registerCodeGenerator('leave-one-out', (ctx) => [
  "# d2l 10.2's parametric attention pooling: w trained with and without leave-one-out, the lab's current state.",
  'import torch',
  'from torch import nn',
  '',
  ctx.own ? '# Your own data (from the page).' : '# The lab\'s data (d2l 10.2: y = 2 sin(x) + x**0.8 + noise), exactly as on the page.',
  trainingData(ctx, 'leave-one-out-data.csv'),
  tensor('x_test', ctx.xTest, 'the queries'),
  ctx.yTest ? tensor('y_truth', ctx.yTest, 'the noise-free truth at the queries') : '',
  'n_train = len(x_train)',
  '',
  ...NW_KERNEL_REGRESSION,
  '',
  'def train(leave_one_out):',
  '    X_tile = x_train.repeat((n_train, 1))',
  '    Y_tile = y_train.repeat((n_train, 1))',
  '    if leave_one_out:  # "any training input takes key-value pairs from all the training examples except for itself"',
  '        mask = (1 - torch.eye(n_train)).type(torch.bool)',
  '        keys, values = X_tile[mask].reshape((n_train, -1)), Y_tile[mask].reshape((n_train, -1))',
  '    else:',
  '        keys, values = X_tile, Y_tile',
  `    net = NWKernelRegression(w0=${py(ctx.w0)})`,
  "    loss = nn.MSELoss(reduction='none')",
  `    trainer = torch.optim.SGD(net.parameters(), lr=${py(ctx.lr)})`,
  '    ws, losses = [], []',
  `    for epoch in range(${ctx.epochs} + 1):  # the lab also records the state after the last step`,
  '        trainer.zero_grad()',
  '        l = loss(net(x_train, keys, values), y_train)',
  `        total = ${REDUCTION[ctx.reduction]}`,
  '        ws.append(float(net.w))',
  '        losses.append(float(total))',
  `        print(f'leave_one_out={leave_one_out} epoch {epoch}, w {ws[-1]!r}, loss {losses[-1]!r}')`,
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
  `epoch = ${ctx.epoch}  # the epoch the page shows`,
  'for leave_one_out in (True, False):',
  '    ws = train(leave_one_out)',
  '    y_hat = predict(ws[epoch], x_test)',
  "    print(f'leave_one_out={leave_one_out} predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
  ctx.yTest ? "    print(f'leave_one_out={leave_one_out} mse', repr(float(((y_hat - y_truth)**2).mean())))" : '',
].filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n') + '\n');

/**
 * Adds a "Show the PyTorch" disclosure with the generated code and a copy button.
 * @param {HTMLElement} section
 * @param {() => object} context  the generator's context for the current state (read when shown)
 * @returns {{ update(): void, code(): string, element: HTMLElement }}  call update() after each recompute
 */
export function addShowCode(section, context, id = section.id) {
  const box = document.createElement('details');
  box.className = 'show-code';
  box.dataset.shell = 'show-code';
  const summary = document.createElement('summary');
  summary.textContent = t('shell.showCode.summary');
  const bar = document.createElement('div');
  bar.className = 'buttons';
  const copy = document.createElement('button');
  copy.type = 'button';
  copy.textContent = t('shell.showCode.copy');
  copy.dataset.action = 'copy-code';
  const copied = document.createElement('span');
  copied.className = 'copy-status';
  copied.setAttribute('role', 'status');
  bar.append(copy, copied);
  const pre = document.createElement('pre');
  pre.tabIndex = 0; // scrollable region: reachable by keyboard
  pre.setAttribute('aria-label', t('shell.showCode.label'));
  const code = document.createElement('code');
  code.className = 'language-python';
  pre.append(code);
  box.append(summary, bar, pre);
  let text = '';
  const update = () => {
    if (!box.open) return; // generated when shown: the data can be large
    text = generateCode(id, context());
    code.textContent = text;
  };
  box.addEventListener('toggle', update);
  copy.addEventListener('click', async () => {
    text = generateCode(id, context());
    code.textContent = text;
    try {
      await navigator.clipboard.writeText(text);
      copied.textContent = t('shell.showCode.copied');
    } catch {
      copied.textContent = t('shell.showCode.blocked');
    }
  });
  const plots = [...section.querySelectorAll('.plots')].pop();
  if (plots) plots.after(box);
  else section.append(box);
  return { update, code: () => generateCode(id, context()), element: box };
}
