// "Show the code" of the kernels and dot-product exercises: the PyTorch the page shows, run with
// Debian's python3-torch, reproduces the API's numbers for one state each.
import test from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createLab } from '../../wasm/src/index.js';
import { generateCode } from '../../web/shell/show-code.js';
import '../../web/widgets/kernels-code.js';
import '../../web/widgets/dot-product-code.js';

const PYTHON = '/usr/bin/python3';
const hasTorch = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status === 0;
const skip = hasTorch ? false : 'needs /usr/bin/python3 with torch (Debian python3-torch)';

function run(code) {
  const r = spawnSync(PYTHON, ['-'], { input: code, encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}
const numbers = (out, label) => {
  const line = out.split('\n').find((l) => l.startsWith(`${label} `));
  assert.ok(line, `output has a line '${label} …'`);
  return line.slice(label.length + 1).trim().split(/\s+/).map(Number);
};
const close = (got, want, what, tol = 1e-9) => {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    if (Number.isNaN(want[i])) assert.ok(Number.isNaN(got[i]), `${what}[${i}]: undefined in both`);
    else assert.ok(Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i])), `${what}[${i}]: ${got[i]} vs ${want[i]}`);
  }
};

test('kernels: the shown code gives the API predictions and errors of all five kernels (with undefined queries)', { skip }, async () => {
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'v1', seed: 2 });
  const sigma = 0.1;
  const out = run(generateCode('kernels', { ...d, sigma }));
  const PY = { gaussian: 'gaussian', boxcar: 'boxcar', triangular: 'epanechikov', epanechnikov: 'epanechnikov', constant: 'constant' };
  for (const [kernel, name] of Object.entries(PY)) {
    const a = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, kernel, width: sigma, returnWeights: false });
    if (kernel === 'boxcar') assert.ok(a.undefinedQueries.length > 0, 'this state has undefined queries');
    close(numbers(out, `${name} predictions`), Array.from(a.predictions), `${kernel} predictions`);
    close(numbers(out, `${name} mse`), [lab.meanSquaredError({ predictions: a.predictions, truth: d.yTest }).mse], `${kernel} mse`);
  }
});

test('dot-product: the shown code reproduces both attentions and the rounding-level difference, and its failure off the circle', { skip }, async () => {
  const lab = await createLab();
  for (const spread of [0, 0.5]) {
    const d = lab.makeDataset({ target: 'sphere', dim: 2, seed: 1, radiusSpread: spread });
    const sigma = 0.4;
    const out = run(generateCode('dot-product', { ...d, sigma, spread }));
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
