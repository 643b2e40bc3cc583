// The core reaches the page once: over http core.wasm is fetched a single time, compressed and as
// application/wasm (so the browser compiles it while it arrives), and the page's worker computes
// with the module the page posts it instead of downloading its own; the embedded base64 copy
// (core-embedded.js) is requested only from file://, where fetch is refused.
import test from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dist, dragSlider, offloaded, useBrowser } from './browser.mjs';

const env = useBrowser();
const S = '#minkowski';
const named = (urls, file) => urls.filter((u) => new URL(u).pathname.endsWith(`/${file}`));

/** Opens `url` in a fresh context, recording every request (the page's and its workers'). */
async function open(url) {
  const context = await env.browser.newContext();
  const requests = [];
  const responses = [];
  context.on('request', (r) => requests.push(r.url()));
  context.on('response', (r) => responses.push(r));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
  return { context, page, requests, responses, errors };
}

test('over http: core.wasm once, compressed, as application/wasm; the worker runs the posted module', async () => {
  const { context, page, requests, responses, errors } = await open(`${env.url}?exercise=minkowski`);
  try {
    // A general-p drag is computed in the worker (web/compute/latest-in-worker.js).
    await dragSlider(page, page.locator(`${S} input[data-control="p"]`), [0.9, 0.3, 0.6]);
    assert.ok((await offloaded(page, S)) > 0, 'no result came from the worker');
    assert.equal(named(requests, 'core.wasm').length, 1, requests.join('\n'));
    assert.deepEqual(named(requests, 'core-embedded.js'), []);
    const wasm = responses.find((r) => r.url().endsWith('/core.wasm'));
    const headers = await wasm.allHeaders();
    assert.equal(headers['content-type'], 'application/wasm');
    assert.match(headers['content-encoding'] ?? '', /^(br|gzip)$/);
    // Neither script carries the binary as base64 any more (the first 400 characters of it).
    const base64 = (await wasm.body()).subarray(0, 300).toString('base64');
    for (const script of ['app.js', 'worker.js']) {
      const response = responses.find((r) => r.url().endsWith(`/${script}`));
      assert.ok(!(await response.text()).includes(base64), script);
    }
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('from file://: the embedded copy is loaded instead, and core.wasm never requested', async () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'apl-core-'));
  try {
    cpSync(dist, folder, { recursive: true });
    const { context, page, requests, errors } = await open(pathToFileURL(path.join(folder, 'index.html')).href);
    try {
      assert.equal(named(requests, 'core-embedded.js').length, 1);
      assert.deepEqual(named(requests, 'core.wasm'), []);
      const before = await page.getAttribute('#kernel-regression path.prediction', 'data-predictions');
      await page.locator('#kernel-regression input[type=range]').first().focus();
      await page.keyboard.press('PageUp');
      assert.notEqual(await page.getAttribute('#kernel-regression path.prediction', 'data-predictions'), before);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
