// "Show the code" for the dot-product exercise: the Gaussian attention from distances and the
// dot-product attention softmax(qᵀk/σ²) on the page's points, in PyTorch, with their largest
// difference. A pure function of the widget's context (tests/node/show-code-exercises.test.mjs runs it);
// its comments are messages code.* of web/i18n/<lang>/dot-product.json.
import { t } from '../i18n.js';
import { py, registerCodeGenerator, tensor } from '../shell/show-code.js';

const c = (key, params) => t(`dot-product.code.${key}`, params);

/** dot-product: { xTrain (n×2 flat), yTrain, xTest (flat), yTest, sigma, spread }. */
registerCodeGenerator('dot-product', (ctx) => [
  `# ${c('title')}`,
  'import torch',
  '',
  `# ${ctx.spread === 0 ? c('onCircle') : c('offCircle', { spread: py(ctx.spread) })}`,
  tensor('x_train', ctx.xTrain),
  `x_train = x_train.reshape((-1, 2))  # ${c('row')}`,
  tensor('y_train', ctx.yTrain),
  tensor('x_val', ctx.xTest, c('queries')),
  'x_val = x_val.reshape((-1, 2))',
  tensor('y_val', ctx.yTest, c('truth')),
  '',
  'def gaussian_attention(queries, keys, sigma):',
  `    sq_dists = ((queries[:, None, :] - keys[None, :, :])**2).sum(-1)  # ${c('dists')}`,
  '    return torch.softmax(-sq_dists / (2 * sigma**2), dim=1)',
  '',
  'def dot_product_attention(queries, keys, sigma):',
  `    return torch.softmax(queries @ keys.T / sigma**2, dim=1)  # ${c('identity')}`,
  '',
  `sigma = ${py(ctx.sigma)}`,
  'g = gaussian_attention(x_val, x_train, sigma)',
  'd = dot_product_attention(x_val, x_train, sigma)',
  "print('max_abs_difference', repr(float((g - d).abs().max())))",
  "print('gaussian predictions', ' '.join(repr(v) for v in (g @ y_train).tolist()))",
  "print('dot predictions', ' '.join(repr(v) for v in (d @ y_train).tolist()))",
  "print('gaussian mse', repr(float(((g @ y_train - y_val)**2).mean())))",
  "print('dot mse', repr(float(((d @ y_train - y_val)**2).mean())))",
].join('\n') + '\n');
