// The "from the Gaussian to dot-product attention" exercise, checked against the API in node.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { t } from '../../web/i18n.js';
import { dataSeed, linkedState, openPage, screenshot, useBrowser, withHintSeed } from './browser.mjs';

const S = '#dot-product';
const env = useBrowser();
const lab = await createLab();

const fmt = (v, d = 3) => (Number.isFinite(v) ? Number(v).toPrecision(d) : 'undefined');
const live = (page, name) => page.textContent(`${S} [data-live="${name}"]`);
const liveValue = async (page, name) => Number(await page.getAttribute(`${S} [data-live="${name}"]`, 'data-value'));
const series = async (page, id) =>
  (await page.getAttribute(`${S} [data-plot="radius"] path[data-series="${id}"]`, 'data-y')).split(',').map(Number);
/** A slider by its name (data-control), the same in every language. */
const slider = (page, name) => page.locator(`${S} [data-control="${name}"] input[type=range]`);

/** The page's numbers for one state, recomputed in node. */
async function expected({ seed = 0, sigma = 0.5, spread = 0 }) {
  const d = lab.makeDataset({ target: 'sphere', dim: 2, seed, radiusSpread: spread });
  const args = { queries: d.xTest, keys: d.xTrain, dim: 2 };
  const g = lab.attend({ ...args, values: d.yTrain, width: sigma });
  const p = lab.dotProductAttention({ ...args, values: d.yTrain, width: sigma });
  return {
    d,
    diff: lab.maxAbsDifference({ a: g.weights, b: p.weights }),
    mseGauss: lab.meanSquaredError({ predictions: g.predictions, truth: d.yTest }).mse,
    mseDot: lab.meanSquaredError({ predictions: p.predictions, truth: d.yTest }).mse,
    rDot: lab.dotProductAttention({ ...args, values: d.radiusTrain, width: sigma, returnWeights: false }).predictions,
    rGauss: lab.attend({ ...args, values: d.radiusTrain, width: sigma, returnWeights: false }).predictions,
    scale: p.scale,
  };
}

async function checkState(page, state) {
  const e = await expected(state);
  assert.equal(await liveValue(page, 'max-diff'), e.diff);
  assert.equal(await live(page, 'scale'), fmt(e.scale));
  assert.equal(await live(page, 'mse-gauss'), fmt(e.mseGauss));
  assert.equal(await live(page, 'mse-dot'), fmt(e.mseDot));
  assert.equal(await live(page, 'r-dot'), fmt(e.rDot[0]));
  assert.equal(await live(page, 'r-gauss'), fmt(e.rGauss[0]));
  const plotted = await series(page, 'dot');
  plotted.forEach((v, i) => assert.ok(Math.abs(v - e.rDot[i]) < 1e-12, `pooled radius ${i}`));
  return e;
}

test('loads clean; on the circle the two attentions differ by rounding only', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const e = await checkState(page, {});
  assert.ok(e.diff < 1e-14, `rounding: ${e.diff}`);
  assert.match(await live(page, 'max-diff'), /e-1[4-7]$/);
  assert.match(await live(page, 'verdict'), /rounding/);
  assert.equal(await live(page, 'n'), '40');
  await screenshot(page, 'dot-product-laptop');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the width and the radius spread have their effect; off the circle the dot product prefers long keys', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const width = slider(page, 'kernel-width');
  await width.focus();
  for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowLeft');
  const sigma = Number(await page.textContent(`${S} [data-control="kernel-width"] output`));
  assert.ok(sigma < 0.5);
  const onCircle = await checkState(page, { sigma });
  assert.ok(onCircle.diff < 1e-13);
  const spread = slider(page, 'radius-spread-s-off-the-circle');
  await spread.focus();
  for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await page.textContent(`${S} [data-control="radius-spread-s-off-the-circle"] output`), '0.40');
  const off = await checkState(page, { sigma, spread: 0.4 });
  assert.ok(off.diff > 0.01, `no longer rounding: ${off.diff}`);
  assert.match(await live(page, 'verdict'), /no longer rounding/);
  const dot = await series(page, 'dot');
  const gauss = await series(page, 'gaussian');
  assert.ok(dot.filter((r, i) => r > gauss[i]).length > 0.8 * dot.length, 'longer keys under the dot product');
  await page.click(`${S} button[data-action="new-data"]`);
  await checkState(page, { sigma, spread: 0.4, seed: 1 });
  const url = await page.evaluate(() => location.href);
  assert.match(url, /dot-product\.spread=0\.4/);
  const { page: again } = await openPage(env.browser, url);
  await checkState(again, { sigma, spread: 0.4, seed: 1 });
  await again.click(`${S} button[data-action="reset"]`);
  await checkState(again, {});
  assert.deepEqual(errors, []);
  await page.close();
  await again.close();
});

