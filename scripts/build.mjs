// Builds the pieces: the native core and its tests (optionally with sanitizers), the WASM module,
// and the static site in dist/. Incremental: CMake configures once per build folder.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensure, root } from './ensure.mjs';
import { catalogs } from '../web/i18n/catalogs.js';

const jobs = '2';

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status})`);
}

/** Native core, doctest suite and fixture tool; `sanitize` adds ASan + UBSan. */
export function buildNative({ sanitize = true } = {}) {
  const dir = path.join('build', sanitize ? 'native-san' : 'native');
  if (!existsSync(path.join(root, dir, 'CMakeCache.txt'))) {
    run('cmake', ['-S', '.', '-B', dir, `-DCMAKE_BUILD_TYPE=${sanitize ? 'Debug' : 'Release'}`,
      `-DAPL_SANITIZE=${sanitize ? 'ON' : 'OFF'}`]);
  }
  run('cmake', ['--build', dir, '-j', jobs]);
  return path.join(root, dir);
}

/** The WASM module, written to wasm/gen/core.mjs. */
export function buildWasm() {
  // Debian's emscripten needs NODE_PATH to find its own node modules (acorn); emcmake would add
  // an emulator flag node 20 rejects, so the emulator is given explicitly.
  const env = { NODE_PATH: '/usr/share/nodejs' };
  const dir = path.join('build', 'wasm');
  if (!existsSync(path.join(root, dir, 'CMakeCache.txt'))) {
    run('emcmake', ['cmake', '-S', '.', '-B', dir, '-DCMAKE_BUILD_TYPE=Release',
      '-DCMAKE_CROSSCOMPILING_EMULATOR=/usr/bin/node', '-DAPL_TESTS=OFF'], env);
  }
  run('cmake', ['--build', dir, '-j', jobs], env);
}

/**
 * The page in one language (index.html for English, index.<lang>.html for the others) with every
 * exercise's markup in place and its text from web/i18n/<lang>/ (web/i18n.js, localizeHtml), so
 * that text and math need no script to show.
 */
async function composeIndex(lang) {
  const web = path.join(root, 'web');
  const { localizeHtml, htmlLang, pageFile } = await import('../web/i18n.js');
  const order = JSON.parse(readFileSync(path.join(web, 'exercises', 'index.json'), 'utf8'));
  const sections = order.map((id) => readFileSync(path.join(web, 'exercises', `${id}.html`), 'utf8')).join('\n');
  const { prerenderFirstPlot } = await import('./prerender.mjs');
  const firstPlot = await prerenderFirstPlot(lang);
  const { withContents } = await import('./toc.mjs');
  const page = withContents(readFileSync(path.join(web, 'index.html'), 'utf8'), root, lang)
    .replace(/^\s*<!-- exercises:.*-->$/m, sections)
    .replace(/^\s*<!-- languages:.*-->$/m, languageSwitch(lang, pageFile))
    .replace('<html lang="en">', `<html lang="${htmlLang(lang)}" data-lang="${lang}">`)
    .replace('<script src="app.js" defer></script>', `<script src="lang.js"></script>\n    <script src="i18n/${lang}.js" defer></script>\n    <script src="app.js" defer></script>`);
  const { typesetHtml } = await import('../web/math.js');
  return typesetHtml(localizeHtml(page, lang))
    .replace(/(<figure class="plot" data-plot="regression">\s*<figcaption[^>]*>[^<]*<\/figcaption>)/, `$1${firstPlot}`);
}

/** The header's links to the page in each language (web/nav/language.js adds the state on click). */
function languageSwitch(lang, pageFile) {
  const links = Object.keys(catalogs).map((code) => {
    const label = catalogs[code]['common.languageName'];
    const tag = catalogs[code]['common.htmlLang'];
    const current = code === lang ? ' aria-current="true"' : '';
    return `<a href="${pageFile(code)}?lang=${code}" hreflang="${tag}" lang="${tag}" data-language="${code}"${current}>${label}</a>`;
  });
  return `      <nav class="language-switch" data-i18n-aria-label="common.switchLanguage">${links.join(' ')}</nav>`;
}

/**
 * The message catalogs in the bundles: the page's app.js reads the one language its HTML loaded
 * (dist/i18n/<lang>.js, written by writeCatalogs), so a reader downloads one language; the
 * <attention-pooling-lab> element, one script for course pages, carries every language.
 */
const i18nCatalogs = (mode) => ({
  name: 'i18n-catalogs',
  setup(build) {
    build.onResolve({ filter: /[\\/]i18n[\\/]catalogs\.js$/ }, () => ({ path: 'catalogs', namespace: 'i18n' }));
    build.onLoad({ filter: /.*/, namespace: 'i18n' }, () => ({
      contents: mode === 'page'
        ? 'export const catalogs = globalThis.__attentionPoolingLabCatalogs ?? {};'
        : `export const catalogs = ${JSON.stringify(catalogs)};`,
      loader: 'js',
    }));
  },
});

/**
 * web/widgets/kernel-formulas.js with its formulas typeset here, at build time: the bundles get
 * their HTML as data, and the page's script no KaTeX (web/math.js).
 */
const typesetAtBuild = {
  name: 'typeset-at-build',
  setup(build) {
    build.onLoad({ filter: /[\\/]widgets[\\/]kernel-formulas\.js$/ }, async () => {
      const { FORMULA_TEX, FORMULA_HTML } = await import('../web/widgets/kernel-formulas.js');
      return { contents: `export const FORMULA_TEX = ${JSON.stringify(FORMULA_TEX)};\nexport const FORMULA_HTML = ${JSON.stringify(FORMULA_HTML)};`, loader: 'js' };
    });
  },
};

/** dist/i18n/<lang>.js: a classic script with the language's messages (not the html.* blocks, prerendered). */
function writeCatalogs(out) {
  mkdirSync(path.join(out, 'i18n'), { recursive: true });
  for (const [lang, messages] of Object.entries(catalogs)) {
    const shown = Object.fromEntries(Object.entries(messages).filter(([key]) => !key.split('.').includes('html')));
    writeFileSync(
      path.join(out, 'i18n', `${lang}.js`),
      `// The ${lang} messages of web/i18n/${lang}/ (written by scripts/build.mjs).\n` +
        `(globalThis.__attentionPoolingLabCatalogs ??= {})[${JSON.stringify(lang)}] = ${JSON.stringify(shown)};\n`,
    );
  }
}

