// Hostile links (issue 17): every state key of every exercise set to a value nobody should send —
// negative, fractional, 0, 1e400, NaN, hex, empty, an HTML injection, 20,000 characters. The whole
// page must still mount: status "Ready", all ten exercises mounted (none stopped by its guard),
// no uncaught error, no dialog, and every value the widgets hold lies inside its link schema.
// One page load per hostile value carries every key of every exercise at once, so the file stays
// within a minute or two.
import test from 'node:test';
import assert from 'node:assert/strict';
import { LINK_SCHEMAS, readLinkValue } from '../../web/link-schemas.js';
import { openPage, useBrowser } from './browser.mjs';

const env = useBrowser();

const HOSTILE = {
  negative: '-7', fractional: '2.5', zero: '0', huge: '1e400', nan: 'NaN', hex: '0x10', empty: '',
  injection: '<img src=x onerror=alert(1)>', long: 'x'.repeat(20000),
};

const IDS = Object.keys(LINK_SCHEMAS);

/**
 * Opens the page with `params` in its query. The page's HTML is fetched without the query and
 * handed to the browser (Playwright route): a 20,000-character value on every key makes an address
 * of megabytes, which the browser holds but a request line to the test server could not carry.
 */
async function openWith(params) {
  const url = `${env.url}index.html?${params}`;
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text().slice(0, 300)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.route((u) => u.pathname.endsWith('/index.html'), async (route) => {
    const response = await route.fetch({ url: `${env.url}index.html` });
    await route.fulfill({ response });
  });
  // Generous waits: an address of megabytes on a busy machine loads slowly, but must load.
  await page.goto(url, { timeout: 90000 });
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 90000 });
  return { page, errors, dialogs };
}

/** Each section: mounted (has its state), stopped by its guard or not, and its state's values. */
const sections = (page) => page.evaluate(() => [...document.querySelectorAll('main > section')].map((s) => ({
  id: s.id, mounted: Boolean(s.labState), failed: s.dataset.failed === 'true', values: s.labState?.values ?? null,
})));

for (const [name, value] of Object.entries(HOSTILE)) {
  test(`a link with every key of every exercise = ${name === 'long' ? '20,000 characters' : JSON.stringify(value)}: the page mounts whole`, async () => {
    const params = new URLSearchParams();
    for (const id of IDS) for (const key of Object.keys(LINK_SCHEMAS[id])) params.set(`${id}.${key}`, value);
    const { page, errors, dialogs } = await openWith(params.toString());
    try {
      assert.match(await page.textContent('#lab-status'), /^Ready: every number below is computed live\.$/);
      const list = await sections(page);
      assert.deepEqual(list.map((s) => s.id), IDS, 'all ten exercises are on the page');
      for (const s of list) {
        assert.ok(s.mounted && !s.failed, `${s.id} mounted and runs (failed: ${s.failed})`);
        // Every value the widget holds fits its schema (reading it back through the schema keeps it).
        for (const [key, v] of Object.entries(s.values)) {
          const rule = LINK_SCHEMAS[s.id][key];
          assert.ok(rule, `${s.id}.${key} has a schema`);
          if (rule.type === 'text') assert.ok(String(v).length <= rule.maxLength, `${s.id}.${key} length`);
          else assert.equal(readLinkValue(String(v), rule, Symbol('outside')), v, `${s.id}.${key} = ${String(v).slice(0, 40)} lies inside its schema`);
        }
      }
      assert.equal(await page.locator('.exercise-failed').count(), 0);
      assert.equal(await page.locator('img[src="x"]').count(), 0, 'no link value became markup');
      assert.deepEqual(dialogs, []);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });
}

test('the schema reader: clamps numbers, falls back on anything else', () => {
  const n = LINK_SCHEMAS['kernel-regression'].n; // whole numbers 10 … 10000
  assert.equal(readLinkValue('-7', n, 50), 10);
  assert.equal(readLinkValue('2.5', n, 50), 10);
  assert.equal(readLinkValue('123.6', n, 50), 124);
  assert.equal(readLinkValue('1e9', n, 50), 10000);
  for (const bad of ['1e400', 'NaN', '0x10', '', 'Infinity', '<b>', '1,5', ' ']) assert.equal(readLinkValue(bad, n, 50), 50, bad);
  const kernel = LINK_SCHEMAS['kernel-regression'].kernel;
  assert.equal(readLinkValue('boxcar', kernel, 'gaussian'), 'boxcar');
  assert.equal(readLinkValue('constructor', kernel, 'gaussian'), 'gaussian');
  const nTest = LINK_SCHEMAS['more-data'].nTest;
  assert.equal(readLinkValue('200', nTest, 50), 200);
  assert.equal(readLinkValue('201', nTest, 50), 50);
  assert.equal(readLinkValue('yes', { type: 'boolean' }, false), false);
  assert.equal(readLinkValue('x'.repeat(9000), LINK_SCHEMAS.parzen.added1, ''), '');
});

test('<attention-pooling-lab state="…"> with hostile values: every exercise mounts in its element', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  const dialogs = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  await page.goto(`${env.url}examples/course-page.html`);
  await page.waitForFunction(() => customElements.get('attention-pooling-lab'));
  // Each key gets the next hostile value in turn, so every exercise sees several kinds at once.
  const values = Object.values(HOSTILE);
  const states = Object.fromEntries(IDS.map((id, i) => [id, new URLSearchParams(Object.keys(LINK_SCHEMAS[id])
    .map((key, k) => [key, values[(i + k) % values.length]])).toString()]));
  const result = await page.evaluate(async (all) => {
    const ready = Object.entries(all).map(([id, state]) => new Promise((resolve) => {
      const el = document.createElement('attention-pooling-lab');
      el.setAttribute('exercise', id);
      el.setAttribute('state', state);
      el.addEventListener('ready', () => resolve([id, el.shadowRoot.getElementById(id).dataset.failed !== 'true'
        && Boolean(el.shadowRoot.getElementById(id).labState)]), { once: true });
      document.body.append(el);
    }));
    return Promise.all(ready);
  }, states);
  assert.deepEqual(result, IDS.map((id) => [id, true]));
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await page.close();
});
