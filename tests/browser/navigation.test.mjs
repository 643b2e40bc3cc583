// Finding one's way (issue 14): the table of contents written at build time (scripts/toc.mjs) is
// in the page without script, lists every exercise with its description and task count, and works
// by mouse and keyboard; the highlight and the address follow the reader; a shared #id opens at
// that exercise with its state; narrow screens get a bar whose drawer does not cover the plots.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dist, openPage, outputDir, useBrowser } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const ORDER = JSON.parse(readFileSync(path.join(here, '..', '..', 'web', 'exercises', 'index.json'), 'utf8'));
const env = useBrowser();

/** Waits until the scroll-following highlight has seen the last scroll (two frames). */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
const current = (page) => page.$$eval('#toc a[aria-current]', (as) => as.map((a) => a.dataset.toc));
const hash = (page) => page.evaluate(() => window.location.hash);
/** The top of section `id` relative to the window (px). */
const topOf = (page, id) => page.$eval(`#${id}`, (s) => s.getBoundingClientRect().top);

test('the built page holds the contents, grouped, with descriptions and task counts, and says what is here', () => {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const nav = html.match(/<nav class="toc" id="toc" aria-label="Exercises">[\s\S]*?<\/nav>/)?.[0];
  assert.ok(nav, 'a <nav> landmark in the prerendered page');
  assert.deepEqual([...nav.matchAll(/<a href="#([^"]+)" data-toc=/g)].map((m) => m[1]), ORDER, 'one real #id link per exercise, in page order');
  assert.ok((nav.match(/class="toc-group-title"/g) ?? []).length >= 3, 'grouped');
  assert.equal((nav.match(/class="toc-desc">[^<]{20,}</g) ?? []).length, ORDER.length, 'a one-line description each');
  const counts = [...nav.matchAll(/data-toc-count="([^"]+)" data-total="(\d+)">(\d+) tasks?</g)];
  assert.equal(counts.length, ORDER.length);
  for (const [, , total, shown] of counts) assert.equal(total, shown);
  const sum = counts.reduce((s, m) => s + Number(m[2]), 0);
  const intro = html.match(/<div class="intro">[\s\S]*?<\/div>/)?.[0] ?? '';
  assert.match(intro, new RegExp(`<strong>ten exercises</strong> with <strong>${sum} tasks</strong>`));
  assert.match(intro, /Everything is computed live in your browser\./);
  assert.match(html, /<a class="skip-link" href="#exercises"[^>]*>/);
});

test('the task counts of the contents are those of the tasks the exercises show', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const shown = await page.$$eval('main > .exercise', (ss) => Object.fromEntries(ss.map((s) => [s.id, s.querySelectorAll('.try-this li[data-task]').length])));
  const listed = await page.$$eval('[data-toc-count]', (els) => Object.fromEntries(els.map((e) => [e.dataset.tocCount, Number(e.dataset.total)])));
  assert.deepEqual(listed, shown);
  const total = Object.values(shown).reduce((a, b) => a + b, 0);
  assert.equal(await page.textContent('[data-progress-overall]'), `0 of ${total} tasks solved`);
  assert.ok(await page.getByRole('navigation', { name: 'Exercises' }).isVisible());
  assert.deepEqual(errors, []);
  await page.close();
});

