// npm test: install what is missing, build, run every suite (doctest via ctest with ASan+UBSan,
// the type check of the published declarations, node's test runner against the WASM module,
// Playwright + Chromium against the served page) and print one summary. Exit code 1 on any failure.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildNative, buildWasm, buildWeb } from './build.mjs';
import { ensure, root } from './ensure.mjs';

/** Runs a command, echoing its output, and resolves to { code, output }. */
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env } });
    let output = '';
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', echo(process.stdout));
    child.stderr.on('data', echo(process.stderr));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const count = (output, re) => Number(output.match(re)?.[1] ?? 0);
const results = [];

function record(suite, passed, failed, code) {
  // A suite that exited non-zero without reporting a failure (a crash, a build error) counts as one.
  if (code !== 0 && failed === 0) failed = 1;
  if (code === 0 && passed === 0) failed += 1; // a suite that ran nothing is a failure too
  results.push({ suite, passed, failed });
}

const started = Date.now();
ensure();

const nativeDir = buildNative({ sanitize: true });
{
  // Each doctest case is its own ctest test (doctest_discover_tests) and none writes files: they
  // run side by side, one per core (136 → 87 s here on 2 cores).
  const r = await run('ctest', ['--test-dir', nativeDir, '--output-on-failure', '-j', String(os.availableParallelism())]);
  const total = count(r.output, /tests failed out of (\d+)/);
  const failed = count(r.output, /(\d+) tests failed out of/);
  record('doctest (native, ASan+UBSan)', total - failed, failed, r.code);
  const cases = await run(path.join(nativeDir, 'native_cases'), []);
  writeFileSync(path.join(root, 'build', 'native_cases.json'), cases.output);
  if (cases.code !== 0) record('native fixture tool', 0, 1, cases.code);
}

buildWasm();
await buildWeb();

{
  const r = await run('npx', ['tsc', '-p', 'tests/types/tsconfig.json']);
  record('TypeScript declarations (tsc)', r.code === 0 ? 1 : 0, r.code === 0 ? 0 : 1, r.code);
}
// Node's files run one per core (their only time checks count CPU time: 67 → 40 s here on 2
// cores); the browser files keep node's default (one fewer than the cores): each drives a Chromium
// whose frames and workers need the rest of the machine.
for (const [suite, dir, concurrency] of [['node (WASM API)', 'tests/node', os.availableParallelism()], ['browser (Chromium)', 'tests/browser']]) {
  const r = await run('node', ['--test', '--test-reporter=spec', ...(concurrency ? [`--test-concurrency=${concurrency}`] : []), `${dir}/`]);
  record(suite, count(r.output, /ℹ pass (\d+)/), count(r.output, /ℹ fail (\d+)/), r.code);
}

const passed = results.reduce((s, r) => s + r.passed, 0);
const failed = results.reduce((s, r) => s + r.failed, 0);
console.log('\nSuites:');
for (const r of results) console.log(`  ${r.failed ? 'FAIL' : 'ok  '} ${r.suite}: ${r.passed} passed, ${r.failed} failed`);
console.log(`Time: ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`summary: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
