// The built folder as a learner or an instructor gets it: copied elsewhere and opened by
// double-click (file://, no server, no network) in Chromium and Firefox; served from a sub-path of
// a static host; and laid out from a 360 px phone to a 1920 px screen.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';
import { dist, screenshot } from './browser.mjs';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
let folder;
before(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'apl-download-'));
  cpSync(dist, path.join(folder, 'sub', 'path', 'lab'), { recursive: true });
});
after(() => rmSync(folder, { recursive: true, force: true }));

const indexFile = () => pathToFileURL(path.join(folder, 'sub', 'path', 'lab', 'index.html')).href;

/** The page is ready and its first exercise answers a slider: the prediction changes. */
async function answers(page) {
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
  const before = await page.getAttribute('#kernel-regression path.prediction', 'data-predictions');
  await page.locator('#kernel-regression input[type=range]').first().focus();
  await page.keyboard.press('PageUp');
  assert.notEqual(await page.getAttribute('#kernel-regression path.prediction', 'data-predictions'), before);
}

test('Chromium: the downloaded folder opened from disk works with no network at all', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const context = await browser.newContext({ offline: true });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(indexFile());
  await answers(page);
  // KaTeX rendered with its bundled fonts, and nothing left the folder.
  assert.ok(await page.$('.katex'));
  assert.deepEqual(requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:')), []);
  assert.deepEqual(errors, []);
  await browser.close();
});

test('Chromium from disk: ?lang=zh on index.html opens the Chinese page, which works offline too', async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  const context = await browser.newContext({ offline: true, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${indexFile()}?lang=zh`);
  await answers(page);
  assert.match(page.url(), /\/index\.zh\.html\?lang=zh(&|$)/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  // The prerendered text is Chinese (and the live part answered).
  assert.match(await page.textContent('h1'), /注意力汇聚/);
  assert.deepEqual(errors, []);
  await browser.close();
});

test('Firefox: the downloaded folder opened from disk works', async () => {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(indexFile());
    await page.waitForFunction(() => document.getElementById('lab-status').dataset.state === 'ready', { timeout: 60000 });
    const before = await page.$eval('#kernel-regression path.prediction', (p) => p.getAttribute('data-predictions'));
    await page.focus('#kernel-regression input[type=range]');
    await page.keyboard.press('PageUp');
    const after = await page.$eval('#kernel-regression path.prediction', (p) => p.getAttribute('data-predictions'));
    assert.notEqual(after, before);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('served from a sub-path of a static host, at 360 px and 1920 px', async () => {
  const server = await serve({ dir: folder });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
  try {
    for (const width of [360, 1920]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      const errors = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${server.url}sub/path/lab/index.html`);
      await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${width}px: horizontal overflow of ${overflow}px`);
      await screenshot(page, `page-${width}`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
});
