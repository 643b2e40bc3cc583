// The Lenrek exercise: the inverse kernel's heatmap and fit, its two normalisations, the flat
// landscape of w as posted and training with an offset. Everything is read from the DOM (live
// spans' data-value, plotted data attributes), and prose numbers are checked against the API.
// Controls and buttons are found by their names and data-actions (the same in every language);
// the hint test and a prose sweep also run on the Chinese page, their sentences compared with
// the catalog's (web/i18n.js t(…, 'zh')).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { t } from '../../web/i18n.js';
import { dragSlider, linkedState, offloaded, openPage, pageUrl, screenshot, sectionHelpers, useBrowser, withHintSeed, withoutLanguage } from './browser.mjs';
import { player, pressOn, shownValue, solved } from './training.mjs';

const env = useBrowser();
const lab = await createLab();

const S = '#lenrek';
const { value, text, controlNamed: control } = sectionHelpers(S);
/** Presses `key` `times` times on the control named `name`. */
const press = async (page, name, key, times = 1) => {
  await control(page, name).focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
};
/** A button of the training player by its data-action (play is also pause). */
const playerButton = (page, action) => page.locator(`${S} .training-player button[data-action="${action}"]`);
/** A button of the exercise by its name (data-control). */
const named = (page, name, within = '') => page.locator(`${S} ${within} button[data-control="${name}"]`);
const predictions = (page) => page.getAttribute(`${S} [data-plot="lenrek-fit"] .prediction`, 'data-predictions');
const heatmapPixels = (page) => page.$eval(`${S} [data-plot="lenrek-heatmap"] canvas`, (c) => c.toDataURL());

