// Exercise "attention pooling by similarity": d2l's data, a kernel and a width; the fit and the
// attention heatmap, linked both ways, update live as the controls move.
import { assetUrl } from '../assets.js';
import { LatestInWorker } from '../compute/latest-in-worker.js';
import { button, copyLinkButton, select, slider } from '../controls.js';
import katex from 'katex';
import { count, fmt, plural } from '../format.js';
import { Heatmap } from '../plots/heatmap.js';
import { RegressionPlot } from '../plots/regression.js';
import { WidgetState } from '../state.js';
import { addExport } from '../shell/export.js';
import { addOwnData, queryGrid } from '../shell/own-data.js';
import { addShowCode } from '../shell/show-code.js';
import { addTryThis } from '../shell/try-this.js';

const KERNELS = [
  ['gaussian', 'Gaussian'],
  ['boxcar', 'Boxcar'],
  ['constant', 'Constant (average pooling)'],
  ['triangular', 'Triangular (d2l: “Epanechikov”)'],
  ['epanechnikov', 'Epanechnikov'],
];

/** The fit's caption: own data has no noise-free truth to draw. */
const CAPTION = {
  generated: 'Training data, noise-free truth and the prediction',
  own: 'Your training data and the prediction',
};
const HEATMAP_CELLS = 800; // per side, where the canvas's size in device pixels is not known yet

