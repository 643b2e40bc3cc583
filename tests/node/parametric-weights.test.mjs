// lab.parametricWeights: the attention matrix behind the "w after the square" exercise.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';

const lab = await createLab();
const data = lab.makeDataset({ seed: 0 });
const nk = data.xTrain.length;

test('weights times values are predictParametric, for both placements and negative w', () => {
  for (const [placement, w] of [['before-square', 2.5], ['after-square', 3], ['after-square', -0.4]]) {
    const a = lab.parametricWeights({ queries: data.xTest, keys: data.xTrain, placement, w });
    assert.equal(a.length, data.xTest.length * nk);
    const f = lab.predictParametric({ queries: data.xTest, keys: data.xTrain, values: data.yTrain, placement, w });
    for (let i = 0; i < data.xTest.length; i += 7) {
      let sum = 0;
      let pooled = 0;
      for (let j = 0; j < nk; j++) {
        sum += a[i * nk + j];
        pooled += a[i * nk + j] * data.yTrain[j];
      }
      assert.ok(Math.abs(sum - 1) < 1e-12, `${placement} ${w}: row ${i} sums to ${sum}`);
      assert.ok(Math.abs(pooled - f[i]) < 1e-9, `${placement} ${w}: row ${i}`);
    }
  }
});

test('after the square, w = w_before²/2 gives the same weights; leave-one-out zeroes the diagonal', () => {
  const before = lab.parametricWeights({ queries: data.xTrain, keys: data.xTrain, w: 4, leaveOneOut: true });
  const after = lab.parametricWeights({ queries: data.xTrain, keys: data.xTrain, w: 8, placement: 'after-square', leaveOneOut: true });
  let worst = 0;
  for (let k = 0; k < before.length; k++) worst = Math.max(worst, Math.abs(before[k] - after[k]));
  assert.ok(worst < 1e-14, `max difference ${worst}`);
  for (let i = 0; i < nk; i++) assert.equal(before[i * nk + i], 0);
});

test('negative w after the square: every query attends most to its farthest key', () => {
  const a = lab.parametricWeights({ queries: data.xTest, keys: data.xTrain, w: -1, placement: 'after-square' });
  for (let i = 0; i < data.xTest.length; i++) {
    const row = a.subarray(i * nk, (i + 1) * nk);
    const j = row.indexOf(Math.max(...row));
    const far = data.xTrain.reduce((best, k, m) => (Math.abs(k - data.xTest[i]) > Math.abs(data.xTrain[best] - data.xTest[i]) ? m : best), 0);
    assert.equal(j, far, `query ${data.xTest[i]}`);
  }
});
