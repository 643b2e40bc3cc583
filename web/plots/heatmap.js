// The attention heatmap: queries (rows) × sorted keys (columns) on a canvas, at most one cell per
// device pixel; an SVG overlay carries the axes, the highlighted row and the colour legend.
import { ticks } from 'd3-array';
import { axisBottom, axisLeft, axisRight } from 'd3-axis';
import { scaleLinear, scaleSequential } from 'd3-scale';
import { interpolateReds } from 'd3-scale-chromatic';
import { select } from 'd3-selection';
import { t } from '../i18n.js';
import { frameSize } from './frame.js';

// The drawing size at most (a laptop's column): on a phone the drawing is as wide as its column
// (web/plots/frame.js), so that 12 px tick text stays 12 px instead of being scaled down.
const MAX_W = 560;
const MAX_H = 340;
const M = { top: 12, right: 70, bottom: 42, left: 52 };
const MAX_CELLS = 800; // per side; beyond that rows/columns are sampled to the display

let table = null;
/**
 * The heatmap's colours as RGBA pixels (in the platform's byte order, as ImageData's buffer is
 * read): colours[k] for a weight of k/255 of the maximum, and grey for undefined weights.
 */
function colourTable() {
  if (table) return table;
  const bytes = new Uint8ClampedArray(4 * 257);
  const color = scaleSequential(interpolateReds).domain([0, 255]);
  for (let k = 0; k < 256; k++) {
    const [r, g, b] = color(k).match(/\d+/g).map(Number);
    bytes.set([r, g, b, 255], 4 * k);
  }
  bytes.set([128, 128, 136, 90], 4 * 256); // undefined: grey, not the colour of 0
  const words = new Uint32Array(bytes.buffer);
  table = { colours: words.subarray(0, 256), undefined: words[256] };
  return table;
}

/**
 * An axis over cells 0 … n − 1 (cell i spans [i, i + 1]) labelled with the values `arr` of the
 * cells. Integer values (point indices) get integer ticks at the centres of their cells, never
 * "99.0"; other values (inputs) one decimal at round cell positions.
 */
function axis(base, arr) {
  const n = arr.length;
  if (Array.prototype.every.call(arr, Number.isInteger)) {
    const picks = ticks(0, n - 1, 5).filter(Number.isInteger);
    return base.tickValues(picks.map((i) => i + 0.5)).tickFormat((t) => String(arr[Math.floor(t)]));
  }
  return base.ticks(5).tickFormat((i) => (arr[Math.min(n - 1, Math.floor(i))] ?? 0).toFixed(1));
}

