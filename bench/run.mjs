// npm run bench: every contender on every workload in one run, then the report
// (test-output/bench-report.md, also printed). Not part of npm test; about 2 minutes here.
//   node bench/run.mjs [--quick] [--no-browser] [--no-build] [--eh] [--only=W1,W2,…]
// --eh builds the core with -fwasm-exceptions too (bench/wasm-eh.mjs) and times its small calls.
// --only: just these kernel workloads (native, WASM, plain JS and for W2 TF.js-wasm), nothing else (no large n, no
// browser, no -fwasm-exceptions rows); the report then lists only their rows and targets.
// APL_BENCH_WASM: the WASM module to time (default wasm/gen/core.mjs, as npm run build makes it);
// APL_DIST: the page folder for the browser run (default build/dist-perf, rebuilt unless --no-build).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Lab } from '../wasm/src/lab.js';
import { runDownload } from './download.mjs';
import { buildPage, runInteraction } from './interaction.mjs';
import { runLargeN } from './large-n.mjs';
import { runMinkowskiDrag } from './minkowski-drag.mjs';
import { runTfjs } from './tfjs-wasm.mjs';
import { buildEh, runEh } from './wasm-eh.mjs';
import { buildNative, compilerVersions, nativeVectorWidth, runNative } from './native.mjs';
import { report } from './report.mjs';
import { medianMs } from './timing.mjs';
import { DESCRIPTIONS, SIZES, agreement, plainCall, wasmCall } from './workloads.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const onlyArg = process.argv.slice(2).find((a) => a.startsWith('--only='));
const only = onlyArg ? onlyArg.slice('--only='.length).split(',') : null;
for (const w of only ?? []) if (!(w in SIZES)) throw new Error(`--only: unknown workload ${w}; accepted: ${Object.keys(SIZES).join(', ')}`);
const sizes = only ? Object.fromEntries(Object.entries(SIZES).filter(([w]) => only.includes(w))) : SIZES;
const quick = args.has('--quick');
const reps = quick ? 1 : 5;
const started = Date.now();
const wasmPath = path.resolve(root, process.env.APL_BENCH_WASM ?? 'wasm/gen/core.mjs');
const { default: createCore } = await import(pathToFileURL(wasmPath).href);

// A separate core.wasm next to the glue is passed as wasmBinary (node's fetch cannot read files);
// a SINGLE_FILE build has none and needs nothing.
const binaryPath = wasmPath.replace(/\.mjs$/, '.wasm');
const wasmBinary = existsSync(binaryPath) ? readFileSync(binaryPath) : undefined;
/** A lab on a fresh WASM instance (its own linear memory, so heap growth is this call's). */
const freshLab = async () => new Lab(await createCore(wasmBinary ? { wasmBinary } : {}));
const lab = await freshLab();
const data = (n) => lab.makeDataset({ target: 'classic', nTrain: n, nTest: n, seed: 0 });

console.error('native: building and running (g++ -O3, -O3 -march=native)…');
if (!args.has('--no-build')) buildNative();
const native = runNative({ quick, only });

