// The "x in several dimensions" exercise as a learner uses it, checked against the API in node.
// The teaching test (hints followed, prose following the numbers) runs in English and Chinese:
// the Chinese sentences are compared with the catalog's (web/i18n.js in node), the numbers in
// them with the API's, and no Latin-script prose may show (issue #15).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { scaleSequential } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { htmlLang, t } from '../../web/i18n.js';
import { dragSlider, linkedState, offloaded, openPage, screenshot, useBrowser } from './browser.mjs';
import { latinProse } from './latin-prose.mjs';
import { contourInk, contourLevels } from './surface-plot.mjs';

const S = '#minkowski';
const N_RATES = [50, 100, 200, 500, 1000, 2000, 5000];
const env = useBrowser();
const lab = await createLab();

const live = (page, name) => page.textContent(`${S} [data-live="${name}"]`);
const href = (page) => page.evaluate(() => window.location.href);
const numbers = (text) => text.split(',').map(Number);
const fmt = (v, lang = 'en') => (Number.isFinite(v) ? Number(v).toPrecision(3) : t('common.undefined', undefined, lang));
const P = { 1: 1, 2: 2, inf: Infinity };
/** The page in `lang` (?lang= too, so that lang.js keeps it there whatever the browser's language). */
const pageOf = (lang, query = 'exercise=minkowski') => `${env.url}?${query}${lang === 'en' ? '' : `&lang=${lang}`}`;

function surface({ seed = 0, n = 200, kernel = 'gaussian', p = 2, h1 = 0.5, h2 = 0.5, px = 2.5, py = 2.5 } = {}) {
  const d = lab.makeDataset({ target: 'surface', dim: 2, nTrain: n, nTest: 3600, seed });
  const common = { keys: d.xTrain, values: d.yTrain, dim: 2, kernel, width: [h1, h2], p };
  const a = lab.attend({ ...common, queries: d.xTest, returnWeights: false });
  const e = lab.meanSquaredError({ predictions: a.predictions, truth: d.yTest });
  const probe = lab.attend({ ...common, queries: [px, py] }).predictions[0];
  const inside = lab.attend({ ...common, kernel: 'boxcar', queries: [px, py] }).weights.filter((w) => w > 0).length;
  return { a, e, probe, inside };
}

async function checkSurface(page, options, lang = 'en') {
  const x = surface(options);
  assert.equal(await live(page, 'mse'), fmt(x.e.mse, lang));
  // The count of undefined queries is a slot of the readout only when there are any.
  if (x.e.undefined > 0) assert.equal(await live(page, 'undefined'), String(x.e.undefined));
  else assert.equal(await page.locator(`${S} [data-live="readout"] [data-live="undefined"]`).count(), 0);
  assert.equal(await live(page, 'probe-prediction'), fmt(x.probe, lang));
  assert.equal(await live(page, 'probe-keys'), String(x.inside));
  const plotted = (await page.getAttribute(`${S} [data-plot="prediction"] svg`, 'data-predictions')).split(',');
  assert.deepEqual(plotted, Array.from(x.a.predictions, (v) => (Number.isNaN(v) ? 'NaN' : v.toPrecision(6))));
  // The data's points (drawn again only when the data change): one mark per training point.
  const n = options.n ?? 200;
  assert.equal(await page.locator(`${S} [data-plot="prediction"] path.surface-point`).count(), n);
  assert.equal(await page.getAttribute(`${S} [data-plot="prediction"] svg`, 'data-points'), String(n));
}

/** The unit balls' legend as shown, each entry's label (the balls keep their entries as p moves). */
const ballLegend = (page) => page.locator(`${S} [data-plot="balls"] .mk-legend li`).allTextContents();

const waitRates = (page) => page.waitForFunction((s) => document.querySelector(s).dataset.curves === 'done', S, { timeout: 60000 });

