// npm run bench:sliders — every slider of every exercise dragged once in Chromium at the page's
// defaults: per input, the time from its dispatch to the end of the next rendered frame (p50, p95)
// and the main-thread tasks over 50 ms. Issue 7's targets cover #kernel-regression's width (see
// bench/interaction.mjs); this survey shows where the other controls stand. Exercises whose
// drags run in a worker (web/compute/latest-in-worker.js) answer the input at once and draw the result
// when it arrives: for them the survey also reports the time from an input to the first result
// drawn after it (an upper bound: the result may belong to a later input). Report in
// test-output/sliders-report.md. APL_DIST: the page folder (default build/dist-perf, rebuilt).
//   node bench/sliders.mjs [exercise id …]   (default: every exercise)
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { ARGS, buildPage, percentile } from './interaction.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const STEPS = 30; // inputs per drag: 10 % → 90 % of the track and back

/** Drags slider k of exercise id (in a fresh page, so earlier drags do not change its state). */
export async function drag(browser, url, id, k) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${url}?exercise=${id}`);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
  await page.waitForTimeout(1000); // let start-up work (workers, first curves) settle
  const slider = page.locator(`#${id} [data-controls] input[type=range]`).nth(k);
  if (!(await slider.isVisible())) {
    await page.close();
    return null;
  }
  await slider.scrollIntoViewIfNeeded();
  const label = await slider.evaluate((el) => el.closest('[data-control]')?.dataset.control ?? '?');
  await slider.evaluate((input) => {
    window.__sliders = { latencies: [], results: [], longest: 0, longTasks: 0 };
    // Results drawn by the worker path: the section's data-offloaded counter goes up.
    let unanswered = null; // time of the oldest input no worker result has been drawn after
    new MutationObserver(() => {
      if (unanswered !== null) window.__sliders.results.push(performance.now() - unanswered);
      unanswered = null;
    }).observe(input.closest('section'), { attributes: true, attributeFilter: ['data-offloaded'] });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__sliders.longTasks++;
        window.__sliders.longest = Math.max(window.__sliders.longest, e.duration);
      }
    }).observe({ type: 'longtask' });
    input.addEventListener('input', () => {
      const t = performance.now();
      unanswered ??= t;
      requestAnimationFrame(() => setTimeout(() => window.__sliders.latencies.push(performance.now() - t), 0));
    }, { capture: true });
  });
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.1, y);
  await page.mouse.down();
  for (let s = 1; s <= STEPS; s++) {
    const t = s <= STEPS / 2 ? (2 * s) / STEPS : 2 - (2 * s) / STEPS;
    await page.mouse.move(box.x + box.width * (0.1 + 0.8 * t), y);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  await page.mouse.up();
  await page.waitForTimeout(300);
  const r = await page.evaluate(() => window.__sliders);
  await page.close();
  const lat = r.latencies;
  const res = r.results;
  return {
    id, label, inputs: lat.length, p50: percentile(lat, 50), p95: percentile(lat, 95),
    longTasks: r.longTasks, longest: r.longest, results: res.length, resultP95: percentile(res, 95),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();

async function main() {
  const dist = process.env.APL_DIST ?? 'build/dist-perf';
  buildPage(dist);
  const all = JSON.parse(readFileSync(path.join(root, 'web/exercises/index.json'), 'utf8'));
  const wanted = process.argv.slice(2);
  for (const id of wanted) if (!all.includes(id)) throw new Error(`no exercise '${id}'; exercises: ${all.join(', ')}`);
  const ids = wanted.length ? wanted : all;
  const server = await serve({ dir: path.resolve(root, dist) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const version = browser.version();
  const rows = [];
  try {
    for (const id of ids) {
      const probe = await browser.newPage();
      await probe.goto(`${server.url}?exercise=${id}`);
      await probe.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
      const count = await probe.locator(`#${id} [data-controls] input[type=range]`).count();
      await probe.close();
      for (let k = 0; k < count; k++) {
        const r = await drag(browser, server.url, id, k);
        if (!r) continue;
        console.error(`  ${id} ${r.label}: p95 ${r.p95.toFixed(1)} ms, ${r.longTasks} tasks > 50 ms${r.results ? `, ${r.results} worker results (p95 ${r.resultP95.toFixed(0)} ms)` : ''}`);
        rows.push(r);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const lines = [
    '# Attention Pooling Lab — slider survey',
    '',
    `Chromium ${version}, --disable-gpu, 1440 × 900, each slider dragged ${STEPS} steps from the exercise's defaults in a fresh page (${new Date().toISOString()}). Latency: input event → end of the next rendered frame. Worker results: for drags computed in a worker, the number of results drawn during the drag and p95 from an input to the first result drawn after it. One run on a shared 2-core VM.${wanted.length ? ` Only ${wanted.join(', ')}.` : ''}`,
    '',
    '| exercise | slider | inputs | p50 ms | p95 ms | tasks > 50 ms | longest task | worker results | result p95 ms |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.id} | ${r.label} | ${r.inputs} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.longTasks} | ${r.longTasks ? `${r.longest.toFixed(0)} ms` : '–'} | ${r.results || '–'} | ${r.results ? r.resultP95.toFixed(0) : '–'} |`),
    '',
    `${rows.filter((r) => r.p95 <= 16.7).length} of ${rows.length} sliders answer within one 60 Hz frame at p95; ${rows.filter((r) => r.longTasks > 0).length} cause tasks over 50 ms.`,
    '',
  ];
  mkdirSync(path.join(root, 'test-output'), { recursive: true });
  writeFileSync(path.join(root, 'test-output', 'sliders-report.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}
