import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';

// Python's json module writes ±Infinity as bare words; 1e999 is the valid-JSON spelling of the same.
export const fixture = (name) =>
  JSON.parse(
    readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').replace(
      /([:[,]\s*)(-?)Infinity\b/g,
      '$1$21e999',
    ),
  );

/**
 * Element-wise |actual − expected| ≤ atol + rtol·|expected|. `null` (or NaN) expected means
 * undefined: the actual value must be NaN, never a number.
 */
export function assertClose(actual, expected, { rtol = 1e-9, atol = 1e-12, what = '' } = {}) {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === null || Number.isNaN(e)) {
      assert.ok(Number.isNaN(a), `${what}[${i}]: expected undefined (NaN), got ${a}`);
    } else {
      assert.ok(
        Math.abs(a - e) <= atol + rtol * Math.abs(e),
        `${what}[${i}]: got ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`,
      );
    }
  }
}

export const flat = (rows) => rows.flat();
