// A seeded fuzzer over every function of the API (issue 17): thousands of calls, each a small
// valid call with one or two options replaced by a hostile value, dropped, or joined by an
// unknown or inherited name. Every call must either return a result of the right shape or throw
// a LabError whose `parameter` is a real option of that function (or the unknown name it was
// given, or 'options'); after every error the WASM heap is exactly as before, and the module
// keeps giving the same answer to a reference call.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab, LabError } from '../../wasm/src/index.js';

const lab = await createLab();

/** mulberry32: a small seeded generator, so every run makes the same calls. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const x = [0, 0.5, 1, 2, 3, 4];
const y = [1, 2, 1.5, 3, 2, 2.5];
const q = [0.2, 1.7, 3.5];

// Each function: a valid call and every option name it accepts (from index.d.ts).
const FUNCTIONS = {
  makeDataset: [{ nTrain: 20, nTest: 5 }, ['target', 'nTrain', 'nTest', 'noise', 'seed', 'dim', 'radiusSpread']],
  attend: [{ queries: q, keys: x, values: y }, ['queries', 'keys', 'values', 'dim', 'kernel', 'width', 'p', 'offset', 'leaveOneOut', 'normalize', 'returnWeights', 'algorithm']],
  attentionImage: [{ queries: q, keys: x, values: y, rows: 2, cols: 3 }, ['queries', 'keys', 'values', 'dim', 'kernel', 'width', 'p', 'offset', 'leaveOneOut', 'normalize', 'rows', 'cols']],
  dotProductAttention: [{ queries: q, keys: x, values: y }, ['queries', 'keys', 'values', 'dim', 'scale', 'width', 'returnWeights']],
  maxAbsDifference: [{ a: x, b: y }, ['a', 'b']],
  kernelCurve: [{ u: q }, ['kernel', 'u', 'offset']],
  train: [{ x, y, epochs: 3 }, ['x', 'y', 'dim', 'kernel', 'placement', 'p', 'offset', 'leaveOneOut', 'reduction', 'w0', 'lr', 'epochs', 'optimizer']],
  lossLandscape: [{ x, y, ws: [0.5, 1, 2] }, ['x', 'y', 'dim', 'kernel', 'placement', 'p', 'offset', 'leaveOneOut', 'reduction', 'ws', 'wSize']],
  predictParametric: [{ queries: q, keys: x, values: y, w: 1 }, ['queries', 'keys', 'values', 'dim', 'kernel', 'placement', 'p', 'offset', 'leaveOneOut', 'reduction', 'w']],
  parametricErrors: [{ queries: q, keys: x, values: y, truth: [1, 2, 3], ws: [0.5, 1] }, ['queries', 'keys', 'values', 'truth', 'ws', 'wSize', 'dim', 'kernel', 'placement', 'p', 'offset', 'leaveOneOut', 'reduction']],
  parametricWeights: [{ queries: q, keys: x, w: 1 }, ['queries', 'keys', 'dim', 'kernel', 'placement', 'p', 'offset', 'leaveOneOut', 'w']],
  looCurve: [{ x, y, widths: [0.5, 1, 2] }, ['x', 'y', 'dim', 'kernel', 'p', 'widths', 'perCoordinate', 'algorithm']],
  selectWidth: [{ x, y }, ['x', 'y', 'dim', 'kernel', 'p', 'algorithm']],
  ruleOfThumbWidth: [{ x }, ['x', 'dim']],
  classify: [{ x, labels: [0, 0, 1, 1, 2, 2], queries: q }, ['x', 'labels', 'queries', 'dim', 'kernel', 'width', 'p', 'offset', 'leaveOneOut', 'normalize']],
  consistency: [{ nValues: [10, 20], seeds: 2, nTest: 10 }, ['target', 'nValues', 'seeds', 'seed', 'nTest', 'noise', 'dim', 'kernel', 'rule', 'width', 'c']],
  unitBall: [{ points: 16 }, ['p', 'points', 'widths']],
  fitPowerLaw: [{ x: [1, 2, 4], y: [1, 0.5, 0.25] }, ['x', 'y', 'exponent']],
  minimaxRate: [{ dim: 2 }, ['dim', 'smoothness']],
  meanSquaredError: [{ predictions: q, truth: [1, 2, 3] }, ['predictions', 'truth']],
};

class Opts {
  constructor() {
    this.keys = x;
  }
}
const HOSTILE = [
  -1, 0, 1, 2, 1.5, -5, 3, 16, 17, NaN, Infinity, -Infinity, 1e308, -1e308, 1e9, 1e10, 2 ** 31, 2 ** 31 - 1, -(2 ** 31),
  2 ** 53, 2 ** 64, 5e-324, -0, '', 'abc', 'gaussian', 'lenrek', 'boxcar', 'constant', 'brute-force', 'after-square',
  'loo', 'shrinking', 'queries', 'adam', 'mean', 'sphere', 'two-class', 'x'.repeat(1000), null, true, false, [], [NaN],
  [1, 2], [0, 1, 2, 3, 4, 5], [0.5], ['1'], [1, , 2], {}, { length: 2, 0: 1, 1: 2 }, new Map([['a', 1]]), new Opts(),
  new BigInt64Array(2), new BigUint64Array(1), new Int32Array([1, 2, 3]), new Float32Array([0.5, 1]),
  new Uint8Array(6), new Float64Array(0), new Float64Array([Infinity]), new DataView(new ArrayBuffer(8)), 10n,
  Symbol('s'), () => 1, new Date(0), /re/,
];
const INHERITED = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__', 'isPrototypeOf', 'nope'];

/** Results must look right: arrays of the right kind, NaN predictions only where listed as undefined. */
function checkResult(name, r) {
  if (['maxAbsDifference', 'ruleOfThumbWidth', 'minimaxRate'].includes(name)) {
    assert.equal(typeof r, 'number', name);
    if (name !== 'maxAbsDifference') assert.ok(Number.isFinite(r), `${name} gave ${r}`);
    return;
  }
  if (['kernelCurve', 'predictParametric', 'parametricErrors', 'parametricWeights'].includes(name)) {
    assert.ok(r instanceof Float64Array, name);
    return;
  }
  assert.equal(typeof r, 'object', name);
  for (const v of Object.values(r)) {
    if (v !== null && typeof v === 'object') assert.ok(v instanceof Float64Array || v instanceof Int32Array, `${name}: ${v}`);
  }
  if (name === 'attend' || name === 'attentionImage') {
    const listed = new Set(r.undefinedQueries);
    r.predictions.forEach((p, i) => assert.ok(!Number.isNaN(p) || listed.has(i), `${name}: NaN prediction ${i} not listed`));
  }
  if (name === 'fitPowerLaw') {
    assert.ok(Number.isFinite(r.exponent) && r.coefficient > 0 && Number.isFinite(r.coefficient), `fit ${r.exponent} ${r.coefficient}`);
  }
  if (name === 'selectWidth') assert.ok(r.width > 0 && Number.isFinite(r.mse), `selectWidth ${r.width} ${r.mse}`);
  if (name === 'lossLandscape') r.grad.forEach((g, i) => assert.ok(!Number.isNaN(g) || Number.isNaN(r.loss[i]), 'NaN gradient at a defined loss'));
}