test('loads clean; surface, unit balls, prose and fitted slopes are the API\'s', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=minkowski`);
  await checkSurface(page, {});
  // Contour lines: some of the levels are drawn (on the canvas under the SVG), and only levels
  // the plot was given.
  const levels = (await page.getAttribute(`${S} [data-plot="prediction"] svg`, 'data-levels')).split(',').map(Number);
  const drawn = await contourLevels(page, `${S} [data-plot="prediction"]`);
  assert.ok(drawn.length > 0, 'no contour line drawn');
  for (const v of drawn) assert.ok(levels.includes(v), `contour level ${v} not among ${levels}`);
  assert.ok(await contourInk(page, `${S} [data-plot="prediction"]`) > 0, 'the contour canvas is blank');
  // The heatmap: one pixel per grid point, each the colour d3's viridis scale gives its prediction
  // over the truth's range (the same scale as the legend), grey where it is undefined.
  const d = lab.makeDataset({ target: 'surface', dim: 2, nTrain: 200, nTest: 3600, seed: 0 });
  const color = scaleSequential(interpolateViridis).domain([Math.min(...d.yTest), Math.max(...d.yTest)]);
  const hex = (text) => [1, 3, 5].map((k) => parseInt(text.slice(k, k + 2), 16));
  const predictions = surface({}).a.predictions;
  const pixels = await page.evaluate((sel) => {
    const canvas = document.querySelector(`${sel} canvas:not(.contour-layer)`);
    return Array.from(canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data);
  }, `${S} [data-plot="prediction"]`);
  const side = 60; // values[i·60 + j] at (xs[i], ys[j]); row 0 of the canvas is the top (largest y)
  for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
    const o = 4 * ((side - 1 - j) * side + i);
    const v = predictions[i * side + j];
    const want = Number.isFinite(v) ? [...hex(color(v)), 255] : [128, 128, 136, 90];
    assert.deepEqual(pixels.slice(o, o + 4), want, `cell (${i}, ${j}): prediction ${v}`);
  }
  for (const q of ['1', '2', 'inf']) {
    const ball = lab.unitBall({ p: P[q], points: 256, widths: [0.5, 0.5] });
    const xs = numbers(await page.getAttribute(`${S} [data-plot="balls"] path[data-series="p-${q}"]`, 'data-x'));
    xs.forEach((v, k) => assert.equal(v, ball.x[k]));
  }
  await waitRates(page);
  const summary = page.locator(`${S} [data-live="rates-summary"]`);
  for (const d of [1, 2, 3]) {
    const mse = N_RATES.map((n) => lab.consistency({ target: 'surface', dim: d, nValues: [n], seeds: 3, seed: 0, rule: 'shrinking', c: 1, kernel: 'gaussian' }).mse[0]);
    const slope = lab.fitPowerLaw({ x: N_RATES, y: mse }).exponent;
    assert.equal(Number(await summary.getAttribute(`data-slope${d}`)), slope);
    assert.equal(Number(await summary.getAttribute(`data-theory${d}`)), lab.minimaxRate({ dim: d }));
    assert.ok((await summary.textContent()).includes(`d = ${d}: ${fmt(slope)} (theory ${fmt(lab.minimaxRate({ dim: d }))})`));
    const plotted = numbers(await page.getAttribute(`${S} [data-plot="rates"] path[data-series="d${d}"]`, 'data-y'));
    plotted.forEach((v, k) => assert.equal(v, mse[k]));
    const guide = lab.fitPowerLaw({ x: N_RATES, y: mse, exponent: lab.minimaxRate({ dim: d }) }).fitted;
    numbers(await page.getAttribute(`${S} [data-plot="rates"] path[data-series="guide-d${d}"]`, 'data-y')).forEach((v, k) => assert.equal(v, guide[k]));
  }
  // The answer's words by its rule: "Yes." if every slope is above the last, "Yes, though noisily"
  // if only d = 3's is above d = 1's.
  const slopes = [1, 2, 3].map((d) => lab.fitPowerLaw({ x: N_RATES, y: N_RATES.map((n) => lab.consistency({ target: 'surface', dim: d, nValues: [n], seeds: 3, seed: 0, rule: 'shrinking', c: 1, kernel: 'gaussian' }).mse[0]) }).exponent);
  const answer = await live(page, 'rates-answer');
  if (slopes[0] < slopes[1] && slopes[1] < slopes[2]) assert.match(answer, /^Yes\. The fitted slopes are/);
  else if (slopes[2] > slopes[0]) assert.match(answer, /^Yes, though noisily here\. The fitted slopes are/);
  else assert.match(answer, /^Not clearly/);
  assert.ok(answer.includes(slopes.map((v) => fmt(v)).join(', ')), answer);
  await screenshot(page, 'minkowski-laptop');
  assert.deepEqual(errors, []);
  await page.close();
});

test('p, the widths, the kernel and n each change the surface; the link round-trips', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=minkowski`);
  // The readout's numbers change in place (its spans stay), so it is read whole when it changes.
  assert.equal(await page.getAttribute(`${S} [data-live="readout"]`, 'aria-atomic'), 'true');
  const mse = await page.$(`${S} [data-live="readout"] [data-live="mse"]`);
  const p = page.locator(`${S} input[data-control="p"]`);
  await p.focus();
  await page.keyboard.press('End'); // p = ∞
  assert.equal(await live(page, 'p'), '∞');
  assert.ok(await page.locator(`${S} [data-plot="balls"] path[data-series="p-inf"]`).count());
  await checkSurface(page, { p: Infinity });
  assert.ok(await mse.evaluate((el) => el.isConnected), 'the readout was rebuilt, not updated in place');
  assert.deepEqual(await ballLegend(page), ['p = 1', 'p = 2', 'p = ∞ (current)']);
  await page.keyboard.press('ArrowLeft'); // p = 8: a fourth ball appears
  assert.equal(await live(page, 'p'), '8');
  assert.equal(await page.locator(`${S} [data-plot="balls"] path[data-series="p-current"]`).count(), 1);
  assert.deepEqual(await ballLegend(page), ['p = 1', 'p = 2', 'p = ∞', 'p = 8 (current)']);
  assert.equal(await page.getAttribute(`${S} [data-plot="balls"] path[data-series="p-inf"]`, 'stroke-width'), '2');
  const h1 = page.locator(`${S} input[data-control="h1"]`);
  await h1.focus();
  for (let k = 0; k < 40; k++) await page.keyboard.press('ArrowRight');
  await page.selectOption(`${S} select[data-control="kernel"]`, 'boxcar');
  const url = new URL(await href(page));
  const state = { p: 8, h1: Number(url.searchParams.get('minkowski.h1')), kernel: 'boxcar' };
  assert.ok(state.h1 > 0.5);
  await checkSurface(page, state);
  // Stretched ball: wider along u₁.
  const xs = numbers(await page.getAttribute(`${S} [data-plot="balls"] path[data-series="p-current"]`, 'data-x'));
  assert.equal(xs[0], lab.unitBall({ p: 8, points: 256, widths: [state.h1, 0.5] }).x[0]);
  // Probe: click the prediction plot.
  const svg = page.locator(`${S} [data-plot="prediction"] svg`);
  const box = await svg.boundingBox();
  await svg.click({ position: { x: box.width * 0.3, y: box.height * 0.3 } });
  const link = await href(page);
  const u = new URL(link);
  const px = Number(u.searchParams.get('minkowski.px'));
  const py = Number(u.searchParams.get('minkowski.py'));
  assert.ok(px < 2.5 && py > 2.5, `probe ${px}, ${py}`);
  await checkSurface(page, { ...state, px, py });
  // n
  const n = page.locator(`${S} input[data-control="n"]`);
  await n.focus();
  await page.keyboard.press('Home');
  await checkSurface(page, { ...state, px, py, n: 20 });
  const again = await openPage(env.browser, await href(page));
  await checkSurface(again.page, { ...state, px, py, n: 20 });
  assert.equal(await again.page.textContent(`${S} [data-live="p"]`), '8');
  assert.deepEqual(again.errors, []);
  await again.page.close();
  await page.click(`${S} button[data-action="reset"]`);
  await checkSurface(page, {});
  assert.deepEqual(errors, []);
  await page.close();
});

