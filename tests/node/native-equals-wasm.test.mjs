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
