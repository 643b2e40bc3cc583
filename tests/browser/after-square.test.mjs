// The "w after the square" exercise: the two landscapes, training side by side, the evidence table
// over five data sets and the flipped attention of a negative w. Read from the DOM (live spans'
// data-value, plotted data attributes) and checked against the API computed here in node. Controls
// are found by name (data-control) and buttons by data-action, the same in every language; the
// hints and one prose pass also run on the Chinese page, its sentences compared with the catalog.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { t } from '../../web/i18n.js';
import { dataSeed, dragSlider, linkedState, offloaded, openPage, screenshot, sectionHelpers, useBrowser, withHintSeed, withoutLanguage } from './browser.mjs';
import { arrowTo, hintNamesControls, player, pressOn, shownValue } from './training.mjs';

const env = useBrowser();
const lab = await createLab();

const S = '#after-square';
const { value, text, seriesPath: path, controlNamed: control } = sectionHelpers(S);
/** Presses `key` `times` times on the control named `name`. */
const press = async (page, name, key, times = 1) => {
  await control(page, name).focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
};
/** A button of S by its data-action. */
const btn = (page, action) => page.locator(`${S} button[data-action="${action}"]`);
const P = player(S);
const only = (query = '', lang = 'en') => `${env.url}?${lang === 'en' ? '' : `lang=${lang}&`}exercise=after-square${query ? `&${query}` : ''}`;
const heatmapPixels = (page) => page.$eval(`${S} [data-plot="as-heatmap"] canvas`, (c) => c.toDataURL());
const tableText = (page) => page.$eval(`${S} [data-table="evidence"] tbody`, (t) => t.textContent);