test('the Lenrek exercise loads with no console error, at laptop and phone widths', async () => {
  for (const [width, height, name] of [[1440, 900, 'lenrek-laptop'], [360, 740, 'lenrek-phone']]) {
    const { page, errors } = await openPage(env.browser, env.url, { width, height });
    assert.equal((await predictions(page)).split(',').length, 50);
    assert.ok(await page.$(`${S} [data-plot="lenrek-fit"] path[data-series="gaussian"]`), 'the Gaussian comparison curve');
    assert.ok(await page.$(`${S} [data-plot="lenrek-landscape"] path[data-series="flat"]`));
    assert.ok(await page.$(`${S} .katex`), 'KaTeX rendered the math');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${width}px`);
    await page.locator(S).scrollIntoViewIfNeeded();
    await screenshot(page, name);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the heatmap pushes attention away from the nearest key', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  // The page draws the API's weights; check the API's rows are smallest at the nearest key.
  const d = lab.makeDataset({ target: 'classic', seed: 0, nTest: 50 });
  const a = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, kernel: 'lenrek' });
  const nk = d.xTrain.length;
  const i = 25;
  const row = Array.from(a.weights.subarray(i * nk, (i + 1) * nk));
  const dist = Array.from(d.xTrain, (k) => Math.abs(k - d.xTest[i]));
  assert.equal(row.indexOf(Math.min(...row)), dist.indexOf(Math.min(...dist)));
  assert.equal(row.indexOf(Math.max(...row)), dist.indexOf(Math.max(...dist)));
  assert.equal(await predictions(page), Array.from(a.predictions, (v) => v.toPrecision(6)).join(','));
  assert.deepEqual(errors, []);
  await page.close();
});

test('switching the normalisation changes the predictions and the heatmap', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const before = { pred: await predictions(page), heat: await heatmapPixels(page) };
  await control(page, 'normalise-the-weights').selectOption('queries');
  const after = { pred: await predictions(page), heat: await heatmapPixels(page) };
  assert.notEqual(after.pred, before.pred);
  assert.notEqual(after.heat, before.heat);
  assert.match(page.url(), /lenrek\.normalize=queries/);
  assert.equal(await text(page, 'norm-shown'), t('lenrek.normShown', { norm: 'queries' }));
  assert.deepEqual(errors, []);
  await page.close();
});

test('adding queries changes the queries-normalised prediction at x*, not the keys-normalised one', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const before = { keys: await value(page, 'star-keys'), queries: await value(page, 'star-queries'), nq: await value(page, 'nq') };
  await press(page, 'test-queries-nq', 'ArrowRight', 30);
  const after = { keys: await value(page, 'star-keys'), queries: await value(page, 'star-queries'), nq: await value(page, 'nq') };
  assert.ok(after.nq > before.nq, 'more queries');
  assert.equal((await predictions(page)).split(',').length, after.nq);
  assert.equal(after.keys, before.keys);
  assert.notEqual(after.queries, before.queries);
  // Asked alone, x* gets every key's whole weight: the sum of the training values, outside their range.
  const alone = await value(page, 'star-alone');
  assert.ok(alone > (await value(page, 'y-max')));
  // The watched query moves the keys-normalised prediction.
  await press(page, 'watched-query-x', 'ArrowLeft', 5);
  assert.notEqual(await value(page, 'star-keys'), after.keys);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the Gaussian width changes the comparison curve; the training controls retrain', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const gauss = () => page.getAttribute(`${S} [data-plot="lenrek-fit"] path[data-series="gaussian"]`, 'd');
  const g0 = await gauss();
  const mse0 = await value(page, 'mse-gauss');
  await press(page, 'gaussian-width-h-for-comparison', 'ArrowRight', 20);
  assert.notEqual(await gauss(), g0);
  assert.notEqual(await value(page, 'mse-gauss'), mse0);

  const landscape = () => page.getAttribute(`${S} [data-plot="lenrek-landscape"] path[data-series="fixed"]`, 'd');
  const l0 = await landscape();
  await press(page, 'offset-c', 'ArrowRight', 10);
  assert.notEqual(await landscape(), l0, 'the offset changes L(w)');
  assert.equal(await value(page, 'offset'), 1.5);

  const end0 = await value(page, 'w-fixed-end');
  await press(page, 'learning-rate', 'ArrowLeft', 20);
  assert.notEqual(await value(page, 'w-fixed-end'), end0, 'the learning rate changes where w ends');

  await press(page, 'initial-w0', 'ArrowRight', 4);
  assert.equal(await value(page, 'w0'), 2.2);
  assert.equal(await value(page, 'w-fixed'), 2.2, 'epoch 0 shows w₀');

  const epochs0 = await value(page, 'epochs');
  await press(page, 'epochs', 'ArrowRight', 20);
  assert.ok((await value(page, 'epochs')) > epochs0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('step and play advance the epoch and, with an offset, w; as posted w stays put', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const w0 = await value(page, 'w0');
  assert.equal(await value(page, 'epoch'), 0);
  await playerButton(page, 'step').click();
  assert.equal(await value(page, 'epoch'), 1);
  assert.ok(Math.abs((await value(page, 'w-fixed')) - w0) > 1e-3, 'with offset c > 0, w moves');
  assert.ok(Math.abs((await value(page, 'w-flat')) - w0) < 1e-9, 'as posted, w stays put');
  assert.ok(Math.abs(await value(page, 'grad-flat')) < 1e-9, 'the flat gradient is 0 up to rounding');
  assert.ok(Math.abs(await value(page, 'grad-fixed')) > 1, 'with an offset there is a slope');

  await playerButton(page, 'play').click();
  await page.waitForFunction((s) => Number(document.querySelector(`${s} [data-live="epoch"]`).dataset.value) >= 4, S);
  await playerButton(page, 'play').click(); // Pause
  const paused = await value(page, 'epoch');
  await page.waitForTimeout(400);
  assert.equal(await value(page, 'epoch'), paused, 'pause stops');
  assert.ok(Math.abs((await value(page, 'w-flat')) - w0) < 1e-9);
  assert.notEqual(await value(page, 'w-fixed'), w0);

  await playerButton(page, 'reset-training').click();
  assert.equal(await value(page, 'epoch'), 0);
  assert.equal(await value(page, 'w-fixed'), w0);

  // Offset 0: both runs are the posted kernel and neither moves.
  await press(page, 'offset-c', 'Home');
  assert.equal(await value(page, 'offset'), 0);
  for (let i = 0; i < 3; i++) await playerButton(page, 'step').click();
  assert.equal(await value(page, 'epoch'), 3);
  assert.ok(Math.abs((await value(page, 'w-fixed')) - w0) < 1e-9, 'with offset 0, w stays put');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a copied link reopens the same state; Reset returns to the defaults', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  await control(page, 'normalise-the-weights').selectOption('queries');
  await press(page, 'test-queries-nq', 'ArrowLeft', 40);
  await press(page, 'offset-c', 'ArrowRight', 7);
  await named(page, 'new-data').click();
  await playerButton(page, 'step').click();
  await playerButton(page, 'step').click();
  await named(page, 'copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(withoutLanguage(link), page.url());
  assert.match(link, /lenrek\.seed=1/);
  const names = ['nq', 'star-keys', 'star-queries', 'offset', 'epoch', 'w-fixed', 'w-flat', 'grad-fixed', 'mse-lenrek'];
  const snapshot = async (p) => ({
    pred: await predictions(p),
    outputs: await p.$$eval(`${S} .control output`, (os) => os.map((o) => o.textContent)),
    norm: await p.inputValue(`${S} select`),
    live: Object.fromEntries(await Promise.all(names.map(async (n) => [n, await value(p, n)]))),
  });
  const original = await snapshot(page);
  const reopened = await openPage(env.browser, link);
  assert.deepEqual(await snapshot(reopened.page), original);
  assert.deepEqual(reopened.errors, []);
  await reopened.page.close();

  await named(page, 'reset', '[data-controls="pooling"]').click();
  assert.doesNotMatch(page.url(), /lenrek\./);
  assert.equal(await page.inputValue(`${S} select`), 'keys');
  assert.equal(await value(page, 'nq'), 50);
  assert.deepEqual(errors, []);
  await page.close();
});

test('numbers in the prose equal the API for that state', async () => {
  const state = { seed: 3, nq: 80, xstar: 1.2, offset: 0.5, w0: 1.5, lr: 0.05, epochs: 12 };
  const query = Object.entries(state).map(([k, v]) => `lenrek.${k}=${v}`).join('&');
  const { page, errors } = await openPage(env.browser, `${env.url}?${query}`);
  const d = lab.makeDataset({ target: 'classic', seed: state.seed, nTest: state.nq });
  const pool = (queries, normalize) =>
    lab.attend({ queries, keys: d.xTrain, values: d.yTrain, kernel: 'lenrek', normalize, returnWeights: false }).predictions;
  const withStar = [state.xstar, ...d.xTest];
  const starQueries = pool(withStar, 'queries')[0];
  assert.equal(await value(page, 'star-queries'), starQueries);
  assert.equal(await text(page, 'star-queries'), starQueries.toPrecision(4));
  assert.equal(await value(page, 'star-keys'), pool(withStar, 'keys')[0]);
  const alone = pool([state.xstar], 'queries')[0];
  assert.equal(await text(page, 'star-alone'), alone.toPrecision(4));

  const model = { x: d.xTrain, y: d.yTrain, kernel: 'lenrek', w0: state.w0, lr: state.lr, epochs: state.epochs };
  const fixed = lab.train({ ...model, offset: state.offset });
  const flat = lab.train({ ...model, offset: 0, normalize: 'queries' });
  assert.equal(await text(page, 'w-fixed-end'), fixed.w[state.epochs].toPrecision(4));
  assert.equal(await value(page, 'w-fixed-end'), fixed.w[state.epochs]);
  assert.equal(await value(page, 'grad-fixed-start'), fixed.grad[0]);
  assert.equal(await value(page, 'w-flat-end'), flat.w[state.epochs]);
  assert.equal(await value(page, 'grad-flat'), flat.grad[0]);
  const L = lab.lossLandscape({ x: d.xTrain, y: d.yTrain, kernel: 'lenrek', offset: 0, normalize: 'queries', ws: [state.w0, 10 * state.w0] });
  assert.equal(await value(page, 'loss-at-w0'), L.loss[0]);
  assert.equal(await value(page, 'loss-at-10w0'), L.loss[1]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('own data far from [0, 5]: the watched query x* ranges over the data\'s inputs', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=lenrek`);
  const x = [101, 123, 147, 171, 199];
  const y = [1, 2, 1.5, 2.2, 3];
  await page.evaluate((s) => { document.querySelector(`${s} .own-data`).open = true; }, S);
  await page.fill(`${S} .own-data textarea`, `x,y\n${x.map((v, i) => `${v},${y[i]}`).join('\n')}\n`);
  await page.click(`${S} .own-data button:text("Use this data")`);
  const alone = (q) => lab.attend({ queries: [q], keys: x, values: y, kernel: 'lenrek', normalize: 'queries', returnWeights: false }).predictions[0];
  // At a key the Lenrek weight is 0/0: the prediction there is shown as undefined.
  const shown = (v) => (Number.isFinite(v) ? v.toPrecision(4) : 'undefined');
  // x* = 2.5 lies outside the data: it moves to the middle of the inputs.
  assert.equal(await value(page, 'xstar'), 150);
  assert.equal(await text(page, 'star-alone'), shown(alone(150)));
  for (const [key, at] of [['End', 199], ['Home', 101]]) {
    await press(page, 'watched-query-x', key);
    assert.equal(await value(page, 'xstar'), at);
    assert.equal(await text(page, 'star-alone'), shown(alone(at)));
  }
  await press(page, 'watched-query-x', 'ArrowRight', 5); // 5 of 50 steps over [101, 199]
  assert.ok(Math.abs((await value(page, 'xstar')) - 110.8) < 1e-9);
  assert.equal(await text(page, 'star-alone'), shown(alone(await value(page, 'xstar'))));
  assert.deepEqual(errors, []);
  await page.close();
});

