// Benchmark of leave-one-out for 1-D data (issue 16, section 1): the core's O(n)-per-width path
// (detail::Loo1d) through the WASM API in node, against issue 16's targets. Usage:
//   node bench/loo-1d.mjs            WASM only (targets in absolute time)
//   node bench/loo-1d.mjs --native   also builds and runs bench/native_bench (as npm run bench
//                                    does) for the W3/W4 ratio targets against the native brute force
// Times are CPU time of this process (process.cpuUsage), the minimum over repetitions: the
// machines this runs on are often shared, and CPU time is what the work costs.
import { createLab } from '../wasm/src/index.js';
import { W3_WIDTHS } from './workloads.mjs';

const lab = await createLab();
const native = process.argv.includes('--native');

function cpuMs(f, reps) {
  let best = Infinity;
  for (let r = 0; r < reps; r++) {
    const u0 = process.cpuUsage();
    f();
    const u = process.cpuUsage(u0);
    best = Math.min(best, (u.user + u.system) / 1000);
  }
  return best;
}

const data = (n) => lab.makeDataset({ target: 'classic', nTrain: n, nTest: 1, seed: 0 });
const rows = [];
const row = (what, ms, target, note = '') => rows.push({ what, ms, target, note });

const d1k = data(1000), d10k = data(10000), d100k = data(100000);
const w3 = cpuMs(() => lab.looCurve({ x: d1k.xTrain, y: d1k.yTrain, widths: W3_WIDTHS }), 7);
const w4 = cpuMs(() => lab.selectWidth({ x: d1k.xTrain, y: d1k.yTrain }), 7);
const w3Brute = cpuMs(() => lab.looCurve({ x: d1k.xTrain, y: d1k.yTrain, widths: W3_WIDTHS, algorithm: 'brute-force' }), 2);
const w4Brute = cpuMs(() => lab.selectWidth({ x: d1k.xTrain, y: d1k.yTrain, algorithm: 'brute-force' }), 2);
row('selectWidth, n = 10,000 (Gaussian)', cpuMs(() => lab.selectWidth({ x: d10k.xTrain, y: d10k.yTrain }), 5), 100);
row('selectWidth, n = 100,000 (Gaussian)', cpuMs(() => lab.selectWidth({ x: d100k.xTrain, y: d100k.yTrain }), 2), 1000);
row('looCurve, 50 widths 0.01…10, n = 10,000', cpuMs(() => lab.looCurve({ x: d10k.xTrain, y: d10k.yTrain, widths: W3_WIDTHS }), 5), null);
for (const kernel of ['boxcar', 'triangular', 'epanechnikov'])
  row(`selectWidth, n = 10,000 (${kernel})`, cpuMs(() => lab.selectWidth({ x: d10k.xTrain, y: d10k.yTrain, kernel }), 3), null);

let nativeBrute = null;
if (native) {
  const { buildNative, runNative } = await import('./native.mjs');
  buildNative();
  nativeBrute = runNative()['native -O3 -march=native'];
}
const ref = (key) => nativeBrute?.[key];
// The native build's own 'auto' (now the same O(n)-per-width method), for scale.
const nativeAuto = (w) => (ref(`${w}/1000/auto`) ? `; native -march=native auto ${ref(`${w}/1000/auto`).toFixed(1)} ms` : '');
row('W3: looCurve 50 widths, n = 1,000', w3, ref('W3/1000/brute-force') && 0.5 * ref('W3/1000/brute-force'),
  `WASM brute force ${w3Brute.toFixed(1)} ms` + (ref('W3/1000/brute-force') ? `; native -march=native brute force ${ref('W3/1000/brute-force').toFixed(1)} ms` : '') + nativeAuto('W3'));
row('W4: selectWidth, n = 1,000', w4, ref('W4/1000/brute-force') && 0.5 * ref('W4/1000/brute-force'),
  `WASM brute force ${w4Brute.toFixed(1)} ms` + (ref('W4/1000/brute-force') ? `; native -march=native brute force ${ref('W4/1000/brute-force').toFixed(1)} ms` : '') + nativeAuto('W4'));

console.log('Leave-one-out of 1-D data (WASM in node; CPU ms, minimum over repetitions)\n');
console.log('| workload | ms | target | met |');
console.log('|---|---|---|---|');
for (const r of rows) {
  const target = r.target == null ? '—' : `≤ ${r.target.toFixed(1)} ms`;
  const met = r.target == null ? '—' : r.ms <= r.target ? 'yes' : 'NO';
  console.log(`| ${r.what} | ${r.ms.toFixed(1)} | ${target} | ${met} |${r.note ? ` ${r.note}` : ''}`);
}
if (!native) console.log('\nW3/W4 targets (≤ 0.5× native -O3 -march=native brute force) need --native.');
