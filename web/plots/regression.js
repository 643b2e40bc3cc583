// The regression view: training points, the noise-free truth, the prediction; queries with no
// neighbour are shaded and labelled "undefined", never drawn as 0. 1-D inputs.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { t } from '../i18n.js';
import { frameSize } from './frame.js';

const M = { top: 28, right: 12, bottom: 42, left: 46 };

/** [min, max] of the finite values of several arrays (d3's extent without concatenating them). */
function extentOf(arrays) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const a of arrays) {
    for (const v of a) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [undefined, undefined];
}

export class RegressionPlot {
  /**
   * @param {HTMLElement} container
   * @param {{ onQuery?: (i: number|null) => void, legend?: Array<[string, string, string?, string?]> }} options
   *   legend: see legend(); by default the truth, the prediction and the training data in the
   *   page's language.
   */
  constructor(container, { onQuery, legend = [['truth', t('plots.truth')], ['prediction', t('plots.prediction')], ['point', t('plots.trainingData')]] } = {}) {
    ({ W: this.W, H: this.H } = frameSize(container));
    container.querySelector('svg.prerendered')?.remove(); // the build's static first plot
    container.labPlot = this; // for the figure's data table (web/data-table.js)
    // The training points (up to 10,000) are drawn on a canvas under the SVG: as SVG circles
    // every frame of a slider drag restyled, laid out and rasterised thousands of elements that
    // had not changed. The canvas carries the point count and radii as data attributes, and the
    // data table lists the plotted numbers.
    const layers = select(container).append('div').attr('class', 'plot-layers');
    this.canvas = layers.append('canvas').attr('class', 'points-layer').attr('aria-hidden', 'true').node();
    this.svg = layers
      .append('svg')
      .attr('viewBox', `0 0 ${this.W} ${this.H}`)
      .attr('role', 'img')
      .attr('aria-label', t('plots.regressionLabel'));
    this.x = scaleLinear().range([M.left, this.W - M.right]);
    this.y = scaleLinear().range([this.H - M.bottom, M.top]);
    this.gUndefined = this.svg.append('g');
    this.gx = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${this.H - M.bottom})`);
    this.gy = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`);
    this.svg.append('text').attr('class', 'axis-label').attr('x', (this.W + M.left) / 2).attr('y', this.H - 6)
      .attr('text-anchor', 'middle').text('x');
    this.svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${(this.H - M.bottom + M.top) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle').text('y');
    this.truthPath = this.svg.append('path').attr('class', 'truth');
    this.predPath = this.svg.append('path').attr('class', 'prediction');
    this.gExtra = this.svg.append('g');
    this.marker = this.svg.append('line').attr('class', 'query-marker').style('display', 'none');
    this.legend(...legend);
    this.onQuery = onQuery;
    // Back the canvas with one pixel per device pixel of its displayed size (crisp on high-DPI
    // screens), redrawn when that size changes; the observer reports after layout, so sizing it
    // never forces a synchronous layout. (The size comes from the CSS box and devicePixelRatio:
    // devicePixelContentBoxSize ignores an emulated device scale factor. Observing the
    // device-pixel box still reports a change of devicePixelRatio, e.g. by zooming.)
    this.resize = new ResizeObserver(([entry]) => {
      const w = Math.round(entry.contentRect.width * devicePixelRatio);
      const h = Math.round(entry.contentRect.height * devicePixelRatio);
      if (w > 0 && h > 0 && (w !== this.canvas.width || h !== this.canvas.height)) {
        this.canvas.width = w;
        this.canvas.height = h;
        this.#drawPoints();
      }
    });
    try {
      this.resize.observe(this.canvas, { box: 'device-pixel-content-box' });
    } catch {
      this.resize.observe(this.canvas); // browsers without device-pixel-content-box
    }
    // Dark mode changes the points' colour (read from CSS when drawing).
    matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', () => this.#drawPoints());
    this.svg.on('pointermove', (event) => this.#pointer(event)).on('pointerleave', () => this.onQuery?.(null));
    // Keyboard: focus the plot, then ←/→ move the focused query (Home/End jump to the ends).
    this.svg.attr('tabindex', 0).attr('aria-label', t('plots.regressionLabelKeys'))
      .on('keydown', (event) => this.#key(event))
      .on('blur', () => this.onQuery?.(null));
  }

  legend(...items) {
    const g = this.svg.append('g').attr('class', 'legend');
    let x = M.left + 4;
    let y = 12;
    // An item is [class or colour, text] or, for a dashed curve, [colour, text, dash]: the legend
    // draws its line as the plot draws the curve. A colour item's line carries data-legend = `id`
    // (4th element; by default its text): tests address it by an id that is the same in every language.
    for (const [cls, text, dash, id = text] of items) {
      const item = g.append('g').attr('data-legend', cls);
      if (cls === 'point') item.append('circle').attr('class', 'point').attr('cx', 8).attr('cy', 0).attr('r', 4);
      else if (cls.startsWith('#') || cls.startsWith('var(')) item.append('line').style('stroke', cls)
        .attr('stroke-width', 2).attr('x2', 18).attr('stroke-dasharray', dash ?? null).attr('data-legend', id);
      else item.append('line').attr('class', cls).attr('x2', 18);
      const t = item.append('text').attr('x', 22).attr('y', 4).text(text);
      const width = 30 + (t.node().getComputedTextLength?.() || text.length * 7);
      if (x + width > this.W - M.right && x > M.left + 4) {
        x = M.left + 4; // wrap onto a new row rather than run off a narrow plot
        y += 16;
      }
      item.attr('transform', `translate(${x},${y})`);
      x += width;
    }
  }

  #key(event) {
    if (!this.data) return;
    const n = this.data.xTest.length;
    const current = this.highlighted ?? -1;
    const next = { ArrowRight: current + 1, ArrowLeft: current - 1, Home: 0, End: n - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.onQuery?.(Math.min(n - 1, Math.max(0, next)));
  }

  #pointer(event) {
    if (!this.data) return;
    const [px] = [event.offsetX * (this.W / this.svg.node().getBoundingClientRect().width)];
    const xv = this.x.invert(px);
    const xs = this.data.xTest;
    let best = 0;
    for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - xv) < Math.abs(xs[best] - xv)) best = i;
    this.onQuery?.(best);
  }

  /**
   * data: { xTrain, yTrain, xTest, yTest, predictions } (Float64Arrays, 1-D inputs), and optionally
   * extra: [{ id, values, color, dash, label? }] further prediction curves at xTest (e.g. a second
   * model); label names its column in the data table (default: id).
   */
  update(data) {
    this.data = data;
    const { xTrain, yTrain, xTest, yTest, predictions, extra = [] } = data;
    // Extents over the arrays as they are (no copies of up to 10,000 points per slider step).
    const [x0, x1] = extentOf([xTrain, xTest]);
    const [y0, y1] = extentOf([yTrain, yTest, predictions, ...extra.map((e) => e.values)]);
    this.x.domain([Math.min(0, x0), Math.max(5, x1)]);
    this.y.domain([Math.min(-1, y0), Math.max(5, y1)]).nice();
    // Axes, points and truth change only with the data or the domains, not with the width a
    // slider drags: skip their DOM work when neither changed.
    const key = `${this.x.domain()}|${this.y.domain()}`;
    if (this.axesKey !== key) {
      this.gx.call(axisBottom(this.x).ticks(6));
      this.gy.call(axisLeft(this.y).ticks(6));
      this.axesKey = key;
    }
    if (this.drawn?.xTrain !== xTrain || this.drawn?.yTrain !== yTrain || this.drawn?.key !== key) {
      this.drawn = { xTrain, yTrain, key };
      this.pointsDirty = true;
    }

    const path = line().defined((d) => Number.isFinite(d[1])).x((d) => this.x(d[0])).y((d) => this.y(d[1]));
    if (this.truthDrawn?.xTest !== xTest || this.truthDrawn?.yTest !== yTest || this.truthDrawn?.key !== key) {
      this.truthPath.attr('d', path(Array.from(xTest, (x, i) => [x, yTest[i]])));
      this.truthDrawn = { xTest, yTest, key };
    }
    this.predPath.attr('d', path(Array.from(xTest, (x, i) => [x, predictions[i]])));
    this.gExtra.selectAll('path').data(extra, (e) => e.id).join('path').attr('fill', 'none')
      .style('stroke', (e) => e.color).attr('stroke-width', 2).attr('stroke-dasharray', (e) => e.dash ?? null)
      .attr('data-series', (e) => e.id)
      .attr('d', (e) => path(Array.from(xTest, (x, i) => [x, e.values[i]])));
    this.predPath.attr('data-predictions', Array.from(predictions, (v) => (Number.isNaN(v) ? 'NaN' : v.toPrecision(6))).join(','));

    // Shade runs of undefined queries from midpoint to midpoint between grid points.
    const runs = [];
    for (let i = 0; i < xTest.length; i++) {
      if (!Number.isNaN(predictions[i])) continue;
      const lo = i === 0 ? xTest[0] : (xTest[i - 1] + xTest[i]) / 2;
      const hi = i === xTest.length - 1 ? xTest[i] : (xTest[i] + xTest[i + 1]) / 2;
      if (runs.length && runs[runs.length - 1].end === i - 1) Object.assign(runs[runs.length - 1], { hi, end: i });
      else runs.push({ lo, hi, end: i });
    }
    const g = this.gUndefined.selectAll('g').data(runs).join((enter) => {
      const e = enter.append('g');
      e.append('rect').attr('class', 'undefined-region');
      e.append('text').attr('class', 'undefined-label').attr('text-anchor', 'middle').text(t('common.undefined'));
      return e;
    });
    g.select('rect').attr('x', (d) => this.x(d.lo)).attr('width', (d) => Math.max(2, this.x(d.hi) - this.x(d.lo)))
      .attr('y', M.top).attr('height', this.H - M.top - M.bottom);
    g.select('text').attr('x', (d) => (this.x(d.lo) + this.x(d.hi)) / 2).attr('y', M.top + 14);
    this.highlight(this.highlighted ?? null, this.weightsOfQuery);
  }

  /** Marks query i and scales each training point by its weight for that query (null: clear). */
  highlight(i, weights) {
    this.highlighted = i;
    this.weightsOfQuery = weights;
    const on = i !== null && i !== undefined && this.data;
    this.marker.style('display', on ? null : 'none');
    if (on) {
      const x = this.x(this.data.xTest[i]);
      this.marker.attr('x1', x).attr('x2', x).attr('y1', M.top).attr('y2', this.H - M.bottom);
    }
    const scale = Boolean(on && weights);
    // The points already show these weights (or their plain size): leave the canvas alone.
    const same = scale ? this.scaled && this.drawnWeights === weights : !this.scaled;
    if (same && !this.pointsDirty) return;
    this.scaled = scale;
    this.drawnWeights = scale ? weights : null;
    this.#drawPoints();
  }

  /** Draws the training points on the canvas, each scaled by its weight while a query is focused. */
  #drawPoints() {
    const canvas = this.canvas;
    if (!this.data) return;
    this.pointsDirty = false;
    const { xTrain, yTrain } = this.data;
    const weights = this.scaled ? this.weightsOfQuery : null;
    let maxW = 0;
    if (weights) for (const w of weights) if (w > maxW) maxW = w;
    const radii = new Float64Array(xTrain.length);
    for (let j = 0; j < xTrain.length; j++) {
      radii[j] = weights && maxW > 0 && Number.isFinite(weights[j]) ? 2 + 8 * Math.sqrt(weights[j] / maxW) : 3.5;
    }
    // What the tests and scripts read instead of circles: how many points, and each one's radius
    // in plot units (the SVG's viewBox), in the order of the training data.
    canvas.dataset.points = String(xTrain.length);
    canvas.dataset.radii = Array.from(radii, (r) => Number(r.toFixed(3))).join(',');
    if (canvas.width === 0 || canvas.height === 0) return;
    const ctx = canvas.getContext('2d');
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    // Plot units → device pixels: the canvas covers the SVG's whole viewBox.
    ctx.setTransform(canvas.width / this.W, 0, 0, canvas.height / this.H, 0, 0);
    // The colour and opacity of `.plot .point` (light or dark scheme), as CSS resolves them.
    const style = getComputedStyle(canvas);
    ctx.fillStyle = style.color;
    ctx.globalAlpha = Number(style.getPropertyValue('--points-opacity')) || 0.6;
    // One fill per point so that overlapping points darken each other, as SVG circles did.
    for (let j = 0; j < xTrain.length; j++) {
      ctx.beginPath();
      ctx.arc(this.x(xTrain[j]), this.y(yTrain[j]), radii[j], 0, 2 * Math.PI);
      ctx.fill();
    }
  }

  /** A one-sentence text alternative of what is drawn now. */
  summary() {
    if (!this.data) return t('plots.regressionEmpty');
    const { xTrain, xTest, predictions } = this.data;
    const missing = predictions.filter(Number.isNaN).length;
    const params = { points: xTrain.length, queries: xTest.length, from: xTest[0].toFixed(2), to: xTest[xTest.length - 1].toFixed(2), missing };
    return t(missing ? 'plots.regressionSummaryUndefined' : 'plots.regressionSummary', params);
  }

  /** The plotted numbers: one row per query; an extra curve's column is its `label`, else its id. */
  table() {
    const { xTest, yTest, predictions, extra = [] } = this.data ?? { xTest: [], yTest: [], predictions: [] };
    return {
      columns: [t('plots.columnQueryX'), t('plots.columnTruth'), t('plots.columnPrediction'), ...extra.map((e) => e.label ?? e.id)],
      rows: Array.from(xTest, (x, i) => [x, yTest[i], predictions[i], ...extra.map((e) => e.values[i])]),
    };
  }
}
