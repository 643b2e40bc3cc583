// "Show the code" for the kernels exercise: d2l v1.0's five kernels at one width σ, in PyTorch, as
// d2l 11.2 writes them (explicit normalisation over the keys; the Gaussian as a softmax). A pure
// function of the widget's context, registered by id (tests/node/show-code-exercises.test.mjs runs it);
// its comments are messages code.* of web/i18n/<lang>/kernels.json.
import { t } from '../i18n.js';
import { py, pythonCode, registerCodeGenerator, tensor } from '../shell/show-code.js';

const c = (key) => t(`kernels.code.${key}`);

/** kernels: { xTrain, yTrain, xTest, yTest|null, sigma, own?: boolean }. */
registerCodeGenerator('kernels', (ctx) => pythonCode([
  `# ${c('title')}`,
  'import torch',
  '',
  `# ${c(ctx.own ? 'own' : 'data')}`,
  tensor('x_train', ctx.xTrain),
  tensor('y_train', ctx.yTrain),
  tensor('x_val', ctx.xTest, c('queries')),
  ctx.yTest ? tensor('y_val', ctx.yTest, c('truth')) : '',
  '',
  'def gaussian(x):',
  '    return torch.exp(-x**2 / 2)',
  'def boxcar(x):',
  '    return (torch.abs(x) < 1.0).type(torch.float64)',
  'def constant(x):',
  '    return 1.0 + 0 * x',
  `def epanechikov(x):  # ${c('triangular')}`,
  '    return torch.max(1 - torch.abs(x), torch.zeros_like(x))',
  `def epanechnikov(x):  # ${c('epanechnikov')}`,
  '    return 0.75 * torch.max(1 - x**2, torch.zeros_like(x))',
  '',
  'def nadaraya_watson(x_train, y_train, x_val, kernel, sigma):',
  `    dists = x_train.reshape((-1, 1)) - x_val.reshape((1, -1))  # ${c('dists')}`,
  `    if kernel is gaussian:  # ${c('softmax')}`,
  '        attention_w = torch.softmax(-(dists / sigma)**2 / 2, dim=0)',
  '    else:',
  '        k = kernel(dists / sigma)',
  `        attention_w = k / k.sum(0)  # ${c('undefined')}`,
  '    return y_train @ attention_w, attention_w',
  '',
  `sigma = ${py(ctx.sigma)}`,
  'for kernel in (gaussian, boxcar, epanechikov, epanechnikov, constant):',
  '    y_hat, attention_w = nadaraya_watson(x_train, y_train, x_val, kernel, sigma)',
  "    print(kernel.__name__, 'predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
  ctx.yTest ? `    print(kernel.__name__, 'mse', repr(float(((y_hat - y_val)**2).mean())))  # ${c('mse')}` : '',
]));
