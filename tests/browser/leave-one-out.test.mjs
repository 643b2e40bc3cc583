// The "why leave one out?" exercise as a learner uses it, checked against the API in node.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { dragSlider, linkedState, offloaded, openPage, screenshot, useBrowser } from './browser.mjs';

const S = '#leave-one-out';
const env = useBrowser();
const lab = await createLab();

const live = (page, name) => page.textContent(`${S} [data-live="${name}"]`);
const series = async (page, plot, id, axis = 'y') =>
  (await page.getAttribute(`${S} [data-plot="${plot}"] path[data-series="${id}"]`, `data-${axis}`)).split(',').map(Number);
const slider = (page, label) => page.locator(`${S} .control`, { hasText: label }).locator('input[type=range]');

test('loads clean, and the prose quotes the API numbers for this state', async () => {
  const { page, errors } = await openPage(env.browser, env.url);
  const data = lab.makeDataset({ target: 'classic', seed: 0 });
  const t = lab.train({ x: data.xTrain, y: data.yTrain, w0: 0.5 });
  const sel = lab.selectWidth({ x: data.xTrain, y: data.yTrain });
  assert.equal(await live(page, 'first-step'), `${t.w[0].toPrecision(3)} to ${t.w[1].toPrecision(3)}`);
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
  await page.click(`${S} button:text("Step")`);
  assert.equal(await live(page, 'epoch'), '1');
  assert.notEqual(await live(page, 'w-on'), '0.500');
  await page.click(`${S} button:text("Play")`);
  await page.waitForFunction((s) => document.querySelector(`${s} [data-live="epoch"]`).textContent === '5', S);
  assert.equal((await series(page, 'w', 'on')).length, 6);
  await page.click(`${S} button:text("Reset training")`);
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
  await page.selectOption(`${S} select`, 'mean');
  const ws = await series(page, 'landscape', 'on', 'x');
  const plotted = await series(page, 'landscape', 'on');
  const data = lab.makeDataset({ target: 'classic', seed: 0 });
  const expected = lab.lossLandscape({ x: data.xTrain, y: data.yTrain, reduction: 'mean', ws }).loss;
  plotted.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= 1e-12 * expected[i], `L(${ws[i]})`));

  const w0 = slider(page, 'Initial w');
  await w0.focus();
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  const w0Text = await page.textContent(`${S} .control:has-text("Initial w") output`);
  assert.equal(w0Text, '1.00');
  const lr = slider(page, 'Learning rate');
  await lr.focus();
  await page.keyboard.press('ArrowLeft');
  await page.click(`${S} button:text("Step")`);
  const readout = { w: await live(page, 'w-on'), loss: await live(page, 'loss-off') };
  const url = await page.evaluate(() => location.href);
  assert.match(url, /leave-one-out\.reduction=mean/);

  const { page: again } = await openPage(env.browser, url);
  assert.equal(await live(again, 'w-on'), readout.w);
  assert.equal(await live(again, 'loss-off'), readout.loss);
  assert.equal(await again.textContent(`${S} .control:has-text("Initial w") output`), '1.00');
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
  await dragSlider(page, slider(page, 'Epochs'), [0.97, 0.92, 0.88, 0.85]);
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
  await dragSlider(page, slider(page, 'Learning rate'), [0.2, 0.8, 0.5, 0.65]);
  st = await stateOf();
  assert.notEqual(st.lr, 0.5, 'the drag changed the learning rate');
  runs = runsOf(st);
  assert.equal(await live(page, 'first-step'), `${runs.on.w[0].toPrecision(3)} to ${runs.on.w[1].toPrecision(3)}`);
  assert.deepEqual(await series(page, 'loss', 'off'), [runs.off.loss[0]]);
  await landscapeMatches();
  assert.ok(await offloaded(page, S) > 0, 'no run came from the worker');
  assert.deepEqual(errors, []);
  await page.close();
});