test('own data: a malformed CSV keeps the previous data; a good one trains on it (errors undefined); the code panel shows it', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const before = await predictions(page);
  await page.evaluate((s) => { document.querySelector(`${s} .own-data`).open = true; }, S);
  await page.fill(`${S} .own-data textarea`, 'x,y\n0.5,1\n1.5,abc\n2,3\n');
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.match(await page.textContent(`${S} .own-data-status`), /Line 3.*previous data is still in use/);
  assert.equal(await predictions(page), before, 'the previous data stays');
  const x = [0.5, 1.5, 2.5, 3, 4, 4.5];
  const y = [1, 2, 1.5, 2.2, 3, 2.5];
  await page.fill(`${S} .own-data textarea`, `x,y\n${x.map((v, i) => `${v},${y[i]}`).join('\n')}\n`);
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.equal(await text(page, 'mse-lenrek'), 'undefined');
  assert.equal(await text(page, 'mse-gauss'), 'undefined');
  assert.match(await text(page, 'truth-note'), /no noise-free truth/);
  assert.equal((await predictions(page)).split(',').length, 50);
  const r = lab.train({ x, y, kernel: 'lenrek', placement: 'before-square', offset: 1, w0: 2, lr: 0.02, epochs: 30 });
  assert.equal(await value(page, 'w-fixed-end'), r.w[30]);
  assert.match(await page.evaluate(() => location.href), /lenrek\.own=true/);
  await page.click(`${S} .show-code summary`);
  await page.waitForFunction((s) => /import torch/.test(document.querySelector(`${s} .show-code code`).textContent), S);
  const code = await page.textContent(`${S} .show-code code`);
  assert.match(code, /Your own data/);
  assert.match(code, /0\.5, 1\.5, 2\.5, 3, 4, 4\.5/);
  assert.match(code, /normalize = 'keys'/);
  assert.doesNotMatch(code, /y_truth/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a mouse drag trains in the worker; after the release the page shows the runs and landscapes of the final settings', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=lenrek&lenrek.epochs=500`);
  await dragSlider(page, control(page, 'offset-c'), [0.1, 0.8, 0.3, 0.45]);
  await dragSlider(page, control(page, 'epochs'), [0.97, 0.8, 0.9, 0.85]);
  assert.ok(await offloaded(page, S) > 0, 'no result came from the worker');
  const { offset, epochs } = await linkedState(page, 'lenrek', { offset: 1, epochs: 30 });
  assert.ok(offset !== 1 && epochs < 500, `the drags changed nothing: offset ${offset}, epochs ${epochs}`);
  const d = lab.makeDataset({ target: 'classic', seed: 0 });
  const model = (c, normalize = 'keys') => ({ x: d.xTrain, y: d.yTrain, kernel: 'lenrek', offset: c, normalize });
  const plotted = async (plot, id, axis = 'y') =>
    (await page.getAttribute(`${S} [data-plot="${plot}"] path[data-series="${id}"]`, `data-${axis}`)).split(',').map(Number);
  for (const [id, c, normalize] of [['fixed', offset, 'keys'], ['flat', 0, 'queries']]) {
    const run = lab.train({ ...model(c, normalize), w0: 2, lr: 0.02, epochs });
    assert.equal(await value(page, `w-${id}-end`), run.w[epochs]);
    assert.equal(await value(page, `loss-${id}`), run.loss[0]);
    const ws = await plotted('lenrek-landscape', id, 'x');
    assert.deepEqual(await plotted('lenrek-landscape', id), Array.from(lab.lossLandscape({ ...model(c, normalize), ws }).loss));
  }
  assert.equal(await value(page, 'offset'), offset);
  assert.equal(await value(page, 'loss-at-zero'), lab.lossLandscape({ ...model(offset), ws: [0] }).loss[0]);
  assert.deepEqual(errors, []);
  await page.close();
});