test('mouse drags of p, h1 and n compute the surface in a worker; after the release it is the final state\'s', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=minkowski`);
  const control = (name) => page.locator(`${S} input[data-control="${name}"]`);
  await dragSlider(page, control('p'), [0.9, 0.2, 0.45]); // general p: the slow case
  await dragSlider(page, control('h1'), [0.8, 0.3, 0.6]);
  await dragSlider(page, control('n'), [0.9, 0.4, 0.7]); // a new data set on every step
  assert.ok(await offloaded(page, S) > 0, 'no surface came from the worker');
  const u = new URL(await href(page));
  const raw = u.searchParams.get('minkowski.p');
  const state = { p: P[raw] ?? Number(raw), h1: Number(u.searchParams.get('minkowski.h1')), n: Number(u.searchParams.get('minkowski.n')) };
  assert.ok(![1, 2, Infinity].includes(state.p) && state.h1 !== 0.5 && state.n !== 200, JSON.stringify(state));
  assert.equal(await live(page, 'p'), raw);
  assert.equal(await live(page, 'n'), String(state.n));
  await checkSurface(page, state);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a drag whose last surface came from the worker while the pointer was down: after the release the plotted predictions are that surface\'s', async () => {
  // During a drag the page skips writing data-predictions (3600 numbers per result) and writes
  // the last drawn surface's when the drag ends: here no input follows the release, so only that
  // write can bring them up to date.
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=minkowski`);
  const slider = page.locator(`${S} input[data-control="p"]`);
  const frame = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  let box;
  for (let tries = 0; tries < 10; tries++) {
    await slider.scrollIntoViewIfNeeded();
    await frame();
    box = await slider.boundingBox();
    if (box && box.y >= 0 && box.y + box.height <= page.viewportSize().height) break;
  }
  const y = box.y + box.height / 2;
  const value = await slider.evaluate((el) => (Number(el.value) - Number(el.min)) / (Number(el.max) - Number(el.min)));
  await page.mouse.move(box.x + box.width * value, y);
  await page.mouse.down();
  for (const f of [0.85, 0.15, 0.45]) {
    await page.mouse.move(box.x + box.width * f, y, { steps: 2 });
    await frame();
  }
  await page.waitForFunction((s) => document.querySelector(s).dataset.offload === 'idle', S);
  assert.ok(await offloaded(page, S) > 0, 'no surface came from the worker');
  await page.mouse.up();
  const u = new URL(await href(page));
  const raw = u.searchParams.get('minkowski.p');
  assert.ok(raw !== null && raw !== '2', `p after the drag: ${raw}`);
  assert.equal(await live(page, 'p'), raw);
  await checkSurface(page, { p: P[raw] ?? Number(raw) });
  // The unit ball's points too (also written when the drag ends): the final p's.
  const ball = lab.unitBall({ p: P[raw] ?? Number(raw), points: 256, widths: [0.5, 0.5] });
  const series = raw in P ? `p-${raw}` : 'p-current';
  assert.deepEqual(numbers(await page.getAttribute(`${S} [data-plot="balls"] path[data-series="${series}"]`, 'data-x')), Array.from(ball.x));
  assert.deepEqual(numbers(await page.getAttribute(`${S} [data-plot="balls"] path[data-series="${series}"]`, 'data-y')), Array.from(ball.y));
  assert.deepEqual(errors, []);
  await page.close();
});

