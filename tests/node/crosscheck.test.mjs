// The WASM API against the project's own cross-check fixtures (tests/fixtures/crosscheck_*.json,
// written by tools/crosscheck/*.py with PyTorch, statsmodels and NumPy; see each file's origin).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { assertClose, fixture } from './helpers.mjs';

const lab = await createLab();
const dimOf = (points) => (Array.isArray(points[0]) ? points[0].length : 1);
const flat = (points) => points.flat();
// Some fixtures spell p = ∞ as the string "Infinity" (JSON has no infinity).
const num = (v) => (v === 'Infinity' ? Infinity : Number(v));

{
  const ref = fixture('crosscheck_parametric.json');
  const tol = ref.tolerance;
  const dataOf = (name) => {
    const d = ref.data[name];
    return { x: flat(d.x), y: d.y, dim: dimOf(d.x) };
  };
  for (const run of ref.runs) {
    test(`PyTorch trajectory: ${run.name}`, () => {
      const out = lab.train({
        ...dataOf(run.data), ...run.model, w0: run.w0, lr: run.lr, epochs: run.epochs, optimizer: run.optimizer,
      });
      assertClose(out.w, flat(run.w), { ...tol, what: 'w' });
      assertClose(out.loss, run.loss, { ...tol, what: 'loss' });
      assertClose(out.grad, flat(run.grad), { ...tol, what: 'grad' });
    });
  }
  test('PyTorch autograd gradients at single w', () => {
    for (const g of ref.gradients) {
      const w = Array.isArray(g.w) ? g.w : [g.w];
      const out = lab.lossLandscape({ ...dataOf(g.data), ...g.model, ws: w, wSize: w.length });
      const grad = Array.isArray(g.grad) ? g.grad : [g.grad];
      assertClose(out.loss, [g.loss], { ...tol, what: `${g.name} loss` });
      // An undefined loss (a point without neighbour) has no meaningful gradient to compare.
      if (g.loss !== null) assertClose(out.grad, grad, { ...tol, what: `${g.name} grad` });
    }
  });
}

{
  const ref = fixture('crosscheck_loo.json');
  const tol = ref.tolerance;
  const dataOf = (name) => {
    const d = ref.data[name];
    return { x: flat(d.x), y: d.y, dim: dimOf(d.x) };
  };
  for (const c of ref.curves) {
    test(`leave-one-out curve: ${c.data}, ${c.kernel}, p = ${c.p}`, () => {
      const out = lab.looCurve({ ...dataOf(c.data), kernel: c.kernel, p: num(c.p), widths: ref.widths });
      assertClose(out.mse, c.mse, { ...tol, what: 'mse' });
      assert.deepEqual([...out.undefined], c.undefined);
    });
  }
  for (const m of ref.globalMinima) {
    test(`global width selection: ${m.data}, ${m.kernel}, p = ${m.p}`, () => {
      const out = lab.selectWidth({ ...dataOf(m.data), kernel: m.kernel, p: num(m.p) });
      // At least as good as the 4,001-point NumPy grid, and the reported mse is the curve's value.
      assert.ok(out.mse <= m.mse * (1 + 1e-9), `selected mse ${out.mse} > grid minimum ${m.mse}`);
      const again = lab.looCurve({ ...dataOf(m.data), kernel: m.kernel, p: num(m.p), widths: [out.width] });
      assertClose(again.mse, [out.mse], { rtol: 1e-12, atol: 1e-15, what: 'mse at the selected width' });
    });
  }
}

{
  const ref = fixture('crosscheck_classification.json');
  const tol = ref.tolerance;
  for (const c of ref.cases) {
    const d = ref.data[c.data];
    test(`classification: ${c.data}, ${c.kernel}, p = ${c.p}, h = ${c.widths}, leave-one-out ${c.leaveOneOut}`, () => {
      const out = lab.classify({
        x: flat(d.x), labels: d.labels, queries: c.leaveOneOut ? undefined : flat(d.queries), dim: dimOf(d.x),
        kernel: c.kernel, p: num(c.p), width: c.widths, leaveOneOut: c.leaveOneOut,
      });
      assert.deepEqual([...out.classes], c.classes);
      assertClose(out.posteriors, flat(c.posteriors), { ...tol, what: 'posteriors' });
      if (c.parzen === null) assert.equal(out.parzen, null);
      else assertClose(out.parzen, flat(c.parzen), { ...tol, what: 'parzen' });
    });
  }
}
