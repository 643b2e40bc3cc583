// The lab in Chinese, page-wide (issue #15): no Latin-script prose on index.zh.html outside math,
// code and a short list of names; every exercise laid out at 1440 and 390 px without horizontal
// overflow or clipped labels (screenshots in test-output/screenshots/zh-<id>-<width>.png); the axe
// check in Chinese; switching language keeps the exercise's state and the solved tasks; ?lang=,
// the remembered choice and the browser's language pick the page; the element's lang attribute
// and the embed snippets carry the language. Chinese sentences are compared with the catalog
// (t(key, params, 'zh') from web/i18n.js), never with copies of them.
import test, { after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { outputDir, useBrowser } from './browser.mjs';
import { t } from '../../web/i18n.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const env = useBrowser();
/** The exercises in page order (web/exercises/index.json, as the build reads it). */
const IDS = JSON.parse(readFileSync(new URL('../../web/exercises/index.json', import.meta.url), 'utf8'));

/**
 * Latin prose, precisely: a token (a run of Latin letters, digits and . _ ' ’ / : + - joined) that
 * holds two Latin letters in a row, in a visible text node outside math (.katex), code (pre,
 * code, textarea) and elements in another language (lang="en": the language switch's "English"),
 * unless it is
 * - a name kept in Chinese text: the issue's (d2l, PyTorch, Nadaraya–Watson, Lenrek, CSV, PNG),
 *   the kernels', methods' and authors' (Epanechnikov, d2l's "Epanechikov", Minkowski, Parzen,
 *   Adam, softmax, Transformer, Stone) and the platform's (WebAssembly, JavaScript, README,
 *   iframe, NaN);
 * - a function of a formula written in text (exp, log, sin, cos) or a unit (kB, MB);
 * - an address or a file name (holds :// or ends in a file extension).
 * Single letters (x, y, q, k, w, h, n, p, σ), x1-style names and letters with a modifier letter
 * (kᵢ, qᵀk: ᵢ and ᵀ are not counted) have no two letters in a row.
 */
const ALLOWED = [
  'd2l', 'd2l.ai', 'PyTorch', 'Nadaraya', 'Watson', 'Nadaraya-Watson', 'Lenrek', 'CSV', 'PNG',
  'Epanechnikov', 'Epanechikov', 'Minkowski', 'Parzen', 'Adam', 'softmax', 'Transformer', 'Stone',
  'WebAssembly', 'JavaScript', 'README', 'iframe', 'NaN', 'exp', 'log', 'sin', 'cos', 'kB', 'MB',
];

/**
 * Runs in the page: every offender under the elements matching `scope` (default: the body), but
 * not inside `exclude`, as { where, element, text, words }.
 */
function findLatinProse({ allowed, scope, exclude }) {
  const ok = new Set(allowed);
  const exerciseOf = (el) => el.closest('main > section')?.id ?? 'page';
  const describe = (el) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}>`;
  const prose = (token) => {
    const bare = token.replace(/[.:'’/+-]+$/, '').replace(/^['’]+/, '');
    if (!/[\p{Script=Latin}--\p{Lm}]{2}/v.test(bare)) return false;
    if (ok.has(bare)) return false;
    if (bare.includes('://') || /\.(csv|png|html|js|md|io|txt|tsv)$/i.test(bare)) return false;
    return true;
  };
  const out = [];
  const roots = scope ? [...document.querySelectorAll(scope)] : [document.body];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || el.closest('.katex, pre, code, textarea, script, style, noscript, [lang]:not([lang^="zh"])')) continue;
      if (exclude && el.closest(exclude)) continue;
      if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: false })) continue;
      const tokens = node.textContent.match(/[\p{Script=Latin}0-9][\p{Script=Latin}0-9._'’/:+-]*/gu) ?? [];
      const bad = tokens.filter(prose);
      if (bad.length) out.push({ where: exerciseOf(el), element: describe(el), text: node.textContent.trim().slice(0, 160), words: bad.join(' ') });
    }
  }
  return out;
}

const report = (offenders) => offenders.map((o) => `${o.where}: ${o.element} [${o.words}] “${o.text}”`);

/** Lays out every exercise (content-visibility: auto skips those off screen) and opens every disclosure. */
async function renderAll(page, { open = false } = {}) {
  await page.evaluate((openAll) => {
    for (const s of document.querySelectorAll('main > .exercise')) s.style.contentVisibility = 'visible';
    if (openAll) for (const d of document.querySelectorAll('details')) d.open = true;
  }, open);
  // Opened disclosures generate their content (Show the code) on toggle: one frame for it.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function openZh(width) {
  const page = await env.browser.newPage({ viewport: { width, height: 900 }, locale: 'en-US' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${env.url}index.zh.html`);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
  return { page, errors };
}

