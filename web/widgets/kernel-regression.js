// Exercise "attention pooling by similarity": d2l's data, a kernel and a width; the fit and the
// attention heatmap, linked both ways, update live as the controls move.
import { button, select, slider } from '../controls.js';
import { Heatmap } from '../plots/heatmap.js';
import { RegressionPlot } from '../plots/regression.js';
import { WidgetState } from '../state.js';

const KERNELS = [
  ['gaussian', 'Gaussian'],
  ['boxcar', 'Boxcar'],
  ['constant', 'Constant (average pooling)'],
  ['triangular', 'Triangular (d2l: “Epanechikov”)'],
  ['epanechnikov', 'Epanechnikov'],
];

const HEATMAP_CELLS = 800; // per side: about the canvas's size in device pixels

const fmt = (v, digits = 3) => (Number.isNaN(v) ? 'undefined' : Number(v).toPrecision(digits));

export function mountKernelRegression(section, lab) {
  const state = new WidgetState(section, { seed: 0, n: 50, width: 0.5, kernel: 'gaussian' });
  let data;

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
    data = lab.makeDataset({ target: 'classic', nTrain: state.get('n'), seed: state.get('seed') });
    // Average pooling does not depend on the width or the kernel: once per data set.
    const avg = lab.attend({ queries: data.xTest, keys: data.xTrain, values: data.yTrain, kernel: 'constant', returnWeights: false });
    avgErr = lab.meanSquaredError({ predictions: avg.predictions, truth: data.yTest });
  }

  function compute() {
    const result = lab.attentionImage({
      ...pooling(),
      queries: data.xTest,
      rows: Math.min(data.xTest.length, HEATMAP_CELLS),
      cols: Math.min(data.xTrain.length, HEATMAP_CELLS),
    });
    regression.update({ ...data, predictions: result.predictions });
    heatmap.update({ image: result.image, rows: result.rows, cols: result.cols, queries: data.xTest, keys: data.xTrain });
    const err = lab.meanSquaredError({ predictions: result.predictions, truth: data.yTest });
    const summary = section.querySelector('[data-live="summary"]');
    summary.dataset.mse = String(err.mse);
    summary.textContent =
      err.undefined > 0
        ? `Now ${err.undefined} of ${data.xTest.length} queries have no key within reach: their prediction is undefined (shaded), so the error is undefined too.`
        : `Now the mean squared error against the noise-free truth is ${fmt(err.mse)}; average pooling's is ${fmt(avgErr.mse)}.`;
  }

  const controls = section.querySelector('[data-controls]');
  const width = slider({
    label: 'Kernel width h', min: 0.01, max: 10, log: true, value: state.get('width'), format: (v) => fmt(v),
    onInput: (v) => { state.set({ width: v }); compute(); },
  });
  const kernel = select({
    label: 'Kernel', options: KERNELS, value: state.get('kernel'),
    onChange: (v) => { state.set({ kernel: v }); compute(); },
  });
  const n = slider({
    label: 'Training examples n', min: 10, max: 10000, log: true, value: state.get('n'), format: (v) => String(Math.round(v)),
    onInput: (v) => { state.set({ n: Math.round(v) }); loadData(); compute(); },
  });
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  buttons.append(
    button('New data', () => { state.set({ seed: state.get('seed') + 1 }); loadData(); compute(); }, 'Draw a new training set (next seed)'),
    button('Copy link', () => navigator.clipboard?.writeText(state.link()), 'Copy a link to exactly this state'),
    button('Reset', () => {
      state.reset();
      width.set(state.get('width'));
      kernel.set(state.get('kernel'));
      n.set(state.get('n'));
      loadData();
      compute();
    }),
  );
  controls.append(width.element, kernel.element, n.element, buttons);

  loadData();
  compute();
}
