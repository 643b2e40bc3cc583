// "Show the code" for the Minkowski exercise: the current state as PyTorch (d2l style), a pure
// function of the widget's context so node can run it (tests/node/show-code-2d.test.mjs).
import { py, registerCodeGenerator, tensor } from '../shell/show-code.js';

const KERNEL = {
  boxcar: '(r < 1).type(torch.float64)',
  triangular: 'torch.clamp(1 - r, min=0)',
  epanechnikov: '0.75 * torch.clamp(1 - r**2, min=0)',
};

/**
 * minkowski: { xTrain (n·2), yTrain, xTest (m·2), yTest|null, kernel, p ('1' … '8' | 'inf'), h1, h2, own? }.
 * Prints the predictions over the grid and their MSE against the truth.
 */
registerCodeGenerator('minkowski', (ctx) => {
  const pInf = ctx.p === 'inf';
  const pool = ctx.kernel === 'gaussian'
    ? ['attention_w = torch.softmax(-r**2 / 2, dim=1)  # the Gaussian: exp(-r^2/2), normalised over the keys']
    : [`K = ${KERNEL[ctx.kernel]}`, 'attention_w = K / K.sum(1, keepdim=True)  # 0 / 0 = nan: no key inside the unit ball'];
  return [
    '# Attention pooling with 2-D inputs and a Minkowski distance (the forum), the lab\'s current state.',
    'import torch',
    '',
    ctx.own ? '# Your own data (from the page).' : '# The lab\'s data: y = 2 sin(x1) + cos(1.5 x2) + noise, exactly as on the page.',
    tensor('x_train', ctx.xTrain),
    tensor('y_train', ctx.yTrain),
    tensor('x_val', ctx.xTest, 'the grid of queries'),
    'x_train, x_val = x_train.reshape((-1, 2)), x_val.reshape((-1, 2))  # one row per point',
    ctx.yTest ? tensor('y_val', ctx.yTest, 'the noise-free truth at the queries') : '',
    '',
    `h = torch.tensor([${py(ctx.h1)}, ${py(ctx.h2)}], dtype=torch.float64)  # a width per coordinate`,
    `p = ${pInf ? "float('inf')" : py(Number(ctx.p))}`,
    'u = ((x_val[:, None, :] - x_train[None, :, :]) / h).abs()  # queries x keys x 2',
    pInf ? 'r = u.max(-1).values  # the max norm' : 'r = (u**p).sum(-1)**(1 / p)  # the Minkowski distance',
    ...pool,
    'y_hat = attention_w @ y_train',
    "print('predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
    ctx.yTest ? "print('mse', repr(float(((y_hat - y_val)**2).mean())))  # nan if any prediction is undefined" : '',
  ].filter((line) => line !== '').join('\n').replace(/\nu = /, '\n\nu = ') + '\n';
});
