// The computation behind issue 16 §3's p drag, isolated from the page: lab.attend on the
// Minkowski exercise's 60 × 60 query grid over its n = 200 generated keys (dim 2, Gaussian,
// widths 0.5, predictions only — the request web/widgets/minkowski.js sends per drag step), at
// every p its slider offers. Reports per p the median wall time and the CPU time per call (user +
// system of this process, so a loaded machine inflates it less than wall time), and the same with
// the queries in random order (no shared coordinate values: the per-pair path). One process, one
// thread: run it alone. APL_DIST is not used: the module is wasm/gen's.
//   node bench/minkowski-grid.mjs [reps]
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createLab } from '../wasm/src/index.js';

const P_VALUES = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, Infinity];

/** Median wall ms and mean CPU ms of one call, over `reps` calls after 5 warm-up calls. */
function time(run, reps) {
  for (let i = 0; i < 5; i++) run();
  const walls = [];
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    run();
    walls.push(performance.now() - t0);
  }
  const cpu = process.cpuUsage(cpu0);
  walls.sort((a, b) => a - b);
  return { wall: walls[Math.floor(walls.length / 2)], cpu: (cpu.user + cpu.system) / 1000 / reps };
}

export async function runMinkowskiGrid({ reps = 20 } = {}) {
  const lab = await createLab();
  const data = lab.makeDataset({ target: 'surface', dim: 2, nTrain: 200, nTest: 3600, seed: 0 });
  // The same queries shuffled and moved by a few ulp: no two share a coordinate value.
  const shuffled = new Float64Array(data.xTest.length);
  for (let i = 0; i < 3600; i++) {
    const j = (i * 1777) % 3600; // 1777 is prime to 3600: a permutation
    shuffled[2 * j] = data.xTest[2 * i] * (1 + i * 2 ** -50);
    shuffled[2 * j + 1] = data.xTest[2 * i + 1] * (1 + i * 2 ** -50);
  }
  const rows = [];
  for (const p of P_VALUES) {
    const request = (queries) => ({
      queries, keys: data.xTrain, values: data.yTrain, dim: 2, kernel: 'gaussian', width: [0.5, 0.5], p,
      returnWeights: false,
    });
    const grid = time(() => lab.attend(request(data.xTest)), reps);
    const scattered = time(() => lab.attend(request(shuffled)), Math.max(3, reps >> 2));
    rows.push({ p, gridWall: grid.wall, gridCpu: grid.cpu, scatteredWall: scattered.wall, scatteredCpu: scattered.cpu });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = await runMinkowskiGrid({ reps: Number(process.argv[2] ?? 20) });
  console.log('| p | grid wall ms | grid CPU ms | scattered wall ms | scattered CPU ms |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.p} | ${r.gridWall.toFixed(2)} | ${r.gridCpu.toFixed(2)} | ${r.scatteredWall.toFixed(2)} | ${r.scatteredCpu.toFixed(2)} |`);
  }
}
