// Exercise "x in several dimensions" (the forum's Minkowski distance; v1.0 exercise 4): 2-D inputs,
// the prediction as a surface with contours, the kernel's unit ball for p = 1, 2, ∞ and the chosen p
// (lab.unitBall), per-coordinate widths; and the consistency rate for d = 1, 2, 3 with the
// shrinking width, fitted slopes (lab.fitPowerLaw) against −4/(4 + d) (lab.minimaxRate). The rate
// curves run in a Web Worker (web/compute) with progress and Cancel; finished points are cached.
import { ticks } from 'd3-array';
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select as d3select } from 'd3-selection';
import { line } from 'd3-shape';
import { assetUrl } from '../assets.js';
import { Compute } from '../compute/client.js';
import { LatestInWorker } from '../compute/latest-in-worker.js';
import { ProgressPanel } from '../compute/progress-panel.js';
import { TaskRunner } from '../compute/task-runner.js';
import { button, copyLinkButton, select, slider } from '../controls.js';
import { LineChart } from '../plots/line-chart.js';
import { setAttr, setStyle, setText } from '../set-changed.js';
import { SurfacePlot, gridAxes } from '../plots/surface.js';
import { WidgetState } from '../state.js';
import { addExport } from '../shell/export.js';
import { addOwnData } from '../shell/own-data.js';
import { addShowCode } from '../shell/show-code.js';
import { addTryThis } from '../shell/try-this.js';
import { latestAfterDrag } from '../drag.js';
import './minkowski-code.js';
import { fmt } from '../format.js';
import { htmlLang, t } from '../i18n.js';
import { slot, updateMessage } from '../sentence.js';

/** p as the control offers it; 'inf' is the max norm. */
const P_VALUES = ['1', '1.25', '1.5', '2', '2.5', '3', '4', '5', '6', '8', 'inf'];
const pNumber = (p) => (p === 'inf' ? Infinity : Number(p));
const pText = (p) => (p === 'inf' ? '∞' : p);
const KERNELS = ['gaussian', 'boxcar', 'triangular', 'epanechnikov'];
/** A kernel's name in the page's language, as the select offers it and the sentences name it. */
const kernelName = (k) => t(`minkowski.kernel.${k}`);
const N_RATES = [50, 100, 200, 500, 1000, 2000, 5000];
const DIMS = [1, 2, 3];
const DIM_COLOR = { 1: 'var(--mk-d1)', 2: 'var(--mk-d2)', 3: 'var(--mk-d3)' };
const BALLS = [['1', 'var(--mk-p1)', '5 3'], ['2', 'var(--mk-p2)', null], ['inf', 'var(--mk-pinf)', '2 3']];
const GRID = 3600; // a 60 × 60 grid of queries on [0, 5)²
// Own data: the largest data set this exercise recomputes at interactive speed (the own-data panel
// states it and refuses more), chosen so that the page's main-thread CPU time per load or slider
// step stays well below the 200 ms budget (measured on the project's 2-core VM; checked by
// tests/browser/own-data-budget.test.mjs):
// the 60 × 60 surface over every point: about 55 ms per step at 250 rows, 90 ms at 500 and
// 290 ms at 1,000.
const OWN_MAX_ROWS = 250;

