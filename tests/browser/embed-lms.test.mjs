// Embeds where courses live (issue 14): the iframe snippet works where the platform strips
// <script> (a height measured for the exercise) and even inside a sandbox without scripts (it opens
// at the exercise); the snippets name the lab's own address, or on localhost the hosted copy's
// address the instructor typed (remembered); the element snippet opened from file:// says what to do.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { dist, openPage, useBrowser } from './browser.mjs';

const env = useBrowser();
let folder;
before(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'apl-embed-'));
});
after(() => rmSync(folder, { recursive: true, force: true }));

/** The snippets of exercise `id`'s "Embed this exercise" panel on `page`. */
async function snippets(page, id) {
  const panel = page.locator(`#${id} details.share`);
  if (!(await panel.evaluate((d) => d.open))) await panel.locator('summary').click();
  // The panel fills its snippets on its toggle event, which follows the click.
  await panel.locator('[data-snippet="iframe"]').evaluate((t) => new Promise((resolve) => {
    const check = () => (t.value ? resolve() : setTimeout(check, 20));
    check();
  }));
  return {
    iframe: await panel.locator('[data-snippet="iframe"]').inputValue(),
    element: await panel.locator('[data-snippet="element"]').inputValue(),
  };
}

/** A bare course page at `url` whose body is `body`. */
async function bare(url, body, viewport = { width: 1200, height: 900 }) {
  const page = await env.browser.newPage({ viewport });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>course</title><link rel="icon" href="data:,"></head><body>${body}</body></html>` }));
  await page.goto(url);
  return { page, errors };
}

for (const id of ['kernel-regression', 'leave-one-out']) {
  test(`${id}: the iframe snippet with its script stripped shows the whole exercise, at the height measured for it`, async () => {
    const { page } = await openPage(env.browser, env.url, { width: 1240, height: 900 });
    const { iframe } = await snippets(page, id);
    await page.close();
    const height = Number(iframe.match(/height:(\d+)px/)?.[1]);
    assert.ok(height >= 400, `a height in the snippet (${height})`);
    const stripped = iframe.replace(/<script>[\s\S]*<\/script>/, '');
    assert.doesNotMatch(stripped, /<script/);
    const { page: course, errors } = await bare(`${env.url}lms.html`, stripped);
    const frame = course.frameLocator('iframe');
    await frame.locator('#lab-status[data-state="ready"]').waitFor({ timeout: 30000 });
    const fit = await course.$eval('iframe', (f) => ({ frame: f.clientHeight, content: f.contentDocument.documentElement.scrollHeight }));
    assert.equal(fit.frame, height, 'nothing resized it: the height is the snippet\'s');
    assert.ok(fit.content <= fit.frame, `the whole exercise fits without a scrollbar ${JSON.stringify(fit)}`);
    assert.ok(fit.frame <= fit.content * 1.35, `and the frame is not far taller than it ${JSON.stringify(fit)}`);
    assert.deepEqual(errors, []);
    await course.close();
  });
}

test('the iframe snippet in a sandbox without allow-scripts opens at its exercise: the first screen of it shows', async () => {
  const { page } = await openPage(env.browser, env.url, { width: 1240, height: 900 });
  const { iframe } = await snippets(page, 'lenrek');
  await page.close();
  const sandboxed = iframe.replace(/<script>[\s\S]*<\/script>/, '').replace('<iframe ', '<iframe sandbox="" ');
  const { page: course } = await bare(`${env.url}sandbox.html`, sandboxed);
  const frame = course.frameLocator('iframe');
  await frame.locator('#lenrek h2').waitFor();
  const box = await course.locator('iframe').boundingBox();
  // What is visible through the frame: from the exercise's heading down, none of it above.
  for (const selector of ['#lenrek h2', '#lenrek > p >> nth=0']) {
    const b = await frame.locator(selector).boundingBox();
    assert.ok(b.y >= box.y && b.y + b.height <= box.y + box.height, `${selector} inside the frame's view ${JSON.stringify({ b, box })}`);
  }
  // The frame opened at the exercise (without the #id it would show the page's header): its
  // first screen, 800 px of it, is inside the frame. (Not to the pixel at the top: the exercises
  // around it are laid out as they come into the tall frame's view, after it scrolled.)
  const section = await frame.locator('#lenrek').boundingBox();
  assert.ok(section.y >= box.y - 1 && section.y + Math.min(section.height, 800) <= box.y + box.height,
    `the first screen of the exercise is in the frame ${JSON.stringify({ section, box })}`);
  assert.equal(await frame.locator('h1').evaluate((h) => h.getBoundingClientRect().bottom <= 0), true, 'scrolled past the page header');
  assert.equal(await frame.locator('#lab-status').textContent(), 'Loading the computation core…', 'no script ran');
  await course.close();
});

