// A function of two inputs over a regular grid: a canvas heatmap (NaN cells grey, never the colour
// of 0), contour lines (d3-contour's marching squares: geometry for display, the values come from
// the lab), scattered points, closed curves (e.g. a unit ball) and a click/keyboard cursor that
// reports data coordinates. The grid is the lab's test grid: index i·ny + j is (xs[i], ys[j]).
// The contours are drawn on a second canvas under the SVG, not as SVG paths: a drag redraws them
// on every result, and stroking them is shorter than formatting path data for the page to parse,
// clip and lay out (a Minkowski draw, which the drag's latency waits for, ~0.4 ms shorter here;
// the compositor's copy of the changed bitmap costs the frame about as much: issue 16 §3).
import { axisBottom, axisLeft } from 'd3-axis';
import { contours } from 'd3-contour';
import { scaleLinear, scaleSequential, scaleDiverging } from 'd3-scale';
import { interpolateRdBu, interpolateViridis } from 'd3-scale-chromatic';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { t } from '../i18n.js';
import { frameSize } from './frame.js';
import { setAttr, setStyle } from '../set-changed.js';

const M = { top: 12, right: 62, bottom: 42, left: 46 };

/** The distinct coordinates of a grid whose second coordinate varies fastest. */
export function gridAxes(points) {
  const n = points.length / 2;
  let ny = 1;
  while (ny < n && points[2 * ny] === points[0]) ny++;
  const nx = n / ny;
  const xs = Array.from({ length: nx }, (_, i) => points[2 * i * ny]);
  const ys = Array.from({ length: ny }, (_, j) => points[2 * j + 1]);
  return { xs, ys, nx, ny };
}

/** [r, g, b] of a d3 colour string ('#rrggbb' or 'rgb(r, g, b)'). */
function toRgb(text) {
  if (text[0] === '#') return [1, 3, 5].map((k) => parseInt(text.slice(k, k + 2), 16));
  return text.match(/\d+/g).slice(0, 3).map(Number);
}

/**
 * viridis's 256 colours, [r, g, b] bytes each. d3's interpolateViridis is a ramp (t ↦ the colour
 * of bin ⌊256·t⌋, clamped to the ends), so a cell's colour is one look-up, the scale's own: no
 * colour string per cell (a 60 × 60 surface on every result of a drag).
 */
const VIRIDIS = new Uint8Array(256 * 3);
for (let k = 0; k < 256; k++) VIRIDIS.set(toRgb(interpolateViridis((k + 0.5) / 256)), 3 * k);

/** Whether two lists of scattered points ({ x, y, cls }) draw the same marks. */
function samePoints(a, b) {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k].x !== b[k].x || a[k].y !== b[k].y || a[k].cls !== b[k].cls) return false;
  return true;
}

const sameList = (a, b) => a === b || (a?.length === b?.length && a.every((v, k) => v === b[k]));

/** The contour lines' style from the contour canvas's CSS (see SurfacePlot's #drawContours). */
function contourStyle(canvas) {
  const css = getComputedStyle(canvas);
  const number = (name, fallback) => {
    const v = parseFloat(css.getPropertyValue(name));
    return Number.isFinite(v) ? v : fallback;
  };
  const line = { width: number('--contour-width', 1), opacity: number('--contour-opacity', 0.7) };
  return {
    color: css.color,
    line,
    zero: { width: number('--contour-zero-width', line.width), opacity: number('--contour-zero-opacity', line.opacity) },
  };
}

export class SurfacePlot {
  // What the last update drew, so that a redraw during a drag (a new surface, the same data, axes
  // and colour scale) leaves the unchanged parts' DOM alone: re-setting them costs the page style,
  // layout and paint on every result, not only the calls.
  #axes = null; // the scales' domains, as a key
  #scaleKey = null; // the colour scale and legend, as a key
  #points = null;
  #marks = null;
  #image = null; // the ImageData the canvas was last filled from (same size: reused)
  #contours = null; // what the contour canvas shows: { polygons, box } (redrawn when its size changes)
  #contourStyle = null; // the contour lines' CSS (colour, widths, opacities), read once per colour scheme
  #scale = 1; // CSS pixels per viewBox unit (the SVG is as wide as its container)
  /** The [r, g, b] of each colour string the scale returned (viridis has 256): parsed once. */
  #rgb = new Map();

