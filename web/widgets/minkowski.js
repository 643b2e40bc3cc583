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
import { SurfacePlot, gridAxes } from '../plots/surface.js';
import { WidgetState } from '../state.js';
import { addExport } from '../shell/export.js';
import { addOwnData } from '../shell/own-data.js';
import { addShowCode } from '../shell/show-code.js';
import { addTryThis } from '../shell/try-this.js';
import './minkowski-code.js';
import { fmt } from '../format.js';
import { fill, plural, sentence, slot } from '../sentence.js';

/** p as the control offers it; 'inf' is the max norm. */
const P_VALUES = ['1', '1.25', '1.5', '2', '2.5', '3', '4', '5', '6', '8', 'inf'];
const pNumber = (p) => (p === 'inf' ? Infinity : Number(p));
const pText = (p) => (p === 'inf' ? '∞' : p);
const KERNELS = [
  ['gaussian', 'Gaussian'],
  ['boxcar', 'boxcar'],
  ['triangular', 'triangular (d2l "Epanechikov")'],
  ['epanechnikov', 'Epanechnikov'],
];
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
      .attr('aria-label', 'Unit balls of the Minkowski distances').style('max-width', '420px');
    this.x = scaleLinear().range([M.l, this.S - M.r]);
    this.y = scaleLinear().range([this.S - M.b, M.t]);
    this.gx = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${this.S - M.b})`);
    this.gy = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.l},0)`);
    this.svg.append('text').attr('class', 'axis-label').attr('x', (this.S + M.l) / 2).attr('y', this.S - 6).attr('text-anchor', 'middle').text('u₁ = q₁ − k₁');
    this.svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${(this.S - M.b) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text('u₂ = q₂ − k₂');
    this.g = this.svg.append('g');
    this.legend = d3select(container).append('ul').attr('class', 'mk-legend');
  }

  update(curves, half) {
    this.x.domain([-half, half]);
    this.y.domain([-half, half]);
    this.gx.call(axisBottom(this.x).ticks(5));
    this.gy.call(axisLeft(this.y).ticks(5));
    const path = line().x((d) => this.x(d[0])).y((d) => this.y(d[1]));
    this.g.selectAll('path').data(curves, (c) => c.id).join('path').attr('fill', 'none')
      .style('stroke', (c) => c.color).attr('stroke-width', (c) => c.width ?? 2).attr('stroke-dasharray', (c) => c.dash ?? null)
      .attr('data-series', (c) => c.id)
      .attr('data-x', (c) => Array.from(c.x).join(',')).attr('data-y', (c) => Array.from(c.y).join(','))
      .attr('d', (c) => `${path(Array.from(c.x, (x, k) => [x, c.y[k]]))}Z`);
    this.legend.selectAll('li').data(curves, (c) => c.id).join('li').html('')
      .each(function (c) {
        const li = d3select(this);
        const svg = li.append('svg').attr('width', 24).attr('height', 8).attr('aria-hidden', 'true');
        svg.append('line').attr('x1', 1).attr('x2', 23).attr('y1', 4).attr('y2', 4).style('stroke', c.color)
          .attr('stroke-width', 2.5).attr('stroke-dasharray', c.dash ?? null);
        li.append('span').text(c.label);
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
      kernel: KERNELS.some(([k]) => k === v.kernel) ? v.kernel : d.kernel,
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
    for (const el of section.querySelectorAll(`[data-live="${name}"]`)) el.textContent = text;
  };

  const prediction = new SurfacePlot($('[data-plot="prediction"]'), {
    label: 'Predicted surface', onPick: (x, y) => { state.set({ px: round2(x), py: round2(y) }); refreshSurface(); },
    pickLabel: 'Click, or move the cursor with the arrow keys and press Enter, to move the probe.',
  });
  const truth = new SurfacePlot($('[data-plot="truth"]'), { label: 'True surface' });
  const balls = new BallPlot($('[data-plot="balls"]'));
  const rates = new LineChart($('[data-plot="rates"]'), { xLabel: 'training examples n', yLabel: 'MSE against the truth', xLog: true, yLog: true });
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

  /** Draws view (a snapshot of the state and data) with its grid predictions a. */
  function drawSurface(view, a, base, swapped) {
    const { data, bounds } = view;
    if (base) baseline = { data, mse: lab.meanSquaredError({ predictions: base.predictions, truth: data.yTest }).mse };
    const p = pNumber(view.p);
    const width = [view.h1, view.h2];
    const common = { keys: data.xTrain, values: data.yTrain, dim: 2, kernel: view.kernel, width, p };
    const { xs, ys } = gridAxes(data.xTest);
    // Contour levels: round numbers across the truth's range, the same on both surfaces.
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of data.yTest ?? data.yTrain) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const levels = ticks(lo, hi, 8);
    const points = Array.from({ length: data.xTrain.length / 2 }, (_, i) => ({ x: data.xTrain[2 * i], y: data.xTrain[2 * i + 1], cls: 'data' }));
    const ball = lab.unitBall({ p, points: 256, widths: width });
    const probe = { id: 'probe-ball', x: Array.from(ball.x, (u) => view.px + u), y: Array.from(ball.y, (u) => view.py + u), color: 'var(--fg)', width: 2 };
    const pad = (b) => [b[0] - 0.01 * (b[1] - b[0]), b[1]];
    const domain = { x: pad(bounds.x), y: pad(bounds.y) };
    prediction.update({ grid: { xs, ys, values: a.predictions }, levels, points, curves: [probe], domain, range: [lo, hi] });
    prediction.gCurves.selectAll('circle.probe').data([0]).join('circle').attr('class', 'probe').attr('r', 3.5)
      .attr('cx', prediction.x(view.px)).attr('cy', prediction.y(view.py));
    // The truth changes with the data only (levels and domain follow from the data too).
    if (data.yTest && truthFor !== data) truth.update({ grid: { xs, ys, values: data.yTest }, levels, domain, range: [lo, hi] });
    truthFor = data;
    prediction.svg.attr('data-predictions', Array.from(a.predictions, (v) => (Number.isNaN(v) ? 'NaN' : v.toPrecision(6))).join(','));

    // The unit balls of p = 1, 2, ∞ and the current p.
    const curves = BALLS.map(([q, color, dash]) => {
      const b = lab.unitBall({ p: pNumber(q), points: 256, widths: width });
      return { id: `p-${q}`, label: `p = ${pText(q)}`, x: b.x, y: b.y, color, dash };
    });
    if (!BALLS.some(([q]) => q === view.p)) {
      curves.push({ id: 'p-current', label: `p = ${pText(view.p)} (current)`, x: ball.x, y: ball.y, color: 'var(--accent)', width: 3 });
    } else {
      const cur = curves.find((c) => c.id === `p-${view.p}`);
      cur.width = 3.5;
      cur.label += ' (current)';
    }
    balls.update(curves, 1.15 * Math.max(view.h1, view.h2));

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
    live('n', String(data.xTrain.length / 2));
    live('grid', String(data.xTest.length / 2));
    // The readout: whole sentences (one unit each for a translation), the variant chosen by the
    // numbers: no truth (own data), some queries undefined, or an error to quote.
    const grid = data.xTest.length / 2;
    const u = e.undefined;
    const settings = sentence`With p = ${slot('p', pText(view.p))} and widths h = (${slot('h1', view.h1, fmt(view.h1))}, ${slot('h2', view.h2, fmt(view.h2))}), `;
    const errorSentence = !data.yTest
      ? sentence`your data has no noise-free truth, so the error against it is ${slot('mse', NaN, 'undefined')}; ${slot('undefined', u)} of the ${grid} grid ${plural(u, 'query has', 'queries have')} no key inside the kernel's unit ball. `
      : u > 0
        ? sentence`${slot('undefined', u)} of the ${grid} grid ${plural(u, 'query has', 'queries have')} no key inside the kernel's unit ball: ${plural(u, 'its prediction is', 'their predictions are')} undefined (grey), so the error against the noise-free truth is ${slot('mse', NaN, 'undefined')} too. `
        : sentence`every grid query has a key within reach, and the prediction's error against the noise-free truth is ${slot('mse', e.mse, fmt(e.mse))} over the ${grid}-point grid. `;
    const def = current.baseline;
    const compare = !data.yTest || u > 0 || !Number.isFinite(def) ? []
      : view.h1 === view.h2
        ? sentence`With p = 2 and h = (0.5, 0.5) the error is ${slot('baseline', def, fmt(def))}. `
      : !Number.isFinite(current.swapped)
        ? sentence`With the two widths swapped, h = (${fmt(view.h2)}, ${fmt(view.h1)}), some queries would have no key within reach and the error would be undefined; with p = 2 and h = (0.5, 0.5) it is ${slot('baseline', def, fmt(def))}. `
        : sentence`With the two widths swapped, h = (${fmt(view.h2)}, ${fmt(view.h1)}), the error would be ${slot('swapped', current.swapped, fmt(current.swapped))}; with p = 2 and h = (0.5, 0.5) it is ${slot('baseline', def, fmt(def))}. `;
    const probeAt = `${view.px.toFixed(2)}, ${view.py.toFixed(2)}`;
    const probeSentence = count === 0 && !Number.isFinite(at.predictions[0])
      ? sentence`At the probe (${slot('probe', probeAt)}; click the prediction to move it) ${slot('probe-keys', count)} training points lie inside the unit ball, so the prediction there is ${slot('probe-prediction', NaN, 'undefined')}.`
      : sentence`At the probe (${slot('probe', probeAt)}; click the prediction to move it) the prediction is ${slot('probe-prediction', at.predictions[0], fmt(at.predictions[0]))}, and ${slot('probe-keys', count)} ${plural(count, 'training point lies', 'training points lie')} inside its unit ball.`;
    fill($('[data-live="readout"]'), [...settings, ...errorSentence, ...compare, ...probeSentence]);
    for (const name of ['p', 'h1', 'h2', 'mse', 'probe-prediction']) section.querySelector(`[data-live="readout"] [data-live="${name}"]`)?.classList.add('live');
    tries?.update();
    code?.update();
    exportRates.predictions = a.predictions;
  }
  const exportRates = { predictions: null };

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
        label: `d = ${d}, n = ${n.toLocaleString('en-US')}`,
        run: (call) => call('consistency', rateOptions(d, n)),
      })),
    draw: () => drawRates(),
    show: (phase, task) =>
      phase === 'done'
        ? showProgress('done', ProgressPanel.doneText(`All ${DIMS.length * N_RATES.length} points computed`, compute))
        : showProgress('computing', `Computing ${task.done + 1} of ${task.total}: ${task.label}…`),
  });
  const run = () => runner.run();

  function cancel() {
    clearTimeout(debounce); // a run that has not started yet is cancelled too
    const { done, total } = runner.cancel() ?? { done: 0, total: missing().length };
    showProgress('cancelled', `Cancelled after ${done} of ${total} computations; the plot shows what was finished.`);
  }

  function drawRates() {
    const series = [];
    const fits = {};
    for (const d of DIMS) {
      const mse = N_RATES.map((n) => {
        const r = cache.get(rateKey(d, n));
        return r && !r.error ? r.mse[0] : NaN;
      });
      series.push({ id: `d${d}`, label: `d = ${d}`, x: N_RATES, y: mse, color: DIM_COLOR[d], dots: true });
      const theory = lab.minimaxRate({ dim: d });
      const known = mse.filter((v) => Number.isFinite(v) && v > 0).length;
      fits[d] = { theory, known };
      if (known >= 2) {
        const fit = lab.fitPowerLaw({ x: N_RATES, y: mse });
        const guide = lab.fitPowerLaw({ x: N_RATES, y: mse, exponent: theory });
        fits[d].slope = fit.exponent;
        series.push({ id: `guide-d${d}`, label: '', x: N_RATES, y: Array.from(guide.fitted), color: DIM_COLOR[d], dash: '6 4' });
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
    live('seeds', `${s().seeds} ${plural(s().seeds, 'data set', 'data sets')}`);
    const kernelName = KERNELS.find(([k]) => k === s().kernel)[1];
    const done = (d) => N_RATES.every((n) => cache.has(rateKey(d, n)));
    const nList = (ns) => ns.map((n) => n.toLocaleString('en-US')).join(', ');
    // A slope needs two n with a defined error; "(computing)" only while points are missing.
    const slopeText = (d) => (fits[d].slope !== undefined ? fmt(fits[d].slope)
      : done(d) ? 'undefined (fewer than two n with a defined error)' : 'still computing');
    const perDim = (d) => {
      const f = fits[d];
      const mse = N_RATES.map((n) => cache.get(rateKey(d, n))?.mse?.[0]);
      const missing = N_RATES.filter((n) => !cache.has(rateKey(d, n)));
      const undef = N_RATES.filter((n, k) => cache.has(rateKey(d, n)) && !Number.isFinite(mse[k]));
      if (missing.length === N_RATES.length) return `For d = ${d} the curve is still being computed.`;
      if (undef.length > 0) {
        return `For d = ${d} the error is undefined at n = ${nList(undef)}: with the ${kernelName} kernel some queries have no training point within its reach there.`;
      }
      if (missing.length > 0) return `For d = ${d} the curve is still being computed (${missing.length} of ${N_RATES.length} n to go).`;
      // The verb from the numbers: "falls" when the error at the largest n is below that at the smallest.
      return f.e1 < f.e0
        ? `For d = ${d} the error falls from ${fmt(f.e0)} at n = ${nList([N_RATES[0]])} to ${fmt(f.e1)} at n = ${nList([N_RATES[N_RATES.length - 1]])}.`
        : `For d = ${d} the error does not fall: ${fmt(f.e0)} at n = ${nList([N_RATES[0]])}, ${fmt(f.e1)} at n = ${nList([N_RATES[N_RATES.length - 1]])}.`;
    };
    el.textContent = `Fitted slopes: ${DIMS.map((d) => `d = ${d}: ${slopeText(d)} (theory ${fmt(fits[d].theory)})`).join('; ')}. ${DIMS.map(perDim).join(' ')}`;
    const all = DIMS.every(done);
    const slopes = DIMS.map((d) => fits[d].slope);
    // The words from the fitted slopes: "the more coordinates, the flatter the line" only if each
    // slope is above the last; "flatter in d = 3 than in d = 1" if only the ends are in order.
    const flatter = slopes.every((v, k) => v !== undefined && (k === 0 || v > slopes[k - 1]));
    const endsFlatter = slopes.every((v) => v !== undefined) && slopes[2] > slopes[0];
    const widthsText = `here the mean width goes from ${DIMS.map((d) => `${fmt(fits[d].h0)} to ${fmt(fits[d].h1)} (d = ${d})`).join(', ')} as n grows ${(N_RATES[N_RATES.length - 1] / N_RATES[0]).toLocaleString('en-US')}-fold`;
    live('rates-answer', !all
      ? 'The curves are still being computed.'
      : slopes.some((v) => v === undefined)
        ? `Not with the ${kernelName} kernel: where its errors are undefined (queries with no training point within reach, at small n and in more dimensions) no slope can be fitted. Choose the Gaussian to compare all three dimensions.`
        : flatter
          ? `Yes. The fitted slopes are ${slopes.map((v) => fmt(v)).join(', ')} for d = 1, 2, 3, against −4/(4 + d) = ${DIMS.map((d) => fmt(fits[d].theory)).join(', ')}: the more coordinates, the flatter the line, so every extra dimension needs disproportionately more data for the same error (the curse of dimensionality). The width should shrink more slowly in higher dimensions, like n^(−1/(4+d)): here the mean width goes from ${DIMS.map((d) => `${fmt(fits[d].h0)} to ${fmt(fits[d].h1)} (d = ${d})`).join(', ')} as n grows ${(N_RATES[N_RATES.length - 1] / N_RATES[0]).toLocaleString('en-US')}-fold. A ball of radius h in d dimensions holds a fraction of order h^d of the data: to keep enough neighbours (variance) while h shrinks (bias), h cannot shrink as fast when d is larger.`
          : endsFlatter
            ? `Yes, though noisily here. The fitted slopes are ${slopes.map((v) => fmt(v)).join(', ')} for d = 1, 2, 3, against −4/(4 + d) = ${DIMS.map((d) => fmt(fits[d].theory)).join(', ')}: the line for d = 3 is flatter than for d = 1, but d = 2 falls out of order on these data sets (more data sets per n give steadier slopes). In theory every extra dimension flattens the line, so it needs disproportionately more data for the same error (the curse of dimensionality). The width should shrink more slowly in higher dimensions, like n^(−1/(4+d)): ${widthsText}. A ball of radius h in d dimensions holds a fraction of order h^d of the data: to keep enough neighbours (variance) while h shrinks (bias), h cannot shrink as fast when d is larger.`
          : `Not clearly on these data sets: the fitted slopes are ${slopes.map((v) => fmt(v)).join(', ')} for d = 1, 2, 3, against −4/(4 + d) = ${DIMS.map((d) => fmt(fits[d].theory)).join(', ')}, and they do not flatten with every added coordinate. More data sets per n (or another c) give steadier slopes.`);
  }

  // ---- controls ----
  let debounce = null;
  const refreshRates = () => {
    drawRates();
    clearTimeout(debounce);
    const m = missing().length;
    if (m > 0) showProgress('computing', `${m} ${plural(m, 'computation', 'computations')} to do…`);
    debounce = setTimeout(run, 150);
  };
  const c = {
    p: slider({ label: 'Minkowski p', min: 0, max: P_VALUES.length - 1, step: 1, value: P_VALUES.indexOf(s().p),
      format: (i) => pText(P_VALUES[Math.round(i)]), onInput: (i) => { state.set({ p: P_VALUES[Math.round(i)] }); refreshSurface(); } }),
    h1: slider({ label: 'Width h₁ (along x₁)', min: 0.05, max: 3, log: true, value: s().h1, format: (v) => fmt(v),
      onInput: (v) => { state.set({ h1: v }); refreshSurface(); } }),
    h2: slider({ label: 'Width h₂ (along x₂)', min: 0.05, max: 3, log: true, value: s().h2, format: (v) => fmt(v),
      onInput: (v) => { state.set({ h2: v }); refreshSurface(); } }),
    kernel: select({ label: 'Kernel', value: s().kernel, options: KERNELS,
      onChange: (v) => { state.set({ kernel: v }); refreshSurface(); refreshRates(); } }),
    n: slider({ label: 'Training points n', min: 20, max: 2000, log: true, value: s().n, format: (v) => String(Math.round(v)),
      onInput: (v) => { state.set({ n: Math.round(v) }); refreshSurface({ reload: true }); } }),
  };
  const r = {
    seeds: slider({ label: 'Data sets per n', min: 1, max: 10, step: 1, value: s().seeds, format: (v) => String(Math.round(v)),
      onInput: (v) => { state.set({ seeds: Math.round(v) }); refreshRates(); } }),
    c: slider({ label: 'c in h = c·n^(−1/(4+d))', min: 0.2, max: 5, log: true, value: s().c, format: (v) => fmt(v),
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
    button('New data', () => { state.set({ seed: s().seed + 1 }); refreshSurface({ reload: true }); refreshRates(); }, 'Draw new data (next seed)', 'new-data'),
    copy.button,
    button('Reset', () => { state.reset(); syncControls(); refreshSurface({ reload: true }); refreshRates(); }, 'Back to the defaults', 'reset'),
    copy.status,
  );
  $('[data-controls]').append(c.p.element, c.h1.element, c.h2.element, c.kernel.element, c.n.element, actions);
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
      { label: 'training data', filename: 'minkowski-data.csv', table: () => ({
        columns: ['x1', 'x2', 'y'], rows: Array.from(data.yTrain, (y, i) => [data.xTrain[2 * i], data.xTrain[2 * i + 1], y]),
      }) },
      { label: 'predictions', filename: 'minkowski-predictions.csv', table: () => ({
        columns: ['x1', 'x2', 'prediction', 'truth'],
        rows: Array.from({ length: data.xTest.length / 2 }, (_, k) => [data.xTest[2 * k], data.xTest[2 * k + 1],
          exportRates.predictions[k], data.yTest ? data.yTest[k] : NaN]),
      }) },
      { label: 'error vs n', filename: 'minkowski-rates.csv', table: () => ({
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
    { id: 'undefined', task: 'Make the prediction undefined somewhere on the grid.',
      hint: 'The Gaussian reaches everywhere. Choose a compact kernel (boxcar, triangular, Epanechnikov) and small widths.',
      explanation: 'A compact kernel gives weight only to keys inside the unit ball around the query. Where the ball holds no training point, the weights are 0/0: undefined (grey), not 0. With p = 1 the ball is smallest, with p = ∞ largest, for the same widths.',
      check: () => current.undefined > 0 },
    { id: 'beat-default', task: 'Which coordinate needs the smaller width? Give it the smaller width, so that the error is below both that of p = 2, h = (0.5, 0.5) and that of the same two widths swapped.',
      hint: 'Compare the truth’s slope along x₁ (2 cos x₁, up to 2) and along x₂ (−1.5 sin 1.5x₂, up to 1.5): the coordinate along which it changes faster needs the narrower window. Keep h₂ at 0.5 and move h₁ down a few steps.',
      explanation: 'The truth 2 sin x₁ + cos(1.5 x₂) changes faster along x₁: its slope reaches 2 there, against 1.5 along x₂, and it is steepest at the edge x₁ = 0, where a wide window averages values from one side only. So x₁ wants the narrower window, as training finds in the per-coordinate exercise. A width per coordinate (what d2l\'s exercise on adding hyperparameters asks for) lets the kernel average more along the direction where the function is flatter.',
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
