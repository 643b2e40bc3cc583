// Exercise "attention pooling by similarity": d2l's data, a kernel and a width; the fit and the
// attention heatmap, linked both ways, update live as the controls move.
import { assetUrl } from '../assets.js';
import { LatestInWorker } from '../compute/latest-in-worker.js';
import { button, copyLinkButton, select, slider } from '../controls.js';
import { fmt } from '../format.js';
import { t } from '../i18n.js';
import { Heatmap } from '../plots/heatmap.js';
import { RegressionPlot } from '../plots/regression.js';
import { WidgetState } from '../state.js';
import { addExport } from '../shell/export.js';
import { addOwnData, queryGrid } from '../shell/own-data.js';
import { addShowCode } from '../shell/show-code.js';
import { addTryThis } from '../shell/try-this.js';
import './kernel-regression-code.js';
import { FORMULA_HTML, FORMULA_TEX } from './kernel-formulas.js';

// Every word below is a message of web/i18n/<lang>/kernel-regression.json, looked up when drawn.
const KERNELS = ['gaussian', 'boxcar', 'constant', 'triangular', 'epanechnikov'];
const m = (key, params) => t(`kernel-regression.${key}`, params);

const HEATMAP_CELLS = 800; // per side, where the canvas's size in device pixels is not known yet

// What the intro says and shows for each kernel: one whole sentence (the message intro.<kernel>)
// and the weight formula (the page must never say "Gaussian" after another kernel was chosen).
// Own data: the largest data set this exercise recomputes at interactive speed (the own-data panel
// states it and refuses more), chosen so that the page's main-thread CPU time per load or slider
// step stays well below the 200 ms budget (measured on the project's 2-core VM; checked by
// tests/browser/own-data-budget.test.mjs):
// every step recomputes the fit, the heatmap and the leave-one-out error of the width, O(n²):
// about 30 ms at 2,000 rows and 80 ms at 4,000.
const OWN_MAX_ROWS = 2000;

