// Saved progress (issue 14): a solved task stays solved across reloads and visits (localStorage,
// one versioned key, per task id), counts show per exercise and overall, "Reset my progress"
// clears it; where storage is refused everything works, nothing is logged, and progress lasts
// for the visit; an embedded exercise (same origin) keeps its progress too.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './browser.mjs';

const env = useBrowser();
const KEY = 'attention-pooling-lab:progress:v1';
// A state that solves kernel-regression's "undefined" task on its own: a boxcar narrower than
// the gaps between some keys leaves queries with no key within reach.
const SOLVING = '?kernel-regression.kernel=boxcar&kernel-regression.width=0.01';
const task = '#kernel-regression li[data-task="undefined"]';

const solved = (page) => page.getAttribute(task, 'data-solved');
const saved = (page) => page.evaluate((k) => window.localStorage.getItem(k), KEY);

test('a solved task survives a reload and a new visit, is counted, and "Reset my progress" clears it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1440, height: 900 } });
  const errorsAll = [];
  const open = async (url) => {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && errorsAll.push(m.text()));
    page.on('pageerror', (e) => errorsAll.push(String(e)));
    await page.goto(url);
    await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
    return page;
  };
  let page = await open(`${env.url}${SOLVING}`);
  await page.waitForSelector(`${task}[data-solved="true"]`);
  const total = Number(await page.getAttribute('[data-toc-count="kernel-regression"]', 'data-total'));
  assert.equal(await page.textContent('[data-toc-count="kernel-regression"]'), `1/${total} solved`);
  assert.match(await page.textContent('[data-progress-overall]'), /^1 of \d+ tasks solved$/);
  assert.equal(await page.textContent('#kernel-regression .try-this-progress'), `1 of ${total} solved`);
  assert.deepEqual(JSON.parse(await saved(page)), { solved: ['kernel-regression/undefined'] });
  await page.close();

  // A new visit with the default state, which does not solve it: still solved, from storage.
  page = await open(env.url);
  assert.equal(await solved(page), 'true');
  assert.equal(await page.textContent(`${task} .task-status`), '✓ solved');
  assert.equal(await page.textContent('[data-toc-count="kernel-regression"]'), `1/${total} solved`);
  await page.reload();
  await page.waitForSelector('#lab-status[data-state="ready"]');
  assert.equal(await solved(page), 'true');

  await page.getByRole('button', { name: 'Reset my progress' }).click();
  assert.equal(await solved(page), 'false');
  assert.match(await page.textContent('[data-progress-overall]'), /^0 of \d+ tasks solved$/);
  assert.equal(await page.textContent('[data-toc-count="kernel-regression"]'), `0/${total} solved`);
  assert.equal(await saved(page), null);
  await page.reload();
  await page.waitForSelector('#lab-status[data-state="ready"]');
  assert.equal(await solved(page), 'false');
  assert.match(await page.textContent('.toc-privacy'), /nothing leaves your device/);
  assert.deepEqual(errorsAll, []);
  await context.close();
});

test('storage refused (a localStorage getter that throws): everything works, no error, progress lasts for the visit', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      configurable: true,
      get() {
        throw new DOMException('The document is sandboxed and lacks the allow-same-origin flag.', 'SecurityError');
      },
    });
  });
  await page.goto(`${env.url}${SOLVING}`);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
  await page.waitForSelector(`${task}[data-solved="true"]`);
  assert.match(await page.textContent('[data-toc-count="kernel-regression"]'), /^1\/\d+ solved$/);
  assert.match(await page.textContent('.toc-privacy'), /lasts for this visit/);
  // The embed panel's address field reads storage too: still no error.
  await page.locator('#kernel-regression details.share summary').click();
  assert.match(await page.locator('#kernel-regression [data-snippet="iframe"]').inputValue(), /<iframe/);
  await page.getByRole('button', { name: 'Reset my progress' }).click();
  assert.equal(await solved(page), 'false');
  assert.deepEqual(errors, []);
  await page.close();
});

test('an embedded exercise (?exercise=, same origin) keeps its progress, shared with the page', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 900 } });
  let page = await context.newPage();
  await page.goto(`${env.url}${SOLVING}&exercise=kernel-regression`);
  await page.waitForSelector(`${task}[data-solved="true"]`, { timeout: 30000 });
  await page.goto(`${env.url}?exercise=kernel-regression`);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
  assert.equal(await solved(page), 'true');
  assert.match(await page.textContent('#kernel-regression .try-this-progress'), /^1 of \d+ solved$/);
  await page.close();
  page = await context.newPage();
  await page.goto(env.url);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
  assert.equal(await solved(page), 'true');
  await context.close();
});
