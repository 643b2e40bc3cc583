// The "why leave one out?" exercise as a learner uses it, checked against the API in node. Controls
// are found by name (data-control) and buttons by data-action, the same in every language; the
// hints and one prose pass also run on the Chinese page, its sentences compared with the catalog.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createLab } from '../../wasm/src/index.js';
import { t } from '../../web/i18n.js';
import { dragSlider, linkedState, offloaded, openPage, screenshot, useBrowser, withHintSeed } from './browser.mjs';
import { arrowTo, hintNamesControls, player, pressOn, settled, shownValue, solved } from './training.mjs';

const S = '#leave-one-out';
const env = useBrowser();
const lab = await createLab();

const live = (page, name) => page.textContent(`${S} [data-live="${name}"]`);
const series = async (page, plot, id, axis = 'y') =>
  (await page.getAttribute(`${S} [data-plot="${plot}"] path[data-series="${id}"]`, `data-${axis}`)).split(',').map(Number);
const slider = (page, name) => page.locator(`${S} .control[data-control="${name}"] input[type=range]`);
/** The exercise's page in language `lang`, with the query `query` (a=b&c=d). */
const pageIn = (lang, query = '') => `${env.url}?${[lang === 'en' ? '' : `lang=${lang}`, query].filter(Boolean).join('&')}`;
const P = player(S);
const fmt = (v) => (Number.isFinite(v) ? v.toPrecision(3) : 'undefined');
const data0 = lab.makeDataset({ target: 'classic', seed: 0 });
const wStar0 = 1 / lab.selectWidth({ x: data0.xTrain, y: data0.yTrain }).width;

/**
 * The recipe paragraph as the rule in web/widgets/leave-one-out.js states it, recomputed here
 * from the API: the first step, the gradient's scale, and the word for the step. `text` is the
 * English start written out here; `zh` is the whole paragraph from the Chinese catalog.
 */
function expectedRecipe({ w0, lr, epochs, reduction }) {
  const r = lab.train({ x: data0.xTrain, y: data0.yTrain, w0, lr, epochs, reduction });
  const [a, b] = [r.w[0], r.w[1]];
  const loss = { sum: 'sum loss', 'half-sum': 'half-sum loss', mean: 'mean loss' }[reduction];
  const parts = [`With the ${loss}, learning rate ${fmt(lr)} and ${epochs} ${epochs === 1 ? 'epoch' : 'epochs'}, the first step moves w from ${fmt(a)} to ${fmt(b)}: the gradient there is ${fmt(r.grad[0])}.`];
  parts.push({
    sum: 'Summing over the 50 points makes it 50 times larger than the mean loss would.',
    'half-sum': 'Half the sum over the 50 points makes it 25 times larger than the mean loss would.',
    mean: 'The mean loss divides the sum’s gradient by the 50 points.',
  }[reduction]);
  const [d0, d1] = [Math.abs(a) - wStar0, Math.abs(b) - wStar0];
  let word;
  if (b === a) word = 'does not move';
  else if (d0 * d1 < 0) word = Math.abs(lr * r.grad[1]) < Math.abs(b - a) / 10 ? 'overshoots, barely moves' : 'overshoots, keeps moving';
  else word = Math.abs(d1) < Math.abs(d0) ? 'towards' : 'away';
  const zh = (key, params) => t(`leave-one-out.${key}`, params, 'zh');
  const next = Math.abs(lr * r.grad[1]);
  const zhParts = [
    zh('firstStep', { loss: { sum: 'sum', 'half-sum': 'half', mean: 'mean' }[reduction], lr: fmt(lr), epochs, from: fmt(a), to: fmt(b), grad: fmt(r.grad[0]) }),
    zh({ sum: 'scaleSum', 'half-sum': 'scaleHalf', mean: 'scaleMean' }[reduction], { n: 50, half: 25 }),
    ...{
      'does not move': [zh('still')],
      'overshoots, barely moves': [zh('overshoot', { wStar: fmt(wStar0) }), zh('flat', { grad: fmt(r.grad[1]), step: fmt(next) })],
      'overshoots, keeps moving': [zh('overshoot', { wStar: fmt(wStar0) }), zh('notFlat', { grad: fmt(r.grad[1]), step: fmt(next) })],
      towards: [zh('towards', { wStar: fmt(wStar0) })],
      away: [zh('away', { wStar: fmt(wStar0) })],
    }[word],
  ];
  return { text: parts.join(' '), word, zh: zhParts.join('') };
}

