// Leave-one-out of 1-D data in O(n) per width (the core's detail::Loo1d, issue 16) through the
// WASM API: looCurve and selectWidth with the default algorithm against algorithm 'brute-force',
// on the lab's data and on data built to break the fast sums (an offset of 1e6, tight clusters,
// ties, n = 2 and 3, every x equal), widths from 1e-4 to 1e4. The same checks run natively in
// tests/core/test_loo_1d.cpp.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';

const lab = await createLab();
const KERNELS = ['gaussian', 'boxcar', 'triangular', 'epanechnikov'];
const WIDTHS = Float64Array.from({ length: 41 }, (_, k) => 10 ** (-4 + (8 * k) / 40));

/** A seeded sequence in [0, 1) (the tests must not depend on Math.random). */
function uniform(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function adversarial() {
  const base = lab.makeDataset({ nTrain: 300, nTest: 1, seed: 3 });
  const sets = [{ name: 'offset 1e6', x: base.xTrain.map((v) => v + 1e6), y: base.yTrain }];
  let u = uniform(7);
  const cx = [], cy = [];
  for (let i = 0; i < 240; i++) {
    const centre = (i % 3) * 2.5 - 1; // three clusters of spread 1e-3, interleaved (unsorted)
    cx.push(centre + 1e-3 * u());
    cy.push(Math.sin(3 * centre) + 0.3 * u());
  }
  sets.push({ name: 'clusters', x: Float64Array.from(cx), y: Float64Array.from(cy) });
  sets.push({ name: 'clusters at 1e6', x: Float64Array.from(cx, (v) => v + 1e6), y: Float64Array.from(cy) });
  u = uniform(11);
  const tx = Float64Array.from({ length: 200 }, () => 0.25 * Math.floor(20 * u()));
  sets.push({ name: 'ties', x: tx, y: tx.map((v) => v + u()) });
  sets.push({ name: 'n=2', x: [0.3, 1.7], y: [1, -2] });
  sets.push({ name: 'n=3', x: [4, 0.5, 1], y: [1, 2, -0.5] });
  sets.push({ name: 'all x equal', x: [2.5, 2.5, 2.5, 2.5, 2.5, 2.5], y: [1, 2, 0, 5, -1, 3] });
  return sets;
}

function checkCurve({ name, x, y }, kernel, widths = WIDTHS) {
  const fast = lab.looCurve({ x, y, kernel, widths });
  const brute = lab.looCurve({ x, y, kernel, widths, algorithm: 'brute-force' });
  for (let k = 0; k < widths.length; k++) {
    const what = `${name} ${kernel} h=${widths[k]}: fast ${fast.mse[k]}, brute ${brute.mse[k]}`;
    assert.equal(fast.undefined[k], brute.undefined[k], what);
    if (Number.isNaN(brute.mse[k])) assert.ok(Number.isNaN(fast.mse[k]), what);
    else assert.ok(Math.abs(fast.mse[k] - brute.mse[k]) <= 1e-10 * brute.mse[k], what);
  }
}

test('looCurve: the fast 1-D path equals the brute force to 1e-10 on the lab\'s data', () => {
  for (const [n, seed] of [[50, 0], [1000, 1]]) {
    const d = lab.makeDataset({ nTrain: n, nTest: 1, seed });
    for (const kernel of KERNELS) checkCurve({ name: `classic n=${n}`, x: d.xTrain, y: d.yTrain }, kernel);
  }
});

test('looCurve: the fast 1-D path equals the brute force to 1e-10 on adversarial data', () => {
  for (const set of adversarial()) for (const kernel of KERNELS) checkCurve(set, kernel);
});

test('looCurve: many points per box (the fast Gauss transform, not its direct fallback)', () => {
  const d = lab.makeDataset({ nTrain: 4000, nTest: 1, seed: 5 });
  const widths = [0.02, 0.05, 0.1, 0.3, 0.8, 2];
  for (const kernel of ['gaussian', 'triangular', 'epanechnikov']) checkCurve({ name: 'classic n=4000', x: d.xTrain, y: d.yTrain }, kernel, widths);
});

test('selectWidth: the fast 1-D path picks the brute force\'s width to 1e-6', () => {
  const sets = [0, 2].map((seed) => {
    const d = lab.makeDataset({ nTrain: seed ? 400 : 50, nTest: 1, seed });
    return { name: `classic seed ${seed}`, x: d.xTrain, y: d.yTrain };
  });
  sets.push(...adversarial().filter((s) => s.x.length > 3 && s.name !== 'all x equal'));
  for (const { name, x, y } of sets)
    for (const kernel of ['gaussian', 'triangular', 'epanechnikov']) {
      const fast = lab.selectWidth({ x, y, kernel });
      const brute = lab.selectWidth({ x, y, kernel, algorithm: 'brute-force' });
      const what = `${name} ${kernel}: fast ${fast.width} (${fast.mse}), brute ${brute.width} (${brute.mse})`;
      // Where the curve is flat to rounding (the clusters) no method places the minimiser to 1e-6:
      // there the fast width must be as good as the brute force's by the brute force's measure.
      const bruteAtFast = lab.looCurve({ x, y, kernel, widths: [fast.width], algorithm: 'brute-force' }).mse[0];
      assert.ok(Math.abs(fast.width - brute.width) <= 1e-6 * brute.width || bruteAtFast <= brute.mse * (1 + 1e-13), what);
      assert.ok(Math.abs(fast.mse - brute.mse) <= 1e-10 * brute.mse, what);
      assert.equal(fast.atBoundary, brute.atBoundary, what);
    }
});

test('selectWidth at n = 10,000: its MSE is the leave-one-out MSE that attend computes at that width', () => {
  // The reference is attend's own leave-one-out (sorted-key windows, checked against the brute
  // force in fast-paths.test.mjs): an n × n brute force would take seconds here.
  const d = lab.makeDataset({ nTrain: 10000, nTest: 1, seed: 0 });
  const s = lab.selectWidth({ x: d.xTrain, y: d.yTrain });
  const at = lab.attend({ queries: d.xTrain, keys: d.xTrain, values: d.yTrain, width: s.width, leaveOneOut: true, returnWeights: false });
  const ref = at.predictions.reduce((sum, p, i) => sum + (p - d.yTrain[i]) ** 2, 0) / d.xTrain.length;
  assert.ok(Math.abs(s.mse - ref) <= 1e-10 * ref, `${s.mse} vs ${ref}`);
  assert.ok(s.width > s.lo && s.width < s.hi && !s.atBoundary);
});