test('every exercise is reachable by its link; the highlight and the address follow; no history entries pile up', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?kernel-regression.width=0.2`);
  assert.ok(await page.isVisible('#toc .toc-panel'), 'the contents are in view beside the content on a wide screen');
  for (const id of ORDER) {
    await page.click(`#toc a[data-toc="${id}"]`);
    await settle(page);
    assert.equal(await hash(page), `#${id}`);
    const top = await topOf(page, id);
    assert.ok(top >= -1 && top < 60, `${id} starts at the top of the window (${top})`);
    assert.deepEqual(await current(page), [id]);
    assert.ok(await page.isVisible('#toc .toc-panel'), 'the sidebar stays in view');
  }
  // Scrolling by hand: the highlight and the address follow, replacing the entry (no new ones).
  const length = await page.evaluate(() => window.history.length);
  for (const id of [...ORDER].reverse()) {
    await page.evaluate((i) => window.scrollTo(0, window.scrollY + document.getElementById(i).getBoundingClientRect().top + 20), id);
    await settle(page);
    assert.deepEqual(await current(page), [id]);
    assert.equal(await hash(page), `#${id}`);
  }
  assert.equal(await page.evaluate(() => window.history.length), length);
  assert.match(page.url(), /kernel-regression\.width=0\.2/, 'the exercises\' state stays in the address');
  await page.evaluate(() => window.scrollTo(0, 0));
  await settle(page);
  assert.deepEqual(await current(page), []);
  assert.equal(await hash(page), '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('by keyboard: Tab reaches the skip link first, then every entry of the contents; Enter opens the exercise', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  assert.ok(await page.isVisible('.skip-link'), 'the skip link shows when focused');
  const reached = [];
  for (let i = 0; i < 40 && reached.length < ORDER.length; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement.dataset?.toc);
    if (id) reached.push(id);
  }
  assert.deepEqual(reached, ORDER, 'every entry, in order');
  for (const id of ORDER) {
    await page.focus(`#toc a[data-toc="${id}"]`);
    await page.keyboard.press('Enter');
    await settle(page);
    assert.equal(await hash(page), `#${id}`);
    const top = await topOf(page, id);
    assert.ok(top >= -1 && top < 60, `${id} at the top (${top})`);
    // The next Tab goes on inside the exercise, not back at the top of the page.
    await page.keyboard.press('Tab');
    assert.ok(await page.evaluate((i) => document.getElementById(i).contains(document.activeElement), id), `Tab after Enter lands in ${id}`);
  }
  // The skip link passes the contents: the next Tab is in the first exercise.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.focus('.skip-link');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate(() => document.querySelector('main').contains(document.activeElement)));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a shared #id link opens at that exercise with its state', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?leave-one-out.epochs=30&leave-one-out.w0=1#leave-one-out`);
  await settle(page);
  const top = await topOf(page, 'leave-one-out');
  assert.ok(top >= -1 && top < 60, `the exercise starts at the top of the window (${top})`);
  assert.deepEqual(await current(page), ['leave-one-out']);
  assert.equal(await page.locator('#leave-one-out .control:has-text("Epochs") output').textContent(), '30');
  assert.equal(await hash(page), '#leave-one-out');
  assert.deepEqual(errors, []);
  await page.close();
});

test('phones: a compact bar names where the reader is; its drawer lists all, highlights, closes on a choice', async () => {
  const { page, errors } = await openPage(env.browser, env.url, { width: 390, height: 844 });
  assert.ok(await page.isVisible('#toc .toc-bar'));
  assert.equal(await page.isVisible('#toc .toc-panel'), false, 'the list is closed: nothing covers the plots');
  const bar = await page.$eval('#toc .toc-bar', (b) => b.getBoundingClientRect().height);
  assert.ok(bar <= 56, `the bar is compact (${bar} px)`);
  await page.evaluate(() => window.scrollTo(0, window.scrollY + document.getElementById('lenrek').getBoundingClientRect().top + 20));
  await settle(page);
  assert.match(await page.textContent('#toc .toc-where'), /Lenrek/);
  const toggle = page.getByRole('button', { name: 'Contents' });
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.ok(await page.isVisible('#toc a[data-toc="lenrek"][aria-current="location"]'), 'the drawer highlights the current exercise');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible('#toc .toc-panel'), false);
  assert.equal(await page.evaluate(() => document.activeElement.className), 'toc-toggle');
  await page.keyboard.press('Enter');
  assert.ok(await page.isVisible('#toc .toc-panel'));
  await page.click('#toc a[data-toc="parzen"]');
  await settle(page);
  assert.equal(await page.isVisible('#toc .toc-panel'), false, 'a choice closes the drawer');
  assert.equal(await hash(page), '#parzen');
  const barBottom = await page.$eval('#toc .toc-bar', (b) => b.getBoundingClientRect().bottom);
  const h2 = await page.$eval('#parzen h2', (h) => h.getBoundingClientRect().top);
  assert.ok(h2 >= barBottom, `the heading is below the bar, not under it (${h2} vs ${barBottom})`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('without script: the contents are links, and on a phone "Contents" opens the list', async () => {
  const context = await env.browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(env.url);
  assert.equal(await page.isVisible('#toc .toc-panel'), false);
  await page.click('#toc .toc-toggle');
  assert.ok(await page.isVisible('#toc .toc-panel'));
  await page.click('#toc a[data-toc="minkowski"]');
  assert.equal(new URL(page.url()).hash, '#minkowski');
  assert.ok(await page.isVisible('#minkowski h2'));
  await context.close();
});

test('screenshots of the first screen at laptop and phone widths', async () => {
  mkdirSync(outputDir, { recursive: true });
  for (const [name, width, height] of [['first-screen-laptop', 1440, 900], ['first-screen-phone', 390, 844]]) {
    const { page, errors } = await openPage(env.browser, env.url, { width, height });
    // What is here and where to start are on the first screen.
    for (const selector of ['h1', '.intro-summary', '.intro-start a >> nth=0']) {
      const box = await page.locator(selector).boundingBox();
      assert.ok(box && box.y + box.height <= height, `${selector} on the first screen`);
    }
    await page.screenshot({ path: path.join(outputDir, `${name}.png`) });
    assert.deepEqual(errors, []);
    await page.close();
  }
});
