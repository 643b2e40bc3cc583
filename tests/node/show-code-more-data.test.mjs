// "Show the code" of the more-data exercise: the PyTorch the page shows for each fit, run with
// Debian's python3-torch, reproduces the API's numbers (the width rules via lab.consistency and
// lab.selectWidth, lab.attend, d2l's recipe via lab.train and lab.predictParametric) to 1e-9.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { close, numbers, run } from './python.mjs';
import { generateCode } from '../../web/shell/show-code.js';
import { setLanguage, t } from '../../web/i18n.js';
import '../../web/widgets/more-data-code.js';

const RECIPE = { w0: 0.5, lr: 0.5, epochs: 5 };

async function check(d, fit, settings = {}) {
  const lab = await createLab();
  const n = d.xTrain.length;
  const ctx = { ...d, fit, width: 1, c: 1, ...RECIPE, ...settings };
  const base = { queries: d.xTest, keys: d.xTrain, values: d.yTrain };
  let predictions;
  if (fit === 'fixed' || fit === 'shrinking' || fit === 'loo') {
    const h = fit === 'fixed' ? ctx.width
      : fit === 'shrinking' ? lab.consistency({ target: 'classic', nValues: [n], seeds: 1, nTest: 50, rule: 'shrinking', c: ctx.c }).meanWidth[0]
        : lab.selectWidth({ x: d.xTrain, y: d.yTrain }).width;
    if (fit === 'loo') ctx.looWidth = h;
    const out = run(generateCode('more-data', ctx));
    close(numbers(out, 'h'), [h], `${fit} width`);
    predictions = lab.attend({ ...base, width: h, returnWeights: false }).predictions;
    close(numbers(out, 'predictions'), Array.from(predictions), `${fit} predictions`);
    return { out, predictions };
  }
  const out = run(generateCode('more-data', ctx));
  const r = lab.train({ x: d.xTrain, y: d.yTrain, reduction: fit, ...RECIPE });
  close(numbers(out, 'w'), Array.from(r.w), `${fit} w per epoch`);
  predictions = lab.predictParametric({ ...base, w: r.w[r.w.length - 1] });
  close(numbers(out, 'predictions'), Array.from(predictions), `${fit} predictions`);
  return { out, predictions };
}

test('more-data: the shown code reproduces every fit (width rules, leave-one-out width, d2l recipe with sum and mean loss) and its error', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', nTrain: 200, nTest: 50, seed: 1 });
  for (const [fit, settings] of [['fixed', { width: 0.3 }], ['shrinking', { c: 2 }], ['loo', {}], ['sum', {}], ['mean', {}]]) {
    const { out, predictions } = await check(d, fit, settings);
    close(numbers(out, 'mse'), [lab.meanSquaredError({ predictions, truth: d.yTest }).mse], `${fit} mse`);
  }
});

test('more-data: own data (no truth: no error printed), and the pending state', async () => {
  const lab = await createLab();
  const g = lab.makeDataset({ target: 'classic', nTrain: 30, nTest: 20, seed: 4 });
  const d = { xTrain: g.xTrain, yTrain: g.yTrain, xTest: g.xTest, yTest: null, own: true };
  for (const fit of ['shrinking', 'sum']) {
    const { out } = await check(d, fit, { c: 0.7 });
    assert.match(generateCode('more-data', { ...d, fit, c: 0.7, width: 1, ...RECIPE }), /Your own data/);
    assert.ok(!/^mse /m.test(out), 'no error against a truth that own data does not have');
  }
  assert.match(generateCode('more-data', { pending: true }), /still being computed/);
});

test('more-data in Chinese: the comments are the catalog\'s, the code still runs and gives the same numbers; the CSV it reads is the one the page exports', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', nTrain: 60, nTest: 30, seed: 3 });
  setLanguage('zh');
  try {
    for (const fit of ['fixed', 'loo', 'mean']) {
      const { out } = await check(d, fit, { width: 0.4 });
      assert.match(out, /^predictions /m);
    }
    // The comments this exercise writes are Chinese (the shared d2l model class is the shell's).
    const code = generateCode('more-data', { ...d, fit: 'fixed', width: 0.4, c: 1, ...RECIPE });
    for (const line of code.split('\n').filter((l) => l.includes('#'))) {
      assert.match(line.slice(line.indexOf('#')), /[\u4e00-\u9fff]/u, `a Chinese comment: ${line}`);
    }
    // Too many points to print: the code reads the CSV under the name the Export bar gives it.
    const big = lab.makeDataset({ target: 'classic', nTrain: 2500, nTest: 10, seed: 1 });
    const bigCode = generateCode('more-data', { ...big, fit: 'fixed', width: 1, c: 1, ...RECIPE });
    assert.ok(bigCode.includes(`np.loadtxt('${t('more-data.file.data')}'`), bigCode.slice(0, 400));
    assert.match(t('more-data.file.data'), /[\u4e00-\u9fff]/u);
    assert.match(generateCode('more-data', { pending: true }), /仍在计算/);
  } finally {
    setLanguage('en');
  }
});
