// The message catalogs (web/i18n/<lang>/*.json, issue #15): every language has exactly the same
// keys; every message parses as ICU MessageFormat and renders with sample values in every
// language, with the same parameters (a translation that drops {n} would drop a live number);
// the html.* blocks keep the same math, live spans and hooks; every key the code and the
// templates use exists.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { readCatalogs } from '../../web/i18n/catalogs.js';
import { localizeHtml, t } from '../../web/i18n.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const catalogs = readCatalogs();
const langs = Object.keys(catalogs);
const isHtml = (key) => key.split('.').includes('html');

test('there are at least two languages, and each has exactly the keys of English', () => {
  assert.ok(langs.includes('en') && langs.includes('zh'), `languages: ${langs.join(', ')}`);
  const en = new Set(Object.keys(catalogs.en));
  for (const lang of langs) {
    const keys = new Set(Object.keys(catalogs[lang]));
    const missing = [...en].filter((k) => !keys.has(k));
    const extra = [...keys].filter((k) => !en.has(k));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `web/i18n/${lang}/ against web/i18n/en/`);
  }
});

/** The arguments of an ICU message: { name: 'plural' | 'select' | 'number' | 'argument' }. */
function argumentsOf(elements, out = {}) {
  for (const e of elements) {
    if (e.type === TYPE.argument) out[e.value] ??= 'argument';
    if (e.type === TYPE.number) out[e.value] = 'number';
    if (e.type === TYPE.plural || e.type === TYPE.select) {
      out[e.value] = e.type === TYPE.plural ? 'plural' : 'select';
      for (const option of Object.values(e.options)) argumentsOf(option.value, out);
    }
  }
  return out;
}

test('every message parses, uses the same parameters in every language, and renders with sample values', () => {
  for (const key of Object.keys(catalogs.en).filter((k) => !isHtml(k))) {
    const args = Object.fromEntries(langs.map((lang) => {
      let ast;
      assert.doesNotThrow(() => (ast = parse(catalogs[lang][key], { ignoreTag: true })), `${lang} ${key} does not parse`);
      return [lang, argumentsOf(ast)];
    }));
    for (const lang of langs) {
      assert.deepEqual(Object.keys(args[lang]).sort(), Object.keys(args.en).sort(), `${key}: the ${lang} message has other parameters than the English one`);
    }
    // Counts 0, 1, 2 and 5 pick every plural form English and Chinese have; text parameters get a marker
    // that must appear in the output.
    for (const n of [0, 1, 2, 5]) {
      const params = Object.fromEntries(Object.entries(args.en).map(([name, kind]) => [name, kind === 'plural' || kind === 'number' ? n : kind === 'select' ? 'other' : `⟨${name}⟩`]));
      for (const lang of langs) {
        const out = t(key, params, lang);
        assert.equal(typeof out, 'string');
        for (const [name, kind] of Object.entries(args.en)) {
          if (kind === 'argument') assert.ok(out.includes(`⟨${name}⟩`), `${lang} ${key}: {${name}} is not shown in "${out}"`);
        }
      }
    }
  }
});

/** What an html.* block must keep in translation: its math, live spans and data-* hooks, tags that carry attributes. */
function hooks(html) {
  return [...html.matchAll(/\sdata-(tex|tex-display|live|plot|action|control)="([^"]*)"/g)].map((m) => `${m[1]}=${m[2]}`).sort();
}

test('html blocks keep the same math, live spans and hooks in every language', () => {
  for (const key of Object.keys(catalogs.en).filter(isHtml)) {
    for (const lang of langs) assert.deepEqual(hooks(catalogs[lang][key]), hooks(catalogs.en[key]), `${lang} ${key}`);
  }
});

function files(dir, ext) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(path.join(dir, d.name), ext) : d.name.endsWith(ext) ? [path.join(dir, d.name)] : []);
}

test('every key the code and the templates name exists', () => {
  const missing = [];
  for (const file of files(path.join(root, 'web'), '.js')) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\b(?:t|html|fillMessage\([^,]+,)\s*\(?\s*'([a-z0-9-]+\.[A-Za-z0-9_.-]+)'/g)) {
      if (!(m[1] in catalogs.en)) missing.push(`${path.relative(root, file)}: ${m[1]}`);
    }
  }
  for (const file of [...files(path.join(root, 'web', 'exercises'), '.html'), path.join(root, 'web', 'index.html')]) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\sdata-i18n(?:-[a-z-]+)?="([^"]+)"/g)) {
      if (!(m[1] in catalogs.en)) missing.push(`${path.relative(root, file)}: ${m[1]}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('localizeHtml fills data-i18n elements and attributes, and refuses a template element that has content', () => {
  const out = localizeHtml('<p class="x" data-i18n="common.html.heading"></p><nav data-i18n-aria-label="common.switchLanguage"></nav>', 'zh');
  assert.equal(out, '<p class="x" data-i18n="common.html.heading">注意力汇聚实验室</p><nav data-i18n-aria-label="common.switchLanguage" aria-label="语言"></nav>');
  assert.throws(() => localizeHtml('<p data-i18n="common.html.heading">text</p>', 'en'), /must be empty/);
  assert.throws(() => t('common.no-such-key'), /no message 'common.no-such-key' in language 'en'/);
});
