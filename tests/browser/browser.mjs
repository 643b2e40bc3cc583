// Shared set-up for the browser suite: serve dist/ on loopback, drive Debian's Chromium with
// playwright-core, and collect console errors and page errors.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const dist = path.resolve(here, '..', '..', process.env.APL_DIST ?? 'dist');
export const outputDir = path.join(here, '..', '..', 'test-output', 'screenshots');

/**
 * APL_HINT_SEED=<n> (a whole number from 0 to 1e9, web/link-schemas.js): the hint tests open
 * their exercise on data seed n — the link state `<exercise>.seed=n`, which a learner gets from
 * "New data" or a shared link — because a hint is a promise on any data the exercise generates,
 * not only on the default seed. Unset (as `npm test` runs): seed 0, and the links stay as they were.
 * Only the hint tests honour it (through withHintSeed and dataSeed); the other tests keep seed 0.
 */
export const HINT_SEED = (() => {
  const raw = process.env.APL_HINT_SEED;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n > 1e9) throw new Error(`APL_HINT_SEED must be a whole number from 0 to 1e9, not "${raw}"`);
  return n;
})();
/** The data seed the hint tests' pages show: what their expected numbers are computed from. */
export const dataSeed = HINT_SEED ?? 0;

/** `url` with the link state `<id>.seed=` of APL_HINT_SEED, if set (else `url` unchanged). */
export function withHintSeed(url, id) {
  if (HINT_SEED === undefined) return url;
  const u = new URL(url);
  u.searchParams.set(`${id}.seed`, String(HINT_SEED));
  return u.href;
}

/** Flags as root in a closed network: no sandbox, no background traffic. */
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

export async function startBrowser({ headers, args = [] } = {}) {
  const server = await serve({ dir: dist, headers });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...ARGS, ...args] });
  return {
    url: server.url,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Starts the page server and Chromium before a test file's tests and stops them after them; the
 * returned object holds startBrowser()'s `url`, `browser` and `close` once the tests run.
 */
export function useBrowser(options) {
  const env = {};
  before(async () => Object.assign(env, await startBrowser(options)));
  after(async () => env.close?.());
  return env;
}

/** A new page that records console errors and uncaught exceptions into `errors`. */
export async function openPage(browser, url, { width = 1440, height = 900, lang = 'en' } = {}) {
  // The browser's language is fixed (English) so that web/lang-redirect.js sends no test to
  // another language by the machine's locale; `lang` opens that language's page (index.<lang>.html).
  const page = await browser.newPage({ viewport: { width, height }, locale: 'en-US' });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(pageUrl(url, lang));
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
  return { page, errors };
}

/**
 * A shared link (Copy link, embed snippets) without its ?lang=, after checking it names `lang`:
 * shared links carry the language they were copied in (issue #15), the address bar does not.
 */
export function withoutLanguage(link, lang = 'en') {
  const u = new URL(link);
  assert.equal(u.searchParams.get('lang'), lang, `${link} names the language`);
  u.searchParams.delete('lang');
  return u.href;
}

/** `url` (the server's root or index.html, with any query and hash) on the page of language `lang`. */
export function pageUrl(url, lang = 'en') {
  if (lang === 'en') return url;
  const u = new URL(url);
  u.pathname = u.pathname.replace(/(?:index\.html)?$/, `index.${lang}.html`);
  // ?lang= too: without it web/lang-redirect.js sends a first visit by the browser's language
  // (en-US here) back to index.html.
  u.searchParams.set('lang', lang);
  return u.href;
}

export async function screenshot(page, name) {
  mkdirSync(outputDir, { recursive: true });
  // The browser skips the exercises off screen until they are scrolled to (content-visibility:
  // auto in web/style.css); a full-page capture scrolls nowhere, so render them all for it.
  // (CSSOM, not a <style> tag: the CSP test's page refuses inline styles.)
  const render = (value) => page.evaluate((v) => {
    for (const s of document.querySelectorAll('main > .exercise')) s.style.contentVisibility = v;
  }, value);
  await render('visible');
  await page.screenshot({ path: path.join(outputDir, `${name}.png`), fullPage: true });
  await render('');
}

/**
 * Readers and key presses scoped to the exercise section `S` (a selector): a live number's
 * data-value, a live text, a control by its label, pressing a key on it, a training button, and
 * the path of one series of a plot.
 */
export function sectionHelpers(S) {
  const control = (page, label) => page.locator(S).getByLabel(label, { exact: true });
  return {
    value: async (page, name) => Number(await page.getAttribute(`${S} [data-live="${name}"]`, 'data-value')),
    text: (page, name) => page.textContent(`${S} [data-live="${name}"]`),
    control,
    /** The input or select of the control named `name` (its data-control), in any language. */
    controlNamed: (page, name) => page.locator(`${S} .control[data-control="${name}"]`).locator('input, select'),
    press: async (page, label, key, times = 1) => {
      await control(page, label).focus();
      for (let i = 0; i < times; i++) await page.keyboard.press(key);
    },
    trainingButton: (page, name) => page.locator(`${S} [data-controls="training"] button`, { hasText: name }),
    seriesPath: (page, plot, series) => page.getAttribute(`${S} [data-plot="${plot}"] path[data-series="${series}"]`, 'd'),
  };
}

/**
 * Drags a slider with the mouse, as a learner does: press on the thumb, move through each
 * fraction of the track (0 = left end, 1 = right end) one frame apart, release. Then waits until
 * the exercise's drag computations (web/compute/latest-in-worker.js) are done.
 */
export async function dragSlider(page, slider, fractions) {
  // Exercises off screen are laid out at a placeholder height (content-visibility: auto) until
  // they come near the viewport: scrolling to a slider can resize the ones above it and move it
  // away. Scroll again until it stays in view for a frame.
  const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const viewport = page.viewportSize();
  let box;
  for (let tries = 0; tries < 10; tries++) {
    await slider.scrollIntoViewIfNeeded();
    await frame();
    box = await slider.boundingBox();
    if (box && box.y >= 0 && box.y + box.height <= viewport.height) break;
  }
  const y = box.y + box.height / 2;
  const at = (f) => box.x + box.width * f;
  const value = await slider.evaluate((el) => (Number(el.value) - Number(el.min)) / (Number(el.max) - Number(el.min)));
  // On the thumb; at either end of the track just inside it (its very edge misses the input).
  await page.mouse.move(at(Math.min(0.98, Math.max(0.02, value))), y);
  await page.mouse.down();
  for (const f of fractions) {
    await page.mouse.move(at(f), y, { steps: 2 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
  await page.mouse.up();
  await slider.evaluate((el) => new Promise((resolve) => {
    const section = el.closest('section');
    const check = () => (section.dataset.offload === 'busy' ? setTimeout(check, 20) : resolve());
    check();
  }));
}

/**
 * The numeric state of exercise `id` as its link (the page's URL, web/state.js) holds it: one
 * number per key of `defaults`, the default where the link leaves the key out.
 */
export async function linkedState(page, id, defaults) {
  const params = new URL(await page.evaluate(() => window.location.href)).searchParams;
  return Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, params.has(`${id}.${k}`) ? Number(params.get(`${id}.${k}`)) : v]));
}

/** How many drag results the exercise `S` (a selector) drew from its worker (web/compute/latest-in-worker.js). */
export const offloaded = async (page, S) => Number(await page.getAttribute(S, 'data-offloaded'));
