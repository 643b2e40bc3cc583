// Labelled, keyboard-operable controls that show their value. Native <input type=range> gives
// the WAI-ARIA slider role and arrow/Page/Home/End keys; aria-valuetext reads the shown value.
import { isDragging } from './drag.js';
import { fmt } from './format.js';
import { t } from './i18n.js';

let counter = 0;
const uid = (prefix) => `${prefix}-${++counter}`;

/**
 * The name an instructor uses to hide a control (`hide=kernel-width-h` in an embed): its English
 * label in lower case, words joined by '-'. Labels are translated (web/i18n.js) but names are not:
 * a control whose label is not English is given its `name`, or it is refused.
 */
export const controlName = (label) =>
  label.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** `name`, or the name of an English label; a control must have one (links and tests use it). */
function nameOf(name, label) {
  const out = name || controlName(label);
  if (!out) throw new Error(`controls: the control labelled '${label}' needs a name (its label gives none)`);
  return out;
}

/**
 * A slider, linear or logarithmic (`log: true` maps positions to min·(max/min)^t).
 * `onInput(value)` fires on every change; while a pointer drags the slider, at most once per
 * animation frame, with the latest value (inputs that arrive faster than frames are painted would
 * each recompute a figure nobody sees). Keys and scripts get every change at once. `eager`: every
 * change at once during a drag too, for a slider whose drag only hands the work to a worker
 * (web/compute/latest-in-worker.js keeps the newest job): waiting for the frame would only delay it.
 */
export function slider({ name, label, min, max, value, step, log = false, format = String, onInput, eager = false }) {
  // The thumb's positions are the values the slider can show, each once: a position whose value
  // formats like its neighbour's (a log scale's 400 positions over 1…500 epochs give 6–7 per
  // shown integer at the top) is dropped, so that every arrow key press changes the value shown.
  // Page Up/Down (the browser's 10 % of the positions) and Home/End (the ends) are the input's own.
  let values;
  const positions = () => {
    const n = log ? 400 : Math.round((max - min) / step);
    values = [];
    for (let pos = 0; pos <= n; pos++) {
      const t = pos / n;
      const raw = log ? min * Math.pow(max / min, t) : min + t * (max - min);
      const v = log ? Number(raw.toPrecision(3)) : Number(raw.toFixed(10));
      if (!values.length || format(v) !== format(values[values.length - 1])) values.push(v);
    }
    return values.length - 1;
  };
  let steps = positions();
  const toValue = (pos) => values[Math.min(Math.max(pos, 0), steps)];
  /** The position that shows v as v is shown, else the nearest (on a log slider, in ratio). */
  const toPos = (v) => {
    const shown = values.findIndex((a) => format(a) === format(v));
    if (shown >= 0) return shown;
    const d = (a) => (log ? Math.abs(Math.log(a / v)) : Math.abs(a - v));
    let best = 0;
    for (let i = 1; i <= steps; i++) if (d(values[i]) < d(values[best])) best = i;
    return best;
  };

  const wrap = document.createElement('div');
  wrap.className = 'control';
  wrap.dataset.control = nameOf(name, label);
  const id = uid('slider');
  wrap.innerHTML = `<label for="${id}"></label><input type="range" id="${id}" min="0" max="${steps}" step="1"><output for="${id}"></output>`;
  wrap.querySelector('label').textContent = label;
  const input = wrap.querySelector('input');
  const output = wrap.querySelector('output');
  const show = (v) => {
    output.textContent = format(v);
    input.setAttribute('aria-valuetext', t('common.valueText', { label, value: format(v) }));
  };
  input.value = String(toPos(value));
  show(value);
  let frame = 0;
  const fire = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    const v = toValue(Number(input.value));
    show(v);
    onInput(v);
  };
  input.addEventListener('input', () => {
    if (!isDragging() || eager) fire();
    else if (!frame) frame = requestAnimationFrame(fire);
  });
  // The drag ended (change fires on release): show its last value now, not a frame later.
  input.addEventListener('change', () => frame && fire());
  return {
    element: wrap,
    input,
    set(v) {
      input.value = String(toPos(v));
      show(v);
    },
    /** A new range (own data may lie anywhere); the thumb moves to `v`, which must lie in it. */
    setRange(range, v) {
      min = range.min;
      max = range.max;
      step = range.step ?? step;
      steps = positions();
      input.max = String(steps);
      this.set(v);
    },
  };
}

