// Bad input, tried as a new user would: every mistake is a LabError naming the option, and the
// module keeps working afterwards, with its heap unchanged.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab, LabError } from '../../wasm/src/index.js';

const lab = await createLab();
const good = { queries: [0, 1, 2.5], keys: [0, 1, 3], values: [1, 2, 4] };

const BAD_ATTEND = [
  ['width', { width: -1 }],
  ['width', { width: 0 }],
  ['width', { width: NaN }],
  ['width', { width: Infinity }],
  ['width', { width: 'wide' }],
  ['width', { width: [1, 2] }],
  ['keys', { keys: [0, NaN, 3] }],
  ['keys', { keys: [0, Infinity, 3] }],
  ['queries', { queries: [0, -Infinity] }],
  ['values', { values: [1, NaN, 4] }],
  ['values', { values: [1, 2] }],
  ['keys', { keys: [] , values: [] }],
  ['queries', { queries: [] }],
  ['keys', { keys: 'abc' }],
  ['keys', { keys: [0, '1', 3] }],
  ['kernel', { kernel: 'gauss' }],
  ['kernel', { kernel: 3 }],
  ['p', { p: 0.5 }],
  ['p', { p: NaN }],
  ['normalize', { normalize: 'rows' }],
  ['leaveOneOut', { leaveOneOut: true }],
  ['leaveOneOut', { leaveOneOut: 'yes' }],
  ['dim', { dim: 0 }],
  ['dim', { dim: 1.5 }],
  ['queries', { queries: [0, 1, 2], dim: 2, keys: [0, 1, 2, 3], values: [1, 2] }],
  ['dim', { queries: new Float64Array(17), keys: new Float64Array(17), values: [1], dim: 17 }],
  ['widht', { widht: 1 }],
  ['offset', { kernel: 'lenrek', offset: -1 }],
];

for (const [parameter, patch] of BAD_ATTEND) {
  test(`attend rejects ${JSON.stringify(patch).slice(0, 60)} naming '${parameter}'`, () => {
    assert.throws(
      () => lab.attend({ ...good, ...patch }),
      (e) => {
        assert.ok(e instanceof LabError, `a LabError, got ${e}`);
        assert.equal(e.parameter, parameter);
        assert.match(e.message, new RegExp(`^${parameter}: .*accepted`));
        return true;
      },
    );
  });
}

test('options must be an object', () => {
  assert.throws(() => lab.attend(null), LabError);
  assert.throws(() => lab.attend([1, 2]), LabError);
  assert.throws(() => lab.makeDataset('classic'), LabError);
});

test('makeDataset rejects bad options naming them', () => {
  for (const [parameter, options] of [
    ['target', { target: 'sinus' }],
    ['nTrain', { nTrain: 0 }],
    ['nTrain', { nTrain: 1e9 }],
    ['nTrain', { nTrain: 2.5 }],
    ['seed', { seed: -1 }],
    ['seed', { seed: 0.5 }],
    ['noise', { noise: -0.1 }],
    ['dim', { dim: 3 }],
  ]) {
    assert.throws(() => lab.makeDataset(options), (e) => e instanceof LabError && e.parameter === parameter);
  }
});

test('1,000 failing calls in a row leave the module working', () => {
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => lab.attend({ ...good, width: -1 }), LabError);
  }
  const out = lab.attend({ ...good, width: 1 });
  assert.ok(Math.abs(out.weights[0] + out.weights[1] + out.weights[2] - 1) < 1e-15);
});

test('10,000 mixed good and bad calls leave the WASM heap size unchanged', () => {
  const data = lab.makeDataset({ seed: 5 });
  const before = lab.memory();
  const grows = [];
  const original = WebAssembly.Memory.prototype.grow;
  // Warm up once so the allocator has reached its steady state for these sizes.
  lab.attend({ queries: data.xTest, keys: data.xTrain, values: data.yTrain });
  WebAssembly.Memory.prototype.grow = function (pages) {
    grows.push(pages);
    return original.call(this, pages);
  };
  try {
    for (let i = 0; i < 10000; i++) {
      const [, patch] = BAD_ATTEND[i % BAD_ATTEND.length];
      if (i % 3 === 0) {
        lab.attend({ queries: data.xTest, keys: data.xTrain, values: data.yTrain, width: 0.3 + (i % 7) / 10 });
      } else {
        assert.throws(() => lab.attend({ ...good, ...patch }), LabError);
      }
    }
  } finally {
    WebAssembly.Memory.prototype.grow = original;
  }
  assert.deepEqual(grows, []);
  const after = lab.memory();
  assert.equal(after.heapSize, before.heapSize);
  assert.equal(after.inUse, before.inUse, 'bytes allocated by malloc before and after');
});