/** Runs in the page: horizontal overflow and clipped labels, each as a line naming the element. */
function findLayoutFaults() {
  const W = document.documentElement.clientWidth;
  const faults = [];
  const name = (el) => `${el.closest('main > section')?.id ?? 'page'}: <${el.tagName.toLowerCase()}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}> “${(el.textContent ?? '').trim().slice(0, 40)}”`;
  const doc = document.documentElement;
  if (doc.scrollWidth > W) faults.push(`page: document is ${doc.scrollWidth} px wide in a ${W} px viewport`);
  // Every element's box lies within the viewport, but for what is inside a horizontally scrolling
  // or clipping box (a code block, a wide table, a display equation fitted to scroll: that box
  // handles it), inside an svg (checked below) or deliberately off screen (skip link, hidden text).
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT, {
    acceptNode(el) {
      if (el.matches('.skip-link, .visually-hidden, script, style') || !el.checkVisibility()) return NodeFilter.FILTER_REJECT;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && (r.right > W + 1 || r.left < -1)) faults.push(`${name(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} px of ${W}`);
      if (el.matches('svg, canvas, .katex') || getComputedStyle(el).overflowX !== 'visible') return NodeFilter.FILTER_REJECT;
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  while (walker.nextNode());
  // Labels, buttons, legends: their text fits their box (scrolled or hidden text is clipped).
  for (const el of document.querySelectorAll('label, button, legend, summary, .export-title, .toc-title, th, figcaption')) {
    if (!el.checkVisibility() || el.closest('.visually-hidden')) continue;
    if (el.scrollWidth > el.clientWidth + 1) faults.push(`${name(el)} needs ${el.scrollWidth} px, has ${el.clientWidth}`);
  }
  // SVG text stays inside what shows it: its svg's box where the svg clips (overflow hidden, the
  // default), else the viewport.
  for (const text of document.querySelectorAll('svg text')) {
    if (!text.checkVisibility() || !text.textContent.trim() || text.closest('.katex')) continue;
    const svg = text.ownerSVGElement;
    const s = getComputedStyle(svg).overflow === 'visible' ? { left: 0, right: W, top: -Infinity, bottom: Infinity } : svg.getBoundingClientRect();
    const r = text.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue; // not drawn (an empty or collapsed label)
    if (r.left < s.left - 1 || r.right > s.right + 1 || r.top < s.top - 1 || r.bottom > s.bottom + 1) {
      faults.push(`${name(text)} in its svg: text ${Math.round(r.left)}–${Math.round(r.right)} × ${Math.round(r.top)}–${Math.round(r.bottom)}, svg ${Math.round(s.left)}–${Math.round(s.right)} × ${Math.round(s.top)}–${Math.round(s.bottom)}`);
    }
  }
  return faults;
}

/**
 * Each exercise's screenshot at this width, then the layout faults of the whole page. Captured
 * through the DevTools protocol (a clip of the page, beyond the viewport, fast PNG encoding): half
 * the time of Playwright's element screenshots, which matters for twenty tall images.
 */
async function layoutAt(page, width) {
  await renderAll(page);
  mkdirSync(outputDir, { recursive: true });
  const cdp = await page.context().newCDPSession(page);
  for (const id of IDS) {
    const clip = await page.evaluate((i) => {
      const r = document.getElementById(i).getBoundingClientRect();
      return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height, scale: 1 };
    }, id);
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', clip, captureBeyondViewport: true, optimizeForSpeed: true });
    writeFileSync(path.join(outputDir, `zh-${id}-${width}.png`), Buffer.from(data, 'base64'));
  }
  await cdp.detach();
  return page.evaluate(findLayoutFaults);
}