test('the snippets name the address the lab is served from (a hosted copy), with no "hosted copy needed" note', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1240, height: 900 } });
  // The built folder served at a public-looking address.
  await page.route('http://lab.example.org/course/**', (route) => {
    const file = new URL(route.request().url()).pathname.replace('/course/', '') || 'index.html';
    return route.fulfill({ path: path.join(dist, decodeURIComponent(file)) });
  });
  await page.goto('http://lab.example.org/course/index.html');
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
  const s = await snippets(page, 'parzen');
  assert.match(s.iframe, /src="http:\/\/lab\.example\.org\/course\/index\.html\?exercise=parzen&lang=en#parzen"/);
  assert.match(s.element, /src="http:\/\/lab\.example\.org\/course\/attention-pooling-lab\.js"/);
  assert.equal(await page.isVisible('#parzen .embed-hosted'), false);
  await page.close();
});

test('on localhost the panel says a hosted copy is needed, takes its address (checked, remembered) and the snippets use it', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1240, height: 900 } });
  let page = await context.newPage();
  await page.goto(env.url);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
  await snippets(page, 'minkowski');
  const box = page.locator('#minkowski .embed-hosted');
  assert.ok(await box.isVisible());
  assert.match(await box.textContent(), /hosted copy/);
  const field = box.getByLabel('Address of your hosted copy');
  await field.fill('ftp://files.example.org/lab');
  await field.dispatchEvent('change');
  assert.match(await box.locator('[data-embed-base-error]').textContent(), /address of your hosted copy must be a web address starting with https:\/\//);
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  await field.fill('https://you.github.io/attention-pooling-lab');
  await field.dispatchEvent('change');
  assert.equal(await box.locator('[data-embed-base-error]').isVisible(), false);
  let s = await snippets(page, 'minkowski');
  assert.match(s.iframe, /src="https:\/\/you\.github\.io\/attention-pooling-lab\/index\.html\?exercise=minkowski&lang=en#minkowski"/);
  assert.match(s.element, /src="https:\/\/you\.github\.io\/attention-pooling-lab\/attention-pooling-lab\.js"/);
  await page.close();
  page = await context.newPage();
  await page.goto(env.url);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
  s = await snippets(page, 'kernels');
  assert.equal(await page.locator('#kernels [data-embed-base]').inputValue(), 'https://you.github.io/attention-pooling-lab/');
  assert.match(s.iframe, /src="https:\/\/you\.github\.io\/attention-pooling-lab\/index\.html\?exercise=kernels&lang=en#kernels"/);
  await context.close();
});

test('<attention-pooling-lab> on a page opened from file:// shows what to do instead of a blank space', async () => {
  const { page } = await openPage(env.browser, env.url, { width: 1240, height: 900 });
  const { element } = await snippets(page, 'lenrek');
  await page.close();
  cpSync(dist, path.join(folder, 'lab'), { recursive: true });
  // The snippet as an instructor saves it next to a downloaded copy: the script from that copy.
  const local = element.replace(/src="[^"]*attention-pooling-lab\.js"/, 'src="lab/attention-pooling-lab.js"');
  writeFileSync(path.join(folder, 'course.html'), `<!doctype html><html lang="en"><head><title>course</title></head><body>${local}</body></html>`);
  const course = await env.browser.newPage();
  await course.goto(pathToFileURL(path.join(folder, 'course.html')).href);
  await course.waitForTimeout(500); // the module request is refused at once; give it time to fail
  const text = course.locator('attention-pooling-lab');
  assert.ok(await text.isVisible());
  assert.match(await text.textContent(), /opened from a file.*serve the folder.*iframe code/s);
  assert.equal(await course.evaluate(() => customElements.get('attention-pooling-lab')), undefined, 'Chromium refused the module script');
  await course.close();
});

test('served, the element replaces its fallback text by the exercise', async () => {
  const { page } = await openPage(env.browser, env.url, { width: 1240, height: 900 });
  const { element } = await snippets(page, 'lenrek');
  await page.close();
  const { page: course, errors } = await bare(`${env.url}element.html`, element);
  await course.locator('attention-pooling-lab .control output').first().waitFor({ timeout: 30000 });
  assert.doesNotMatch(await course.locator('body').innerText(), /opened from a file/);
  assert.deepEqual(errors, []);
  await course.close();
});
