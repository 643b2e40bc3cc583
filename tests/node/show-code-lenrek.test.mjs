// "Show the code" of the Lenrek exercise: the PyTorch the page shows, run with Debian's
// python3-torch, reproduces the API's numbers (lab.attend with kernel 'lenrek' over keys and over
// queries, the Gaussian, lab.train and lab.predictParametric with kernel 'lenrek', as posted over
// queries and with an offset over keys) to 1e-9, in English and in Chinese (translated comments,
// the same code).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { close, numbers, run } from './python.mjs';
import { generateCode } from '../../web/shell/show-code.js';
import { setLanguage, t } from '../../web/i18n.js';
import { notChinese } from './code-comments.mjs';
import '../../web/widgets/lenrek-code.js';

async function check(ctx, lang = 'en') {
  const lab = await createLab();
  setLanguage(lang);
  let code;
  try {
    code = generateCode('lenrek', ctx);
  } finally {
    setLanguage('en');
  }
  if (lang === 'zh') {
    assert.deepEqual(notChinese(code), [], 'every comment of the Chinese code is Chinese');
    assert.ok(code.startsWith(`# ${t('lenrek.codeHeader', undefined, 'zh')}\n`));
  }
  const out = run(code);
  const base = { keys: ctx.xTrain, values: ctx.yTrain, kernel: 'lenrek', returnWeights: false };
  const pooled = lab.attend({ ...base, queries: ctx.xTest, normalize: ctx.normalize }).predictions;
  close(numbers(out, 'lenrek predictions'), Array.from(pooled), 'lenrek predictions');
  const gauss = lab.attend({ queries: ctx.xTest, keys: ctx.xTrain, values: ctx.yTrain, kernel: 'gaussian', width: ctx.gwidth, returnWeights: false }).predictions;
  close(numbers(out, 'gaussian predictions'), Array.from(gauss), 'gaussian predictions');
  if (ctx.yTest) {
    close(numbers(out, 'lenrek mse'), [lab.meanSquaredError({ predictions: pooled, truth: ctx.yTest }).mse], 'lenrek mse');
    close(numbers(out, 'gaussian mse'), [lab.meanSquaredError({ predictions: gauss, truth: ctx.yTest }).mse], 'gaussian mse');
  } else {
    assert.ok(!out.includes('mse'), 'no error against a truth that own data does not have');
  }
  const withStar = Float64Array.from([ctx.xstar, ...ctx.xTest]);
  for (const norm of ['keys', 'queries']) {
    close(numbers(out, `x_star over_${norm}`), [lab.attend({ ...base, queries: withStar, normalize: norm }).predictions[0]], `x* over ${norm}`);
  }
  close(numbers(out, 'x_star alone'), [lab.attend({ ...base, queries: [ctx.xstar], normalize: 'queries' }).predictions[0]], 'x* alone');
  for (const [name, offset, normalize] of [['as_posted', 0, 'queries'], ['with_offset', ctx.offset, 'keys']]) {
    const model = { x: ctx.xTrain, y: ctx.yTrain, kernel: 'lenrek', placement: 'before-square', offset, normalize };
    const r = lab.train({ ...model, w0: ctx.w0, lr: ctx.lr, epochs: ctx.epochs });
    close(numbers(out, `${name} w`), Array.from(r.w), `${name} w`);
    close(numbers(out, `${name} loss`), Array.from(r.loss), `${name} loss`);
    const fit = lab.predictParametric({ queries: ctx.xTest, keys: ctx.xTrain, values: ctx.yTrain, kernel: 'lenrek', offset, normalize, w: r.w[ctx.epoch] });
    close(numbers(out, `${name} predictions`), Array.from(fit), `${name} predictions`);
  }
  return out;
}

test('lenrek: the shown code reproduces the pooling (over keys), the watched query and both trainings', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', seed: 0, nTest: 50 });
  await check({ ...d, normalize: 'keys', xstar: 2.5, gwidth: 0.5, offset: 1, w0: 2, lr: 0.02, epochs: 30, epoch: 12 });
});

test('lenrek, in Chinese: over queries with few queries, own data (no truth), a larger offset', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', seed: 3, nTest: 4 });
  await check({ xTrain: d.xTrain, yTrain: d.yTrain, xTest: d.xTest, yTest: null, own: true,
    normalize: 'queries', xstar: 0.7, gwidth: 1.3, offset: 2.5, w0: 0.5, lr: 0.005, epochs: 40, epoch: 40 }, 'zh');
});
