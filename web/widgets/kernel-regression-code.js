// "Show the code" for the kernel-regression exercise: the current state as PyTorch (d2l 11.2's
// Nadaraya–Watson regression with the chosen kernel and width), its comments in the page's
// language. A pure function of the widget's context, registered by id, so node can run it
// (tests/node/show-code.test.mjs runs it with python3-torch, in both languages).
import { t } from '../i18n.js';
import { py, pythonCode, registerCodeGenerator, tensor, trainingData } from '../shell/show-code.js';

/** The training data, read from the CSV the Export bar saves when there are many. */
function dataCode(ctx) {
  const file = t('kernel-regression.file.data');
  const n = String(ctx.xTrain.length);
  return trainingData(ctx, file, `# ${t('kernel-regression.code.tooMany', { n })}\n# ${t('kernel-regression.code.tooManyButton', { file })}`);
}

/** Each kernel's definition (the Gaussian as d2l 10.2's softmax, which is its own weights()). */
const kernelCode = (k) => ({
  gaussian: `# ${t('kernel-regression.code.softmax')}\ndef weights(dists, sigma):\n    return torch.softmax(-(dists / sigma)**2 / 2, dim=0)`,
  boxcar: 'def boxcar(x):\n    return (torch.abs(x) < 1.0).type(torch.float64)',
  constant: 'def constant(x):\n    return 1.0 + 0 * x',
  triangular: `def epanechikov(x):  # ${t('kernel-regression.code.triangular')}\n    return torch.max(1 - torch.abs(x), torch.zeros_like(x))`,
  epanechnikov: `def epanechnikov(x):  # ${t('kernel-regression.code.epanechnikov')}\n    return 0.75 * torch.max(1 - x**2, torch.zeros_like(x))`,
})[k];
const KERNEL_FN = { boxcar: 'boxcar', constant: 'constant', triangular: 'epanechikov', epanechnikov: 'epanechnikov' };

/**
 * kernel-regression: { xTrain, yTrain, xTest, yTest|null, kernel, width, own?: boolean }.
 * Prints the predictions at the queries and the MSE against the truth.
 */
registerCodeGenerator('kernel-regression', (ctx) => {
  const k = ctx.kernel === 'epanechikov' ? 'triangular' : ctx.kernel;
  const weights = k === 'gaussian' ? '' : [
    '',
    'def weights(dists, sigma):',
    `    k = ${KERNEL_FN[k]}(dists / sigma)`,
    `    return k / k.sum(0)  # ${t('kernel-regression.code.undefined')}`,
  ].join('\n');
  return pythonCode([
    `# ${t('kernel-regression.code.title')}`,
    'import torch',
    '',
    `# ${t(ctx.own ? 'kernel-regression.code.own' : 'kernel-regression.code.data')}`,
    dataCode(ctx),
    tensor('x_val', ctx.xTest, t('kernel-regression.code.queries')),
    ctx.yTest ? tensor('y_val', ctx.yTest, t('kernel-regression.code.truth')) : '',
    '',
    kernelCode(k) + weights,
    '',
    'def nadaraya_watson(x_train, y_train, x_val, sigma):',
    `    dists = x_train.reshape((-1, 1)) - x_val.reshape((1, -1))  # ${t('kernel-regression.code.dists')}`,
    '    attention_w = weights(dists, sigma)',
    '    y_hat = y_train @ attention_w',
    '    return y_hat, attention_w',
    '',
    `sigma = ${py(ctx.width)}`,
    'y_hat, attention_w = nadaraya_watson(x_train, y_train, x_val, sigma)',
    "print('predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
    ctx.yTest ? `print('mse', repr(float(((y_hat - y_val)**2).mean())))  # ${t('kernel-regression.code.mse')}` : '',
  ]);
});