test('loads clean, and the prose quotes the API numbers for this state', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const data = lab.makeDataset({ target: 'classic', seed: 0 });
  const t = lab.train({ x: data.xTrain, y: data.yTrain, w0: 0.5 });
  const sel = lab.selectWidth({ x: data.xTrain, y: data.yTrain });
  assert.ok((await live(page, 'recipe')).startsWith(expectedRecipe({ w0: 0.5, lr: 0.5, epochs: 5, reduction: 'sum' }).text), 'the recipe quotes the run on screen');
  assert.equal(t.w[0], 0.5);
  assert.equal(await live(page, 'h-star'), sel.width.toPrecision(3));
  assert.equal(await live(page, 'w-star'), (1 / sel.width).toPrecision(3));
  const zero = lab.lossLandscape({ x: data.xTrain, y: data.yTrain, ws: [0] });
  assert.equal(await live(page, 'grad-zero'), String(zero.grad[0]));
  await screenshot(page, 'leave-one-out-laptop');
  assert.deepEqual(errors, []);
  await page.close();
});

test('step and play advance the epochs and w', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  assert.equal(await live(page, 'epoch'), '0');
  await P.step(page);
  assert.equal(await live(page, 'epoch'), '1');
  assert.notEqual(await live(page, 'w-on'), '0.500');
  await page.click(`${S} button[data-action="play"]`);
  await page.waitForFunction((s) => document.querySelector(`${s} [data-live="epoch"]`).textContent === '5', S);
  assert.equal(await P.status(page), 'Epoch 5 of 5: the end of the run.');
  await P.step(page);
  assert.equal(await live(page, 'epoch'), '5', 'Step at the end does not move');
  assert.match(await P.status(page), /^Step does nothing at epoch 5 of 5, the last one/);
  assert.equal((await series(page, 'w', 'on')).length, 6);
  await P.reset(page);
  assert.equal(await live(page, 'epoch'), '0');
  assert.deepEqual(errors, []);
  await page.close();
});

test('without leave-one-out w grows and the training loss falls while the error against the truth rises', async () => {
  // 200 epochs, at the end: read the whole trajectories from the plotted data.
  const { page, errors } = await openPage(env.browser, `${env.url}?leave-one-out.epochs=200&leave-one-out.epoch=200`);
  const w = await series(page, 'w', 'off');
  const loss = await series(page, 'loss', 'off');
  const err = await series(page, 'error', 'off');
  assert.equal(w.length, 201);
  for (let k = 2; k < w.length; k++) {
    assert.ok(w[k] > w[k - 1], `w grows: epoch ${k}`);
    assert.ok(loss[k] < loss[k - 1], `loss falls: epoch ${k}`);
  }
  assert.ok(err[200] > err[1], `error against the truth rises: ${err[1]} → ${err[200]}`);
  // With leave-one-out w comes back towards the LOO-CV optimum instead.
  const wOn = await series(page, 'w', 'on');
  assert.ok(wOn[200] < wOn[1]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('each control changes what it should, and a copied link reopens the same state', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  await page.selectOption(`${S} [data-controls="settings"] select`, 'mean');
  const ws = await series(page, 'landscape', 'on', 'x');
  const plotted = await series(page, 'landscape', 'on');
  const data = lab.makeDataset({ target: 'classic', seed: 0 });
  const expected = lab.lossLandscape({ x: data.xTrain, y: data.yTrain, reduction: 'mean', ws }).loss;
  plotted.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-12 * expected[i], `L(${ws[i]})`));

  const w0 = slider(page, 'initial-w');
  await w0.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await shownValue(page, S, 'initial-w'), '1.00');
  const lr = slider(page, 'learning-rate');
  await lr.focus();
  await page.keyboard.press('ArrowLeft');
  await P.step(page);
  const readout = { w: await live(page, 'w-on'), loss: await live(page, 'loss-off') };
  const url = await page.evaluate(() => location.href);
  assert.match(url, /leave-one-out\.reduction=mean/);

  const { page: again } = await openPage(env.browser, url);
  assert.equal(await live(again, 'w-on'), readout.w);
  assert.equal(await live(again, 'loss-off'), readout.loss);
  assert.equal(await shownValue(again, S, 'initial-w'), '1.00');
  assert.deepEqual(errors, []);
  await page.close();
  await again.close();
});

