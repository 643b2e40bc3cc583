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

// JSON cannot hold Infinity: the tool writes it as a string.
const revive = (options) =>
  Object.fromEntries(Object.entries(options).map(([k, v]) => [k, v === 'Infinity' ? Infinity : v]));

test('the native tool wrote cases for every call it covers', () => {
  const calls = new Set(cases.map((c) => c.call));
  for (const call of ['makeDataset', 'attend']) assert.ok(calls.has(call), call);
});

for (const c of cases) {
  test(`native = WASM: ${c.name}`, () => {
    const out = lab[c.call](revive(c.options));
    for (const [field, expected] of Object.entries(c.result)) {
      const actual = out[field];
      if (typeof expected === 'number') {
        assert.equal(actual, expected, field);
      } else if (c.call === 'makeDataset') {
        // Bit for bit: 17 significant digits round-trip exactly.
        assert.deepEqual([...actual], expected, field);
      } else {
        assertClose(ArrayBuffer.isView(actual) ? actual : actual ?? [], expected, {
          rtol: 1e-12,
          atol: 1e-12,
          what: field,
        });
      }
    }
  });
}
