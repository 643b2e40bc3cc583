// "Show the code" of the after-square and per-coordinate exercises: the PyTorch the page shows, run
// with Debian's python3-torch, reproduces the API's trajectories and errors for one state each
// (per-coordinate's also with the comments in Chinese: the same code).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { close, numbers, run } from './python.mjs';
import { generateCode } from '../../web/shell/show-code.js';
import '../../web/widgets/after-square-code.js';
import { setLanguage } from '../../web/i18n.js';
import '../../web/widgets/per-coordinate-code.js';
import { notChinese } from './code-comments.mjs';

// The comments are the catalog's: the code runs the same in every language (Chinese for the second state).
test('after-square: the shown code reproduces both training runs and their errors', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ seed: 1 });
  for (const [lang, ctx] of [
    ['en', { ...d, w0: 1.5, lr: 0.1, epochs: 12, optimizer: 'sgd', loo: true }],
    ['zh', { ...d, w0: 1, lr: 0.2, epochs: 10, optimizer: 'adam', loo: false }],
  ]) {
    setLanguage(lang);
    const code = generateCode('after-square', ctx);
    setLanguage('en');
    if (lang === 'zh') assert.match(code, /# 同一个初始模型/, 'the comments are in Chinese');
    const out = run(code);
    for (const [name, placement, w0] of [['before', 'before-square', ctx.w0], ['after', 'after-square', (ctx.w0 * ctx.w0) / 2]]) {
      const r = lab.train({ x: d.xTrain, y: d.yTrain, placement, w0, lr: ctx.lr, epochs: ctx.epochs, optimizer: ctx.optimizer, leaveOneOut: ctx.loo });
      close(numbers(out, `${name} w`), Array.from(r.w), `${name} w`);
      close(numbers(out, `${name} loss`), Array.from(r.loss), `${name} loss`);
      const f = lab.predictParametric({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, placement, w: r.w[ctx.epochs] });
      close(numbers(out, `${name} mse`), [lab.meanSquaredError({ predictions: f, truth: d.yTest }).mse], `${name} mse`);
    }
  }
});

test('per-coordinate: the shown code reproduces the per-coordinate training and its error', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'surface', dim: 2, seed: 4, nTrain: 80, nTest: 100 });
  for (const [optimizer, lang] of [['adam', 'en'], ['sgd', 'zh']]) {
    const ctx = { x: d.xTrain, y: d.yTrain, dim: 2, xTest: d.xTest, yTest: d.yTest, w0: 1.2, lr: 0.3, epochs: 15, optimizer };
    setLanguage(lang);
    let code;
    try {
      code = generateCode('per-coordinate', ctx);
    } finally {
      setLanguage('en');
    }
    if (lang === 'zh') assert.deepEqual(notChinese(code), [], 'every comment of the Chinese code is Chinese');
    const out = run(code);
    const r = lab.train({ x: d.xTrain, y: d.yTrain, dim: 2, w0: [1.2, 1.2], lr: 0.3, epochs: 15, optimizer, reduction: 'mean' });
    const w = Array.from(r.w.subarray(30, 32));
    close(numbers(out, 'w'), w, `${optimizer} w`);
    close(numbers(out, 'loss'), Array.from(r.loss), `${optimizer} loss`);
    const f = lab.predictParametric({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, dim: 2, w });
    close(numbers(out, 'mse'), [lab.meanSquaredError({ predictions: f, truth: d.yTest }).mse], `${optimizer} mse`);
  }
});