test('phone width: no horizontal overflow', async () => {
  const { page, errors } = await openPage(env.browser, env.url, { width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow of ${overflow}px`);
  await screenshot(page, 'leave-one-out-phone');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a mouse drag trains in the worker; after the release the page shows the runs of the final settings', async () => {
  // At the last epoch, so that the plotted trajectories are the whole runs.
  const { page, errors } = await openPage(env.browser, `${env.url}?leave-one-out.epochs=500&leave-one-out.epoch=500`);
  const data = lab.makeDataset({ target: 'classic', seed: 0 });
  const stateOf = () => linkedState(page, 'leave-one-out', { epochs: 5, lr: 0.5 });
  const runsOf = ({ epochs, lr }) => Object.fromEntries([['on', true], ['off', false]].map(([k, leaveOneOut]) =>
    [k, lab.train({ x: data.xTrain, y: data.yTrain, w0: 0.5, lr, epochs, leaveOneOut })]));
  const landscapeMatches = async () => {
    for (const [id, leaveOneOut] of [['on', true], ['off', false]]) {
      const ws = await series(page, 'landscape', id, 'x');
      assert.deepEqual(await series(page, 'landscape', id), Array.from(lab.lossLandscape({ x: data.xTrain, y: data.yTrain, leaveOneOut, ws }).loss));
    }
  };

  // Fewer epochs step by step (runs of different lengths arrive while dragging): the shown epoch
  // follows the end down.
  await dragSlider(page, slider(page, 'epochs'), [0.97, 0.92, 0.88, 0.85]);
  let st = await stateOf();
  assert.ok(st.epochs < 500 && st.epochs > 50, `the drag set ${st.epochs} epochs`);
  let runs = runsOf(st);
  for (const id of ['on', 'off']) {
    assert.deepEqual(await series(page, 'w', id), Array.from(runs[id].w));
    const truth = lab.parametricErrors({ queries: data.xTest, keys: data.xTrain, values: data.yTrain, truth: data.yTest, ws: runs[id].w });
    assert.deepEqual(await series(page, 'error', id), Array.from(truth));
  }
  await landscapeMatches();

  // The learning rate (which restarts the replay at epoch 0).
  await dragSlider(page, slider(page, 'learning-rate'), [0.2, 0.8, 0.5, 0.65]);
  st = await stateOf();
  assert.notEqual(st.lr, 0.5, 'the drag changed the learning rate');
  runs = runsOf(st);
  assert.ok((await live(page, 'recipe')).includes(`the first step moves w from ${runs.on.w[0].toPrecision(3)} to ${runs.on.w[1].toPrecision(3)}`));
  assert.deepEqual(await series(page, 'loss', 'off'), [runs.off.loss[0]]);
  await landscapeMatches();
  assert.ok(await offloaded(page, S) > 0, 'no run came from the worker');
  assert.deepEqual(errors, []);
  await page.close();
});

test('one start state: epoch 0, said in words; To the end and Reset training jump', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  assert.equal(await live(page, 'epoch'), '0');
  assert.equal(await P.status(page), 'Epoch 0 of 5: the start, before any training step. Play runs the 5 epochs; the faint path is where they lead.');
  await P.toEnd(page);
  assert.equal(await live(page, 'epoch'), '5');
  // Play at the end replays from epoch 0 (it never does nothing).
  await P.playToEnd(page);
  assert.equal(await live(page, 'epoch'), '5');
  await P.reset(page);
  assert.equal(await live(page, 'epoch'), '0');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the learning rate changes what is shown before Play: the faint path and the final w', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const before = { path: await series(page, 'landscape', 'on-path', 'x'), recipe: await live(page, 'recipe') };
  await pressOn(page, S, 'learning-rate', 'ArrowRight');
  const lr = Number(await shownValue(page, S, 'learning-rate'));
  const r = lab.train({ x: data0.xTrain, y: data0.yTrain, w0: 0.5, lr, epochs: 5 });
  const path = await series(page, 'landscape', 'on-path', 'x');
  assert.notDeepEqual(path, before.path);
  assert.deepEqual(path, Array.from(r.w), 'the preview is the run at the new rate');
  const final = await page.$eval(`${S} [data-plot="landscape"] circle[data-marker="final w with leave-one-out"]`, (c) => Number(c.getAttribute('cx')));
  assert.ok(Number.isFinite(final));
  assert.notEqual(await live(page, 'recipe'), before.recipe);
  assert.equal(await live(page, 'epoch'), '0');
  // More epochs keep the epoch shown (no reset needed); a new w₀ is a new run from epoch 0.
  await P.step(page);
  await pressOn(page, S, 'epochs', 'ArrowRight');
  assert.equal(await live(page, 'epoch'), '1');
  await pressOn(page, S, 'initial-w', 'ArrowRight');
  assert.equal(await live(page, 'epoch'), '0');
  assert.deepEqual(errors, []);
  await page.close();
});

for (const lang of ['en', 'zh']) test(`every hint, followed literally, solves its task (and not before), in ${lang}`, async () => {
  const open = () => openPage(env.browser, withHintSeed(pageIn(lang), 'leave-one-out'), { lang });
  // 1: "Raise the learning rate to its maximum and press To the end".
  let { page, errors } = await open();
  // What each hint tells the learner to press or set is on the page under the name it uses.
  for (const id of ['overfit', 'bottom', 'loss-up']) await hintNamesControls(page, S, id);
  await pressOn(page, S, 'learning-rate', 'End');
  assert.equal(await shownValue(page, S, 'learning-rate'), '5.00');
  assert.equal(await solved(page, S, 'overfit'), false, 'not at epoch 0');
  const start = Number(await live(page, 'loss-off'));
  await P.toEnd(page);
  assert.equal(await solved(page, S, 'overfit'), true);
  assert.ok(Number(await live(page, 'loss-off')) < start / 5, 'the loss shown is below a fifth of its start');
  await page.close();

  // 2: "Raise the epochs to their maximum and press To the end; if the loss still differs from
  // L(w*), lower the learning rate a little and press To the end again" (a little: ten arrow
  // presses, a factor of about 1.2; seed 0 needs none).
  ({ page, errors } = await open());
  await pressOn(page, S, 'epochs', 'End');
  assert.equal(await shownValue(page, S, 'epochs'), '500');
  assert.equal(await solved(page, S, 'bottom'), false);
  await P.toEnd(page);
  for (let tries = 0; !(await solved(page, S, 'bottom')); tries++) {
    assert.notEqual(await live(page, 'loss-on'), await live(page, 'loss-w-star'), 'solved as the shown losses say');
    assert.ok(tries < 30, `not at the bottom down to lr = ${await shownValue(page, S, 'learning-rate')}`);
    await pressOn(page, S, 'learning-rate', 'ArrowLeft', 10);
    await P.toEnd(page);
  }
  assert.equal(await live(page, 'loss-on'), await live(page, 'loss-w-star'), 'the shown losses agree');
  await page.close();

  // 3: "With the sum loss, set w₀ to 1, raise the learning rate to its maximum and press Step …
  // If it fell, set w₀ to 2, 3, 4 and 5 in turn and press Step each time; if none of them makes it
  // rise, press New data and start again" (seed 0: w₀ = 1 at once; about one data set in seven
  // has no such rise).
  ({ page, errors } = await open());
  let rose = false;
  for (let sets = 0; !rose; sets++) {
    assert.ok(sets < 8, 'no rise on eight data sets');
    if (sets > 0) await page.click(`${S} button[data-action="new-data"]`);
    for (const w0 of [1, 2, 3, 4, 5]) {
      await arrowTo(page, S, 'initial-w', w0, { exact: true });
      if (w0 === 1) await pressOn(page, S, 'learning-rate', 'End');
      assert.equal(await live(page, 'epoch'), '0');
      assert.equal(await solved(page, S, 'loss-up'), false, 'epoch 0 shows no step');
      const l0 = Number(await live(page, 'loss-on'));
      await P.step(page);
      rose = Number(await live(page, 'loss-on')) > l0;
      assert.equal(await solved(page, S, 'loss-up'), rose, `w₀ = ${w0}: the shown loss went from ${l0} to ${await live(page, 'loss-on')}`);
      if (rose) break;
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('prose sweep: the recipe paragraph names the settings on screen and its word follows the rule', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const cases = [
    { w0: 0.5, lr: 0.5, epochs: 5, reduction: 'sum' },
    { w0: 0, lr: 0.5, epochs: 5, reduction: 'sum' },
    { w0: 5, lr: 5, epochs: 500, reduction: 'mean' },
    { w0: 1, lr: 0.001, epochs: 1, reduction: 'half-sum' },
    { w0: 2, lr: 0.1, epochs: 30, reduction: 'sum' },
    { w0: 0.5, lr: 5, epochs: 5, reduction: 'mean' },
  ];
  const words = new Set();
  for (const c of cases) {
    await page.goto(`${env.url}?${Object.entries(c).map(([k, v]) => `leave-one-out.${k}=${v}`).join('&')}`);
    await page.waitForSelector('#lab-status[data-state="ready"]');
    await settled(page, S);
    const want = expectedRecipe(c);
    words.add(want.word);
    const got = await live(page, 'recipe');
    assert.ok(got.startsWith(want.text), `${JSON.stringify(c)}: ${got}`);
    const epochs = await shownValue(page, S, 'epochs');
    assert.ok(got.includes(`learning rate ${await shownValue(page, S, 'learning-rate')} and ${epochs} ${epochs === '1' ? 'epoch' : 'epochs'}`), 'the sentence names the sliders’ values');
    const sentence = {
      'does not move': 'The gradient is 0, so w does not move.',
      'overshoots, barely moves': 'and barely moves.',
      'overshoots, keeps moving': 'w keeps moving.',
      towards: 'towards the minimum',
      away: 'away from the minimum',
    }[want.word];
    assert.ok(got.includes(sentence), `${JSON.stringify(c)} (${want.word}): ${got}`);
  }
  assert.ok(words.size >= 3, `the sweep meets several words: ${[...words]}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('in Chinese: the recipe paragraph and the player say the state on screen, as the catalog words it', async () => {
  const { page, errors } = await openPage(env.browser, pageIn('zh'), { lang: 'zh' });
  assert.equal(await P.status(page), t('player.start', { epochs: 5 }, 'zh'));
  const words = new Set();
  for (const c of [
    { w0: 0.5, lr: 0.5, epochs: 5, reduction: 'sum' },
    { w0: 0, lr: 0.5, epochs: 5, reduction: 'sum' },
    { w0: 1, lr: 0.001, epochs: 1, reduction: 'half-sum' },
    { w0: 0.5, lr: 5, epochs: 5, reduction: 'mean' },
  ]) {
    await page.goto(pageIn('zh', Object.entries(c).map(([k, v]) => `leave-one-out.${k}=${v}`).join('&')));
    await page.waitForSelector('#lab-status[data-state="ready"]');
    await settled(page, S);
    const want = expectedRecipe(c);
    words.add(want.word);
    assert.equal(await live(page, 'recipe'), want.zh, JSON.stringify(c));
  }
  assert.ok(words.size >= 3, `the sweep meets several words: ${[...words]}`);
  await P.toEnd(page);
  assert.equal(await P.status(page), t('player.end', { epochs: 5 }, 'zh'));
  // The export names its file and columns in the page's language.
  const file = t('leave-one-out.csvWFile', {}, 'zh');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${S} [data-export="csv:${file}"]`)]);
  assert.equal(download.suggestedFilename(), file);
  const header = (await readFile(await download.path(), 'utf8')).split('\n')[0].split(',').map((c) => c.replace(/^"|"$/g, ''));
  assert.deepEqual(header, ['colEpoch', 'colWOn', 'colLossOn', 'colWOff', 'colLossOff'].map((k) => t(`leave-one-out.${k}`, {}, 'zh')));
  assert.deepEqual(errors, []);
  await page.close();
});
