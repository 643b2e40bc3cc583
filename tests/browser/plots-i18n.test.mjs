// The plot classes' own words (web/plots/*, web/data-table.js; issue #15) in each language: the
// default legend and axis labels, the "undefined" label, the heatmap's tooltip, the accessible
// summaries and the data table, on the first exercise, whose plots use the defaults. Compared
// with the catalog (web/i18n.js in node) and, in English, with the words written out; the
// numbers in the summaries are the plotted ones.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { t } from '../../web/i18n.js';
import { openPage, useBrowser } from './browser.mjs';

const env = useBrowser();
const lab = await createLab();
const S = '#kernel-regression';
// A boxcar far too narrow: some queries have no key within reach, so the plots show undefined.
const STATE = 'exercise=kernel-regression&kernel-regression.kernel=boxcar&kernel-regression.width=0.01';

/** The message `key` in `lang` as a regular expression, each of the text parameters `names` matching any number or "undefined". */
function pattern(key, names, lang) {
  const text = t(key, Object.fromEntries(names.map((name) => [name, '\u0001'])), lang).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${text.replaceAll('\u0001', `(?:[−\\d.,e+-]+|${t('common.undefined', undefined, lang)})`)}$`);
}

for (const lang of ['en', 'zh']) {
  test(`plots (${lang}): legends, axis labels, undefined, tooltip, summaries and data table in the page's language`, async () => {
    const say = (key, params) => t(key, params, lang);
    const query = lang === 'en' ? STATE : `${STATE}&lang=${lang}`;
    const { page, errors } = await openPage(env.browser, `${env.url}?${query}`, { lang });
    const fit = page.locator(`${S} figure[data-plot="regression"]`);
    const map = page.locator(`${S} figure[data-plot="heatmap"]`);

    const legend = await fit.locator('.legend text').allTextContents();
    assert.deepEqual(legend, [say('plots.truth'), say('plots.prediction'), say('plots.trainingData')]);
    if (lang === 'en') assert.deepEqual(legend, ['Truth (noise-free)', 'Prediction', 'Training data']);

    // The summary's numbers are the plotted ones: training points on the canvas, the queries and
    // how many of them are undefined from the prediction path.
    const predictions = (await fit.locator('path.prediction').getAttribute('data-predictions')).split(',');
    const missing = predictions.filter((v) => v === 'NaN').length;
    assert.ok(missing > 0, 'this state has undefined queries');
    assert.equal(await fit.locator('.undefined-label').first().textContent(), say('common.undefined'));
    const points = Number(await fit.locator('canvas.points-layer').getAttribute('data-points'));
    const { xTest } = lab.makeDataset({ target: 'classic', nTrain: points, seed: 0 });
    const summary = say('plots.regressionSummaryUndefined', {
      points, queries: predictions.length, from: xTest[0].toFixed(2), to: xTest[xTest.length - 1].toFixed(2), missing,
    });
    const label = await fit.locator('svg[role="img"]').getAttribute('aria-label');
    assert.equal(label, say('plots.withKeys', { summary }));
    if (lang === 'en') assert.match(label, new RegExp(`^Regression plot: ${points} training points, .* the prediction is undefined at ${missing} queries \\(shaded\\)\\. Use the arrow keys to focus a query\\.$`));

    const axes = await map.locator('text.axis-label').allTextContents();
    assert.deepEqual(axes.sort(), [say('plots.heatmapKeys'), say('plots.heatmapQueries')].sort());
    assert.equal(await map.locator('svg[role="img"]').getAttribute('aria-label'), say('plots.heatmapSummary', { queries: predictions.length, keys: points }));
    const canvas = map.locator('canvas');
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    assert.match(await map.locator('.tooltip').textContent(), pattern('plots.heatmapTooltip', ['query', 'key', 'weight'], lang));

    await fit.locator('details.data-table summary').click();
    assert.equal((await fit.locator('details.data-table summary').textContent()).trim(), say('plots.dataTable'));
    assert.deepEqual(await fit.locator('details.data-table th').allTextContents(), [say('plots.columnQueryX'), say('plots.columnTruth'), say('plots.columnPrediction')]);
    const first = predictions.indexOf('NaN');
    assert.equal(await fit.locator('details.data-table tbody tr').nth(first).locator('td').nth(2).textContent(), say('common.undefined'));
    assert.deepEqual(errors, []);
    await page.close();
  });
}
