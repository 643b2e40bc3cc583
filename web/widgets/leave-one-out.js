// Exercise "why leave one out?" (d2l 10.2's parametric pooling; v1.0 exercise 2): w trained by
// d2l's recipe with leave-one-out on and off, side by side, on the loss landscape L(w).
import { button, copyLinkButton, select, trainingSliders } from '../controls.js';
import { faint, trainingPlayer } from '../training-player.js';
import { LineChart } from '../plots/line-chart.js';
import { RegressionPlot } from '../plots/regression.js';
import { WidgetState } from '../state.js';
import { addExport } from '../shell/export.js';
import { addOwnData, queryGrid } from '../shell/own-data.js';
import { addShowCode } from '../shell/show-code.js';
import { addTryThis } from '../shell/try-this.js';
import { fmt } from '../format.js';
import { LastResult, roundUp } from '../last-result.js';
import { LatestInWorker } from '../compute/latest-in-worker.js';
import { assetUrl } from '../assets.js';

const ON = 'var(--loo-on)';
const OFF = 'var(--loo-off)';
const LOSS_NAMES = { sum: 'sum loss', 'half-sum': 'half-sum loss', mean: 'mean loss' };
/** The sentences about d2l's recipe, whole, with their parameters (see recipe() for the rule). */
const SAY = {
  firstStep: (loss, lr, E, from, to, grad) =>
    `With the ${loss}, learning rate ${lr} and ${E} epochs, the first step moves w from ${from} to ${to}: the gradient there is ${grad}.`,
  scale: {
    sum: (n) => `Summing over the ${n} points makes it ${n} times larger than the mean loss would.`,
    'half-sum': (n) => `Half the sum over the ${n} points makes it ${n / 2} times larger than the mean loss would.`,
    mean: (n) => `The mean loss divides the sum's gradient by the ${n} points.`,
  },
  noStep: 'With 0 epochs there is no step.',
  still: 'The gradient is 0, so w does not move.',
  overshoot: (wStar) => `The step overshoots the minimum at w* = ${wStar}: it lands on the other side.`,
  flat: (g, step) => `There the gradient is ${g}, so the next step is ${step}, less than a tenth of the first: w is on the flat region where the softmax is nearly nearest-neighbour, and barely moves.`,
  notFlat: (g, step) => `There the gradient is ${g}, so the next step is ${step}, at least a tenth of the first: w keeps moving.`,
  towards: (wStar) => `The step moves w towards the minimum at w* = ${wStar} without passing it.`,
  away: (wStar) => `The step moves w away from the minimum at w* = ${wStar}.`,
};
// Own data: the largest data set this exercise recomputes at interactive speed (the own-data panel
// states it and refuses more), chosen so that the page's main-thread CPU time per load or slider
// step stays well below the 200 ms budget (measured on the project's 2-core VM; checked by
// tests/browser/own-data-budget.test.mjs):
// both trainings and both loss landscapes L(w) over every pair of points, O(n²) per w: about
// 90 ms at 100 rows and 360 ms at 200 (per load or step); 80 rows keep it near 60 ms.
const OWN_MAX_ROWS = 80;

