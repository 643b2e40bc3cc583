// The page under a strict Content-Security-Policy: scripts only from 'self' plus
// 'wasm-unsafe-eval' (no 'unsafe-eval', no inline script), everything else 'self' (and data:/blob:
// for images and fonts). Inline styles stay allowed (d3 and KaTeX set style attributes).
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './browser.mjs';

export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

const env = useBrowser({ headers: { 'Content-Security-Policy': STRICT_CSP } });

test('the page runs under a strict CSP, with no violation reported', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const violations = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const seen = [];
        document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
        setTimeout(() => resolve(seen), 300);
      }),
  );
  assert.deepEqual(violations, []);
  const slider = page.locator('#kernel-regression input[type=range]').first();
  const before = await page.getAttribute('#kernel-regression .prediction', 'data-predictions');
  await slider.focus();
  await page.keyboard.press('PageUp');
  assert.notEqual(await page.getAttribute('#kernel-regression .prediction', 'data-predictions'), before);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Chinese page, reached by ?lang=zh through lang.js, runs under the same CSP with no violation', async () => {
  const page = await env.browser.newPage({ locale: 'en-US' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const seen = [];
  await page.exposeFunction('reportViolation', (v) => seen.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  await page.goto(`${env.url}?lang=zh#kernels`);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
  assert.match(page.url(), /\/index\.zh\.html\?lang=zh#kernels$/);
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  const slider = page.locator('#kernel-regression input[type=range]').first();
  const before = await page.getAttribute('#kernel-regression .prediction', 'data-predictions');
  await slider.focus();
  await page.keyboard.press('PageUp');
  assert.notEqual(await page.getAttribute('#kernel-regression .prediction', 'data-predictions'), before);
  assert.deepEqual(seen, []);
  assert.deepEqual(errors, []);
  await page.close();
});
