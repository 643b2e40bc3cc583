// The message catalogs in node (tests, the build's prerendering): every language folder under
// web/i18n/ with its <namespace>.json files, flattened to { lang: { 'namespace.key': message } }.
// The page's and the element's bundles replace this module (scripts/build.mjs, i18nCatalogs):
// the page reads the one language its HTML loaded, the element gets every language inlined.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.dirname(fileURLToPath(import.meta.url));

/** { lang: { 'ns.key': message } } read from web/i18n/<lang>/<ns>.json. */
export function readCatalogs(folder = dir) {
  const out = {};
  for (const lang of readdirSync(folder).sort()) {
    if (!statSync(path.join(folder, lang)).isDirectory()) continue;
    const flat = {};
    for (const file of readdirSync(path.join(folder, lang)).filter((f) => f.endsWith('.json')).sort()) {
      const ns = file.slice(0, -'.json'.length);
      const messages = JSON.parse(readFileSync(path.join(folder, lang, file), 'utf8'));
      for (const [key, message] of Object.entries(messages)) {
        if (typeof message !== 'string') throw new Error(`web/i18n/${lang}/${file}: '${key}' is not a string`);
        flat[`${ns}.${key}`] = message;
      }
    }
    out[lang] = flat;
  }
  return out;
}

export const catalogs = readCatalogs();
