// "Show the code" of the Parzen and Minkowski exercises: the PyTorch the page shows reproduces the
// API's numbers (run with Debian's python3-torch), as tests/node/show-code.test.mjs does for the others.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { close, numbers, run } from './python.mjs';
import { generateCode } from '../../web/shell/show-code.js';
import { setLanguage, t } from '../../web/i18n.js';
import '../../web/widgets/parzen-code.js';
import '../../web/widgets/minkowski-code.js';

test('parzen: the shown code gives the API\'s densities, difference and posterior, in 1-D and 2-D', async () => {
  const lab = await createLab();
  for (const [dim, kernel, width, nTest] of [[1, 'gaussian', 0.4, 60], [1, 'boxcar', 0.1, 60], [2, 'triangular', 0.7, 100], [2, 'epanechnikov', 0.5, 100], [2, 'gaussian', 0.3, 100]]) {
    const d = lab.makeDataset({ target: 'two-class', dim, seed: 2, nTest });
    const c = lab.classify({ x: d.xTrain, labels: d.yTrain, queries: d.xTest, dim, kernel, width });
    const out = run(generateCode('parzen', { xTrain: d.xTrain, labels: d.yTrain, xQuery: d.xTest, dim, kernel, width }));
    const m = c.labels.length;
    const what = `${dim}-D ${kernel}`;
    close(numbers(out, 'p_minus'), Array.from({ length: m }, (_, k) => c.parzen[2 * k]), `${what} p_minus`);
    close(numbers(out, 'p_plus'), Array.from({ length: m }, (_, k) => c.parzen[2 * k + 1]), `${what} p_plus`);
    close(numbers(out, 'difference'), Array.from(c.decision), `${what} difference`);
    close(numbers(out, 'posterior_plus'), Array.from({ length: m }, (_, k) => c.posteriors[2 * k + 1]), `${what} posterior`);
    assert.deepEqual(numbers(out, 'disagreements'), [0]);
  }
});

test('parzen in Chinese: the comments are Chinese, the code still runs and gives the API\'s numbers', async () => {
  const lab = await createLab();
  setLanguage('zh');
  try {
    for (const [dim, kernel, width, nTest] of [[1, 'gaussian', 0.4, 60], [2, 'triangular', 0.7, 100]]) {
      const d = lab.makeDataset({ target: 'two-class', dim, seed: 2, nTest });
      const c = lab.classify({ x: d.xTrain, labels: d.yTrain, queries: d.xTest, dim, kernel, width });
      const code = generateCode('parzen', { xTrain: d.xTrain, labels: d.yTrain, xQuery: d.xTest, dim, kernel, width });
      for (const line of code.split('\n').filter((l) => l.includes('#'))) {
        assert.match(line.slice(line.indexOf('#')), /[\u4e00-\u9fff]/u, `a Chinese comment: ${line}`);
      }
      const out = run(code);
      const m = c.labels.length;
      close(numbers(out, 'difference'), Array.from(c.decision), `${dim}-D ${kernel} difference (zh)`);
      close(numbers(out, 'posterior_plus'), Array.from({ length: m }, (_, k) => c.posteriors[2 * k + 1]), `${dim}-D ${kernel} posterior (zh)`);
    }
  } finally {
    setLanguage('en');
  }
});

test('minkowski: the shown code pools as the API does for p = 1, 3, ∞ and per-coordinate widths', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'surface', dim: 2, nTrain: 80, nTest: 100, seed: 4 });
  for (const [kernel, p, h1, h2] of [['gaussian', '2', 0.5, 0.5], ['gaussian', '1', 0.8, 0.3], ['boxcar', 'inf', 0.3, 0.2], ['epanechnikov', '3', 0.6, 0.9], ['triangular', '8', 0.4, 1.2]]) {
    const out = run(generateCode('minkowski', { ...d, kernel, p, h1, h2 }));
    const a = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, dim: 2, kernel, width: [h1, h2], p: p === 'inf' ? Infinity : Number(p), returnWeights: false });
    close(numbers(out, 'predictions'), Array.from(a.predictions), `${kernel} p=${p} predictions`);
    close(numbers(out, 'mse'), [lab.meanSquaredError({ predictions: a.predictions, truth: d.yTest }).mse], `${kernel} p=${p} mse`);
    if (kernel === 'boxcar') assert.ok(a.undefinedQueries.length > 0, 'this state has undefined queries');
  }
});

test('minkowski in Chinese: the comments are the catalog\'s, the code is the same and still runs', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'surface', dim: 2, nTrain: 40, nTest: 25, seed: 1 });
  const ctx = { ...d, kernel: 'boxcar', p: '3', h1: 0.7, h2: 0.9 };
  const english = generateCode('minkowski', ctx);
  setLanguage('zh');
  let chinese;
  try {
    chinese = generateCode('minkowski', ctx);
  } finally {
    setLanguage('en');
  }
  const code = (text) => text.split('\n').map((line) => line.replace(/\s*#.*$/, '')).join('\n');
  assert.equal(code(chinese), code(english), 'only the comments differ');
  for (const key of ['title', 'data', 'widths', 'distance', 'nan']) assert.ok(chinese.includes(`# ${t(`minkowski.code.${key}`, undefined, 'zh')}`), key);
  assert.ok(!/#.*[A-Za-z]{4,}/.test(chinese.replace(/Minkowski|torch|nan\b/g, '')), chinese.slice(0, 400));
  const a = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, dim: 2, kernel: 'boxcar', width: [0.7, 0.9], p: 3, returnWeights: false });
  close(numbers(run(chinese), 'predictions'), Array.from(a.predictions), 'zh boxcar p=3 predictions');
});