/** One Chinese page at 1440 px for the tests that read it (opened by the first that needs it). */
let wideOpening;
const wideZh = () => (wideOpening ??= openZh(1440));
after(async () => (await wideOpening)?.page.close());

test('the Chinese page: <html lang>, the status and the contents come from the zh catalog', async () => {
  const { page } = await wideZh();
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.textContent('#lab-status'), t('common.ready', undefined, 'zh'));
  const total = Number(await page.getAttribute('[data-progress-overall]', 'data-total'));
  assert.equal(await page.textContent('[data-progress-overall]'), t('nav.overallSolved', { solved: 0, total }, 'zh'));
  assert.equal(await page.textContent('#kernel-regression .try-this h3'), t('shell.tryThis.heading', undefined, 'zh'));
});

test('layout at 1440 px: every exercise in Chinese without horizontal overflow or clipped labels (screenshots)', async () => {
  const faults = await layoutAt((await wideZh()).page, 1440);
  assert.deepEqual(faults, [], faults.join('\n'));
});

test('axe-core on the Chinese page: no serious or critical violation', async () => {
  const { page } = await wideZh();
  await renderAll(page);
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0].target.join(' ')}`), []);
});

test('the Latin-prose detector finds a deliberately untranslated string and passes names, math and code', async () => {
  const { page } = await wideZh();
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'detector-probe';
    box.innerHTML = '<p>这是 d2l 的 PyTorch 代码，导出 CSV 和 PNG；Nadaraya–Watson 核回归，Epanechnikov 核，σ = 0.5，x1, x2，kᵢ，qᵀk/σ²，16.0 MB。</p>' +
      '<p><code>torch.softmax(x, dim=0)</code> <span class="katex">\\exp(-u^2)</span></p><p lang="en">English</p>' +
      '<p>核宽度 Kernel width</p><p hidden>hidden words</p>';
    document.querySelector('main').append(box);
  });
  const found = await page.evaluate(findLatinProse, { allowed: ALLOWED, scope: '#detector-probe' });
  await page.evaluate(() => document.getElementById('detector-probe').remove());
  assert.deepEqual(found.map((o) => o.words), ['Kernel width']);
});

test('the layout checks find a deliberately wide box, a clipped button and SVG text outside its svg', async () => {
  const { page } = await wideZh();
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'layout-probe';
    box.innerHTML = '<div style="width: 3000px; height: 4px"></div>' +
      '<button type="button" style="width: 40px; overflow: hidden; white-space: nowrap">一个很长很长的按钮文字</button>' +
      '<svg width="100" height="40" style="overflow: hidden"><text x="90" y="20">很长的坐标轴标签</text></svg>';
    document.querySelector('main').append(box);
  });
  const faults = await page.evaluate(findLayoutFaults);
  await page.evaluate(() => document.getElementById('layout-probe').remove());
  assert.ok(faults.some((f) => /document is \d+ px wide/.test(f)), faults.join('\n'));
  assert.ok(faults.some((f) => /<div> .* spans \d+–3\d{3} px/.test(f)), faults.join('\n'));
  assert.ok(faults.some((f) => /<button> “一个很长很长的按钮文字” needs \d+ px, has \d+/.test(f)), faults.join('\n'));
  assert.ok(faults.some((f) => /<text> “很长的坐标轴标签” in its svg/.test(f)), faults.join('\n'));
});

test('no Latin prose in the page\'s own words (header, contents, footer) and the shell of every exercise, details open', async () => {
  const { page } = await wideZh();
  await renderAll(page, { open: true });
  const shell = await page.evaluate(findLatinProse, {
    allowed: ALLOWED,
    scope: 'header, nav.toc, footer, .try-this > h3, .try-this-progress, .task-status, .try-this summary, .own-data > summary, .own-data label, .own-data .buttons, main > section:not(#more-data) .own-data-help, .own-data-note, .show-code > summary, .show-code .buttons, .export-title, details.share > :not(.hide-list), .share .hide-list legend',
    // The exercises' titles (in the contents and the intro's links) are their templates' words,
    // checked with the exercises below; so is more-data's own sentence after its own-data help.
    exclude: '.toc-title, header a[href^="#"]',
  });
  assert.deepEqual(report(shell), []);
});

test('own data in Chinese: a malformed CSV is refused with the catalog\'s sentence, a valid one is used', async () => {
  const { page } = await wideZh();
  const S = '#kernel-regression';
  const zh = (key, params) => t(key, params, 'zh');
  const use = async (text) => {
    await page.evaluate(([s, value]) => {
      document.querySelector(`${s} .own-data`).open = true;
      document.querySelector(`${s} .own-data textarea`).value = value;
    }, [S, text]);
    await page.click(`${S} .own-data [data-action="use-data"]`);
    return page.textContent(`${S} .own-data-status`);
  };
  const badField = zh('shell.csv.badField', { name: 'y', column: 2, why: 'text', value: 'abc' });
  assert.equal(await use('x,y\n1,2\n3,abc\n'), zh('shell.ownData.notLoaded', { reason: zh('shell.csv.atLine', { line: 3, message: badField }) }));
  assert.equal(await use('x,y\n0.5,1\n1.5,2\n2.5,1.5\n'), zh('shell.ownData.using', { n: 3, source: zh('shell.ownData.pasted') }));
  await page.click(`${S} .own-data [data-action="generated-data"]`);
  assert.equal(await page.textContent(`${S} .own-data-status`), zh('shell.ownData.usingGenerated'));
});

test('no Latin prose in any of the ten exercises in Chinese (details open)', async () => {
  const { page } = await wideZh();
  await renderAll(page, { open: true });
  const all = await page.evaluate(findLatinProse, { allowed: ALLOWED, scope: null });
  const byExercise = report(all);
  if (byExercise.length) console.log(`Latin prose on index.zh.html (${byExercise.length} text nodes):\n${byExercise.join('\n')}`);
  assert.deepEqual(byExercise, []);
});

test('layout at 390 px: every exercise in Chinese without horizontal overflow or clipped labels (screenshots), also with every disclosure open', async () => {
  const { page } = await openZh(390);
  const faults = await layoutAt(page, 390);
  // Open: hints, own data, the code, the data tables, the embed panel (its hide list included).
  await renderAll(page, { open: true });
  // The embed panel fills its hide list on toggle (an event the browser fires a task later): now.
  await page.evaluate(() => { for (const d of document.querySelectorAll('details.share')) d.dispatchEvent(new Event('toggle')); });
  const open = await page.evaluate(findLayoutFaults);
  await page.close();
  assert.deepEqual(faults, [], faults.join('\n'));
  assert.deepEqual(open, [], open.join('\n'));
});

test('switching language keeps the exercise state and the solved tasks', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${env.url}index.html`);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
  const S = '#kernel-regression';
  const task = `${S} li[data-task="undefined"]`;
  assert.equal(await page.getAttribute(task, 'data-solved'), 'false');
  // Solve "undefined" as its hint says: a kernel that is 0 beyond the width, and a small width.
  await page.selectOption(`${S} [data-control="kernel"] select`, 'boxcar');
  const width = page.locator(`${S} [data-control="kernel-width-h"] input`);
  await width.focus();
  await page.keyboard.press('Home');
  await page.waitForSelector(`${task}[data-solved="true"]`);
  const before = { value: await width.inputValue(), shown: await page.textContent(`${S} [data-control="kernel-width-h"] output`) };
  const total = Number(await page.getAttribute('[data-progress-overall]', 'data-total'));
  const exerciseTotal = Number(await page.getAttribute(`[data-toc-count="kernel-regression"]`, 'data-total'));
  // The address holds the state (written as the learner moves): the switch carries it over.
  await page.waitForFunction(() => window.location.search.includes('kernel-regression.kernel=boxcar'));
  await Promise.all([page.waitForURL(/index\.zh\.html/), page.click('.language-switch a[data-language="zh"]')]);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
  assert.equal(await page.inputValue(`${S} [data-control="kernel"] select`), 'boxcar');
  assert.equal(await width.inputValue(), before.value);
  assert.equal(await page.textContent(`${S} [data-control="kernel-width-h"] output`), before.shown);
  assert.equal(await page.getAttribute(task, 'data-solved'), 'true');
  assert.equal(await page.textContent(`${task} .task-status`), t('shell.tryThis.solved', undefined, 'zh'));
  assert.equal(await page.textContent('[data-toc-count="kernel-regression"]'), t('nav.countSolved', { solved: 1, total: exerciseTotal }, 'zh'));
  assert.equal(await page.textContent('[data-progress-overall]'), t('nav.overallSolved', { solved: 1, total }, 'zh'));
  // And back: still the same state, in English.
  await Promise.all([page.waitForURL(/\/index\.html/), page.click('.language-switch a[data-language="en"]')]);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
  assert.equal(await width.inputValue(), before.value);
  assert.equal(await page.getAttribute(task, 'data-solved'), 'true');
  assert.deepEqual(errors, []);
  await context.close();
});

