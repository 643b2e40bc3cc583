// Exercise "Parzen windows and classification" (d2l v1.0 exercise 1): on a two-class data set, the
// Parzen densities p̂(x, y = ±1) and their difference next to the Nadaraya–Watson classifier, with
// a live count of grid points where sign(p̂₊ − p̂₋) and the NW label disagree (both come from
// lab.classify; the page only compares the two arrays). Clicks add points of the chosen class;
// the added points live in the widget state, so a link reproduces them.
import { button, copyLinkButton, liveStatus, select, slider } from '../controls.js';
import { LineChart } from '../plots/line-chart.js';
import { SurfacePlot, gridAxes } from '../plots/surface.js';
import { WidgetState } from '../state.js';
import { LabError } from '../../wasm/src/index.js';
import { addExport } from '../shell/export.js';
import { addOwnData, queryBox, queryGrid } from '../shell/own-data.js';
import { addShowCode } from '../shell/show-code.js';
import { addTryThis } from '../shell/try-this.js';
import './parzen-code.js';
import { fmt } from '../format.js';
import { t } from '../i18n.js';
import { fillMessage, slot } from '../sentence.js';

const POS = 'var(--parzen-pos)';
const NEG = 'var(--parzen-neg)';
const DIFF = 'var(--fg)';
const UNDEFINED_LABEL = -2147483648;
// Their names are the catalog's: parzen.kernel.<id> in the select, parzen.kernelName.<id> in the readout.
const KERNELS = ['gaussian', 'boxcar', 'triangular', 'epanechnikov'];
const GRID = { 1: 200, 2: 3600 }; // test queries: 200 on [0, 5), a 60 × 60 grid on [0, 5)²
const DOMAIN = [-0.5, 5.5];
const MAX_ADDED = 200;
// Own data: the largest data set this exercise recomputes at interactive speed (the own-data panel
// states it and refuses more), chosen so that the page's main-thread CPU time per load or slider
// step stays well below the 200 ms budget (measured on the project's 2-core VM; checked by
// tests/browser/own-data-budget.test.mjs):
// both rules over the queries (a 60 × 60 grid in 2-D, the costlier case): about 55 ms per load
// at 500 rows in 2-D and 140 ms at 1,000 (1-D: 45 ms at 1,000 rows).
const OWN_MAX_ROWS = 500;

const round2 = (v) => Math.round(v * 100) / 100;

/**
 * "x:c,…" (1-D) or "x1:x2:c,…" (2-D) → [{ x: [..], c }], skipping anything malformed or outside
 * the plotted range (per coordinate; the generated data's by default, own data's box otherwise).
 */
export function parseAdded(text, dim, ranges = [DOMAIN, DOMAIN]) {
  const out = [];
  for (const item of String(text).split(',')) {
    const parts = item.split(':').map(Number);
    if (parts.length !== dim + 1 || !parts.every(Number.isFinite)) continue;
    const c = parts[dim];
    if (c !== 1 && c !== -1) continue;
    const x = parts.slice(0, dim);
    if (x.some((v, m) => v < ranges[m][0] || v > ranges[m][1])) continue;
    out.push({ x, c });
    if (out.length >= MAX_ADDED) break;
  }
  return out;
}
const formatAdded = (points) => points.map((p) => [...p.x, p.c].join(':')).join(',');

