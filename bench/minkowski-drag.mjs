// Issue 16 §3's measurement: the Minkowski exercise's p slider dragged in Chromium (the slider
// survey's drag, bench/sliders.mjs) at a general p, where every pair needs powers; its target is
// the p95 time from an input to the next surface the worker computed being drawn. Three drags in
// fresh pages; returns each drag's row and the median of their result p95s.
//
// Wall times on a loaded machine mostly measure the load, so each drag also records a Chromium
// trace and reports the thread CPU time per drawn result: the worker's (the lab.attend calls and
// their messages) and the page's main thread's (the draw: surfaces, contours, prose, rendering),
// and of the latter the part in JavaScript (pageScriptCpuPerResult: the draws, the input
// handlers, this bench's own frame callbacks); the rest is style, layout, paint and compositing,
// for the results' frames and for the thumb's (which move without a result too).
// On an idle machine a result's latency is at most about twice their sum (an input waits for the
// running job and the draw of its result, then its own job and draw: web/compute/latest-in-worker.js).
//
// Each drag is in a fresh page, so its first result also waits for the drag's worker to start
// (the exercise starts it when a pointer comes over its sliders, and this drag presses at once)
// and for its first, not yet optimised, run of the core: reported apart as firstResult, with the
// p95 of the later results (resultP95AfterFirst), the latency of a drag once the worker runs.
//   node bench/minkowski-drag.mjs [--trace-out=DIR]
// --trace-out: also writes each drag's Chromium trace to DIR/minkowski-drag-<k>.json (open it in
// Chrome's Performance panel or Perfetto) to see what the per-result CPU time is spent on.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { ARGS, percentile } from './interaction.mjs';
import { drag } from './sliders.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Stands in for the browser in drag(): its pages record a trace, handed to onTrace on close with
 * the latencies of the drag's results in order (drag() records them in window.__sliders).
 */
function tracing(browser, onTrace) {
  return {
    async newPage(options) {
      const page = await browser.newPage(options);
      await browser.startTracing(page, {
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'],
      });
      const close = page.close.bind(page);
      page.close = async () => {
        const results = await page.evaluate(() => window.__sliders?.results ?? []);
        onTrace(JSON.parse((await browser.stopTracing()).toString()).traceEvents, results);
        await close();
      };
      return page;
    },
  };
}

/**
 * Thread CPU ms per result from the drag's trace: top-level tasks from the first input to 0.5 s
 * after the last (the drag waits 0.3 s for the last result), on the page's main thread and on
 * the worker thread that handled the most messages (the drag's; the rate curves have their own).
 */
function cpuPerResult(events, results) {
  const names = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(e.tid, e.args.name);
  const inputs = events.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'input');
  if (!inputs.length || !results) return { page: NaN, script: NaN, worker: NaN };
  const main = inputs[0].tid; // the page's main thread (other renderers have one too)
  const t0 = Math.min(...inputs.map((e) => e.ts));
  const t1 = Math.max(...inputs.map((e) => e.ts)) + 500e3;
  const cpu = new Map();
  const messages = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || e.ts < t0 || e.ts > t1) continue;
    if (e.name === 'RunTask' && e.tdur !== undefined) cpu.set(e.tid, (cpu.get(e.tid) ?? 0) + e.tdur / 1000);
    if (e.name === 'HandlePostMessage') messages.set(e.tid, (messages.get(e.tid) ?? 0) + 1);
  }
  // Script: the outermost JavaScript events on the main thread (nested ones are inside them).
  let script = 0;
  let end = -Infinity;
  const js = events.filter((e) => e.ph === 'X' && e.tid === main && e.ts >= t0 && e.ts <= t1 && e.tdur !== undefined && SCRIPT.has(e.name))
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  for (const e of js) {
    if (e.ts < end) continue;
    script += e.tdur / 1000;
    end = e.ts + e.dur;
  }
  const workers = [...messages].filter(([tid]) => names.get(tid)?.startsWith('DedicatedWorker')).sort((a, b) => b[1] - a[1]);
  return { page: (cpu.get(main) ?? NaN) / results, script: script / results, worker: workers.length ? (cpu.get(workers[0][0]) ?? NaN) / results : NaN };
}

/** Trace events that run JavaScript (a task's callbacks, handlers, timers, frames, microtasks). */
const SCRIPT = new Set(['FunctionCall', 'RunMicrotasks', 'EventDispatch', 'TimerFire', 'FireAnimationFrame', 'EvaluateScript', 'V8.Execute']);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export async function runMinkowskiDrag({ dist, drags = 3, traceOut = null }) {
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
    for (let i = 0; i < drags; i++) {
      let trace = [];
      let latencies = [];
      const row = await drag(tracing(browser, (events, results) => { trace = events; latencies = results; }), server.url, 'minkowski', k);
      if (traceOut) {
        mkdirSync(traceOut, { recursive: true });
        writeFileSync(path.join(traceOut, `minkowski-drag-${i + 1}.json`), JSON.stringify({ traceEvents: trace }));
      }
      const cpu = cpuPerResult(trace, row.results);
      rows.push({
        ...row, firstResult: latencies[0] ?? NaN, resultP95AfterFirst: percentile(latencies.slice(1), 95),
        workerCpuPerResult: cpu.worker, pageCpuPerResult: cpu.page, pageScriptCpuPerResult: cpu.script,
      });
    }
    return {
      rows,
      resultP95: median(rows.map((r) => r.resultP95)),
      firstResult: median(rows.map((r) => r.firstResult)),
      resultP95AfterFirst: median(rows.map((r) => r.resultP95AfterFirst)),
      workerCpuPerResult: median(rows.map((r) => r.workerCpuPerResult)),
      pageCpuPerResult: median(rows.map((r) => r.pageCpuPerResult)),
      pageScriptCpuPerResult: median(rows.map((r) => r.pageScriptCpuPerResult)),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const traceOut = process.argv.slice(2).find((a) => a.startsWith('--trace-out='))?.slice('--trace-out='.length) || null;
  console.log(JSON.stringify(await runMinkowskiDrag({ dist: process.env.APL_DIST ?? 'build/dist-perf', traceOut }), null, 2));
}