test('?lang=, the remembered choice and the browser\'s language pick the page; an unknown ?lang= is not guessed at', async () => {
  const visit = async (context, url) => {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector('#lab-status[data-state]:not([data-state="loading"])', { timeout: 60000 });
    const out = { path: new URL(page.url()).pathname, lang: await page.getAttribute('html', 'lang'), status: await page.textContent('#lab-status') };
    await page.close();
    return out;
  };
  // ?lang=zh on index.html lands on the Chinese page, and a later plain visit goes there too.
  const english = await env.browser.newContext({ locale: 'en-US' });
  assert.deepEqual((({ path: p, lang }) => ({ p, lang }))(await visit(english, `${env.url}index.html?lang=zh&exercise=kernels`)), { p: '/index.zh.html', lang: 'zh-CN' });
  assert.equal((await visit(english, `${env.url}index.html?exercise=kernels`)).path, '/index.zh.html');
  await english.close();
  // A first visit: the browser's language decides.
  const chinese = await env.browser.newContext({ locale: 'zh-CN' });
  assert.equal((await visit(chinese, `${env.url}index.html?exercise=kernels`)).path, '/index.zh.html');
  await chinese.close();
  const fresh = await env.browser.newContext({ locale: 'en-US' });
  const plain = await visit(fresh, `${env.url}index.html?exercise=kernels`);
  assert.deepEqual([plain.path, plain.lang], ['/index.html', 'en']);
  // ?lang=xx: the page stays as it is and says so.
  const unknown = await visit(fresh, `${env.url}index.html?lang=xx&exercise=kernels`);
  assert.equal(unknown.path, '/index.html');
  assert.ok(unknown.status.includes(t('common.unknownLanguage', { asked: 'xx', accepted: 'en, zh', current: 'en' }, 'en')), unknown.status);
  await fresh.close();
});