test('phone width: no horizontal overflow', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=dot-product&dot-product.spread=0.5`, { width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
  await screenshot(page, 'dot-product-phone');
  assert.deepEqual(errors, []);
  await page.close();
});

const solved = (page) =>
  page.evaluate((s) => Object.fromEntries([...document.querySelectorAll(`${s} .try-this li`)].map((li) => [li.dataset.task, li.dataset.solved === 'true'])), S);

test('try this: a scripted learner solves the three tasks; the code and export are there', async () => {
  const { page, errors } = await openPage(env.browser, withHintSeed(env.url, 'dot-product'));
  assert.deepEqual(await solved(page), { break: false, 'tiny-width': false, 'long-keys': false });
  const width = slider(page, 'kernel-width');
  await width.focus();
  await page.keyboard.press('Home'); // σ = 0.05 on the circle
  const e = await expected({ seed: dataSeed, sigma: 0.05 });
  assert.ok(e.diff < 1e-12);
  assert.equal((await solved(page))['tiny-width'], true);
  const spread = slider(page, 'radius-spread-s-off-the-circle');
  await spread.focus();
  await page.keyboard.press('End'); // s = 0.9
  // The hint: "If even the largest spread and the smallest σ stay below 1.5, … press New data"
  // (about one data set in eight: seed 13, for one; seed 0 reaches 1.5 at once).
  let seed = dataSeed;
  for (; Number(await live(page, 'r-dot')) <= 1.5; seed++) {
    assert.ok(seed < dataSeed + 5, 'below 1.5 on five data sets');
    await page.click(`${S} button[data-action="new-data"]`);
  }
  const off = await checkState(page, { seed, sigma: 0.05, spread: 0.9 });
  assert.ok(off.diff > 0.1 && off.rDot[0] > 1.5, 'the API agrees');
  assert.deepEqual(await solved(page), { break: true, 'tiny-width': true, 'long-keys': true });
  await page.click(`${S} .show-code summary`);
  // The code is generated on the <details> toggle event, which fires after the click returns.
  await page.waitForFunction((s) => /import torch/.test(document.querySelector(`${s} .show-code code`).textContent), S);
  assert.match(await page.textContent(`${S} .show-code code`), /radius spread 0\.9/);
  assert.ok((await page.locator(`${S} .export button`).count()) >= 2);
  assert.deepEqual(errors, []);
  await page.close();
});

// English: the hints, the readout over the ends of both sliders, the charts' font and ticks.
// Chinese (issue #15): the hints followed literally and the readout checked at each state they
// pass through, the verdict against the zh catalog.
for (const lang of ['en', 'zh']) test(`teaching (${lang}): each hint followed through the controls solves its task; the readout and verdict follow the numbers; the charts share one font and index axes have integer ticks (issue #13)`, async () => {
  const { pressSlider, numbers } = await import('./teaching.mjs');
  // ?lang= as a copied link carries it (lang.js would otherwise follow the browser's en-US).
  const { page, errors } = await openPage(env.browser, withHintSeed(`${env.url}?exercise=dot-product${lang === 'en' ? '' : `&lang=${lang}`}`, 'dot-product'), { lang });
  assert.equal(await page.getAttribute('html', 'data-lang'), lang);
  const text = async (name) => (await live(page, name)).replace(/\s+/g, ' ').trim();
  const solvedNow = (id) => page.getAttribute(`${S} [data-task="${id}"]`, 'data-solved').then((v) => v === 'true');
  const SIGMA = 'kernel-width'; // the sliders' names (data-control), the same in every language
  const SPREAD = 'radius-spread-s-off-the-circle';
  /** Every number of the readout against the API, and the verdict by its rule (rounding below 1e-12). */
  const sweepCheck = async () => {
    const sigma = Number(await live(page, 'sigma'));
    const spread = Number(await live(page, 'spread'));
    const { seed } = await linkedState(page, 'dot-product', { seed: 0 });
    const e = await expected({ seed, sigma, spread });
    const shownDiff = numbers(await text('max-diff'))[0];
    assert.ok(Math.abs(shownDiff - e.diff) <= 0.05 * e.diff + 1e-300, `${shownDiff} vs ${e.diff}`);
    assert.equal(await text('verdict'), t(`dot-product.verdict.${e.diff < 1e-12 ? 'rounding' : 'different'}`, undefined, lang));
    assert.equal(await live(page, 'r-dot'), fmt(e.rDot[0]));
    assert.equal(await live(page, 'r-gauss'), fmt(e.rGauss[0]));
  };
  // Task 1: "What control breaks ‖q‖ = ‖k‖ = 1?" — the radius spread, raised step by step.
  while (!(await solvedNow('break'))) {
    const s = Number(await pressSlider(page, S, SPREAD, 'ArrowRight'));
    assert.ok(s < 0.9, 'not solved at the largest spread');
  }
  assert.ok(numbers(await text('max-diff'))[0] > 0.1);
  await sweepCheck();
  // Task 2: spread 0, then the width all the way down.
  await pressSlider(page, S, SPREAD, 'Home');
  await pressSlider(page, S, SIGMA, 'Home');
  assert.equal(await solvedNow('tiny-width'), true);
  assert.ok(numbers(await text('max-diff'))[0] < 1e-12);
  await sweepCheck();
  // Task 3: a large spread and a small σ; if even the largest spread and the smallest σ stay
  // below 1.5, New data.
  await pressSlider(page, S, SPREAD, 'End');
  for (let tries = 0; !(await solvedNow('long-keys')); tries++) {
    assert.ok(Number(await live(page, 'r-dot')) <= 1.5 && tries < 5, `not solved at ${await live(page, 'r-dot')}`);
    await page.click(`${S} button[data-action="new-data"]`);
  }
  assert.ok(Number(await live(page, 'r-dot')) > 1.5);
  await sweepCheck();
  if (lang !== 'en') {
    assert.deepEqual(errors, []);
    await page.close();
    return;
  }
  for (const [spreadKey, sigmaKey] of [['End', 'End'], ['Home', 'End']]) {
    await pressSlider(page, S, SPREAD, spreadKey);
    await pressSlider(page, S, SIGMA, sigmaKey);
    await sweepCheck();
  }
  // One font for every chart of the exercise: the 12 px axis text is drawn at 12 px.
  const heights = await page.$$eval(`${S} [data-plot] .axis text`, (ts) => [...new Set(ts.map((t) => Math.round(t.getBoundingClientRect().height)))]);
  assert.equal(heights.length, 1, `axis text heights ${heights}`);
  // Index axes: integer ticks only.
  // (the first two axes of each heatmap; the third is the colour legend's weight scale)
  const legend = await page.$$eval(`${S} [data-plot="gaussian"] svg, ${S} [data-plot="dot"] svg`, (svgs) => svgs.flatMap((svg) =>
    [...svg.querySelectorAll(':scope > g.axis')].slice(0, 2).flatMap((g) => [...g.querySelectorAll('.tick text')].map((t) => t.textContent))));
  assert.ok(legend.length >= 8, legend.join());
  for (const l of legend) assert.match(l, /^\d+$/, `index tick "${l}"`);
  assert.deepEqual(errors, []);
  await page.close();
});
