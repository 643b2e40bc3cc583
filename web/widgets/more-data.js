// Exercise "more training data" (old exercise 1; v1.0 exercise 4): the fit and its attention for
// n from 10 to 10,000; the error against the truth vs n (averaged over seeds, split into bias² and
// variance) for a fixed, a shrinking and a leave-one-out width; and d2l's parametric recipe, whose
// w shoots up with n. The curves are computed in a Web Worker, one lab call per point, with
// progress and Cancel; every point is cached, so a change recomputes only what it changes.
import { assetUrl } from '../assets.js';
import { Compute } from '../compute/client.js';
import { ProgressPanel } from '../compute/progress-panel.js';
import { TaskRunner } from '../compute/task-runner.js';
import { button, copyLinkButton, select, slider, toggle } from '../controls.js';
import { Heatmap } from '../plots/heatmap.js';
import { LineChart } from '../plots/line-chart.js';
import { RegressionPlot } from '../plots/regression.js';
import { WidgetState } from '../state.js';
import { addExport } from '../shell/export.js';
import { addOwnData, queryGrid } from '../shell/own-data.js';
import { addShowCode } from '../shell/show-code.js';
import { addTryThis } from '../shell/try-this.js';
import './more-data-code.js';
import { fmt } from '../format.js';
import { htmlLang, t } from '../i18n.js';

/** Training sizes of the curves (the current n is added to them). */
const N_GRID = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];
/** The parametric curves stop here (training costs n² per epoch); the current n is added. */
const P_GRID = [10, 20, 50, 100, 200, 500, 1000, 2000];
/** Heatmap cells per side at most (binned by the core). */
const HEATMAP_CELLS = 800;
/** d2l 10.2's recipe. */
const RECIPE = { w0: 0.5, lr: 0.5, epochs: 5 };
// Own data: the largest data set this exercise recomputes at interactive speed (the own-data panel
// states it and refuses more), chosen so that the page's main-thread CPU time per load or slider
// step stays well below the 200 ms budget (measured on the project's 2-core VM; checked by
// tests/browser/own-data-budget.test.mjs):
// the fit shown (leave-one-out width or trained w: O(n²)) and its heatmap: about 35 ms per
// step at 500 rows, 120 ms at 1,000 and 190 ms at 2,000.
const OWN_MAX_ROWS = 500;

// The width rules and the fits; their names are the catalog's (more-data.rule.<id>, .fit.<id>),
// looked up while rendering.
const RULES = {
  fixed: { color: 'var(--md-fixed)', dash: null },
  shrinking: { color: 'var(--md-shrinking)', dash: '7 3' },
  loo: { color: 'var(--md-loo)', dash: '2 3' },
};
const ruleName = (rule) => t(`more-data.rule.${rule}`);
const FITS = ['fixed', 'shrinking', 'loo', 'sum', 'mean'];
const SUM = 'var(--md-sum)';
const MEAN = 'var(--md-mean)';
/** The forum post's setting (the "forum" preset). */
const FORUM = { n: 200, nTest: 200, width: 1 };

// Counts are written with group separators as English writes them ("10,000"), in every language:
// zh-CN writes them the same way, and tests read them back with the commas removed.
const fmtN = (n) => Math.round(n).toLocaleString('en-US');

/**
 * Prose with its numbers in bold: parts are strings and { b: text } (a bold number). B(v) is a
 * computed figure (3 digits), N(n) a count.
 */
const B = (v) => ({ b: fmt(v) });
const N = (n) => ({ b: fmtN(n) });
const MARK = /\u0001(\d+)\u0002/;

/**
 * The catalog message `key` as rich parts. A parameter given as B()/N() or as rich parts (an
 * array: a list or another message) keeps its bold numbers; strings and numbers (for plurals) are
 * passed to the message as they are.
 */
function msg(key, params = {}) {
  const slots = [];
  const marked = {};
  for (const [name, v] of Object.entries(params)) {
    if (v && typeof v === 'object') {
      marked[name] = `\u0001${slots.length}\u0002`;
      slots.push(v);
    } else marked[name] = v;
  }
  return t(key, marked).split(MARK).flatMap((part, i) => (i % 2 ? [].concat(slots[Number(part)]) : part ? [part] : []));
}

/** Rich parts joined as a list in the page's language ("a, b, and c"; "a、b和c"). */
function listOf(items) {
  const text = new Intl.ListFormat(htmlLang(), { type: 'conjunction' }).format(items.map((_, i) => `\u0001${i}\u0002`));
  return text.split(MARK).flatMap((part, i) => (i % 2 ? items[Number(part)] : part ? [part] : []));
}

/** The legend as HTML under the caption (it wraps on a phone instead of covering the curves). */
function htmlLegend(figure, series) {
  let list = figure.querySelector('.md-legend');
  if (!list) {
    list = document.createElement('ul');
    list.className = 'md-legend';
    figure.querySelector('figcaption').after(list);
  }
  const key = JSON.stringify(series.filter((s) => s.label).map((s) => [s.label, s.color, s.dash ?? null]));
  if (list.dataset.key === key) return; // unchanged: no DOM work on a slider step
  list.dataset.key = key;
  list.replaceChildren(...series.filter((s) => s.label).map((s) => {
    const item = document.createElement('li');
    item.innerHTML = '<svg width="24" height="8" aria-hidden="true"><line x1="1" x2="23" y1="4" y2="4" stroke-width="2.5"></line></svg>';
    const line = item.querySelector('line');
    line.style.stroke = s.color;
    if (s.dash) line.setAttribute('stroke-dasharray', s.dash);
    item.append(s.label);
    return item;
  }));
}

