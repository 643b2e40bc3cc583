// What a link may say about each exercise: one schema per exercise id, one rule per state key
// (type, range, whole number or not, allowed words). WidgetState reads every `<id>.<key>` value of
// a link through it (web/state.js), so a hand-edited or hostile link can only move a widget to a
// value its own controls could reach: a number outside the range is clamped to it, anything else
// that does not fit (a word not in the list, NaN, 1e400, hex, an empty value, text where a number
// belongs) falls back to the widget's default. The defaults stay in the widgets.
//
// The ranges and words repeat the widgets' controls on purpose (this file must not import the
// widgets); tests/browser/guard.test.mjs moves every slider to both ends and picks every option of
// every select on the page and checks that they land exactly on these ranges and words, so the
// two cannot drift apart.

/** A number in [min, max]; `integer`: rounded to a whole number. */
const num = (min, max, { integer = false } = {}) => ({ type: 'number', min, max, integer });
const int = (min, max) => num(min, max, { integer: true });
/** One of the listed words (strings), or of the listed numbers. */
const words = (...list) => ({ type: 'words', words: list });
const bool = { type: 'boolean' };
/** Free text of at most maxLength characters (longer text falls back to the default). */
const text = (maxLength) => ({ type: 'text', maxLength });

// The seeds of the generated data: the core takes any whole number from 0 to 2^53 − 1, but the
// widgets add small offsets to them (New data, several data sets per n); a billion is plenty.
const seed = int(0, 1e9);
const KERNELS_4 = ['gaussian', 'boxcar', 'triangular', 'epanechnikov'];

export const LINK_SCHEMAS = {
  'kernel-regression': {
    seed, n: int(10, 10000), width: num(0.01, 10), kernel: words(...KERNELS_4, 'constant'), own: bool,
  },
  kernels: { data: words('v1', 'classic'), seed, sigma: num(0.01, 10), own: bool },
  'dot-product': { seed, sigma: num(0.05, 5), spread: num(0, 0.9) },
  'leave-one-out': {
    seed, w0: num(0, 5), lr: num(0.001, 5), epochs: int(1, 500), reduction: words('sum', 'half-sum', 'mean'),
    epoch: int(0, 500), own: bool,
  },
  'more-data': {
    seed, n: int(10, 10000), nTest: words(50, 100, 200, 500), fit: words('fixed', 'shrinking', 'loo', 'sum', 'mean'),
    width: num(0.05, 5), c: num(0.1, 10), seeds: int(1, 20), looMax: words(300, 1000, 3000, 10000),
    showFixed: bool, showShrinking: bool, showLoo: bool, split: words('fixed', 'shrinking', 'loo'), own: bool,
  },
  lenrek: {
    seed, normalize: words('keys', 'queries'), nq: int(1, 500), xstar: num(0, 5), gwidth: num(0.05, 5),
    offset: num(0, 5), w0: num(0.1, 5), lr: num(0.001, 1), epochs: int(1, 500), epoch: int(0, 500), own: bool,
  },
  'after-square': {
    seed, w0: num(0.1, 5), lr: num(0.001, 1), epochs: int(1, 300), optimizer: words('sgd', 'adam'), loo: bool,
    epoch: int(0, 300), wshow: num(-3, 10), own: bool,
  },
  'per-coordinate': {
    seed, variant: words('surface', 'irrelevant'), optimizer: words('adam', 'sgd'), lr: num(0.001, 2),
    epochs: int(1, 500), w0: num(0.1, 5), epoch: int(0, 500), own: bool,
  },
  parzen: {
    seed, dim: words(1, 2), kernel: words(...KERNELS_4), width: num(0.02, 5), cls: words(1, -1),
    show: words('difference', 'pos', 'neg'),
    // Added points as "x:c,…" or "x1:x2:c,…" (the widget skips malformed items and keeps 200 at
    // most: 200 items of two coordinates with two decimals and a class fit in this easily).
    added1: text(4000), added2: text(6000), own: bool,
  },
  minkowski: {
    seed, n: int(20, 2000), kernel: words(...KERNELS_4), p: words('1', '1.25', '1.5', '2', '2.5', '3', '4', '5', '6', '8', 'inf'),
    h1: num(0.05, 3), h2: num(0.05, 3), px: num(0, 5), py: num(0, 5), seeds: int(1, 10), c: num(0.2, 5), own: bool,
  },
};

// A plain decimal number as people write it (no hex, no 'Infinity', no empty text).
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The value of one link parameter under its rule, or `fallback` (the widget's default) when the
 * text does not fit the rule at all.
 * @param {string} raw  the parameter's text
 * @param {{type: string}|undefined} rule  undefined: a key the schema does not know (its default's type decides)
 * @param {number|string|boolean} fallback
 */
export function readLinkValue(raw, rule, fallback) {
  const textValue = String(raw).trim();
  if (!rule) rule = typeof fallback === 'number' ? num(-Infinity, Infinity) : typeof fallback === 'boolean' ? bool : text(200);
  switch (rule.type) {
    case 'number': {
      if (!DECIMAL.test(textValue)) return fallback;
      let v = Number(textValue);
      if (!Number.isFinite(v)) return fallback; // 1e400 is Infinity: not a value anyone meant
      v = Math.min(rule.max, Math.max(rule.min, v));
      return rule.integer ? Math.round(v) : v;
    }
    case 'words': {
      const numeric = typeof rule.words[0] === 'number';
      const v = numeric ? (DECIMAL.test(textValue) ? Number(textValue) : NaN) : textValue;
      return rule.words.includes(v) ? v : fallback;
    }
    case 'boolean':
      return textValue === 'true' ? true : textValue === 'false' ? false : fallback;
    case 'text':
      return String(raw).length <= rule.maxLength ? String(raw) : fallback;
    default:
      return fallback;
  }
}