test('rate controls recompute in the worker; Cancel keeps what is finished; phone layout', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=minkowski`, { width: 360, height: 800 });
  await waitRates(page);
  assert.equal(await page.getAttribute(S, 'data-compute-mode'), 'worker');
  const before = await page.getAttribute(`${S} [data-plot="rates"] path[data-series="d2"]`, 'data-y');
  const seeds = page.locator(`${S} input[data-control="seeds"]`);
  await seeds.focus();
  await page.keyboard.press('End');
  await page.waitForFunction((s) => document.querySelector(s).dataset.curves === 'computing', S);
  await page.click(`${S} button[data-action="cancel"]`);
  assert.equal(await page.getAttribute(S, 'data-curves'), 'cancelled');
  await page.click(`${S} button[data-action="resume"]`);
  await waitRates(page);
  assert.notEqual(await page.getAttribute(`${S} [data-plot="rates"] path[data-series="d2"]`, 'data-y'), before);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  await screenshot(page, 'minkowski-phone');
  assert.deepEqual(errors, []);
  await page.close();
});

test('shell: a scripted learner solves the Try-this tasks; own data; CSV export', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=minkowski`);
  const solved = (id) => page.getAttribute(`${S} .try-this li[data-task="${id}"]`, 'data-solved');
  assert.equal(await solved('beat-default'), 'false');
  // A smaller width along x₂ lowers the error too, but x₂ is the wrong coordinate: not solved.
  const h2 = page.locator(`${S} input[data-control="h2"]`);
  await h2.focus();
  for (let k = 0; k < 30; k++) await page.keyboard.press('ArrowLeft');
  assert.equal(await solved('beat-default'), 'false');
  await page.keyboard.press('End');
  // The hint: h₂ back at 0.5 … (End is 3; Home then 0.5 by keys is what a learner does: Reset)
  await page.click(`${S} button[data-action="reset"]`);
  const h1 = page.locator(`${S} input[data-control="h1"]`);
  await h1.focus();
  for (let k = 0; k < 30 && (await solved('beat-default')) === 'false'; k++) await page.keyboard.press('ArrowLeft');
  assert.equal(await solved('beat-default'), 'true');
  await page.selectOption(`${S} select[data-control="kernel"]`, 'boxcar');
  await h1.focus();
  for (let k = 0; k < 200 && (await solved('undefined')) === 'false'; k++) await page.keyboard.press('ArrowLeft');
  assert.equal(await solved('undefined'), 'true');

  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${S} [data-export="csv:minkowski-predictions.csv"]`)]);
  const { readFile } = await import('node:fs/promises');
  const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  assert.equal(csv[0].replaceAll('"', ''), 'x1,x2,prediction,truth');
  assert.equal(csv.length, 3601);

  // Show the code: generated for the current state when opened.
  await page.click(`${S} .show-code summary`);
  // The code is generated on the details' toggle event, which fires after the click.
  await page.waitForFunction((s) => /import torch/.test(document.querySelector(`${s} .show-code code`).textContent), S);
  const shown = await page.textContent(`${S} .show-code code`);
  assert.match(shown, /import torch/);
  assert.match(shown, /boxcar|\(r < 1\)/);
  // Own data: text in a number is refused with its line; good rows are pooled, with no truth.
  await page.click(`${S} button[data-action="reset"]`);
  await page.evaluate((s) => { document.querySelector(`${s} .own-data`).open = true; }, S);
  await page.fill(`${S} .own-data textarea`, 'x1,x2,y\n0,0,1\n1,abc,2\n');
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.match(await page.textContent(`${S} .own-data-status`), /Not loaded — Line 3/);
  assert.equal(await live(page, 'n'), '200');
  const rows = [[0, 0, 1], [1, 0, 2], [0, 1, 3], [1, 1, 4], [0.5, 0.5, 2.5]];
  await page.fill(`${S} .own-data textarea`, `x1,x2,y\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.equal(await live(page, 'n'), '5');
  assert.equal(await live(page, 'mse'), 'undefined');
  assert.ok(await page.isHidden(`${S} [data-plot="truth"]`));
  // The intro speaks of the learner's points, not of noisy samples of the surface.
  assert.ok(await page.isHidden(`${S} [data-when="generated"]`));
  assert.match((await page.textContent(`${S} [data-when="own"]`)).replace(/\s+/g, ' '), /^Below, your 5 points are pooled/);
  const keys = rows.flatMap((r) => [r[0], r[1]]);
  const probe = lab.attend({ queries: [0.5, 0.5], keys, values: rows.map((r) => r[2]), dim: 2, width: [0.5, 0.5] }).predictions[0];
  assert.equal(await live(page, 'probe-prediction'), fmt(probe));
  assert.deepEqual(errors, []);
  await page.close();
});

