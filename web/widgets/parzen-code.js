// "Show the code" for the Parzen exercise: the current state as PyTorch (d2l style), a pure
// function of the widget's context so node can run it (tests/node/show-code-2d.test.mjs).
import { py, registerCodeGenerator, tensor } from '../shell/show-code.js';

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
    '# Parzen windows and Nadaraya-Watson classification (d2l 11.2, exercise 1), the lab\'s current state.',
    'import math',
    'import torch',
    '',
    ctx.own ? '# Your own data (from the page).' : '# The lab\'s two-class data, exactly as on the page (labels -1 and +1).',
    tensor('x_train', ctx.xTrain),
    tensor('labels', ctx.labels),
    tensor('x_query', ctx.xQuery, 'the grid of queries'),
    `x_train, x_query = x_train${shape}, x_query${shape}  # one row per point`,
    '',
    `h = ${py(ctx.width)}`,
    'def kernel(r):',
    `    return ${k}`,
    '',
    'r = torch.cdist(x_query, x_train, p=2) / h  # queries x keys: scaled Euclidean distances',
    'K = kernel(r)',
    'n, d = x_train.shape',
    `norm = n * (${c[ctx.dim]}) * h**d  # 1/n and the kernel's integral over R^d, so each density integrates to its class share`,
    'p_minus = K[:, labels == -1].sum(1) / norm',
    'p_plus = K[:, labels == 1].sum(1) / norm',
    'difference = p_plus - p_minus',
    '# Nadaraya-Watson pooling of the one-hot labels: the attention weights K / K.sum(1).',
    'posterior_plus = K[:, labels == 1].sum(1) / K.sum(1)  # 0 / 0 = nan: no key within reach',
    'nw_plus = posterior_plus > 0.5  # ties go to the lower class, -1',
    'defined = ~torch.isnan(posterior_plus)',
    'disagree = int((defined & (difference != 0) & ((difference > 0) != nw_plus)).sum())',
    "for name, v in [('p_minus', p_minus), ('p_plus', p_plus), ('difference', difference), ('posterior_plus', posterior_plus)]:",
    "    print(name, ' '.join(repr(float(a)) for a in v))",
    "print('disagreements', disagree)",
  ].join('\n') + '\n';
});
