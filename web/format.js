// How the page writes a computed number: `digits` significant digits, and the catalog's word for
// undefined ("undefined", "未定义") for NaN and ±∞ (an undefined result is never shown as 0 or as
// a number).
import { t } from './i18n.js';

export const fmt = (v, digits = 3) => (Number.isFinite(v) ? Number(v).toPrecision(digits) : t('common.undefined'));
const pluralRules = new Intl.PluralRules('en');
/** `one` or `other` as English needs for the count n (words, or whole sentences). */
export const plural = (n, one, other) => (pluralRules.select(n) === 'one' ? one : other);
/** A count with its noun in the right number: count(1, 'training point', 'training points') → "1 training point". */
export const count = (n, one, other) => `${n.toLocaleString('en')} ${plural(n, one, other)}`;
