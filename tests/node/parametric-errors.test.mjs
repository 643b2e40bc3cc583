// lab.parametricErrors: a training run's test-error curve in one call (the training exercises plot
// it for every epoch), checked against predictParametric and meanSquaredError called per w.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab, LabError } from '../../wasm/src/index.js';

const lab = await createLab();
const d = lab.makeDataset({ seed: 0 });
const common = { queries: d.xTest, keys: d.xTrain, values: d.yTrain };
const onePerW = (ws, model = {}) =>
  ws.map((w) => (Number.isFinite(w) ? lab.meanSquaredError({ predictions: lab.predictParametric({ ...common, ...model, w }), truth: d.yTest }).mse : NaN));

test('equals predictParametric + meanSquaredError at each w of a training run, bit for bit', () => {
  for (const model of [{}, { placement: 'after-square' }, { kernel: 'lenrek', offset: 1 }]) {
    const run = lab.train({ x: d.xTrain, y: d.yTrain, w0: 2, lr: 0.02, epochs: 40, ...model });
    const mse = lab.parametricErrors({ ...common, truth: d.yTest, ws: run.w, ...model });
    assert.ok(mse instanceof Float64Array);
    assert.equal(mse.length, 41);
    assert.deepEqual(Array.from(mse), onePerW(Array.from(run.w), model));
  }
});

test('NaN for a diverged (non-finite) w and where predictions are undefined; one w per coordinate', () => {
  const ws = [0.5, NaN, Infinity, 3];
  const mse = lab.parametricErrors({ ...common, truth: d.yTest, ws });
  assert.deepEqual(Array.from(mse), onePerW(ws));
  assert.ok(Number.isNaN(mse[1]) && Number.isNaN(mse[2]) && Number.isFinite(mse[0]));
  // Triangular with support 1e-6: no query has a neighbour.
  assert.ok(Number.isNaN(lab.parametricErrors({ ...common, truth: d.yTest, ws: [1e6], kernel: 'triangular' })[0]));
  const s = lab.makeDataset({ target: 'surface', dim: 2, seed: 0 });
  const w2 = [1, 2, 0.5, 0.25];
  const e2 = lab.parametricErrors({ queries: s.xTest, keys: s.xTrain, values: s.yTrain, truth: s.yTest, dim: 2, ws: w2, wSize: 2 });
  for (let r = 0; r < 2; r++) {
    const f = lab.predictParametric({ queries: s.xTest, keys: s.xTrain, values: s.yTrain, dim: 2, w: w2.slice(2 * r, 2 * r + 2) });
    assert.equal(e2[r], lab.meanSquaredError({ predictions: f, truth: s.yTest }).mse);
  }
});

test('bad input is refused naming the parameter', () => {
  const cases = [
    [{ truth: d.yTest.subarray(1), ws: [1] }, 'truth'],
    [{ truth: d.yTest, ws: [] }, 'ws'],
    [{ truth: d.yTest, ws: [2e9] }, 'ws'],
    [{ truth: d.yTest, ws: [1, 2, 3], wSize: 2 }, 'ws'],
    [{ truth: d.yTest, ws: [1, 2], wSize: 2 }, 'ws'],
    [{ truth: d.yTest, ws: [1], wSize: 0 }, 'wSize'],
    [{ ws: [1] }, 'truth'],
  ];
  for (const [options, parameter] of cases) {
    assert.throws(() => lab.parametricErrors({ ...common, ...options }), (e) => e instanceof LabError && e.parameter === parameter && /accepted|required/.test(e.message),
      `${JSON.stringify(Object.keys(options))} → ${parameter}`);
  }
  assert.ok(Number.isFinite(lab.parametricErrors({ ...common, truth: d.yTest, ws: [1] })[0]), 'the module still works');
});
