// The core's fast paths (sorted-key windows, the Gaussian cut, the vectorised exp) against its
// brute force through the WASM API: equal to 1e-12, undefined queries still NaN; the display-
// resolution heatmap equals the binned brute-force weights without an N×N matrix; bad options are
// LabErrors naming the option.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab, LabError } from '../../wasm/src/index.js';
import { Lab } from '../../wasm/src/lab.js';
import createCore from '../../wasm/gen/core.mjs';
import { readFileSync } from 'node:fs';
import { assertClose } from './helpers.mjs';

const lab = await createLab();
const TOL = { rtol: 1e-12, atol: 1e-12 };

/** A seeded pseudo-random sequence in [0, 5) (the tests must not depend on Math.random). */
function points(n, seed) {
  let s = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (5 * s) / 2 ** 32;
  });
}

test('the heatmap at N = 5000 never allocates the 200 MB weight matrix', () => {
  // First in this file (each test file runs in its own process): the heap starts small.
  const d = lab.makeDataset({ nTrain: 5000, nTest: 5000 });
  const img = lab.attentionImage({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: 0.5, rows: 800, cols: 800 });
  assert.equal(img.image.length, 800 * 800);
  assert.ok(lab.memory().heapSize < 5000 * 5000 * 8, `heap ${lab.memory().heapSize} B`);
});

test('attend: auto equals brute force to 1e-12 (kernels, widths, unsorted keys, leave-one-out, 2-D)', () => {
  const keys = points(120, 1);
  const queries = points(40, 2);
  const values = points(120, 3).map((v) => 10 * Math.sin(v));
  for (const kernel of ['gaussian', 'boxcar', 'triangular', 'epanechnikov', 'constant'])
    for (const width of [0.001, 0.05, 0.7, 20])
      for (const [q, loo, dim] of [[queries, false, 1], [keys, true, 1], [points(80, 4), false, 2]]) {
        const k = dim === 2 ? points(240, 5) : keys;
        const o = { queries: q, keys: k, values, kernel, width, leaveOneOut: loo, dim };
        const fast = lab.attend(o);
        const brute = lab.attend({ ...o, algorithm: 'brute-force' });
        const what = `${kernel} h=${width} loo=${loo} dim=${dim}`;
        assertClose(fast.predictions, Array.from(brute.predictions), { ...TOL, what });
        assertClose(fast.weights, Array.from(brute.weights), { ...TOL, what });
        assert.deepEqual([...fast.undefinedQueries], [...brute.undefinedQueries], what);
      }
});

test('attend streams the weights of many keys into one array without an N×N heap matrix', () => {
  // 3000 keys: the core hands the weights over in blocks of 10 rows (32,768 entries), so the 25
  // queries arrive as 10 + 10 + 5 rows; every block must land at its own offset.
  const keys = Float64Array.from(points(3000, 7)).sort();
  const queries = points(25, 8);
  queries[3] = 60; // beyond every key's reach for the boxcar: an undefined (NaN) row
  const values = keys.map((v) => Math.cos(v));
  for (const kernel of ['gaussian', 'boxcar']) {
    const o = { queries, keys, values, kernel, width: 0.05 };
    const fast = lab.attend(o);
    const brute = lab.attend({ ...o, algorithm: 'brute-force' });
    assert.equal(fast.weights.length, 25 * 3000);
    assertClose(fast.weights, Array.from(brute.weights), { ...TOL, what: kernel });
    assert.deepEqual([...fast.undefinedQueries], [...brute.undefinedQueries], kernel);
  }
});

test('attend returns 25 × 20,000 weights (4 MB) with the WASM peak growing by O(keys) only', async () => {
  // A fresh module instance, so that the peak (dlmalloc's max footprint) starts small.
  const fresh = new Lab(await createCore({ wasmBinary: readFileSync(new URL('../../wasm/gen/core.wasm', import.meta.url)) }));
  const keys = Float64Array.from(points(20000, 9)).sort();
  const values = keys.map((v) => Math.sin(v));
  const before = fresh.memory().peak;
  const { weights } = fresh.attend({ queries: points(25, 10), keys, values, width: 0.3 });
  const grown = fresh.memory().peak - before;
  assert.equal(weights.length, 25 * 20000);
  assert.ok(grown < 25 * 20000 * 8 / 2, `peak grew by ${grown} B`);
});