const P = player(S);

test('the watched query x* is marked on the fit, and its slider moves the mark and its two predictions', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=lenrek`);
  const mark = async () => ({
    x: Number(await page.getAttribute(`${S} [data-plot="lenrek-fit"] g.star-mark`, 'data-x')),
    keys: Number(await page.getAttribute(`${S} [data-plot="lenrek-fit"] circle[data-marker="x* over keys"]`, 'data-value')),
    queries: Number(await page.getAttribute(`${S} [data-plot="lenrek-fit"] circle[data-marker="x* over queries"]`, 'data-value')),
    cx: Number(await page.getAttribute(`${S} [data-plot="lenrek-fit"] circle[data-marker="x* over keys"]`, 'cx')),
  });
  const before = await mark();
  assert.equal(before.x, 2.5);
  assert.equal(before.keys, await value(page, 'star-keys'));
  assert.equal(before.queries, await value(page, 'star-queries'));
  await pressOn(page, S, 'watched-query-x', 'ArrowRight');
  const after = await mark();
  assert.equal(after.x, Number(await shownValue(page, S, 'watched-query-x')));
  assert.ok(after.cx > before.cx, 'the mark moved right');
  assert.equal(after.keys, await value(page, 'star-keys'));
  assert.notEqual(after.keys, before.keys);
  assert.deepEqual(errors, []);
  await page.close();
});

test('each legend draws its line as the plot draws the curve', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=lenrek`);
  const dash = (sel) => page.$eval(sel, (el) => el.getAttribute('stroke-dasharray'));
  const legend = (key) => `line[data-legend="${t(key)}"]`;
  assert.equal(await dash(`${S} [data-plot="lenrek-fit"] ${legend('lenrek.legendGaussian')}`), await dash(`${S} [data-plot="lenrek-fit"] path[data-series="gaussian"]`));
  assert.equal(await dash(`${S} [data-plot="lenrek-fit"] path[data-series="gaussian"]`), '2 3');
  assert.equal(await dash(`${S} [data-plot="lenrek-trained"] ${legend('lenrek.legendAsPosted')}`), await dash(`${S} [data-plot="lenrek-trained"] path[data-series="flat"]`));
  assert.deepEqual(errors, []);
  await page.close();
});

