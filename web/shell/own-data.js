// "Use your own data": a panel that reads CSV (pasted or from a file), has the lab validate it,
// and hands it to the widget. The widget keeps a key `own` (boolean) in its WidgetState, and its
// loadData() uses ownData.current() when that is not null. Links record that own data was in use
// but cannot carry the data itself; the panel says so.
//
// A budget: each exercise passes `maxRows`, the largest data it recomputes at interactive speed on
// the page (chosen by measurement, see its widget), which the panel states and enforces before
// parsing (a message with the rows, the limit and what to do). Degenerate data (all x equal, no
// spread in y) is loaded with a note saying what it means for the exercise; data the exercise
// cannot use (its recompute throws) is rolled back: the previous data is shown again and the
// status says so, never "Using your data".
import { button } from '../controls.js';
import { t } from '../i18n.js';
import { CsvError, LAYOUTS, MAX_BYTES, MAX_ROWS, checkWithLab, formatBytes, formatCount, orList, parseCsv } from './csv.js';

let counter = 0;

/**
 * @param {HTMLElement} section
 * @param {{
 *   lab: import('../../wasm/src/index.js').Lab,
 *   state: import('../state.js').WidgetState,   // with an `own: false` default
 *   layout?: 'x,y'|'x1,x2,y'|'x,label'|'x1,x2,label'|string[], // an array: alternatives, the column count picks (data.dim says which)
 *   minRows?: number,
 *   maxRows?: number,                           // the largest data recomputed at interactive speed here
 *   validate?: (data) => void,                  // extra API checks of the widget; throw LabError to refuse
 *   onChange: (data|null) => void,              // recompute with the new data (null: generated data)
 *   example?: string,
 * }} options
 * @returns {{ current(): null | { x: Float64Array, y: Float64Array, dim: number, n: number, name: string }, element: HTMLElement, load(text: string, name?: string): boolean }}
 */