export class Heatmap {
  constructor(container, { onQuery, queryLabel = t('plots.heatmapQueries'), keyLabel = t('plots.heatmapKeys') } = {}) {
    const frame = frameSize(container, MAX_H / MAX_W);
    const [W, H] = frame.W >= MAX_W ? [MAX_W, MAX_H] : [frame.W, frame.H];
    this.W = W;
    this.H = H;
    this.wrap = select(container).append('div').attr('class', 'heatmap-wrap');
    container.labPlot = this; // for the figure's data table (web/data-table.js)
    this.svg = this.wrap.append('svg').attr('viewBox', `0 0 ${W} ${H}`).attr('role', 'img')
      .attr('aria-label', t('plots.heatmapLabel'));
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
    if (binned) {
      for (let i = 0; i < rows * cols; i++) if (image[i] > max) max = image[i];
    } else {
      for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (cell(r, c) > max) max = cell(r, c);
    }
    const canvas = this.canvas.node();
    // Resizing a canvas reallocates and clears it: only when the image's size changed.
    if (canvas.width !== cols || canvas.height !== rows) {
      canvas.width = cols;
      canvas.height = rows;
      this.img = null;
    }
    const ctx = canvas.getContext('2d');
    this.img ??= ctx.createImageData(cols, rows);
    // One 32-bit write per cell from a 256-colour table (the colour of weight w is
    // interpolateReds(w / max), whatever max is): a slider step recolours up to 800 × 800 cells.
    const lut = colourTable();
    const pixels = new Uint32Array(this.img.data.buffer);
    const scale = 255 / (max || 1);
    let i = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++, i++) {
        const w = cell(r, c);
        pixels[i] = Number.isNaN(w) ? lut.undefined : lut.colours[Math.min(255, Math.max(0, Math.round(w * scale)))];
      }
    }
    ctx.putImageData(this.img, 0, 0);
    // Nothing else in the figure need change when only the weights do: say that they were
    // redrawn (the data table and accessible name follow mutations, web/data-table.js).
    canvas.dataset.draws = String((Number(canvas.dataset.draws) || 0) + 1);
    // The axes depend only on the queries and keys, not on the weights a slider changes.
    if (this.axesFor?.queries !== queries || this.axesFor?.keys !== keys) {
      this.cx.domain([0, nk]);
      this.cy.domain([0, nq]);
      this.gx.call(axis(axisBottom(this.cx), keys));
      this.gy.call(axis(axisLeft(this.cy), queries));
      this.axesFor = { queries, keys };
    }
    this.#legend(max);
    this.highlight(this.row ?? null);
  }

  #legend(max) {
    const x = this.W - M.right + 14;
    const h = this.H - M.top - M.bottom;
    // The colour bar is the same for every max (colours run from 0 to max): drawn once.
    if (!this.legendBar) {
      const color = scaleSequential(interpolateReds).domain([0, 1]);
      const steps = 40;
      for (let s = 0; s < steps; s++) {
        this.gLegend.append('rect').attr('x', x).attr('width', 12).attr('y', M.top + (h * (steps - s - 1)) / steps)
          .attr('height', h / steps + 0.5).attr('fill', color((s + 0.5) / steps));
      }
      this.legendBar = this.gLegend.append('g').attr('transform', `translate(${x + 12},0)`);
    }
    // Its scale only when the ticks would read differently.
    const y = scaleLinear().domain([0, max || 1]).range([M.top + h, M.top]);
    const ticks = y.ticks(4).join();
    if (ticks !== this.legendTicks) {
      this.legendBar.call(axisRight(y).ticks(4));
      this.legendTicks = ticks;
    }
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
      .text(t('plots.heatmapTooltip', { query: queries[i].toFixed(2), key: keys[j].toFixed(3), weight: Number.isNaN(w) ? t('common.undefined') : w.toPrecision(3) }));
    this.onQuery?.(i);
  }

  /**
   * How many cells the canvas can show one per device pixel ({ rows, cols }, each at most `max`):
   * more cells than pixels would be sampled by the browser when it scales the canvas down, which
   * shows stripes that are not in the data. `max` where the canvas is not laid out (hidden).
   */
  deviceCells(max) {
    // The box from a ResizeObserver (reported after layout), measured once before its first report:
    // reading it on every slider step would force a layout per frame.
    if (!this.observer) {
      this.box = this.canvas.node().getBoundingClientRect();
      this.observer = new ResizeObserver(([entry]) => { this.box = entry.contentRect; });
      this.observer.observe(this.canvas.node());
    }
    const { width, height } = this.box;
    const px = (v) => (v > 0 ? Math.min(max, Math.max(1, Math.floor(v * devicePixelRatio))) : max);
    return { rows: px(height), cols: px(width) };
  }

  /** Outlines row i (null: none). */
  highlight(i) {
    this.row = i;
    const on = i !== null && i !== undefined && this.data;
    this.rowMark.style('display', on ? null : 'none');
    if (on) {
      this.rowMark.attr('x', M.left).attr('width', this.W - M.left - M.right).attr('y', this.cy(i))
        .attr('height', Math.max(1.5, this.cy(i + 1) - this.cy(i)));
    }
  }

  summary() {
    if (!this.data) return t('plots.heatmapEmpty');
    return t('plots.heatmapSummary', { queries: this.data.queries.length, keys: this.data.keys.length });
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
    return { columns: [t('plots.columnQuery'), t('plots.columnBestKey'), t('plots.columnWeight')], rows: out };
  }
}