for (const lang of ['en', 'zh']) {
  test(`every hint, followed literally, solves its task at the epoch shown (${lang})`, async () => {
    // 1: over queries, few queries: the watched query's prediction leaves the range of y.
    const { page, errors } = await openPage(env.browser, withHintSeed(`${env.url}?exercise=lenrek`, 'lenrek'), { lang });
    await control(page, 'normalise-the-weights').selectOption('queries');
    assert.equal(await solved(page, S, 'outside'), false);
    await pressOn(page, S, 'test-queries-nq', 'Home');
    assert.equal(await solved(page, S, 'outside'), true);
    const star = await value(page, 'star-queries');
    assert.ok(star > await value(page, 'y-max') || star < await value(page, 'y-min'), `shown: ${star}`);
    // One query: the readout agrees in number ("the 1 test query").
    assert.equal(await text(page, 'with-queries'), t('lenrek.withQueries', { nq: '1', count: 1 }, lang));

    // 2: "Raise the learning rate to its maximum and press Step, watching w, until it is negative"
    // (on seed 0 the second step crosses; where w is at the last epoch depends on the data). The
    // hint names the button as the player shows it.
    const hint = await page.textContent(`${S} [data-task="negative-w"] details:nth-of-type(1) p`);
    assert.ok(hint.includes(`“${(await playerButton(page, 'step').textContent()).trim()}”`), hint);
    await pressOn(page, S, 'learning-rate', 'End');
    assert.equal(await shownValue(page, S, 'learning-rate'), '1.00');
    assert.equal(await solved(page, S, 'negative-w'), false, 'not at epoch 0');
    const epochs = await value(page, 'epochs');
    while ((await value(page, 'w-fixed')) >= 0) {
      assert.equal(await solved(page, S, 'negative-w'), false, `w = ${await value(page, 'w-fixed')} at epoch ${await value(page, 'epoch')}`);
      assert.ok((await value(page, 'epoch')) < epochs, 'w stays positive to the last epoch');
      await P.step(page);
    }
    assert.equal(await solved(page, S, 'negative-w'), true);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

// The whole sweep in English; in Chinese one state per word seen (falls, stays), for time.
const SWEEP = {
  en: ['', 'lenrek.lr=1', 'lenrek.lr=0.001&lenrek.epochs=1', 'lenrek.offset=0', 'lenrek.offset=5&lenrek.lr=0.5&lenrek.epochs=500', 'lenrek.w0=0.1&lenrek.lr=0.2'],
  zh: ['', 'lenrek.offset=0'],
};
for (const lang of ['en', 'zh']) {
  test(`prose sweep: the offset paragraph says falls / rises / stays as its two shown losses say (${lang})`, async () => {
    const { page, errors } = await openPage(env.browser, `${env.url}?exercise=lenrek`, { lang });
    const seen = new Set();
    for (const q of SWEEP[lang]) {
      await page.goto(pageUrl(`${env.url}?exercise=lenrek&${q}`, lang));
      await page.waitForSelector('#lab-status[data-state="ready"]');
      const sentence = await text(page, 'loss-fixed-change');
      const st = await linkedState(page, 'lenrek', { offset: 1, w0: 2, lr: 0.02, epochs: 30 });
      const d = lab.makeDataset({ target: 'classic', seed: 0 });
      const run = lab.train({ x: d.xTrain, y: d.yTrain, kernel: 'lenrek', offset: st.offset, w0: st.w0, lr: st.lr, epochs: st.epochs });
      const [from, to] = [run.loss[0].toPrecision(4), run.loss[st.epochs].toPrecision(4)];
      // The numbers also agree with the readout at the first and the last epoch.
      assert.equal(await text(page, 'loss-fixed'), from);
      await P.toEnd(page);
      assert.equal(await text(page, 'loss-fixed'), to);
      await P.reset(page);
      const change = Number(to) < Number(from) ? 'falls' : Number(to) > Number(from) ? 'rises' : 'stays';
      seen.add(change);
      assert.equal(sentence, t('lenrek.lossChange', { change, from, to }, lang), q);
      // The epochs in the same sentence agree in number with their count.
      assert.equal(await text(page, 'in-epochs'), t('lenrek.inEpochs', { epochs: String(st.epochs), count: st.epochs }, lang), q);
      if (lang === 'en') assert.match(await P.status(page), /^Epoch 0 of \d+: the start/, 'every state opens at epoch 0');
      else assert.equal(await value(page, 'epoch'), 0, 'every state opens at epoch 0');
    }
    assert.ok(seen.size >= 2, `the sweep meets both words: ${[...seen]}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
