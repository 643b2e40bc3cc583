// Own data: the CSV parser (web/shell/csv.js) and its hand-over to the core's validation.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { CsvError, MAX_ROWS, checkWithLab, parseCsv } from '../../web/shell/csv.js';
import { setLanguage, t } from '../../web/i18n.js';

const fails = (fn, pattern) => assert.throws(fn, (e) => e instanceof CsvError && pattern.test(e.message), String(pattern));

test('reads x,y with a header, comments, blank lines, any separator and CRLF', () => {
  const p = parseCsv('x,y\r\n# a comment\n0.5, 1\n\n1e-3;-2.5\n3\t4\n  5 6  \n', 'x,y');
  assert.deepEqual(Array.from(p.x), [0.5, 1e-3, 3, 5]);
  assert.deepEqual(Array.from(p.y), [1, -2.5, 4, 6]);
  assert.deepEqual(Array.from(p.lines), [3, 5, 6, 7]);
  assert.deepEqual(p.header, ['x', 'y']);
  assert.equal(p.n, 4);
  assert.equal(p.dim, 1);
});

test('reads x1,x2,y row-major and x,label', () => {
  const p = parseCsv('1,2,3\n4,5,6', 'x1,x2,y');
  assert.deepEqual(Array.from(p.x), [1, 2, 4, 5]);
  assert.deepEqual(Array.from(p.y), [3, 6]);
  assert.equal(p.dim, 2);
  const c = parseCsv('x,label\n0.1,-1\n0.2,1', 'x,label');
  assert.deepEqual(Array.from(c.y), [-1, 1]);
});

test('full-precision numbers read back exactly', () => {
  const v = [0.1 + 0.2, Math.PI, -1e-300, 123456789.123456789];
  const p = parseCsv(v.map((x) => `${x},${x}`).join('\n'), 'x,y');
  assert.deepEqual(Array.from(p.x), v);
});

test('malformed input names the line and the reason', () => {
  fails(() => parseCsv('', 'x,y'), /^The data is empty/);
  fails(() => parseCsv('x,y\n\n# only a header\n', 'x,y'), /^The data is empty/);
  fails(() => parseCsv('1,2\n3\n', 'x,y'), /^Line 2: 1 column; expected 2 \(x, y\)/);
  fails(() => parseCsv('1,2\n3,4,5\n', 'x,y'), /^Line 2: 3 columns; expected 2/);
  fails(() => parseCsv('1,2\n3,abc\n', 'x,y'), /^Line 2: y \(column 2\) is 'abc', not a number/);
  fails(() => parseCsv('1,2\nNaN,4\n', 'x,y'), /^Line 2: x \(column 1\) is 'NaN'; NaN and infinities are not data/);
  fails(() => parseCsv('1,2\n3,-Infinity\n', 'x,y'), /^Line 2: y .* NaN and infinities are not data/);
  fails(() => parseCsv('1,2\n3,,4\n', 'x,y'), /^Line 2: 3 columns/);
  fails(() => parseCsv('1,2\n3,\n', 'x,y'), /^Line 2: y \(column 2\) is empty/);
  fails(() => parseCsv('a,b,c\n1,2\n', 'x,y'), /^Line 1: the header has 3 columns/);
  fails(() => parseCsv('1,2,3\n', 'x,y'), /^Line 1: 3 columns; expected 2/);
  // Decimal commas (issue 17): named, not just counted; a plain column mismatch gets no such hint.
  fails(() => parseCsv('1,5;2,5\n', 'x,y'), /^Line 1: 4 columns; expected 2 \(x, y\)\. The numbers seem to use decimal commas \(1,5\)/);
  fails(() => parseCsv('0,5 1,25\n', ['x,y', 'x1,x2,y']), /4 columns; expected .*decimal commas/);
  assert.throws(() => parseCsv('1,2,3\n', 'x,y'), (e) => !/decimal/.test(e.message));
  assert.throws(() => parseCsv('1,2', 'x,z'), /unknown layout/);
});

test('too many rows: refused at the first row beyond the limit; too much text refused before parsing', () => {
  fails(() => parseCsv('1,1\n'.repeat(6), 'x,y', { maxRows: 5 }), /^Line 6: too many rows: at most 5/);
  const text = `x,y\n${'1,1\n'.repeat(MAX_ROWS + 1)}`;
  fails(() => parseCsv(text, 'x,y'), new RegExp(`^Line ${MAX_ROWS + 2}: too many rows: at most 200,000`));
  fails(() => parseCsv('1,2\n'.repeat(10), 'x,y', { maxBytes: 20 }), /^The data is 1 kB; at most 1 kB/);
});

test('MAX_ROWS is the API limit: the core accepts that many points and refuses one more', async () => {
  const lab = await createLab();
  const x = new Float64Array(MAX_ROWS + 1).map((_, i) => i / MAX_ROWS);
  const q = [0.5];
  lab.attend({ queries: q, keys: x.subarray(0, MAX_ROWS), values: x.subarray(0, MAX_ROWS), returnWeights: false, kernel: 'boxcar', width: 1e-3 });
  assert.throws(() => lab.attend({ queries: q, keys: x, values: x, returnWeights: false }), /at most 200000/);
});

