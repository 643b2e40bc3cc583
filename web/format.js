// How the page writes a computed number: `digits` significant digits, and 'undefined' for NaN and
// ±∞ (an undefined result is never shown as 0 or as a number).
export const fmt = (v, digits = 3) => (Number.isFinite(v) ? Number(v).toPrecision(digits) : 'undefined');
const pluralRules = new Intl.PluralRules('en');
/** A count with its noun in the right number: count(1, 'training point', 'training points') → "1 training point". */
export const count = (n, one, other) => `${n.toLocaleString('en')} ${pluralRules.select(n) === 'one' ? one : other}`;