export function mountKernelRegression(section, lab) {
  const state = new WidgetState(section, { seed: 0, n: 50, width: 0.5, kernel: 'gaussian', own: false });
  let data;
  let err; // the current prediction's error against the truth (null for own data: no truth)
  let loo; // the leave-one-out-selected width for this data and kernel, and its error

  const regression = new RegressionPlot(section.querySelector('[data-plot="regression"]'), {
    onQuery: (i) => focusQuery(i),
  });
  const heatmap = new Heatmap(section.querySelector('[data-plot="heatmap"]'), {
    onQuery: (i) => focusQuery(i),
  });

  const pooling = () => ({ keys: data.xTrain, values: data.yTrain, kernel: state.get('kernel'), width: state.get('width') });

  // The full weight row of one query, computed when it is focused: the view never needs the whole
  // n_queries × n_keys matrix (the heatmap is binned to display resolution in the core).
  function focusQuery(i) {
    regression.highlight(i, i === null ? null : lab.attend({ ...pooling(), queries: [data.xTest[i]] }).weights);
    heatmap.highlight(i);
  }

  let avgErr;
  function loadData() {
    const mine = own.current();
    data = mine
      ? { xTrain: mine.x, yTrain: mine.y, xTest: queryGrid(mine.x), yTest: null }
      : lab.makeDataset({ target: 'classic', nTrain: state.get('n'), seed: state.get('seed') });
    // Average pooling does not depend on the width or the kernel: once per data set.
    const avg = lab.attend({ queries: data.xTest, keys: data.xTrain, values: data.yTrain, kernel: 'constant', returnWeights: false });
    avgErr = data.yTest ? lab.meanSquaredError({ predictions: avg.predictions, truth: data.yTest }) : null;
    selectWidth();
  }

  // Leave-one-out cross-validation's width for this data and kernel (constant: nothing to select),
  // computed in a worker at every n, also while n is dragged: for 1-D data the core selects it in
  // O(n) per candidate width (about a tenth of a second at n = 10,000), and the worker only ever
  // runs the latest data's job.
  const background = new LatestInWorker({ lab, url: assetUrl('worker.js'), section });
  function selectWidth() {
    loo = null;
    if (state.get('kernel') === 'constant' || !data.yTest) return;
    loo = { pending: 'computing' };
    const d = data;
    const kernel = state.get('kernel');
    const options = { x: d.xTrain, y: d.yTrain, kernel };
    const show = (sel) => {
      if (data !== d || state.get('kernel') !== kernel) return; // changed meanwhile: a newer job follows
      const at = lab.attend({ ...pooling(), width: sel.width, queries: d.xTest, returnWeights: false });
      loo = { width: sel.width, err: lab.meanSquaredError({ predictions: at.predictions, truth: d.yTest }) };
      compute();
    };
    background.queue({
      *steps() {
        return yield ['selectWidth', options];
      },
      draw: show,
    });
  }

  function describeKernel() {
    const k = state.get('kernel');
    const intro = section.querySelector('[data-live="kernel-intro"]');
    if (intro.dataset.kernel === k) return;
    intro.dataset.kernel = k;
    intro.textContent = m(`intro.${k}`);
    const formula = section.querySelector('[data-live="kernel-formula"]');
    formula.dataset.texDisplay = FORMULA_TEX[k];
    formula.innerHTML = FORMULA_HTML[k]; // typeset by KaTeX at build time (kernel-formulas.js)
    section.querySelector('[data-live="width-lesson"]').textContent = m(k === 'constant' ? 'lesson.constant' : 'lesson.other');
  }

  /** Own data: the n slider cannot show the data's n (any n is allowed): disabled, with the data's n. */
  function showN() {
    const mine = own.current();
    if (!mine && !n.input.disabled) return; // generated data: the slider shows its own value
    n.input.disabled = Boolean(mine);
    const out = n.element.querySelector('output');
    if (mine) {
      out.textContent = String(mine.x.length);
      n.input.setAttribute('aria-valuetext', m('nOwnValueText', { n: String(mine.x.length) }));
      n.input.title = m('nOwnTitle');
    } else {
      n.set(state.get('n'));
      n.input.removeAttribute('title');
    }
    // Own data has no noise-free truth: its legend entry goes with it.
    const truthKey = section.querySelector('[data-plot="regression"] [data-legend="truth"]');
    if (truthKey) truthKey.style.display = mine ? 'none' : '';
    // …and so does the caption's word for it.
    const caption = section.querySelector('[data-plot="regression"] figcaption');
    if (caption) caption.textContent = m(mine ? 'caption.own' : 'caption.generated');
  }

  function compute() {
    describeKernel();
    showN();
    const cells = heatmap.deviceCells(HEATMAP_CELLS);
    const result = lab.attentionImage({
      ...pooling(),
      queries: data.xTest,
      // One cell per device pixel of the canvas: the core sums the weights of the keys each pixel
      // column covers, so nothing is sampled (more cells than pixels would be, by the browser,
      // and show stripes that are not in the data).
      rows: Math.min(data.xTest.length, cells.rows),
      cols: Math.min(data.xTrain.length, cells.cols),
    });
    // Own data has no truth: the plot gets NaN there (drawn as nothing, never as 0).
    regression.update({ ...data, yTest: data.yTest ?? new Float64Array(data.xTest.length).fill(NaN), predictions: result.predictions });
    heatmap.update({ image: result.image, rows: result.rows, cols: result.cols, queries: data.xTest, keys: data.xTrain });
    predictions = result.predictions;
    const summary = section.querySelector('[data-live="summary"]');
    const looSpan = section.querySelector('[data-live="loo"]');
    if (!data.yTest) {
      // Own data: there is no noise-free truth to compare with.
      err = null;
      const nUndefined = result.undefinedQueries.length;
      const cv = lab.looCurve({ x: data.xTrain, y: data.yTrain, kernel: state.get('kernel'), widths: [state.get('width')] });
      summary.dataset.mse = 'NaN';
      const points = data.xTrain.length;
      summary.textContent = nUndefined === 0
        ? m('summary.own', { points, loo: fmt(cv.mse[0]) })
        : m('summary.ownUndefined', { count: nUndefined, nq: data.xTest.length, points, loo: fmt(cv.mse[0]) });
      if (looSpan) looSpan.textContent = '';
    } else {
      err = lab.meanSquaredError({ predictions: result.predictions, truth: data.yTest });
      summary.dataset.mse = String(err.mse);
      summary.textContent = err.undefined > 0
        ? m('summary.undefined', { count: err.undefined, nq: data.xTest.length })
        : m('summary.mse', { mse: fmt(err.mse), avg: fmt(avgErr.mse) });
      if (looSpan) {
        looSpan.textContent = loo?.pending
          ? m('loo.pending', { points: data.xTrain.length })
          : loo
          ? m('loo.picked', { width: fmt(loo.width), err: fmt(loo.err.mse) })
          : state.get('kernel') === 'constant'
            ? m('loo.constant')
            : '';
      }
    }
    tries.update();
    code.update();
  }

  const controls = section.querySelector('[data-controls]');
  const width = slider({
    name: 'kernel-width-h', label: m('width'), min: 0.01, max: 10, log: true, value: state.get('width'), format: (v) => fmt(v),
    onInput: (v) => { state.set({ width: v }); compute(); },
  });
  const kernel = select({
    name: 'kernel', label: m('kernelLabel'), options: KERNELS.map((k) => [k, m(`kernel.${k}`)]), value: state.get('kernel'),
    onChange: (v) => { state.set({ kernel: v }); selectWidth(); compute(); },
  });
  const n = slider({
    name: 'training-examples-n', label: m('n'), min: 10, max: 10000, log: true, value: state.get('n'), format: (v) => String(Math.round(v)),
    onInput: (v) => { state.set({ n: Math.round(v) }); loadData(); compute(); },
  });
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const copy = copyLinkButton(state);
  buttons.append(
    button(m('newData'), () => { state.set({ seed: state.get('seed') + 1 }); loadData(); compute(); }, m('newDataTitle'), 'new-data', 'new-data'),
    copy.button,
    button(m('reset'), () => {
      state.reset();
      width.set(state.get('width'));
      kernel.set(state.get('kernel'));
      n.set(state.get('n'));
      if (own.current()) state.set({ own: true }); // Reset keeps the learner's data ("Back to generated data" drops it)
      loadData();
      compute();
    }, m('resetTitle'), 'reset', 'reset'),
    copy.status,
  );
  controls.append(width.element, kernel.element, n.element, buttons);

  // Shared shell: own data, the code, export, "Try this" (web/shell/README.md).
  let predictions;
  const own = addOwnData(section, { lab, state, layout: 'x,y', minRows: 2, maxRows: OWN_MAX_ROWS, onChange: () => { loadData(); compute(); } });
  const code = addShowCode(section, () => ({
    xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest,
    kernel: state.get('kernel'), width: state.get('width'), own: !data.yTest,
  }));
  addExport(section, {
    csv: [
      { label: m('export.data'), filename: m('file.data'),
        table: () => ({ columns: ['x', 'y'], rows: Array.from(data.xTrain, (x, i) => [x, data.yTrain[i]]) }) },
      { label: m('export.predictions'), filename: m('file.predictions'),
        table: () => ({
          columns: [m('column.query'), m('column.truth'), m('column.prediction')],
          rows: Array.from(data.xTest, (x, i) => [x, data.yTest ? data.yTest[i] : NaN, predictions[i]]),
        }) },
      { label: m('export.weights'), filename: m('file.weights'),
        table: () => {
          const w = lab.attend({ ...pooling(), queries: data.xTest }).weights;
          const nk = data.xTrain.length;
          return {
            columns: [m('column.query'), ...Array.from(data.xTrain, (k) => m('column.key', { k: String(k) }))],
            rows: Array.from(data.xTest, (x, i) => [x, ...w.subarray(i * nk, (i + 1) * nk)]),
          };
        } },
    ],
  });
  const tries = addTryThis(section, [
    {
      id: 'beat-loo',
      task: m('task.beat-loo'),
      hint: m('hint.beat-loo'),
      explanation: m('explanation.beat-loo'),
      // The text's condition on the numbers as shown (3 digits), for the Gaussian: another kernel's
      // own h* is a different task, and switching the kernel alone must not tick it.
      check: () => Boolean(state.get('kernel') === 'gaussian' && err && loo?.err && err.undefined === 0
        && Number(fmt(err.mse)) < Number(fmt(loo.err.mse))),
    },
    {
      id: 'undefined',
      task: m('task.undefined'),
      hint: m('hint.undefined'),
      explanation: m('explanation.undefined'),
      check: () => Boolean(err && err.undefined > 0),
    },
    {
      id: 'average-pooling',
      task: m('task.average-pooling'),
      hint: m('hint.average-pooling'),
      explanation: m('explanation.average-pooling'),
      check: () => Boolean(err && avgErr && state.get('kernel') !== 'constant' && err.undefined === 0 && fmt(err.mse) === fmt(avgErr.mse)),
    },
  ]);

  loadData();
  compute();
}
