// Exercise "from the Gaussian to dot-product attention" (d2l v1.0, 11.2, exercise 3). Points on the
// unit circle: Gaussian attention of width σ (lab.attend, from distances) and dot-product attention
// softmax(qᵀk/σ²) (lab.dotProductAttention) side by side, with their largest difference from
// lab.maxAbsDifference; a radius spread (makeDataset's radiusSpread) moves the points off the circle
// and the identity breaks: the dot product then prefers long keys (pooled radii, from the core).
import { button, copyLinkButton, slider } from '../controls.js';
import { addExport } from '../shell/export.js';
import { addShowCode } from '../shell/show-code.js';
import { addTryThis } from '../shell/try-this.js';
import './dot-product-code.js';
import { Heatmap } from '../plots/heatmap.js';
import { LineChart } from '../plots/line-chart.js';
import { WidgetState } from '../state.js';
import { fmt } from '../format.js';
import { t } from '../i18n.js';

// Every word below is a message of web/i18n/<lang>/dot-product.json, looked up when drawn.
const m = (key, params) => t(`dot-product.${key}`, params);

const DOT = 'var(--dp-dot)';
const GAUSS = 'var(--dp-gauss)';
const QUERY = 'var(--dp-query)';
const ROUNDING = 1e-12;
const fmtSmall = (v) => (!Number.isFinite(v) ? fmt(v) : v === 0 ? '0' : v < 1e-3 ? v.toExponential(1) : v.toPrecision(3));

