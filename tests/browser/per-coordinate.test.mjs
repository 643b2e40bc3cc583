// The per-coordinate widths exercise: one w per coordinate trained on the leave-one-out loss,
// compared with LOO-CV's isotropic width; the irrelevant-coordinate variant; the 1-D case.
// Read from the DOM and checked against the API computed here in node. Controls and buttons are
// found by their names and data-actions (the same in every language); the hint test and a prose
// sweep also run on the Chinese page, their sentences compared with the catalog's (web/i18n.js).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { t } from '../../web/i18n.js';
import { dragSlider, linkedState, offloaded, openPage, pageUrl, screenshot, sectionHelpers, useBrowser, withHintSeed, withoutLanguage } from './browser.mjs';
import { player, pressOn, shownValue } from './training.mjs';

const env = useBrowser();
const lab = await createLab();

const S = '#per-coordinate';
const { value, text, seriesPath: path, controlNamed: control } = sectionHelpers(S);
/** Presses `key` `times` times on the control named `name`. */
const press = async (page, name, key, times = 1) => {
  await control(page, name).focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
};
/** A button of the training player by its data-action (play is also pause). */
const btn = (page, action) => page.locator(`${S} .training-player button[data-action="${action}"]`);
/** A button of the exercise by its name (data-control). */
const named = (page, name) => page.locator(`${S} button[data-control="${name}"]`);
const P = player(S);
const only = (query = '') => `${env.url}?exercise=per-coordinate${query ? `&${query}` : ''}`;
/** The verdict words for the errors as shown: leave-one-out (lp, li) and test (tp, ti). */
const verdictOf = (lp, li) => (lp < li ? 'better' : lp === li ? 'same' : 'worse');
const agreesOf = (lp, li, tp, ti) => (Math.sign(tp - ti) === Math.sign(lp - li) ? 'same' : 'other');
const pixels = (page, plot) => page.$eval(`${S} [data-plot="${plot}"] canvas`, (c) => c.toDataURL());

/** The page's data for a state, rebuilt here from the API. */
function dataFor(seed, variant) {
  const d = lab.makeDataset({ target: 'surface', dim: 2, seed });
  if (variant !== 'irrelevant') return { x: d.xTrain, y: d.yTrain, dim: 2, xTest: d.xTest, yTest: d.yTest };
  const n = d.yTrain.length;
  const m = d.yTest.length;
  const extra = lab.makeDataset({ target: 'surface', dim: 2, seed: seed + 1000, nTrain: n + m });
  const widen = (p, k, off) => Float64Array.from({ length: 3 * k }, (_, j) => (j % 3 < 2 ? p[2 * Math.floor(j / 3) + (j % 3)] : extra.xTrain[2 * (off + Math.floor(j / 3)) + 1]));
  return { x: widen(d.xTrain, n, 0), y: d.yTrain, dim: 3, xTest: widen(d.xTest, m, n), yTest: d.yTest };
}

