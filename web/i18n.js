// The page's words in the reader's language (issue #15). Every string a learner or instructor sees
// is a message in web/i18n/<lang>/<namespace>.json, looked up as '<namespace>.<key>':
// - keys under 'html.' (data-i18n="kernels.html.intro" in web/exercises/*.html and
//   web/index.html) hold an element's inner HTML, math and live spans included, used as written;
// - every other key is an ICU MessageFormat message, formatted by intl-messageformat (FormatJS):
//   numbers are parameters ({n}), plurals are {n, plural, one {# point} other {# points}} and go
//   through Intl.PluralRules, so word order and plural forms are the catalog's, not the code's.
//   HTML tags inside a message are kept as text (ignoreTag).
// Why intl-messageformat: ICU MessageFormat is the format translation tools and translators know
// (plural and select in one message, which a third language with more plural forms needs); the
// library is the maintained reference implementation for JS (about 10 KB compressed) and leaves
// plural rules and number formats to the browser's Intl.
// A third language is a folder web/i18n/<lang>/ with the same files and keys, no code change.
// One page speaks one language: set it before mounting (the page from <html data-lang>, the
// <attention-pooling-lab> element from its lang attribute); t() is called while rendering, never
// at module load.
import { IntlMessageFormat } from 'intl-messageformat';
import { catalogs } from './i18n/catalogs.js';

export const DEFAULT_LANGUAGE = 'en';

let current = DEFAULT_LANGUAGE;
if (typeof document !== 'undefined' && catalogs[document.documentElement?.dataset.lang]) current = document.documentElement.dataset.lang;

/** The languages with a catalog, e.g. ['en', 'zh']. */
export const languages = () => Object.keys(catalogs);

/** The language messages are formatted in now ('en', 'zh', …). */
export const language = () => current;

/** Chooses the language of every message from now on; an unknown code is refused, not guessed. */
export function setLanguage(code) {
  if (!catalogs[code]) throw new Error(`i18n: no catalog for language '${code}'; accepted: ${languages().join(', ')}`);
  current = code;
}

/** The BCP 47 tag for <html lang> and Intl ('zh-CN' for 'zh'), from the catalog's common.htmlLang. */
export const htmlLang = (code = current) => catalogs[code]?.['common.htmlLang'] ?? code;

/** The standalone page of a language: index.html for the default, index.<lang>.html for the others. */
export const pageFile = (code = current) => (code === DEFAULT_LANGUAGE ? 'index.html' : `index.${code}.html`);

function lookup(key, code) {
  const message = catalogs[code]?.[key];
  if (typeof message !== 'string') throw new Error(`i18n: no message '${key}' in language '${code}'`);
  return message;
}

const compiled = new Map();

/**
 * The message `key` in the current language with `params` filled in. Pass computed figures
 * formatted as the page shows them (fmt(v) strings) and counts as numbers (for plural and #).
 * A missing key throws: a page must never show a key or another language's words silently.
 */
export function t(key, params, code = current) {
  const id = `${code}\u0000${key}`;
  let format = compiled.get(id);
  if (!format) {
    format = new IntlMessageFormat(lookup(key, code), htmlLang(code), undefined, { ignoreTag: true });
    compiled.set(id, format);
  }
  const out = format.format(params);
  return Array.isArray(out) ? out.join('') : String(out);
}

/** An 'html.' message: an element's inner HTML exactly as the catalog has it (no parameters). */
export const html = (key, code = current) => lookup(key, code);

const escapeAttribute = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * A template (web/exercises/<id>.html, web/index.html) in a language: each element with
 * data-i18n="ns.html.key" gets that message as its content (the element must be empty in the
 * template), and each data-i18n-<attribute>="ns.key" sets <attribute> to that message. Plain
 * text processing over our own templates, so that node (the build) and browsers do the same.
 */
export function localizeHtml(template, code = current) {
  return template.replace(/<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*?\sdata-i18n[^>]*|\sdata-i18n[^>]*)>(\s*<\/\1>)?/g, (whole, tag, attributes, close) => {
    let inner = null;
    const extra = [];
    for (const [, attribute, key] of attributes.matchAll(/\sdata-i18n(?:-([a-z-]+))?="([^"]+)"/g)) {
      if (attribute) extra.push(` ${attribute}="${escapeAttribute(t(key, undefined, code))}"`);
      else inner = html(key, code);
    }
    if (inner !== null && close === undefined) throw new Error(`i18n: <${tag} data-i18n> must be empty in the template (${attributes.trim()})`);
    return `<${tag}${attributes}${extra.join('')}>${inner ?? ''}${close !== undefined ? `</${tag}>` : ''}`;
  });
}