test('the element with lang="zh" speaks Chinese; the iframe snippet and the copied link carry lang', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'en-US' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.route(`${env.url}bare-zh.html`, (route) => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html lang="en"><head><title>zh</title><link rel="icon" href="data:,">
      <script type="module" src="attention-pooling-lab.js"></script></head><body>
      <attention-pooling-lab id="a" exercise="kernel-regression" lang="zh"></attention-pooling-lab></body></html>`,
  }));
  await page.goto(`${env.url}bare-zh.html`);
  const lab = page.locator('#a');
  await page.waitForFunction(() => document.querySelector('#a').shadowRoot?.querySelector('.try-this h3'));
  assert.equal(await lab.locator('.try-this h3').textContent(), t('shell.tryThis.heading', undefined, 'zh'));
  assert.equal(await lab.locator('.show-code > summary').textContent(), t('shell.showCode.summary', undefined, 'zh'));
  assert.equal(await lab.locator('details.share > summary').textContent(), t('embed.summary', undefined, 'zh'));
  await page.close();

  const { page: zh } = await wideZh();
  const S = '#kernel-regression';
  await zh.evaluate((s) => { document.querySelector(`${s} details.share`).open = true; }, S);
  const iframe = await zh.inputValue(`${S} textarea[data-snippet="iframe"]`);
  assert.match(iframe, /src="[^"]*index\.zh\.html\?[^"]*lang=zh/);
  assert.ok(iframe.includes(`title="${t('embed.iframeTitle', { title: (await zh.textContent(`${S} h2`)).trim() }, 'zh')}"`), iframe);
  assert.match(await zh.inputValue(`${S} textarea[data-snippet="element"]`), /<attention-pooling-lab [^>]*lang="zh"/);
  await zh.click(`${S} [data-action="copy-link"]`);
  assert.match(await zh.getAttribute(`${S} [data-action="copy-link"]`, 'data-link'), /index\.zh\.html\?.*lang=zh/);
  assert.deepEqual(errors, []);
});