test('per-coordinate loads clean at laptop and phone widths', async () => {
  for (const [width, height, name] of [[1440, 900, 'per-coordinate-laptop'], [360, 740, 'per-coordinate-phone']]) {
    const { page, errors } = await openPage(env.browser, only(), { width, height });
    assert.ok(await page.$(`${S} [data-plot="pc-w"] path[data-series="w2"]`));
    assert.ok(await page.$(`${S} .katex`));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px at ${width}px`);
    await screenshot(page, name);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('numbers in the prose equal the API (irrelevant-coordinate variant, linked state)', async () => {
  const st = { seed: 2, variant: 'irrelevant', optimizer: 'sgd', lr: 0.8, epochs: 60, w0: 1.5, epoch: 40 };
  const q = Object.entries(st).map(([k, v]) => `per-coordinate.${k}=${v}`).join('&');
  const { page, errors } = await openPage(env.browser, only(q));
  const d = dataFor(st.seed, st.variant);
  const opts = { optimizer: st.optimizer, lr: st.lr, epochs: st.epochs, reduction: 'mean' };
  const run = lab.train({ x: d.x, y: d.y, dim: 3, w0: [1.5, 1.5, 1.5], ...opts });
  const w = Array.from(run.w.subarray(3 * st.epoch, 3 * st.epoch + 3));
  assert.equal(await value(page, 'dim'), 3);
  for (let m = 0; m < 3; m++) assert.equal(await value(page, `w${m + 1}`), w[m]);
  assert.equal(await value(page, 'loss'), run.loss[st.epoch]);
  const h = w.map((v) => 1 / Math.abs(v));
  const looPer = lab.looCurve({ x: d.x, y: d.y, dim: 3, widths: h, perCoordinate: true }).mse[0];
  assert.equal(await value(page, 'loo-per'), looPer);
  assert.ok(Math.abs(looPer - run.loss[st.epoch]) < 1e-12);
  const iso = lab.selectWidth({ x: d.x, y: d.y, dim: 3 });
  assert.equal(await value(page, 'h-iso'), iso.width);
  assert.equal(await value(page, 'loo-iso'), iso.mse);
  const err = (predictions) => lab.meanSquaredError({ predictions, truth: d.yTest }).mse;
  assert.equal(await value(page, 'test-per'), err(lab.predictParametric({ queries: d.xTest, keys: d.x, values: d.y, dim: 3, w })));
  assert.equal(await value(page, 'test-iso'),
    err(lab.attend({ queries: d.xTest, keys: d.x, values: d.y, dim: 3, width: iso.width, returnWeights: false }).predictions));
  const verdict = verdictOf(Number(looPer.toPrecision(5)), Number(iso.mse.toPrecision(5)));
  assert.equal(await text(page, 'verdict'), t('per-coordinate.verdict', { verdict }));
  // 1-D
  const c = lab.makeDataset({ target: 'classic', seed: st.seed });
  const r1 = lab.train({ x: c.xTrain, y: c.yTrain, w0: 1.5, ...opts });
  assert.equal(await value(page, 'h-1d'), 1 / Math.abs(r1.w[st.epoch]));
  assert.equal(await value(page, 'loss-1d'), r1.loss[st.epoch]);
  const s1 = lab.selectWidth({ x: c.xTrain, y: c.yTrain });
  assert.equal(await value(page, 'h-1d-cv'), s1.width);
  assert.equal(await value(page, 'loo-1d-cv'), s1.mse);
  assert.deepEqual(errors, []);
  await page.close();
});

test('with defaults, training lands where LOO-CV says in 1-D and beats it with an irrelevant coordinate', async () => {
  const { page, errors } = await openPage(env.browser, only('per-coordinate.variant=irrelevant'));
  await P.toEnd(page);
  const h1 = await value(page, 'h-1d');
  const hcv = await value(page, 'h-1d-cv');
  assert.ok(Math.abs(h1 - hcv) / hcv < 0.05, `1-D: trained ${h1} vs LOO-CV ${hcv}`);
  assert.ok((await value(page, 'loo-per')) < (await value(page, 'loo-iso')));
  assert.ok((await value(page, 'h3')) > 2 * Math.max(await value(page, 'h1'), await value(page, 'h2')));
  assert.deepEqual(errors, []);
  await page.close();
});

test('every control has its effect; step/play/pause/reset; link round-trips; Reset', async () => {
  const { page, errors } = await openPage(env.browser, only());
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(env.url).origin });
  assert.equal(await value(page, 'epoch'), 0, 'opens at epoch 0, like every training exercise');
  assert.equal(await P.status(page), 'Epoch 0 of 200: the start, before any training step. Play runs the 200 epochs; the faint path is where they lead.');
  assert.equal(await value(page, 'w1'), 1);
  await btn(page, 'step').click();
  assert.equal(await value(page, 'epoch'), 1, 'Step does one epoch');
  await btn(page, 'play').click();
  await page.waitForFunction((s) => Number(document.querySelector(`${s} [data-live="epoch"]`).dataset.value) >= 20, S);
  await btn(page, 'play').click(); // Pause
  const paused = await value(page, 'epoch');
  await page.waitForTimeout(300);
  assert.equal(await value(page, 'epoch'), paused);

  const wPath = await path(page, 'pc-w', 'w1-run');
  await press(page, 'learning-rate', 'ArrowLeft', 40);
  assert.equal(await value(page, 'epoch'), 0, 'a new rate is a new run, shown from epoch 0');
  assert.notEqual(await path(page, 'pc-w', 'w1-run'), wPath, 'the preview shows the new run before Play');
  await P.toEnd(page);
  const l1 = await value(page, 'loss');
  await press(page, 'epochs', 'ArrowLeft', 40);
  assert.ok((await value(page, 'epochs')) < 200);
  assert.equal(await value(page, 'epoch'), await value(page, 'epochs'), 'fewer epochs only cut the run');
  assert.notEqual(await value(page, 'loss'), l1);
  const l2 = await value(page, 'loss');
  await press(page, 'initial-w-every-coordinate', 'ArrowRight', 10);
  await P.toEnd(page);
  assert.notEqual(await value(page, 'loss'), l2);
  const l3 = await value(page, 'loss');
  await control(page, 'optimizer').selectOption('sgd');
  await P.toEnd(page);
  assert.notEqual(await value(page, 'loss'), l3);
  const surf = await pixels(page, 'pc-surface-per');
  const isoSurf = await pixels(page, 'pc-surface-iso');
  await control(page, 'data').selectOption('irrelevant');
  assert.equal(await value(page, 'dim'), 3);
  assert.ok(await page.$(`${S} [data-plot="pc-w"] path[data-series="w3"]`));
  assert.notEqual(await pixels(page, 'pc-surface-per'), surf);
  assert.notEqual(await pixels(page, 'pc-surface-iso'), isoSurf);
  const h1d = await value(page, 'h-1d-cv');
  await named(page, 'new-data').click();
  assert.notEqual(await value(page, 'h-1d-cv'), h1d);

  await named(page, 'copy-link').click();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(withoutLanguage(link), await page.evaluate(() => location.href));
  assert.match(link, /per-coordinate\.variant=irrelevant/);
  const names = ['w1', 'w2', 'w3', 'loss', 'loo-per', 'h-iso', 'test-per', 'h-1d', 'epochs', 'epoch'];
  const snap = async (p) => ({
    live: Object.fromEntries(await Promise.all(names.map(async (n) => [n, await value(p, n)]))),
    outputs: await p.$$eval(`${S} .control output`, (os) => os.map((o) => o.textContent)),
    selects: await p.$$eval(`${S} select`, (ss) => ss.map((s) => s.value)),
  });
  const original = await snap(page);
  const reopened = await openPage(env.browser, link);
  assert.deepEqual(await snap(reopened.page), original);
  assert.deepEqual(reopened.errors, []);
  await reopened.page.close();

  await named(page, 'reset').click();
  assert.doesNotMatch(await page.evaluate(() => location.href), /per-coordinate\./);
  assert.equal(await value(page, 'dim'), 2);
  assert.equal(await value(page, 'epochs'), 200);
  assert.deepEqual(errors, []);
  await page.close();
});

const solved = (page) =>
  page.evaluate((s) => Object.fromEntries([...document.querySelectorAll(`${s} .try-this li`)].map((li) => [li.dataset.task, li.dataset.solved === 'true'])), S);

for (const lang of ['en', 'zh']) {
  test(`every hint, followed literally, solves its task at the epoch shown (not before); Show the code matches the state (${lang})`, async () => {
    // 1: "Choose gradient descent, raise the learning rate to its maximum and press To the end".
    let { page, errors } = await openPage(env.browser, withHintSeed(only(), 'per-coordinate'), { lang });
    assert.deepEqual(await solved(page), { 'beat-iso': false, ignore: false, 'one-d': false });
    // The hints name the option and the button as the page shows them.
    const toEnd = (await btn(page, 'to-end').textContent()).trim();
    const hints = await page.$$eval(`${S} .try-this li details:nth-of-type(1) p`, (ps) => ps.map((p) => p.textContent));
    for (const hint of hints) assert.ok(hint.includes(`“${toEnd}”`), hint);
    const sgd = await control(page, 'optimizer').evaluate((el) => [...el.options].find((o) => o.value === 'sgd').textContent);
    assert.ok(hints[0].includes(sgd), hints[0]);
    await control(page, 'optimizer').selectOption('sgd');
    await pressOn(page, S, 'learning-rate', 'End');
    assert.equal(await shownValue(page, S, 'learning-rate'), '2.00');
    assert.equal((await solved(page))['beat-iso'], false, 'not at epoch 0');
    await P.toEnd(page);
    // "If the two errors end the same to the digits shown, … press New data and To the end again"
    // (seed 1: both widths learn about 0.36; seed 0 and most data: below the line at once).
    for (let tries = 0; Number(await text(page, 'loo-per')) === Number(await text(page, 'loo-iso')); tries++) {
      assert.equal(await text(page, 'verdict'), t('per-coordinate.verdict', { verdict: 'same' }, lang));
      assert.ok(tries < 5, 'the same errors on five data sets');
      await named(page, 'new-data').click();
      await P.toEnd(page);
    }
    assert.ok(Number(await text(page, 'loo-per')) < Number(await text(page, 'loo-iso')), 'the shown errors agree');
    assert.equal(await text(page, 'verdict'), t('per-coordinate.verdict', { verdict: 'better' }, lang));
    assert.equal((await solved(page))['beat-iso'], true);
    assert.deepEqual(errors, []);
    await page.close();

    // 3: "Raise the learning rate to its maximum and press To the end" (from the defaults: Adam).
    ({ page, errors } = await openPage(env.browser, withHintSeed(only(), 'per-coordinate'), { lang }));
    await pressOn(page, S, 'learning-rate', 'End');
    assert.equal((await solved(page))['one-d'], false);
    await P.toEnd(page);
    // "If the trained width still differs from h* …, press New data and To the end again" (seed 6:
    // training stops in another valley; about one data set in eleven, by the same recipe through
    // the API; seed 0: agrees at once).
    const agree = async () => Number(await text(page, 'h-1d')).toPrecision(2) === Number(await text(page, 'h-1d-cv')).toPrecision(2);
    for (let tries = 0; !(await agree()); tries++) {
      assert.equal((await solved(page))['one-d'], false);
      assert.ok(tries < 5, 'the trained width differs from h* on five data sets');
      await named(page, 'new-data').click();
      await P.toEnd(page);
    }
    assert.equal((await solved(page))['one-d'], true);
    assert.deepEqual(errors, []);
    await page.close();

    // 2: "Choose the variant with an irrelevant x₃ and press To the end".
    ({ page, errors } = await openPage(env.browser, withHintSeed(only(), 'per-coordinate'), { lang }));
    await control(page, 'data').selectOption('irrelevant');
    assert.equal((await solved(page)).ignore, false);
    await P.toEnd(page);
    const [h1, h2, h3] = await Promise.all(['h1', 'h2', 'h3'].map(async (name) => Number(await text(page, name))));
    assert.ok(h3 > 3 * Math.max(h1, h2), `h = ${h1}, ${h2}, ${h3}`);
    assert.equal((await solved(page)).ignore, true);
    assert.equal(await text(page, 'data-name'), t('per-coordinate.dataName', { source: 'surface', irrelevant: 'yes' }, lang));
    await press(page, 'epochs', 'End');
    await page.click(`${S} .show-code summary`);
    // The code is generated on the details' toggle event: wait for it (a race under load).
    await page.waitForFunction((s) => /import torch/.test(document.querySelector(`${s} .show-code code`).textContent), S);
    const code = await page.textContent(`${S} .show-code code`);
    assert.match(code, /dim = 3/);
    assert.match(code, /torch\.optim\.Adam/);
    assert.match(code, /range\(500 \+ 1\)/);
    assert.ok(code.startsWith(`# ${t('per-coordinate.codeHeader', undefined, lang)}`), 'comments in the page\'s language');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('a link with epochs=500 opens consistently at epoch 0 of 500; training points only inside the heatmaps; both 1-D widths labelled', async () => {
  const { page, errors } = await openPage(env.browser, only('per-coordinate.epochs=500'));
  assert.equal(await value(page, 'epoch'), 0);
  assert.equal(await value(page, 'epochs'), 500);
  assert.match(await P.status(page), /^Epoch 0 of 500: the start/);
  await P.toEnd(page);
  assert.equal(await value(page, 'epoch'), 500);
  // Points: every drawn training point lies inside the grid of the heatmap, and the note counts the others.
  const d = dataFor(0, 'surface');
  const xs = [];
  const ys = [];
  for (let i = 0; i < d.xTest.length / 2; i++) { xs.push(d.xTest[2 * i]); ys.push(d.xTest[2 * i + 1]); }
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let inside = 0;
  for (let i = 0; i < d.y.length; i++) if (d.x[2 * i] >= x0 && d.x[2 * i] <= x1 && d.x[2 * i + 1] >= y0 && d.x[2 * i + 1] <= y1) inside++;
  const outside = d.y.length - inside;
  assert.equal(await value(page, 'outside-grid'), outside);
  assert.equal(await text(page, 'outside-grid'), t('per-coordinate.outsideGrid', { count: outside }));
  // 1-D: the legend names both widths; the lines stand at the shown numbers.
  const legend = await page.$$eval(`${S} [data-plot="pc-1d"] .legend text`, (ts) => ts.map((t) => t.textContent));
  assert.ok(legend.includes(t('per-coordinate.seriesTrained', { epoch: '500' })) && legend.includes(t('per-coordinate.seriesCv')), legend.join(' | '));
  const at = async (id) => Number((await page.getAttribute(`${S} [data-plot="pc-1d"] path[data-series="${id}"]`, 'data-x')).split(',')[0]);
  assert.equal(await at('trained'), await value(page, 'h-1d'));
  assert.equal(await at('cv'), await value(page, 'h-1d-cv'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('own data (x1,x2,y): a pasted CSV is trained on (errors undefined: no truth); a malformed one is refused with its line', async () => {
  const { page, errors } = await openPage(env.browser, only('per-coordinate.epochs=20&per-coordinate.epoch=20'));
  await page.evaluate((s) => { document.querySelector(`${s} .own-data`).open = true; }, S);
  await page.fill(`${S} .own-data textarea`, 'x1,x2,y\n0.5,1,2\n1.5,2\n');
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.match(await page.textContent(`${S} .own-data-status`), /Line 3/);
  assert.equal(await value(page, 'n'), 200, 'the previous data stays');
  const rows = [[0, 0, 1], [1, 0.2, 2], [2, 0.1, 2.5], [3, 0.3, 2], [0.5, 2, 1.4], [1.5, 2.2, 2.4], [2.5, 1.9, 2.2], [3.5, 2.1, 1.5]];
  await page.fill(`${S} .own-data textarea`, `x1,x2,y\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.equal(await value(page, 'n'), rows.length);
  assert.equal(await text(page, 'test-per'), 'undefined');
  await P.toEnd(page);
  const r = lab.train({ x: rows.flatMap((q) => q.slice(0, 2)), y: rows.map((q) => q[2]), dim: 2, w0: [1, 1], optimizer: 'adam', lr: 0.05, epochs: 20, reduction: 'mean' });
  assert.equal(await value(page, 'loss'), r.loss[20]);
  assert.match(await page.evaluate(() => location.href), /per-coordinate\.own=true/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a mouse drag trains in the worker; after the release the page shows the run of the final settings', async () => {
  const { page, errors } = await openPage(env.browser, only());
  // Epochs first (runs of different lengths arrive while dragging), then the learning rate.
  await dragSlider(page, control(page, 'epochs'), [0.9, 0.3, 0.95, 0.6]);
  await dragSlider(page, control(page, 'learning-rate'), [0.2, 0.8, 0.5, 0.65]);
  assert.ok(await offloaded(page, S) > 0, 'no run came from the worker');
  const { lr, epochs } = await linkedState(page, 'per-coordinate', { lr: 0.05, epochs: 200 });
  assert.ok(lr !== 0.05 && epochs !== 200, `the drags changed nothing: lr ${lr}, epochs ${epochs}`);
  const d = dataFor(0, 'surface');
  const opts = { optimizer: 'adam', lr, epochs, reduction: 'mean' };
  const run = lab.train({ x: d.x, y: d.y, dim: 2, w0: [1, 1], ...opts });
  assert.equal(await value(page, 'epochs'), epochs);
  assert.equal(await value(page, 'epoch'), 0, 'the new learning rate starts its run at epoch 0');
  await P.toEnd(page);
  assert.equal(await value(page, 'epoch'), epochs);
  assert.equal(await value(page, 'w1'), run.w[2 * epochs]);
  assert.equal(await value(page, 'w2'), run.w[2 * epochs + 1]);
  assert.equal(await value(page, 'loss'), run.loss[epochs]);
  const c = lab.makeDataset({ target: 'classic', seed: 0 });
  const oneD = lab.train({ x: c.xTrain, y: c.yTrain, w0: 1, ...opts });
  assert.equal(await value(page, 'h-1d'), 1 / Math.abs(oneD.w[epochs]));
  assert.deepEqual(errors, []);
  await page.close();
});

// The whole sweep in English; in Chinese two states that meet two verdicts, for time.
const SWEEP = {
  en: ['', 'per-coordinate.optimizer=sgd', 'per-coordinate.optimizer=sgd&per-coordinate.lr=2', 'per-coordinate.variant=irrelevant',
    'per-coordinate.lr=0.001&per-coordinate.epochs=1', 'per-coordinate.lr=2&per-coordinate.epochs=500&per-coordinate.w0=5'],
  zh: ['', 'per-coordinate.variant=irrelevant'],
};
for (const lang of ['en', 'zh']) {
  test(`prose sweep: the verdicts follow the errors as shown, over optimizers, variants and extreme settings (${lang})`, async () => {
    const { page, errors } = await openPage(env.browser, only(), { lang });
    const words = new Set();
    for (const q of SWEEP[lang]) {
      await page.goto(pageUrl(only(q), lang));
      await page.waitForSelector('#lab-status[data-state="ready"]');
      for (const at of ['start', 'end']) {
        if (at === 'end') await P.toEnd(page);
        const [lp, li] = [Number(await text(page, 'loo-per')), Number(await text(page, 'loo-iso'))];
        const [tp, ti] = [Number(await text(page, 'test-per')), Number(await text(page, 'test-iso'))];
        const verdict = verdictOf(lp, li);
        assert.equal(await text(page, 'verdict'), t('per-coordinate.verdict', { verdict }, lang), `${q} ${at}: ${lp} vs ${li}`);
        words.add(verdict);
        assert.equal(await text(page, 'test-verdict'), t('per-coordinate.testVerdict', { agrees: agreesOf(lp, li, tp, ti) }, lang), `${q} ${at}`);
      }
    }
    assert.ok(words.size >= 2, `the sweep meets several verdicts: ${[...words]}`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}
