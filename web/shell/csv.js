// Own data: CSV text → numbers. Input handling only (no math): split lines and fields, read each
// field as a number, and say which line is wrong and why. Whether the numbers are acceptable
// (finite, |x| ≤ 1e9) is the core's to decide: checkWithLab() passes them through the lab's API
// and turns its LabError back into a line number. Nothing is kept from a failed parse, so the
// caller's previous data stays.

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
/** "2 (x, label) or 3 (x1, x2, label)": what the rows may look like. */
const describe = (specs) => specs.map((s) => `${s.columns.length} (${s.columns.join(', ')})`).join(' or ');

export class CsvError extends Error {
  /** @param {string} message  @param {number|null} line  1-based line of the text, null for the whole input */
  constructor(message, line = null) {
    super(line === null ? message : `Line ${line}: ${message}`);
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
const decimalCommaHint = (raw) =>
  /\d,\d/.test(raw) && /[;\t ]/.test(raw)
    ? ' The numbers seem to use decimal commas (1,5): write them with a decimal point (1.5).'
    : '';
const quote = (s) => (s.length > 24 ? `'${s.slice(0, 21)}…'` : `'${s}'`);

/** A size in bytes as people read it. */
export const formatBytes = (b) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(b / 1024)} kB`);

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
  if (typeof text !== 'string') throw new CsvError('No text to read.');
  if (text.length > maxBytes) {
    throw new CsvError(`The data is ${formatBytes(text.length)}; at most ${formatBytes(maxBytes)} is accepted.`);
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
        const what = numeric.some(Boolean) ? '' : 'the header has ';
        throw new CsvError(`${what}${fields.length} column${fields.length === 1 ? '' : 's'}; expected ${describe(specs)}.${decimalCommaHint(raw)}`, line);
      }
      spec = specs[k];
      chosen = names[k];
      want = spec.columns.length;
    }
    if (lines.length === 0 && header === null && !numeric.some(Boolean)) {
      header = fields; // a header line: names, not numbers
      if (fields.length !== want) {
        throw new CsvError(`the header has ${fields.length} column${fields.length === 1 ? '' : 's'}; expected ${want} (${spec.columns.join(', ')}).`, line);
      }
      continue;
    }
    if (fields.length !== want) {
      throw new CsvError(`${fields.length} column${fields.length === 1 ? '' : 's'}; expected ${want} (${spec.columns.join(', ')}).${decimalCommaHint(raw)}`, line);
    }
    if (lines.length >= maxRows) {
      throw new CsvError(`too many rows: at most ${maxRows.toLocaleString('en')} are accepted.`, line);
    }
    for (let c = 0; c < want; c++) {
      if (numeric[c]) continue;
      const f = fields[c];
      const why = f === '' ? 'is empty'
        : /^[+-]?(nan|inf(inity)?)$/i.test(f) ? `is ${quote(f)}; NaN and infinities are not data`
        : `is ${quote(f)}, not a number`;
      throw new CsvError(`${spec.columns[c]} (column ${c + 1}) ${why}.`, line);
    }
    for (let c = 0; c < want - 1; c++) xs.push(Number(fields[c]));
    ys.push(Number(fields[want - 1]));
    lines.push(line);
  }
  if (lines.length === 0) {
    const what = spec ? `${want} numbers (${spec.columns.join(', ')})` : describe(specs).replace(/ \(/g, ' numbers (');
    throw new CsvError(`The data is empty: no rows of ${what}.`);
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

function labErrorToCsv(error, { lines }, columns) {
  const text = error.message;
  const point = /point (\d+), coordinate (\d+) is (\S+); accepted: (.*)$/.exec(text);
  if (point) {
    const [, i, m, value, accepted] = point;
    return new CsvError(`${columns[Number(m)]} is ${value}; the lab accepts ${accepted}.`, lines[Number(i)]);
  }
  const entry = /entry (\d+) is (\S+); accepted: (.*)$/.exec(text);
  if (entry) {
    const [, i, value, accepted] = entry;
    return new CsvError(`${columns[columns.length - 1]} is ${value}; the lab accepts ${accepted}.`, lines[Number(i)]);
  }
  return new CsvError(`The lab does not accept this data: ${text}`);
}
