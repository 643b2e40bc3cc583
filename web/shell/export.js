// Export: every figure as PNG (its SVG and canvas layers drawn onto one canvas, CSS colours
// resolved) and the exercise's current numbers as CSV, both as Blob downloads (CSP-safe: no data
// URLs in scripts, no eval; blob: images are allowed by the page's policy).
import { t } from '../i18n.js';

const PLOT_STYLE = ['fill', 'fill-opacity', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'opacity',
  'font-family', 'font-size', 'font-weight', 'text-anchor', 'dominant-baseline', 'display', 'visibility'];

/** Starts a download of `blob` named `filename`. */
export function download(blob, filename) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** CSV text of named columns (numbers written with full precision; NaN as 'NaN'). */
export function toCsv(columns, rows) {
  const cell = (v) => (typeof v === 'number' ? (Number.isNaN(v) ? 'NaN' : String(v)) : `"${String(v).replace(/"/g, '""')}"`);
  return `${columns.map(cell).join(',')}\n${rows.map((r) => r.map(cell).join(',')).join('\n')}\n`;
}

/** An SVG element as a standalone image: computed styles copied onto a clone (CSS variables resolved). */
function svgImage(svg) {
  const clone = svg.cloneNode(true);
  const src = [svg, ...svg.querySelectorAll('*')];
  const dst = [clone, ...clone.querySelectorAll('*')];
  src.forEach((el, i) => {
    const cs = getComputedStyle(el);
    dst[i].setAttribute('style', PLOT_STYLE.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';'));
  });
  const box = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(box.width));
  clone.setAttribute('height', String(box.height));
  const blob = new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' });
  const url = URL.createObjectURL(blob);
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => { URL.revokeObjectURL(url); resolve(img); };
    img.onerror = () => { URL.revokeObjectURL(url); reject(new Error(t('shell.export.drawFailed'))); };
    img.src = url;
  });
}

/** The figure's plot (SVG and canvas layers in document order, figcaption left out) as a PNG Blob. */
export async function figureToPng(figure, scale = 2) {
  const layers = [...figure.querySelectorAll('svg, canvas')].filter((el) => !el.closest('figcaption, .export, details'));
  const origin = figure.getBoundingClientRect();
  let right = 0;
  let bottom = 0;
  for (const el of layers) {
    const r = el.getBoundingClientRect();
    right = Math.max(right, r.right - origin.left);
    bottom = Math.max(bottom, r.bottom - origin.top);
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(right * scale));
  canvas.height = Math.max(1, Math.round(bottom * scale));
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = getComputedStyle(figure.closest('section') ?? document.body).getPropertyValue('--bg').trim() || '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  for (const el of layers) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const source = el.tagName.toLowerCase() === 'canvas' ? el : await svgImage(el);
    ctx.drawImage(source, r.left - origin.left, r.top - origin.top, r.width, r.height);
  }
  return new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
}

/**
 * A figure's short name for its PNG button: 'shell.figure.<data-plot>' in the catalog, else the
 * data-plot name itself (a plot added without a catalog entry still exports; the page-wide
 * language test, tests/browser/i18n.test.mjs, then reports its untranslated button).
 */
function figureName(figure) {
  const name = figure.dataset.plot;
  try {
    return t(`shell.figure.${name}`);
  } catch {
    return name;
  }
}

/**
 * Adds an "Export" bar under the exercise's plots: a PNG button per figure ([data-plot]) and a
 * CSV button per table the widget offers.
 * @param {HTMLElement} section
 * @param {{ csv?: Array<{ label: string, filename: string, table: () => { columns: string[], rows: Array<Array<number|string>> } }> }} options
 *   table() is called at click time and returns the current numbers (from the API), e.g. the
 *   training data, the predictions at the queries, the attention or trained weights.
 */
export function addExport(section, { csv = [] } = {}) {
  const bar = document.createElement('div');
  bar.className = 'export buttons';
  bar.dataset.shell = 'export';
  bar.setAttribute('role', 'group');
  bar.setAttribute('aria-label', t('shell.export.label'));
  const title = document.createElement('span');
  title.className = 'export-title';
  title.textContent = t('shell.export.title');
  bar.append(title);
  const add = (label, aria, onClick) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.title = aria; // the accessible name stays the visible text (WCAG 2.5.3); the title describes it
    b.addEventListener('click', onClick);
    bar.append(b);
    return b;
  };
  for (const figure of section.querySelectorAll('figure[data-plot]')) {
    const name = figure.dataset.plot;
    const caption = figure.querySelector('figcaption')?.textContent.trim() ?? name;
    const b = add(t('shell.export.png', { name: figureName(figure) }), t('shell.export.pngTitle', { caption }), async () => {
      b.disabled = true;
      try {
        download(await figureToPng(figure), `${section.id}-${name}.png`);
      } finally {
        b.disabled = false;
      }
    });
    b.dataset.export = `png:${name}`;
  }
  for (const { label, filename, table } of csv) {
    const b = add(t('shell.export.csv', { label }), t('shell.export.csvTitle', { label }), () => {
      const { columns, rows } = table();
      download(new Blob([toCsv(columns, rows)], { type: 'text/csv' }), filename);
    });
    b.dataset.export = `csv:${filename}`;
  }
  const plots = [...section.querySelectorAll('.plots')].pop();
  if (plots) plots.after(bar);
  else section.append(bar);
  return { element: bar };
}
