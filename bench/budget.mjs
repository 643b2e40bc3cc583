// Calibrates the work budget (wasm/src/budget.js): times each kind of work at dim 1, 2 and 16 on
// sizes of a fraction of a second, and prints the measured nanoseconds per unit next to the
// modelled cost. A model below a measurement (ratio > 1) lets a call run longer than the
// budget says; raise COST_NS then. Not part of npm test: `node bench/budget.mjs` (about 1 minute).
import { createLab } from '../wasm/src/index.js';
import { nsPerUnit, SELECT_WIDTH_EVALUATIONS } from '../wasm/src/budget.js';

const lab = await createLab();

/** n × dim coordinates, evenly spread over [0, 5) by a fixed irrational rotation (no RNG needed). */
function points(n, dim, seed) {
  return Float64Array.from({ length: n * dim }, (_, i) => (5 * (((i + seed) * 0.6180339887498949) % 1)));
}

/** Best of 3 wall-clock seconds of f (the machine is shared: the best is the least disturbed). */
function best(f) {
  let s = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    f();
    s = Math.min(s, (performance.now() - t) / 1e3);
  }
  return s;
}

// Each case: [cost kind, dim, units of work, the call]. Sizes shrink with dim to keep each short.
const cases = [];
for (const dim of [1, 2, 16]) {
  const n = dim === 16 ? 800 : 2000;
  const x = points(n, dim, dim);
  const y = points(n, 1, 100 + dim);
  const labels = Float64Array.from({ length: n }, (_, i) => i % 4);
  const width = dim === 16 ? 3 : 0.5;
  cases.push(
    ['pool', dim, n * n, () => lab.attend({ queries: x, keys: x, values: y, dim, width, returnWeights: false })],
    ['pool', dim, n * n * 5, () => lab.classify({ x, labels, queries: x, dim, width })],
    ['poolBrute', dim, n * n, () => lab.attend({ queries: x, keys: x, values: y, dim, width, returnWeights: false, algorithm: 'brute-force' })],
    ['dot', dim, n * n, () => lab.dotProductAttention({ queries: x, keys: x, values: y, dim, returnWeights: false })],
    ['parametric', dim, n * n, () => lab.predictParametric({ queries: x, keys: x, values: y, dim, w: 1 / width })],
    ['parametric', dim, n * n * 4, () => lab.parametricErrors({ queries: x, keys: x, values: y, truth: y, dim, ws: [0.5, 1, 2, 4] })],
    ['train', dim, n * n * 4, () => lab.train({ x, y, dim, w0: 1 / width, epochs: 3 })],
    ['landscape', dim, n * n * 4, () => lab.lossLandscape({ x, y, dim, ws: [0.5, 1, 2, 4] })],
    ['loo', dim, n * n * 8, () => lab.looCurve({ x, y, dim, widths: [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10] })],
  );
  const m = dim === 16 ? 300 : 600;
  cases.push(['select', dim, m * m * SELECT_WIDTH_EVALUATIONS,
    () => lab.selectWidth({ x: x.subarray(0, m * dim), y: y.subarray(0, m), dim })]);
}

console.log('kind        dim   measured ns/unit   model ns/unit   measured/model');
let worst = 0;
for (const [kind, dim, units, f] of cases) {
  const measured = (best(f) / units) * 1e9;
  const model = nsPerUnit(kind, dim);
  worst = Math.max(worst, measured / model);
  console.log(`${kind.padEnd(11)} ${String(dim).padStart(3)}   ${measured.toFixed(2).padStart(16)}   ${model.toFixed(2).padStart(13)}   ${(measured / model).toFixed(2).padStart(14)}`);
}
console.log(`largest measured/model: ${worst.toFixed(2)} (≤ 1: no estimate below the measured work)`);
