// How the page writes a computed number: `digits` significant digits, and 'undefined' for NaN and
// ±∞ (an undefined result is never shown as 0 or as a number).
export const fmt = (v, digits = 3) => (Number.isFinite(v) ? Number(v).toPrecision(digits) : 'undefined');