/** LineChart.update with the legend drawn by htmlLegend (the chart's own is hidden), and log ticks thinned after a redraw. */
function plot(chart, figure, series, options) {
  htmlLegend(figure, series);
  if (chart.update(series, options)) thinLogTicks(chart);
}

/** Hides log-axis labels that would collide: 1, 2, 5 × 10^k where there is room, else 10^k only. */
function thinLogTicks(chart) {
  for (const [scale, axis, room] of [[chart.x, chart.gx, 44], [chart.y, chart.gy, 18]]) {
    const [r0, r1] = scale.range();
    const [d0, d1] = scale.domain();
    const perDecade = Math.abs(r1 - r0) / Math.abs(Math.log10(d1 / d0));
    const keep = perDecade * Math.log10(2) > room ? '125' : '1';
    axis.selectAll('.tick text').style('display', (d) => (keep.includes(String(d).replace(/^[0.]+/, '')[0]) ? null : 'none'));
  }
}

const N_TESTS = [50, 100, 200, 500];
const LOO_MAX = [300, 1000, 3000, 10000];

/** "a at n = 10, b at n = 50, and c at n = 2,000" for a Map n → result, in increasing n. */
function series(byN, f) {
  const ns = [...byN.keys()].sort((a, b) => a - b);
  return listOf(ns.map((m) => msg('more-data.seriesItem', { value: B(f(byN.get(m))), n: N(m) })));
}
/** "a, b, and c" in increasing n. */
function list(byN, f) {
  const ns = [...byN.keys()].sort((a, b) => a - b);
  return listOf(ns.map((m) => [B(f(byN.get(m)))]));
}

/** A hand-edited link cannot break the widget: values outside the controls' ranges are clamped. */
function sanitize(state) {
  const v = state.values;
  const d = state.defaults;
  const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));
  const patch = {
    seed: Number.isSafeInteger(v.seed) && v.seed >= 0 ? v.seed : d.seed,
    n: Math.round(clamp(v.n, 10, 10000)),
    nTest: N_TESTS.includes(v.nTest) ? v.nTest : d.nTest,
    fit: FITS.includes(v.fit) ? v.fit : d.fit,
    width: clamp(v.width, 0.05, 5),
    c: clamp(v.c, 0.1, 10),
    seeds: Math.round(clamp(v.seeds, 1, 20)),
    looMax: LOO_MAX.includes(v.looMax) ? v.looMax : d.looMax,
    split: v.split in RULES ? v.split : d.split,
  };
  if (Object.entries(patch).some(([k, x]) => x !== v[k])) state.set(patch);
}

export const MORE_DATA_DEFAULTS = Object.freeze({
  seed: 0, n: 50, nTest: 50, fit: 'fixed', width: 1, c: 1, seeds: 5, looMax: 10000,
  showFixed: true, showShrinking: true, showLoo: true, split: 'fixed', own: false,
});