test('the core validates the values and its error comes back with the line', async () => {
  const lab = await createLab();
  const ok = parseCsv('x,y\n1,2\n3,4\n', 'x,y');
  checkWithLab(lab, ok);
  fails(() => checkWithLab(lab, parseCsv('x,y\n1,2\n2e9,4\n', 'x,y')), /^Line 3: x is 2e\+09; the lab accepts finite numbers with \|x\| <= 1e9/);
  fails(() => checkWithLab(lab, parseCsv('x,y\n1,2\n2,1e999\n', 'x,y')), /^Line 3: y is Infinity; the lab accepts finite numbers with \|v\| <= 1e9/);
  fails(() => checkWithLab(lab, parseCsv('x1,x2,y\n1,2,0\n# skip\n2,-5e10,1\n', 'x1,x2,y')), /^Line 4: x2 is -5e\+10/);
  fails(() => checkWithLab(lab, parseCsv('x,label\n1,1\n2,0.5\n', 'x,label')), /^Line 3: label is 0.5; the lab accepts integers only/);
  checkWithLab(lab, parseCsv('x,label\n1,1\n2,-1\n', 'x,label'));
});

test('x1,x2,label: rows of two coordinates and a class label, checked by the core through classify', async () => {
  const p = parseCsv('x1,x2,label\n0.5,1,-1\n# skip\n3.5;4\t1\n', 'x1,x2,label');
  assert.deepEqual(Array.from(p.x), [0.5, 1, 3.5, 4]);
  assert.deepEqual(Array.from(p.y), [-1, 1]);
  assert.deepEqual(Array.from(p.lines), [2, 4]);
  assert.equal(p.dim, 2);
  assert.equal(p.layout, 'x1,x2,label');
  fails(() => parseCsv('1,2,1\n3,4\n', 'x1,x2,label'), /^Line 2: 2 columns; expected 3 \(x1, x2, label\)/);
  fails(() => parseCsv('1,2,1\n3,4,abc\n', 'x1,x2,label'), /^Line 2: label \(column 3\) is 'abc', not a number/);
  fails(() => parseCsv('1,2,1\n3,nan,1\n', 'x1,x2,label'), /^Line 2: x2 \(column 2\) is 'nan'; NaN and infinities/);
  const lab = await createLab();
  checkWithLab(lab, p);
  fails(() => checkWithLab(lab, parseCsv('x1,x2,label\n1,2,1\n2,3,0.5\n', 'x1,x2,label')), /^Line 3: label is 0.5; the lab accepts integers only/);
  fails(() => checkWithLab(lab, parseCsv('x1,x2,label\n1,2,1\n\n2,3e9,-1\n', 'x1,x2,label')), /^Line 4: x2 is 3e\+09; the lab accepts finite numbers with \|x\| <= 1e9/);
});

test('alternative layouts: the header or first row picks x,label or x1,x2,label; later rows must match it', () => {
  const both = ['x,label', 'x1,x2,label'];
  const one = parseCsv('0.1,-1\n0.2,1\n', both);
  assert.equal(one.layout, 'x,label');
  assert.equal(one.dim, 1);
  const two = parseCsv('a,b,class\n0.1,0.2,-1\n0.3,0.4,1\n', both);
  assert.equal(two.layout, 'x1,x2,label');
  assert.equal(two.dim, 2);
  assert.deepEqual(Array.from(two.x), [0.1, 0.2, 0.3, 0.4]);
  fails(() => parseCsv('1,2,3,4\n', both), /^Line 1: 4 columns; expected 2 \(x, label\) or 3 \(x1, x2, label\)/);
  fails(() => parseCsv('a,b,c,d\n1,2\n', both), /^Line 1: the header has 4 columns; expected 2 \(x, label\) or 3/);
  fails(() => parseCsv('0.1,0.2,-1\n0.3,1\n', both), /^Line 2: 2 columns; expected 3 \(x1, x2, label\)/);
  fails(() => parseCsv('# nothing\n', both), /^The data is empty: no rows of 2 numbers \(x, label\) or 3 numbers \(x1, x2, label\)/);
  assert.throws(() => parseCsv('1,2', ['x,y', 'x,label']), /different column counts/);
});

test('in Chinese (the page’s language), every message comes from the zh catalog, the core’s ranges included', async () => {
  const zh = (key, params) => t(key, params, 'zh');
  const atLine = (line, key, params) => zh('shell.csv.atLine', { line, message: zh(key, params) });
  setLanguage('zh');
  try {
    const message = (fn) => {
      try {
        fn();
      } catch (e) {
        assert.ok(e instanceof CsvError, String(e));
        return e.message;
      }
      assert.fail('no CsvError');
    };
    assert.equal(message(() => parseCsv('1,2\n3,abc\n', 'x,y')), atLine(2, 'shell.csv.badField', { name: 'y', column: 2, why: 'text', value: 'abc' }));
    assert.equal(message(() => parseCsv('1,5;2,5\n', 'x,y')),
      atLine(1, 'shell.csv.columnsExpected', { header: 'no', count: 4, expected: zh('shell.csv.columnsOf', { count: 2, names: 'x, y' }), decimalComma: 'yes' }));
    assert.equal(message(() => parseCsv('1,1\n'.repeat(6), 'x,y', { maxRows: 5 })), atLine(6, 'shell.csv.tooManyRows', { limit: '5' }));
    // The core's refusals (LabError, English) are recognised and said in Chinese with their limit.
    const lab = await createLab();
    assert.equal(message(() => checkWithLab(lab, parseCsv('x,y\n1,2\n2e9,4\n', 'x,y'))),
      atLine(3, 'shell.csv.labRefuses', { name: 'x', value: '2e+09', accepted: zh('shell.csv.acceptsFinite', { symbol: 'x', limit: '1e9' }) }));
    assert.equal(message(() => checkWithLab(lab, parseCsv('x,label\n1,1\n2,0.5\n', 'x,label'))),
      atLine(3, 'shell.csv.labRefuses', { name: 'label', value: '0.5', accepted: zh('shell.csv.acceptsIntegers') }));
  } finally {
    setLanguage('en');
  }
});
