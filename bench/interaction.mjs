// The interaction contender: Debian's Chromium (playwright-core, the browser suite's launch flags)
// drags the width slider of the page's first widget (#kernel-regression) with the mouse at a given
// n (`?kernel-regression.n=N` in the URL). Per input event: time from its dispatch (and from the
// timestamp of the pointer event behind it) to the end of the next rendered frame (a task queued from that frame's requestAnimationFrame runs after
// its paint); and the longest main-thread task while dragging (PerformanceObserver 'longtask',
// which reports tasks over 50 ms only).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The same flags as tests/browser/browser.mjs (root in a closed network: no sandbox, no traffic).
export const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];
const STEPS = 60; // input events per drag
const SECTION = '#kernel-regression';

/** Builds the page into `dist` (scripts/build.mjs web, with APL_DIST) unless it is there. */
export function buildPage(dist, { rebuild = true } = {}) {
  if (!rebuild && existsSync(path.join(root, dist, 'index.html'))) return;
  const r = spawnSync('node', ['scripts/build.mjs', 'web'], { cwd: root, env: { ...process.env, APL_DIST: dist }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`page build failed:\n${r.stdout}${r.stderr}`);
}

/** The p-th percentile of latencies (nearest rank; NaN for none). */
export const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

async function dragAt(browser, url, n) {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${url}?kernel-regression.n=${n}`);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
  const slider = page.locator(`${SECTION} input[type=range]`).first();
  await slider.scrollIntoViewIfNeeded();
  await page.evaluate((sel) => {
    const input = document.querySelector(`${sel} input[type=range]`);
    window.__bench = { latencies: [], stamped: [], longest: 0, longTasks: 0 };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        window.__bench.longTasks++;
        window.__bench.longest = Math.max(window.__bench.longest, e.duration);
      }
    }).observe({ type: 'longtask' });
    // The pointer event that moved the thumb carries the platform's input timestamp; the `input`
    // event it causes is stamped only when dispatched.
    let pointerStamp = 0;
    input.addEventListener('pointermove', (e) => { pointerStamp = e.timeStamp; }, { capture: true });
    // Capture phase: runs before the widget's own listener, so the frame measured is the one
    // that shows this input's result.
    input.addEventListener('input', () => {
      const dispatched = performance.now();
      const stamp = Math.min(pointerStamp || dispatched, dispatched);
      requestAnimationFrame(() => setTimeout(() => {
        const now = performance.now();
        window.__bench.latencies.push(now - dispatched);
        window.__bench.stamped.push(now - stamp);
      }, 0));
    }, { capture: true });
  }, SECTION);
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const x0 = box.x + box.width * 0.1;
  const x1 = box.x + box.width * 0.9;
  await page.mouse.move(x0, y);
  await page.mouse.down();
  let expected = await page.evaluate(() => window.__bench.latencies.length);
  for (let s = 1; s <= STEPS; s++) {
    // There and back: narrow → wide → narrow, the way a learner sweeps the width.
    const t = s <= STEPS / 2 ? (2 * s) / STEPS : 2 - (2 * s) / STEPS;
    await page.mouse.move(x0 + t * (x1 - x0), y);
    const count = await page.evaluate(() => window.__bench.latencies.length);
    expected = Math.max(expected, count);
    // Wait for this input's frame (if the move changed the value) before the next move.
    await page.waitForFunction((c) => window.__bench.latencies.length >= c, expected, { timeout: 10000 }).catch(() => {});
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  await page.mouse.up();
  await page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
  const result = await page.evaluate(() => window.__bench);
  await page.close();
  const lat = result.latencies;
  const stamped = result.stamped;
  return {
    n,
    inputs: lat.length,
    p50: percentile(lat, 50),
    p95: percentile(lat, 95),
    max: lat.length ? Math.max(...lat) : NaN,
    p50Stamp: percentile(stamped, 50),
    p95Stamp: percentile(stamped, 95),
    longestTask: result.longest, // 0: no task over 50 ms
    longTasks: result.longTasks,
    errors,
  };
}

/** Runs the drag at each n; resolves to { chromium: version, runs: [...] }. */
export async function runInteraction({ dist, sizes = [50, 1000, 5000] }) {
  const server = await serve({ dir: path.resolve(root, dist) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    const runs = [];
    for (const n of sizes) {
      const r = await dragAt(browser, server.url, n);
      console.error(`  chromium drag N=${n}: ${r.inputs} inputs, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, longest task ${r.longestTask || '< 50'} ms`);
      runs.push(r);
    }
    return { chromium: browser.version(), runs };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.env.APL_DIST ?? 'build/dist-perf';
  buildPage(dist, { rebuild: process.argv.includes('--build') });
  console.log(JSON.stringify(await runInteraction({ dist }), null, 2));
}