export function mountLeaveOneOut(section, lab) {
  const state = new WidgetState(section, {
    seed: 0, w0: 0.5, lr: 0.5, epochs: 5, reduction: 'sum', epoch: 0, own: false,
  });
  const $ = (sel) => section.querySelector(sel);
  let data;
  let runs; // { on, off }: train() results plus per-epoch test error
  let landscape;
  let selected;

  const fit = new RegressionPlot($('[data-plot="fit"]'), {
    legend: [['truth', 'Truth'], [ON, 'With leave-one-out'], [OFF, 'Without'], ['point', 'Training data']],
  });
  const lossChart = new LineChart($('[data-plot="loss"]'), { xLabel: 'epoch', yLabel: 'training loss' });
  const errorChart = new LineChart($('[data-plot="error"]'), { xLabel: 'epoch', yLabel: 'MSE against the truth' });
  const wChart = new LineChart($('[data-plot="w"]'), { xLabel: 'epoch', yLabel: 'w' });
  const landscapeChart = new LineChart($('[data-plot="landscape"]'), { xLabel: 'w', yLabel: 'loss L(w)' });

  const model = () => ({ reduction: state.get('reduction') });

  function loadData() {
    const mine = own.current();
    data = mine
      ? { xTrain: mine.x, yTrain: mine.y, xTest: queryGrid(mine.x, 100), yTest: null } // own data: no truth
      : lab.makeDataset({ target: 'classic', seed: state.get('seed') });
    selected = lab.selectWidth({ x: data.xTrain, y: data.yTrain });
  }

  const landscapeMemo = new LastResult(); // L(w) does not depend on w0, the learning rate or the epochs
  const offload = new LatestInWorker({ lab, url: assetUrl('worker.js'), section });
  /**
   * Trains both runs and draws them. Hundreds of epochs with the test error at each take longer
   * than a frame (about 7 ms at 300 epochs, and the landscape as much again when its range grows):
   * during a drag they run in a worker (LatestInWorker), and each result is drawn as it arrives.
   */
  function trainBoth() {
    const d = data;
    const reductionNow = state.get('reduction');
    const common = { x: d.xTrain, y: d.yTrain, reduction: reductionNow, w0: state.get('w0'), lr: state.get('lr'), epochs: state.get('epochs') };
    const wStar = 1 / selected.width;
    offload.run({
      *steps() {
        const result = {};
        for (const [key, leaveOneOut] of [['on', true], ['off', false]]) {
          const r = yield ['train', { ...common, leaveOneOut }];
          // Own data has no truth: its errors are undefined (NaN), never 0.
          const testError = d.yTest
            ? Array.from(yield ['parametricErrors', { queries: d.xTest, keys: d.xTrain, values: d.yTrain, truth: d.yTest, ws: r.w }])
            : Array.from(r.w, () => NaN);
          result[key] = { ...r, testError };
        }
        // Wide enough to show the minimum, the trajectories and the plateau beyond them.
        const wMax = Math.max(12, roundUp(1.3 * Math.max(...result.on.w.map(Math.abs), ...result.off.w.map(Math.abs), wStar)));
        const key = [d, reductionNow, wMax];
        let land = landscapeMemo.peek(key);
        if (!land) {
          const ws = Array.from({ length: 241 }, (_, i) => (wMax * i) / 240);
          const at = (leaveOneOut) => ['lossLandscape', { x: d.xTrain, y: d.yTrain, reduction: reductionNow, leaveOneOut, ws }];
          land = { ws, on: (yield at(true)).loss, off: (yield at(false)).loss };
        }
        return { runs: { ...result, lr: common.lr, reduction: reductionNow }, key, land };
      },
      draw: (r) => {
        if (d !== data) return; // the data changed meanwhile: the job for the new data follows
        runs = r.runs;
        landscape = landscapeMemo.set(r.key, r.land);
        draw();
      },
    });
  }

  const predict = (w) => lab.predictParametric({ queries: data.xTest, keys: data.xTrain, values: data.yTrain, w });

  /**
   * Epoch k of both runs (k = min(epoch, the run's epochs)), and each whole run faintly behind it:
   * its path over the landscape and its final w, so that a new w₀, learning rate or epochs shows
   * where training will go before Play.
   */
  function draw() {
    const E = runs.on.loss.length - 1; // the run's own epochs (a run from the worker may be older than the slider)
    const k = Math.min(state.get('epoch'), E);
    const epochs = Array.from({ length: k + 1 }, (_, i) => i);
    const all = Array.from({ length: E + 1 }, (_, i) => i);
    const upTo = (a) => Array.from(a).slice(0, k + 1);
    const series = (field, label = true) => [
      { id: 'on-run', label: '', x: all, y: Array.from(runs.on[field]), color: faint(ON) },
      { id: 'off-run', label: '', x: all, y: Array.from(runs.off[field]), color: faint(OFF), dash: '6 3' },
      { id: 'on', label: label ? 'with leave-one-out' : '', x: epochs, y: upTo(runs.on[field]), color: ON, dots: true },
      { id: 'off', label: label ? 'without' : '', x: epochs, y: upTo(runs.off[field]), color: OFF, dots: true, dash: '6 3' },
    ];
    const xDomain = { x: [0, Math.max(1, E)] };
    lossChart.update(series('loss'), { domain: xDomain });
    errorChart.update(series('testError'), { domain: xDomain });
    wChart.update(series('w'), { domain: xDomain });

    const wStar = 1 / selected.width;
    landscapeChart.update(
      [
        { id: 'on', label: 'L(w) with leave-one-out', x: landscape.ws, y: Array.from(landscape.on), color: ON },
        { id: 'off', label: 'without', x: landscape.ws, y: Array.from(landscape.off), color: OFF, dash: '6 3' },
        // The whole runs (w, L(w)) per epoch: where training goes.
        { id: 'on-path', label: '', x: Array.from(runs.on.w), y: Array.from(runs.on.loss), color: faint(ON), dots: true },
        { id: 'off-path', label: '', x: Array.from(runs.off.w), y: Array.from(runs.off.loss), color: faint(OFF), dots: true, dash: '2 3' },
      ],
      {
        markers: [
          { x: runs.on.w[E], y: runs.on.loss[E], color: faint(ON), label: 'final w with leave-one-out' },
          { x: runs.off.w[E], y: runs.off.loss[E], color: faint(OFF), label: 'final w without' },
          { x: runs.on.w[k], y: runs.on.loss[k], color: ON, label: 'w with leave-one-out' },
          { x: runs.off.w[k], y: runs.off.loss[k], color: OFF, label: 'w without' },
          { x: wStar, y: Math.min(...landscape.on), color: 'var(--third)', label: 'w* = 1/h*' },
        ],
      },
    );
    fit.update({
      ...data,
      yTest: data.yTest ?? new Float64Array(data.xTest.length).fill(NaN), // own data: no truth, nothing drawn
      predictions: predict(runs.on.w[k]),
      extra: [{ id: 'off', values: predict(runs.off.w[k]), color: OFF, dash: '6 3' }],
    });
    writeProse(k);
    player.refresh();
  }

  function writeProse(k) {
    const on = runs.on;
    const off = runs.off;
    const E = on.loss.length - 1;
    const live = (name, text, value) => {
      for (const el of section.querySelectorAll(`[data-live="${name}"]`)) {
        el.textContent = text;
        if (value !== undefined) el.dataset.value = String(value);
      }
    };
    live('epoch', String(k), k);
    live('w-on', fmt(on.w[k]), on.w[k]);
    live('w-off', fmt(off.w[k]), off.w[k]);
    live('loss-on', fmt(on.loss[k]), on.loss[k]);
    live('loss-off', fmt(off.loss[k]), off.loss[k]);
    live('error-on', fmt(on.testError[k]), on.testError[k]);
    live('error-off', fmt(off.testError[k]), off.testError[k]);
    live('n', String(data.xTrain.length));
    const wStar = 1 / selected.width;
    live('w-star', fmt(wStar), wStar);
    live('h-star', fmt(selected.width), selected.width);
    const iMin = landscape.on.indexOf(Math.min(...landscape.on));
    live('w-grid-min', fmt(landscape.ws[iMin]), landscape.ws[iMin]);
    const zero = lab.lossLandscape({ x: data.xTrain, y: data.yTrain, ...model(), leaveOneOut: true, ws: [0] });
    live('grad-zero', String(zero.grad[0]), zero.grad[0]);
    const offEnd = landscape.off[landscape.off.length - 1];
    live('loss-off-far', fmt(offEnd), offEnd);
    live('w-far', fmt(landscape.ws[landscape.ws.length - 1]), landscape.ws[landscape.ws.length - 1]);
    live('recipe', recipe(on, E, wStar));
    lossAtWStar = lab.lossLandscape({ x: data.xTrain, y: data.yTrain, ...model(), leaveOneOut: true, ws: [wStar] }).loss[0];
    live('loss-w-star', fmt(lossAtWStar), lossAtWStar);
    tries.update();
    code.update();
  }

  /**
   * The paragraph on d2l's recipe from the run on screen (its own lr, epochs and loss: the run may
   * be older than the sliders). Its word for the first step follows from the numbers, on |w| (the
   * loss depends on w² only):
   *   "does not move"  w₁ = w₀;
   *   "overshoots"     |w₀| − w* and |w₁| − w* have opposite signs (the step passes the minimum),
   *                    and "barely moves" after it when the next step, |lr·dL/dw(w₁)|, is less
   *                    than a tenth of the first, |w₁ − w₀| (else "keeps moving");
   *   "towards"        ||w₁| − w*| < ||w₀| − w*| without passing it; else "away from".
   */
  function recipe(on, E, wStar) {
    const [w0, w1] = [on.w[0], on.w[1] ?? on.w[0]];
    const n = data.xTrain.length;
    const lossName = LOSS_NAMES[runs.reduction];
    const parts = [SAY.firstStep(lossName, fmt(runs.lr), E, fmt(w0), fmt(w1), fmt(on.grad[0])), SAY.scale[runs.reduction](n)];
    const [d0, d1] = [Math.abs(w0) - wStar, Math.abs(w1) - wStar];
    if (E === 0) parts.push(SAY.noStep);
    else if (w1 === w0) parts.push(SAY.still);
    else if (Math.sign(d0) * Math.sign(d1) < 0) {
      parts.push(SAY.overshoot(fmt(wStar)));
      const next = Math.abs(runs.lr * on.grad[1]);
      parts.push((next < Math.abs(w1 - w0) / 10 ? SAY.flat : SAY.notFlat)(fmt(on.grad[1]), fmt(next)));
    } else parts.push(Math.abs(d1) < Math.abs(d0) ? SAY.towards(fmt(wStar)) : SAY.away(fmt(wStar)));
    return parts.join(' ');
  }

  // Controls.
  const controls = $('[data-controls="settings"]');
  const { w0, lr, epochs } = trainingSliders({
    state, w0Min: 0, lrMax: 5, epochsMax: 500,
    // A new w0 or learning rate is a new run, shown from epoch 0; new epochs keep the shown epoch
    // (fewer only cut it).
    onInput: (patch) => {
      if (patch.epochs === undefined) play.stop();
      state.set({ ...patch, epoch: patch.epochs === undefined ? 0 : Math.min(state.get('epoch'), patch.epochs) });
      trainBoth();
    },
  });
  const reduction = select({
    label: 'Loss', value: state.get('reduction'),
    options: [['sum', 'sum of squares (d2l PyTorch)'], ['half-sum', '½ sum (d2l MXNet)'], ['mean', 'mean']],
    onChange: (v) => { play.stop(); state.set({ reduction: v, epoch: 0 }); trainBoth(); },
  });
  const player = trainingPlayer({ state, draw: () => runs && draw() });
  const play = player;
  const links = document.createElement('div');
  links.className = 'buttons';
  const copy = copyLinkButton(state);
  links.append(
    button('New data', () => { play.stop(); state.set({ seed: state.get('seed') + 1, epoch: 0 }); loadData(); trainBoth(); }),
    copy.button,
    button('Reset', () => {
      play.stop();
      state.reset();
      w0.set(state.get('w0')); lr.set(state.get('lr')); epochs.set(state.get('epochs')); reduction.set(state.get('reduction'));
      if (own.current()) state.set({ own: true }); // Reset keeps the learner's data ("Back to generated data" drops it)
      loadData(); trainBoth();
    }),
    copy.status,
  );
  controls.append(w0.element, lr.element, epochs.element, reduction.element, links);
  $('[data-controls="training"]').append(player.element);

  // Shared shell: own data, the code, export, "Try this" (web/shell/README.md).
  let lossAtWStar;
  const own = addOwnData(section, {
    lab, state, layout: 'x,y', minRows: 3, maxRows: OWN_MAX_ROWS,
    onChange: () => { play.stop(); state.set({ epoch: 0 }); loadData(); trainBoth(); },
  });
  const shown = () => Math.min(state.get('epoch'), state.get('epochs'));
  const code = addShowCode(section, () => ({
    xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest, own: !data.yTest,
    w0: state.get('w0'), lr: state.get('lr'), epochs: state.get('epochs'), reduction: state.get('reduction'), epoch: shown(),
  }));
  addExport(section, {
    csv: [
      { label: 'training data', filename: 'leave-one-out-data.csv',
        table: () => ({ columns: ['x', 'y'], rows: Array.from(data.xTrain, (x, i) => [x, data.yTrain[i]]) }) },
      { label: 'predictions', filename: 'leave-one-out-predictions.csv',
        table: () => {
          const k = shown();
          const on = predict(runs.on.w[k]);
          const off = predict(runs.off.w[k]);
          return {
            columns: ['query x', 'truth', `with leave-one-out (epoch ${k})`, `without (epoch ${k})`],
            rows: Array.from(data.xTest, (x, i) => [x, data.yTest ? data.yTest[i] : NaN, on[i], off[i]]),
          };
        } },
      { label: 'w per epoch', filename: 'leave-one-out-w.csv',
        table: () => ({
          columns: ['epoch', 'w with leave-one-out', 'loss with leave-one-out', 'w without', 'loss without'],
          rows: Array.from(runs.on.w, (w, e) => [e, w, runs.on.loss[e], runs.off.w[e], runs.off.loss[e]]),
        }) },
    ],
  });
  const at = (run) => run[shown()];
  /** A loss as the page shows it (3 significant digits): the checks compare what is on screen. */
  const onScreen = (v) => Number(fmt(v));
  const tries = addTryThis(section, [
    {
      id: 'overfit',
      task: 'With d2l’s sum loss, make the training loss without leave-one-out fall below 1. What happened to the fit?',
      hint: 'Raise the learning rate to its maximum and press “To the end”: the purple curve keeps falling as w grows.',
      explanation: 'Without leave-one-out every point attends to itself, so a large w puts all its weight on its own key and returns its own noisy y: the training loss heads to 0. The fit becomes a staircase through the training points, and its error against the noise-free truth rises while the training loss falls. A small training loss here means memorising, not learning.',
      check: () => runs.reduction === 'sum' && onScreen(at(runs.off.loss)) < 1,
    },
    {
      id: 'bottom',
      task: 'Train w with leave-one-out down to the bottom of its landscape: make its training loss equal L(w*) to three digits.',
      hint: 'd2l’s 5 epochs stop on the flat plateau. Raise the epochs to about 200 and press “To the end”.',
      explanation: 'With leave-one-out the loss has a real minimum, at w* = 1/h* — the width leave-one-out cross-validation selects. From the plateau the gradient is tiny, so w creeps back for many epochs: it is a plateau, not a local minimum. Gradient descent on w and width selection by cross-validation are two ways to the same point.',
      check: () => lossAtWStar !== undefined && fmt(at(runs.on.loss)) === fmt(lossAtWStar),
    },
    {
      id: 'loss-up',
      task: 'Find settings where a training step makes the leave-one-out loss go up.',
      hint: 'Gradient descent only goes downhill for small enough steps. With the sum loss, set w₀ to 1, raise the learning rate to its maximum and press Step: compare the loss at epoch 0 and at epoch 1.',
      explanation: 'A step of lr·dL/dw that is larger than the valley jumps over the minimum to the other side, where the loss can be higher: the loss then oscillates or climbs. The sum loss makes the gradient n times larger than the mean loss, so d2l’s lr = 0.5 with the sum is already a big step.',
      // A rise as shown (3 digits) at a step the page has shown: rounding noise near the minimum
      // is not a rise a learner can see.
      check: () => {
        const loss = runs.on.loss;
        for (let e = 1; e <= Math.min(shown(), loss.length - 1); e++) if (onScreen(loss[e]) > onScreen(loss[e - 1])) return true;
        return false;
      },
    },
  ]);

  loadData();
  trainBoth();
}
