// The attention heatmap: queries (rows) × sorted keys (columns) on a canvas, at most one cell per
// device pixel; an SVG overlay carries the axes, the highlighted row and the colour legend.
import { axisBottom, axisLeft, axisRight } from 'd3-axis';
import { scaleLinear, scaleSequential } from 'd3-scale';
import { interpolateReds } from 'd3-scale-chromatic';
import { select } from 'd3-selection';

const W = 560;
const H = 340;
const M = { top: 12, right: 70, bottom: 42, left: 52 };
const MAX_CELLS = 800; // per side; beyond that rows/columns are sampled to the display

export class Heatmap {
  constructor(container, { onQuery, queryLabel = 'Queries (test inputs)', keyLabel = 'Sorted training inputs (keys)' } = {}) {
    this.wrap = select(container).append('div').attr('class', 'heatmap-wrap');
    container.labPlot = this; // for the figure's data table (web/data-table.js)
    this.svg = this.wrap.append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('role', 'img')
      .attr('aria-label', 'Attention weights heatmap');
    this.canvas = this.wrap.append('canvas').style('left', `${(100 * M.left) / W}%`).style('top', `${(100 * M.top) / H}%`)
      .style('width', `${(100 * (W - M.left - M.right)) / W}%`).style('height', `${(100 * (H - M.top - M.bottom)) / H}%`);
    this.cx = scaleLinear().range([M.left, W - M.right]);
    this.cy = scaleLinear().range([M.top, H - M.bottom]);
    this.gx = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${H - M.bottom})`);
    this.gy = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`);
    this.svg.append('text').attr('class', 'axis-label').attr('x', (W - M.right + M.left) / 2).attr('y', H - 6)
      .attr('text-anchor', 'middle').text(keyLabel);
    this.svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${(H - M.bottom + M.top) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle').text(queryLabel);
    this.rowMark = this.svg.append('rect').attr('fill', 'none').attr('stroke', 'currentColor').attr('stroke-width', 1.5)
      .style('display', 'none');
    this.gLegend = this.svg.append('g').attr('class', 'axis');
    this.tooltip = this.wrap.append('div').attr('class', 'tooltip').style('display', 'none');
    this.onQuery = onQuery;
    this.canvas.on('pointermove', (e) => this.#pointer(e)).on('pointerleave', () => {
      this.tooltip.style('display', 'none');
      this.onQuery?.(null);
    });
  }

  /**
   * data: { queries (nq), keys (nk) } and either
   *  - image, rows, cols: the weights already binned to display resolution (lab.attentionImage;
   *    cell (r, c) is the weight of query bin r on key bin c), drawn one cell per pixel; or
   *  - weights (nq×nk row-major): the full matrix, sampled down to at most MAX_CELLS per side.
   */
  update({ weights, image, rows: imageRows, cols: imageCols, queries, keys }) {
    const nq = queries.length;
    const nk = keys.length;
    const binned = image !== undefined;
    const rows = binned ? imageRows : Math.min(nq, MAX_CELLS);
    const cols = binned ? imageCols : Math.min(nk, MAX_CELLS);
    // The value drawn at cell (r, c).
    const cell = binned
      ? (r, c) => image[r * cols + c]
      : (r, c) => weights[Math.floor((r * nq) / rows) * nk + Math.floor((c * nk) / cols)];
    this.data = { cell, rows, cols, queries, keys, nq, nk };
    let max = 0;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (cell(r, c) > max) max = cell(r, c);
    const color = scaleSequential(interpolateReds).domain([0, max || 1]);
    const canvas = this.canvas.node();
    canvas.width = cols;
    canvas.height = rows;
    const ctx = canvas.getContext('2d');
    const img = ctx.createImageData(cols, rows);
    const cache = new Map();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const w = cell(r, c);
        const o = 4 * (r * cols + c);
        if (Number.isNaN(w)) {
          img.data.set([128, 128, 136, 90], o); // undefined: grey, not the colour of 0
          continue;
        }
        const key = Math.round((w / (max || 1)) * 255);
        let rgb = cache.get(key);
        if (!rgb) {
          const s = color((key / 255) * (max || 1));
          rgb = s.match(/\d+/g).map(Number);
          cache.set(key, rgb);
        }
        img.data.set([rgb[0], rgb[1], rgb[2], 255], o);
      }
    }
    ctx.putImageData(img, 0, 0);
    this.cx.domain([0, nk]);
    this.cy.domain([0, nq]);
    const fmt = (arr) => (i) => (arr[Math.min(arr.length - 1, Math.floor(i))] ?? 0).toFixed(1);
    this.gx.call(axisBottom(this.cx).ticks(5).tickFormat(fmt(keys)));
    this.gy.call(axisLeft(this.cy).ticks(5).tickFormat(fmt(queries)));
    this.#legend(color, max);
    this.highlight(this.row ?? null);
  }

  #legend(color, max) {
    const x = W - M.right + 14;
    const h = H - M.top - M.bottom;
    const y = scaleLinear().domain([0, max || 1]).range([M.top + h, M.top]);
    this.gLegend.selectAll('*').remove();
    const steps = 40;
    for (let s = 0; s < steps; s++) {
      this.gLegend.append('rect').attr('x', x).attr('width', 12).attr('y', M.top + (h * (steps - s - 1)) / steps)
        .attr('height', h / steps + 0.5).attr('fill', color(((s + 0.5) / steps) * (max || 1)));
    }
    this.gLegend.append('g').attr('transform', `translate(${x + 12},0)`).call(axisRight(y).ticks(4));
  }

  #pointer(event) {
    if (!this.data) return;
    const rect = this.canvas.node().getBoundingClientRect();
    const { nq, nk, cell, rows, cols, queries, keys } = this.data;
    const j = Math.min(nk - 1, Math.max(0, Math.floor(((event.clientX - rect.left) / rect.width) * nk)));
    const i = Math.min(nq - 1, Math.max(0, Math.floor(((event.clientY - rect.top) / rect.height) * nq)));
    // The cell under the pointer: exactly (i, j) when each cell holds one query and one key.
    const w = cell(Math.floor((i * rows) / nq), Math.floor((j * cols) / nk));
    const box = this.wrap.node().getBoundingClientRect();
    this.tooltip.style('display', null)
      .style('left', `${event.clientX - box.left + 12}px`)
      .style('top', `${event.clientY - box.top + 12}px`)
      .text(`query ${queries[i].toFixed(2)}, key ${keys[j].toFixed(3)}: weight ${Number.isNaN(w) ? 'undefined' : w.toPrecision(3)}`);
    this.onQuery?.(i);
  }

  /** Outlines row i (null: none). */
  highlight(i) {
    this.row = i;
    const on = i !== null && i !== undefined && this.data;
    this.rowMark.style('display', on ? null : 'none');
    if (on) {
      this.rowMark.attr('x', M.left).attr('width', W - M.left - M.right).attr('y', this.cy(i))
        .attr('height', Math.max(1.5, this.cy(i + 1) - this.cy(i)));
    }
  }

  summary() {
    if (!this.data) return 'Attention weights heatmap (no data yet).';
    return `Attention weights heatmap: ${this.data.queries.length} queries (rows) by ${this.data.keys.length} sorted keys (columns); darker is more weight.`;
  }

  /** Per query row: the key bin with the largest weight, and that weight. */
  table() {
    const d = this.data;
    if (!d) return { columns: [], rows: [] };
    const out = [];
    for (let r = 0; r < d.rows; r++) {
      let best = 0;
      for (let c = 1; c < d.cols; c++) if (d.cell(r, c) > d.cell(r, best)) best = c;
      const q = d.queries[Math.floor((r * d.nq) / d.rows)];
      const k = d.keys[Math.floor((best * d.nk) / d.cols)];
      out.push([q, k, d.cell(r, best)]);
    }
    return { columns: ['query', 'key with the most weight', 'weight'], rows: out };
  }
}
