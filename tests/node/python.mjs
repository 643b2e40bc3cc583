// Running generated PyTorch ("Show the code") with Debian's python3 and python3-torch, which
// scripts/ensure.mjs installs; a machine without them fails these tests rather than skipping them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

/** Runs `code` with python3 and returns what it printed; fails the test on a non-zero exit. */
export function run(code) {
  const r = spawnSync(PYTHON, ['-'], { input: code, encoding: 'utf8', timeout: 120000 });
  assert.equal(r.status, 0, r.stderr || r.error?.message);
  return r.stdout;
}

/** The numbers after `label` on its output line. */
export const numbers = (out, label) => {
  const line = out.split('\n').find((l) => l.startsWith(`${label} `));
  assert.ok(line, `output has a line '${label} …'`);
  return line.slice(label.length + 1).trim().split(/\s+/).map(Number);
};

/** Element-wise agreement to `tol` relative (absolute below 1); NaN must meet NaN. */
export const close = (got, want, what, tol = 1e-9) => {
  assert.equal(got.length, want.length, `${what}: length`);
  for (let i = 0; i < want.length; i++) {
    if (Number.isNaN(want[i])) assert.ok(Number.isNaN(got[i]), `${what}[${i}]: undefined in both`);
    else assert.ok(Math.abs(got[i] - want[i]) <= tol * Math.max(1, Math.abs(want[i])), `${what}[${i}]: ${got[i]} vs ${want[i]}`);
  }
};
