// The page as a learner meets it: loads clean, and the width slider changes the prediction and
// the heatmap.
import test from 'node:test';
import assert from 'node:assert/strict';
import { linkedState, openPage, screenshot, useBrowser } from './browser.mjs';

const env = useBrowser();

const section = '#kernel-regression';
const predictions = (page) => page.getAttribute(`${section} .prediction`, 'data-predictions');
const heatmapPixels = (page) => page.$eval(`${section} [data-plot="heatmap"] canvas`, (c) => c.toDataURL());

test('the page loads with no console error and shows the slice', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  assert.ok(await page.$(`${section} svg .prediction`));
  assert.ok((await predictions(page)).split(',').length === 50);
  await screenshot(page, 'page-laptop');
  assert.deepEqual(errors, []);
  await page.close();
});

test('moving the width slider changes the prediction curve and the heatmap', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const slider = page.locator(`${section} input[type=range]`).first();
  const before = { pred: await predictions(page), heat: await heatmapPixels(page) };
  await slider.focus();
  for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
  const afterKeys = { pred: await predictions(page), heat: await heatmapPixels(page) };
  assert.notEqual(afterKeys.pred, before.pred);
  assert.notEqual(afterKeys.heat, before.heat);
  assert.match(await page.evaluate(() => location.href), /kernel-regression\.width=/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('dragging n: the leave-one-out width is shown during the drag, then matches the API', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const slider = page.locator(`${section} [data-control="training-examples-n"] input`);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  const loo = () => page.textContent(`${section} [data-live="loo"]`);
  await page.mouse.move(box.x + box.width * 0.3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.35, y, { steps: 3 });
  // Still dragging: the worker's width for the current n arrives without a release.
  await page.waitForFunction((s) => /picks h\* =/.test(document.querySelector(`${s} [data-live="loo"]`).textContent), section);
  await page.mouse.move(box.x + box.width * 0.4, y, { steps: 3 });
  await page.mouse.up();
  // The width shown ends as the API's for the data the URL now names (waited for: the job of the
  // last n may still be running when the mouse is released).
  const { n } = await linkedState(page, 'kernel-regression', { n: 50 });
  const { createLab } = await import('../../wasm/src/index.js');
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', nTrain: n, seed: 0 });
  const sel = lab.selectWidth({ x: d.xTrain, y: d.yTrain, kernel: 'gaussian' });
  const expected = `h* = ${sel.width.toPrecision(3)},`;
  await page.waitForFunction(([s, e]) => document.querySelector(`${s} [data-live="loo"]`).textContent.includes(e), [section, expected]);
  assert.ok((await loo()).includes(expected), `${await loo()} vs ${sel.width}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('leave-one-out width selection runs in a worker at every n, up to the slider\'s 10,000', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=kernel-regression&kernel-regression.n=1500`);
  const loo = () => page.textContent(`${section} [data-live="loo"]`);
  await page.waitForFunction((s) => /picks h\* =/.test(document.querySelector(`${s} [data-live="loo"]`).textContent), section);
  const { createLab } = await import('../../wasm/src/index.js');
  const lab = await createLab();
  const d = lab.makeDataset({ target: 'classic', nTrain: 1500, seed: 0 });
  const sel = lab.selectWidth({ x: d.xTrain, y: d.yTrain, kernel: 'gaussian' });
  const at = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: sel.width, returnWeights: false });
  const err = lab.meanSquaredError({ predictions: at.predictions, truth: d.yTest }).mse;
  assert.equal(await loo(), `Leave-one-out cross-validation on the training data picks h* = ${sel.width.toPrecision(3)}, whose error against the truth is ${err.toPrecision(3)}.`);
  // A change while the worker computes: only the latest data's width is shown.
  await page.evaluate((s) => {
    const span = document.querySelector(`${s} [data-live="loo"]`);
    window.__looTexts = [];
    new MutationObserver(() => window.__looTexts.push(span.textContent)).observe(span, { childList: true, characterData: true, subtree: true });
  }, section);
  await page.locator(`${section} select`).first().selectOption('boxcar');
  await page.waitForFunction((s) => /picks h\* =/.test(document.querySelector(`${s} [data-live="loo"]`).textContent), section);
  const texts = await page.evaluate(() => window.__looTexts);
  assert.match(texts[0], /is picking its width \(1,500 points, in the background\)/);
  const box = lab.selectWidth({ x: d.xTrain, y: d.yTrain, kernel: 'boxcar' });
  assert.match(await loo(), new RegExp(`h\\* = ${box.width.toPrecision(3).replace('.', '\\.')},`));
  // At the slider's largest n (10,000) too: the width is the API's.
  const n = page.locator(`${section} [data-control="training-examples-n"] input`);
  await n.focus();
  await page.keyboard.press('End');
  const big = lab.makeDataset({ target: 'classic', nTrain: 10000, seed: 0 });
  const bigBox = lab.selectWidth({ x: big.xTrain, y: big.yTrain, kernel: 'boxcar' });
  const expected = `h* = ${bigBox.width.toPrecision(3)},`;
  await page.waitForFunction(([s, e]) => document.querySelector(`${s} [data-live="loo"]`).textContent.includes(e), [section, expected]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the page works at phone width', async () => {
  const { page, errors } = await openPage(env.browser, env.url, { width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
  await screenshot(page, 'page-phone');
  assert.deepEqual(errors, []);
  await page.close();
});
