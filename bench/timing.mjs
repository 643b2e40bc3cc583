// Median wall time of one call, as bench/native_bench.cpp measures it: warm-up runs (at least 3
// and 30 ms, so that the JIT has tiered up), then `reps` timed batches; calls under 10 ms are
// batched (batch time / batch size), calls over a second get 3 batches only.
import { performance } from 'node:perf_hooks';

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
  } while (last < 1000 && (runs < 3 || performance.now() - start < 30));
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
