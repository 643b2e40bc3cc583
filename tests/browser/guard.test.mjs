// Isolation of the exercises (web/guard.js, issue 17): an exercise whose mount or later event
// handler throws stops alone, with its message and "Reset this exercise", while the page and the
// other exercises run on; the same inside <attention-pooling-lab>. And the link schemas
// (web/link-schemas.js) agree with the controls: every slider of the page moved to both ends and
// every option of every select lands exactly on its schema's range and words.
import test from 'node:test';
import assert from 'node:assert/strict';
import { LINK_SCHEMAS, readLinkValue } from '../../web/link-schemas.js';
import { openPage, useBrowser } from './browser.mjs';

const env = useBrowser();

/**
 * Before the page's scripts run: `section.querySelector` of the exercise named by
 * window.__breakExercise throws once (the widgets reach their markup through it, at mount and in
 * their handlers). Set at load, it breaks the mount; set later, the next handler that redraws.
 */
const BREAKER = () => {
  const original = Element.prototype.querySelector;
  Element.prototype.querySelector = function querySelector(selector) {
    if (this.tagName === 'SECTION' && this.id && this.id === window.__breakExercise) {
      window.__breakExercise = null;
      throw new Error('test: a broken widget');
    }
    return original.call(this, selector);
  };
};

async function openBroken(url, breakAtLoad) {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(BREAKER);
  if (breakAtLoad) await page.addInitScript((id) => { window.__breakExercise = id; }, breakAtLoad);
  await page.goto(url);
  return { page, errors };
}

/** Moves the first slider of exercise `id` with the keyboard's Home (its lowest value) and reports the shown value. */
async function home(page, id) {
  const slider = page.locator(`#${id} [data-controls] input[type=range]`).first();
  await slider.focus();
  await page.keyboard.press('Home');
  return slider.evaluate((el) => el.parentElement.querySelector('output').textContent);
}

