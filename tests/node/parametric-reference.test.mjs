// d2l 10.2's parametric attention pooling through the WASM API against the independent reference
// (tests/fixtures/parametric_training.json: NumPy closed form and PyTorch autograd).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { assertClose, fixture } from './helpers.mjs';

const lab = await createLab();
const ref = fixture('parametric_training.json');
const { x_train: x, y_train: y, x_test: xTest, y_truth_at_x_test: truth } = ref.data;
const TRAJ = ref.tolerance.float64_trajectories;
const GRAD = ref.tolerance.gradients;
const PRED = ref.tolerance.predictions_at_x_test_final_w;

for (const run of ref.runs.filter((r) => r.dtype === 'float64')) {
  const name = `variant ${run.variant}, leave-one-out ${run.leave_one_out}, ${run.reduction}, w0 ${run.w0}, ${run.epochs} epochs`;
  const placement = run.variant === 'A' ? 'before-square' : 'after-square';
  const model = { placement, leaveOneOut: run.leave_one_out, reduction: run.reduction.replace('_', '-') };

  test(`training trajectory: ${name}`, () => {
    const out = lab.train({ x, y, ...model, w0: run.w0, lr: run.lr, epochs: run.epochs });
    const h = run.history;
    assertClose(out.w.subarray(0, run.epochs), h.map((e) => e.w_before), { ...TRAJ, what: 'w_before' });
    assertClose(out.w.subarray(1), h.map((e) => e.w_after), { ...TRAJ, what: 'w_after' });
    assertClose(out.loss.subarray(0, run.epochs), h.map((e) => e.loss_before_step), { ...TRAJ, what: 'loss' });
    assertClose(out.loss.subarray(1), h.map((e) => e.loss_after_step), { ...TRAJ, what: 'loss after' });
    assertClose(out.grad.subarray(0, run.epochs), h.map((e) => e.grad), { ...GRAD, what: 'grad' });
  });

  test(`predictions and error against the truth: ${name}`, () => {
    const out = lab.train({ x, y, ...model, w0: run.w0, lr: run.lr, epochs: run.epochs });
    const predict = (w) => lab.predictParametric({ queries: xTest, keys: x, values: y, placement, w });
    assertClose(predict(out.w[run.epochs]), run.predictions_at_x_test_final_w, { ...PRED, what: 'y_hat' });
    run.history.forEach((e, k) => {
      const { mse } = lab.meanSquaredError({ predictions: predict(out.w[k + 1]), truth });
      assertClose([mse], [e.test_mse_vs_truth_after_step], { ...TRAJ, what: `test mse epoch ${k + 1}` });
    });
  });
}

test('d2l recipe surprises: the first step overshoots, and w = 0 is stationary', () => {
  const t = lab.train({ x, y, w0: 0.5 });
  assert.ok(t.w[1] > 10, `w after one step is ${t.w[1]}`);
  const still = lab.train({ x, y, w0: 0, epochs: 20 });
  assert.ok(still.w.every((w) => w === 0));
  assert.ok(still.grad.every((g) => g === 0));
});
