// "Show the code": the current state of an exercise as PyTorch in d2l's style (data, kernel,
// training loop), to carry the experiment back to the notebook. One small generator per exercise,
// registered by id; a generator is a pure function of the context its widget hands over (the
// data it got from the API and its settings), so node can run it too (tests/node/show-code.test.mjs
// runs the code with python3-torch and compares its numbers with the API's).
// The code's comments are messages of the page's language (code stays code).
import { t } from '../i18n.js';

/**
 * d2l 10.2's NWKernelRegression module, as the book writes it (lines of Python, spread into a
 * generator's list: ...nwKernelRegression()). A function, so that its comment is read from the
 * catalog when a generator runs, in the page's language, not at load.
 */
export const nwKernelRegression = () => [
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

/** A generator's lines as the code shown: empty entries (left out parts) never make two blank lines in a row. */
export const pythonCode = (lines) => `${lines.filter((line, i, all) => line !== '' || all[i - 1] !== '').join('\n')}\n`;

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

/**
 * The training data: literal for small n, else read from `file`, the CSV the Export bar saves
 * (named in the page's language), after `note`, comment lines that say so in that language.
 */
export function trainingData(ctx, file, note) {
  if (ctx.xTrain.length <= LITERAL_MAX) return `${tensor('x_train', ctx.xTrain)}\n${tensor('y_train', ctx.yTrain)}`;
  return [
    note,
    'import numpy as np',
    `data = torch.tensor(np.loadtxt('${file}', delimiter=',', skiprows=1), dtype=torch.float64)`,
    'x_train, y_train = data[:, 0], data[:, 1]',
  ].join('\n');
}

// kernel-regression's generator: web/widgets/kernel-regression-code.js.

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