  /**
   * @param {HTMLElement} container
   * @param {{ xLabel?: string, yLabel?: string, label: string, diverging?: boolean,
   *   onPick?: (x: number, y: number) => void, pickLabel?: string }} options
   *   diverging: a red–blue scale symmetric about 0 (else viridis). onPick: a click, or Enter at the
   *   keyboard cursor (arrow keys move it), at data coordinates.
   */
  constructor(container, { xLabel = 'x₁', yLabel = 'x₂', label, diverging = false, onPick, pickLabel = '' }) {
    const { W } = frameSize(container);
    this.W = W;
    this.H = Math.round(W * 0.86); // a square plotting area at every width
    this.diverging = diverging;
    this.onPick = onPick;
    this.wrap = select(container).append('div').attr('class', 'surface-wrap');
    const inner = { l: M.left / W, t: M.top / this.H, w: (W - M.left - M.right) / W, h: (this.H - M.top - M.bottom) / this.H };
    this.canvas = this.wrap.append('canvas').attr('aria-hidden', 'true')
      .style('left', `${100 * inner.l}%`).style('top', `${100 * inner.t}%`)
      .style('width', `${100 * inner.w}%`).style('height', `${100 * inner.h}%`);
    // The contour canvas covers exactly the grid's points (placed in update()): being no larger,
    // it clips the lines d3-contour closes along the grid's border, which are not level lines.
    this.contourCanvas = this.wrap.append('canvas').attr('class', 'contour-layer').attr('aria-hidden', 'true');
    this.#scale = (container.clientWidth || W) / W;
    if (typeof ResizeObserver !== 'undefined') {
      // Observed, not measured per draw: a measurement after the draw's writes forces a layout.
      new ResizeObserver(([entry]) => {
        const width = entry.contentRect.width;
        if (!(width > 0) || Math.abs(width / W - this.#scale) < 1e-3) return;
        this.#scale = width / W;
        this.#drawContours();
      }).observe(this.wrap.node());
    }
    if (typeof matchMedia !== 'undefined') {
      matchMedia('(prefers-color-scheme: dark)').addEventListener?.('change', () => {
        this.#contourStyle = null;
        this.#drawContours();
      });
    }
    this.svg = this.wrap.append('svg').attr('viewBox', `0 0 ${W} ${this.H}`).attr('role', 'img').attr('aria-label', label);
    this.x = scaleLinear().range([M.left, W - M.right]);
    this.y = scaleLinear().range([this.H - M.bottom, M.top]);
    this.gx = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(0,${this.H - M.bottom})`);
    this.gy = this.svg.append('g').attr('class', 'axis').attr('transform', `translate(${M.left},0)`);
    this.svg.append('text').attr('class', 'axis-label').attr('x', (W - M.right + M.left) / 2).attr('y', this.H - 6)
      .attr('text-anchor', 'middle').text(xLabel);
    this.svg.append('text').attr('class', 'axis-label').attr('transform', `translate(12,${(this.H - M.bottom + M.top) / 2}) rotate(-90)`)
      .attr('text-anchor', 'middle').text(yLabel);
    this.gMarks = this.svg.append('g');
    this.gCurves = this.svg.append('g');
    this.gPoints = this.svg.append('g');
    this.gLegend = this.svg.append('g').attr('class', 'axis');
    this.cursor = this.svg.append('g').attr('class', 'pick-cursor').style('display', 'none');
    this.cursor.append('circle').attr('r', 7);
    if (onPick) {
      this.svg.attr('tabindex', 0).attr('aria-label', pickLabel ? t('plots.labelWithPick', { label, pick: pickLabel }) : label).style('cursor', 'crosshair');
      this.svg.on('click', (event) => {
        const [x, y] = this.#toData(event);
        if (x === null) return;
        this.onPick(x, y);
      });
      this.svg.on('keydown', (event) => this.#key(event));
      this.svg.on('blur', () => this.cursor.style('display', 'none'));
    }
  }

  #toData(event) {
    const rect = this.svg.node().getBoundingClientRect();
    const px = ((event.clientX - rect.left) / rect.width) * this.W;
    const py = ((event.clientY - rect.top) / rect.height) * this.H;
    if (px < M.left || px > this.W - M.right || py < M.top || py > this.H - M.bottom) return [null, null];
    return [this.x.invert(px), this.y.invert(py)];
  }

  #key(event) {
    const [x0, x1] = this.x.domain();
    const [y0, y1] = this.y.domain();
    this.pick ??= [(x0 + x1) / 2, (y0 + y1) / 2];
    const step = (x1 - x0) / 40;
    const move = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] }[event.key];
    if (move) {
      event.preventDefault();
      this.pick = [Math.min(x1, Math.max(x0, this.pick[0] + move[0])), Math.min(y1, Math.max(y0, this.pick[1] + move[1]))];
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.onPick(...this.pick);
    } else return;
    this.cursor.style('display', null).attr('transform', `translate(${this.x(this.pick[0])},${this.y(this.pick[1])})`);
  }

  /**
   * grid: { xs, ys, values } (values[i·ny + j] at (xs[i], ys[j]), NaN = undefined);
   * levels: contour levels (drawn as lines; `zero` emphasises the level 0);
   * points: [{ x, y, cls }] (cls 'pos' | 'neg' | 'data'); curves: [{ id, x: [], y: [], color, dash }];
   * marks: grid indices to outline (e.g. disagreements); domain: { x: [lo, hi], y: [lo, hi] };
   * range: the colour scale's [lo, hi] (default: the values' extent, symmetric when diverging).
   */
  update({ grid, levels = [], points = [], curves = [], marks = [], domain, range }) {
    const { xs, ys, values } = grid;
    const nx = xs.length;
    const ny = ys.length;
    const dx = nx > 1 ? xs[1] - xs[0] : 1;
    const dy = ny > 1 ? ys[1] - ys[0] : 1;
    // The image covers the grid cells centred on the grid points.
    const bounds = { x: [xs[0] - dx / 2, xs[nx - 1] + dx / 2], y: [ys[0] - dy / 2, ys[ny - 1] + dy / 2] };
    const xd = domain?.x ?? bounds.x;
    const yd = domain?.y ?? bounds.y;
    const axes = [xd[0], xd[1], yd[0], yd[1], xs[0], xs[nx - 1], ys[0], ys[ny - 1]].join();
    const newAxes = axes !== this.#axes;
    this.#axes = axes;
    if (newAxes) {
      this.x.domain(xd);
      this.y.domain(yd);
      this.gx.call(axisBottom(this.x).ticks(6));
      this.gy.call(axisLeft(this.y).ticks(6));
    }

    let lo = Infinity;
    let hi = -Infinity;
    if (range) [lo, hi] = range;
    else {
      for (const v of values) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
      if (!Number.isFinite(lo)) { lo = 0; hi = 1; }
    }
    if (this.diverging) {
      const m = Math.max(Math.abs(lo), Math.abs(hi)) || 1;
      lo = -m;
      hi = m;
    } else if (lo === hi) hi = lo + 1;
    const scaleKey = `${lo},${hi}`;
    if (scaleKey !== this.#scaleKey) {
      this.#scaleKey = scaleKey;
      this.color = this.diverging
        ? scaleDiverging(interpolateRdBu).domain([lo, 0, hi]) // positive (class +1) blue, as its points
        : scaleSequential(interpolateViridis).domain([lo, hi]);
      this.#legend(lo, hi);
    }
    const color = this.color;

    // Canvas: one pixel per grid point, row 0 at the top (largest y).
    const canvas = this.canvas.node();
    // Setting a canvas's size clears and reallocates it even when the size is the same.
    if (canvas.width !== nx) canvas.width = nx;
    if (canvas.height !== ny) canvas.height = ny;
    const ctx = canvas.getContext('2d');
    if (this.#image?.width !== nx || this.#image?.height !== ny) this.#image = ctx.createImageData(nx, ny);
    const img = this.#image;
    // Colours parsed once per distinct string and written byte by byte: a parse and two arrays
    // per cell made this loop the slowest part of a Minkowski drag's redraw. The sequential
    // scale's colour is looked up instead (VIRIDIS; t as d3's scaleSequential computes it).
    const parsed = this.#rgb;
    const px = img.data;
    const k10 = 1 / (hi - lo);
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        const v = values[i * ny + j];
        const o = 4 * ((ny - 1 - j) * nx + i);
        if (!Number.isFinite(v)) {
          px[o] = 128; px[o + 1] = 128; px[o + 2] = 136; px[o + 3] = 90;
          continue;
        }
        if (!this.diverging) {
          const b = 3 * Math.max(0, Math.min(255, Math.floor((v - lo) * k10 * 256)));
          px[o] = VIRIDIS[b]; px[o + 1] = VIRIDIS[b + 1]; px[o + 2] = VIRIDIS[b + 2]; px[o + 3] = 255;
          continue;
        }
        const text = color(v);
        let rgb = parsed.get(text);
        if (!rgb) parsed.set(text, (rgb = toRgb(text)));
        px[o] = rgb[0]; px[o + 1] = rgb[1]; px[o + 2] = rgb[2]; px[o + 3] = 255;
      }
    }
    ctx.putImageData(img, 0, 0);
    if (newAxes) {
      // The canvas covers exactly the image bounds inside the plotting area.
      const [px0, px1] = [this.x(bounds.x[0]), this.x(bounds.x[1])];
      const [py0, py1] = [this.y(bounds.y[1]), this.y(bounds.y[0])];
      this.#place(this.canvas, px0, py0, px1 - px0, py1 - py0);
    }

    // Contours: d3-contour wants x fastest; undefined cells get a value below every level, so no
    // line crosses them as if they were numbers.
    const below = Math.min(lo, ...levels.filter(Number.isFinite)) - (hi - lo) - 1;
    const flipped = new Float64Array(nx * ny);
    for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) {
      const v = values[i * ny + j];
      flipped[j * nx + i] = Number.isFinite(v) ? v : below;
    }
    const finiteLevels = levels.filter(Number.isFinite);
    const polygons = finiteLevels.length ? contours().size([nx, ny]).thresholds(finiteLevels)(flipped) : [];
    // The grid's points in viewBox units: the contour canvas's box, and d3-contour's (u, v) there
    // (it puts grid point (i, j) at (i + 0.5, j + 0.5)) as u·ux + u0, v·vy + v0.
    const left = this.x(xs[0]);
    const top = this.y(ys[ny - 1]);
    const box = {
      left, top, width: this.x(xs[nx - 1]) - left, height: this.y(ys[0]) - top,
      ux: this.x(xs[0] + dx) - left, vy: this.y(ys[0] + dy) - this.y(ys[0]),
    };
    box.u0 = -0.5 * box.ux;
    box.v0 = this.y(ys[0]) - top - 0.5 * box.vy;
    if (newAxes) {
      this.#place(this.contourCanvas, box.left, box.top, box.width, box.height);
    }
    this.#contours = { polygons, box };
    this.#drawContours();
    const svg = this.svg.node();
    setAttr(svg, 'data-levels', finiteLevels.join(','));
    // The levels whose lines are drawn (at least one ring), for tests and scripts: the canvas
    // shows them but cannot be queried.
    setAttr(svg, 'data-contours', polygons.filter((d) => d.coordinates.length > 0).map((d) => d.value).join(','));

    if (newAxes || !sameList(marks, this.#marks)) {
      const cell = { w: Math.abs(this.x(dx) - this.x(0)), h: Math.abs(this.y(0) - this.y(dy)) };
      this.gMarks.selectAll('rect').data(marks).join('rect').attr('class', 'disagreement')
        .attr('x', (k) => this.x(xs[Math.floor(k / ny)]) - cell.w / 2).attr('y', (k) => this.y(ys[k % ny]) - cell.h / 2)
        .attr('width', cell.w).attr('height', cell.h);
    }
    this.#marks = Array.from(marks);

    const path = line().x((d) => this.x(d[0])).y((d) => this.y(d[1]));
    this.gCurves.selectAll('path').data(curves, (c) => c.id).join('path').each(function (c) {
      setAttr(this, 'fill', 'none');
      setStyle(this, 'stroke', c.color);
      setAttr(this, 'stroke-width', c.width ?? 2);
      setAttr(this, 'stroke-dasharray', c.dash ?? null);
      setAttr(this, 'data-series', c.id);
      setAttr(this, 'd', `${path(c.x.map((x, k) => [x, c.y[k]]))}Z`);
    });
    if (newAxes || !samePoints(points, this.#points)) {
      this.gPoints.selectAll('path').data(points).join('path')
        .attr('class', (p) => `surface-point ${p.cls}`)
        .attr('d', (p) => (p.cls === 'neg' ? 'M-4,-4L4,4M-4,4L4,-4'
          : p.cls === 'data' ? 'M-2,0a2,2 0 1,0 4,0a2,2 0 1,0 -4,0' : 'M-4,0a4,4 0 1,0 8,0a4,4 0 1,0 -8,0'))
        .attr('transform', (p) => `translate(${this.x(p.x)},${this.y(p.y)})`);
      this.svg.attr('data-points', points.length);
    }
    this.#points = points.map(({ x, y, cls }) => ({ x, y, cls }));
  }

  /** Places a canvas over the viewBox rectangle (left, top, width, height), in % of the plot: it scales with it. */
  #place(canvas, left, top, width, height) {
    canvas.style('left', `${(100 * left) / this.W}%`).style('width', `${(100 * width) / this.W}%`)
      .style('top', `${(100 * top) / this.H}%`).style('height', `${(100 * height) / this.H}%`);
  }

  /**
   * Draws the contours of the last update() at the canvas's CSS size times devicePixelRatio (sharp
   * lines; a size change reallocates the bitmap). Style from the CSS of canvas.contour-layer:
   * `color`, --contour-width and --contour-opacity, and --contour-zero-… for the level 0, in
   * viewBox units like the SVG's strokes.
   */
  #drawContours() {
    if (!this.#contours) return;
    const { polygons, box } = this.#contours;
    const canvas = this.contourCanvas.node();
    const k = this.#scale * (globalThis.devicePixelRatio || 1); // canvas pixels per viewBox unit
    const width = Math.max(1, Math.round(box.width * k));
    const height = Math.max(1, Math.round(box.height * k));
    // Setting a canvas's size clears and reallocates it even when the size is the same.
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, width, height);
    // A grid one point wide or high has no area for lines (and its box no scale).
    if (!(box.width > 0 && box.height > 0) || !polygons.some((d) => d.coordinates.length > 0)) return;
    this.#contourStyle ??= contourStyle(canvas);
    const style = this.#contourStyle;
    const kx = width / box.width;
    const ky = height / box.height;
    const ax = box.ux * kx;
    const bx = box.u0 * kx;
    const ay = box.vy * ky;
    const by = box.v0 * ky;
    ctx.strokeStyle = style.color;
    for (const d of polygons) {
      if (d.coordinates.length === 0) continue;
      ctx.beginPath();
      for (const polygon of d.coordinates) {
        for (const ring of polygon) {
          ctx.moveTo(ring[0][0] * ax + bx, ring[0][1] * ay + by);
          for (let r = 1; r < ring.length; r++) ctx.lineTo(ring[r][0] * ax + bx, ring[r][1] * ay + by);
          ctx.closePath();
        }
      }
      const { width: w, opacity } = d.value === 0 ? style.zero : style.line;
      ctx.lineWidth = w * Math.min(kx, ky);
      ctx.globalAlpha = opacity;
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
  }

  #legend(lo, hi) {
    const x = this.W - M.right + 12;
    const h = this.H - M.top - M.bottom;
    const y = scaleLinear().domain([lo, hi]).range([M.top + h, M.top]);
    this.gLegend.selectAll('*').remove();
    const steps = 40;
    for (let s = 0; s < steps; s++) {
      this.gLegend.append('rect').attr('x', x).attr('width', 10).attr('y', M.top + (h * (steps - s - 1)) / steps)
        .attr('height', h / steps + 0.5).attr('fill', this.color(lo + ((s + 0.5) / steps) * (hi - lo)));
    }
    this.gLegend.append('g').attr('transform', `translate(${x + 10},0)`)
      .call(axisLeft(y).ticks(4, '~g').tickSize(-10)).call((g) => g.selectAll('text').attr('x', 14).style('text-anchor', 'start'));
  }
}
