// "Show the code": the PyTorch the page shows reproduces the page's numbers. The generators in
// web/shell/show-code.js are pure functions of the widget's context, so the test builds that
// context from the API in node, runs the code with Debian's python3-torch and compares.
import test from 'node:test';
import assert from 'node:assert/strict';
import { LITERAL_MAX } from '../../web/shell/show-code.js';
import * as i18n from '../../web/i18n.js'; // (a namespace: other tests here import names from it too)
import '../../web/widgets/kernel-regression-code.js'; // kernel-regression's generator (its own file since #15)
import { createLab } from '../../wasm/src/index.js';
import { close, numbers, run } from './python.mjs';
import { generateCode } from '../../web/shell/show-code.js';
import { setLanguage } from '../../web/i18n.js';
import '../../web/widgets/leave-one-out-code.js';

// In every language: the comments are translated (web/i18n/<lang>/leave-one-out.json), the code must still run.
for (const lang of ['en', 'zh']) test(`leave-one-out (${lang}): the shown code trains w as the API does (w and loss per epoch, predictions)`, async () => {
  setLanguage(lang);
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', seed: 3 });
  const ctx = { ...d, w0: 0.7, lr: 0.2, epochs: 6, reduction: 'mean', epoch: 4 };
  const code = generateCode('leave-one-out', ctx);
  const out = run(code);
  for (const [flag, leaveOneOut] of [['True', true], ['False', false]]) {
    const t = lab.train({ x: d.xTrain, y: d.yTrain, w0: ctx.w0, lr: ctx.lr, epochs: ctx.epochs, reduction: ctx.reduction, leaveOneOut });
    const lines = out.split('\n').filter((l) => l.startsWith(`leave_one_out=${flag} epoch `));
    assert.equal(lines.length, ctx.epochs + 1);
    lines.forEach((l, e) => {
      const [, w, loss] = /w (\S+), loss (\S+)$/.exec(l);
      close([Number(w), Number(loss)], [t.w[e], t.loss[e]], `${flag} epoch ${e}`);
    });
    const pred = lab.predictParametric({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, w: t.w[ctx.epoch] });
    close(numbers(out, `leave_one_out=${flag} predictions`), Array.from(pred), `${flag} predictions`);
    const mse = lab.meanSquaredError({ predictions: pred, truth: d.yTest }).mse;
    close(numbers(out, `leave_one_out=${flag} mse`), [mse], `${flag} mse`);
  }
  if (lang === 'zh') assert.match(code, /# 页面上显示的轮数/, 'the comments are in Chinese');
  setLanguage('en');
});

test('kernel-regression: the shown code pools as the API does, Gaussian and a compact kernel with undefined queries', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', nTrain: 40, seed: 1 });
  for (const [kernel, width] of [['gaussian', 0.37], ['boxcar', 0.12], ['triangular', 0.8], ['epanechnikov', 0.5], ['constant', 1]]) {
    const out = run(generateCode('kernel-regression', { ...d, kernel, width }));
    const a = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, kernel, width, returnWeights: false });
    if (kernel === 'boxcar') assert.ok(a.undefinedQueries.length > 0, 'this state has undefined queries');
    close(numbers(out, 'predictions'), Array.from(a.predictions), `${kernel} predictions`);
    const mse = lab.meanSquaredError({ predictions: a.predictions, truth: d.yTest }).mse;
    close(numbers(out, 'mse'), [mse], `${kernel} mse`);
  }
});

test('kernel-regression in Chinese: the same code runs to the same numbers, its comments from the zh catalog', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', nTrain: 40, seed: 1 });
  i18n.setLanguage('zh');
  try {
    const code = generateCode('kernel-regression', { ...d, kernel: 'boxcar', width: 0.12 });
    assert.ok(code.includes(`# ${i18n.t('kernel-regression.code.title', undefined, 'zh')}`));
    assert.ok(code.includes(`# ${i18n.t('kernel-regression.code.undefined', undefined, 'zh')}`));
    // No English comment is left: every comment has Chinese in it.
    for (const comment of code.match(/#.*$/gm)) assert.match(comment, /\p{Script=Han}/u, comment);
    const out = run(code);
    const a = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, kernel: 'boxcar', width: 0.12, returnWeights: false });
    close(numbers(out, 'predictions'), Array.from(a.predictions), 'zh boxcar predictions');
    // Too many rows to print: the code reads the CSV the Export bar saves under its Chinese name.
    const big = Array.from({ length: LITERAL_MAX + 1 }, (_, i) => i / 100);
    assert.ok(generateCode('kernel-regression', { xTrain: big, yTrain: big, xTest: [0], yTest: null, kernel: 'gaussian', width: 1, own: true })
      .includes(`np.loadtxt('${i18n.t('kernel-regression.file.data', undefined, 'zh')}'`));
  } finally {
    i18n.setLanguage('en');
  }
});

test('own data without a truth: the code has no truth and prints predictions only', async () => {
  const ctx = { xTrain: [0, 1, 2], yTrain: [1, 2, 0.5], xTest: [0, 1], yTest: null, kernel: 'gaussian', width: 1, own: true };
  const code = generateCode('kernel-regression', ctx);
  assert.match(code, /x_train = torch\.tensor\(\[\n {4}0, 1, 2,\n\], dtype=torch\.float64\)/);
  assert.doesNotMatch(code, /y_val|mse/);
});
