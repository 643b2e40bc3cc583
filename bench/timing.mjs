// Median wall time of one call, as bench/native_bench.cpp measures it: warm-up runs (at least 3
// and 300 ms), then `reps` timed batches; calls under 10 ms are batched (batch time / batch size),
// calls over a second get 3 batches only. The warm-up is long enough for V8 to have tiered up both
// the WASM (Liftoff → TurboFan) and the plain JS: with 30 ms, calls of ~20 µs were still measured
// half-optimised (the first thousand calls of lab.train at N = 50 cost 45–500 µs each), so the
// N = 50 rows measured the JIT, not the code. The report states the warm-up.
import { performance } from 'node:perf_hooks';

export const WARM_UP_MS = 300;
export let sink = 0; // results feed it, so no engine can drop a timed call

export function medianMs(run, reps = 5) {
  let runs = 0;
  let last = 0;
  const start = performance.now();
  do {
    const t0 = performance.now();
    sink += run();
    last = performance.now() - t0;
    runs++;
  } while (last < 1000 && (runs < 3 || performance.now() - start < WARM_UP_MS));
  const batch = last < 10 ? Math.ceil(10 / Math.max(last, 1e-3)) : 1;
  if (last > 1000) reps = Math.min(reps, 3);
  const times = [];
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    for (let b = 0; b < batch; b++) sink += run();
    times.push((performance.now() - t0) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
