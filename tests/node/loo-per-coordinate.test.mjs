// looCurve({ perCoordinate: true }): leave-one-out MSE with one width per coordinate, the yardstick
// of the per-coordinate exercise. Checked against the isotropic curve, against the trainable
// model's leave-one-out loss (an independent code path) and against statsmodels' KernelReg.cv_loo
// (tests/fixtures/crosscheck_loo_per_coordinate.json, tools/crosscheck/loo_per_coordinate_statsmodels.py).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { assertClose, fixture } from './helpers.mjs';

const lab = await createLab();
const d = lab.makeDataset({ target: 'surface', dim: 2, seed: 3 });
const xy = { x: d.xTrain, y: d.yTrain, dim: 2 };

test('equal widths per coordinate give the isotropic curve', () => {
  const widths = [0.1, 0.4, 2];
  const iso = lab.looCurve({ ...xy, widths });
  const per = lab.looCurve({ ...xy, widths: widths.flatMap((h) => [h, h]), perCoordinate: true });
  assertClose(per.mse, iso.mse, { rtol: 1e-12, atol: 0, what: 'mse' });
  assert.deepEqual([...per.undefined], [...iso.undefined]);
});

test('per-coordinate LOO MSE equals the parametric leave-one-out loss (mean) at w = 1/h', () => {
  const widths = [0.3, 2.5, 1.2, 0.25, 0.5, 50];
  const per = lab.looCurve({ ...xy, widths, perCoordinate: true });
  const ws = widths.map((h) => 1 / h);
  const loss = lab.lossLandscape({ ...xy, ws, wSize: 2, reduction: 'mean' }).loss;
  assertClose(per.mse, loss, { rtol: 1e-12, atol: 0, what: 'mse' });
});

test('training per-coordinate w ends at a lower LOO MSE than the best isotropic width when a coordinate is irrelevant', () => {
  const extra = lab.makeDataset({ target: 'surface', dim: 2, seed: 1000 });
  const n = d.yTrain.length;
  const x = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) [x[3 * i], x[3 * i + 1], x[3 * i + 2]] = [d.xTrain[2 * i], d.xTrain[2 * i + 1], extra.xTrain[2 * i + 1]];
  const run = lab.train({ x, y: d.yTrain, dim: 3, w0: [1, 1, 1], optimizer: 'adam', lr: 0.05, epochs: 200, reduction: 'mean' });
  const w = run.w.subarray(600, 603);
  const h = Array.from(w, (v) => 1 / Math.abs(v));
  const per = lab.looCurve({ x, y: d.yTrain, dim: 3, widths: h, perCoordinate: true }).mse[0];
  assert.ok(Math.abs(per - run.loss[200]) < 1e-12, 'the training loss is the LOO MSE');
  const iso = lab.selectWidth({ x, y: d.yTrain, dim: 3 });
  assert.ok(per < iso.mse, `${per} < ${iso.mse}`);
  assert.ok(h[2] > 2 * Math.max(h[0], h[1]), `the irrelevant coordinate gets the widest window: ${h}`);
});

test('statsmodels KernelReg.cv_loo with per-coordinate bandwidths', () => {
  const ref = fixture('crosscheck_loo_per_coordinate.json');
  for (const c of ref.cases) {
    const out = lab.looCurve({ x: c.x.flat(), y: c.y, dim: c.x[0].length, widths: c.widths.flat(), perCoordinate: true });
    assertClose(out.mse, c.mse, { ...ref.tolerance, what: c.name });
  }
});

test('bad per-coordinate widths name the option', () => {
  assert.throws(() => lab.looCurve({ ...xy, widths: [1, 1, 1], perCoordinate: true }), (e) => e.parameter === 'widths');
  assert.throws(() => lab.looCurve({ ...xy, widths: [1, -1], perCoordinate: true }), (e) => e.parameter === 'widths');
});