export function mountParzen(section, lab) {
  const state = new WidgetState(section, {
    seed: 0, dim: 1, kernel: 'gaussian', width: 0.5, cls: 1, show: 'difference', added1: '', added2: '', own: false,
  });
  {
    // A hand-edited link cannot break the widget.
    const v = state.values;
    const d = state.defaults;
    const patch = {
      seed: Number.isSafeInteger(v.seed) && v.seed >= 0 ? v.seed : d.seed,
      dim: v.dim === 2 ? 2 : 1,
      kernel: KERNELS.includes(v.kernel) ? v.kernel : d.kernel,
      width: Math.min(5, Math.max(0.02, v.width)),
      cls: v.cls === -1 ? -1 : 1,
      show: ['difference', 'pos', 'neg'].includes(v.show) ? v.show : d.show,
    };
    if (Object.entries(patch).some(([k, x]) => x !== v[k])) state.set(patch);
  }
  const $ = (sel) => section.querySelector(sel);
  const s = () => state.values;
  let base; // the generated data set
  let result; // { x, labels, classification, dim, xTest, disagree: [], ties, undefined }

  const fig1 = { densities: $('[data-plot="densities"]'), posterior: $('[data-plot="posterior"]') };
  const densities = new LineChart(fig1.densities, { xLabel: 'x', yLabel: t('parzen.axis.density'), label: t('parzen.chart.densities') });
  const posterior = new LineChart(fig1.posterior, { xLabel: 'x', yLabel: 'P̂(y = +1 | x)', label: t('parzen.chart.posterior') });
  const pickHelp = t('parzen.pickHelp');
  const parzen2d = new SurfacePlot($('[data-plot="parzen-2d"]'), {
    label: t('parzen.chart.parzen2d'), diverging: true, onPick: (a, b) => add([a, b]), pickLabel: pickHelp,
  });
  const posterior2d = new SurfacePlot($('[data-plot="posterior-2d"]'), {
    label: t('parzen.chart.posterior2d'), diverging: true, onPick: (a, b) => add([a, b]), pickLabel: pickHelp,
  });
  // 1-D: bands for the two decisions, the training points as a rug, click/keyboard to add.
  for (const chart of [densities, posterior]) {
    chart.gBands = chart.svg.insert('g', ':first-child').attr('class', 'parzen-bands');
    chart.gRug = chart.svg.append('g').attr('class', 'parzen-rug');
    chart.cursor = chart.svg.append('line').attr('class', 'query-marker').style('display', 'none');
    chart.svg.attr('tabindex', 0).style('cursor', 'crosshair')
      .attr('aria-label', t('parzen.chartWithHelp', { label: chart.svg.attr('aria-label'), help: pickHelp }))
      .on('click', (event) => {
        const rect = chart.svg.node().getBoundingClientRect();
        const px = ((event.clientX - rect.left) / rect.width) * chart.W;
        const [r0, r1] = chart.x.range();
        if (px < r0 || px > r1) return;
        add([chart.x.invert(px)]);
      })
      .on('keydown', (event) => {
        const [d0, d1] = chart.x.domain();
        chart.pick ??= (d0 + d1) / 2;
        const step = { ArrowLeft: -0.1, ArrowRight: 0.1 }[event.key];
        if (step) chart.pick = Math.min(d1, Math.max(d0, chart.pick + step));
        else if (event.key === 'Enter' || event.key === ' ') add([chart.pick]);
        else return;
        event.preventDefault();
        const [y0, y1] = chart.y.range();
        chart.cursor.style('display', null).attr('x1', chart.x(chart.pick)).attr('x2', chart.x(chart.pick)).attr('y1', y0).attr('y2', y1);
      })
      .on('blur', () => chart.cursor.style('display', 'none'));
  }

  const addedKey = () => `added${s().dim}`;
  const added = () => parseAdded(s()[addedKey()], s().dim, s().dim === 1 ? [xDomain()] : [box.x, box.y]);

  function add(x) {
    const list = added();
    if (list.length >= MAX_ADDED) {
      $('[data-live="add-status"]').textContent = t('parzen.addStatus.max', { max: String(MAX_ADDED) });
      return;
    }
    list.push({ x: x.map(round2), c: s().cls });
    state.set({ [addedKey()]: formatAdded(list) });
    $('[data-live="add-status"]').textContent = t('parzen.addStatus.added', {
      cls: s().cls > 0 ? '+1' : '−1', at: x.map((v) => round2(v).toFixed(2)).join(', '),
    });
    compute();
    draw();
  }

  let box = { x: DOMAIN, y: DOMAIN }; // the 2-D plots' square, or the own data's box
  /** Own data of the dimension shown (the dimension select can leave it for generated data). */
  const ownShown = () => (own?.current()?.dim === s().dim ? own.current() : null);
  function loadData() {
    const d = ownShown();
    // Own data (labels ±1): queries spread over its range (1-D) or a 60 × 60 grid over its box,
    // widened by 5 % so no point sits on the frame (2-D); there is no truth to compare with.
    if (d && d.dim === 2) {
      const q = queryBox(d.x, Math.sqrt(GRID[2]), 0.05);
      base = { xTrain: d.x, yTrain: d.y, xTest: q.grid, yTest: null };
      box = q.box;
    } else {
      base = d
        ? { xTrain: d.x, yTrain: d.y, xTest: queryGrid(d.x, GRID[1]), yTest: null }
        : lab.makeDataset({ target: 'two-class', dim: s().dim, seed: s().seed, nTest: GRID[s().dim] });
      box = { x: DOMAIN, y: DOMAIN };
    }
    section.dataset.ownData = String(Boolean(d));
  }

  function compute() {
    const dim = s().dim;
    const extra = added();
    const x = Float64Array.from([...base.xTrain, ...extra.flatMap((p) => p.x)]);
    const labels = Float64Array.from([...base.yTrain, ...extra.map((p) => p.c)]);
    const classification = lab.classify({ x, labels, queries: base.xTest, dim, kernel: s().kernel, width: s().width });
    // Bookkeeping: compare the two label arrays the lab returned.
    const disagree = [];
    let ties = 0;
    let undef = 0;
    const { decision, labels: nw } = classification;
    for (let k = 0; k < nw.length; k++) {
      const d = decision[k];
      const l = nw[k];
      if (l === UNDEFINED_LABEL) {
        undef += 1;
        if (d !== 0) disagree.push(k); // a density with no defined label would be a disagreement
      } else if (d === 0) ties += 1;
      else if ((d > 0) !== (l === 1)) disagree.push(k);
    }
    result = { x, labels, classification, dim, disagree, ties, undefined: undef, added: extra.length };
    section.dataset.disagree = String(disagree.length);
  }

  function drawBands(chart, rows) {
    // rows: [{ label, values: Int32Array|array of ±1/0/undefined }]. A cell spans the grid
    // midpoints around its query; a run of equal values is one rect (a few per band instead of
    // one per query, rewritten on every step of the width slider).
    const xs = base.xTest;
    const [yBottom] = chart.y.range();
    const height = 9;
    const cells = [];
    const n = xs.length;
    rows.forEach((row, r) => {
      for (let k0 = 0, k = 1; k <= n; k++) {
        if (k < n && row.values[k] === row.values[k0]) continue;
        const lo = k0 === 0 ? xs[0] : (xs[k0 - 1] + xs[k0]) / 2;
        const hi = k === n ? xs[n - 1] : (xs[k - 1] + xs[k]) / 2;
        cells.push({ lo, hi, r, v: row.values[k0] });
        k0 = k;
      }
    });
    const y = (r) => yBottom - (rows.length - r) * (height + 2) - 2;
    chart.gBands.selectAll('rect').data(cells).join('rect')
      .attr('x', (c) => chart.x(c.lo)).attr('width', (c) => Math.max(0.5, chart.x(c.hi) - chart.x(c.lo)))
      .attr('y', (c) => y(c.r)).attr('height', height)
      .style('fill', (c) => (c.v === 1 ? POS : c.v === -1 ? NEG : 'var(--undefined)'))
      .style('fill-opacity', (c) => (c.v === 1 || c.v === -1 ? 0.55 : 1));
    chart.gBands.selectAll('text').data(rows).join('text').attr('class', 'band-label')
      .attr('x', chart.x(0) + 4).attr('y', (_, r) => y(r) + height - 1.5).attr('text-anchor', 'start').text((row) => row.label);
    chart.svg.attr('data-bands', rows.map((row) => Array.from(row.values, (v) => (v === undefined ? 'u' : v)).join(' ')).join('|'));
  }

  function drawRug(chart) {
    // The training points change with the data and the x range, not with the width.
    const key = `${chart.x.domain()}|${result.x}|${result.labels}`;
    if (chart.rugKey === key) return;
    chart.rugKey = key;
    const [yBottom] = chart.y.range();
    const pts = Array.from(result.labels, (c, i) => ({ x: result.x[i], c }));
    chart.gRug.selectAll('path').data(pts).join('path')
      .attr('class', (p) => `surface-point ${p.c > 0 ? 'pos' : 'neg'}`)
      .attr('d', (p) => (p.c < 0 ? 'M-3,-3L3,3M-3,3L3,-3' : 'M-3,0a3,3 0 1,0 6,0a3,3 0 1,0 -6,0'))
      // Above the bands and their labels (two rows of 11 px, labels included), never on them.
      .attr('transform', (p) => `translate(${chart.x(p.x)},${yBottom - (p.c > 0 ? 44 : 35)})`);
    chart.svg.attr('data-points', pts.length);
  }

  /** The 1-D plots' x range: the generated data's, or the own data's query range. */
  const xDomain = () => (ownShown() && s().dim === 1 ? [base.xTest[0], base.xTest[base.xTest.length - 1]] : DOMAIN);

  function draw() {
    const dim = s().dim;
    $('[data-plots-1d]').hidden = dim !== 1;
    $('[data-plots-2d]').hidden = dim !== 2;
    // The export bar's PNG buttons of the plots not shown are hidden with them.
    for (const [name, shown] of [['densities', dim === 1], ['posterior', dim === 1], ['parzen-2d', dim === 2], ['posterior-2d', dim === 2]]) {
      const b = section.querySelector(`[data-export="png:${name}"]`);
      if (b) b.hidden = !shown;
    }
    const c = result.classification;
    const nq = c.labels.length;
    if (dim === 1) {
      const xs = Array.from(base.xTest);
      const pPos = Array.from({ length: nq }, (_, k) => c.parzen ? c.parzen[2 * k + 1] : NaN);
      const pNeg = Array.from({ length: nq }, (_, k) => c.parzen ? c.parzen[2 * k] : NaN);
      const diff = Array.from(c.decision ?? [], Number);
      const values = [...pPos, ...pNeg, ...diff].filter(Number.isFinite);
      const top = Math.max(...values, 0.01);
      const bottom = Math.min(...values, 0);
      const span = top - bottom;
      densities.update([
        { id: 'pos', label: 'p̂(x, +1)', x: xs, y: pPos, color: POS },
        { id: 'neg', label: 'p̂(x, −1)', x: xs, y: pNeg, color: NEG },
        { id: 'difference', label: t('parzen.series.difference'), x: xs, y: diff, color: DIFF, dash: '6 3' },
      ], { domain: { x: xDomain(), y: [bottom - 0.45 * span, top + 0.12 * span] } });
      const signs = diff.map((d, k) => (c.labels[k] === UNDEFINED_LABEL && d === 0 ? undefined : d > 0 ? 1 : d < 0 ? -1 : 0));
      const nwLabels = Array.from(c.labels, (l) => (l === UNDEFINED_LABEL ? undefined : l));
      densities.gy.selectAll('.tick').style('display', (v) => (v < bottom - 1e-12 ? 'none' : null));
      drawBands(densities, [{ label: t('parzen.band.sign'), values: signs }, { label: t('parzen.band.nw'), values: nwLabels }]);
      drawRug(densities);
      const post = Array.from({ length: nq }, (_, k) => c.posteriors[2 * k + 1]);
      posterior.update([
        { id: 'posterior', label: 'P̂(y = +1 | x)', x: xs, y: post, color: POS },
        { id: 'half', label: '½', x: xDomain(), y: [0.5, 0.5], color: 'var(--muted)', dash: '2 3' },
      ], { domain: { x: xDomain(), y: [-0.45, 1.1] } });
      posterior.gy.selectAll('.tick').style('display', (v) => (v < 0 ? 'none' : null));
      drawBands(posterior, [{ label: t('parzen.band.nw'), values: nwLabels }]);
      drawRug(posterior);
    } else {
      const { xs, ys } = gridAxes(base.xTest);
      const show = s().show;
      const parzenValues = show === 'difference' ? c.decision
        : Float64Array.from({ length: nq }, (_, k) => (c.parzen ? c.parzen[2 * k + (show === 'pos' ? 1 : 0)] : NaN));
      // Undefined queries: no density and no label; shown grey rather than as 0.
      const undefinedShown = Float64Array.from(parzenValues, (v, k) => (c.labels[k] === UNDEFINED_LABEL ? NaN : v));
      const points = Array.from(result.labels, (cl, i) => ({ x: result.x[2 * i], y: result.x[2 * i + 1], cls: cl > 0 ? 'pos' : 'neg' }));
      const domain = box;
      parzen2d.diverging = show === 'difference';
      parzen2d.update({ grid: { xs, ys, values: undefinedShown }, levels: show === 'difference' ? [0] : [], points, marks: result.disagree, domain });
      // What is plotted, for tests and screen-reader-free checks: the values (NaN undefined) and the frame.
      parzen2d.svg.attr('data-values', Array.from(undefinedShown, String).join(','))
        .attr('data-domain', [...domain.x, ...domain.y].join(','));
      const post = Float64Array.from({ length: nq }, (_, k) => c.posteriors[2 * k + 1] - 0.5);
      posterior2d.update({ grid: { xs, ys, values: post }, levels: [0], points, marks: result.disagree, domain, range: [-0.5, 0.5] });
      posterior2d.gLegend.selectAll('.tick text').text((d) => String(Math.round((d + 0.5) * 100) / 100));
      $('[data-live="parzen-caption"]').textContent = t(`parzen.caption.${show}`);
    }
    writeProse();
    tries.update();
    code.update();
  }

  function writeProse() {
    let nPos = 0;
    for (const l of result.labels) if (l > 0) nPos += 1;
    const nNeg = result.labels.length - nPos;
    const kernel = t(`parzen.kernelName.${s().kernel}`);
    const grid = result.classification.labels.length;
    const { ties, undefined: undef, added: nAdded } = result;
    const disagree = result.disagree.length;
    // One message (two sentences) whose counts are live spans; each count meets its noun or verb
    // through the message's plurals (plain numbers: count, tiesCount, undefCount).
    fillMessage($('[data-live="readout"]'), 'parzen.readout', {
      nPos: slot('n-pos', nPos), count: nPos, nNeg: slot('n-neg', nNeg), nAdded: slot('n-added', nAdded),
      kernel: slot('kernel', kernel), width: slot('width', s().width, fmt(s().width)),
      grid: slot('grid', grid), disagree: slot('disagree', disagree),
      ties: slot('ties', ties), tiesCount: ties, undef: slot('undefined', undef), undefCount: undef,
    });
    $('[data-live="disagree"]').classList.add('live');
    $('[data-live="width"]').classList.add('live');
  }

  // ---- controls ----
  const controls = $('[data-controls]');
  const refresh = ({ reload = false } = {}) => {
    if (reload) loadData();
    compute();
    draw();
  };
  const c = {
    // Names (data-control on the box) as the English labels gave them before translation: links keep working.
    dim: select({ name: 'input-dimension', label: t('parzen.control.dim'), value: String(s().dim), options: [['1', t('parzen.dim.1')], ['2', t('parzen.dim.2')]],
      onChange: (v) => { state.set({ dim: Number(v) }); syncVisibility(); refresh({ reload: true }); } }),
    kernel: select({ name: 'kernel', label: t('parzen.control.kernel'), value: s().kernel, options: KERNELS.map((k) => [k, t(`parzen.kernel.${k}`)]), onChange: (v) => { state.set({ kernel: v }); refresh(); } }),
    width: slider({ name: 'width-h', label: t('parzen.control.width'), min: 0.02, max: 5, log: true, value: s().width, format: (v) => fmt(v),
      onInput: (v) => { state.set({ width: v }); refresh(); } }),
    cls: select({ name: 'class-of-added-points', label: t('parzen.control.cls'), value: String(s().cls), options: [['1', '+1 (○)'], ['-1', '−1 (×)']],
      onChange: (v) => state.set({ cls: Number(v) }) }),
    show: select({ name: 'left-plot-shows', label: t('parzen.control.show'), value: s().show,
      options: [['difference', 'p̂(x, +1) − p̂(x, −1)'], ['pos', 'p̂(x, +1)'], ['neg', 'p̂(x, −1)']],
      onChange: (v) => { state.set({ show: v }); draw(); } }),
  };
  for (const [key, control] of Object.entries(c)) control.input.dataset.control = key;
  const syncVisibility = () => { c.show.element.hidden = s().dim !== 2; };
  const syncControls = () => {
    for (const [key, control] of Object.entries(c)) control.set(typeof s()[key] === 'number' && key !== 'width' ? String(s()[key]) : s()[key]);
    syncVisibility();
  };

  const linkStatus = liveStatus(); // also says why a click added no point
  linkStatus.dataset.live = 'add-status';
  const actions = document.createElement('div');
  actions.className = 'buttons wrap';
  actions.append(
    button(t('parzen.button.undo'), () => {
      const list = added();
      list.pop();
      state.set({ [addedKey()]: formatAdded(list) });
      refresh();
    }, t('parzen.button.undoTitle'), 'undo', 'undo-last-point'),
    button(t('parzen.button.clear'), () => { state.set({ [addedKey()]: '' }); refresh(); }, t('parzen.button.clearTitle'), 'clear', 'clear-added-points'),
    button(t('parzen.button.newData'), () => { state.set({ seed: s().seed + 1 }); refresh({ reload: true }); }, t('parzen.button.newDataTitle'), 'new-data', 'new-data'),
    copyLinkButton(state, { title: t('parzen.button.copyLinkTitle'), status: linkStatus }).button,
    // Reset keeps own data if loaded ("Back to generated data" in its panel drops it).
    button(t('parzen.button.reset'), () => { state.reset(); state.set(own.current() ? { own: true, dim: own.current().dim } : { own: false }); syncControls(); refresh({ reload: true }); }, t('parzen.button.resetTitle'), 'reset', 'reset'),
    linkStatus,
  );
  controls.append(c.dim.element, c.kernel.element, c.width.element, c.cls.element, c.show.element, actions);

  // ---- shell: own data (x,label in 1-D or x1,x2,label in 2-D; labels −1/+1), export, try this ----
  const own = addOwnData(section, {
    lab, state, layout: ['x,label', 'x1,x2,label'], minRows: 2, maxRows: OWN_MAX_ROWS,
    example: `x,label\n0.4,-1\n1.1,-1\n2.9,1\n3.6,1\n# ${t('parzen.ownExamplePlane')}\n# 0.5,1.0,-1`,
    validate: (d) => {
      // This exercise's plots name the classes −1 and +1.
      const bad = Array.from(d.y).findIndex((l) => l !== 1 && l !== -1);
      if (bad >= 0) throw new LabError(t('parzen.error.label', { line: String(d.lines[bad]), label: String(d.y[bad]) }), 'labels');
      // Both rules compare the two classes: with one class there is nothing to compare.
      if (d.y.every((l) => l === d.y[0])) {
        throw new LabError(t('parzen.error.oneClass', { label: d.y[0] > 0 ? '+1' : '−1' }), 'labels');
      }
    },
    onChange: () => {
      const d = own.current();
      if (d) {
        // Show the data's dimension; points added to other data would not belong to it.
        state.set({ dim: d.dim, [`added${d.dim}`]: '' });
        syncControls();
      }
      refresh({ reload: true });
    },
  });
  const code = addShowCode(section, () => ({
    xTrain: result.x, labels: result.labels, xQuery: base.xTest, dim: s().dim, kernel: s().kernel, width: s().width,
    own: Boolean(ownShown()),
  }));
  addExport(section, {
    csv: [
      { label: t('parzen.csv.data'), filename: t('parzen.file.data'), table: () => ({
        columns: s().dim === 1 ? ['x', 'label'] : ['x1', 'x2', 'label'],
        rows: Array.from(result.labels, (l, i) => [...Array.from(result.x.subarray(i * s().dim, (i + 1) * s().dim)), l]),
      }) },
      // The grid's columns are named like the variables of the shown code (language-neutral).
      { label: t('parzen.csv.grid'), filename: t('parzen.file.grid'), table: () => {
        const c = result.classification;
        return {
          columns: [...(s().dim === 1 ? ['x'] : ['x1', 'x2']), 'p_minus', 'p_plus', 'difference', 'posterior_plus', 'nw_label'],
          rows: Array.from(c.labels, (l, k) => [
            ...Array.from(base.xTest.subarray(k * s().dim, (k + 1) * s().dim)),
            c.parzen ? c.parzen[2 * k] : NaN, c.parzen ? c.parzen[2 * k + 1] : NaN, c.decision[k], c.posteriors[2 * k + 1],
            l === UNDEFINED_LABEL ? 'undefined' : l,
          ]),
        };
      } },
    ],
  });
  const tryText = (id, params) => ({
    task: t(`parzen.try.${id}.task`, params), hint: t(`parzen.try.${id}.hint`, params), explanation: t(`parzen.try.${id}.explanation`, params),
  });
  const tries = addTryThis(section, [
    { id: 'undefined', ...tryText('undefined'),
      check: () => result.undefined > 0 },
    { id: 'add-three', ...tryText('addThree', { control: t('parzen.control.cls') }),
      check: () => result.added >= 3 && result.disagree.length === 0 },
    { id: 'flip', ...tryText('flip', { band: t('parzen.band.nw') }),
      check: () => s().dim === 1 && Array.from(result.classification.labels).some((l, k) => l === 1 && base.xTest[k] < 1) },
  ]);

  syncVisibility();
  loadData();
  compute();
  draw();
  return { state };
}
