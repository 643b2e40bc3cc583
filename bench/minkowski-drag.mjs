// Issue 16 §3's measurement: the Minkowski exercise's p slider dragged in Chromium (the slider
// survey's drag, bench/sliders.mjs) at a general p, where every pair needs powers; its target is
// the p95 time from an input to the next surface the worker computed being drawn. Three drags in
// fresh pages; returns each drag's row and the median of their result p95s.
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { ARGS } from './interaction.mjs';
import { drag } from './sliders.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function runMinkowskiDrag({ dist, drags = 3 }) {
  const server = await serve({ dir: path.resolve(root, dist) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const probe = await browser.newPage();
    await probe.goto(`${server.url}?exercise=minkowski`);
    await probe.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
    const labels = await probe.$$eval('#minkowski [data-controls] input[type=range]', (inputs) =>
      inputs.map((el) => el.closest('[data-control]')?.dataset.control ?? el.dataset.control));
    await probe.close();
    const k = labels.indexOf('p');
    if (k < 0) throw new Error(`no p slider in #minkowski (sliders: ${labels.join(', ')})`);
    const rows = [];
    for (let i = 0; i < drags; i++) rows.push(await drag(browser, server.url, 'minkowski', k));
    const p95s = rows.map((r) => r.resultP95).sort((a, b) => a - b);
    return { rows, resultP95: p95s[Math.floor((p95s.length - 1) / 2)] };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(await runMinkowskiDrag({ dist: process.env.APL_DIST ?? 'build/dist-perf' }), null, 2));
}