/** The unit balls: a square plot (equal scales on both axes), closed curves. */
class BallPlot {
  constructor(container) {
    this.S = 320;
    const M = { l: 44, r: 10, t: 10, b: 40 };
    this.M = M;
    this.svg = d3select(container).append('svg').attr('viewBox', `0 0 ${this.S} ${this.S}`).attr('role', 'img')
      .attr('aria-label', t('minkowski.plot.balls')).style('max-width', '420px');
    this.x = scaleLinear().range([M.l, this.S - M.r]);
    this.y = scaleLinear().range([this.S - M.b, M.t]);
    this.gx = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${this.S - M.b})`);
    this.gy = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.l},0)`);
    this.svg.append('text').attr('class', 'axis-label').attr('x', (this.S + M.l) / 2).attr('y', this.S - 6).attr('text-anchor', 'middle').text('u₁ = q₁ − k₁');
    this.svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${(this.S - M.b) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text('u₂ = q₂ − k₂');
    this.g = this.svg.append('g');
    this.legend = d3select(container).append('ul').attr('class', 'mk-legend');
    this.drawn = new WeakMap(); // path → the { x, y } arrays its d was drawn from
  }

  /** Writes per path that wait for the end of a drag (latestAfterDrag). */
  #later = latestAfterDrag();

  /**
   * A curve's points at full precision in its path's data-x and data-y (for tests and scripts,
   * not shown). 512 numbers formatted per ball cost about as much as its path, so during a drag
   * only the last curve of each path is written, when the drag ends.
   */
  #writeData(el, c) {
    this.#later(el, () => {
      el.setAttribute('data-x', Array.from(c.x).join(','));
      el.setAttribute('data-y', Array.from(c.y).join(','));
    });
  }

  /**
   * curves: [{ id, label, x, y, color, dash?, width? }]. A curve whose x and y are the arrays it
   * was last drawn from keeps its path (a drag of p leaves the balls of p = 1, 2, ∞ as they are):
   * only what changed is written, as every write costs the page style, layout and paint.
   */
  update(curves, half) {
    const newAxes = half !== this.half;
    this.half = half;
    if (newAxes) {
      this.x.domain([-half, half]);
      this.y.domain([-half, half]);
      this.gx.call(axisBottom(this.x).ticks(5));
      this.gy.call(axisLeft(this.y).ticks(5));
    }
    const path = line().x((d) => this.x(d[0])).y((d) => this.y(d[1]));
    const drawn = this.drawn;
    const writeData = (el, c) => this.#writeData(el, c);
    this.g.selectAll('path').data(curves, (c) => c.id).join((enter) => enter.append('path').attr('fill', 'none'))
      .each(function (c) {
        setStyle(this, 'stroke', c.color);
        setAttr(this, 'stroke-width', c.width ?? 2);
        setAttr(this, 'stroke-dasharray', c.dash ?? null);
        setAttr(this, 'data-series', c.id);
        const was = drawn.get(this);
        if (!newAxes && was?.x === c.x && was?.y === c.y) return;
        drawn.set(this, { x: c.x, y: c.y });
        writeData(this, c);
        this.setAttribute('d', `${path(Array.from(c.x, (x, k) => [x, c.y[k]]))}Z`);
      });
    this.legend.selectAll('li').data(curves, (c) => c.id)
      .join((enter) => enter.append('li').call((li) => {
        li.append('svg').attr('width', 24).attr('height', 8).attr('aria-hidden', 'true')
          .append('line').attr('x1', 1).attr('x2', 23).attr('y1', 4).attr('y2', 4).attr('stroke-width', 2.5);
        li.append('span');
      }))
      .each(function (c) {
        const mark = this.querySelector('line');
        setStyle(mark, 'stroke', c.color);
        setAttr(mark, 'stroke-dasharray', c.dash ?? null);
        // The label's text node changed in place (the current p's label changes on every result
        // of a p drag).
        setText(this.querySelector('span'), c.label);
      });
  }
}

export const MINKOWSKI_DEFAULTS = Object.freeze({
  seed: 0, n: 200, kernel: 'gaussian', p: '2', h1: 0.5, h2: 0.5, px: 2.5, py: 2.5, seeds: 3, c: 1, own: false,
});

