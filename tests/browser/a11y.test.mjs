// Accessibility: axe-core finds no serious or critical violation; every control is reachable by
// keyboard with a visible focus indicator.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { openPage, useBrowser } from './browser.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const env = useBrowser();

for (const scheme of ['light', 'dark']) {
  test(`axe-core: no serious or critical violation (${scheme} scheme)`, async () => {
    const { page, errors } = await openPage(env.browser, env.url);
    await page.emulateMedia({ colorScheme: scheme });
    // Lay out every exercise first: axe scrolls to each element and reads what lies under it, and
    // exercises the browser skipped (content-visibility: auto) would be measured at their
    // estimated size, so the stack under an element could come from a neighbouring exercise.
    await page.evaluate(() => {
      for (const s of document.querySelectorAll('main > .exercise')) s.style.contentVisibility = 'visible';
    });
    await page.addScriptTag({ path: AXE });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    assert.deepEqual(
      bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`),
      [],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('every control is reachable by Tab and shows a visible focus indicator', async () => {
  const { page } = await openPage(env.browser, env.url);
  const total = await page.$$eval('main input, main select, main button', (els) => els.length);
  // Tab through the whole page once (until focus comes back to the first control reached).
  let first = null;
  for (let i = 0; i < 4 * total + 50; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || !el.matches('main input, main select, main button')) return null;
      const again = el.dataset.tabSeen !== undefined;
      el.dataset.tabSeen ??= String(Math.random());
      const style = getComputedStyle(el);
      return { id: el.dataset.tabSeen, again, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
    });
    if (!info) continue;
    assert.ok(info.outline, 'a visible outline on the focused control');
    if (first === null) first = info.id;
    else if (info.id === first) break;
  }
  // Every control that is on screen now was reached (controls that only show while something
  // computes, like Cancel, may come and go during the walk).
  const missed = await page.$$eval('main input, main select, main button', (els) =>
    els
      .filter((e) => !e.disabled && e.offsetParent && !e.closest('details:not([open])') && !e.dataset.tabSeen)
      .map((e) => e.outerHTML.slice(0, 120)),
  );
  assert.deepEqual(missed, []);
  await page.close();
});

test('each plot has a live text summary and a data table on request', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const figure = page.locator('#kernel-regression figure[data-plot="regression"]');
  const label = () => figure.locator('svg[role="img"]').getAttribute('aria-label');
  assert.match(await label(), /50 training points.*50 queries/);
  await figure.locator('details.data-table summary').click();
  const rows = figure.locator('details.data-table tbody tr');
  assert.equal(await rows.count(), 50);
  const plotted = (await figure.locator('path.prediction').getAttribute('data-predictions')).split(',');
  assert.equal(await rows.nth(3).locator('td').nth(2).textContent(), String(Number(Number(plotted[3]).toPrecision(6))));
  // Undefined predictions are announced: a boxcar far too narrow.
  await page.goto(`${env.url}?kernel-regression.kernel=boxcar&kernel-regression.width=0.01`);
  await page.waitForSelector('#lab-status[data-state="ready"]');
  assert.match(await label(), /undefined at \d+ queries/);
  const counts = await page.$$eval('figure[data-plot]', (figs) => figs.filter((f) => f.labPlot?.table && !f.querySelector('details.data-table')).length);
  assert.equal(counts, 0, 'every plot figure has a data table');
  assert.deepEqual(errors, []);
  await page.close();
});