test('looCurve and selectWidth: auto equals brute force to 1e-12 on d2l data', () => {
  const d = lab.makeDataset({ nTrain: 400 });
  const widths = Float64Array.from({ length: 20 }, (_, k) => 0.01 * 1000 ** (k / 19));
  for (const kernel of ['gaussian', 'boxcar', 'epanechnikov']) {
    const fast = lab.looCurve({ x: d.xTrain, y: d.yTrain, widths, kernel });
    const brute = lab.looCurve({ x: d.xTrain, y: d.yTrain, widths, kernel, algorithm: 'brute-force' });
    assertClose(fast.mse, Array.from(brute.mse), { ...TOL, what: kernel });
    assert.deepEqual([...fast.undefined], [...brute.undefined]);
  }
  const fast = lab.selectWidth({ x: d.xTrain, y: d.yTrain });
  const brute = lab.selectWidth({ x: d.xTrain, y: d.yTrain, algorithm: 'brute-force' });
  assertClose([fast.mse], [brute.mse], { ...TOL, what: 'mse' });
  assertClose([fast.width], [brute.width], { rtol: 1e-6, atol: 0, what: 'width' }); // an argmin: √ε
});

test('attentionImage equals the binned brute-force weights to 1e-12, NaN rows where undefined', () => {
  const keys = points(90, 7).sort();
  const queries = Float64Array.from({ length: 37 }, (_, i) => -3 + (11 * i) / 36); // some out of reach
  const values = keys.map((k) => k * k);
  for (const kernel of ['gaussian', 'boxcar', 'lenrek'])
    for (const [rows, cols] of [[37, 90], [10, 7], [1, 1], [500, 500]]) {
      const o = { queries, keys, values, kernel, width: 0.2 };
      const img = lab.attentionImage({ ...o, rows, cols });
      const a = lab.attend({ ...o, algorithm: 'brute-force' });
      const R = Math.min(rows, 37);
      const C = Math.min(cols, 90);
      assert.equal(img.rows, R);
      assert.equal(img.cols, C);
      const expected = new Float64Array(R * C);
      const count = new Float64Array(R);
      for (let i = 0; i < 37; i++) {
        if (Number.isNaN(a.predictions[i])) continue;
        const r = Math.floor((i * R) / 37);
        count[r]++;
        for (let j = 0; j < 90; j++) expected[r * C + Math.floor((j * C) / 90)] += a.weights[i * 90 + j];
      }
      for (let r = 0; r < R; r++) for (let c = 0; c < C; c++) expected[r * C + c] = count[r] ? expected[r * C + c] / count[r] : NaN;
      assertClose(img.image, Array.from(expected), { ...TOL, what: `${kernel} ${rows}×${cols}` });
      assertClose(img.predictions, Array.from(a.predictions), TOL);
      assert.deepEqual([...img.undefinedQueries], [...a.undefinedQueries]);
    }
});

test('attentionImage and algorithm: bad options are LabErrors naming the option', () => {
  const good = { queries: [0, 1], keys: [0, 1, 3], values: [1, 2, 4], rows: 2, cols: 3 };
  const cases = [
    ['rows', { rows: 0 }],
    ['rows', { rows: 1.5 }],
    ['rows', { rows: '2' }],
    ['rows', { rows: undefined }],
    ['cols', { cols: 5000 }],
    ['cols', { cols: -1 }],
    ['normalize', { normalize: 'queries' }],
    ['width', { width: 0 }],
    ['kernel', { kernel: 'gauss' }],
    ['algorithm', { algorithm: 'fast' }],
  ];
  for (const [parameter, patch] of cases) {
    assert.throws(() => lab.attentionImage({ ...good, ...patch }), (e) => {
      assert.ok(e instanceof LabError, `${parameter}: ${e}`);
      assert.equal(e.parameter, parameter, e.message);
      return true;
    });
  }
  for (const call of [
    () => lab.attend({ queries: good.queries, keys: good.keys, values: good.values, algorithm: 'fastest' }),
    () => lab.looCurve({ x: [0, 1, 2], y: [1, 2, 3], widths: [1], algorithm: 'exact' }),
    () => lab.selectWidth({ x: [0, 1, 2], y: [1, 2, 3], algorithm: 7 }),
  ]) {
    assert.throws(call, (e) => e instanceof LabError && e.parameter === 'algorithm');
  }
  // Still working afterwards.
  assert.equal(lab.attentionImage(good).image.length, 6);
});