export function addOwnData(section, { lab, state, layout = 'x,y', minRows = 1, maxRows = MAX_ROWS, validate, onChange, example }) {
  const specs = (Array.isArray(layout) ? layout : [layout]).map((name) => LAYOUTS[name]);
  const uid = `own-data-${++counter}`;
  const box = document.createElement('details');
  box.className = 'own-data';
  box.dataset.shell = 'own-data';
  box.innerHTML = `
    <summary></summary>
    <p class="own-data-help"></p>
    <label for="${uid}-text"></label>
    <textarea id="${uid}-text" rows="6" spellcheck="false"></textarea>
    <div class="own-data-file"><label for="${uid}-file"></label>
      <input type="file" id="${uid}-file" accept=".csv,.txt,.tsv,text/csv,text/plain"></div>
    <div class="buttons"></div>
    <p class="own-data-status" role="status" aria-live="polite"></p>
    <p class="own-data-note" hidden></p>`;
  box.querySelector('summary').textContent = t('shell.ownData.summary');
  box.querySelector(`label[for="${uid}-text"]`).textContent = t('shell.ownData.textLabel');
  box.querySelector(`label[for="${uid}-file"]`).textContent = t('shell.ownData.fileLabel');
  box.querySelector('.own-data-note').textContent = t('shell.ownData.linkNote');
  // The help as one message; the column names in it (what the CSV's header says) shown as code.
  const help = box.querySelector('.own-data-help');
  const mark = (i) => `\u0001${i}\u0002`;
  const message = t('shell.ownData.help', {
    layouts: orList(specs.map((s, i) => (specs.length > 1 ? t('shell.ownData.layoutDim', { columns: mark(i), dim: s.dim }) : mark(i)))),
    rows: fmtRows(maxRows),
    bytes: formatBytes(MAX_BYTES),
  });
  help.replaceChildren(...message.split(/\u0001(\d+)\u0002/).map((part, i) => {
    if (i % 2 === 0) return part;
    const code = document.createElement('code');
    code.textContent = specs[Number(part)].columns.join(', ');
    return code;
  }));
  const textarea = box.querySelector('textarea');
  textarea.placeholder = example ?? (layout === 'x,label' ? 'x,label\n0.5,-1\n1.2,1' : layout === 'x1,x2,y' ? 'x1,x2,y\n0.1,0.4,1.3\n2.2,1.0,0.7' : 'x,y\n0.3,1.1\n1.7,2.9\n3.2,2.4');
  const file = box.querySelector('input[type=file]');
  const status = box.querySelector('.own-data-status');
  const note = box.querySelector('.own-data-note');
  let data = null;

  const say = (text, isError = false) => {
    status.textContent = text;
    status.classList.toggle('error', isError);
    status.dataset.state = isError ? 'error' : 'ok';
  };

  /**
   * Parses and validates; on success switches the widget to the data, on failure keeps everything.
   * The widget's recompute with the new data may still refuse it (throw): then the previous data
   * (or the generated one) is put back and shown again, and the status says the data was not loaded.
   */
  function load(text, name = t('shell.ownData.pasted')) {
    let parsed;
    try {
      const rows = countRows(text);
      if (rows > maxRows) {
        throw new CsvError('shell.ownData.overBudget', { rows: fmtRows(rows), limit: fmtRows(maxRows), every: Math.ceil(rows / maxRows) });
      }
      parsed = parseCsv(text, layout, { maxRows });
      if (parsed.n < minRows) throw new CsvError('shell.ownData.tooFewRows', { min: minRows, n: parsed.n });
      checkWithLab(lab, parsed);
      if (parsed.dim === 1) sortByX(parsed); // d2l sorts the keys; the heatmap's columns are sorted keys
      validate?.(parsed);
    } catch (error) {
      if (error?.name !== 'CsvError' && error?.name !== 'LabError') throw error;
      // A LabError (the widget's own check) is in the API's English: the catalog wraps it.
      const reason = error.name === 'LabError' ? t('shell.ownData.labReason', { detail: error.message }) : error.message;
      say(t('shell.ownData.notLoaded', { reason }), true);
      return false;
    }
    const previous = data;
    data = { ...parsed, name };
    try {
      onChange(data);
    } catch (error) {
      // The exercise could not recompute with this data: show the previous data again.
      data = previous;
      try {
        onChange(previous);
      } catch (again) {
        console.error(again);
      }
      console.warn(`${section.id}: own data refused by the exercise:`, error);
      // The exercise's error is for programmers (English); it appears inside the translated sentence.
      say(t('shell.ownData.cannotUse', { detail: String(error?.message ?? error) }), true);
      return false;
    }
    state.set({ own: true });
    note.hidden = false;
    const remark = degenerate(parsed);
    say(t(remark ? 'shell.ownData.usingWithNote' : 'shell.ownData.using', { n: parsed.n, source: name, note: remark }));
    return true;
  }

  const buttons = box.querySelector('.buttons');
  buttons.append(
    button(t('shell.ownData.use'), () => load(textarea.value), t('shell.ownData.useTitle'), 'use-data', 'use-this-data'),
    button(t('shell.ownData.generated'), () => {
      data = null;
      state.set({ own: false });
      note.hidden = true;
      say(t('shell.ownData.usingGenerated'));
      onChange(null);
    }, '', 'generated-data', 'back-to-generated-data'),
  );
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    if (f.size > MAX_BYTES) {
      say(t('shell.ownData.notLoaded', { reason: t('shell.ownData.fileTooLarge', { file: f.name, size: formatBytes(f.size), limit: formatBytes(MAX_BYTES) }) }), true);
      file.value = '';
      return;
    }
    load(await f.text(), f.name);
    file.value = '';
  });

  if (state.get('own')) {
    // A link made with own data: the data did not travel with it.
    state.set({ own: false });
    box.open = true;
    say(t('shell.ownData.linkWasOwn'));
  }

  const anchor = section.querySelector('[data-controls]');
  if (anchor) anchor.after(box);
  else section.append(box);
  return { current: () => data, element: box, load };
}

const fmtRows = formatCount;

/**
 * The number of data rows in CSV text without parsing it (lines that are not blank or comments,
 * less a header line of no numbers): cheap enough to refuse 100,000 rows before reading them.
 */
