// Exercise "w after the square" (forum): score −½((q − k)w)² (d2l) against −(q − k)²·w. The two
// are one family of Gaussians (w_after = w_before²/2), so the page shows what actually differs:
// the loss as a function of w (symmetric with a stationary point at 0, against no symmetry), the
// training dynamics side by side, the evidence for "smoother, less overfitting" over five data
// sets, and what a negative w after the square does (attention to far keys). Every number comes
// from the lab's API.
import { button, copyLinkButton, select, slider, toggle, trainingSliders } from '../controls.js';
import { faint, trainingPlayer } from '../training-player.js';
import { Heatmap } from '../plots/heatmap.js';
import { LineChart } from '../plots/line-chart.js';
import { RegressionPlot } from '../plots/regression.js';
import { WidgetState } from '../state.js';
import { addExport } from '../shell/export.js';
import { addOwnData, queryGrid } from '../shell/own-data.js';
import { addShowCode } from '../shell/show-code.js';
import { addTryThis } from '../shell/try-this.js';
import './after-square-code.js';
import { fmt } from '../format.js';
import { t } from '../i18n.js';
import { LastResult, roundUp } from '../last-result.js';
import { LatestInWorker, onPage } from '../compute/latest-in-worker.js';
import { assetUrl } from '../assets.js';

const BEFORE = 'var(--as-before)';
const AFTER = 'var(--as-after)';
const SEEDS = 5;
// Own data: the largest data set this exercise recomputes at interactive speed (the own-data panel
// states it and refuses more), chosen so that the page's main-thread CPU time per load or slider
// step stays well below the 200 ms budget (measured on the project's 2-core VM; checked by
// tests/browser/own-data-budget.test.mjs):
// both runs, their landscapes and the evidence: about 45 ms at 100 rows, 120 ms at 200.
const OWN_MAX_ROWS = 100;
/** The CSV columns of a pair of runs (w, loss, error before and after the square). */
const RESULT_COLUMNS = () => ['colWBefore', 'colLossBefore', 'colErrorBefore', 'colWAfter', 'colLossAfter', 'colErrorAfter'].map((k) => say(k));
const PLACEMENTS = { before: 'before-square', after: 'after-square' };
/** A loss as the page shows it (4 significant digits): checks and words compare what is on screen. */
const onScreen = (v) => Number(fmt(v, 4));
/** The steps of a run whose shown loss is higher than the epoch before (a step past the valley). */
const rises = (loss) => {
  let n = 0;
  for (let e = 1; e < loss.length; e++) if (onScreen(loss[e]) > onScreen(loss[e - 1])) n++;
  return n;
};
/** The exercise's message `key` ('after-square.<key>'), whole, with its parameters. */
const say = (key, params) => t(`after-square.${key}`, params);