// What the intro says and shows for each kernel: one whole sentence and the weight formula (the
// page must never say "Gaussian" after another kernel was chosen).
const INTRO = {
  gaussian: 'With a Gaussian kernel of width h, query q gives key kᵢ the weight',
  boxcar: 'With a boxcar kernel of width h, query q gives every key kᵢ closer than h the same weight and every other key none:',
  constant: 'With the constant kernel, query q gives every key kᵢ the same weight, whatever the width h (average pooling):',
  triangular: 'With the triangular kernel (d2l’s “Epanechikov”) of width h, query q gives key kᵢ a weight that falls linearly to 0 at distance h:',
  epanechnikov: 'With the Epanechnikov kernel of width h, query q gives key kᵢ a weight that falls like a parabola to 0 at distance h:',
};
const FORMULA = {
  gaussian: String.raw`\alpha(q, k_i) = \frac{\exp\left(-\frac{(q - k_i)^2}{2h^2}\right)}{\sum_j \exp\left(-\frac{(q - k_j)^2}{2h^2}\right)}, \qquad f(q) = \sum_i \alpha(q, k_i)\, y_i .`,
  boxcar: String.raw`\alpha(q, k_i) = \frac{\mathbf{1}\{|q - k_i| < h\}}{\sum_j \mathbf{1}\{|q - k_j| < h\}}, \qquad f(q) = \sum_i \alpha(q, k_i)\, y_i .`,
  constant: String.raw`\alpha(q, k_i) = \frac{1}{n}, \qquad f(q) = \frac{1}{n}\sum_i y_i .`,
  triangular: String.raw`\alpha(q, k_i) = \frac{\max\left(0, 1 - \frac{|q - k_i|}{h}\right)}{\sum_j \max\left(0, 1 - \frac{|q - k_j|}{h}\right)}, \qquad f(q) = \sum_i \alpha(q, k_i)\, y_i .`,
  epanechnikov: String.raw`\alpha(q, k_i) = \frac{\max\left(0, 1 - \frac{(q - k_i)^2}{h^2}\right)}{\sum_j \max\left(0, 1 - \frac{(q - k_j)^2}{h^2}\right)}, \qquad f(q) = \sum_i \alpha(q, k_i)\, y_i .`,
};
const LESSON = {
  constant: 'The constant kernel ignores the width: every key gets the weight 1/n, so moving the width changes nothing.',
  other: 'Move the width: a narrow kernel attends to the nearest keys only and the prediction follows the noise; a wide one averages everything.',
};
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
    intro.textContent = INTRO[k];
    const formula = section.querySelector('[data-live="kernel-formula"]');
    formula.dataset.texDisplay = FORMULA[k]; // what a later renderMath of the page would draw
    katex.render(FORMULA[k], formula, { throwOnError: false, displayMode: true });
    section.querySelector('[data-live="width-lesson"]').textContent = k === 'constant' ? LESSON.constant : LESSON.other;
  }

  /** Own data: the n slider cannot show the data's n (any n is allowed): disabled, with the data's n. */
  function showN() {
    const mine = own.current();
    if (!mine && !n.input.disabled) return; // generated data: the slider shows its own value
    n.input.disabled = Boolean(mine);
    const out = n.element.querySelector('output');
    if (mine) {
      out.textContent = String(mine.x.length);
      n.input.setAttribute('aria-valuetext', `Training examples n: ${mine.x.length} (your data)`);
      n.input.title = 'Your data sets n; “Back to generated data” brings the slider back';
    } else {
      n.set(state.get('n'));
      n.input.removeAttribute('title');
    }
    // Own data has no noise-free truth: its legend entry goes with it.
    const truthKey = section.querySelector('[data-plot="regression"] [data-legend="truth"]');
    if (truthKey) truthKey.style.display = mine ? 'none' : '';
    // …and so does the caption's word for it.
    const caption = section.querySelector('[data-plot="regression"] figcaption');
    if (caption) caption.textContent = mine ? CAPTION.own : CAPTION.generated;
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
      const nq = data.xTest.length;
      const points = count(data.xTrain.length, 'point', 'points');
      summary.textContent = nUndefined === 0
        ? `Your data has no noise-free truth, so the error against it is undefined. The leave-one-out error of this width on your ${points} is ${fmt(cv.mse[0])}.`
        : plural(nUndefined,
            `Your data has no noise-free truth, so the error against it is undefined, and ${nUndefined} of ${nq} plotted queries has no key within reach (shaded). The leave-one-out error of this width on your ${points} is ${fmt(cv.mse[0])}.`,
            `Your data has no noise-free truth, so the error against it is undefined, and ${nUndefined} of ${nq} plotted queries have no key within reach (shaded). The leave-one-out error of this width on your ${points} is ${fmt(cv.mse[0])}.`);
      if (looSpan) looSpan.textContent = '';
    } else {
      err = lab.meanSquaredError({ predictions: result.predictions, truth: data.yTest });
      summary.dataset.mse = String(err.mse);
      summary.textContent =
        err.undefined > 0
          ? plural(err.undefined,
              `Now ${err.undefined} of ${data.xTest.length} queries has no key within reach: its prediction is undefined (shaded), so the error is undefined too.`,
              `Now ${err.undefined} of ${data.xTest.length} queries have no key within reach: their prediction is undefined (shaded), so the error is undefined too.`)
          : `Now the mean squared error against the noise-free truth is ${fmt(err.mse)}; average pooling's is ${fmt(avgErr.mse)}.`;
      if (looSpan) {
        looSpan.textContent = loo?.pending
          ? `Leave-one-out cross-validation is picking its width (${count(data.xTrain.length, 'point', 'points')}, in the background)…`
          : loo
          ? `Leave-one-out cross-validation on the training data picks h* = ${fmt(loo.width)}, whose error against the truth is ${fmt(loo.err.mse)}.`
          : state.get('kernel') === 'constant'
            ? 'The constant kernel has no width to select.'
            : '';
      }
    }
    tries.update();
    code.update();
  }

  const controls = section.querySelector('[data-controls]');
  const width = slider({
    label: 'Kernel width h', min: 0.01, max: 10, log: true, value: state.get('width'), format: (v) => fmt(v),
    onInput: (v) => { state.set({ width: v }); compute(); },
  });
  const kernel = select({
    label: 'Kernel', options: KERNELS, value: state.get('kernel'),
    onChange: (v) => { state.set({ kernel: v }); selectWidth(); compute(); },
  });
  const n = slider({
    label: 'Training examples n', min: 10, max: 10000, log: true, value: state.get('n'), format: (v) => String(Math.round(v)),
    onInput: (v) => { state.set({ n: Math.round(v) }); loadData(); compute(); },
  });
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const copy = copyLinkButton(state);
  buttons.append(
    button('New data', () => { state.set({ seed: state.get('seed') + 1 }); loadData(); compute(); }, 'Draw a new training set (next seed)'),
    copy.button,
    button('Reset', () => {
      state.reset();
      width.set(state.get('width'));
      kernel.set(state.get('kernel'));
      n.set(state.get('n'));
      if (own.current()) state.set({ own: true }); // Reset keeps the learner's data ("Back to generated data" drops it)
      loadData();
      compute();
    }),
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
      { label: 'training data', filename: 'kernel-regression-data.csv',
        table: () => ({ columns: ['x', 'y'], rows: Array.from(data.xTrain, (x, i) => [x, data.yTrain[i]]) }) },
      { label: 'predictions', filename: 'kernel-regression-predictions.csv',
        table: () => ({
          columns: ['query x', 'truth', 'prediction'],
          rows: Array.from(data.xTest, (x, i) => [x, data.yTest ? data.yTest[i] : NaN, predictions[i]]),
        }) },
      { label: 'attention weights', filename: 'kernel-regression-weights.csv',
        table: () => {
          const w = lab.attend({ ...pooling(), queries: data.xTest }).weights;
          const nk = data.xTrain.length;
          return {
            columns: ['query x', ...Array.from(data.xTrain, (k) => `key x=${k}`)],
            rows: Array.from(data.xTest, (x, i) => [x, ...w.subarray(i * nk, (i + 1) * nk)]),
          };
        } },
    ],
  });
  const tries = addTryThis(section, [
    {
      id: 'beat-loo',
      task: 'With the Gaussian kernel, find a width whose error against the truth (as shown) is below the error of the width h* leave-one-out selects. Can you?',
      hint: 'Keep the Gaussian and move the width slowly, one step at a time, towards h* and past it: the error changes little near it.',
      explanation: 'Yes, usually: leave-one-out picks h* from the noisy training data alone, without seeing the truth, so it only estimates the best width. The width that is truly best for this data set lies near h*, not exactly on it — and a new data set (New data) moves both.',
      // The text's condition on the numbers as shown (3 digits), for the Gaussian: another kernel's
      // own h* is a different task, and switching the kernel alone must not tick it.
      check: () => Boolean(state.get('kernel') === 'gaussian' && err && loo?.err && err.undefined === 0
        && Number(fmt(err.mse)) < Number(fmt(loo.err.mse))),
    },
    {
      id: 'undefined',
      task: 'Make some predictions undefined: leave a query with no key within reach.',
      hint: 'The Gaussian gives every key some weight. Pick a kernel that is 0 beyond the width (boxcar, triangular, Epanechnikov) and make the width small.',
      explanation: 'With a compact kernel a query farther than h from every key gets the weight 0 from all of them, and the softmax-free normalisation divides 0 by 0. The prediction is undefined, not 0: the lab shades it and the error against the truth becomes undefined too.',
      check: () => Boolean(err && err.undefined > 0),
    },
    {
      id: 'average-pooling',
      task: 'Without choosing the constant kernel, make the prediction exactly average pooling (the same error as average pooling).',
      hint: 'A compact kernel whose width is larger than the whole range of x gives every key the same weight. What does the Gaussian do at the widest width?',
      explanation: 'The boxcar is 1 for every key within its width; once the width exceeds the distance between any query and any key, every weight is 1/n — average pooling exactly. The Gaussian only approaches it: its weights still differ a little at h = 10, and so does its error.',
      check: () => Boolean(err && avgErr && state.get('kernel') !== 'constant' && err.undefined === 0 && fmt(err.mse) === fmt(avgErr.mse)),
    },
  ]);

  loadData();
  compute();
}
