// The -fwasm-exceptions experiment (issue 16 §4): the same core built with WebAssembly's own
// exception handling instead of emscripten's JS-based one (whose invoke_* trampolines wrap every
// call that may throw), timed on the small calls where per-call overhead shows. Built into
// build/wasm-eh-out by `node bench/run.mjs --eh` (CMake option APL_WASM_EXCEPTIONS).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Lab } from '../wasm/src/lab.js';
import { medianMs } from './timing.mjs';
import { wasmCall } from './workloads.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build', 'wasm-eh-out');
export const EH_CALLS = ['W1/50', 'W2/50', 'W4/50', 'W1/500', 'W2/500'];

export function buildEh() {
  const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' };
  const dir = path.join(root, 'build', 'wasm-eh');
  const run = (cmd, args) => {
    const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
  };
  if (!existsSync(path.join(dir, 'CMakeCache.txt'))) {
    run('emcmake', ['cmake', '-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release', '-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node',
      '-DAPL_TESTS=OFF', '-DAPL_WASM_EXCEPTIONS=ON', `-DAPL_WASM_OUT=${out}`]);
  }
  run('cmake', ['--build', dir, '-j', '2']);
}

/** { ms: { 'W1/50': median ms, … }, build, note } or null when there is no such build. */
export async function runEh({ reps = 5 } = {}) {
  if (!existsSync(path.join(out, 'core.mjs'))) return null;
  const { default: createCore } = await import(pathToFileURL(path.join(out, 'core.mjs')).href);
  const lab = new Lab(await createCore({ wasmBinary: readFileSync(path.join(out, 'core.wasm')) }));
  const ms = {};
  for (const key of EH_CALLS) {
    const [w, n] = key.split('/');
    const d = lab.makeDataset({ target: 'classic', nTrain: Number(n), nTest: Number(n), seed: 0 });
    ms[key] = medianMs(wasmCall(lab, w, d), reps);
  }
  // It must also still report errors as the shipped build does (the bindings catch every C++ exception).
  let named = null;
  try {
    lab.attend({ keys: [1], values: [1], queries: [0], width: 0 });
  } catch (e) {
    named = e.parameter;
  }
  const bytes = readFileSync(path.join(out, 'core.wasm')).length;
  return {
    ms,
    build: `core.wasm ${(bytes / 1000).toFixed(0)} KB`,
    note: named === 'width' ? 'Errors still arrive as LabErrors naming the parameter.' : `Error translation broken: got parameter ${named}.`,
  };
}
