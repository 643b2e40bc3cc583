// "Show the code" for the Parzen exercise: the current state as PyTorch (d2l style), a pure
// function of the widget's context (its comments in the page's language) so node can run it
// (tests/node/show-code-2d.test.mjs).
import { py, registerCodeGenerator, tensor } from '../shell/show-code.js';
import { t } from '../i18n.js';

/** A message of the code's comments, in the page's language (the code itself stays code). */
const note = (key) => t(`parzen.code.${key}`);

/** K(r) as Python, r ≥ 0, and ∫ K(‖z‖₂) dz over R^d for d = 1, 2 (the Parzen normaliser). */
export const KERNEL_PY = {
  gaussian: { k: 'torch.exp(-r**2 / 2)', c: { 1: 'math.sqrt(2 * math.pi)', 2: '2 * math.pi' } },
  boxcar: { k: '(r < 1).type(torch.float64)', c: { 1: '2.0', 2: 'math.pi' } },
  triangular: { k: 'torch.clamp(1 - r, min=0)', c: { 1: '1.0', 2: 'math.pi / 3' } },
  epanechnikov: { k: '0.75 * torch.clamp(1 - r**2, min=0)', c: { 1: '1.0', 2: '3 * math.pi / 8' } },
};

/**
 * parzen: { xTrain (n·dim), labels (±1), xQuery (m·dim), dim, kernel, width }.
 * Prints p̂(x, −1), p̂(x, +1), their difference, the NW posterior of +1 and the number of grid
 * points where sign(difference) and the NW label disagree.
 */
registerCodeGenerator('parzen', (ctx) => {
  const { k, c } = KERNEL_PY[ctx.kernel];
  const shape = ctx.dim === 1 ? '.reshape((-1, 1))' : '.reshape((-1, 2))';
  return [
    `# ${note('title')}`,
    'import math',
    'import torch',
    '',
    `# ${note(ctx.own ? 'own' : 'generated')}`,
    tensor('x_train', ctx.xTrain),
    tensor('labels', ctx.labels),
    tensor('x_query', ctx.xQuery, note('grid')),
    `x_train, x_query = x_train${shape}, x_query${shape}  # ${note('rows')}`,
    '',
    `h = ${py(ctx.width)}`,
    'def kernel(r):',
    `    return ${k}`,
    '',
    `r = torch.cdist(x_query, x_train, p=2) / h  # ${note('distances')}`,
    'K = kernel(r)',
    'n, d = x_train.shape',
    `norm = n * (${c[ctx.dim]}) * h**d  # ${note('norm')}`,
    'p_minus = K[:, labels == -1].sum(1) / norm',
    'p_plus = K[:, labels == 1].sum(1) / norm',
    'difference = p_plus - p_minus',
    `# ${note('pooling')}`,
    `posterior_plus = K[:, labels == 1].sum(1) / K.sum(1)  # ${note('nan')}`,
    `nw_plus = posterior_plus > 0.5  # ${note('ties')}`,
    'defined = ~torch.isnan(posterior_plus)',
    'disagree = int((defined & (difference != 0) & ((difference > 0) != nw_plus)).sum())',
    "for name, v in [('p_minus', p_minus), ('p_plus', p_plus), ('difference', difference), ('posterior_plus', posterior_plus)]:",
    "    print(name, ' '.join(repr(float(a)) for a in v))",
    "print('disagreements', disagree)",
  ].join('\n') + '\n';
});
