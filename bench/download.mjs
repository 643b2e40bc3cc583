// What a learner on a phone waits for: the page served compressed (scripts/serve.mjs, as a static
// host serves it) to Chromium emulating a mid-range phone — 4× CPU slowdown
// (Emulation.setCPUThrottlingRate), 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip
// (Network.emulateNetworkConditions), a 412 × 823 touch screen — from an empty cache.
//
// Time to interactive (TTI), defined here: from navigation start until the first exercise in view
// answers its first control. As soon as web/main.js marks that exercise mounted
// ('apl:first-exercise-mounted'), a script in the page moves the exercise's first slider one step
// (an input event, as a drag sends) and TTI is the moment its section's DOM changes in response.
// The other exercises are still mounting then: web/main.js yields between mounts, and this
// measures that it does. Bytes on the wire: what the network delivered (compressed bodies plus
// headers, CDP's encodedDataLength) until TTI, and until the page is fully loaded and idle.
//   node bench/download.mjs [--runs N] [--no-build]   (APL_DIST: the page folder, default build/dist-perf)
import { chromium } from 'playwright-core';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../scripts/serve.mjs';
import { ARGS, buildPage } from './interaction.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const PHONE = { cpuSlowdown: 4, downKbit: 1600, upKbit: 750, rttMs: 150, viewport: { width: 412, height: 823 } };

/** Runs in the page before its scripts: the TTI probe described above. */
function probe() {
  window.__apl = { mounted: NaN, interactive: 0, firstPaint: NaN, exercise: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__apl.firstPaint = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const mark of list.getEntries()) {
      if (mark.name !== 'apl:first-exercise-mounted') continue;
      const section = document.getElementById(mark.detail);
      window.__apl.mounted = mark.startTime;
      window.__apl.exercise = mark.detail;
      const input = section.querySelector('input[type=range]');
      // Dispatched from a task of its own, after main.js's mount loop has yielded.
      setTimeout(() => {
        const observer = new MutationObserver(() => {
          window.__apl.interactive ||= performance.now();
          observer.disconnect();
        });
        observer.observe(section, { subtree: true, attributes: true, childList: true, characterData: true });
        input.value = String(Number(input.value) + Number(input.step || 1) * (Number(input.value) < Number(input.max) ? 1 : -1));
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }, 0);
    }
  }).observe({ type: 'mark' });
}

/** One cold load under the phone emulation: { tti, mounted, firstPaint, bytesInteractive, bytesTotal, exercise }. */
async function loadOnce(browser, url) {
  const context = await browser.newContext({ viewport: PHONE.viewport, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PHONE.rttMs,
    downloadThroughput: (PHONE.downKbit * 1000) / 8,
    uploadThroughput: (PHONE.upKbit * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
  // CDP monotonic timestamps (seconds) of each finished response with its bytes; the page's
  // navigation start on the same clock comes from the document's own request.
  const finished = [];
  let navigationStart = NaN;
  cdp.on('Network.requestWillBeSent', (e) => {
    if (e.type === 'Document' && Number.isNaN(navigationStart)) navigationStart = e.timestamp;
  });
  cdp.on('Network.loadingFinished', (e) => finished.push({ t: e.timestamp, bytes: e.encodedDataLength }));
  await page.addInitScript(probe);
  await page.goto(url);
  await page.waitForFunction(() => window.__apl.interactive > 0, null, { timeout: 120000, polling: 100 });
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 120000 });
  await page.waitForLoadState('networkidle');
  const m = await page.evaluate(() => window.__apl);
  // The document request starts at navigation start (±1 ms), so TTI on the CDP clock is:
  const ttiAt = navigationStart + m.interactive / 1000;
  const sum = (list) => list.reduce((s, f) => s + f.bytes, 0);
  const result = {
    exercise: m.exercise,
    tti: m.interactive,
    mounted: m.mounted,
    firstPaint: m.firstPaint,
    bytesInteractive: sum(finished.filter((f) => f.t <= ttiAt)),
    bytesTotal: sum(finished),
  };
  await context.close();
  return result;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** `runs` cold loads of dist/ (built if needed); the median of each figure, and every run. */
export async function runDownload({ dist, runs = 3 }) {
  const server = await serve({ dir: path.resolve(root, dist) });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    await loadOnce(browser, server.url); // fills serve.mjs's compression cache; not counted
    const all = [];
    for (let k = 0; k < runs; k++) all.push(await loadOnce(browser, server.url));
    const pick = (key) => median(all.map((r) => r[key]));
    return {
      phone: PHONE,
      exercise: all[0].exercise,
      tti: pick('tti'),
      mounted: pick('mounted'),
      firstPaint: pick('firstPaint'),
      bytesInteractive: pick('bytesInteractive'),
      bytesTotal: pick('bytesTotal'),
      runs: all,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.env.APL_DIST ?? 'build/dist-perf';
  const at = process.argv.indexOf('--runs');
  buildPage(dist, { rebuild: !process.argv.includes('--no-build') });
  console.log(JSON.stringify(await runDownload({ dist, runs: at > 0 ? Number(process.argv[at + 1]) : 3 }), null, 2));
}