const reference = () => Array.from(lab.attend({ queries: q, keys: x, values: y, width: 0.7 }).predictions);

test('a few thousand seeded hostile calls: correct-looking results or LabErrors naming a real option; heap unchanged after errors', () => {
  const rand = random(17);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const names = Object.keys(FUNCTIONS);
  const expected = reference();
  let results = 0, errors = 0;
  const start = performance.now();
  for (let call = 0; call < 4000; call++) {
    const name = names[call % names.length];
    const [base, accepted] = FUNCTIONS[name];
    let options = { ...base };
    const injected = new Set();
    const mutations = 1 + Math.floor(rand() * 2);
    for (let m = 0; m < mutations; m++) {
      const kind = rand();
      if (kind < 0.7) options[pick(accepted)] = pick(HOSTILE);
      else if (kind < 0.8) delete options[pick(accepted)];
      else if (kind < 0.9) {
        const key = pick(INHERITED);
        injected.add(key);
        options = key === '__proto__' ? Object.assign(JSON.parse('{"__proto__": 1}'), options) : { ...options, [key]: 1 };
      } else {
        options = pick([null, 3, 'x', [], new Map(), new Opts(), Object.create({ keys: x })]);
        break;
      }
    }
    const before = lab.memory();
    let result;
    try {
      result = lab[name](options);
    } catch (e) {
      errors++;
      assert.ok(e instanceof LabError, `${name}(${String(Object.keys(options ?? {}))}): ${e?.name}: ${e?.message}`);
      const ok = accepted.includes(e.parameter) || e.parameter === 'options' || (injected.has(e.parameter) && /unknown option/.test(e.message));
      assert.ok(ok, `${name}: parameter ${e.parameter} is no option (${e.message.slice(0, 120)})`);
      assert.ok(e.message.length < 600, `${name}: a message of ${e.message.length} characters`);
      const after = lab.memory();
      assert.equal(after.heapSize, before.heapSize, `${name}: heap size after the error`);
      assert.equal(after.inUse, before.inUse, `${name}: bytes in use after the error`);
      continue;
    }
    results++;
    checkResult(name, result);
    if (call % 200 === 0) assert.deepEqual(reference(), expected, 'the module still answers the same');
  }
  assert.deepEqual(reference(), expected);
  const seconds = (performance.now() - start) / 1e3;
  // Both outcomes must occur, or the fuzzer tests nothing.
  assert.ok(results > 200 && errors > 1000, `${results} results, ${errors} errors`);
  console.log(`# fuzz: 4000 calls, ${results} results, ${errors} LabErrors, 0 other errors, ${seconds.toFixed(1)} s`);
});
