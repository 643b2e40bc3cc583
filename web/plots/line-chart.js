// A small multi-series line chart (d3 scales and axes): per-epoch curves, the loss landscape
// L(w), error against n on log–log axes. Series may contain NaN: gaps, never drawn as 0.
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear, scaleLog } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { t } from '../i18n.js';
import { frameSize } from './frame.js';

const M = { top: 30, right: 14, bottom: 44, left: 58 };
// A series asks for a dot at each point (epochs, n values); beyond this many points the dots merge
// into a thick line, each is an SVG node to lay out on every redraw, and the line alone reads better.
const MAX_DOTS = 100;
/** What the summary and the data table call a series. */
const nameOf = (s) => s.label || s.name || s.id;
/** A value that can be plotted on a linear (or, log true, a log) axis. */
const ok = (v, log) => Number.isFinite(v) && (!log || v > 0);

export class LineChart {
  /**
   * @param {HTMLElement} container
   * @param {{ xLabel: string, yLabel: string, xLog?: boolean, yLog?: boolean, label?: string }} options
   */
  constructor(container, { xLabel, yLabel, xLog = false, yLog = false, label = '' }) {
    ({ W: this.W, H: this.H } = frameSize(container));
    container.labPlot = this; // for the figure's data table (web/data-table.js)
    this.xLog = xLog;
    this.yLog = yLog;
    this.xLabel = xLabel;
    this.label = label || t('plots.lineChartLabel', { y: yLabel, x: xLabel });
    // Never wider than drawn: a wider figure would scale the 12 px text up with the drawing.
    this.svg = select(container).append('svg').attr('viewBox', `0 0 ${this.W} ${this.H}`).attr('role', 'img')
      .attr('aria-label', this.label).style('max-width', `${this.W}px`);
    this.x = (xLog ? scaleLog() : scaleLinear()).range([M.left, this.W - M.right]);
    this.y = (yLog ? scaleLog() : scaleLinear()).range([this.H - M.bottom, M.top]);
    this.gx = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${this.H - M.bottom})`);
    this.gy = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`);
    this.svg.append('text').attr('class', 'axis-label').attr('x', (this.W + M.left) / 2).attr('y', this.H - 6)
      .attr('text-anchor', 'middle').text(xLabel);
    this.svg.append('text').attr('class', 'axis-label')
      .attr('transform', `translate(14,${(this.H - M.bottom + M.top) / 2}) rotate(-90)`).attr('text-anchor', 'middle').text(yLabel);
    this.gSeries = this.svg.append('g');
    this.gMarkers = this.svg.append('g');
    this.gLegend = this.svg.append('g').attr('class', 'legend');
  }

  /**
   * series: [{ id, label, x: number[], y: number[], color, dash?, dots?, name? }] (dots: up to
   * MAX_DOTS points; a series without a label is not in the legend, and the summary and the data
   * table call it `name`, else its id)
   * markers: [{ x, y, color, label? }] — e.g. the current w on the landscape.
   * domain: optional { x: [lo, hi], y: [lo, hi] }.
   * Returns whether the series (and possibly the axes) were redrawn.
   */
  update(series, { markers = [], domain = {} } = {}) {
    // A redraw with the same series (a control that changes another plot of the exercise, or only
    // moves a marker) leaves their SVG as it is: rewriting axes and paths costs a layout and a
    // paint per frame. JSON writes NaN as null, which no series holds otherwise.
    const key = JSON.stringify([series, domain], (k, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v));
    const redraw = key !== this.drawnKey;
    if (redraw) {
      this.drawnKey = key;
      this.markersKey = null; // new scales: the markers move too
      this.#drawSeries(series, domain);
    }
    this.#drawMarkers(markers);
    return redraw;
  }

  #drawSeries(series, domain) {
    this.series = series;
    const xs = series.flatMap((s) => s.x).filter((v) => ok(v, this.xLog));
    const ys = series.flatMap((s) => s.y).filter((v) => ok(v, this.yLog));
    const lohi = (a) => (a.length ? [Math.min(...a), Math.max(...a)] : [0, 1]);
    const xd = domain.x ?? lohi(xs);
    let yd = domain.y ?? lohi(ys);
    if (yd[0] === yd[1]) yd = this.yLog ? [yd[0] / 2, yd[1] * 2] : [yd[0] - 1, yd[1] + 1];
    this.x.domain(xd);
    this.y.domain(yd);
    if (!domain.y) this.y.nice();
    // An axis is rewritten only when its domain changed (d3's axis rejoins every tick).
    const [xKey, yKey] = [JSON.stringify(this.x.domain()), JSON.stringify(this.y.domain())];
    if (xKey !== this.xKey) this.gx.call(axisBottom(this.x).ticks(6, this.xLog ? '~g' : undefined));
    if (yKey !== this.yKey) this.gy.call(axisLeft(this.y).ticks(6, this.yLog ? '~g' : undefined));
    [this.xKey, this.yKey] = [xKey, yKey];

    const path = line()
      .defined((d) => ok(d[0], this.xLog) && ok(d[1], this.yLog))
      .x((d) => this.x(d[0]))
      .y((d) => this.y(d[1]));
    this.gSeries.selectAll('path').data(series, (s) => s.id).join('path')
      .attr('fill', 'none').style('stroke', (s) => s.color).attr('stroke-width', 2)
      .attr('stroke-dasharray', (s) => s.dash ?? null)
      .attr('data-series', (s) => s.id)
      .attr('data-x', (s) => s.x.join(','))
      .attr('data-y', (s) => s.y.map((v) => (Number.isFinite(v) ? v : 'NaN')).join(','))
      .attr('d', (s) => path(s.x.map((x, i) => [x, s.y[i]])));
    const dots = series.filter((s) => s.dots && s.x.length <= MAX_DOTS).flatMap((s) => s.x.map((x, i) => ({ x, y: s.y[i], color: s.color })))
      .filter((d) => ok(d.x, this.xLog) && ok(d.y, this.yLog));
    this.gSeries.selectAll('circle').data(dots).join('circle').attr('r', 3).style('fill', (d) => d.color)
      .attr('cx', (d) => this.x(d.x)).attr('cy', (d) => this.y(d.y));

    // The legend only when its entries change (some quote a slider's value).
    const labelled = series.filter((s) => s.label);
    const legendKey = JSON.stringify(labelled.map((s) => [s.label, s.color, s.dash ?? null]));
    if (legendKey === this.legendKey) return;
    this.legendKey = legendKey;
    this.gLegend.selectAll('*').remove();
    let lx = M.left + 6;
    let ly = 12;
    for (const s of labelled) {
      const item = this.gLegend.append('g');
      item.append('line').attr('x2', 18).style('stroke', s.color).attr('stroke-width', 2)
        .attr('stroke-dasharray', s.dash ?? null);
      const t = item.append('text').attr('x', 22).attr('y', 4).text(s.label);
      const width = 34 + (this.#textWidth(t.node(), s.label) || s.label.length * 7);
      if (lx + width > this.W - M.right && lx > M.left + 6) {
        lx = M.left + 6;
        ly += 16;
      }
      item.attr('transform', `translate(${lx},${ly})`);
      lx += width;
    }
  }

  #drawMarkers(markers) {
    const key = JSON.stringify(markers);
    if (key === this.markersKey) return;
    this.markersKey = key;
    const [x0, x1] = this.x.domain();
    const visible = markers.filter((m) => ok(m.x, this.xLog) && ok(m.y, this.yLog));
    this.gMarkers.selectAll('circle').data(visible).join('circle').attr('r', 6).style('fill', (m) => m.color)
      .style('stroke', 'var(--bg)').attr('stroke-width', 2)
      .attr('cx', (m) => this.x(Math.min(Math.max(m.x, x0), x1))).attr('cy', (m) => this.y(m.y))
      .attr('data-marker', (m) => m.label ?? '');
  }

  /**
   * The width of a legend label, measured on a canvas in the label's font: the SVG text's own
   * getComputedTextLength() forces a synchronous layout of the page (right after the series were
   * written), on every redraw whose labels change.
   */
  #textWidth(node, text) {
    if (!this.font) {
      this.font = getComputedStyle(node).font;
      this.measure = document.createElement('canvas').getContext('2d');
    }
    if (!this.measure || !this.font) return 0;
    this.measure.font = this.font;
    return this.measure.measureText(text).width;
  }

  summary() {
    const parts = (this.series ?? []).filter((s) => s.x.length).map((s) => {
      const last = s.y[s.y.length - 1];
      return t('plots.lineChartSeries', { name: nameOf(s), points: s.x.length, last: Number.isFinite(last) ? last.toPrecision(3) : t('common.undefined') });
    });
    return t('plots.lineChartSummary', { label: this.label, series: parts.join(t('plots.listGap')) });
  }

  /** The plotted numbers: one row per x of the first series, one column per series. */
  table() {
    const series = this.series ?? [];
    const xs = [...new Set(series.flatMap((s) => s.x))].sort((a, b) => a - b);
    return {
      columns: [this.xLabel, ...series.map(nameOf)],
      rows: xs.map((x) => [x, ...series.map((s) => {
        const i = s.x.indexOf(x);
        return i < 0 ? '' : s.y[i];
      })]),
    };
  }
}
