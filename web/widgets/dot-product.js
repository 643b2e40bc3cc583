// Exercise "from the Gaussian to dot-product attention" (d2l v1.0, 11.2, exercise 3). Points on the
// unit circle: Gaussian attention of width σ (lab.attend, from distances) and dot-product attention
// softmax(qᵀk/σ²) (lab.dotProductAttention) side by side, with their largest difference from
// lab.maxAbsDifference; a radius spread (makeDataset's radiusSpread) moves the points off the circle
// and the identity breaks: the dot product then prefers long keys (pooled radii, from the core).
import { button, slider } from '../controls.js';
import { Heatmap } from '../plots/heatmap.js';
import { LineChart } from '../plots/line-chart.js';
import { WidgetState } from '../state.js';

const DOT = 'var(--dp-dot)';
const GAUSS = 'var(--dp-gauss)';
const QUERY = 'var(--dp-query)';
const fmt = (v, d = 3) => (Number.isFinite(v) ? Number(v).toPrecision(d) : 'undefined');
const fmtSmall = (v) => (!Number.isFinite(v) ? 'undefined' : v === 0 ? '0' : v < 1e-3 ? v.toExponential(1) : v.toPrecision(3));

export function mountDotProduct(section, lab) {
  const state = new WidgetState(section, { seed: 0, sigma: 0.5, spread: 0 });
  const $ = (sel) => section.querySelector(sel);
  let data;

  const live = (name, value, text = fmt(value)) => {
    for (const el of section.querySelectorAll(`[data-live="${name}"]`)) {
      el.textContent = text;
      if (typeof value === 'number') el.dataset.value = String(value);
    }
  };

  const labels = { queryLabel: 'Queries (by angle)', keyLabel: 'Keys (by angle)' };
  const gaussMap = new Heatmap($('[data-plot="gaussian"]'), { ...labels, onQuery: (i) => focus(i) });
  const dotMap = new Heatmap($('[data-plot="dot"]'), { ...labels, onQuery: (i) => focus(i) });
  const radius = new LineChart($('[data-plot="radius"]'), { xLabel: 'query (ordered by angle)', yLabel: 'radius' });

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
    live(
      'verdict', undefined,
      state.get('spread') === 0
        ? 'That is rounding: the two computations give the same matrix, as the algebra says.'
        : 'That is no longer rounding: off the circle the two attentions are different functions.',
    );
    live('mse-gauss', lab.meanSquaredError({ predictions: gauss.predictions, truth: data.yTest }).mse);
    live('mse-dot', lab.meanSquaredError({ predictions: dot.predictions, truth: data.yTest }).mse);

    // Pool the keys' radii with each attention: the radius of the average key a query attends to.
    const rGauss = lab.attend({ ...args, values: data.radiusTrain, kernel: 'gaussian', width: sigma, returnWeights: false }).predictions;
    const rDot = lab.dotProductAttention({ ...args, values: data.radiusTrain, width: sigma, returnWeights: false }).predictions;
    radius.update([
      { id: 'dot', label: 'dot product', x: qIndex, y: Array.from(rDot), color: DOT },
      { id: 'gaussian', label: 'Gaussian', x: qIndex, y: Array.from(rGauss), color: GAUSS, dash: '6 3' },
      { id: 'query', label: 'the query’s own radius', x: qIndex, y: Array.from(data.radiusTest), color: QUERY, dash: '2 3' },
    ], { domain: { x: [0, nq - 1], y: [0, 2] } });
    live('r-dot', rDot[0]);
    live('r-gauss', rGauss[0]);
    live('r-query', data.radiusTest[0]);
  }

  const controls = $('[data-controls]');
  const sigma = slider({
    label: 'Kernel width σ', min: 0.05, max: 5, log: true, value: state.get('sigma'), format: (v) => fmt(v),
    onInput: (v) => { state.set({ sigma: v }); compute(); },
  });
  const spread = slider({
    label: 'Radius spread s (off the circle)', min: 0, max: 0.9, step: 0.05, value: state.get('spread'), format: (v) => v.toFixed(2),
    onInput: (v) => { state.set({ spread: v }); loadData(); compute(); },
  });
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  buttons.append(
    button('New data', () => { state.set({ seed: state.get('seed') + 1 }); loadData(); compute(); }, 'Draw a new training set (next seed)'),
    button('Copy link', () => navigator.clipboard?.writeText(state.link()), 'Copy a link to exactly this state'),
    button('Reset', () => {
      state.reset();
      sigma.set(state.get('sigma'));
      spread.set(state.get('spread'));
      loadData();
      compute();
    }, 'Back to the defaults'),
  );
  controls.append(sigma.element, spread.element, buttons);

  loadData();
  compute();
}