export function countRows(text) {
  if (typeof text !== 'string') return 0;
  let rows = 0;
  let first = null;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) continue;
    if (first === null) first = t;
    rows += 1;
  }
  // A header has no number in any field (as parseCsv reads it).
  const header = first !== null && !first.split(/\s*[,;\t]\s*|\s+/).some((f) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(f));
  return header ? rows - 1 : rows;
}

/**
 * What is degenerate about loaded data, in words for the panel, or '' (nothing): every x equal
 * (per coordinate), no spread in y, or a single class. The caller's exercise has already
 * computed with it; this says what the learner sees and why.
 */
export function degenerate({ x, y, dim, n, layout }) {
  const notes = [];
  const labels = LAYOUTS[layout].columns.at(-1) === 'label';
  const constant = (get) => {
    const v0 = get(0);
    for (let i = 1; i < n; i++) if (get(i) !== v0) return false;
    return true;
  };
  if (n === 1) notes.push(t('shell.degenerate.singleRow'));
  else {
    const flat = Array.from({ length: dim }, (_, m) => constant((i) => x[i * dim + m]));
    const names = LAYOUTS[layout].columns;
    if (flat.every(Boolean)) {
      notes.push(t('shell.degenerate.sameInputs', { oneDim: dim === 1 ? 'yes' : 'no', labels: labels ? 'yes' : 'no' }));
    } else if (flat.some(Boolean)) {
      notes.push(t('shell.degenerate.sameColumn', { name: names[flat.indexOf(true)] }));
    }
    if (constant((i) => y[i])) {
      notes.push(labels ? t('shell.degenerate.oneClass', { label: String(y[0]) }) : t('shell.degenerate.constantY', { value: String(y[0]) }));
    }
  }
  return notes.join(' ');
}

/** Rows in increasing x (a stable sort of the row order; no arithmetic on the values). */
function sortByX(parsed) {
  const { x, y, lines, n } = parsed;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  parsed.x = Float64Array.from(order, (i) => x[i]);
  parsed.y = Float64Array.from(order, (i) => y[i]);
  parsed.lines = Int32Array.from(order, (i) => lines[i]);
}

/**
 * A side × side grid of 2-D query points over the box holding the points x (n × 2 row-major),
 * widened by `margin` (a fraction of each side) so that no point sits on the frame; the second
 * coordinate varies fastest, like the generated test grids (gridAxes reads it back). Layout only.
 * @returns {{ grid: Float64Array, box: { x: [number, number], y: [number, number] } }}
 */
export function queryBox(x, side = 60, margin = 0) {
  const lo = [Infinity, Infinity];
  const hi = [-Infinity, -Infinity];
  for (let i = 0; i < x.length; i++) { lo[i % 2] = Math.min(lo[i % 2], x[i]); hi[i % 2] = Math.max(hi[i % 2], x[i]); }
  for (const m of [0, 1]) {
    if (hi[m] === lo[m]) { lo[m] -= 0.5; hi[m] += 0.5; } // one distinct value: a unit-wide box around it
    const pad = margin * (hi[m] - lo[m]);
    lo[m] -= pad;
    hi[m] += pad;
  }
  const grid = new Float64Array(2 * side * side);
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      grid[2 * (i * side + j)] = lo[0] + ((hi[0] - lo[0]) * i) / (side - 1);
      grid[2 * (i * side + j) + 1] = lo[1] + ((hi[1] - lo[1]) * j) / (side - 1);
    }
  }
  return { grid, box: { x: [lo[0], hi[0]], y: [lo[1], hi[1]] } };
}

/**
 * `count` query points spread evenly over the range of the data's x, for plotting a fit (1-D).
 * Layout of the plot's query axis, like the generated data's test grid.
 */
export function queryGrid(x, count = 200) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of x) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (lo === hi || count < 2) return Float64Array.of(lo); // one query: at the smallest x
  return Float64Array.from({ length: count }, (_, i) => lo + ((hi - lo) * i) / (count - 1));
}
