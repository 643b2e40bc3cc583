// Dot-product attention and the unit-sphere identity (d2l v1.0, 11.2, exercise 3): against NumPy /
// PyTorch (tests/fixtures/crosscheck_dot_product.json), against lab.attend on the lab's own
// circle data, and bad input.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLab, LabError } from '../../wasm/src/index.js';

const lab = await createLab();
const fixture = JSON.parse(readFileSync(new URL('../fixtures/crosscheck_dot_product.json', import.meta.url), 'utf8'));
const close = (got, want, tol, what) =>
  want.forEach((w, i) => assert.ok(Math.abs(got[i] - w) <= tol, `${what}[${i}]: ${got[i]} vs ${w}`));

test('weights and predictions equal PyTorch softmax(qᵀk / scale)', () => {
  for (const c of fixture.cases) {
    const r = lab.dotProductAttention({ queries: c.queries, keys: c.keys, values: c.values, dim: c.dim, scale: c.scale });
    close(r.weights, c.weights, fixture.tolerance, `weights dim ${c.dim} scale ${c.scale}`);
    close(r.predictions, c.predictions, 1e-12, 'predictions');
    assert.equal(r.scale, c.scale);
  }
});

test('on the unit circle the Gaussian equals the dot product; off it, they differ as NumPy says', () => {
  for (const s of fixture.sphere) {
    const values = new Float64Array(s.keys.length / 2).fill(1);
    const args = { queries: s.queries, keys: s.keys, values, dim: 2 };
    const dot = lab.dotProductAttention({ ...args, width: s.width });
    const gauss = lab.attend({ ...args, kernel: 'gaussian', width: s.width, algorithm: 'brute-force' });
    close(dot.weights, s.dot, fixture.tolerance, 'dot');
    close(gauss.weights, s.gaussian, fixture.tolerance, 'gaussian');
    const gap = lab.maxAbsDifference({ a: gauss.weights, b: dot.weights });
    if (s.spread === 0) assert.ok(gap < 1e-14, `rounding only: ${gap}`);
    else assert.ok(Math.abs(gap - s.maxAbsDifference) < 1e-13, `${gap} vs ${s.maxAbsDifference}`);
  }
});

test("the lab's circle data: rounding-level difference at every width; radiusSpread breaks it", () => {
  const ring = lab.makeDataset({ target: 'sphere', dim: 2, seed: 4 });
  assert.deepEqual([...ring.radiusTrain], new Array(ring.xTrain.length / 2).fill(1));
  for (const width of [0.1, 0.3, 1, 3]) {
    const args = { queries: ring.xTest, keys: ring.xTrain, values: ring.yTrain, dim: 2 };
    const gap = lab.maxAbsDifference({
      a: lab.attend({ ...args, width }).weights,
      b: lab.dotProductAttention({ ...args, width }).weights,
    });
    assert.ok(gap < 1e-13, `width ${width}: ${gap}`);
  }
  const off = lab.makeDataset({ target: 'sphere', dim: 2, seed: 4, radiusSpread: 0.5 });
  assert.deepEqual(off.yTrain, ring.yTrain, 'the same values and noise');
  assert.ok(off.radiusTrain.every((r) => r >= 0.5 && r <= 1.5));
  const args = { queries: off.xTest, keys: off.xTrain, dim: 2 };
  const gap = lab.maxAbsDifference({
    a: lab.attend({ ...args, values: off.yTrain, width: 0.5 }).weights,
    b: lab.dotProductAttention({ ...args, values: off.yTrain, width: 0.5 }).weights,
  });
  assert.ok(gap > 0.1, `off the circle: ${gap}`);
  // Pooling the radii: the dot product attends to longer keys than the Gaussian, at every query.
  const longDot = lab.dotProductAttention({ ...args, values: off.radiusTrain, width: 0.5, returnWeights: false }).predictions;
  const longGauss = lab.attend({ ...args, values: off.radiusTrain, width: 0.5, returnWeights: false }).predictions;
  const above = longDot.filter((r, i) => r > longGauss[i]).length;
  assert.ok(above > 0.8 * longDot.length, `${above} of ${longDot.length}`);
  assert.equal(lab.dotProductAttention({ ...args, values: off.yTrain, returnWeights: false }).weights.length, 0);
});

const good = { queries: [1, 0], keys: [1, 0, 0, 1], values: [1, 2], dim: 2 };
const BAD = [
  ['scale', { scale: 0 }],
  ['scale', { scale: -1 }],
  ['scale', { scale: NaN }],
  ['scale', { scale: 1e30 }],
  ['width', { width: 0 }],
  ['width', { width: -2 }],
  ['width', { width: 'wide' }],
  ['width', { width: 1, scale: 1 }],
  ['keys', { keys: [1, NaN, 0, 1] }],
  ['keys', { keys: [1, 0, 1] }],
  ['values', { values: [1] }],
  ['queries', { queries: undefined }],
  ['dim', { dim: 0 }],
  ['returnWeights', { returnWeights: 'yes' }],
  ['temperature', { temperature: 1 }],
];

test('bad input to dotProductAttention throws a LabError naming the option', () => {
  for (const [parameter, patch] of BAD) {
    assert.throws(() => lab.dotProductAttention({ ...good, ...patch }), (e) => e instanceof LabError && e.parameter === parameter,
      `${parameter}: ${JSON.stringify(patch)}`);
  }
  assert.equal(lab.dotProductAttention(good).weights.length, 2, 'works afterwards');
});

test('bad input to maxAbsDifference and radiusSpread', () => {
  const cases = [
    ['b', () => lab.maxAbsDifference({ a: [1, 2], b: [1] })],
    ['a', () => lab.maxAbsDifference({ a: [], b: [] })],
    ['a', () => lab.maxAbsDifference({ a: [Infinity], b: [1] })],
    ['b', () => lab.maxAbsDifference({ a: [1] })],
    ['radiusSpread', () => lab.makeDataset({ target: 'sphere', dim: 2, radiusSpread: 1 })],
    ['radiusSpread', () => lab.makeDataset({ target: 'sphere', dim: 2, radiusSpread: -0.1 })],
    ['radiusSpread', () => lab.makeDataset({ target: 'v1', radiusSpread: 0.2 })],
    ['radiusSpread', () => lab.makeDataset({ target: 'sphere', radiusSpread: '0.2' })],
  ];
  for (const [parameter, f] of cases) {
    assert.throws(f, (e) => e instanceof LabError && e.parameter === parameter, parameter);
  }
  assert.equal(lab.makeDataset({ target: 'classic' }).radiusTrain, undefined);
});