test('after-square loads clean at laptop and phone widths', async () => {
  for (const [width, height, name] of [[1440, 900, 'after-square-laptop'], [360, 740, 'after-square-phone']]) {
    const { page, errors } = await openPage(env.browser, only(), { width, height });
    assert.ok(await page.$(`${S} [data-plot="as-landscape"] path[data-series="before"]`));
    assert.ok(await page.$(`${S} .katex`), 'KaTeX rendered');
    assert.equal(await page.$$eval(`${S} [data-table="evidence"] tbody tr`, (r) => r.length), 5);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${width}px`);
    await screenshot(page, name);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('numbers in the prose equal the API for a linked state', async () => {
  const st = { seed: 2, w0: 1.5, lr: 0.1, epochs: 20, optimizer: 'adam', loo: false, epoch: 7, wshow: -0.5 };
  const q = Object.entries(st).map(([k, v]) => `after-square.${k}=${v}`).join('&');
  const { page, errors } = await openPage(env.browser, only(q));
  const d = lab.makeDataset({ target: 'classic', seed: st.seed });
  const common = { x: d.xTrain, y: d.yTrain, leaveOneOut: st.loo, lr: st.lr, epochs: st.epochs, optimizer: st.optimizer };
  const rb = lab.train({ ...common, placement: 'before-square', w0: st.w0 });
  const ra = lab.train({ ...common, placement: 'after-square', w0: (st.w0 * st.w0) / 2 });
  assert.equal(await value(page, 'wb'), rb.w[st.epoch]);
  assert.equal(await value(page, 'wa'), ra.w[st.epoch]);
  assert.equal(await value(page, 'lb'), rb.loss[st.epoch]);
  assert.equal(await value(page, 'la'), ra.loss[st.epoch]);
  assert.equal(await value(page, 'grad-a0'), ra.grad[0]);
  assert.equal(await value(page, 'wb1'), rb.w[1]);
  assert.equal(await value(page, 'wa1'), ra.w[1]);
  assert.equal(await value(page, 'lb1'), rb.loss[1]);
  assert.equal(await value(page, 'la1'), ra.loss[1]);
  assert.equal(await value(page, 'l0'), rb.loss[0]);
  assert.ok(Math.abs(ra.loss[0] - rb.loss[0]) < 1e-9, 'both runs start from the same model');
  const err = (placement, w) => lab.meanSquaredError({
    predictions: lab.predictParametric({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, placement, w }), truth: d.yTest,
  }).mse;
  assert.equal(await value(page, 'ta'), err('after-square', ra.w[st.epoch]));
  assert.equal(await value(page, 'tb'), err('before-square', rb.w[st.epoch]));
  const land = (placement, ws) => lab.lossLandscape({ x: d.xTrain, y: d.yTrain, placement, leaveOneOut: st.loo, ws });
  assert.equal(await value(page, 'grad-b-zero'), 0);
  assert.equal(await value(page, 'grad-a-zero'), land('after-square', [0]).grad[0]);
  assert.equal(await value(page, 'loss-a-neg'), land('after-square', [-1]).loss[0]);
  assert.equal(await value(page, 'check-lb'), land('before-square', [3]).loss[0]);
  assert.equal(await value(page, 'check-la'), land('after-square', [4.5]).loss[0]);
  assert.equal(await text(page, 'check-lb'), await text(page, 'check-la'), 'L_before(w) = L_after(w²/2) to 10 digits');
  // The evidence table: seeds 2..6, wins counted from the API.
  let wins = 0;
  for (let s = st.seed; s < st.seed + 5; s++) {
    const ds = lab.makeDataset({ target: 'classic', seed: s });
    const c = { ...common, x: ds.xTrain, y: ds.yTrain };
    const b = lab.train({ ...c, placement: 'before-square', w0: st.w0 }).w[st.epochs];
    const a = lab.train({ ...c, placement: 'after-square', w0: (st.w0 * st.w0) / 2 }).w[st.epochs];
    const e = (placement, w) => lab.meanSquaredError({
      predictions: lab.predictParametric({ queries: ds.xTest, keys: ds.xTrain, values: ds.yTrain, placement, w }), truth: ds.yTest,
    }).mse;
    if (e('after-square', a) < e('before-square', b)) wins++;
    const row = await page.$$eval(`${S} tr[data-seed="${s}"] td`, (tds) => tds.map((t) => t.textContent));
    assert.equal(row[0], b.toPrecision(4));
    assert.equal(row[3], a.toPrecision(4));
  }
  assert.equal(await value(page, 'wins-test'), wins);
  assert.equal(await text(page, 'loo'), 'without leave-one-out');
  assert.equal(await text(page, 'optimizer'), 'Adam');
  // Negative w: the first query's heaviest key is its farthest one, as the API says.
  const a = lab.parametricWeights({ queries: d.xTest, keys: d.xTrain, placement: 'after-square', w: st.wshow });
  const row = Array.from(a.subarray(0, d.xTrain.length));
  const far = d.xTrain[row.indexOf(Math.max(...row))];
  assert.equal(await value(page, 'q-first-key'), far);
  assert.equal(far, d.xTrain[d.xTrain.length - 1], 'query x = 0 attends most to the largest key');
  assert.equal(await value(page, 'show-test'), err('after-square', st.wshow));
  assert.deepEqual(errors, []);
  await page.close();
});

test('every control has its effect; step/play/pause/reset; link round-trips; Reset', async () => {
  const { page, errors } = await openPage(env.browser, only());
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  const w0b = await value(page, 'wb');
  await btn(page, 'step').click();
  assert.equal(await value(page, 'epoch'), 1);
  assert.notEqual(await value(page, 'wb'), w0b);
  await btn(page, 'reset-training').click();
  assert.equal(await value(page, 'epoch'), 0);

  const table0 = await tableText(page);
  await press(page, 'learning-rate', 'ArrowLeft', 60);
  assert.ok((await value(page, 'lr')) < 0.5);
  assert.notEqual(await tableText(page), table0, 'the learning rate changes the evidence');
  await press(page, 'epochs', 'ArrowRight', 120);
  assert.ok((await value(page, 'epochs')) > 5);
  const t1 = await tableText(page);
  await press(page, 'initial-w', 'ArrowRight', 10);
  assert.equal(await value(page, 'w0b'), 1.5);
  assert.equal(await value(page, 'w0a'), 1.125);
  assert.notEqual(await tableText(page), t1);
  const t2 = await tableText(page);
  await control(page, 'optimizer').selectOption('adam');
  assert.notEqual(await tableText(page), t2);
  const land = await path(page, 'as-landscape', 'after');
  await control(page, 'leave-one-out-loss').uncheck();
  assert.notEqual(await path(page, 'as-landscape', 'after'), land, 'without leave-one-out the landscape changes');

  await btn(page, 'play').click();
  await page.waitForFunction((s) => Number(document.querySelector(`${s} [data-live="epoch"]`).dataset.value) >= 3, S);
  assert.equal(await btn(page, 'play').textContent(), '❚❚ Pause');
  await btn(page, 'play').click();
  const paused = await value(page, 'epoch');
  await page.waitForTimeout(400);
  assert.equal(await value(page, 'epoch'), paused);
  assert.notEqual(await path(page, 'as-test', 'after'), null);

  const heat0 = await heatmapPixels(page);
  const fit0 = await page.getAttribute(`${S} [data-plot="as-flip-fit"] .prediction`, 'data-predictions');
  await press(page, 'w-after-the-square-heatmap', 'ArrowLeft', 60);
  assert.equal(await value(page, 'wshow'), -1);
  assert.notEqual(await heatmapPixels(page), heat0);
  assert.notEqual(await page.getAttribute(`${S} [data-plot="as-flip-fit"] .prediction`, 'data-predictions'), fit0);

  await btn(page, 'new-data').click();
  await btn(page, 'copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(withoutLanguage(link), await page.evaluate(() => location.href));
  assert.match(link, /after-square\.seed=1/);
  const names = ['wb', 'wa', 'lb', 'la', 'tb', 'ta', 'wshow', 'q-first-key', 'wins-test', 'epochs', 'lr'];
  const snap = async (p) => ({
    live: Object.fromEntries(await Promise.all(names.map(async (n) => [n, await value(p, n)]))),
    table: await p.$eval(`${S} [data-table="evidence"] tbody`, (t) => t.textContent),
    outputs: await p.$$eval(`${S} .control output`, (os) => os.map((o) => o.textContent)),
  });
  const original = await snap(page);
  const reopened = await openPage(env.browser, link);
  assert.deepEqual(await snap(reopened.page), original);
  assert.deepEqual(reopened.errors, []);
  await reopened.page.close();

  await btn(page, 'reset').click();
  assert.doesNotMatch(await page.evaluate(() => location.href), /after-square\./);
  assert.equal(await value(page, 'epochs'), 5);
  assert.ok(await control(page, 'leave-one-out-loss').isChecked());
  assert.deepEqual(errors, []);
  await page.close();
});

/** The steps of a run whose loss, as the page shows it (4 digits), is higher than the epoch before. */
const rises = (loss) => { let n = 0; for (let e = 1; e < loss.length; e++) if (Number(loss[e].toPrecision(4)) > Number(loss[e - 1].toPrecision(4))) n++; return n; };

const solved = (page) =>
  page.evaluate((s) => Object.fromEntries([...document.querySelectorAll(`${s} .try-this li`)].map((li) => [li.dataset.task, li.dataset.solved === 'true'])), S);

for (const lang of ['en', 'zh']) test(`every hint, followed literally, solves its task at the epoch shown (not before); Show the code matches the state; in ${lang}`, async () => {
  const { page, errors } = await openPage(env.browser, withHintSeed(only('', lang), 'after-square'), { lang });
  assert.deepEqual(await solved(page), { 'same-model': false, overfit: false, 'far-keys': false });
  // What each hint tells the learner to press or set is on the page under the name it uses.
  for (const id of ['same-model', 'overfit', 'far-keys']) await hintNamesControls(page, S, id);
  // Far keys: "The heatmap's slider goes below 0" — the first value below 0 is enough.
  const w = await arrowTo(page, S, 'w-after-the-square-heatmap', -0.05);
  assert.ok(w < 0);
  assert.equal((await solved(page))['far-keys'], true);
  assert.equal(await value(page, 'q-first-key'), Math.max(...lab.makeDataset({ target: 'classic', seed: dataSeed }).xTrain), 'the readout names the farthest key');

  // The same model: "choose Adam, raise the learning rate, the initial w and the epochs to their
  // maximum and press To the end. If the two losses still differ (rarely), press New data and To
  // the end again" (SGD's 300 epochs left about one seed in four apart, seed 1 among them; this
  // recipe two seeds of 0–399, 134 and 279).
  await control(page, 'optimizer').selectOption('adam');
  await pressOn(page, S, 'learning-rate', 'End');
  await pressOn(page, S, 'initial-w', 'End');
  await pressOn(page, S, 'epochs', 'End');
  assert.deepEqual([await shownValue(page, S, 'learning-rate'), await shownValue(page, S, 'initial-w'), await value(page, 'epochs')], ['1.00', '5.00', 300]);
  assert.equal((await solved(page))['same-model'], false, 'epoch 0 of 300: both runs start from one model, which is not the end');
  await P.toEnd(page);
  for (let tries = 0; !(await solved(page))['same-model']; tries++) {
    assert.notEqual(await text(page, 'lb').then((t) => Number(t).toPrecision(3)), await text(page, 'la').then((t) => Number(t).toPrecision(3)));
    assert.ok(tries < 3, 'apart on three data sets');
    await btn(page, 'new-data').click();
    await P.toEnd(page);
  }
  assert.equal(await text(page, 'lb').then((t) => Number(t).toPrecision(3)), await text(page, 'la').then((t) => Number(t).toPrecision(3)));

  // Overfitting: untick leave-one-out; Adam, the learning rate, the initial w and the epochs at
  // their maximum (from the task before: pressed again, as the hint says); To the end.
  await control(page, 'leave-one-out-loss').uncheck();
  await control(page, 'optimizer').selectOption('adam');
  for (const name of ['learning-rate', 'initial-w', 'epochs']) await pressOn(page, S, name, 'End');
  assert.equal(await value(page, 'epoch'), 0, 'a new run starts at epoch 0');
  assert.equal((await solved(page)).overfit, false);
  await P.toEnd(page);
  assert.ok(Number(await text(page, 'lb')) < 5, 'the shown loss is below 5');
  assert.equal((await solved(page)).overfit, true);

  await page.click(`${S} .show-code summary`);
  // The code is generated on the details' toggle event: wait for it (a race under load).
  await page.waitForFunction((s) => /import torch/.test(document.querySelector(`${s} .show-code code`).textContent), S);
  const code = await page.textContent(`${S} .show-code code`);
  assert.match(code, /torch\.optim\.Adam\(\[w\], lr=1\)/);
  assert.match(code, /leave_one_out=False/);
  assert.match(code, /range\(300 \+ 1\)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a task never ticks at epoch 0 of a longer run', async () => {
  const { page, errors } = await openPage(env.browser, only('after-square.lr=0.1&after-square.epochs=100'));
  assert.match(await P.status(page), /^Epoch 0 of 100: the start/);
  assert.equal((await solved(page))['same-model'], false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('prose sweep: the overshoot sentence counts the rises of the shown losses, for each optimizer and loss', async () => {
  const { page, errors } = await openPage(env.browser, only());
  const steps = (n) => `${n} ${n === 1 ? 'step' : 'steps'}`;
  const seen = new Set();
  for (const st of [{}, { lr: 1 }, { lr: 0.001, epochs: 1 }, { optimizer: 'adam', lr: 1, epochs: 50 }, { loo: false, lr: 1, epochs: 300 }, { w0: 5, lr: 1, epochs: 20 }]) {
    const q = Object.entries(st).map(([k, v]) => `after-square.${k}=${v}`).join('&');
    await page.goto(only(q));
    await page.waitForSelector('#lab-status[data-state="ready"]');
    const s0 = { w0: 1, lr: 0.5, epochs: 5, optimizer: 'sgd', loo: true, ...st };
    const d = lab.makeDataset({ target: 'classic', seed: 0 });
    const common = { x: d.xTrain, y: d.yTrain, leaveOneOut: s0.loo, lr: s0.lr, epochs: s0.epochs, optimizer: s0.optimizer };
    const rb = rises(lab.train({ ...common, placement: 'before-square', w0: s0.w0 }).loss);
    const ra = rises(lab.train({ ...common, placement: 'after-square', w0: (s0.w0 * s0.w0) / 2 }).loss);
    seen.add(rb > 0).add(ra > 0);
    const lr = await shownValue(page, S, 'learning-rate');
    const opt = s0.optimizer === 'sgd' ? 'gradient descent' : 'Adam';
    const epochs = `${s0.epochs} ${s0.epochs === 1 ? 'epoch' : 'epochs'}`;
    assert.equal(await text(page, 'overshoot'), `With learning rate ${lr}, ${opt} and ${epochs}, the training loss rises at ${steps(rb)} before the square and at ${steps(ra)} after it.`, q);
    assert.equal(await text(page, 'optimizer'), opt);
  }
  assert.equal(seen.size, 2, 'the sweep meets runs with and without rises');
  assert.deepEqual(errors, []);
  await page.close();
});

test('in Chinese: the overshoot sentence, the settings words and the player say the state on screen, as the catalog words it', async () => {
  const { page, errors } = await openPage(env.browser, only('', 'zh'), { lang: 'zh' });
  assert.equal(await P.status(page), t('player.start', { epochs: 5 }, 'zh'));
  const zh = (key, params) => t(`after-square.${key}`, params, 'zh');
  const seen = new Set();
  for (const st of [{}, { lr: 0.001, epochs: 1 }, { lr: 1 }, { optimizer: 'adam', lr: 1, epochs: 50, loo: false }]) {
    if (Object.keys(st).length) {
      await page.goto(only(Object.entries(st).map(([k, v]) => `after-square.${k}=${v}`).join('&'), 'zh'));
      await page.waitForSelector('#lab-status[data-state="ready"]');
    }
    const s0 = { w0: 1, lr: 0.5, epochs: 5, optimizer: 'sgd', loo: true, ...st };
    const d = lab.makeDataset({ target: 'classic', seed: 0 });
    const common = { x: d.xTrain, y: d.yTrain, leaveOneOut: s0.loo, lr: s0.lr, epochs: s0.epochs, optimizer: s0.optimizer };
    const before = rises(lab.train({ ...common, placement: 'before-square', w0: s0.w0 }).loss);
    const after = rises(lab.train({ ...common, placement: 'after-square', w0: (s0.w0 * s0.w0) / 2 }).loss);
    seen.add(before + after > 0);
    const lr = await shownValue(page, S, 'learning-rate');
    assert.equal(await text(page, 'overshoot'), zh('overshoot', { lr, optimizer: s0.optimizer, epochs: s0.epochs, before, after }), JSON.stringify(st));
    assert.equal(await text(page, 'optimizer'), zh('optimizerName', { optimizer: s0.optimizer }));
    assert.equal(await text(page, 'loo'), zh('looName', { loo: s0.loo ? 'on' : 'off' }));
    assert.equal(await text(page, 'sets-desc'), zh('setsSeeds', { sets: 5, first: 0, last: 4 }));
  }
  assert.equal(seen.size, 2, 'the pass meets runs with and without rises');
  await P.toEnd(page);
  assert.equal(await P.status(page), t('player.end', { epochs: 50 }, 'zh'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('own data: a pasted CSV trains both runs on it (errors undefined: no truth); a malformed one is refused with its line', async () => {
  const { page, errors } = await openPage(env.browser, only());
  await page.evaluate((s) => { document.querySelector(`${s} .own-data`).open = true; }, S);
  await page.fill(`${S} .own-data textarea`, 'x,y\n0.5,1\n1.5,abc\n');
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.match(await page.textContent(`${S} .own-data-status`), /Line 3/);
  assert.equal(await page.$$eval(`${S} [data-table="evidence"] tbody tr`, (r) => r.length), 5, 'the previous data stays');
  const csv = 'x,y\n0.5,1\n1.5,2\n2.5,1.5\n3,2.2\n4,3\n4.5,2.5\n';
  await page.fill(`${S} .own-data textarea`, csv);
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.equal(await page.$$eval(`${S} [data-table="evidence"] tbody tr`, (r) => r.length), 1);
  assert.equal(await text(page, 'tb'), 'undefined');
  assert.equal(await value(page, 'sets'), 1);
  const x = [0.5, 1.5, 2.5, 3, 4, 4.5];
  const y = [1, 2, 1.5, 2.2, 3, 2.5];
  const r = lab.train({ x, y, w0: 1, lr: 0.5, epochs: 5 });
  assert.equal(await value(page, 'wb'), r.w[0]);
  await btn(page, 'step').click();
  assert.equal(await value(page, 'wb'), r.w[1]);
  assert.match(await page.evaluate(() => location.href), /after-square\.own=true/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a mouse drag trains in the worker; after the release the page shows the runs and the evidence of the final settings', async () => {
  const { page, errors } = await openPage(env.browser, only());
  await dragSlider(page, control(page, 'initial-w'), [0.9, 0.2, 0.7, 0.55]);
  await dragSlider(page, control(page, 'epochs'), [0.9, 0.3, 0.95, 0.6]);
  assert.ok(await offloaded(page, S) > 0, 'no result came from the worker');
  const { w0, epochs } = await linkedState(page, 'after-square', { w0: 1, epochs: 5 });
  assert.ok(w0 !== 1 && epochs !== 5, `the drags changed nothing: w0 ${w0}, epochs ${epochs}`);
  const runs = (ds) => {
    const c = { x: ds.xTrain, y: ds.yTrain, lr: 0.5, epochs };
    return { b: lab.train({ ...c, placement: 'before-square', w0 }), a: lab.train({ ...c, placement: 'after-square', w0: (w0 * w0) / 2 }) };
  };
  const d = lab.makeDataset({ target: 'classic', seed: 0 });
  const { b, a } = runs(d);
  assert.equal(await value(page, 'w0b'), b.w[0]);
  assert.equal(await value(page, 'wb1'), b.w[1]);
  assert.equal(await value(page, 'wa1'), a.w[1]);
  for (const [id, placement] of [['before', 'before-square'], ['after', 'after-square']]) {
    const ws = (await page.getAttribute(`${S} [data-plot="as-landscape"] path[data-series="${id}"]`, 'data-x')).split(',').map(Number);
    const ys = (await page.getAttribute(`${S} [data-plot="as-landscape"] path[data-series="${id}"]`, 'data-y')).split(',').map(Number);
    assert.deepEqual(ys, Array.from(lab.lossLandscape({ x: d.xTrain, y: d.yTrain, placement, ws }).loss));
  }
  // The evidence table: the same settings on seeds 0..4, wins counted from the API.
  let wins = 0;
  for (let s = 0; s < 5; s++) {
    const ds = lab.makeDataset({ target: 'classic', seed: s });
    const r = runs(ds);
    const e = (placement, w) => lab.parametricErrors({ queries: ds.xTest, keys: ds.xTrain, values: ds.yTrain, truth: ds.yTest, placement, ws: [w] })[0];
    if (e('after-square', r.a.w[epochs]) < e('before-square', r.b.w[epochs])) wins++;
    const row = await page.$$eval(`${S} tr[data-seed="${s}"] td`, (tds) => tds.map((t) => t.textContent));
    assert.equal(row[0], r.b.w[epochs].toPrecision(4));
    assert.equal(row[3], r.a.w[epochs].toPrecision(4));
    assert.equal(row[5], e('after-square', r.a.w[epochs]).toPrecision(3));
  }
  assert.equal(await value(page, 'wins-test'), wins);
  assert.deepEqual(errors, []);
  await page.close();
});