export function mountDotProduct(section, lab) {
  const state = new WidgetState(section, { seed: 0, sigma: 0.5, spread: 0 });
  const $ = (sel) => section.querySelector(sel);
  let data;
  let now = {}; // the numbers of the current state, for the "Try this" checks and the export

  const live = (name, value, text = fmt(value)) => {
    for (const el of section.querySelectorAll(`[data-live="${name}"]`)) {
      el.textContent = text;
      if (typeof value === 'number') el.dataset.value = String(value);
    }
  };

  const labels = { queryLabel: m('queryAxis'), keyLabel: m('keyAxis') };
  const gaussMap = new Heatmap($('[data-plot="gaussian"]'), { ...labels, onQuery: (i) => focus(i) });
  const dotMap = new Heatmap($('[data-plot="dot"]'), { ...labels, onQuery: (i) => focus(i) });
  const radius = new LineChart($('[data-plot="radius"]'), { xLabel: m('radiusX'), yLabel: m('radiusY'), label: m('radiusLabel') });

  function focus(i) {
    gaussMap.highlight(i);
    dotMap.highlight(i);
  }

  function loadData() {
    data = lab.makeDataset({ target: 'sphere', dim: 2, seed: state.get('seed'), radiusSpread: state.get('spread') });
  }

  function compute() {
    const sigma = state.get('sigma');
    const args = { queries: data.xTest, keys: data.xTrain, dim: 2 };
    const gauss = lab.attend({ ...args, values: data.yTrain, kernel: 'gaussian', width: sigma });
    const dot = lab.dotProductAttention({ ...args, values: data.yTrain, width: sigma });
    const nq = data.xTest.length / 2;
    const nk = data.xTrain.length / 2;
    // Axis ticks are point indices (the points are ordered by angle).
    const qIndex = Array.from({ length: nq }, (_, i) => i);
    const kIndex = Array.from({ length: nk }, (_, i) => i);
    gaussMap.update({ weights: gauss.weights, queries: qIndex, keys: kIndex });
    dotMap.update({ weights: dot.weights, queries: qIndex, keys: kIndex });

    const diff = lab.maxAbsDifference({ a: gauss.weights, b: dot.weights });
    live('sigma', sigma, fmt(sigma));
    live('scale', dot.scale, fmt(dot.scale));
    live('spread', state.get('spread'), fmt(state.get('spread'), 2));
    live('n', nk, String(nk));
    live('nq', nq, String(nq));
    live('max-diff', diff, fmtSmall(diff));
    // The verdict from the number shown: below ROUNDING the two matrices agree to about 12 digits
    // (what floating point leaves of two different computations of the same function).
    live(
      'verdict', undefined,
      diff < ROUNDING
        ? m('verdict.rounding')
        : m('verdict.different'),
    );
    live('mse-gauss', lab.meanSquaredError({ predictions: gauss.predictions, truth: data.yTest }).mse);
    live('mse-dot', lab.meanSquaredError({ predictions: dot.predictions, truth: data.yTest }).mse);

    // Pool the keys' radii with each attention: the radius of the average key a query attends to.
    const rGauss = lab.attend({ ...args, values: data.radiusTrain, kernel: 'gaussian', width: sigma, returnWeights: false }).predictions;
    const rDot = lab.dotProductAttention({ ...args, values: data.radiusTrain, width: sigma, returnWeights: false }).predictions;
    radius.update([
      { id: 'dot', label: m('series.dot'), x: qIndex, y: Array.from(rDot), color: DOT },
      { id: 'gaussian', label: m('series.gaussian'), x: qIndex, y: Array.from(rGauss), color: GAUSS, dash: '6 3' },
      { id: 'query', label: m('series.query'), x: qIndex, y: Array.from(data.radiusTest), color: QUERY, dash: '2 3' },
    ], { domain: { x: [0, nq - 1], y: [0, 2] } });
    live('r-dot', rDot[0]);
    live('r-gauss', rGauss[0]);
    live('r-query', data.radiusTest[0]);
    now = { diff, rDot, gauss: gauss.predictions, dot: dot.predictions };
    tries?.update();
    code?.update();
  }

  const controls = $('[data-controls]');
  const sigma = slider({
    name: 'kernel-width', label: m('width'), min: 0.05, max: 5, log: true, value: state.get('sigma'), format: (v) => fmt(v),
    onInput: (v) => { state.set({ sigma: v }); compute(); },
  });
  const spread = slider({
    name: 'radius-spread-s-off-the-circle', label: m('spread'), min: 0, max: 0.9, step: 0.05, value: state.get('spread'), format: (v) => v.toFixed(2),
    onInput: (v) => { state.set({ spread: v }); loadData(); compute(); },
  });
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  const copy = copyLinkButton(state);
  buttons.append(
    button(m('newData'), () => { state.set({ seed: state.get('seed') + 1 }); loadData(); compute(); }, m('newDataTitle'), 'new-data', 'new-data'),
    copy.button,
    button(m('reset'), () => {
      state.reset();
      sigma.set(state.get('sigma'));
      spread.set(state.get('spread'));
      loadData();
      compute();
    }, m('resetTitle'), 'reset', 'reset'),
    copy.status,
  );
  controls.append(sigma.element, spread.element, buttons);

  // Shared shell: the code, export, "Try this" (web/shell/README.md). No own data here: the
  // exercise is about where the points lie (on the circle or not), which the radius spread controls.
  let tries;
  let code;
  code = addShowCode(section, () => ({
    xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest, sigma: state.get('sigma'), spread: state.get('spread'),
  }));
  const half = (flat, i) => [flat[2 * i], flat[2 * i + 1]];
  addExport(section, {
    csv: [
      { label: m('export.data'), filename: m('file.data'),
        table: () => ({
          columns: ['x1', 'x2', m('column.radius'), 'y'],
          rows: Array.from(data.yTrain, (y, i) => [...half(data.xTrain, i), data.radiusTrain[i], y]),
        }) },
      { label: m('export.predictions'), filename: m('file.predictions'),
        table: () => ({
          columns: [m('column.query1'), m('column.query2'), m('column.truth'), m('column.gaussian'), m('column.dot')],
          rows: Array.from(data.yTest, (y, i) => [...half(data.xTest, i), y, now.gauss[i], now.dot[i]]),
        }) },
    ],
  });
  tries = addTryThis(section, [
    {
      id: 'break',
      task: m('task.break'),
      hint: m('hint.break'),
      explanation: m('explanation.break'),
      check: () => Number(fmtSmall(now.diff)) > 0.1, // as shown
    },
    {
      id: 'tiny-width',
      task: m('task.tiny-width'),
      hint: m('hint.tiny-width'),
      explanation: m('explanation.tiny-width'),
      check: () => state.get('spread') === 0 && state.get('sigma') < 0.06 && Number(fmtSmall(now.diff)) < ROUNDING,
    },
    {
      id: 'long-keys',
      task: m('task.long-keys'),
      hint: m('hint.long-keys'),
      explanation: m('explanation.long-keys'),
      check: () => Number(fmt(now.rDot[0])) > 1.5, // as shown (3 digits)
    },
  ]);

  loadData();
  compute();
}
