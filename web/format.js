// How the page writes a computed number: `digits` significant digits, and the catalog's word for
// undefined ("undefined", "未定义") for NaN and ±∞ (an undefined result is never shown as 0 or as
// a number).
import { t } from './i18n.js';

export const fmt = (v, digits = 3) => (Number.isFinite(v) ? Number(v).toPrecision(digits) : t('common.undefined'));
