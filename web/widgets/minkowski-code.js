// "Show the code" for the Minkowski exercise: the current state as PyTorch (d2l style), a pure
// function of the widget's context so node can run it (tests/node/show-code-2d.test.mjs). Its
// comments are in the page's language (web/i18n/<lang>/minkowski.json, code.*); the code is not.
import { t } from '../i18n.js';
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
  const note = (key) => t(`minkowski.code.${key}`);
  const pool = ctx.kernel === 'gaussian'
    ? [`attention_w = torch.softmax(-r**2 / 2, dim=1)  # ${note('gaussian')}`]
    : [`K = ${KERNEL[ctx.kernel]}`, `attention_w = K / K.sum(1, keepdim=True)  # ${note('nan')}`];
  return [
    `# ${note('title')}`,
    'import torch',
    '',
    `# ${note(ctx.own ? 'own' : 'data')}`,
    tensor('x_train', ctx.xTrain),
    tensor('y_train', ctx.yTrain),
    tensor('x_val', ctx.xTest, note('grid')),
    `x_train, x_val = x_train.reshape((-1, 2)), x_val.reshape((-1, 2))  # ${note('rows')}`,
    ctx.yTest ? tensor('y_val', ctx.yTest, note('truth')) : '',
    '',
    `h = torch.tensor([${py(ctx.h1)}, ${py(ctx.h2)}], dtype=torch.float64)  # ${note('widths')}`,
    `p = ${pInf ? "float('inf')" : py(Number(ctx.p))}`,
    `u = ((x_val[:, None, :] - x_train[None, :, :]) / h).abs()  # ${note('shape')}`,
    pInf ? `r = u.max(-1).values  # ${note('maxNorm')}` : `r = (u**p).sum(-1)**(1 / p)  # ${note('distance')}`,
    ...pool,
    'y_hat = attention_w @ y_train',
    "print('predictions', ' '.join(repr(v) for v in y_hat.tolist()))",
    ctx.yTest ? `print('mse', repr(float(((y_hat - y_val)**2).mean())))  # ${note('mseNan')}` : '',
  ].filter((line) => line !== '').join('\n').replace(/\nu = /, '\n\nu = ') + '\n';
});
