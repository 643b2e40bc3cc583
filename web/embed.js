// What every exercise shares once mounted: hiding controls on request (embeds), and an "Embed this
// exercise" panel that gives both embed snippets (iframe; script + element) for the current state.
import { language, pageFile, t } from './i18n.js';

/**
 * Hides the controls and plots named in `names` (their data-control / data-plot names), or all
 * controls with 'controls', or the share panel with 'share'.
 */
export function applyHide(section, names) {
  for (const name of names) {
    const selector =
      name === 'controls' ? '[data-controls]' : name === 'share' ? '.share' : `[data-control="${CSS.escape(name)}"], [data-plot="${CSS.escape(name)}"]`;
    for (const el of section.querySelectorAll(selector)) el.hidden = true;
  }
}

/** The standalone page this script belongs to (the folder of index.html / app.js). */
function pageBase(section) {
  return section.labStateSource?.base ?? new URL('.', window.location.href).href;
}

/**
 * A copy on this computer (file://, localhost): course pages cannot reach it, so the panel asks
 * for the address of a hosted copy, remembered in this browser under BASE_KEY.
 */
export function isLocal(url) {
  const u = new URL(url);
  return u.protocol === 'file:' || u.hostname === 'localhost' || u.hostname.endsWith('.localhost') ||
    u.hostname === '[::1]' || /^127(\.\d+){3}$/.test(u.hostname);
}
const BASE_KEY = 'attention-pooling-lab:embed-base:v1';
let baseInMemory = ''; // where storage is refused, the typed address lasts for the visit
function savedBase() {
  try {
    return window.localStorage.getItem(BASE_KEY) ?? baseInMemory;
  } catch {
    return baseInMemory;
  }
}
function saveBase(value) {
  baseInMemory = value;
  try {
    if (value) window.localStorage.setItem(BASE_KEY, value);
    else window.localStorage.removeItem(BASE_KEY);
  } catch {
    // refused: kept in memory only
  }
}

/**
 * The folder URL of a hosted copy from what an instructor typed ('' → null), or an Error naming
 * the field and what it accepts.
 */
export function parseBase(text) {
  const value = text.trim();
  if (!value) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || !['https:', 'http:'].includes(url.protocol)) {
    return new Error(t('embed.badBase', { value }));
  }
  if (url.pathname.endsWith('/index.html')) url.pathname = url.pathname.slice(0, -'index.html'.length);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.href;
}

/**
 * The height an iframe of this exercise needs, measured now on the page: the section (without the
 * open embed panel, closed in the embed) and the status line above it, with room for a narrower
 * column. It is written into the snippet for course platforms that strip the resizing script.
 */
export function measuredHeight(section) {
  const panel = section.querySelector(':scope > details.share');
  let height = section.getBoundingClientRect().height;
  if (panel?.open) height -= panel.getBoundingClientRect().height - panel.querySelector('summary').getBoundingClientRect().height;
  const status = document.getElementById('lab-status');
  let above = 56;
  if (status) {
    const style = getComputedStyle(status);
    above = status.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  }
  return Math.max(400, Math.ceil(((height + above) * 1.1) / 10) * 10);
}

/**
 * Both embed snippets for the exercise's current state. `base`: the folder of a hosted copy (else
 * the address this page runs from).
 */
export function embedSnippets(section, hidden = [], { base: hosted = null } = {}) {
  const state = section.labState;
  const base = new URL('.', hosted ?? pageBase(section)).href;
  const title = section.querySelector('h2')?.textContent.trim() ?? section.id;
  // Both snippets name the language they were copied in: the iframe's page and ?lang=, the
  // element's lang attribute.
  const page = new URL(pageFile(), base);
  page.searchParams.set('exercise', section.id);
  page.searchParams.set('lang', language());
  for (const [name, value] of state?.params() ?? []) page.searchParams.set(name, value);
  if (hidden.length) page.searchParams.set('hide', hidden.join(','));
  // Where the embed's own script cannot run (a sandbox without allow-scripts), the page opens at
  // the exercise all the same.
  page.hash = section.id;
  const plain = new URLSearchParams();
  for (const [name, value] of state?.params() ?? []) plain.set(name.slice(section.id.length + 1), value);
  const iframe =
    `<iframe src="${page.href}" title="${escapeAttribute(t('embed.iframeTitle', { title }))}" style="width:100%;height:${measuredHeight(section)}px;border:0" data-attention-pooling-lab></iframe>\n` +
    // The listener of examples/course-page.js: the frame's own window and origin only, height clamped.
    `<script>addEventListener('message',e=>{const h=Number(e.data&&e.data.type==='attention-pooling-lab:height'&&e.data.height);if(!(h>=0))return;` +
    `for(const f of document.querySelectorAll('iframe[data-attention-pooling-lab]'))if(f.contentWindow===e.source&&e.origin===new URL(f.src,location.href).origin)f.style.height=Math.min(h,20000)+'px'})</script>`;
  const attrs = [`exercise="${section.id}"`, `lang="${language()}"`];
  if ([...plain].length) attrs.push(`state="${plain.toString().replace(/&/g, '&amp;')}"`);
  if (hidden.length) attrs.push(`hide="${hidden.join(',')}"`);
  // The element's text shows only while its script has not run: where it never does (a page
  // opened from a file, whose browser refuses module scripts) it says what to do instead.
  const element =
    `<script type="module" src="${new URL('attention-pooling-lab.js', base).href}"></script>\n` +
    `<attention-pooling-lab ${attrs.join(' ')}>${escapeText(fallback())}</attention-pooling-lab>`;
  return { link: hosted ? page.href.replace(/#.*$/, '') : state?.link({ share: true }) ?? page.href, iframe, element };
}

/** The element's fallback text (see embedSnippets), in the language of the snippet. */
export const fallback = () => t('embed.fallback');

const escapeText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const escapeAttribute = (s) => escapeText(s).replace(/"/g, '&quot;');

/** `name`: the button's data-control, language-neutral (tests and ?hide= use it). */
function copyButton(text, name, get) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset.control = name;
  b.dataset.action = name;
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(get());
      b.textContent = t('embed.copied');
    } catch {
      b.textContent = t('embed.copyBlocked');
    }
    setTimeout(() => (b.textContent = text), 1500);
  });
  return b;
}

