// The work budget (wasm/src/budget.js): each of issue 17's long calls, all inside the documented
// limits, is refused at once (under 100 ms of CPU time: only sizes are looked at) with a LabError naming the
// budget and the option to reduce, and the WASM heap is as it was (sizes are checked before any
// array is copied into the module's memory). And the budget never refuses what the page offers:
// its largest calls are estimated within the budget.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab, LabError } from '../../wasm/src/index.js';
import { BUDGET_SECONDS, SELECT_WIDTH_EVALUATIONS, seconds } from '../../wasm/src/budget.js';

const lab = await createLab();
const zeros = (n) => new Float64Array(n);
/** n distinct points spread over [0, 5): real data shapes, built without the core. */
const spread = (n, dim = 1) => Float64Array.from({ length: n * dim }, (_, i) => 5 * ((i * 0.6180339887498949) % 1));

const N = 200000;
// [what, the option named, method, options (made before the clock starts)]
const EXAMPLES = [
  ['attend 200k × 200k brute force', 'keys', 'attend',
    () => ({ queries: spread(N), keys: spread(N), values: zeros(N), width: 0.5, returnWeights: false, algorithm: 'brute-force' })],
  ['train n = 5000 with 100,000 epochs', 'epochs', 'train', () => ({ x: spread(5000), y: zeros(5000), epochs: 100000 })],
  ['looCurve with 10^6 widths (n = 1000)', 'widths', 'looCurve',
    () => ({ x: spread(1000), y: zeros(1000), widths: new Float64Array(1e6).fill(0.5) })],
  ['selectWidth n = 200k in 16-D', 'x', 'selectWidth', () => ({ x: spread(N, 16), y: zeros(N), dim: 16 })],
  ['consistency with 1,000 seeds of 200k', 'seeds', 'consistency', () => ({ nValues: [N], seeds: 1000 })],
  ['classify 200k points × 256 classes', 'labels', 'classify',
    () => ({ x: spread(N), labels: Float64Array.from({ length: N }, (_, i) => i % 256), queries: spread(N) })],
];

for (const [what, parameter, method, options] of EXAMPLES) {
  test(`the budget refuses ${what} at once, naming '${parameter}'`, () => {
    const o = options();
    const before = lab.memory();
    // CPU time of this process, not wall time: on a shared machine a waiting process is not slow.
    const start = process.cpuUsage();
    assert.throws(() => lab[method](o), (e) => {
      assert.ok(e instanceof LabError, `a LabError, got ${e}`);
      assert.equal(e.parameter, parameter);
      assert.match(e.message, new RegExp(`^${parameter}: this call would take about [\\d.e]+ s .*the work budget is ${BUDGET_SECONDS} s per call; accepted: fewer `));
      return true;
    });
    const used = process.cpuUsage(start);
    const ms = (used.user + used.system) / 1000;
    assert.ok(ms < 100, `refused in ${ms.toFixed(1)} ms of CPU time`);
    const after = lab.memory();
    assert.equal(after.heapSize, before.heapSize, 'heap size');
    assert.equal(after.inUse, before.inUse, 'bytes in use');
  });
}

test('a refused call with 3e7 keys copies nothing into WASM memory', () => {
  const before = lab.memory();
  assert.throws(() => lab.attend({ queries: [0], keys: zeros(3e7), values: zeros(3e7) }), LabError);
  assert.throws(() => lab.attend({ queries: [0], keys: zeros(3e7), values: zeros(3e7), dim: 16 }), LabError);
  assert.deepEqual(lab.memory().heapSize, before.heapSize);
  // The module still computes.
  assert.deepEqual(Array.from(lab.attend({ queries: [1], keys: [0, 2], values: [1, 3] }).predictions), [2]);
});

test('a call just inside the budget runs (the check is not a blanket size cap)', () => {
  // train at the page's largest own data (2,000 points) for 5 epochs: estimated well below the budget.
  const r = lab.train({ x: spread(2000), y: spread(2000).map(Math.sin), epochs: 2 });
  assert.equal(r.loss.length, 3);
});

// The page's largest calls (web/widgets/*.js and the own-data caps there), estimated with the same
// cost model the API uses (1-D leave-one-out with the Gaussian takes the core's O(n)-per-width
// path, see fastLoo). Each must be within the budget: the budget must never refuse what the page offers.
const E = SELECT_WIDTH_EVALUATIONS;
const PAGE = [
  // leave-one-out, lenrek, per-coordinate: d2l's 50 points (2-D: 200), epochs slider up to 500.
  ['leave-one-out: train 50 points × 500 epochs', seconds('train', 50 * 50 * 501, 1)],
  ['per-coordinate: train 200 points × 500 epochs in 2-D', seconds('train', 200 * 200 * 501, 2)],
  // leave-one-out and lenrek: own data up to 80 rows (their caps), epochs slider up to 500.
  ['lenrek: train 80 own points × 500 epochs', seconds('train', 80 * 80 * 501, 1)],
  // more-data: n slider up to 10,000 (fixed and shrinking rules), seeds up to 20, nTest ≤ 500 test points.
  ['more-data: consistency fixed n = 10,000 × 20 seeds', seconds('pool', 20 * (10000 * Math.log2(10001) + 10000 * 500), 1)],
  // more-data: leave-one-out width at the current n (10,000) on one data set.
  ['more-data: selectWidth n = 10,000', seconds('looFast', 10000 * Math.log2(10001) + 10000 * E, 1)],
  // more-data: the leave-one-out rule's curve up to looMax 10,000 with 20 seeds and 500 test points.
  ['more-data: consistency loo n = 10,000 × 20 seeds',
    seconds('pool', 20 * (10000 * Math.log2(10001) + 10000 * 500), 1) + seconds('looFast', 20 * 10000 * E, 1)],
  // more-data: own data up to 500 rows, fitted on the page (attend per query set).
  ['more-data: attend 500 × 500', seconds('pool', 500 * 500, 1)],
  // kernel-regression: h* at every n up to 10,000 (selectWidth, 1-D).
  ['kernel-regression: selectWidth n = 10,000', seconds('looFast', 10000 * Math.log2(10001) + 10000 * E, 1)],
  // minkowski: n slider up to 2,000 in 2-D, rates for d = 1…3 with up to 10 seeds.
  ['minkowski: attend 2,000 × 2,000 in 2-D', seconds('pool', 2000 * 2000, 2)],
  ['minkowski: selectWidth 2,000 in 2-D', seconds('select', 2000 * 2000 * E, 2)],
];

for (const [what, s] of PAGE) {
  test(`the page's largest call fits the budget: ${what}`, () => {
    assert.ok(s <= BUDGET_SECONDS, `${what}: estimated ${s.toFixed(1)} s > ${BUDGET_SECONDS} s`);
  });
}

test('1-D leave-one-out with a fast kernel is budgeted per point, not per pair', () => {
  // n = 100,000 in 1-D runs in about a second (issue 16); per pair it would be refused.
  const x = spread(100000);
  const r = lab.selectWidth({ x, y: x.map(Math.sin) });
  assert.ok(r.width > 0);
  // The same size with brute force is still refused, quickly and naming x.
  assert.throws(() => lab.selectWidth({ x, y: x, algorithm: 'brute-force' }), (e) => e instanceof LabError && e.parameter === 'x');
});
