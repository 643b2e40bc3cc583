// The shared shell (web/shell) in the four exercises: "Try this" solved by a scripted learner,
// own data (valid and malformed CSV, links), "Show the code" equal to the generator run in node,
// and PNG/CSV exports (Playwright download events).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import '../../web/widgets/kernel-regression-code.js'; // kernel-regression's generator (its own file since #15)
import { createLab } from '../../wasm/src/index.js';
import { generateCode } from '../../web/shell/show-code.js';
import '../../web/widgets/leave-one-out-code.js'; // the generator lives with its exercise
import { openPage, screenshot, useBrowser } from './browser.mjs';

const env = useBrowser();
const lab = await createLab();

const KR = '#kernel-regression';
const LOO = '#leave-one-out';
const solved = (page, sel) =>
  page.evaluate((s) => Object.fromEntries([...document.querySelectorAll(`${s} .try-this li`)].map((li) => [li.dataset.task, li.dataset.solved === 'true'])), sel);
/** Moves a log slider of the kernel-regression widget (0.01 … 10, 400 steps) to about `value`. */
async function setWidth(page, value) {
  const pos = Math.round((Math.log(value / 0.01) / Math.log(1000)) * 400);
  await page.evaluate(([s, p]) => {
    const input = document.querySelector(`${s} .control[data-control="kernel-width-h"] input`);
    input.value = String(p);
    input.dispatchEvent(new Event('input'));
  }, [KR, pos]);
  return Number(await page.textContent(`${KR} .control[data-control="kernel-width-h"] output`));
}
const predictions = (page) => page.getAttribute(`${KR} .prediction`, 'data-predictions');
const status = (page, sel) => page.textContent(`${sel} .own-data-status`);
async function paste(page, sel, text) {
  await page.evaluate((s) => { document.querySelector(`${s} .own-data`).open = true; }, sel);
  // Set as a paste would (fill() types into the page's layout, too slow for 200,001 rows).
  await page.evaluate(([s, t]) => { document.querySelector(`${s} .own-data textarea`).value = t; }, [sel, text]);
  await page.click(`${sel} .own-data button:text("Use this data")`);
}

