// Embedding, as an instructor does it: one exercise in an iframe (?exercise=, hide flags, height
// reported to the parent), the <attention-pooling-lab> element (state and hide attributes, style
// isolation both ways, several elements sharing one WASM module), the snippets of "Embed this
// exercise" pasted into a bare page, and the example course page in examples/.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openPage, screenshot, useBrowser } from './browser.mjs';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const env = useBrowser();

async function newPage(url, viewport = { width: 1200, height: 900 }) {
  const page = await env.browser.newPage({ viewport });
  const errors = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  if (url) await page.goto(url);
  return { page, errors };
}

test('?exercise= shows one exercise with its text, honours hide flags, and unknown ids are explained', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=lenrek&hide=new-data,copy-link`);
  assert.deepEqual(await page.$$eval('main > section', (s) => s.map((e) => e.id)), ['lenrek']);
  assert.equal(await page.isVisible('h1'), false);
  assert.ok(await page.isVisible('#lenrek h2'));
  assert.equal(await page.isVisible('#lenrek button:text("New data")'), false);
  assert.equal(await page.isVisible('#lenrek button:text("Copy link")'), false);
  assert.ok(await page.isVisible('#lenrek button:text("Reset")'));
  assert.deepEqual(errors, []);
  await page.goto(`${env.url}?exercise=nope`);
  await page.waitForSelector('#lab-status.error');
  assert.match(await page.textContent('#lab-status'), /no exercise 'nope'.*leave-one-out/);
  await page.close();
});

test('the example course page: elements and an iframe that sizes itself, isolated styles, no axe violation', async () => {
  const { page, errors } = await newPage(`${env.url}examples/course-page.html`);
  const lab = page.locator('#first');
  await page.waitForFunction(() => document.querySelector('#first').shadowRoot?.querySelector('[data-live="epoch"]')?.textContent !== '');
  // state="epochs=20" and hide="learning-rate" reached the element.
  assert.equal(await lab.locator('.control:has-text("Epochs") output').textContent(), '20');
  assert.equal(await lab.locator('.control:has-text("Learning rate")').isVisible(), false);
  // The host's aggressive CSS does not reach in, and the element does not restyle the host.
  const inside = await lab.locator('button:text("Step")').evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.notEqual(inside, 'rgb(255, 105, 180)');
  assert.equal(await page.$eval('body > p', (p) => getComputedStyle(p).color), 'rgb(0, 100, 0)');
  // The iframe reports its height: its content fits without a scrollbar.
  await page.waitForFunction(() => parseFloat(document.getElementById('second').style.height) > 500);
  const fit = await page.$eval('#second', (f) => ({ frame: f.clientHeight, content: f.contentDocument.documentElement.scrollHeight }));
  assert.ok(Math.abs(fit.frame - fit.content) <= 2, JSON.stringify(fit));
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id}: ${v.nodes[0].target.join(' ')}`), []);
  await screenshot(page, 'course-page');
  assert.deepEqual(errors, []);
  await page.close();
});

test('several elements on one page work independently and share one WebAssembly module', async () => {
  const { page, errors } = await newPage();
  await page.addInitScript(() => {
    window.wasmInstances = 0;
    const original = WebAssembly.instantiate;
    WebAssembly.instantiate = (...args) => {
      window.wasmInstances++;
      return original.apply(WebAssembly, args);
    };
  });
  await page.route(`${env.url}bare-two.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>two</title><link rel="icon" href="data:,">
        <script type="module" src="attention-pooling-lab.js"></script></head><body>
        <attention-pooling-lab id="a" exercise="kernel-regression" state="width=0.1"></attention-pooling-lab>
        <attention-pooling-lab id="b" exercise="kernel-regression" state="width=2"></attention-pooling-lab></body></html>`,
    }),
  );
  await page.goto(`${env.url}bare-two.html`);
  const out = (id) => page.locator(`#${id} .control:has-text("Kernel width") output`);
  await page.waitForFunction(() => ['a', 'b'].every((id) => document.getElementById(id).shadowRoot?.querySelector('.prediction')?.getAttribute('d')));
  assert.equal(await out('a').textContent(), '0.100');
  assert.equal(await out('b').textContent(), '2.00');
  const before = await page.locator('#b path.prediction').getAttribute('data-predictions');
  await page.locator('#a input[type=range]').first().focus();
  await page.keyboard.press('PageUp');
  assert.notEqual(await out('a').textContent(), '0.100');
  assert.equal(await page.locator('#b path.prediction').getAttribute('data-predictions'), before);
  assert.equal(await page.evaluate(() => window.wasmInstances), 1);
  assert.ok(!page.url().includes('kernel-regression.'), 'the host page URL is left alone');
  assert.deepEqual(errors, []);
  await page.close();
});

