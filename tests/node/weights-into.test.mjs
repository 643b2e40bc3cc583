// attend's weightsInto: the caller's array receives exactly the weights a fresh call returns, on
// both of the binding's paths (one block through the result table; larger matrices in blocks of
// rows), is overwritten whole on reuse, and stays untouched when the options are refused.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab, LabError } from '../../wasm/src/index.js';

const lab = await createLab();

/** Bit for bit, NaN rows included. */
function assertSameBits(actual, expected, what) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  const a = new BigUint64Array(actual.buffer, actual.byteOffset, actual.length);
  const b = new BigUint64Array(expected.buffer, expected.byteOffset, expected.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) assert.fail(`${what}: entry ${i} is ${actual[i]}, expected ${expected[i]}`);
}

const CASES = [
  // 12 × 9 weights: one block, through the result table.
  ['small Gaussian', 12, 9, {}],
  // 300 × 250 = 75,000 weights: more than one block of rows, written straight into the array.
  ['large Gaussian', 300, 250, {}],
  ['large boxcar with undefined rows', 300, 250, { kernel: 'boxcar', width: 0.02 }],
  ['large brute force', 300, 250, { algorithm: 'brute-force' }],
  ['large, columns normalised', 300, 250, { kernel: 'lenrek', normalize: 'queries' }],
];

for (const [name, nq, nk, extra] of CASES) {
  test(`weightsInto (${name}, ${nq} × ${nk}) returns the array, holding a fresh call's weights`, () => {
    const d = lab.makeDataset({ target: 'classic', nTrain: nk, nTest: nq, seed: 3 });
    const options = { queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: 0.4, ...extra };
    const fresh = lab.attend(options);
    const into = new Float64Array(nq * nk).fill(-7); // stale values a partial write would leave
    const got = lab.attend({ ...options, weightsInto: into });
    assert.equal(got.weights, into, 'the same array object');
    assertSameBits(into, fresh.weights, 'weights');
    assertSameBits(got.predictions, fresh.predictions, 'predictions');
    assert.deepEqual([...got.undefinedQueries], [...fresh.undefinedQueries]);
    if (name.includes('undefined')) assert.ok(fresh.undefinedQueries.length > 0, 'the case has undefined rows');
  });
}

test('one array reused over calls at other widths holds each call\'s weights, nothing of the last', () => {
  const d = lab.makeDataset({ target: 'classic', nTrain: 200, nTest: 180, seed: 1 });
  const into = new Float64Array(180 * 200);
  for (const width of [0.05, 2, 0.3]) {
    const options = { queries: d.xTest, keys: d.xTrain, values: d.yTrain, width };
    lab.attend({ ...options, weightsInto: into });
    assertSameBits(into, lab.attend(options).weights, `width ${width}`);
  }
});

test('refused options leave weightsInto untouched, and the heap as it was', () => {
  const d = lab.makeDataset({ target: 'classic', nTrain: 200, nTest: 200, seed: 2 });
  const into = new Float64Array(200 * 200).fill(5);
  const before = lab.memory();
  for (const bad of [{ width: -1 }, { kernel: 'gauss' }, { values: d.yTrain.subarray(1) }]) {
    assert.throws(
      () => lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: 0.5, weightsInto: into, ...bad }),
      (e) => e instanceof LabError,
    );
  }
  assert.ok(into.every((v) => v === 5), 'no entry written');
  assert.equal(lab.memory().inUse, before.inUse, 'bytes in use');
});
