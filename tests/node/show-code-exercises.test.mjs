// "Show the code" of the kernels and dot-product exercises: the PyTorch the page shows, run with
// Debian's python3-torch, reproduces the API's numbers for one state each.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { close, numbers, run } from './python.mjs';
import { generateCode } from '../../web/shell/show-code.js';
import '../../web/widgets/kernels-code.js';
import '../../web/widgets/dot-product-code.js';
import { setLanguage } from '../../web/i18n.js';

/** The code generated in `lang` (its comments in that language), the page's language restored after. */
function inLanguage(lang, generate) {
  setLanguage(lang);
  try {
    return generate();
  } finally {
    setLanguage('en');
  }
}
/** Every comment of the code has Chinese in it (none left in English). */
const chineseComments = (code) => {
  for (const comment of code.match(/#.*$/gm)) assert.match(comment, /\p{Script=Han}/u, comment);
};

test('kernels: the shown code gives the API predictions and errors of all five kernels (with undefined queries)', async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'v1', seed: 2 });
  const sigma = 0.1;
  // In Chinese (the comments translated), the code must run and give the same numbers.
  const code = inLanguage('zh', () => generateCode('kernels', { ...d, sigma }));
  chineseComments(code);
  const out = run(code);
  const PY = { gaussian: 'gaussian', boxcar: 'boxcar', triangular: 'epanechikov', epanechnikov: 'epanechnikov', constant: 'constant' };
  for (const [kernel, name] of Object.entries(PY)) {
    const a = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, kernel, width: sigma, returnWeights: false });
    if (kernel === 'boxcar') assert.ok(a.undefinedQueries.length > 0, 'this state has undefined queries');
    close(numbers(out, `${name} predictions`), Array.from(a.predictions), `${kernel} predictions`);
    close(numbers(out, `${name} mse`), [lab.meanSquaredError({ predictions: a.predictions, truth: d.yTest }).mse], `${kernel} mse`);
  }
});

test('dot-product: the shown code reproduces both attentions and the rounding-level difference, and its failure off the circle', async () => {
  const lab = await createLab();
  for (const spread of [0, 0.5]) {
    const d = lab.makeDataset({ target: 'sphere', dim: 2, seed: 1, radiusSpread: spread });
    const sigma = 0.4;
    // Off the circle in Chinese (comments translated), on it in English: both run and agree.
    const code = inLanguage(spread === 0 ? 'en' : 'zh', () => generateCode('dot-product', { ...d, sigma, spread }));
    if (spread !== 0) chineseComments(code);
    const out = run(code);
    const args = { queries: d.xTest, keys: d.xTrain, values: d.yTrain, dim: 2, width: sigma };
    const g = lab.attend(args);
    const p = lab.dotProductAttention(args);
    close(numbers(out, 'gaussian predictions'), Array.from(g.predictions), 'gaussian');
    close(numbers(out, 'dot predictions'), Array.from(p.predictions), 'dot');
    const diff = numbers(out, 'max_abs_difference')[0];
    const api = lab.maxAbsDifference({ a: g.weights, b: p.weights });
    if (spread === 0) assert.ok(diff < 1e-13 && api < 1e-13, `rounding in both: ${diff}, ${api}`);
    else close([diff], [api], 'max difference off the circle', 1e-12);
  }
});
