// The large-n workloads of issue 16 (WASM, node): selectWidth and looCurve (50 widths 0.01…10) on
// d2l's data at n = 10,000 and 100,000. A call that takes seconds is timed once after one warm-up
// run (medianMs's three warm-ups and batches would take minutes); one under a second, as the
// median of three after a warm-up. A size is skipped when the previous one of the same workload
// took over 2 s: at the brute force's n² cost, 10× the points would take over 3 minutes. Returns
// { 'selectWidth/10000': { ms } | { skipped, estimateMs }, … }.
// HOOK (issue 16 §1): the fast leave-one-out's own benchmark, bench/loo-1d.mjs, measures the
// same calls against the brute force with its accuracy; the report reads only these timings.
import { performance } from 'node:perf_hooks';
import { W3_WIDTHS } from './workloads.mjs';

export const LARGE_N = [10000, 100000];
export const LARGE_WORKLOADS = {
  selectWidth: (lab, d) => lab.selectWidth({ x: d.xTrain, y: d.yTrain }).width,
  looCurve: (lab, d) => lab.looCurve({ x: d.xTrain, y: d.yTrain, widths: W3_WIDTHS }).mse[0],
};

function timeOnce(call) {
  const t0 = performance.now();
  call();
  return performance.now() - t0;
}

export function runLargeN(lab, { log = () => {} } = {}) {
  const out = {};
  for (const [name, call] of Object.entries(LARGE_WORKLOADS)) {
    let previous = null;
    for (const n of LARGE_N) {
      const key = `${name}/${n}`;
      if (previous && previous.ms > 2000) {
        out[key] = { skipped: true, estimateMs: previous.ms * (n / previous.n) ** 2 };
        log(`  WASM ${key}: skipped (about ${(out[key].estimateMs / 1000).toFixed(0)} s at n² cost)`);
        continue;
      }
      const d = lab.makeDataset({ target: 'classic', nTrain: n, nTest: 1, seed: 0 });
      const first = timeOnce(() => call(lab, d));
      const times = first > 1000 ? [timeOnce(() => call(lab, d))] : [1, 2, 3].map(() => timeOnce(() => call(lab, d)));
      times.sort((a, b) => a - b);
      out[key] = { ms: times[Math.floor(times.length / 2)] };
      previous = { n, ms: out[key].ms };
      log(`  WASM ${key}: ${out[key].ms.toFixed(1)} ms`);
    }
  }
  return out;
}
