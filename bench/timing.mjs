// Median wall time of one call, as bench/native_bench.cpp measures it: one warm-up run, then
// `reps` timed batches; calls under 5 ms are batched, calls over a second get 3 batches only.
import { performance } from 'node:perf_hooks';

export let sink = 0; // results feed it, so no engine can drop a timed call

export function medianMs(run, reps = 5) {
  let t0 = performance.now();
  sink += run();
  const first = performance.now() - t0;
  const batch = first < 5 ? Math.ceil(5 / Math.max(first, 1e-3)) : 1;
  if (first > 1000) reps = Math.min(reps, 3);
  const times = [];
  for (let r = 0; r < reps; r++) {
    t0 = performance.now();
    for (let b = 0; b < batch; b++) sink += run();
    times.push((performance.now() - t0) / batch);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}