/** A labelled <select>; `options` is [[value, text], …]. */
export function select({ name, label, options, value, onChange }) {
  const wrap = document.createElement('div');
  wrap.className = 'control';
  wrap.dataset.control = nameOf(name, label);
  const id = uid('select');
  wrap.innerHTML = `<label for="${id}"></label><select id="${id}"></select>`;
  wrap.querySelector('label').textContent = label;
  const el = wrap.querySelector('select');
  for (const [v, text] of options) el.add(new Option(text, v));
  el.value = value;
  el.addEventListener('change', () => onChange(el.value));
  return { element: wrap, input: el, set: (v) => (el.value = v) };
}

/**
 * A button; `action`, if given, goes to data-action (what tests and embeds address it by);
 * `name` is its control name (data-control), needed when `text` is not English.
 */
export function button(text, onClick, title = '', action = '', name = '') {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset.control = nameOf(name, text);
  if (title) b.title = title;
  if (action) b.dataset.action = action;
  b.addEventListener('click', onClick);
  return b;
}

/**
 * "Copy link": puts the state's link (a link to exactly what is shown) on the clipboard and says
 * so in `status`, a polite live region the caller places (by default a new span.link-status);
 * where the clipboard is refused (an insecure origin, a sandboxed iframe, no permission) the
 * status shows the link itself, to copy by hand. The button keeps the last link in data-link.
 */
export function copyLinkButton(state, { title = t('common.copyLinkTitle'), status = liveStatus() } = {}) {
  const b = button(t('common.copyLink'), async () => {
    const link = state.link({ share: true });
    b.dataset.link = link;
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = t('common.linkCopied');
    } catch {
      const a = document.createElement('a');
      a.href = link;
      a.textContent = link;
      status.replaceChildren(t('common.copyThisLink'), a);
    }
  }, title, 'copy-link', 'copy-link');
  return { button: b, status };
}

/** An empty polite live region for short messages next to buttons (span.link-status). */
export function liveStatus() {
  const span = document.createElement('span');
  span.className = 'link-status';
  span.setAttribute('aria-live', 'polite');
  return span;
}

/** A labelled checkbox. */
export function toggle({ name, label, value, onChange }) {
  const wrap = document.createElement('div');
  wrap.className = 'control control-toggle';
  wrap.dataset.control = nameOf(name, label);
  const id = uid('toggle');
  wrap.innerHTML = `<label for="${id}"><input type="checkbox" id="${id}"> <span></span></label>`;
  wrap.querySelector('span').textContent = label;
  const el = wrap.querySelector('input');
  el.checked = value;
  el.addEventListener('change', () => onChange(el.checked));
  return { element: wrap, input: el, set: (v) => (el.checked = v) };
}

/**
 * The training sliders of the parametric exercises, read from and named like their state keys
 * w0, lr and epochs: the initial w (from w0Min to 5), the learning rate (0.001 to lrMax, log) and
 * the epochs (1 to epochsMax, log). `onInput(patch)` gets { w0 }, { lr } or { epochs } (whole).
 */
export function trainingSliders({ state, w0Label = t('common.initialW'), w0Name = 'initial-w', w0Min = 0.1, lrMax, epochsMax, onInput }) {
  return {
    w0: slider({
      name: w0Name,
      label: w0Label, min: w0Min, max: 5, step: 0.05, value: state.get('w0'), format: (v) => v.toFixed(2),
      onInput: (v) => onInput({ w0: v }),
    }),
    lr: slider({
      name: 'learning-rate',
      label: t('common.learningRate'), min: 0.001, max: lrMax, log: true, value: state.get('lr'), format: (v) => fmt(v),
      onInput: (v) => onInput({ lr: v }),
    }),
    epochs: slider({
      name: 'epochs',
      label: t('common.epochs'), min: 1, max: epochsMax, log: true, value: state.get('epochs'), format: (v) => String(Math.round(v)),
      onInput: (v) => onInput({ epochs: Math.round(v) }),
    }),
  };
}
