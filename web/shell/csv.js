// Own data: CSV text → numbers. Input handling only (no math): split lines and fields, read each
// field as a number, and say which line is wrong and why. Whether the numbers are acceptable
// (finite, |x| ≤ 1e9) is the core's to decide: checkWithLab() passes them through the lab's API
// and turns its LabError back into a line number. Nothing is kept from a failed parse, so the
// caller's previous data stays.
// Messages: every CsvError is a message of the 'shell' catalog in the page's language (the page
// shows it as it is); tests in node read them in English, the default language.
import { htmlLang, t } from '../i18n.js';

/** At most this many data rows: the core's kMaxPoints (tests/node/csv.test.mjs checks they agree). */
export const MAX_ROWS = 200000;
/** Larger text or files are refused before reading them (200,000 rows of full-precision x1, x2, y fit in ~12 MB). */
export const MAX_BYTES = 16 * 1024 * 1024;

/** Accepted shapes: column names per row; the last column is y (or the class label). */
export const LAYOUTS = {
  'x,y': { columns: ['x', 'y'], dim: 1 },
  'x1,x2,y': { columns: ['x1', 'x2', 'y'], dim: 2 },
  'x,label': { columns: ['x', 'label'], dim: 1 },
  'x1,x2,label': { columns: ['x1', 'x2', 'label'], dim: 2 },
};

/** A layout name, or alternatives with different column counts (the first row's count picks one). */
const layoutNames = (layout) => (Array.isArray(layout) ? layout : [layout]);
/** Alternatives joined as the language joins them ("a or b"; "a 或 b"). */
export const orList = (items) => new Intl.ListFormat(htmlLang(), { type: 'disjunction' }).format(items);
/** "x, y": a layout's column names (names of the data, the same in every language). */
const columnNames = (spec) => spec.columns.join(', ');
/** "2 (x, label) or 3 (x1, x2, label)": what the rows may look like. */
const describe = (specs) => orList(specs.map((s) => t('shell.csv.columnsOf', { count: s.columns.length, names: columnNames(s) })));