test('kernel-regression: a scripted learner solves each task, and the page says so', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  assert.deepEqual(await solved(page, KR), { 'beat-loo': false, undefined: false, 'average-pooling': false });
  const d = lab.makeDataset({ target: 'classic', nTrain: 50, seed: 0 });
  const sel = lab.selectWidth({ x: d.xTrain, y: d.yTrain });
  const mse = (kernel, width) => lab.meanSquaredError({
    predictions: lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, kernel, width, returnWeights: false }).predictions, truth: d.yTest });
  const looErr = mse('gaussian', sel.width).mse;
  // The selection runs in a worker: wait for its answer.
  await page.waitForFunction((s) => /picks h\* =/.test(document.querySelector(`${s} [data-live="loo"]`).textContent), KR);
  assert.equal(await page.textContent(`${KR} [data-live="loo"]`),
    `Leave-one-out cross-validation on the training data picks h* = ${sel.width.toPrecision(3)}, whose error against the truth is ${looErr.toPrecision(3)}.`);

  // Hint and explanation open from the keyboard.
  await page.focus(`${KR} .try-this li[data-task="beat-loo"] summary >> nth=0`);
  await page.keyboard.press('Enter');
  assert.equal(await page.getAttribute(`${KR} .try-this li[data-task="beat-loo"] details >> nth=0`, 'open'), '');

  const w = await setWidth(page, 0.2);
  assert.ok(mse('gaussian', w).mse < looErr, 'the API agrees that this width beats h*');
  assert.equal((await solved(page, KR))['beat-loo'], true);
  assert.match(await page.textContent(`${KR} .try-this li[data-task="beat-loo"] .task-status`), /solved/);
  assert.match(await page.textContent(`${KR} .try-this [aria-live]`), /^Solved: With the Gaussian kernel, find a width/);

  await page.selectOption(`${KR} select`, 'boxcar');
  const narrow = await setWidth(page, 0.05);
  assert.ok(mse('boxcar', narrow).undefined > 0);
  assert.equal((await solved(page, KR)).undefined, true);
  assert.equal((await solved(page, KR))['average-pooling'], false);
  const wide = await setWidth(page, 10);
  assert.equal(mse('boxcar', wide).mse.toPrecision(3), mse('constant', 1).mse.toPrecision(3));
  assert.deepEqual(await solved(page, KR), { 'beat-loo': true, undefined: true, 'average-pooling': true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('leave-one-out, lenrek and more-data: the tasks are solved in the states that solve them, and not before', async () => {
  let { page, errors } = await openPage(env.browser, env.url);
  assert.deepEqual(await solved(page, LOO), { overfit: false, bottom: false, 'loss-up': false });
  assert.deepEqual(await solved(page, '#lenrek'), { outside: false, 'negative-w': false });
  assert.deepEqual(errors, []);
  await page.close();

  // Without leave-one-out, sum loss, lr 5, 500 epochs: the training loss falls below a fifth of its start.
  ({ page, errors } = await openPage(env.browser, `${env.url}?exercise=leave-one-out&leave-one-out.lr=5&leave-one-out.epochs=500&leave-one-out.epoch=500`));
  const d = lab.makeDataset({ target: 'classic', seed: 0 });
  const off = lab.train({ x: d.xTrain, y: d.yTrain, w0: 0.5, lr: 5, epochs: 500, leaveOneOut: false });
  assert.ok(off.loss[500] < off.loss[0] / 5);
  assert.equal((await solved(page, LOO)).overfit, true);
  await page.close();

  // 200 epochs of d2l's recipe: w creeps back to the bottom, and some steps went uphill on the way.
  ({ page } = await openPage(env.browser, `${env.url}?exercise=leave-one-out&leave-one-out.epochs=200&leave-one-out.epoch=200`));
  const on = lab.train({ x: d.xTrain, y: d.yTrain, w0: 0.5, lr: 0.5, epochs: 200 });
  const sel = lab.selectWidth({ x: d.xTrain, y: d.yTrain });
  const bottom = lab.lossLandscape({ x: d.xTrain, y: d.yTrain, ws: [1 / sel.width] }).loss[0];
  assert.equal(on.loss[200].toPrecision(3), bottom.toPrecision(3));
  // Its "uphill" steps near the bottom are rounding noise, invisible at the 3 digits the page
  // shows, so they do not count as the loss going up (checks compare what is shown).
  assert.ok(Array.from(on.loss).some((l, e) => e > 0 && l > on.loss[e - 1]));
  assert.ok(!Array.from(on.loss).some((l, e) => e > 0 && Number(l.toPrecision(3)) > Number(on.loss[e - 1].toPrecision(3))));
  // Without leave-one-out the same 200 epochs memorise too: the overfit task (a fifth of the
  // starting loss, as shown) is met by this state as well.
  const off200 = lab.train({ x: d.xTrain, y: d.yTrain, w0: 0.5, lr: 0.5, epochs: 200, leaveOneOut: false });
  const shown = (v) => Number(v.toPrecision(3));
  assert.ok(shown(off200.loss[200]) < shown(off200.loss[0]) / 5);
  assert.deepEqual(await solved(page, LOO), { overfit: true, bottom: true, 'loss-up': false });
  await page.close();

  ({ page } = await openPage(env.browser, `${env.url}?exercise=lenrek&lenrek.nq=5&lenrek.lr=0.02&lenrek.epochs=500&lenrek.epoch=500`));
  assert.deepEqual(await solved(page, '#lenrek'), { outside: true, 'negative-w': true });
  await page.close();

  ({ page, errors } = await openPage(env.browser, `${env.url}?exercise=more-data&more-data.n=1000&more-data.width=0.05`));
  await page.waitForSelector('#more-data[data-curves="done"]', { timeout: 240000 });
  const f = lab.consistency({ target: 'classic', nValues: [1000], seeds: 5, seed: 0, nTest: 50, rule: 'fixed', width: 0.05 });
  const s = lab.consistency({ target: 'classic', nValues: [1000], seeds: 5, seed: 0, nTest: 50, rule: 'shrinking', c: 1 });
  assert.ok(f.variance[0] > f.bias2[0] && s.mse[0] >= 0.01);
  assert.deepEqual(await solved(page, '#more-data'), { variance: true, 'w-blow-up': true, consistent: false });
  assert.deepEqual(errors, []);
  await page.close();
});

test('own data: malformed CSV gets a message naming the line, and the previous data stays', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=kernel-regression`);
  const before = await predictions(page);
  const cases = [
    ['', /Not loaded — The data is empty/],
    ['x,y\n1,2\n3\n', /Not loaded — Line 3: 1 column; expected 2 \(x, y\)/],
    ['x,y\n1,2\n3,four\n', /Line 3: y \(column 2\) is 'four', not a number/],
    ['1,2\nNaN,2\n', /Line 2: x \(column 1\) is 'NaN'; NaN and infinities are not data/],
    ['1,2\n2,3\n5e9,1\n', /Line 3: x is 5e\+09; the lab accepts finite numbers with \|x\| <= 1e9/],
    // More rows than the exercise recomputes at interactive speed (its stated limit): refused before parsing.
    [`x,y\n${'1,1\n'.repeat(200001)}`, /Not loaded — The data has 200,001 rows; this exercise recomputes at most [\d,]+ at interactive speed\. Use a sample/],
  ];
  for (const [text, message] of cases) {
    await paste(page, KR, text);
    assert.match(await status(page, KR), message);
    assert.match(await status(page, KR), /The previous data is still in use\.$/);
    assert.equal(await page.getAttribute(`${KR} .own-data-status`, 'data-state'), 'error');
    assert.equal(await predictions(page), before, 'the widget still shows the previous data');
  }
  // A huge file is refused before it is read.
  await page.setInputFiles(`${KR} .own-data input[type=file]`, { name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(17 * 1024 * 1024, '1,2\n') });
  await page.waitForFunction((s) => /huge\.csv is 17\.0 MB; at most 16\.0 MB/.test(document.querySelector(`${s} .own-data-status`).textContent), KR);
  assert.equal(await predictions(page), before);
  assert.match(await page.evaluate(() => location.href), /^(?!.*own=)/);
  await screenshot(page, 'shell-own-data-error-laptop');
  assert.deepEqual(errors, []);
  await page.close();
});

test('own data: a valid CSV drives kernel-regression, the URL records it, a link says it cannot carry it', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=kernel-regression`);
  await page.click(`${KR} .own-data summary`);
  const rows = [[3.1, 2.0], [0.2, 0.5], [1.4, 1.9], [2.2, 2.6], [4.7, 1.1], [0.9, 1.2]];
  await page.setInputFiles(`${KR} .own-data input[type=file]`, { name: 'mine.csv', mimeType: 'text/csv', buffer: Buffer.from(`x,y\n${rows.map((r) => r.join(',')).join('\n')}\n`) });
  await page.waitForFunction((s) => /Using your data: 6 rows from mine\.csv/.test(document.querySelector(`${s} .own-data-status`).textContent), KR);
  // The plot's prediction is the API's on the sorted own data at the query grid.
  const sorted = [...rows].sort((a, b) => a[0] - b[0]);
  const x = sorted.map((r) => r[0]);
  const y = sorted.map((r) => r[1]);
  const grid = Array.from({ length: 200 }, (_, i) => 0.2 + (4.5 * i) / 199);
  const a = lab.attend({ queries: grid, keys: x, values: y, width: 0.5, returnWeights: false });
  assert.equal(await predictions(page), Array.from(a.predictions, (v) => v.toPrecision(6)).join(','));
  const cv = lab.looCurve({ x, y, widths: [0.5] });
  assert.match(await page.textContent(`${KR} [data-live="summary"]`), new RegExp(`no noise-free truth.*leave-one-out error of this width on your 6 points is ${cv.mse[0].toPrecision(3)}`));
  assert.equal(await page.isVisible(`${KR} .own-data-note`), true);
  const url = await page.evaluate(() => location.href);
  assert.match(url, /kernel-regression\.own=true/);

  // The code shown for own data has the data literally and no truth.
  await page.click(`${KR} .show-code summary`);
  await page.waitForFunction((s) => document.querySelector(`${s} .show-code code`).textContent !== '', KR);
  const code = await page.textContent(`${KR} .show-code code`);
  assert.equal(code, generateCode('kernel-regression', { xTrain: x, yTrain: y, xTest: Float64Array.from(grid), yTest: null, kernel: 'gaussian', width: 0.5, own: true }));

  // The link opens with the generated data and says why.
  const { page: again } = await openPage(env.browser, url);
  assert.match(await status(again, KR), /a link cannot carry/);
  assert.equal(await again.getAttribute(`${KR} .own-data`, 'open'), '');
  await again.close();

  await page.click(`${KR} .own-data button:text("Back to generated data")`);
  assert.doesNotMatch(await page.evaluate(() => location.href), /own=/);
  assert.match(await page.textContent(`${KR} [data-live="summary"]`), /mean squared error against the noise-free truth is 0\.197/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('own data in leave-one-out: w is trained on it as the API does; too many rows for n² training are refused', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=leave-one-out&leave-one-out.epoch=5`);
  const x = [0.3, 0.8, 1.1, 1.9, 2.4, 3.0, 3.3, 4.1, 4.6];
  const y = [0.9, 1.8, 2.5, 3.1, 3.0, 2.2, 1.9, 1.5, 1.7];
  await paste(page, LOO, x.map((v, i) => `${v} ${y[i]}`).join('\n'));
  assert.match(await status(page, LOO), /Using your data: 9 rows/);
  await page.click(`${LOO} button:text("Play")`);
  await page.waitForFunction((s) => document.querySelector(`${s} [data-live="epoch"]`).textContent === '5', LOO);
  const t = lab.train({ x, y, w0: 0.5 });
  const plotted = (await page.getAttribute(`${LOO} [data-plot="w"] path[data-series="on"]`, 'data-y')).split(',').map(Number);
  plotted.forEach((v, e) => assert.ok(Math.abs(v - t.w[e]) <= 1e-6 * Math.abs(t.w[e]), `w at epoch ${e}: ${v} vs ${t.w[e]}`));
  assert.equal(await page.textContent(`${LOO} [data-live="error-on"]`), 'undefined'); // no truth
  await page.fill(`${LOO} .own-data textarea`, '1,1\n'.repeat(2001));
  await page.click(`${LOO} .own-data button:text("Use this data")`);
  assert.match(await status(page, LOO), /The data has 2,001 rows; this exercise recomputes at most [\d,]+ at interactive speed\. .* The previous data is still in use\./);
  assert.deepEqual(errors, []);
  await page.close();
});

test('show the code: leave-one-out shows exactly what the generator writes for this state', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=leave-one-out&leave-one-out.reduction=mean&leave-one-out.epoch=3&leave-one-out.lr=0.3`);
  await page.focus(`${LOO} .show-code summary`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((s) => document.querySelector(`${s} .show-code code`).textContent !== '', LOO);
  const code = await page.textContent(`${LOO} .show-code code`);
  const d = lab.makeDataset({ target: 'classic', seed: 0 });
  assert.equal(code, generateCode('leave-one-out', { ...d, w0: 0.5, lr: 0.3, epochs: 5, reduction: 'mean', epoch: 3 }));
  assert.match(code, /x_train = torch\.tensor\(\[/);
  // It follows the state.
  await page.click(`${LOO} button:text("Step")`);
  assert.match(await page.textContent(`${LOO} .show-code code`), /epoch = 4 {2}# the epoch the page shows/);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click(`${LOO} .show-code button:text("Copy code")`);
  await page.waitForFunction((s) => document.querySelector(`${s} .show-code .copy-status`).textContent === 'Copied.', LOO);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.textContent(`${LOO} .show-code code`));
  assert.deepEqual(errors, []);
  await page.close();
});

test('export: PNG per figure (SVG and canvas layers) and CSV of data, predictions and weights', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=kernel-regression`);
  const save = async (selector) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    return { name: download.suggestedFilename(), bytes: await readFile(await download.path()) };
  };
  const png = await save(`${KR} [data-export="png:heatmap"]`);
  assert.equal(png.name, 'kernel-regression-heatmap.png');
  assert.deepEqual([...png.bytes.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10]);
  // The canvas layer made it in: the heatmap's diagonal is red, the axes' text dark.
  const pixels = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const c = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = c.getContext('2d');
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let red = 0;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] > 150 && data[i + 1] < 80 && data[i + 2] < 80) red++;
      if (data[i] < 60 && data[i + 1] < 60 && data[i + 2] < 60) dark++;
    }
    return { width: bitmap.width, red, dark };
  }, png.bytes.toString('base64'));
  assert.ok(pixels.width > 600, `drawn at twice the CSS size: ${pixels.width}`);
  assert.ok(pixels.red > 1000, `heatmap cells: ${pixels.red}`);
  assert.ok(pixels.dark > 100, `axis text and ticks: ${pixels.dark}`);
  const reg = await save(`${KR} [data-export="png:regression"]`);
  assert.equal(reg.name, 'kernel-regression-regression.png');
  assert.ok(reg.bytes.length > 5000);

  const d = lab.makeDataset({ target: 'classic', nTrain: 50, seed: 0 });
  const csv = async (file) => (await save(`${KR} [data-export="csv:${file}"]`)).bytes.toString('utf8').trim().split('\n');
  const data = await csv('kernel-regression-data.csv');
  assert.equal(data[0], '"x","y"');
  assert.deepEqual(data.slice(1), Array.from(d.xTrain, (x, i) => `${x},${d.yTrain[i]}`));
  const a = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: 0.5 });
  // The page's predictions come from attentionImage (same pooling, summed in another order).
  const image = lab.attentionImage({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: 0.5, rows: 50, cols: 50 });
  const pred = await csv('kernel-regression-predictions.csv');
  assert.deepEqual(pred.slice(1), Array.from(d.xTest, (x, i) => `${x},${d.yTest[i]},${image.predictions[i]}`));
  const weights = await csv('kernel-regression-weights.csv');
  assert.equal(weights.length, 1 + d.xTest.length);
  assert.deepEqual(weights[7].split(',').map(Number), [d.xTest[6], ...a.weights.subarray(6 * 50, 7 * 50)]);
  await page.close();

  // The trained weights of leave-one-out, per epoch.
  const { page: loo } = await openPage(env.browser, `${env.url}?exercise=leave-one-out`);
  const [download] = await Promise.all([loo.waitForEvent('download'), loo.click(`${LOO} [data-export="csv:leave-one-out-w.csv"]`)]);
  const rows = (await readFile(await download.path(), 'utf8')).trim().split('\n').slice(1).map((r) => r.split(',').map(Number));
  const t = lab.train({ x: d.xTrain, y: d.yTrain, w0: 0.5 });
  const u = lab.train({ x: d.xTrain, y: d.yTrain, w0: 0.5, leaveOneOut: false });
  assert.deepEqual(rows, Array.from(t.w, (w, e) => [e, w, t.loss[e], u.w[e], u.loss[e]]));
  assert.deepEqual(errors, []);
  await loo.close();
});

test('screenshots with the shell open, laptop and phone; no horizontal overflow at 360 px', async () => {
  for (const [width, name] of [[1440, 'laptop'], [360, 'phone']]) {
    const { page, errors } = await openPage(env.browser, `${env.url}?exercise=leave-one-out&leave-one-out.epochs=200&leave-one-out.epoch=200`, { width, height: 900 });
    await page.evaluate(() => { for (const d of document.querySelectorAll('.own-data, .show-code, .try-this details')) d.open = true; });
    await page.fill(`${LOO} .own-data textarea`, 'x,y\n1,2\n3,abc');
    await page.click(`${LOO} .own-data button:text("Use this data")`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${width}`);
    await screenshot(page, `shell-leave-one-out-${name}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('Copy link in every exercise: copies the link where the clipboard is allowed, and shows it where not', async () => {
  const ids = JSON.parse(await readFile(new URL('../../web/exercises/index.json', import.meta.url), 'utf8'));
  const click = async (page, id) => {
    const button = page.locator(`#${id} [data-action="copy-link"]`);
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const status = button.locator('xpath=..').locator('.link-status');
    await page.waitForFunction((el) => el.textContent !== '', await status.elementHandle());
    const link = await button.getAttribute('data-link');
    const shown = await status.textContent();
    return { link, shown };
  };
  // Refused: the status shows the link (a sandboxed iframe or an insecure origin has no clipboard).
  {
    const { page, errors } = await openPage(env.browser, env.url);
    await page.evaluate(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
    for (const id of ids) {
      const { link, shown } = await click(page, id);
      assert.equal(new URL(link).origin, new URL(env.url).origin, id);
      assert.equal(shown, `Copy this link: ${link}`, id);
      assert.equal(await page.locator(`#${id} .link-status a`).getAttribute('href'), link, id);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
  // Allowed: the clipboard holds the link.
  {
    const context = await env.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(`${env.url}?exercise=lenrek`);
    await page.waitForSelector('#lab-status[data-state="ready"]');
    await page.locator('#lenrek').getByLabel('Offset c', { exact: true }).focus();
    await page.keyboard.press('End');
    const { link, shown } = await click(page, 'lenrek');
    assert.equal(shown, 'Link copied.');
    assert.match(link, /lenrek\.offset=5/);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
    await context.close();
  }
});
