// The WASM API against the independent reference values (tests/fixtures, see its README).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { assertClose, fixture, flat } from './helpers.mjs';

const lab = await createLab();

// The reference files' kernel names → the API's.
const KERNEL = {
  gaussian: 'gaussian',
  boxcar: 'boxcar',
  constant: 'constant',
  epanechnikov: 'epanechikov', // d2l's triangular kernel, under d2l's spelling
  epanechnikov_true: 'epanechnikov',
};

const ref1d = fixture('nonparametric_1d.json');
for (const data of ref1d.datasets) {
  for (const r of data.results) {
    test(`1-D ${data.name}: ${r.kernel}, h = ${r.h}`, () => {
      const out = lab.attend({
        queries: data.x_test,
        keys: data.x_train,
        values: data.y_train,
        kernel: KERNEL[r.kernel],
        width: r.h,
      });
      const tol = { rtol: ref1d.tolerance.rtol, atol: ref1d.tolerance.atol };
      assertClose(out.predictions, r.y_hat, { ...tol, what: 'y_hat' });
      assert.deepEqual([...out.undefinedQueries], r.no_neighbor_query_indices);
      if (r.attention_weights) {
        assertClose(out.weights, flat(r.attention_weights), { ...tol, what: 'weights' });
      }
    });
  }
}

const ref2d = fixture('minkowski_2d.json');
for (const data of ref2d.datasets) {
  for (const r of data.results) {
    test(`2-D ${data.name}: Minkowski p = ${r.p}, h = ${r.h}`, () => {
      const out = lab.attend({
        queries: flat(data.x_test),
        keys: flat(data.x_train),
        values: data.y_train,
        dim: data.d,
        p: r.p,
        width: r.h,
      });
      const tol = { rtol: ref2d.tolerance.rtol, atol: ref2d.tolerance.atol };
      assertClose(out.predictions, r.y_hat, { ...tol, what: 'y_hat' });
      if (r.attention_weights) {
        assertClose(out.weights, flat(r.attention_weights), { ...tol, what: 'weights' });
      }
    });
  }
}