/** What a control is called on screen (its label or button text), for the hide list; '' if nothing names it. */
function controlText(el) {
  const label = el.matches('button') ? el : el.labels?.[0] ?? el.querySelector('label, button, legend');
  return label?.textContent.trim() ?? '';
}

/** Adds the "Embed this exercise" panel at the end of the section. */
export function addSharePanel(section) {
  const panel = document.createElement('details');
  panel.className = 'share';
  // The catalog's words go in as text (escaped): no markup comes from messages here.
  const w = (key) => escapeText(t(key));
  panel.innerHTML = `<summary>${w('embed.summary')}</summary>
    <p>${w('embed.intro')}</p>
    <div class="embed-hosted" hidden>
      <p>${w('embed.localCopy')}</p>
      <label>${w('embed.baseLabel')} <input type="url" data-embed-base placeholder="https://you.github.io/attention-pooling-lab/" spellcheck="false"></label>
      <p class="embed-base-error" data-embed-base-error hidden></p>
    </div>
    <fieldset class="hide-list"><legend>${w('embed.hideLegend')}</legend></fieldset>
    <label class="snippet">${w('embed.iframeLabel')}<textarea readonly rows="4" data-snippet="iframe"></textarea></label>
    <label class="snippet">${w('embed.elementLabel')}<textarea readonly rows="3" data-snippet="element"></textarea></label>
    <div class="buttons"></div>`;
  const hideList = panel.querySelector('.hide-list');
  const hostedBox = panel.querySelector('.embed-hosted');
  const baseInput = panel.querySelector('[data-embed-base]');
  const baseError = panel.querySelector('[data-embed-base-error]');
  const local = isLocal(pageBase(section));
  hostedBox.hidden = !local;
  const hostedBase = () => {
    if (!local) return null;
    const parsed = parseBase(baseInput.value);
    const bad = parsed instanceof Error;
    baseError.hidden = !bad;
    baseError.textContent = bad ? parsed.message : '';
    baseInput.setAttribute('aria-invalid', String(bad));
    return bad ? null : parsed;
  };
  baseInput.addEventListener('change', () => {
    const parsed = parseBase(baseInput.value);
    if (!(parsed instanceof Error)) saveBase(parsed ?? '');
    refresh();
  });
  baseInput.addEventListener('input', () => refresh());
  const refresh = () => {
    const hidden = [...hideList.querySelectorAll('input:checked')].map((i) => i.value);
    const s = embedSnippets(section, hidden, { base: hostedBase() });
    panel.querySelector('[data-snippet="iframe"]').value = s.iframe;
    panel.querySelector('[data-snippet="element"]').value = s.element;
    return s;
  };
  panel.addEventListener('toggle', () => {
    if (!panel.open) return;
    if (local && !baseInput.value) baseInput.value = savedBase();
    hideList.replaceChildren(hideList.querySelector('legend'));
    // One checkbox per control: its label as the learner sees it, and its name, which ?hide= and
    // the element's hide attribute use, as code.
    const controls = new Map();
    for (const el of section.querySelectorAll('[data-controls] [data-control]')) if (!controls.has(el.dataset.control)) controls.set(el.dataset.control, controlText(el));
    for (const [name, text] of controls) {
      const label = document.createElement('label');
      label.innerHTML = '<input type="checkbox"> <span></span> <code></code>';
      label.querySelector('input').value = name;
      label.querySelector('span').textContent = text;
      label.querySelector('code').textContent = name;
      label.querySelector('input').addEventListener('change', refresh);
      hideList.append(label);
    }
    refresh();
  });
  panel.querySelector('.buttons').append(
    copyButton(t('embed.copyIframe'), 'copy-iframe-code', () => refresh().iframe),
    copyButton(t('embed.copyElement'), 'copy-element-code', () => refresh().element),
  );
  section.append(panel);
}
