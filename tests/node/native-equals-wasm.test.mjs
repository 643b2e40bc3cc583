// Replays the cases the native core wrote (build/native_cases.json, made by tests/native/
// native_cases.cpp during `npm test`) through the WASM module. Data must be bit-identical;
// computations agree to 1e-12 (std::exp differs by an ulp between glibc and musl).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLab } from '../../wasm/src/index.js';
import { assertClose } from './helpers.mjs';

const lab = await createLab();
const cases = JSON.parse(
  readFileSync(new URL('../../build/native_cases.json', import.meta.url), 'utf8'),
);

// A minimiser is fixed only to about √ε relative: near a minimum, L(h(1 + δ)) − L(h) ~ δ², so
// ulp-level differences in L move the argmin by ~1e-8. Fields that are (or depend on) a selected
// width are compared at that level; the minimum value itself still agrees to 1e-12.
const ARGMIN_TOLERANCE = { rtol: 1e-6, atol: 1e-12 };
const tolerance = (c, field) =>
  (c.call === 'selectWidth' && field === 'width') || (c.call === 'consistency' && c.options.rule === 'loo')
    ? ARGMIN_TOLERANCE
    : { rtol: 1e-12, atol: 1e-12 };

// JSON cannot hold Infinity: the tool writes it as a string.
const revive = (options) =>
  Object.fromEntries(Object.entries(options).map(([k, v]) => [k, v === 'Infinity' ? Infinity : v]));

test('the native tool wrote cases for every call it covers', () => {
  const calls = new Set(cases.map((c) => c.call));
  for (const call of ['makeDataset', 'attend', 'train', 'looCurve', 'selectWidth', 'classify', 'consistency']) assert.ok(calls.has(call), call);
});

for (const c of cases) {
  test(`native = WASM: ${c.name}`, () => {
    const out = lab[c.call](revive(c.options));
    for (const [field, expected] of Object.entries(c.result)) {
      const actual = out[field];
      if (c.call === 'makeDataset' && typeof expected === 'number') {
        assert.equal(actual, expected, field);
      } else if (typeof expected === 'number') {
        assertClose([actual], [expected], { ...tolerance(c, field), what: field });
      } else if (c.call === 'makeDataset') {
        // Bit for bit: 17 significant digits round-trip exactly.
        assert.deepEqual([...actual], expected, field);
      } else {
        assertClose(actual ?? [], expected, { ...tolerance(c, field), what: field });
      }
    }
  });
}

// The 1-D Gaussian fast path calls no libm function (detail::expNonPositive natively; in WASM its
// f64x2 twin in core/include/apl/detail/gaussian_row.hpp, which performs the same IEEE operations
// in the same order): its weights and predictions must be the same bits, not merely within 1e-12.
const gaussian1d = cases.filter(
  (c) => c.call === 'attend' && c.options.kernel === 'gaussian' && c.options.dim === 1 && c.options.normalize === 'keys',
);

test('the native tool wrote 1-D Gaussian attention cases', () => {
  assert.ok(gaussian1d.length >= 2, `${gaussian1d.length} cases`);
});

for (const c of gaussian1d) {
  test(`native = WASM bit for bit: ${c.name}`, () => {
    const out = lab.attend({ ...revive(c.options), algorithm: 'auto' });
    for (const field of ['weights', 'predictions']) {
      const expected = c.result[field];
      assert.equal(out[field].length, expected.length, field);
      const first = expected.findIndex((v, i) => !Object.is(out[field][i], v));
      assert.equal(first, -1, `${field}[${first}]: WASM ${out[field][first]}, native ${expected[first]}`);
    }
  });
}