test('"Embed this exercise" snippets reproduce the state in a bare page (element and iframe)', async () => {
  const { page } = await openPage(env.browser, `${env.url}?leave-one-out.epochs=30&leave-one-out.w0=1`);
  const panel = page.locator('#leave-one-out details.share');
  await panel.locator('summary').click();
  await panel.locator('label:has-text("learning-rate") input').check();
  const element = await panel.locator('[data-snippet="element"]').inputValue();
  const iframe = await panel.locator('[data-snippet="iframe"]').inputValue();
  assert.match(element, /state="w0=1&amp;epochs=30"/);
  assert.match(element, /hide="learning-rate"/);
  for (const snippet of [element, iframe]) {
    const { page: bare, errors } = await newPage();
    await bare.route(`${env.url}bare.html`, (route) =>
      route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>bare</title><link rel="icon" href="data:,"></head><body>${snippet}</body></html>` }),
    );
    await bare.goto(`${env.url}bare.html`);
    const root = snippet.includes('<iframe') ? bare.frameLocator('iframe') : bare.locator('attention-pooling-lab');
    await root.locator('.control:has-text("Epochs") output').waitFor();
    assert.equal(await root.locator('.control:has-text("Epochs") output').textContent(), '30');
    assert.equal(await root.locator('.control:has-text("Initial w") output').textContent(), '1.00');
    assert.equal(await root.locator('.control:has-text("Learning rate")').isVisible(), false);
    assert.deepEqual(errors, []);
    await bare.close();
  }
  await page.close();
});

test('the course page resizes a lab frame only from its own origin, and clamps the height', async () => {
  const { page, errors } = await newPage(`${env.url}examples/course-page.html`);
  await page.waitForFunction(() => parseFloat(document.getElementById('second').style.height) > 500);
  const frame = page.frame({ url: /exercise=lenrek/ });
  // The lab's own origin with an absurd height (issue 17: 33,554,432 px): clamped to 20,000.
  await frame.evaluate(() => parent.postMessage({ type: 'attention-pooling-lab:height', height: 33554432 }, '*'));
  await page.waitForFunction(() => document.getElementById('second').style.height === '20000px');
  // A foreign page navigated into the frame (its src attribute unchanged) is ignored. A recorder
  // added after the course page's listener sees the message only after that listener ran.
  const foreign = env.url.replace('127.0.0.1', 'localhost');
  await page.route(`${foreign}hostile.html`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><title>hostile</title><script>parent.postMessage({type:"attention-pooling-lab:height",height:12345},"*")</script>',
    }),
  );
  await page.evaluate(() => {
    window.seen = [];
    addEventListener('message', (e) => e.data?.height === 12345 && window.seen.push(e.origin));
  });
  await frame.evaluate((url) => { location.href = url; }, `${foreign}hostile.html`);
  await page.waitForFunction(() => window.seen.length > 0);
  assert.equal(await page.evaluate(() => window.seen[0]), new URL(foreign).origin);
  assert.equal(await page.$eval('#second', (f) => f.style.height), '20000px');
  // A long ?exercise= value is cut in the status line (10,000 characters: node's HTTP server
  // refuses request lines over 16 kB).
  await page.goto(`${env.url}?exercise=${'x'.repeat(10000)}`);
  await page.waitForSelector('#lab-status.error');
  const status = await page.textContent('#lab-status');
  assert.ok(status.length < 400, `status line of ${status.length} characters`);
  assert.match(status, /no exercise 'x{60}…'/);
  assert.deepEqual(errors, []);
  await page.close();
});