export function mountAfterSquare(section, lab) {
  const state = new WidgetState(section, {
    seed: 0, w0: 1, lr: 0.5, epochs: 5, optimizer: 'sgd', loo: true, epoch: 0, wshow: 2, own: false,
  });
  const $ = (sel) => section.querySelector(sel);
  let data;
  let runs; // { before, after }: train() results
  let evidenceRows; // the evidence table's <tbody>, for the CSV export
  let own; // the own-data panel (web/shell)
  let code;
  let tries;
  let tests; // { before, after }: error against the truth per epoch
  let landscape; // { ws, before, after }

  const landscapeChart = new LineChart($('[data-plot="as-landscape"]'), { xLabel: 'w', yLabel: say('axisLandscape') });
  const wChart = new LineChart($('[data-plot="as-w"]'), { xLabel: say('axisEpoch'), yLabel: 'w' });
  const lossChart = new LineChart($('[data-plot="as-loss"]'), { xLabel: say('axisEpoch'), yLabel: say('axisTrainingLoss') });
  const testChart = new LineChart($('[data-plot="as-test"]'), { xLabel: say('axisEpoch'), yLabel: say('axisError') });
  const fit = new RegressionPlot($('[data-plot="as-fit"]'), {
    legend: [['truth', say('legendTruth')], ['prediction', say('legendAfter')], [BEFORE, say('legendBefore')], ['point', say('legendData')]],
  });
  const heatmap = new Heatmap($('[data-plot="as-heatmap"]'), { onQuery: (i) => focusQuery(i) });
  const flipFit = new RegressionPlot($('[data-plot="as-flip-fit"]'), {
    legend: [['truth', say('legendTruth')], ['prediction', say('legendChosen')], ['point', say('legendData')]],
    onQuery: (i) => focusQuery(i),
  });

  const live = (name, value, text = fmt(value)) => {
    for (const el of section.querySelectorAll(`[data-live="${name}"]`)) {
      el.textContent = text;
      if (typeof value === 'number') el.dataset.value = String(value);
    }
  };

  const model = (d, placement, leaveOneOut = state.get('loo')) => ({
    x: d.xTrain, y: d.yTrain, placement: PLACEMENTS[placement], leaveOneOut,
  });
  const predict = (d, placement, w) =>
    lab.predictParametric({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, placement: PLACEMENTS[placement], w });
  /**
   * Steps (web/compute/latest-in-worker.js) of the error against the truth at every w of ws (NaN
   * where a run diverged). Own data has no noise-free truth: its errors are undefined (NaN), never 0.
   */
  function* testErrors(d, placement, ws) {
    if (!d.yTest) return Array.from(ws, () => NaN);
    return Array.from(yield ['parametricErrors', { queries: d.xTest, keys: d.xTrain, values: d.yTrain, truth: d.yTest, placement: PLACEMENTS[placement], ws }]);
  }
  const testError = (d, placement, w) => onPage(() => testErrors(d, placement, [w]), lab)[0];
  const forPlot = (d) => ({ ...d, yTest: d.yTest ?? new Float64Array(d.xTest.length).fill(NaN) });

  function loadData() {
    const mine = own?.current();
    data = mine
      ? { xTrain: mine.x, yTrain: mine.y, xTest: queryGrid(mine.x, 50), yTest: null }
      : lab.makeDataset({ target: 'classic', seed: state.get('seed') });
  }

  const landscapeMemo = new LastResult(); // L(w) does not depend on w0, the optimizer or the epochs
  const offload = new LatestInWorker({ lab, url: assetUrl('worker.js'), section });
  /**
   * Trains both runs, their errors against the truth, the landscape and the evidence on SEEDS data
   * sets, and draws them. At a few hundred epochs that is ten runs of n² per epoch (about 10 ms):
   * during a drag it runs in a worker (LatestInWorker), and each result is drawn as it arrives.
   */
  function train() {
    const d = data;
    const settings = {
      seed: state.get('seed'), loo: state.get('loo'),
      common: { lr: state.get('lr'), epochs: state.get('epochs'), optimizer: state.get('optimizer') },
      // The same initial model for both runs: w_after(0) = w_before(0)²/2 (the parametrisation map).
      w0: { before: state.get('w0'), after: (state.get('w0') * state.get('w0')) / 2 },
    };
    const trainOn = (dd, placement) =>
      ['train', { ...model(dd, placement, settings.loo), w0: settings.w0[placement], ...settings.common }];
    offload.run({
      *steps() {
        const r = { before: yield trainOn(d, 'before'), after: yield trainOn(d, 'after') };
        const t = { before: yield* testErrors(d, 'before', r.before.w), after: yield* testErrors(d, 'after', r.after.w) };
        const all = [...r.before.w, ...r.after.w].map(Math.abs).filter(Number.isFinite);
        const wMax = Math.min(60, Math.max(4, roundUp(1.15 * Math.max(...all))));
        const key = [d, settings.loo, wMax];
        let land = landscapeMemo.peek(key);
        if (!land) {
          const ws = Array.from({ length: 201 }, (_, i) => -wMax + (2 * wMax * i) / 200);
          const at = (placement) => ['lossLandscape', { ...model(d, placement, settings.loo), ws }];
          land = { ws, before: yield at('before'), after: yield at('after') };
        }
        // The same settings on SEEDS data sets (own data is one data set: its row only).
        const rows = [];
        const E = settings.common.epochs;
        for (let s = settings.seed; s < settings.seed + (d.yTest ? SEEDS : 1); s++) {
          const ds = s === settings.seed ? d : yield ['makeDataset', { target: 'classic', seed: s }];
          const rs = s === settings.seed ? r : { before: yield trainOn(ds, 'before'), after: yield trainOn(ds, 'after') };
          const row = { seed: s };
          for (const k of ['before', 'after']) {
            const w = rs[k].w[E];
            row[k] = { w, loss: rs[k].loss[E], test: (yield* testErrors(ds, k, [w]))[0] };
          }
          rows.push(row);
        }
        return { runs: { ...r, lr: settings.common.lr, optimizer: settings.common.optimizer }, tests: t, key, land, rows };
      },
      draw: (result) => {
        if (d !== data) return; // the data changed meanwhile: the job for the new data follows
        ({ runs, tests } = result);
        landscape = landscapeMemo.set(result.key, result.land);
        writeFacts();
        evidence(result.rows);
        drawTraining();
      },
    });
  }

  /** Facts of the landscape and of the runs' first step, quoted in the prose. */
  function writeFacts() {
    const zero = (k) => lab.lossLandscape({ ...model(data, k), ws: [0] });
    const z = { before: zero('before'), after: zero('after') };
    live('grad-b-zero', z.before.grad[0], fmt(z.before.grad[0], 3));
    live('grad-a-zero', z.after.grad[0], fmt(z.after.grad[0], 3));
    live('loss-a-zero', z.after.loss[0], fmt(z.after.loss[0], 4));
    const neg = -1;
    const atNeg = lab.lossLandscape({ ...model(data, 'after'), ws: [neg] }).loss[0];
    live('neg-w', neg, String(neg));
    live('loss-a-neg', atNeg, fmt(atNeg, 4));
    // The parametrisation map, checked: L_before(w) = L_after(w²/2).
    const wb = 3;
    const wa = (wb * wb) / 2;
    const lb = lab.lossLandscape({ ...model(data, 'before'), ws: [wb] }).loss[0];
    const la = lab.lossLandscape({ ...model(data, 'after'), ws: [wa] }).loss[0];
    live('check-wb', wb, String(wb));
    live('check-wa', wa, fmt(wa));
    live('check-lb', lb, fmt(lb, 10));
    live('check-la', la, fmt(la, 10));
    live('w0b', runs.before.w[0], fmt(runs.before.w[0]));
    live('w0a', runs.after.w[0], fmt(runs.after.w[0]));
    live('grad-b0', runs.before.grad[0], fmt(runs.before.grad[0], 4));
    live('grad-a0', runs.after.grad[0], fmt(runs.after.grad[0], 4));
    live('wb1', runs.before.w[1], fmt(runs.before.w[1], 4));
    live('wa1', runs.after.w[1], fmt(runs.after.w[1], 4));
    live('l0', runs.before.loss[0], fmt(runs.before.loss[0], 4));
    live('lb1', runs.before.loss[1], fmt(runs.before.loss[1], 4));
    live('la1', runs.after.loss[1], fmt(runs.after.loss[1], 4));
    // From the runs' own settings (a result from the worker may be older than the sliders).
    const E = runs.before.loss.length - 1;
    live('overshoot', undefined, say('overshoot', { lr: fmt(runs.lr), optimizer: runs.optimizer, epochs: E, before: rises(runs.before.loss), after: rises(runs.after.loss) }));
  }

  /** The evidence table (rows from train()) and its win counts. */
  function evidence(rows) {
    const tbody = section.querySelector('[data-table="evidence"] tbody');
    tbody.replaceChildren();
    let winsTest = 0;
    let winsLoss = 0;
    for (const row of rows) {
      const cells = [data.yTest ? String(row.seed) : say('ownRow')];
      for (const k of ['before', 'after']) cells.push(fmt(row[k].w, 4), fmt(row[k].loss, 4), fmt(row[k].test, 3));
      if (row.after.test < row.before.test) winsTest++;
      if (row.after.loss < row.before.loss) winsLoss++;
      const tr = document.createElement('tr');
      tr.dataset.seed = String(row.seed);
      for (const [i, c] of cells.entries()) {
        const td = document.createElement(i === 0 ? 'th' : 'td');
        if (i === 0) td.scope = 'row';
        td.textContent = c;
        tr.append(td);
      }
      tbody.append(tr);
    }
    evidenceRows = tbody;
    const sets = rows.length;
    const first = rows[0].seed;
    live('sets', sets, String(sets));
    live('sets-desc', undefined, data.yTest ? say('setsSeeds', { sets: SEEDS, first, last: first + SEEDS - 1 }) : say('setsOwn'));
    live('wins-test', winsTest, String(winsTest));
    live('wins-loss', winsLoss, String(winsLoss));
    live('lr', state.get('lr'), fmt(state.get('lr')));
    live('optimizer', undefined, say('optimizerName', { optimizer: state.get('optimizer') }));
    live('loo', undefined, say('looName', { loo: state.get('loo') ? 'on' : 'off' }));
  }

  function drawTraining() {
    const E = runs.before.loss.length - 1; // the runs' own epochs (a result from the worker may be older than the slider)
    const k = Math.min(state.get('epoch'), E);
    const epochs = Array.from({ length: k + 1 }, (_, i) => i);
    const upTo = (a) => Array.from(a).slice(0, k + 1);
    const all = Array.from({ length: E + 1 }, (_, i) => i);
    // Each whole run faintly behind the epochs played so far: a new w₀, rate or epochs shows
    // where training goes before Play.
    const series = (get) => [
      // `name`: what the summary and the data table call a series kept out of the legend.
      { id: 'after-run', label: '', name: say('nameAfterRun'), x: all, y: Array.from(get('after')), color: faint(AFTER) },
      { id: 'before-run', label: '', name: say('nameBeforeRun'), x: all, y: Array.from(get('before')), color: faint(BEFORE), dash: '6 3' },
      { id: 'after', label: say('seriesAfter'), x: epochs, y: upTo(get('after')), color: AFTER, dots: true },
      { id: 'before', label: say('seriesBefore'), x: epochs, y: upTo(get('before')), color: BEFORE, dots: true, dash: '6 3' },
    ];
    const xDomain = { x: [0, Math.max(1, E)] };
    wChart.update(series((p) => runs[p].w), { domain: xDomain });
    lossChart.update(series((p) => runs[p].loss), { domain: xDomain });
    testChart.update(series((p) => tests[p]), { domain: xDomain });
    landscapeChart.update(
      [
        { id: 'after', label: say('seriesAfter'), x: landscape.ws, y: Array.from(landscape.after.loss), color: AFTER },
        { id: 'before', label: say('seriesBefore'), x: landscape.ws, y: Array.from(landscape.before.loss), color: BEFORE, dash: '6 3' },
        { id: 'after-path', label: '', name: say('nameAfterPath'), x: Array.from(runs.after.w), y: Array.from(runs.after.loss), color: faint(AFTER), dots: true },
        { id: 'before-path', label: '', name: say('nameBeforePath'), x: Array.from(runs.before.w), y: Array.from(runs.before.loss), color: faint(BEFORE), dots: true, dash: '2 3' },
      ],
      {
        // Marker labels are hooks (data-marker), not shown: they stay the same in every language.
        markers: [
          { x: runs.after.w[E], y: runs.after.loss[E], color: faint(AFTER), label: 'final w after' },
          { x: runs.before.w[E], y: runs.before.loss[E], color: faint(BEFORE), label: 'final w before' },
          { x: runs.after.w[k], y: runs.after.loss[k], color: AFTER, label: 'w after' },
          { x: runs.before.w[k], y: runs.before.loss[k], color: BEFORE, label: 'w before' },
        ],
      },
    );
    fit.update({
      ...forPlot(data),
      predictions: predict(data, 'after', runs.after.w[k]),
      extra: [{ id: 'before', label: say('legendBefore'), values: predict(data, 'before', runs.before.w[k]), color: BEFORE, dash: '6 3' }],
    });
    live('epoch', k, String(k));
    live('epochs', E, String(E));
    live('wb', runs.before.w[k], fmt(runs.before.w[k], 4));
    live('wa', runs.after.w[k], fmt(runs.after.w[k], 4));
    live('lb', runs.before.loss[k], fmt(runs.before.loss[k], 4));
    live('la', runs.after.loss[k], fmt(runs.after.loss[k], 4));
    live('tb', tests.before[k], fmt(tests.before[k], 3));
    live('ta', tests.after[k], fmt(tests.after[k], 3));
    play.refresh();
    code?.update();
    tries?.update();
  }

  // ---- Negative w: the attention matrix after the square ---------------------------------------
  let flipWeights;
  function focusQuery(i) {
    const nk = data.xTrain.length;
    flipFit.highlight(i, i === null ? null : flipWeights.subarray(i * nk, (i + 1) * nk));
    heatmap.highlight(i);
  }

  function drawFlip() {
    const w = state.get('wshow');
    flipWeights = lab.parametricWeights({ queries: data.xTest, keys: data.xTrain, placement: 'after-square', w });
    heatmap.update({ weights: flipWeights, queries: data.xTest, keys: data.xTrain });
    const predictions = predict(data, 'after', w);
    flipFit.update({ ...forPlot(data), predictions });
    const nk = data.xTrain.length;
    const row = flipWeights.subarray(0, nk);
    const best = row.indexOf(Math.max(...row));
    live('wshow', w, fmt(w));
    live('q-first', data.xTest[0], fmt(data.xTest[0], 2));
    live('q-first-key', data.xTrain[best], fmt(data.xTrain[best], 3));
    live('q-first-weight', row[best], fmt(row[best], 3));
    const shownTest = testError(data, 'after', w);
    live('show-test', shownTest, fmt(shownTest, 3));
    tries?.update();
  }

  // A new run starts at epoch 0; new epochs keep the epoch shown (web/training-player.js).
  const retrain = (patch) => play.retrain(patch, train);
  const { w0, lr, epochs } = trainingSliders({
    state, w0Label: say('w0Label'), lrMax: 1, epochsMax: 300, onInput: retrain,
  });
  // Control names (data-control) are those of the English labels: links and tests use them in every language.
  const optimizer = select({
    name: 'optimizer', label: say('optimizerLabel'), options: [['sgd', say('optimizerSgd')], ['adam', say('optimizerAdam')]], value: state.get('optimizer'),
    onChange: (v) => retrain({ optimizer: v }),
  });
  const loo = toggle({ name: 'leave-one-out-loss', label: say('looLabel'), value: state.get('loo'), onChange: (v) => retrain({ loo: v }) });
  const play = trainingPlayer({ state, draw: () => runs && drawTraining() });
  const wshow = slider({
    name: 'w-after-the-square-heatmap', label: say('wshowLabel'), min: -3, max: 10, step: 0.05, value: state.get('wshow'), format: (v) => v.toFixed(2),
    onInput: (v) => { state.set({ wshow: v }); drawFlip(); },
  });
  const links = document.createElement('div');
  links.className = 'buttons';
  const copy = copyLinkButton(state);
  links.append(
    button(say('newData'), () => { play.stop(); state.set({ seed: state.get('seed') + 1, epoch: 0 }); everything(); }, say('newDataTitle'), 'new-data', 'new-data'),
    copy.button,
    button(say('reset'), () => {
      play.stop();
      state.reset();
      if (own.current()) state.set({ own: true }); // Reset keeps the learner's data ("Back to generated data" drops it)
      w0.set(state.get('w0')); lr.set(state.get('lr')); epochs.set(state.get('epochs'));
      optimizer.set(state.get('optimizer')); loo.set(state.get('loo')); wshow.set(state.get('wshow'));
      everything();
    }, say('resetTitle'), 'reset', 'reset'),
    copy.status,
  );
  $('[data-controls="training"]').append(w0.element, lr.element, epochs.element, optimizer.element, loo.element, links, play.element);
  $('[data-controls="flip"]').append(wshow.element);

  function everything() {
    loadData();
    train();
    drawFlip();
  }

  // ---- Shared shell: own data, the code, export, "Try this" (web/shell/README.md) ---------------
  own = addOwnData(section, { lab, state, layout: 'x,y', minRows: 3, maxRows: OWN_MAX_ROWS, onChange: () => { play.stop(); state.set({ epoch: 0 }); everything(); } });
  code = addShowCode(section, () => ({
    xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest, own: !data.yTest,
    w0: state.get('w0'), lr: state.get('lr'), epochs: state.get('epochs'), optimizer: state.get('optimizer'), loo: state.get('loo'),
  }));
  addExport(section, {
    csv: [
      { label: say('csvData'), filename: say('csvDataFile'),
        table: () => ({ columns: ['x', 'y'], rows: Array.from(data.xTrain, (x, i) => [x, data.yTrain[i]]) }) },
      { label: say('csvRuns'), filename: say('csvRunsFile'),
        table: () => ({
          columns: [say('colEpoch'), ...RESULT_COLUMNS()],
          rows: Array.from(runs.before.w, (w, e) => [e, w, runs.before.loss[e], tests.before[e], runs.after.w[e], runs.after.loss[e], tests.after[e]]),
        }) },
      { label: say('csvEvidence'), filename: say('csvEvidenceFile'),
        table: () => ({
          columns: [say('colSeed'), ...RESULT_COLUMNS()],
          rows: Array.from(evidenceRows.rows, (tr) => Array.from(tr.cells, (c) => c.textContent)),
        }) },
      { label: say('csvWeights'), filename: say('csvWeightsFile'),
        table: () => ({
          columns: [say('colQuery'), ...Array.from(data.xTrain, (key) => say('colKey', { key }))],
          rows: Array.from(data.xTest, (q, i) => [q, ...flipWeights.subarray(i * data.xTrain.length, (i + 1) * data.xTrain.length)]),
        }) },
    ],
  });
  // The epoch the page shows, and whether it is the runs' last: a task ticks for what is on screen.
  const shown = () => Math.min(state.get('epoch'), runs.before.loss.length - 1);
  const atEnd = () => shown() === runs.before.loss.length - 1;
  const shownOf = (k, field) => runs[k][field][shown()];
  const farKey = () => {
    const nk = data.xTrain.length;
    const row = flipWeights.subarray(0, nk);
    return row.indexOf(Math.max(...row)) === nk - 1; // keys sorted, query 0 the leftmost: the farthest key is the last
  };
  tries = addTryThis(section, [
    {
      id: 'same-model',
      task: say('sameModelTask'),
      hint: say('sameModelHint'),
      explanation: say('sameModelExplanation'),
      // "End": at the runs' last epoch, shown (at epoch 0 both start from the same model).
      check: () => atEnd() && fmt(shownOf('before', 'loss'), 3) === fmt(shownOf('after', 'loss'), 3),
    },
    {
      id: 'overfit',
      task: say('overfitTask'),
      hint: say('overfitHint'),
      explanation: say('overfitExplanation'),
      check: () => !state.get('loo') && onScreen(shownOf('before', 'loss')) < 5,
    },
    {
      id: 'far-keys',
      task: say('farKeysTask'),
      hint: say('farKeysHint'),
      explanation: say('farKeysExplanation'),
      check: () => state.get('wshow') < 0 && farKey(),
    },
  ]);
  everything();
}