test('a mount that throws stops that exercise only; the rest mounts, the status says Ready, Reset remounts it', async () => {
  const { page, errors } = await openBroken(`${env.url}index.html?kernels.sigma=2&kernel-regression.width=2`, 'kernels');
  try {
    await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
    assert.match(await page.textContent('#lab-status'), /One exercise could not start/);
    assert.equal(await page.getAttribute('#kernels', 'data-failed'), 'true');
    assert.match(await page.textContent('#kernels .exercise-failed'), /stopped because of an error \(test: a broken widget\)/);
    const others = await page.evaluate(() => [...document.querySelectorAll('main > section')]
      .filter((s) => s.id !== 'kernels').map((s) => [s.id, Boolean(s.labState) && s.dataset.failed !== 'true']));
    assert.equal(others.length, 9);
    for (const [id, ok] of others) assert.ok(ok, `${id} mounted`);
    // The exercises after the failed one answer their controls.
    assert.equal(await home(page, 'dot-product'), '0.0500');
    assert.deepEqual(errors, [], 'the failure is handled, not uncaught');

    await page.click('#kernels .exercise-failed button:text("Reset this exercise")');
    await page.waitForFunction(() => document.getElementById('kernels')?.labState);
    assert.equal(await page.locator('#kernels .exercise-failed').count(), 0);
    assert.equal(await page.getAttribute('#kernels', 'data-failed'), null);
    const url = new URL(page.url());
    assert.equal(url.searchParams.get('kernels.sigma'), null, 'its link keys are cleared');
    assert.equal(url.searchParams.get('kernel-regression.width'), '2', 'other exercises keep theirs');
    assert.equal(await page.evaluate(() => document.getElementById('kernels').labState.get('sigma')), 0.5, 'back to its default');
    assert.equal(await page.locator('#kernels .katex').count() > 0, true, 'its math is there again');
    assert.equal(await home(page, 'kernels'), '0.0100');
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('a handler that throws later stops that exercise and its timers; the others keep answering', async () => {
  const { page, errors } = await openBroken(`${env.url}index.html`, null);
  try {
    await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 30000 });
    // Play starts a timer; each of its steps writes the state, which is made to throw from the
    // second step on (a timer callback, long after the mount and the click).
    await page.click('#leave-one-out button:text("▶ Play")');
    await page.evaluate(() => {
      const state = document.getElementById('leave-one-out').labState;
      const set = state.set.bind(state);
      state.set = (patch) => {
        if ('epoch' in patch && patch.epoch >= 2) throw new Error('test: a broken step');
        return set(patch);
      };
    });
    await page.waitForSelector('#leave-one-out .exercise-failed', { timeout: 10000 });
    const epoch = await page.evaluate(() => document.getElementById('leave-one-out').labState.get('epoch'));
    await page.waitForTimeout(600); // a few intervals of Play: none runs any more
    assert.equal(await page.evaluate(() => document.getElementById('leave-one-out').labState.get('epoch')), epoch);
    assert.equal(await home(page, 'kernel-regression'), '0.0100');
    assert.equal(await page.getAttribute('#kernel-regression', 'data-failed'), null);
    assert.deepEqual(errors, []);
    await page.click('#leave-one-out button:text("Reset this exercise")');
    await page.waitForFunction(() => document.getElementById('leave-one-out')?.labState);
    assert.equal(await page.locator('#leave-one-out .exercise-failed').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('inside <attention-pooling-lab>: a failing mount shows the message and reset in its shadow root', async () => {
  const { page, errors } = await openBroken(`${env.url}examples/course-page.html`, 'leave-one-out');
  try {
    const host = page.locator('attention-pooling-lab[exercise="leave-one-out"]').first();
    await host.locator('.exercise-failed').waitFor({ timeout: 30000 });
    await host.locator('button:text("Reset this exercise")').click();
    await page.waitForFunction(() => document.querySelector('attention-pooling-lab[exercise="leave-one-out"]')
      .shadowRoot.getElementById('leave-one-out')?.labState);
    assert.equal(await host.locator('.exercise-failed').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});

test('every state key has a schema, every default fits it', async () => {
  const { page } = await openPage(env.browser, env.url);
  try {
    const defaults = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('main > section')]
      .map((s) => [s.id, s.labState.defaults])));
    assert.deepEqual(Object.keys(defaults).sort(), Object.keys(LINK_SCHEMAS).sort());
    for (const [id, d] of Object.entries(defaults)) {
      assert.deepEqual(Object.keys(d).sort(), Object.keys(LINK_SCHEMAS[id]).sort(), `${id}: the schema's keys are the state's`);
      for (const [key, v] of Object.entries(d)) {
        assert.equal(readLinkValue(String(v), LINK_SCHEMAS[id][key], Symbol('outside')), v, `${id}.${key}: its default fits`);
      }
    }
  } finally {
    await page.close();
  }
});

test('every slider and select of the page has exactly its schema\'s range and words', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  try {
    // Each control, driven by script as a key press would: the keys it changes, at each end
    // (sliders) or for each option (selects). Own-data panels and the shell have no sliders.
    const report = await page.evaluate(() => {
      const out = [];
      for (const section of document.querySelectorAll('main > section')) {
        const snap = () => ({ ...section.labState.values });
        const changed = (a, b) => Object.keys(b).filter((k) => !Object.is(a[k], b[k]));
        for (const input of section.querySelectorAll('[data-controls] input[type=range]')) {
          input.value = '0';
          input.dispatchEvent(new Event('input'));
          const lo = snap();
          input.value = input.max;
          input.dispatchEvent(new Event('input'));
          const hi = snap();
          out.push({ id: section.id, kind: 'slider', label: input.labels[0]?.textContent, lo, hi, keys: changed(lo, hi) });
        }
        // Controls marked data-view (the training player's speed) are how one watches, not state.
        for (const select of section.querySelectorAll('[data-controls] select:not([data-view] select)')) {
          const seen = [];
          let keys = new Set();
          for (const option of [...select.options]) {
            const before = snap();
            select.value = option.value;
            select.dispatchEvent(new Event('change'));
            const after = snap();
            for (const k of changed(before, after)) keys.add(k);
            seen.push(after);
          }
          // Back to the first option, so that the change of the last one is seen too.
          out.push({ id: section.id, kind: 'select', label: select.labels[0]?.textContent, seen, keys: [...keys] });
        }
      }
      return out;
    });
    assert.ok(report.filter((r) => r.kind === 'slider').length >= 30, 'the page has its sliders');
    for (const r of report) {
      const schema = LINK_SCHEMAS[r.id];
      const where = `${r.id}: ${r.kind} '${r.label}'`;
      assert.ok(r.keys.length > 0 || r.kind === 'select', `${where} drives a state key`);
      if (r.kind === 'slider') {
        // Some key lands exactly on its rule's ends; every key it moves stays inside its rule.
        const exact = r.keys.filter((k) => {
          const rule = schema[k];
          return rule.type === 'number' ? r.lo[k] === rule.min && r.hi[k] === rule.max
            : rule.type === 'words' ? r.lo[k] === rule.words[0] && r.hi[k] === rule.words.at(-1) : false;
        });
        assert.equal(exact.length, 1, `${where}: its ends are those of a schema rule (${r.keys.map((k) => `${k} ${r.lo[k]}…${r.hi[k]}`).join(', ')})`);
        for (const k of r.keys) {
          for (const v of [r.lo[k], r.hi[k]]) assert.equal(readLinkValue(String(v), schema[k], Symbol('outside')), v, `${where}: ${k} = ${v} fits its rule`);
        }
      } else {
        // The key whose values over the options are exactly the rule's words.
        const words = (k) => [...new Set(r.seen.map((s) => s[k]))];
        const match = Object.keys(schema).filter((k) => schema[k].type === 'words'
          && words(k).length === schema[k].words.length && schema[k].words.every((w) => words(k).includes(w)));
        assert.equal(match.length, 1, `${where}: its options are a schema rule's words (${r.keys.map((k) => `${k}: ${words(k).join('|')}`).join(', ')})`);
      }
    }
    assert.equal(await page.locator('.exercise-failed').count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
  }
});