/**
 * The page's bundles get the core from web/core-source.js (core.wasm beside the script, streamed;
 * the embedded copy from file://) instead of the package's own #core-source.
 */
const webCoreSource = {
  name: 'web-core-source',
  setup(build) {
    build.onResolve({ filter: /^#core-source$/ }, () => ({ path: path.join(root, 'web', 'core-source.js') }));
  },
};

/**
 * core.wasm for http(s), and core-embedded.js, the same bytes as base64 in a classic script that
 * web/core-source.js loads only from file:// (where browsers refuse fetch and workers).
 */
function writeCore(out) {
  const binary = readFileSync(path.join(root, 'wasm', 'gen', 'core.wasm'));
  writeFileSync(path.join(out, 'core.wasm'), binary);
  writeFileSync(
    path.join(out, 'core-embedded.js'),
    `// core.wasm as base64, for pages opened from file:// only (written by scripts/build.mjs).\n` +
      `globalThis.__attentionPoolingLabCore = '${binary.toString('base64')}';\n`,
  );
}

/**
 * The static site. app.js: the page, a classic script so it also runs from file://. worker.js: the
 * lab in a Web Worker. core-start.js: starts the core's download before app.js has arrived. attention-pooling-lab.js: the <attention-pooling-lab> element, an ES module
 * for course pages. core.wasm and core-embedded.js: the core (see writeCore). APL_DIST names
 * another output folder (parallel work builds side by side).
 */
export async function buildWeb() {
  const { build } = await import('esbuild');
  const out = path.resolve(root, process.env.APL_DIST ?? 'dist');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await build({
    entryPoints: {
      app: path.join(root, 'web', 'main.js'),
      worker: path.join(root, 'web', 'compute', 'worker.js'),
      'core-start': path.join(root, 'web', 'core-start.js'),
    },
    bundle: true,
    format: 'iife',
    minify: true,
    sourcemap: true,
    target: ['es2020'],
    outdir: out,
    logLevel: 'warning',
    // The WASM glue reads import.meta.url only to name a .wasm file it never fetches (the JS API
    // instantiates the core itself); in a classic script the page's own URL stands in.
    define: { 'import.meta.url': 'self.location.href' },
    loader: { '.html': 'text' },
    plugins: [webCoreSource, i18nCatalogs('page'), typesetAtBuild],
  });
  const { languages, pageFile } = await import('../web/i18n.js');
  await build({
    entryPoints: { lang: path.join(root, 'web', 'lang-redirect.js') },
    bundle: true,
    format: 'iife',
    minify: true,
    target: ['es2020'],
    outdir: out,
    logLevel: 'warning',
    define: { __APL_PAGES__: JSON.stringify(Object.fromEntries(languages().map((code) => [code, pageFile(code)]))) },
  });
  await build({
    entryPoints: { 'attention-pooling-lab': path.join(root, 'web', 'element.js') },
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: ['es2020'],
    outdir: out,
    logLevel: 'warning',
    loader: { '.html': 'text', '.css': 'text' },
    plugins: [webCoreSource, i18nCatalogs('all'), typesetAtBuild],
  });
  writeCore(out);
  writeCatalogs(out);
  for (const lang of languages()) writeFileSync(path.join(out, pageFile(lang)), await composeIndex(lang));
  cpSync(path.join(root, 'web', 'style.css'), path.join(out, 'style.css'));
  cpSync(path.join(root, 'examples'), path.join(out, 'examples'), { recursive: true });
  const katex = path.join(root, 'node_modules', 'katex', 'dist');
  cpSync(path.join(katex, 'katex.min.css'), path.join(out, 'katex', 'katex.min.css'));
  cpSync(path.join(katex, 'fonts'), path.join(out, 'katex', 'fonts'), { recursive: true });
  return out;
}

export async function buildAll({ native = false, sanitize = true } = {}) {
  ensure();
  if (native) buildNative({ sanitize });
  buildWasm();
  return buildWeb();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // `node scripts/build.mjs` builds the WASM module and the page; with a target, only that piece
  // (`web`: the page, with the WASM module as it is; `wasm`; `native`: the sanitized core tests).
  const targets = {
    all: async () => `${path.relative(root, await buildAll())}/`,
    web: async () => `${path.relative(root, await buildWeb())}/`,
    wasm: async () => {
      ensure();
      buildWasm();
      return 'wasm/gen/core.mjs';
    },
    native: async () => {
      ensure();
      return path.relative(root, buildNative());
    },
  };
  const target = process.argv[2] ?? 'all';
  if (!(target in targets)) {
    console.error(`scripts/build.mjs: unknown target '${target}'; accepted: ${Object.keys(targets).join(', ')}`);
    process.exit(2);
  }
  console.log(`Built ${await targets[target]()}`);
}