export class CsvError extends Error {
  /**
   * @param {string} key  message of the 'shell' catalog ('shell.csv.…')  @param {object} params
   * @param {number|null} line  1-based line of the text, null for the whole input
   */
  constructor(key, params = {}, line = null) {
    const message = t(key, params);
    super(line === null ? message : t('shell.csv.atLine', { line, message }));
    this.name = 'CsvError';
    this.line = line;
  }
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const FIELD_SPLIT = /\s*[,;\t]\s*|\s+/;
/**
 * A column-count error on a line like `1,5;2,5` or `1,5 2,5` is most likely decimal commas (a
 * comma between digits, with ; tab or space separating the fields): say so instead of leaving
 * the learner with "4 columns".
 */
const decimalComma = (raw) => (/\d,\d/.test(raw) && /[;\t ]/.test(raw) ? 'yes' : 'no');
const shorten = (s) => (s.length > 24 ? `${s.slice(0, 21)}…` : s); // the catalog quotes it

/** A size in bytes as people read it. */
export const formatBytes = (b) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(b / 1024)} kB`);
/** A count with the language's digit grouping (200,000). */
export const formatCount = (n) => n.toLocaleString(htmlLang());

/**
 * Parses CSV text (commas, semicolons, tabs or spaces between fields; an optional header line;
 * blank lines and lines starting with # ignored).
 * @param {string} text
 * @param {'x,y'|'x1,x2,y'|'x,label'|'x1,x2,label'|string[]} layout  an array lists alternatives
 *   with different column counts (e.g. ['x,label', 'x1,x2,label']): the header or first row picks one.
 * @returns {{ x: Float64Array, y: Float64Array, dim: number, n: number, lines: Int32Array, header: string[]|null }}
 *   x is n × dim row-major; lines[i] is the 1-based text line of row i; layout is the one read.
 * @throws {CsvError}
 */
export function parseCsv(text, layout = 'x,y', { maxRows = MAX_ROWS, maxBytes = MAX_BYTES } = {}) {
  const names = layoutNames(layout);
  const specs = names.map((name) => {
    if (!LAYOUTS[name]) throw new Error(`parseCsv: unknown layout '${name}'`);
    return LAYOUTS[name];
  });
  if (new Set(specs.map((s) => s.columns.length)).size !== specs.length) throw new Error('parseCsv: alternative layouts need different column counts');
  let spec = specs.length === 1 ? specs[0] : null; // chosen by the first row when there are alternatives
  let chosen = spec ? names[0] : null;
  if (typeof text !== 'string') throw new CsvError('shell.csv.noText');
  if (text.length > maxBytes) {
    throw new CsvError('shell.csv.tooLarge', { size: formatBytes(text.length), limit: formatBytes(maxBytes) });
  }
  let want = spec?.columns.length;
  const xs = [];
  const ys = [];
  const lines = [];
  let header = null;
  const rows = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < rows.length; i++) {
    const line = i + 1;
    const raw = rows[i].trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const fields = raw.split(FIELD_SPLIT);
    const numeric = fields.map((f) => NUMBER.test(f));
    if (!spec) {
      const k = specs.findIndex((s) => s.columns.length === fields.length);
      if (k < 0) {
        const header = numeric.some(Boolean) ? 'no' : 'yes';
        throw new CsvError('shell.csv.columnsExpected', { header, count: fields.length, expected: describe(specs), decimalComma: decimalComma(raw) }, line);
      }
      spec = specs[k];
      chosen = names[k];
      want = spec.columns.length;
    }
    if (lines.length === 0 && header === null && !numeric.some(Boolean)) {
      header = fields; // a header line: names, not numbers
      if (fields.length !== want) {
        throw new CsvError('shell.csv.columnsExpected', { header: 'yes', count: fields.length, expected: t('shell.csv.columnsOf', { count: want, names: columnNames(spec) }), decimalComma: 'no' }, line);
      }
      continue;
    }
    if (fields.length !== want) {
      throw new CsvError('shell.csv.columnsExpected', { header: 'no', count: fields.length, expected: t('shell.csv.columnsOf', { count: want, names: columnNames(spec) }), decimalComma: decimalComma(raw) }, line);
    }
    if (lines.length >= maxRows) {
      throw new CsvError('shell.csv.tooManyRows', { limit: formatCount(maxRows) }, line);
    }
    for (let c = 0; c < want; c++) {
      if (numeric[c]) continue;
      const f = fields[c];
      const why = f === '' ? 'empty' : /^[+-]?(nan|inf(inity)?)$/i.test(f) ? 'nan' : 'text';
      throw new CsvError('shell.csv.badField', { name: spec.columns[c], column: c + 1, why, value: shorten(f) }, line);
    }
    for (let c = 0; c < want - 1; c++) xs.push(Number(fields[c]));
    ys.push(Number(fields[want - 1]));
    lines.push(line);
  }
  if (lines.length === 0) {
    const what = orList((spec ? [spec] : specs).map((s) => t('shell.csv.numbersOf', { count: s.columns.length, names: columnNames(s) })));
    throw new CsvError('shell.csv.empty', { what });
  }
  return { x: Float64Array.from(xs), y: Float64Array.from(ys), dim: spec.dim, n: lines.length, lines: Int32Array.from(lines), header, layout: chosen };
}

/**
 * Lets the core validate the parsed numbers (finite, |x| ≤ 1e9, at most 200,000 rows, integer
 * labels; classification layouts through lab.classify) with one cheap API call, and rewrites its LabError as a CsvError naming the line.
 * @param {import('../../wasm/src/index.js').Lab} lab
 * @param {ReturnType<typeof parseCsv>} parsed
 * @throws {CsvError}
 */
export function checkWithLab(lab, parsed) {
  const { x, y, dim, layout } = parsed;
  const columns = LAYOUTS[layout].columns;
  const first = x.subarray(0, dim);
  try {
    if (columns[columns.length - 1] === 'label') lab.classify({ x, labels: y, queries: first, dim });
    else lab.attend({ queries: first, keys: x, values: y, dim, returnWeights: false });
  } catch (error) {
    if (error?.name !== 'LabError') throw error;
    throw labErrorToCsv(error, parsed, columns);
  }
}

/**
 * The core's refusal of one value as a message of the page's language. The LabError (English, for
 * programmers) names the point and what it accepts; the known ranges become messages with the
 * limit as a parameter, anything else keeps the core's words inside a translated sentence.
 */
function labErrorToCsv(error, { lines }, columns) {
  const text = error.message;
  const accepts = (accepted) => {
    const finite = /^finite numbers with \|(\w)\| <= (\S+)$/.exec(accepted);
    if (finite) return t('shell.csv.acceptsFinite', { symbol: finite[1], limit: finite[2] });
    if (accepted === 'integers only') return t('shell.csv.acceptsIntegers');
    const range = /^integers from (\S+) to (\S+)$/.exec(accepted);
    if (range) return t('shell.csv.acceptsIntegerRange', { low: range[1], high: range[2] });
    return accepted;
  };
  const point = /point (\d+), coordinate (\d+) is (\S+); accepted: (.*)$/.exec(text);
  if (point) {
    const [, i, m, value, accepted] = point;
    return new CsvError('shell.csv.labRefuses', { name: columns[Number(m)], value, accepted: accepts(accepted) }, lines[Number(i)]);
  }
  const entry = /entry (\d+) is (\S+); accepted: (.*)$/.exec(text);
  if (entry) {
    const [, i, value, accepted] = entry;
    return new CsvError('shell.csv.labRefuses', { name: columns[columns.length - 1], value, accepted: accepts(accepted) }, lines[Number(i)]);
  }
  return new CsvError('shell.csv.labRefusesData', { detail: text });
}