export function mountMinkowski(section, lab) {
  const state = new WidgetState(section, MINKOWSKI_DEFAULTS);
  {
    // A hand-edited link cannot break the widget: out-of-range values go back in range.
    const v = state.values;
    const d = state.defaults;
    const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
    const patch = {
      seed: Number.isSafeInteger(v.seed) && v.seed >= 0 ? v.seed : d.seed,
      n: Math.round(clamp(v.n, 20, 2000)),
      kernel: KERNELS.includes(v.kernel) ? v.kernel : d.kernel,
      p: P_VALUES.includes(v.p) ? v.p : d.p,
      h1: clamp(v.h1, 0.05, 3),
      h2: clamp(v.h2, 0.05, 3),
      px: clamp(v.px, 0, 5),
      py: clamp(v.py, 0, 5),
      seeds: Math.round(clamp(v.seeds, 1, 10)),
      c: clamp(v.c, 0.2, 5),
    };
    if (Object.entries(patch).some(([k, x]) => x !== v[k])) state.set(patch);
  }
  const s = () => state.values;
  const $ = (sel) => section.querySelector(sel);
  const live = (name, text) => {
    // Unchanged text is left alone: a write costs a layout.
    for (const el of section.querySelectorAll(`[data-live="${name}"]`)) setText(el, text);
  };
  // Lists and counts as the page's language writes them ("1, 2, 3" or "1、2、3"; "5,000").
  const list = (items) => items.join(t('minkowski.listComma'));
  const number = (n) => n.toLocaleString(htmlLang());
  const defaults = { defaultP: pText(MINKOWSKI_DEFAULTS.p), defaultH1: String(MINKOWSKI_DEFAULTS.h1), defaultH2: String(MINKOWSKI_DEFAULTS.h2) };

  // The readout's numbers change in place during a drag (fillSentences): a screen reader is to
  // read the whole readout again, not the changed numbers alone.
  $('[data-live="readout"]').setAttribute('aria-atomic', 'true');

  const prediction = new SurfacePlot($('[data-plot="prediction"]'), {
    label: t('minkowski.plot.prediction'), onPick: (x, y) => { state.set({ px: round2(x), py: round2(y) }); refreshSurface(); },
    pickLabel: t('minkowski.plot.pick'),
  });
  const truth = new SurfacePlot($('[data-plot="truth"]'), { label: t('minkowski.plot.truth') });
  const ballPlot = new BallPlot($('[data-plot="balls"]'));
  const rates = new LineChart($('[data-plot="rates"]'), {
    xLabel: t('minkowski.plot.ratesX'), yLabel: t('minkowski.plot.ratesY'), label: t('minkowski.plot.rates'), xLog: true, yLog: true,
  });
  const round2 = (v) => Math.round(v * 100) / 100;

  let data;
  let bounds = { x: [0, 5], y: [0, 5] }; // the plotted square: [0, 5)² or the own data's box
  function loadData() {
    const d = own?.current();
    if (d) {
      // Own data: a 60 × 60 grid of queries over the box holding the points (layout, like the
      // generated test grid); there is no truth to compare with.
      let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
      for (let i = 0; i < d.n; i++) {
        x0 = Math.min(x0, d.x[2 * i]); x1 = Math.max(x1, d.x[2 * i]);
        y0 = Math.min(y0, d.x[2 * i + 1]); y1 = Math.max(y1, d.x[2 * i + 1]);
      }
      if (x1 === x0) x1 = x0 + 1;
      if (y1 === y0) y1 = y0 + 1;
      const side = Math.round(Math.sqrt(GRID));
      const grid = new Float64Array(2 * side * side);
      for (let i = 0; i < side; i++) for (let j = 0; j < side; j++) {
        grid[2 * (i * side + j)] = x0 + ((x1 - x0) * i) / (side - 1);
        grid[2 * (i * side + j) + 1] = y0 + ((y1 - y0) * j) / (side - 1);
      }
      data = { xTrain: d.x, yTrain: d.y, xTest: grid, yTest: null };
      bounds = { x: [x0, x1], y: [y0, y1] };
    } else {
      data = lab.makeDataset({ target: 'surface', dim: 2, nTrain: s().n, nTest: GRID, seed: s().seed });
      bounds = { x: [0, 5], y: [0, 5] };
    }
    section.dataset.ownData = String(Boolean(d));
    // The intro describes the data shown: the generated surface's samples, or the learner's points.
    $('[data-when="generated"]').hidden = Boolean(d);
    $('[data-when="own"]').hidden = !d;
    $('[data-plot="truth"]').hidden = Boolean(d);
    const truthPng = section.querySelector('[data-export="png:truth"]');
    if (truthPng) truthPng.hidden = Boolean(d);
  }

  let current = null;
  let truthFor = null; // the data the truth surface shows
  let liveFor = null; // the data the counts in the prose are of
  /**
   * The error of the default metric (p = 2, h = (0.5, 0.5)) on the same data, for "Try this";
   * once per data set, not on every move of a slider.
   */
  let baseline = { data: null, mse: NaN };
  const baselineRequest = (d) => ({
    queries: d.xTest, keys: d.xTrain, values: d.yTrain, dim: 2, kernel: 'gaussian',
    width: [MINKOWSKI_DEFAULTS.h1, MINKOWSKI_DEFAULTS.h2], p: 2, returnWeights: false,
  });
  const surfaceRequest = (v) => ({
    queries: v.data.xTest, keys: v.data.xTrain, values: v.data.yTrain, dim: 2, kernel: v.kernel,
    width: [v.h1, v.h2], p: pNumber(v.p), returnWeights: false,
  });

  /**
   * Recomputes and redraws the surfaces and the prose. The grid (3600 queries) costs most at a
   * general p and large n: during a drag it runs in a worker (LatestInWorker).
   */
  function refreshSurface({ reload = false } = {}) {
    if (reload) loadData();
    if (s().px < bounds.x[0] || s().px > bounds.x[1] || s().py < bounds.y[0] || s().py > bounds.y[1]) {
      // Keep the probe on the plot (own data may lie elsewhere).
      state.set({ px: round2((bounds.x[0] + bounds.x[1]) / 2), py: round2((bounds.y[0] + bounds.y[1]) / 2) });
    }
    // A snapshot of what the surface is computed for: a result from the worker is drawn with it.
    const view = { ...s(), data, bounds };
    const needsBaseline = baseline.data !== data && Boolean(data.yTest);
    // The same widths the other way round, for task 2 and its sentence (which coordinate needs the
    // smaller width): only for generated data, which has a truth to compare with.
    const needsSwapped = Boolean(data.yTest) && view.h1 !== view.h2;
    offload.run({
      *steps() {
        return [
          yield ['attend', surfaceRequest(view)],
          needsBaseline ? yield ['attend', baselineRequest(view.data)] : null,
          needsSwapped ? yield ['attend', { ...surfaceRequest(view), width: [view.h2, view.h1] }] : null,
        ];
      },
      draw: ([a, base, swapped]) => drawSurface(view, a, base, swapped),
    });
  }

  /**
   * What the drawing needs from a data set alone (the grid's axes, the contour levels, the points):
   * computed once per data set, not on every result of a drag.
   */
  let perData = { data: null };
  function ofData(data) {
    if (perData.data === data) return perData;
    const { xs, ys } = gridAxes(data.xTest);
    // Contour levels: round numbers across the truth's range, the same on both surfaces.
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of data.yTest ?? data.yTrain) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const levels = ticks(lo, hi, 8);
    const points = Array.from({ length: data.xTrain.length / 2 }, (_, i) => ({ x: data.xTrain[2 * i], y: data.xTrain[2 * i + 1], cls: 'data' }));
    perData = { data, xs, ys, lo, hi, levels, points };
    return perData;
  }

  /**
   * The unit ball of p (a P_VALUES string) for the widths, the same arrays while the widths stay:
   * a drag of p then redraws only the balls that changed (BallPlot keeps the others' paths).
   */
  let ballCache = { widths: null, byP: new Map() };
  function unitBall(q, width) {
    const key = width.join();
    if (ballCache.widths !== key) ballCache = { widths: key, byP: new Map() };
    let b = ballCache.byP.get(q);
    if (!b) ballCache.byP.set(q, (b = lab.unitBall({ p: pNumber(q), points: 256, widths: width })));
    return b;
  }

  /**
   * The grid's predictions as drawn, to 6 digits (data-predictions: for tests and scripts, not
   * shown). Formatting 3600 numbers costs about a millisecond per result, so during a drag only
   * the latest drawn are kept and written when the drag ends (before any later draw can run).
   */
  const later = latestAfterDrag();
  function writePredictions(predictions) {
    later('predictions', () => prediction.svg.attr('data-predictions', Array.from(predictions, (v) => (Number.isNaN(v) ? 'NaN' : v.toPrecision(6))).join(',')));
  }

  /** Draws view (a snapshot of the state and data) with its grid predictions a. */
  function drawSurface(view, a, base, swapped) {
    const { data, bounds } = view;
    if (base) baseline = { data, mse: lab.meanSquaredError({ predictions: base.predictions, truth: data.yTest }).mse };
    const p = pNumber(view.p);
    const width = [view.h1, view.h2];
    const common = { keys: data.xTrain, values: data.yTrain, dim: 2, kernel: view.kernel, width, p };
    const { xs, ys, lo, hi, levels, points } = ofData(data);
    const ball = unitBall(view.p, width);
    const probe = { id: 'probe-ball', x: Array.from(ball.x, (u) => view.px + u), y: Array.from(ball.y, (u) => view.py + u), color: 'var(--fg)', width: 2 };
    const pad = (b) => [b[0] - 0.01 * (b[1] - b[0]), b[1]];
    const domain = { x: pad(bounds.x), y: pad(bounds.y) };
    prediction.update({ grid: { xs, ys, values: a.predictions }, levels, points, curves: [probe], domain, range: [lo, hi] });
    prediction.gCurves.selectAll('circle.probe').data([0]).join((enter) => enter.append('circle').attr('class', 'probe').attr('r', 3.5))
      .each(function () {
        setAttr(this, 'cx', prediction.x(view.px));
        setAttr(this, 'cy', prediction.y(view.py));
      });
    // The truth changes with the data only (levels and domain follow from the data too).
    if (data.yTest && truthFor !== data) truth.update({ grid: { xs, ys, values: data.yTest }, levels, domain, range: [lo, hi] });
    truthFor = data;
    writePredictions(a.predictions);

    // The unit balls of p = 1, 2, ∞ and the current p.
    const curves = BALLS.map(([q, color, dash]) => {
      const b = unitBall(q, width);
      return { id: `p-${q}`, label: t(q === view.p ? 'minkowski.plot.ballCurrent' : 'minkowski.plot.ball', { p: pText(q) }), x: b.x, y: b.y, color, dash, width: q === view.p ? 3.5 : undefined };
    });
    if (!BALLS.some(([q]) => q === view.p)) {
      curves.push({ id: 'p-current', label: t('minkowski.plot.ballCurrent', { p: pText(view.p) }), x: ball.x, y: ball.y, color: 'var(--accent)', width: 3 });
    }
    ballPlot.update(curves, 1.15 * Math.max(view.h1, view.h2));

    // Prose.
    // Own data has no truth: the error against it is undefined, not 0.
    const e = data.yTest ? lab.meanSquaredError({ predictions: a.predictions, truth: data.yTest })
      : { mse: NaN, undefined: a.undefinedQueries.length };
    // Swapped widths: equal widths swap to the same surface.
    const swappedErr = !data.yTest ? { mse: NaN, undefined: 0 }
      : swapped ? lab.meanSquaredError({ predictions: swapped.predictions, truth: data.yTest }) : e;
    current = {
      mse: e.mse, undefined: e.undefined, baseline: baseline.data === data ? baseline.mse : NaN,
      swapped: swappedErr.mse, h1: view.h1, h2: view.h2,
    };
    const at = lab.attend({ ...common, queries: [view.px, view.py] });
    const inside = lab.attend({ ...common, kernel: 'boxcar', queries: [view.px, view.py] });
    let count = 0;
    for (const w of inside.weights) if (w > 0) count += 1;
    if (liveFor !== data) {
      // The counts change with the data only (each live() looks through the whole section).
      live('n', String(data.xTrain.length / 2));
      live('grid', String(data.xTest.length / 2));
      liveFor = data;
    }
    // The readout: whole sentences (one catalog message each), the variant chosen by the numbers:
    // no truth (own data), some queries undefined, or an error to quote; then the comparison and
    // the probe. Each sentence fills its own span, joined as the language joins sentences.
    const grid = data.xTest.length / 2;
    const u = e.undefined;
    const settings = { p: slot('p', pText(view.p)), h1: slot('h1', view.h1, fmt(view.h1)), h2: slot('h2', view.h2, fmt(view.h2)), grid: String(grid) };
    const errorSentence = !data.yTest
      ? ['minkowski.readout.own', { ...settings, mse: slot('mse', NaN, fmt(NaN)), undefined: slot('undefined', u), count: u }]
      : u > 0
        ? ['minkowski.readout.undefined', { ...settings, mse: slot('mse', NaN, fmt(NaN)), undefined: slot('undefined', u), count: u }]
        : ['minkowski.readout.defined', { ...settings, mse: slot('mse', e.mse, fmt(e.mse)) }];
    const def = current.baseline;
    const baselineSlot = { ...defaults, baseline: slot('baseline', def, fmt(def)) };
    const swappedWidths = { swappedH1: fmt(view.h2), swappedH2: fmt(view.h1) };
    const compare = !data.yTest || u > 0 || !Number.isFinite(def) ? null
      : view.h1 === view.h2
        ? ['minkowski.compare.baseline', baselineSlot]
      : !Number.isFinite(current.swapped)
        ? ['minkowski.compare.swappedUndefined', { ...baselineSlot, ...swappedWidths }]
        : ['minkowski.compare.swapped', { ...baselineSlot, ...swappedWidths, swapped: slot('swapped', current.swapped, fmt(current.swapped)) }];
    const atProbe = { probe: slot('probe', `${view.px.toFixed(2)}, ${view.py.toFixed(2)}`), probeKeys: slot('probe-keys', count) };
    const probeSentence = count === 0 && !Number.isFinite(at.predictions[0])
      ? ['minkowski.probe.empty', { ...atProbe, probePrediction: slot('probe-prediction', NaN, fmt(NaN)) }]
      : ['minkowski.probe.some', { ...atProbe, probePrediction: slot('probe-prediction', at.predictions[0], fmt(at.predictions[0])), count }];
    fillSentences($('[data-live="readout"]'), [errorSentence, compare, probeSentence]);
    for (const name of ['p', 'h1', 'h2', 'mse', 'probe-prediction']) {
      const el = section.querySelector(`[data-live="readout"] [data-live="${name}"]`);
      if (el && !el.classList.contains('live')) el.classList.add('live'); // an unchanged class is not written again
    }
    tries?.update();
    code?.update();
    exportRates.predictions = a.predictions;
  }
  const exportRates = { predictions: null };

  /**
   * el showing whole sentences ([key, params] each, null: none), each in a span with its live
   * slots, joined as the language joins sentences. The same sentences with other numbers (a drag)
   * keep their nodes and change only the numbers (updateMessage; the readout is aria-atomic).
   */
  function fillSentences(el, sentences) {
    const list = sentences.filter(Boolean);
    let spans = [...el.children];
    if (spans.length !== list.length) {
      spans = list.map(() => document.createElement('span'));
      el.replaceChildren(...spans.flatMap((span, k) => (k ? [t('minkowski.sentenceGap'), span] : [span])));
    }
    list.forEach(([key, params], k) => updateMessage(spans[k], key, params));
  }

  // ---- the rate curves (worker) ----
  const compute = new Compute({ lab, url: assetUrl('worker.js') });
  section.dataset.computeMode = compute.mode;
  // The surface's own worker: a drag's surfaces never wait behind a rate computation.
  const offload = new LatestInWorker({ lab, url: assetUrl('worker.js'), section });
  const cache = new Map();
  const rateOptions = (dim, n) => ({ target: 'surface', dim, nValues: [n], seeds: s().seeds, seed: s().seed, rule: 'shrinking', c: s().c, kernel: s().kernel });
  const rateKey = (dim, n) => `${dim}|${n}|${s().seeds}|${s().seed}|${s().c}|${s().kernel}`;
  const missing = () => DIMS.flatMap((d) => N_RATES.map((n) => [d, n])).filter(([d, n]) => !cache.has(rateKey(d, n)));

  const panel = new ProgressPanel(section, { onCancel: () => cancel(), onResume: () => run() });
  const showProgress = (phase, text) => panel.show(phase, text);

  const runner = new TaskRunner({
    compute,
    cache,
    progress: panel.progress,
    section,
    tasks: () =>
      missing().map(([d, n]) => ({
        key: rateKey(d, n),
        label: t('minkowski.progress.task', { d, n: number(n) }),
        run: (call) => call('consistency', rateOptions(d, n)),
      })),
    draw: () => drawRates(),
    show: (phase, task) =>
      phase === 'done'
        ? showProgress('done', ProgressPanel.doneText(t('minkowski.progress.done', { count: DIMS.length * N_RATES.length }), compute))
        : showProgress('computing', t('minkowski.progress.computing', { current: task.done + 1, total: task.total, task: task.label })),
  });
  const run = () => runner.run();

  function cancel() {
    clearTimeout(debounce); // a run that has not started yet is cancelled too
    const { done, total } = runner.cancel() ?? { done: 0, total: missing().length };
    showProgress('cancelled', t('minkowski.progress.cancelled', { done, total }));
  }

  function drawRates() {
    const series = [];
    const fits = {};
    for (const d of DIMS) {
      const mse = N_RATES.map((n) => {
        const r = cache.get(rateKey(d, n));
        return r && !r.error ? r.mse[0] : NaN;
      });
      series.push({ id: `d${d}`, label: t('minkowski.plot.dimension', { d }), x: N_RATES, y: mse, color: DIM_COLOR[d], dots: true });
      const theory = lab.minimaxRate({ dim: d });
      const known = mse.filter((v) => Number.isFinite(v) && v > 0).length;
      fits[d] = { theory, known };
      if (known >= 2) {
        const fit = lab.fitPowerLaw({ x: N_RATES, y: mse });
        const guide = lab.fitPowerLaw({ x: N_RATES, y: mse, exponent: theory });
        fits[d].slope = fit.exponent;
        series.push({ id: `guide-d${d}`, label: '', name: t('minkowski.plot.guide', { d }), x: N_RATES, y: Array.from(guide.fitted), color: DIM_COLOR[d], dash: '6 4' });
      }
      const widthAt = (n) => cache.get(rateKey(d, n))?.meanWidth?.[0];
      fits[d].h0 = widthAt(N_RATES[0]);
      fits[d].h1 = widthAt(N_RATES[N_RATES.length - 1]);
      fits[d].e0 = mse[0];
      fits[d].e1 = mse[mse.length - 1];
    }
    rates.update(series);
    // Log-axis labels that would collide on a phone: keep 1, 2, 5 × 10^k where there is room, else 10^k.
    for (const [scale, axis, room] of [[rates.x, rates.gx, 44], [rates.y, rates.gy, 18]]) {
      const [r0, r1] = scale.range();
      const [d0, d1] = scale.domain();
      const perDecade = Math.abs(r1 - r0) / Math.abs(Math.log10(d1 / d0));
      const keep = perDecade * Math.log10(2) > room ? '125' : '1';
      axis.selectAll('.tick text').style('display', (v) => (keep.includes(String(v).replace(/^[0.]+/, '')[0]) ? null : 'none'));
    }
    const el = $('[data-live="rates-summary"]');
    for (const d of DIMS) {
      el.dataset[`slope${d}`] = String(fits[d].slope ?? NaN);
      el.dataset[`theory${d}`] = String(fits[d].theory);
    }
    live('seeds', t('minkowski.seeds', { count: s().seeds }));
    const kernel = kernelName(s().kernel);
    const done = (d) => N_RATES.every((n) => cache.has(rateKey(d, n)));
    const nList = (ns) => list(ns.map(number));
    // A slope needs two n with a defined error; "(computing)" only while points are missing.
    const slopeText = (d) => (fits[d].slope !== undefined ? fmt(fits[d].slope)
      : t(done(d) ? 'minkowski.rates.slopeUndefined' : 'minkowski.rates.slopeComputing'));
    const perDim = (d) => {
      const f = fits[d];
      const mse = N_RATES.map((n) => cache.get(rateKey(d, n))?.mse?.[0]);
      const missing = N_RATES.filter((n) => !cache.has(rateKey(d, n)));
      const undef = N_RATES.filter((n, k) => cache.has(rateKey(d, n)) && !Number.isFinite(mse[k]));
      if (missing.length === N_RATES.length) return t('minkowski.rates.dimComputing', { d });
      if (undef.length > 0) return t('minkowski.rates.dimUndefined', { d, ns: nList(undef), kernel });
      if (missing.length > 0) return t('minkowski.rates.dimPartial', { d, missing: missing.length, total: N_RATES.length });
      // The verb from the numbers: "falls" when the error at the largest n is below that at the smallest.
      const ends = { d, e0: fmt(f.e0), n0: number(N_RATES[0]), e1: fmt(f.e1), n1: number(N_RATES[N_RATES.length - 1]) };
      return t(f.e1 < f.e0 ? 'minkowski.rates.dimFalls' : 'minkowski.rates.dimFlat', ends);
    };
    const slopeList = DIMS.map((d) => t('minkowski.rates.slopeItem', { d, slope: slopeText(d), theory: fmt(fits[d].theory) })).join(t('minkowski.listSemicolon'));
    el.textContent = [t('minkowski.rates.slopes', { list: slopeList }), ...DIMS.map(perDim)].join(t('minkowski.sentenceGap'));
    const all = DIMS.every(done);
    const slopes = DIMS.map((d) => fits[d].slope);
    // The words from the fitted slopes: "the more coordinates, the flatter the line" only if each
    // slope is above the last; "flatter in d = 3 than in d = 1" if only the ends are in order.
    const flatter = slopes.every((v, k) => v !== undefined && (k === 0 || v > slopes[k - 1]));
    const endsFlatter = slopes.every((v) => v !== undefined) && slopes[2] > slopes[0];
    // The figures every answer quotes: the slopes against the theory's, for d = 1, 2, 3, and how
    // the mean width shrinks as n grows from the first to the last of N_RATES.
    const figures = {
      slopes: list(slopes.map((v) => fmt(v))), dims: list(DIMS.map(String)), theory: list(DIMS.map((d) => fmt(fits[d].theory))),
      widths: list(DIMS.map((d) => t('minkowski.rates.widthItem', { h0: fmt(fits[d].h0), h1: fmt(fits[d].h1), d }))),
      factor: number(N_RATES[N_RATES.length - 1] / N_RATES[0]),
    };
    live('rates-answer', !all
      ? t('minkowski.answer.computing')
      : slopes.some((v) => v === undefined)
        ? t('minkowski.answer.noSlope', { kernel })
        : t(flatter ? 'minkowski.answer.yes' : endsFlatter ? 'minkowski.answer.noisy' : 'minkowski.answer.unclear', figures));
  }

  // ---- controls ----
  let debounce = null;
  const refreshRates = () => {
    drawRates();
    clearTimeout(debounce);
    const m = missing().length;
    if (m > 0) showProgress('computing', t('minkowski.progress.toDo', { count: m }));
    debounce = setTimeout(run, 150);
  };
  const c = {
    p: slider({ name: 'minkowski-p', label: t('minkowski.control.p'), min: 0, max: P_VALUES.length - 1, step: 1, value: P_VALUES.indexOf(s().p),
      format: (i) => pText(P_VALUES[Math.round(i)]), onInput: (i) => { state.set({ p: P_VALUES[Math.round(i)] }); refreshSurface(); }, eager: true }),
    h1: slider({ name: 'width-h1-along-x1', label: t('minkowski.control.h1'), min: 0.05, max: 3, log: true, value: s().h1, format: (v) => fmt(v),
      onInput: (v) => { state.set({ h1: v }); refreshSurface(); }, eager: true }),
    h2: slider({ name: 'width-h2-along-x2', label: t('minkowski.control.h2'), min: 0.05, max: 3, log: true, value: s().h2, format: (v) => fmt(v),
      onInput: (v) => { state.set({ h2: v }); refreshSurface(); }, eager: true }),
    kernel: select({ name: 'kernel', label: t('minkowski.control.kernel'), value: s().kernel, options: KERNELS.map((k) => [k, kernelName(k)]),
      onChange: (v) => { state.set({ kernel: v }); refreshSurface(); refreshRates(); } }),
    n: slider({ name: 'training-points-n', label: t('minkowski.control.n'), min: 20, max: 2000, log: true, value: s().n, format: (v) => String(Math.round(v)),
      onInput: (v) => { state.set({ n: Math.round(v) }); refreshSurface({ reload: true }); } }),
  };
  const r = {
    seeds: slider({ name: 'data-sets-per-n', label: t('minkowski.control.seeds'), min: 1, max: 10, step: 1, value: s().seeds, format: (v) => String(Math.round(v)),
      onInput: (v) => { state.set({ seeds: Math.round(v) }); refreshRates(); } }),
    c: slider({ name: 'c-in-h-c-n-1-4-d', label: t('minkowski.control.c'), min: 0.2, max: 5, log: true, value: s().c, format: (v) => fmt(v),
      onInput: (v) => { state.set({ c: v }); refreshRates(); } }),
  };
  for (const [key, control] of Object.entries({ ...c, ...r })) control.input.dataset.control = key;

  const actions = document.createElement('div');
  actions.className = 'buttons wrap';
  const syncControls = () => {
    c.p.set(P_VALUES.indexOf(s().p));
    for (const key of ['h1', 'h2', 'n']) c[key].set(s()[key]);
    c.kernel.set(s().kernel);
    r.seeds.set(s().seeds);
    r.c.set(s().c);
  };
  const copy = copyLinkButton(state);
  actions.append(
    button(t('minkowski.newData'), () => { state.set({ seed: s().seed + 1 }); refreshSurface({ reload: true }); refreshRates(); }, t('minkowski.newDataTitle'), 'new-data', 'new-data'),
    copy.button,
    button(t('minkowski.reset'), () => { state.reset(); syncControls(); refreshSurface({ reload: true }); refreshRates(); }, t('minkowski.resetTitle'), 'reset', 'reset'),
    copy.status,
  );
  $('[data-controls]').append(c.p.element, c.h1.element, c.h2.element, c.kernel.element, c.n.element, actions);
  // The sliders in view start the drag's worker and have it compute one surface at a general p
  // (LatestInWorker.warm), so that the first surface of a drag neither waits for the worker to
  // start nor runs in V8's baseline tier.
  const warm = () => offload.warm(function* rehearse() {
    yield ['attend', surfaceRequest({ ...s(), p: 1.5, data })];
  });
  const inView = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    inView.disconnect();
    warm();
  });
  inView.observe($('[data-controls]'));
  $('[data-rate-controls]').append(r.seeds.element, r.c.element);

  // ---- shell: own data (x1, x2, y), export, try this ----
  const own = addOwnData(section, {
    lab, state, layout: 'x1,x2,y', minRows: 2, maxRows: OWN_MAX_ROWS,
    onChange: () => refreshSurface({ reload: true }),
  });
  const code = addShowCode(section, () => ({
    xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest,
    kernel: s().kernel, p: s().p, h1: s().h1, h2: s().h2, own: Boolean(own.current()),
  }));
  addExport(section, {
    csv: [
      { label: t('minkowski.export.data'), filename: t('minkowski.export.dataFile'), table: () => ({
        columns: ['x1', 'x2', 'y'], rows: Array.from(data.yTrain, (y, i) => [data.xTrain[2 * i], data.xTrain[2 * i + 1], y]),
      }) },
      { label: t('minkowski.export.predictions'), filename: t('minkowski.export.predictionsFile'), table: () => ({
        columns: ['x1', 'x2', 'prediction', 'truth'],
        rows: Array.from({ length: data.xTest.length / 2 }, (_, k) => [data.xTest[2 * k], data.xTest[2 * k + 1],
          exportRates.predictions[k], data.yTest ? data.yTest[k] : NaN]),
      }) },
      { label: t('minkowski.export.rates'), filename: t('minkowski.export.ratesFile'), table: () => ({
        columns: ['d', 'n', 'mse', 'bias2', 'variance', 'mean_width'],
        rows: DIMS.flatMap((d) => N_RATES.map((n) => {
          const r = cache.get(rateKey(d, n));
          const ok = r && !r.error;
          return [d, n, ok ? r.mse[0] : NaN, ok ? r.bias2[0] : NaN, ok ? r.variance[0] : NaN, ok ? r.meanWidth[0] : NaN];
        })),
      }) },
    ],
  });
  const tries = addTryThis(section, [
    { id: 'undefined', task: t('minkowski.task.undefined'), hint: t('minkowski.hint.undefined'), explanation: t('minkowski.explanation.undefined'),
      check: () => current.undefined > 0 },
    { id: 'beat-default', task: t('minkowski.task.beatDefault', defaults), hint: t('minkowski.hint.beatDefault', { ...defaults, newData: t('minkowski.newData') }),
      explanation: t('minkowski.explanation.beatDefault'),
      // The text's three conditions on the errors as shown (3 digits): below the default's, below
      // the swapped widths', with h₁ the smaller width.
      check: () => {
        const shown = (v) => Number(fmt(v));
        return current.h1 < current.h2 && shown(current.mse) < shown(current.baseline) && shown(current.mse) < shown(current.swapped);
      } },
  ]);

  loadData();
  refreshSurface();
  drawRates();
  run();
  return { state, compute };
}