export function mountMoreData(section, lab) {
  const state = new WidgetState(section, MORE_DATA_DEFAULTS);
  sanitize(state);
  const $ = (sel) => section.querySelector(sel);
  const compute = new Compute({ lab, url: assetUrl('worker.js') });
  section.dataset.computeMode = compute.mode;

  /** Finished results by key (see the key functions below); survives state changes. */
  const cache = new Map();
  let data;
  let fitResult = null;
  let own = null; // the own-data panel (web/shell); its data replaces the fit's, never the curves'
  let ownVersion = 0; // bumped on every load: the own fits below belong to one data set
  const ownFits = new Map();
  let code = null; // the Show-the-code panel (created with the shell below)

  const fitPlot = new RegressionPlot($('[data-plot="fit"]'), { onQuery: (i) => focusQuery(i) });
  const heatmap = new Heatmap($('[data-plot="heatmap"]'), {
    onQuery: (i) => focusQuery(i), queryLabel: t('more-data.heatmap.queries'), keyLabel: t('more-data.heatmap.keys'),
  });
  const chart = (plotName, yLabel, label) => {
    const c = new LineChart($(`[data-plot="${plotName}"]`), { xLabel: t('more-data.axis.n'), yLabel, label, xLog: true, yLog: true });
    // The legend is HTML under the caption (htmlLegend); the series keep their labels for the
    // chart's summary and data table, so its own SVG legend is hidden.
    c.gLegend.attr('display', 'none');
    return c;
  };
  const errorChart = chart('error', t('more-data.axis.mse'), t('more-data.chart.error'));
  const splitChart = chart('split', t('more-data.axis.split'), t('more-data.chart.split'));
  const wChart = chart('w', t('more-data.axis.w', { epochs: RECIPE.epochs }), t('more-data.chart.w'));
  const trainedChart = chart('trained-error', t('more-data.axis.mse'), t('more-data.chart.trained'));

  // ---- keys and tasks --------------------------------------------------------------------------
  const s = () => state.values;
  const consistencyOptions = (rule, n) => ({
    target: 'classic', nValues: [n], seeds: s().seeds, seed: s().seed, nTest: s().nTest, rule, kernel: 'gaussian',
    ...(rule === 'fixed' ? { width: s().width } : {}), ...(rule === 'shrinking' ? { c: s().c } : {}),
  });
  const consistencyKey = (rule, n) => {
    const o = consistencyOptions(rule, n);
    return `c|${rule}|${n}|${o.seeds}|${o.seed}|${o.nTest}|${o.width ?? ''}|${o.c ?? ''}`;
  };
  const parametricKey = (n) => `p|${n}|${s().seed}|${s().nTest}`;
  const looWidthKey = (n) => `s|${n}|${s().seed}`;
  const dataset = (n) => lab.makeDataset({ target: 'classic', nTrain: n, nTest: s().nTest, seed: s().seed });
  const trainOptions = (d, reduction) => ({ x: d.xTrain, y: d.yTrain, reduction, ...RECIPE });

  const withCurrent = (grid, n, max = Infinity) => [...new Set([...grid.filter((v) => v <= max), ...(n <= max ? [n] : [])])].sort((a, b) => a - b);
  const ruleShown = (rule) => s()[`show${rule[0].toUpperCase()}${rule.slice(1)}`];
  const ruleGrid = (rule) => withCurrent(N_GRID, s().n, rule === 'loo' ? s().looMax : Infinity);
  const pGrid = () => withCurrent(P_GRID, s().n);

  /**
   * The parametric point at n, on one data set: w after d2l's training with the sum and with the
   * mean loss, and for reference the width leave-one-out selects (w = 1/h); each fit's error.
   */
  function parametricTask(n) {
    return {
      key: parametricKey(n),
      label: t('more-data.task.train', { n: fmtN(n) }),
      async run(call) {
        const d = dataset(n);
        const base = { queries: d.xTest, keys: d.xTrain, values: d.yTrain };
        const error = (predictions) => lab.meanSquaredError({ predictions, truth: d.yTest }).mse;
        const out = {};
        for (const reduction of ['sum', 'mean']) {
          const r = await call('train', trainOptions(d, reduction));
          const w = r.w[r.w.length - 1];
          out[reduction] = { w, mse: error(lab.predictParametric({ ...base, w })) };
        }
        const selected = await call('selectWidth', { x: d.xTrain, y: d.yTrain });
        cache.set(looWidthKey(n), selected);
        const a = lab.attend({ ...base, width: selected.width, returnWeights: false });
        out.loo = { w: 1 / selected.width, width: selected.width, mse: error(a.predictions) };
        return out;
      },
    };
  }

  /** Every missing piece of the current state, the fit's first, the slow leave-one-out points last. */
  function tasks() {
    const list = [];
    const add = (t) => {
      if (!cache.has(t.key) && !list.some((u) => u.key === t.key)) list.push(t);
    };
    const n = s().n;
    if (s().fit === 'loo') {
      add({
        key: looWidthKey(n), label: t('more-data.task.looWidth', { n: fmtN(n) }),
        run: (call) => { const d = dataset(n); return call('selectWidth', { x: d.xTrain, y: d.yTrain }); },
      });
    }
    if (s().fit === 'sum' || s().fit === 'mean') add(parametricTask(n));
    const consistency = (rule, m) => ({
      key: consistencyKey(rule, m), label: t('more-data.task.rule', { rule: ruleName(rule), n: fmtN(m) }),
      run: (call) => call('consistency', consistencyOptions(rule, m)),
    });
    // The split chart and the prose need every rule at the current n, whether shown or not.
    for (const rule of ['fixed', 'shrinking']) for (const m of ruleGrid(rule)) if (ruleShown(rule) || rule === s().split || m === n) add(consistency(rule, m));
    for (const m of pGrid()) add(parametricTask(m));
    for (const m of ruleGrid('loo')) if (ruleShown('loo') || s().split === 'loo' || m === n) add(consistency('loo', m));
    return list;
  }

  // ---- running the tasks -----------------------------------------------------------------------
  const panel = new ProgressPanel(section, { onCancel: () => cancel(), onResume: () => refresh({ now: true }) });
  const showProgress = (phase, text) => panel.show(phase, text);

  const runner = new TaskRunner({
    compute,
    cache,
    tasks,
    progress: panel.progress,
    section,
    draw: () => drawAll(),
    show: (phase, task) =>
      phase === 'done'
        ? showProgress('done', ProgressPanel.doneText(t('more-data.progress.done'), compute))
        : showProgress('computing', t('more-data.progress.computing', { done: task.done + 1, total: task.total, label: task.label })),
  });
  const run = () => runner.run();

  let debounce = null;
  /** After a state change: redraw what is known at once, compute the rest shortly after. */
  function refresh({ now = false } = {}) {
    drawAll();
    clearTimeout(debounce);
    // Say at once that something is missing (the run starts after the debounce).
    const missing = tasks().length;
    if (missing > 0) showProgress('computing', t('more-data.progress.todo', { count: missing }));
    if (now) run();
    else debounce = setTimeout(run, 120);
  }

  function cancel() {
    clearTimeout(debounce);
    const stopped = runner.cancel();
    if (!stopped) return;
    const { done, total } = stopped;
    showProgress('cancelled', t('more-data.progress.cancelled', { done, total }));
  }

  // ---- drawing ---------------------------------------------------------------------------------
  function loadData() {
    const mine = own?.current();
    // Own data has no noise-free truth: yTest null, errors against it undefined.
    data = mine ? { xTrain: mine.x, yTrain: mine.y, xTest: queryGrid(mine.x, s().nTest), yTest: null } : dataset(s().n);
  }

  /** The fit on the learner's data, computed here with the API (cached per data set and fit). */
  function ownModel() {
    const n = data.xTrain.length;
    const fit = s().fit;
    const cached = (key, f) => {
      if (!ownFits.has(key)) ownFits.set(key, f());
      return ownFits.get(key);
    };
    switch (fit) {
      case 'fixed':
        return { width: s().width, text: msg('more-data.model.fixed', { h: B(s().width) }) };
      case 'shrinking': {
        // The rule's width for n (data-independent): the API's, as for the generated data.
        const h = cached(`shrinking|${s().c}`, () => lab.consistency({ ...consistencyOptions('shrinking', n), seeds: 1 }).meanWidth[0]);
        return { width: h, text: msg('more-data.model.shrinking', { h: B(h) }) };
      }
      case 'loo': {
        const h = cached('loo', () => lab.selectWidth({ x: data.xTrain, y: data.yTrain }).width);
        return { width: h, text: msg('more-data.model.loo', { h: B(h) }) };
      }
      default: {
        const r = cached(fit, () => lab.train({ x: data.xTrain, y: data.yTrain, reduction: fit, ...RECIPE }));
        const w = r.w[r.w.length - 1];
        return { w, text: msg('more-data.model.trained', { w: B(w), loss: fit }) };
      }
    }
  }

  /** The width (or w) the fit uses, from the lab; null while it is being computed. */
  function fitModel() {
    if (own?.current()) return ownModel();
    const n = s().n;
    switch (s().fit) {
      case 'fixed':
        return { width: s().width, text: msg('more-data.model.fixed', { h: B(s().width) }) };
      case 'shrinking': {
        const h = lab.consistency({ ...consistencyOptions('shrinking', n), seeds: 1 }).meanWidth[0];
        return { width: h, text: msg('more-data.model.shrinking', { h: B(h) }) };
      }
      case 'loo': {
        const r = cache.get(looWidthKey(n));
        return r && !r.error ? { width: r.width, text: msg('more-data.model.loo', { h: B(r.width) }) } : null;
      }
      default: {
        const r = cache.get(parametricKey(n));
        if (!r || r.error) return null;
        const w = r[s().fit].w;
        return { w, text: msg('more-data.model.trained', { w: B(w), loss: s().fit }) };
      }
    }
  }

  let fitSignature = '';
  function drawFit() {
    // Only when something the fit depends on changed (the curves' progress redraws everything else).
    const v = s();
    const ready = v.fit === 'loo' ? cache.has(looWidthKey(v.n)) : v.fit === 'sum' || v.fit === 'mean' ? cache.has(parametricKey(v.n)) : true;
    const signature = [v.fit, v.n, v.seed, v.nTest, v.width, v.c, ready, own?.current() ? ownVersion : 'generated'].join('|');
    if (signature === fitSignature) return;
    fitSignature = signature;
    const model = fitModel();
    const summary = $('[data-live="fit-summary"]');
    if (!model) {
      live('fit-summary', msg('more-data.fitSummary.computing', { seed: N(s().seed), n: N(s().n) }));
      summary.dataset.mse = '';
      code?.update();
      return;
    }
    const base = { queries: data.xTest, keys: data.xTrain, values: data.yTrain };
    // The parametric model is Nadaraya–Watson with h = 1/|w| (the score is −½((q − k)w)²).
    const width = model.w !== undefined ? 1 / Math.abs(model.w) : model.width;
    const drawable = Number.isFinite(width) && width >= 1e-9 && width <= 1e9;
    // The heatmap binned to display resolution in the core: no n_test × n matrix on the page.
    // One cell per device pixel of the canvas (more would be sampled by the browser: stripes).
    const cells = heatmap.deviceCells(HEATMAP_CELLS);
    const image = drawable
      ? lab.attentionImage({ ...base, width, rows: Math.min(data.xTest.length, cells.rows), cols: Math.min(data.xTrain.length, cells.cols) })
      : null;
    const predictions = model.w !== undefined ? lab.predictParametric({ ...base, w: model.w }) : image.predictions;
    fitResult = { predictions, width: drawable ? width : null };
    // Own data has no truth: the plot gets NaN there (drawn as nothing, never as 0).
    fitPlot.update({ ...data, yTest: data.yTest ?? new Float64Array(data.xTest.length).fill(NaN), predictions });
    if (image) heatmap.update({ image: image.image, rows: image.rows, cols: image.cols, queries: data.xTest, keys: data.xTrain });
    summary.dataset.width = String(model.width ?? '');
    summary.dataset.w = String(model.w ?? '');
    code?.update();
    if (!data.yTest) {
      summary.dataset.mse = 'NaN';
      live('fit-summary', msg('more-data.fitSummary.own', { n: N(data.xTrain.length), count: data.xTrain.length, model: model.text }));
      return;
    }
    const err = lab.meanSquaredError({ predictions, truth: data.yTest });
    summary.dataset.mse = String(err.mse);
    const about = { seed: N(s().seed), n: N(s().n), model: model.text, nTest: N(data.xTest.length) };
    live('fit-summary', err.undefined > 0
      ? msg('more-data.fitSummary.undefined', { ...about, undef: N(err.undefined), count: err.undefined })
      : msg('more-data.fitSummary.error', { ...about, mse: B(err.mse) }));
  }

  /** Query i's weights on every training point, computed when it is focused (null: clear). */
  function focusQuery(i) {
    if (!fitResult?.width) return;
    const weights = i === null ? null
      : lab.attend({ queries: [data.xTest[i]], keys: data.xTrain, values: data.yTrain, width: fitResult.width }).weights;
    fitPlot.highlight(i, weights);
    heatmap.highlight(i);
  }

  const point = (rule, n) => {
    const r = cache.get(consistencyKey(rule, n));
    return r && !r.error ? r : null;
  };
  const ruleSeries = (rule, field) => {
    const xs = ruleGrid(rule);
    return { x: xs, y: xs.map((n) => point(rule, n)?.[field][0] ?? NaN) };
  };
  const setValues = (name, values) => {
    $(`[data-plot="${name}"]`).dataset.values = JSON.stringify(values);
  };

  function drawCurves() {
    const n = s().n;
    // Error vs n, one curve per rule shown, with the n^(−4/5) guide.
    const series = [];
    const values = {};
    const markers = [];
    for (const rule of Object.keys(RULES)) {
      if (!ruleShown(rule)) continue;
      const { x, y } = ruleSeries(rule, 'mse');
      values[rule] = { n: x, mse: y };
      series.push({ id: rule, label: t(`more-data.ruleShort.${rule}`), x, y, color: RULES[rule].color, dash: RULES[rule].dash, dots: true });
      const p = point(rule, n);
      if (p) markers.push({ x: n, y: p.mse[0], color: RULES[rule].color, label: `${rule} at current n` });
    }
    const anchorRule = ['shrinking', 'loo', 'fixed'].find((r) => values[r]?.mse.some(Number.isFinite));
    if (anchorRule) {
      const { n: xs, mse } = values[anchorRule];
      const i0 = mse.findIndex(Number.isFinite);
      const [n0, e0] = [xs[i0], mse[i0]];
      const gx = [n0, N_GRID[N_GRID.length - 1]];
      const guide = { id: 'guide', label: t('more-data.series.guide'), x: gx, y: gx.map((v) => e0 * Math.pow(v / n0, -0.8)), color: 'var(--muted)', dash: '1 4' };
      series.push(guide);
      values.guide = { n: guide.x, mse: guide.y, anchoredAt: anchorRule };
    }
    plot(errorChart, $('[data-plot="error"]'), series, { markers });
    setValues('error', values);

    // Bias² and variance of one rule.
    const rule = s().split;
    const parts = {
      mse: ruleSeries(rule, 'mse'), bias2: ruleSeries(rule, 'bias2'), variance: ruleSeries(rule, 'variance'),
    };
    const c = RULES[rule].color;
    plot(splitChart, $('[data-plot="split"]'), [
      { id: 'mse', label: t('more-data.series.mse'), ...parts.mse, color: c, dots: true },
      { id: 'bias2', label: t('more-data.series.bias2'), ...parts.bias2, color: 'var(--md-bias)', dash: '7 3', dots: true },
      { id: 'variance', label: t('more-data.series.variance'), ...parts.variance, color: 'var(--md-variance)', dash: '2 3', dots: true },
    ]);
    setValues('split', { rule, n: parts.mse.x, mse: parts.mse.y, bias2: parts.bias2.y, variance: parts.variance.y });

    // The parametric recipe.
    const xs = pGrid();
    const pr = xs.map((m) => {
      const r = cache.get(parametricKey(m));
      return r && !r.error ? r : null;
    });
    const field = (red, f) => pr.map((r) => r?.[red][f] ?? NaN);
    const pv = {
      n: xs, wSum: field('sum', 'w'), wMean: field('mean', 'w'), wLoo: field('loo', 'w'),
      mseSum: field('sum', 'mse'), mseMean: field('mean', 'mse'), mseLoo: field('loo', 'mse'),
    };
    const cur = cache.get(parametricKey(n));
    const colors = { sum: SUM, mean: MEAN, loo: RULES.loo.color };
    const pm = (key, red) => (cur && !cur.error ? [{ x: n, y: Math.abs(cur[red][key]), color: colors[red], label: `${red} at current n` }] : []);
    // w² is what the model uses (L(w) = L(−w)): |w| is plotted on the log axis.
    plot(wChart, $('[data-plot="w"]'), [
      { id: 'sum', label: t('more-data.series.sum'), x: xs, y: pv.wSum.map(Math.abs), color: SUM, dots: true },
      { id: 'mean', label: t('more-data.series.mean'), x: xs, y: pv.wMean.map(Math.abs), color: MEAN, dash: '7 3', dots: true },
      { id: 'loo', label: t('more-data.series.looW'), x: xs, y: pv.wLoo, color: RULES.loo.color, dash: '2 3', dots: true },
    ], { markers: [...pm('w', 'sum'), ...pm('w', 'mean'), ...pm('w', 'loo')] });
    setValues('w', { n: xs, sum: pv.wSum, mean: pv.wMean, loo: pv.wLoo });
    plot(trainedChart, $('[data-plot="trained-error"]'), [
      { id: 'sum', label: t('more-data.series.sum'), x: xs, y: pv.mseSum, color: SUM, dots: true },
      { id: 'mean', label: t('more-data.series.mean'), x: xs, y: pv.mseMean, color: MEAN, dash: '7 3', dots: true },
      { id: 'loo', label: ruleName('loo'), x: xs, y: pv.mseLoo, color: RULES.loo.color, dash: '2 3', dots: true },
    ], { markers: [...pm('mse', 'sum'), ...pm('mse', 'mean'), ...pm('mse', 'loo')] });
    setValues('trained-error', { n: xs, sum: pv.mseSum, mean: pv.mseMean, loo: pv.mseLoo });
  }

  const live = (name, content) => {
    for (const el of section.querySelectorAll(`[data-live="${name}"]`)) {
      if (!Array.isArray(content)) {
        el.textContent = content;
        continue;
      }
      el.replaceChildren(...content.map((part) => {
        if (typeof part === 'string') return part;
        const b = document.createElement('b');
        b.textContent = part.b;
        return b;
      }));
    }
  };

  function writeProse() {
    const n = s().n;
    live('seeds', t('more-data.seeds', { count: s().seeds }));
    live('split-name', ruleName(s().split));
    const parts = (p) => msg('more-data.parts', { mse: B(p.mse[0]), bias2: B(p.bias2[0]), variance: B(p.variance[0]) });
    const pending = t('more-data.pending');
    const fixed = point('fixed', n);
    const shrinking = point('shrinking', n);
    const loo = point('loo', n);
    const looText = n > s().looMax
      ? msg('more-data.looAbove', { looMax: N(s().looMax), control: t('more-data.control.looMax') })
      : loo ? msg('more-data.looDone', { width: B(loo.meanWidth[0]), parts: parts(loo) }) : t('more-data.looPending');
    live('consistency-summary', msg('more-data.consistency', {
      n: N(n), seeds: N(s().seeds), count: s().seeds, nTest: N(s().nTest), width: B(s().width),
      fixed: fixed ? parts(fixed) : pending,
      shrinkingWidth: shrinking ? B(shrinking.meanWidth[0]) : '…',
      shrinking: shrinking ? parts(shrinking) : pending,
      loo: looText,
    }));

    // The verdict on the forum's report: the fixed-width curve at its two ends and at the current n.
    const [n0, n1] = [N_GRID[0], N_GRID[N_GRID.length - 1]];
    const first = point('fixed', n0);
    const last = point('fixed', n1);
    const at = point('fixed', n);
    const fixedAt = new Map([[n0, first], [n, at], [n1, last]]);
    // The words from the numbers over the last decade of n (n1/10 to n1): a part "levels off" when
    // it falls by less than half there (ratio ≥ LEVEL), and "keeps falling" otherwise.
    const LEVEL = 0.5;
    const nDecade = n1 / 10;
    const decade = point('fixed', nDecade);
    const ratio = (f) => f(last) / f(decade);
    const rb = decade && last ? ratio((p) => p.bias2[0]) : NaN;
    const rv = decade && last ? ratio((p) => p.variance[0]) : NaN;
    const verdict = () => {
      const params = {
        width: B(s().width),
        errors: series(fixedAt, (p) => p.mse[0]),
        variances: list(fixedAt, (p) => p.variance[0]),
        biases: list(fixedAt, (p) => p.bias2[0]),
        nFrom: N(nDecade), nTo: N(n1), rb: B(rb), rv: B(rv),
      };
      // One data set per n: the variance (the spread between data sets) is 0 at every n.
      if (!Number.isFinite(rv)) return msg('more-data.verdict.oneSet', { width: params.width, errors: params.errors, control: t('more-data.control.seeds') });
      if (rb >= LEVEL && rv < LEVEL) return msg('more-data.verdict.levelsOff', params);
      if (rb < LEVEL && rv < LEVEL) return msg('more-data.verdict.bothFall', params);
      return msg('more-data.verdict.other', params);
    };
    const verdictEl = $('[data-live="forum-verdict"]');
    verdictEl.dataset.biasRatio = String(rb);
    verdictEl.dataset.varianceRatio = String(rv);
    live('forum-verdict', first && last && at && decade
      ? verdict()
      : t('more-data.verdict.pending'));

    const cur = cache.get(parametricKey(n));
    const [p0, p1] = [P_GRID[0], P_GRID[P_GRID.length - 1]];
    const small = cache.get(parametricKey(p0));
    const big = cache.get(parametricKey(p1));
    const ok = (r) => r && !r.error;
    const byN = new Map([[p0, small], [n, cur], [p1, big]]);
    const three = (f) => series(byN, f);
    live('parametric-summary', ok(cur) && ok(small) && ok(big)
      ? msg('more-data.parametric', {
        seed: N(s().seed), epochs: String(RECIPE.epochs),
        wSum: three((r) => r.sum.w), wLoo: three((r) => r.loo.w), mseSum: three((r) => r.sum.mse),
        mseLoo: three((r) => r.loo.mse), wMean: three((r) => r.mean.w), mseMean: three((r) => r.mean.mse),
      })
      : t('more-data.parametricPending'));
    if (ok(cur)) {
      const el = $('[data-live="parametric-summary"]');
      el.dataset.wSum = String(cur.sum.w);
      el.dataset.wMean = String(cur.mean.w);
      el.dataset.mseSum = String(cur.sum.mse);
      el.dataset.mseMean = String(cur.mean.mse);
      el.dataset.wLoo = String(cur.loo.w);
      el.dataset.mseLoo = String(cur.loo.mse);
    }
    tries.update();
  }

  function drawAll() {
    drawFit();
    drawCurves();
    writeProse();
  }

  // ---- controls --------------------------------------------------------------------------------
  const controls = $('[data-controls]');
  const update = (patch, { reload = false } = {}) => {
    state.set(patch);
    if (reload) loadData();
    refresh();
  };
  // Each control's name (data-control on its box: ?hide= links and tests) is the one its English
  // label gave before the labels were translated, so existing links keep working.
  const label = (key) => t(`more-data.control.${key}`);
  const c = {
    n: slider({ name: 'training-examples-n', label: label('n'), min: 10, max: 10000, log: true, value: s().n, format: fmtN,
      onInput: (v) => update({ n: Math.round(v) }, { reload: true }) }),
    nTest: select({ name: 'test-inputs-grid-on-0-5', label: label('nTest'), value: String(s().nTest),
      options: N_TESTS.map((k) => [String(k),
        k === 50 ? t('more-data.nTestOption.d2l', { n: String(k) }) : k === FORUM.nTest ? t('more-data.nTestOption.forum', { n: String(k) }) : String(k)]),
      onChange: (v) => update({ nTest: Number(v) }, { reload: true }) }),
    fit: select({ name: 'fit-shown', label: label('fit'), value: s().fit, options: FITS.map((k) => [k, t(`more-data.fit.${k}`)]),
      onChange: (v) => update({ fit: v }) }),
    width: slider({ name: 'fixed-width-h', label: label('width'), min: 0.05, max: 5, log: true, value: s().width, format: (v) => fmt(v),
      onInput: (v) => update({ width: v }) }),
    c: slider({ name: 'c-in-h-c-n-1-5', label: label('c'), min: 0.1, max: 10, log: true, value: s().c, format: (v) => fmt(v),
      onInput: (v) => update({ c: v }) }),
    seeds: slider({ name: 'data-sets-per-n-seeds', label: label('seeds'), min: 1, max: 20, step: 1, value: s().seeds, format: (v) => String(Math.round(v)),
      onInput: (v) => update({ seeds: Math.round(v) }) }),
    looMax: select({ name: 'leave-one-out-curve-up-to-n', label: label('looMax'), value: String(s().looMax),
      options: LOO_MAX.map((k) => [String(k),
        k === 3000 ? t('more-data.looMaxOption.slower', { n: fmtN(k) }) : k === 10000 ? t('more-data.looMaxOption.slowest', { n: fmtN(k) }) : fmtN(k)]),
      onChange: (v) => update({ looMax: Number(v) }) }),
    split: select({ name: 'bias2-and-variance-of', label: label('split'), value: s().split,
      options: Object.keys(RULES).map((k) => [k, ruleName(k)]), onChange: (v) => update({ split: v }) }),
    showFixed: toggle({ name: 'show-fixed-width', label: label('showFixed'), value: s().showFixed, onChange: (v) => update({ showFixed: v }) }),
    showShrinking: toggle({ name: 'show-shrinking-width', label: label('showShrinking'), value: s().showShrinking, onChange: (v) => update({ showShrinking: v }) }),
    showLoo: toggle({ name: 'show-leave-one-out-width', label: label('showLoo'), value: s().showLoo, onChange: (v) => update({ showLoo: v }) }),
  };
  for (const [key, control] of Object.entries(c)) control.input.dataset.control = key;

  /** Puts every control back in line with the state (after Reset or a preset). */
  function syncControls() {
    for (const [key, control] of Object.entries(c)) {
      const v = s()[key];
      control.set(typeof v === 'number' && control.input.tagName === 'SELECT' ? String(v) : v);
    }
  }
  const applyAll = (values) => {
    state.set(values);
    syncControls();
    loadData();
    refresh({ now: true });
  };

  const buttons = document.createElement('div');
  buttons.className = 'buttons wrap';
  const forum = button(t('more-data.button.forum', { n: String(FORUM.n), nTest: String(FORUM.nTest) }),
    () => applyAll({ n: FORUM.n, nTest: FORUM.nTest, fit: 'fixed', width: FORUM.width, split: 'fixed' }),
    t('more-data.button.forumTitle', { n: String(FORUM.n), nTest: String(FORUM.nTest), width: String(FORUM.width) }), 'forum', 'forum-200-200');
  const newData = button(t('more-data.button.newData'), () => applyAll({ seed: s().seed + 1 }), t('more-data.button.newDataTitle'), 'new-data', 'new-data');
  const copy = copyLinkButton(state);
  // Reset keeps the learner's data ("Back to generated data" drops it).
  const reset = button(t('more-data.button.reset'), () => applyAll({ ...state.defaults, own: Boolean(own?.current()) }),
    t('more-data.button.resetTitle'), 'reset', 'reset');
  buttons.append(forum, newData, copy.button, reset, copy.status);

  const groupOf = (title, ...els) => {
    const g = document.createElement('fieldset');
    g.className = 'control-group';
    const legend = document.createElement('legend');
    legend.textContent = title;
    g.append(legend, ...els);
    return g;
  };
  controls.append(
    groupOf(t('more-data.group.data'), c.n.element, c.nTest.element, c.fit.element, c.width.element, c.c.element),
    groupOf(t('more-data.group.curves'), c.seeds.element, c.looMax.element, c.split.element, c.showFixed.element, c.showShrinking.element, c.showLoo.element),
    buttons,
  );

  // Shared shell: own data, the code, export and "Try this" (web/shell/README.md).
  own = addOwnData(section, {
    lab, state, layout: 'x,y', minRows: 3, maxRows: OWN_MAX_ROWS,
    onChange: () => { ownVersion += 1; ownFits.clear(); loadData(); refresh({ now: true }); },
  });
  own.element.querySelector('.own-data-help').append(' ', t('more-data.ownHelp'));
  code = addShowCode(section, () => {
    const model = fitModel();
    if (!model) return { pending: true };
    return {
      xTrain: data.xTrain, yTrain: data.yTrain, xTest: data.xTest, yTest: data.yTest, own: !data.yTest,
      fit: s().fit, width: s().width, c: s().c, looWidth: model.width, ...RECIPE,
    };
  });
  const column = (key) => t(`more-data.column.${key}`);
  addExport(section, {
    csv: [
      { label: t('more-data.csv.data'), filename: t('more-data.file.data'),
        table: () => ({ columns: ['x', 'y'], rows: Array.from(data.xTrain, (x, i) => [x, data.yTrain[i]]) }) },
      { label: t('more-data.csv.predictions'), filename: t('more-data.file.predictions'),
        table: () => ({
          columns: [column('query'), column('truth'), column('prediction')],
          rows: Array.from(data.xTest, (x, i) => [x, data.yTest ? data.yTest[i] : NaN, fitResult ? fitResult.predictions[i] : NaN]),
        }) },
      { label: t('more-data.csv.error'), filename: t('more-data.file.error'),
        // The rule column holds the rule's id (fixed, shrinking, loo), as links and the API name it.
        table: () => ({
          columns: [column('rule'), 'n', 'mse', 'bias2', 'variance', column('meanWidth')],
          rows: Object.keys(RULES).flatMap((rule) => ruleGrid(rule).map((m) => point(rule, m)).filter(Boolean)
            .map((p) => [rule, p.n[0], p.mse[0], p.bias2[0], p.variance[0], p.meanWidth[0]])),
        }) },
      { label: t('more-data.csv.w'), filename: t('more-data.file.w'),
        table: () => ({
          columns: ['n', column('wSum'), column('wMean'), column('wLoo'), column('mseSum'), column('mseMean'), column('mseLoo')],
          rows: pGrid().map((m) => [m, cache.get(parametricKey(m))]).filter(([, r]) => r && !r.error)
            .map(([m, r]) => [m, r.sum.w, r.mean.w, r.loo.w, r.sum.mse, r.mean.mse, r.loo.mse]),
        }) },
    ],
  });
  // The shell's export bar and code follow the last plots; the closing paragraph ("The fixes…")
  // belongs to those plots, so it goes before them.
  section.querySelector('[data-shell="export"]').before($('[data-fixes]'));
  /** The tasks' targets: the trained w to exceed, the shrinking width's error to get below. */
  const W_TARGET = 100;
  const MSE_TARGET = 0.01;
  const tryText = (id, params) => ({
    task: t(`more-data.try.${id}.task`, params), hint: t(`more-data.try.${id}.hint`, params), explanation: t(`more-data.try.${id}.explanation`, params),
  });
  const tries = addTryThis(section, [
    {
      id: 'variance',
      ...tryText('variance'),
      check: () => {
        const p = point('fixed', s().n);
        return Boolean(p && Number(fmt(p.variance[0])) > Number(fmt(p.bias2[0]))); // as shown
      },
    },
    {
      id: 'w-blow-up',
      ...tryText('blowUp', { lr: String(RECIPE.lr), epochs: String(RECIPE.epochs), target: String(W_TARGET), chart: t('more-data.axis.w', { epochs: RECIPE.epochs }) }),
      check: () => {
        const r = cache.get(parametricKey(s().n));
        return Boolean(r && !r.error && Number(fmt(r.sum.w)) > W_TARGET); // as shown
      },
    },
    {
      id: 'consistent',
      ...tryText('consistent', { target: String(MSE_TARGET) }),
      check: () => {
        const p = point('shrinking', s().n);
        return Boolean(p && Number(fmt(p.mse[0])) < MSE_TARGET); // as shown
      },
    },
  ]);

  loadData();
  refresh({ now: true });
  return { state, compute };
}