console.error(`WASM (${path.relative(root, wasmPath)}) and plain JS in node…`);
const wasm = {};
const plain = {};
const memory = {};
for (const [w, ns] of Object.entries(sizes)) {
  for (const n of ns) {
    const d = data(n);
    for (const algorithm of w === 'W2' || w === 'W1i' ? ['auto'] : ['auto', 'brute-force']) {
      wasm[`${w}/${n}/${algorithm}`] = medianMs(wasmCall(lab, w, d, algorithm), reps);
      console.error(`  WASM ${w} N=${n} ${algorithm}: ${wasm[`${w}/${n}/${algorithm}`].toFixed(3)} ms`);
    }
    const js = plainCall(w, d);
    if (js) {
      plain[`${w}/${n}`] = medianMs(js, reps);
      console.error(`  plain JS ${w} N=${n}: ${plain[`${w}/${n}`].toFixed(3)} ms`);
    }
    if (w === 'W1') {
      // The weights into one reused array, for WASM and plain JS alike (see the report's W1 table).
      wasm[`${w}/${n}/auto/reused`] = medianMs(wasmCall(lab, w, d, 'auto', { reused: true }), reps);
      plain[`${w}/${n}/reused`] = medianMs(plainCall(w, d, { reused: true }), reps);
      console.error(`  W1 N=${n} into a reused array: WASM ${wasm[`${w}/${n}/auto/reused`].toFixed(3)} ms, plain JS ${plain[`${w}/${n}/reused`].toFixed(3)} ms`);
    }
    const fresh = await freshLab();
    wasmCall(fresh, w, fresh.makeDataset({ target: 'classic', nTrain: n, nTest: n, seed: 0 }))();
    memory[`${w}/${n}`] = fresh.memory().peak;
  }
}
// What returning W1's weights costs in node before any is computed: a fresh N×N Float64Array with
// every 4 KiB page written once (the API must hand out an array it owns; V8 gets one from the
// system, zeroed page by page on first touch, where the native contender's Matrix reuses freed heap).
const resultArray = {};
for (const n of sizes.W1 ?? []) {
  resultArray[n] = medianMs(() => {
    const w = new Float64Array(n * n);
    for (let k = 0; k < w.length; k += 512) w[k] = 1;
    return w[w.length - 1];
  }, reps);
}
let tfjs = null;
if (sizes.W2) {
  console.error('TF.js-wasm: W2…');
  tfjs = await runTfjs(lab, data, sizes.W2, { reps });
  for (const [key, ms] of Object.entries(tfjs.ms)) console.error(`  TF.js-wasm ${key}: ${ms.toFixed(3)} ms`);
}
const agree = agreement(lab, data);
let largeN = null;
if (!only) {
  console.error('WASM: large n (selectWidth, looCurve)…');
  largeN = runLargeN(lab, { log: console.error });
}
if (args.has('--eh')) {
  console.error('WASM with -fwasm-exceptions: building…');
  buildEh();
}
// Only with --eh, which has just rebuilt it: an -fwasm-exceptions build left from an earlier run
// may predate the bindings the JS layer calls.
const eh = only || !args.has('--eh') ? null : await runEh({ reps });

let interaction = null;
let download = null;
let minkowski = null;
if (!args.has('--no-browser') && !only) {
  const dist = process.env.APL_DIST ?? 'build/dist-perf';
  console.error(`Chromium: dragging the width slider (page in ${dist})…`);
  if (!args.has('--no-build')) buildPage(dist);
  interaction = await runInteraction({ dist });
  console.error('Chromium: cold loads under phone emulation…');
  download = await runDownload({ dist, runs: quick ? 1 : 3 });
  console.error('Chromium: dragging the Minkowski p slider…');
  minkowski = await runMinkowskiDrag({ dist, drags: quick ? 1 : 3 });
}

const cpu = os.cpus();
const machine = {
  cpu: cpu[0]?.model ?? 'unknown', cores: cpu.length, memory: `${(os.totalmem() / 2 ** 30).toFixed(0)} GiB`,
  os: `${os.type()} ${os.release()} ${os.arch()}`, node: process.version, date: new Date().toISOString(), ...compilerVersions(),
  marchVectors: nativeVectorWidth(),
};
const text = report({
  machine, native, wasm, plain, memory, resultArray, interaction, agreement: agree, descriptions: DESCRIPTIONS, sizes, largeN, download, minkowski, eh, tfjs,
  seconds: (Date.now() - started) / 1000,
});
mkdirSync(path.join(root, 'test-output'), { recursive: true });
const file = path.join(root, 'test-output', 'bench-report.md');
writeFileSync(file, text);
writeFileSync(path.join(root, 'test-output', 'bench-results.json'), JSON.stringify({ machine, native, wasm, plain, memory, resultArray, interaction, agreement: agree, largeN, download, minkowski, eh, tfjs }, null, 2));
console.log(text);
console.error(`Report written to ${path.relative(root, file)}`);