// The beat-default hint's fallback, followed literally on data where it is needed: on seed 24 no
// h₁ a few steps below 0.5 beats both errors (about one data set in twelve, by the same recipe
// through the API); "New data" (seed 25), h₁ back to 0.5 and down again does.
test('the beat-default hint on data whose noise hides the difference: New data, h₁ back, down again solves it', async () => {
  const { pressSlider, setSlider, clickButton } = await import('./teaching.mjs');
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=minkowski&minkowski.seed=24`);
  const solvedNow = (id) => page.getAttribute(`${S} .try-this li[data-task="${id}"]`, 'data-solved').then((v) => v === 'true');
  const settled = () => page.waitForFunction((s) => document.querySelector(s).dataset.offload !== 'busy', S);
  const h1Down = async () => {
    for (let k = 0; k < 20 && !(await solvedNow('beat-default')); k++) {
      await pressSlider(page, S, 'width-h1-along-x1', 'ArrowLeft');
      await settled();
    }
    return solvedNow('beat-default');
  };
  assert.equal(await h1Down(), false, 'seed 24 is solved by the first part of the hint: pick another seed for this test');
  await clickButton(page, S, 'new-data');
  await setSlider(page, S, 'width-h1-along-x1', 0.5);
  await settled();
  assert.equal((await linkedState(page, 'minkowski', { seed: 0 })).seed, 25);
  assert.equal(await h1Down(), true);
  assert.deepEqual(errors, []);
  await page.close();
});

/** The error, bias and mean width of the rate curves for dimension d, as the page computes them. */
const rateCurve = (d, { seeds = 3, kernel = 'gaussian' } = {}) => {
  const runs = N_RATES.map((n) => lab.consistency({ target: 'surface', dim: d, nValues: [n], seeds, seed: 0, rule: 'shrinking', c: 1, kernel }));
  return { mse: runs.map((r) => r.mse[0]), width: runs.map((r) => r.meanWidth[0]) };
};

/**
 * Latin-script words in section S that are not math, code, numbers or the names the Chinese page
 * keeps (issue #15): in its visible text (every disclosure open, the plots' data tables included)
 * and in its accessible names and values (aria-label, aria-valuetext, title). Only the parts this
 * exercise and the plots write: the shell's own chrome (own data, export, show code, embed, the
 * Try-this headings, badges and count, the progress row's worker note, Cancel/Resume) is
 * web/shell's to translate, and the page-wide test walks everything.
 */
/** The Chinese page's Latin-script prose in this exercise (latin-prose.mjs), data tables and disclosures open; the shell's own parts are another module's. */
async function latinProseHere(page) {
  await page.evaluate((s) => { for (const d of document.querySelectorAll(`${s} details`)) d.open = true; }, S);
  await page.waitForFunction((s) => [...document.querySelectorAll(`${s} details.data-table`)].every((d) => d.querySelector('table')), S);
  const SHELL = '[data-shell]:not(.try-this), .try-this > h3, .try-this-progress, .task-status, .try-this summary, .try-this .visually-hidden, .export, .share, [data-live="progress"], [data-compute-buttons]';
  return latinProse(page, S, { skip: `[hidden], ${SHELL}`, skipAttributes: SHELL });
}

for (const lang of ['en', 'zh']) {
  test(`teaching (${lang}): each hint followed through the controls solves its task; the readout and the rates prose follow the numbers, undefined in words (issues #13, #15)`, async () => {
    const { pressSlider, choose, numbers: inText } = await import('./teaching.mjs');
    const say = (key, params) => t(key, params, lang);
    const list = (items) => items.join(say('minkowski.listComma'));
    const number = (n) => n.toLocaleString(htmlLang(lang));
    const { page, errors } = await openPage(env.browser, pageOf(lang), { lang });
    const solvedNow = (id) => page.getAttribute(`${S} .try-this li[data-task="${id}"]`, 'data-solved').then((v) => v === 'true');
    const readout = async () => (await page.textContent(`${S} [data-live="readout"]`)).replace(/\s+/g, ' ').trim();
    const slotValue = async (name) => Number(await page.getAttribute(`${S} [data-live="readout"] [data-live="${name}"]`, 'data-value'));
    const settled = () => page.waitForFunction((s) => document.querySelector(s).dataset.offload !== 'busy', S);
    const stateNow = async () => {
      const p = new URL(await page.evaluate(() => location.href)).searchParams;
      const get = (k, d) => (p.has(`minkowski.${k}`) ? p.get(`minkowski.${k}`) : d);
      return { kernel: get('kernel', 'gaussian'), p: P[get('p', '2')] ?? Number(get('p', '2')), h1: Number(get('h1', 0.5)), h2: Number(get('h2', 0.5)) };
    };
    if (lang !== 'en') {
      // The rates prose in this language for the default state (English: the first test): the
      // answer the slopes call for, and the summary, each a whole sentence with the API's figures.
      await waitRates(page);
      const curves = [1, 2, 3].map((d) => rateCurve(d));
      const slopes = curves.map((c) => lab.fitPowerLaw({ x: N_RATES, y: c.mse }).exponent);
      const theory = [1, 2, 3].map((d) => lab.minimaxRate({ dim: d }));
      const figures = {
        slopes: list(slopes.map((v) => fmt(v))), dims: list(['1', '2', '3']), theory: list(theory.map((v) => fmt(v))),
        widths: list(curves.map((c, k) => say('minkowski.rates.widthItem', { h0: fmt(c.width[0]), h1: fmt(c.width[N_RATES.length - 1]), d: k + 1 }))),
        factor: number(N_RATES[N_RATES.length - 1] / N_RATES[0]),
      };
      const rule = slopes[0] < slopes[1] && slopes[1] < slopes[2] ? 'yes' : slopes[2] > slopes[0] ? 'noisy' : 'unclear';
      assert.equal(await live(page, 'rates-answer'), say(`minkowski.answer.${rule}`, figures));
      const items = curves.map((c, k) => say('minkowski.rates.slopeItem', { d: k + 1, slope: fmt(slopes[k]), theory: fmt(theory[k]) }));
      const perDim = curves.map((c, k) => say(c.mse[N_RATES.length - 1] < c.mse[0] ? 'minkowski.rates.dimFalls' : 'minkowski.rates.dimFlat', {
        d: k + 1, e0: fmt(c.mse[0]), n0: number(N_RATES[0]), e1: fmt(c.mse[N_RATES.length - 1]), n1: number(N_RATES[N_RATES.length - 1]),
      }));
      assert.equal(await live(page, 'rates-summary'), [say('minkowski.rates.slopes', { list: items.join(say('minkowski.listSemicolon')) }), ...perDim].join(say('minkowski.sentenceGap')));
    }
    // Task 2: h₂ stays at 0.5, h₁ goes down a few steps.
    let steps = 0;
    while (!(await solvedNow('beat-default'))) {
      await pressSlider(page, S, 'width-h1-along-x1', 'ArrowLeft');
      await settled();
      assert.ok(++steps <= 20, 'not solved after 20 steps of h₁');
    }
    const st = await stateNow();
    assert.equal(st.h2, 0.5);
    await checkSurface(page, st, lang);
    const swapped = surface({ ...st, h1: st.h2, h2: st.h1 }).e.mse;
    const baseline = surface({}).e.mse;
    assert.equal(await slotValue('swapped'), swapped);
    assert.equal(await slotValue('baseline'), baseline);
    assert.ok(Number(fmt(await slotValue('mse'))) < Number(fmt(swapped)) && Number(fmt(await slotValue('mse'))) < Number(fmt(baseline)));
    assert.ok((await readout()).includes(say('minkowski.compare.swapped', {
      swappedH1: fmt(st.h2), swappedH2: fmt(st.h1), swapped: fmt(swapped), defaultP: '2', defaultH1: '0.5', defaultH2: '0.5', baseline: fmt(baseline),
    })), await readout());
    // Task 1: a compact kernel and small widths.
    await choose(page, S, 'kernel', 'boxcar');
    while (!(await solvedNow('undefined'))) {
      await pressSlider(page, S, 'width-h1-along-x1', 'ArrowLeft', 10);
      await pressSlider(page, S, 'width-h2-along-x2', 'ArrowLeft', 10);
      await settled();
    }
    const compact = await stateNow();
    const x = surface(compact);
    await checkSurface(page, compact, lang);
    const text = await readout();
    const u = x.e.undefined;
    assert.ok(text.startsWith(say('minkowski.readout.undefined', {
      p: '2', h1: fmt(compact.h1), h2: fmt(compact.h2), grid: '3600', undefined: String(u), count: u, mse: fmt(NaN, lang),
    })), text);
    if (lang === 'en') {
      assert.ok(text.includes(`${u} of the 3600 grid ${u === 1 ? 'query has' : 'queries have'} no key`), text);
      assert.ok(!/undefined to undefined|\b1 training points\b|\b1 queries\b/.test(text), text);
    }
    assert.equal(inText(text).includes(x.inside), true);
    // The rates with a compact kernel: undefined explained in words, never "undefined to undefined"
    // and never a "(computing)" that stays.
    await pressSlider(page, S, 'data-sets-per-n', 'Home');
    assert.equal(await live(page, 'seeds'), say('minkowski.seeds', { count: 1 }));
    if (lang === 'en') assert.equal(await live(page, 'seeds'), '1 data set');
    await waitRates(page);
    const summary = (await live(page, 'rates-summary')).replace(/\s+/g, ' ');
    assert.ok(!summary.includes(say('minkowski.rates.slopeComputing')), summary);
    if (lang === 'en') assert.ok(!/undefined to undefined|computing/.test(summary), summary);
    const boxcar = say('minkowski.kernel.boxcar');
    for (const d of [1, 2, 3]) {
      const { mse } = rateCurve(d, { seeds: 1, kernel: 'boxcar' });
      const undef = N_RATES.filter((n, k) => !Number.isFinite(mse[k]));
      if (undef.length) {
        assert.ok(summary.includes(say('minkowski.rates.dimUndefined', { d, ns: list(undef.map(number)), kernel: boxcar })), summary);
        if (lang === 'en') assert.ok(summary.includes(`For d = ${d} the error is undefined at n = ${undef.map((n) => n.toLocaleString('en-US')).join(', ')}:`), summary);
      } else {
        const rule = mse[mse.length - 1] < mse[0] ? 'dimFalls' : 'dimFlat';
        assert.ok(summary.includes(say(`minkowski.rates.${rule}`, { d, e0: fmt(mse[0]), n0: number(N_RATES[0]), e1: fmt(mse[mse.length - 1]), n1: number(N_RATES[N_RATES.length - 1]) })), summary);
        if (lang === 'en') assert.ok(summary.includes(`For d = ${d} the error ${rule === 'dimFalls' ? 'falls from' : 'does not fall'}`), summary);
      }
      if (mse.filter(Number.isFinite).length < 2) {
        assert.ok(summary.includes(say('minkowski.rates.slopeItem', { d, slope: say('minkowski.rates.slopeUndefined'), theory: fmt(lab.minimaxRate({ dim: d })) })), summary);
        if (lang === 'en') assert.ok(summary.includes(`d = ${d}: undefined (fewer than two n with a defined error)`), summary);
      }
    }
    assert.equal(await live(page, 'rates-answer'), say('minkowski.answer.noSlope', { kernel: boxcar }));
    if (lang === 'en') assert.match(await live(page, 'rates-answer'), /^Not with the boxcar kernel/);
    else {
      assert.deepEqual(await latinProseHere(page), []);
      // The longer or shorter Chinese lines still fit a phone (every disclosure open).
      await screenshot(page, `minkowski-${lang}-laptop`);
      await page.setViewportSize({ width: 390, height: 844 });
      const overflow = await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(document.documentElement.scrollWidth - window.innerWidth))));
      assert.ok(overflow <= 0, `horizontal overflow ${overflow}px at 390 px`);
      await screenshot(page, `minkowski-${lang}-phone`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}
