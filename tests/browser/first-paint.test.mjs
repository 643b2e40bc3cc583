// First paint and failure: text and a first plot (drawn at build time by the core in node) are
// there before the WebAssembly core has loaded; a browser without WebAssembly gets a clear message;
// a page whose script never runs shows a warning instead of waiting forever.
import test from 'node:test';
import assert from 'node:assert/strict';
import { useBrowser } from './browser.mjs';

const env = useBrowser();

test('text and a first plot appear while the script is still loading', async () => {
  const page = await env.browser.newPage();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/app.js', async (route) => {
    await held; // hold the script back: what shows now is the first paint
    await route.continue();
  });
  // A deferred script holds back DOMContentLoaded, not the painting of what was parsed.
  await page.goto(env.url, { waitUntil: 'commit' });
  await page.waitForSelector('#leave-one-out h2');
  assert.ok(await page.isVisible('#kernel-regression svg.prerendered path.prediction'));
  assert.match(await page.textContent('#lab-status'), /Loading/);
  release();
  await page.waitForSelector('#lab-status[data-state="ready"]');
  assert.equal(await page.$('svg.prerendered'), null, 'the live plot replaced the static one');
  assert.equal(await page.isVisible('.load-warning'), false);
  await page.close();
});

test('without WebAssembly the page says so clearly and keeps its text', async () => {
  const page = await env.browser.newPage();
  await page.addInitScript(() => {
    delete window.WebAssembly;
  });
  await page.goto(env.url);
  await page.waitForSelector('#lab-status.error');
  assert.match(await page.textContent('#lab-status'), /could not start.*WebAssembly/);
  assert.ok(await page.isVisible('#leave-one-out h2'));
  await page.close();
});

test('a script that never runs leaves a warning that appears after a while', async () => {
  const page = await env.browser.newPage();
  await page.route('**/app.js', (route) => route.abort());
  await page.goto(env.url);
  const warning = await page.$eval('.load-warning', (el) => {
    const s = getComputedStyle(el);
    return { display: s.display, delay: s.animationDelay, name: s.animationName };
  });
  assert.deepEqual(warning, { display: 'block', delay: '20s', name: 'apl-reveal' });
  await page.close();
});

test('the Chinese page has its own first paint: Chinese text, the first plot, the Chinese loading status', async () => {
  const page = await env.browser.newPage({ locale: 'en-US' });
  let release;
  const held = new Promise((resolve) => (release = resolve));
  await page.route('**/app.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${env.url}index.zh.html`, { waitUntil: 'commit' });
  await page.waitForSelector('#leave-one-out h2');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.ok(await page.isVisible('#kernel-regression svg.prerendered path.prediction'));
  assert.match(await page.getAttribute('#kernel-regression svg.prerendered', 'aria-label'), /回归图/);
  assert.match(await page.textContent('#lab-status'), /正在加载/);
  assert.match(await page.textContent('.page-header h1'), /注意力汇聚/);
  release();
  await page.waitForSelector('#lab-status[data-state="ready"]');
  assert.match(await page.textContent('#lab-status'), /^就绪/);
  await page.close();
});
