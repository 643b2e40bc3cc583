// Option checking of the JS layer: JS types, defaults, counts, flat-array shapes and unknown
// names. Counts (dim, epochs, rows, seeds, …) and array sizes are checked here, as JS numbers,
// against the core's own limits (read once from its limits() binding): converting a count to a
// C++ int wraps at 2^31, and an array is copied into WASM memory before the core can see its size.
// Value ranges of real numbers (width > 0, p >= 1, finite data) are checked once, in the C++
// core, whose messages name the option the same way.
import { LabError } from './errors.js';

/** The core's limits (see limits() in wasm/bindings.cpp); set by setLimits before any call. */
export const LIMITS = {};

export function setLimits(limits) {
  Object.assign(LIMITS, limits);
}

/** Echoed values are cut: a 100,000-character string must not come back whole in a message. */
const MAX_ECHO = 60;

const cut = (text) => (text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text);

export function describe(v) {
  if (typeof v === 'string') return `'${cut(v)}'`;
  if (typeof v === 'bigint') return `${cut(String(v))}n (a BigInt)`;
  if (typeof v === 'symbol') return 'a symbol';
  if (typeof v === 'function') return 'a function';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v);
    const name = proto === null ? 'null-prototype' : proto?.constructor?.name;
    return name && name !== 'Object' ? `an instance of ${cut(String(name))}` : 'an object';
  }
  return cut(String(v));
}

function fail(name, got, accepted) {
  throw new LabError(`${name}: got ${describe(got)}; accepted: ${accepted}`, name);
}

const ARRAYS = 'a Float64Array, another typed array of numbers (not BigInt64Array/BigUint64Array) or an array of numbers';

/**
 * A number array: Float64Array (used as it is), another non-BigInt typed array or an Array of
 * numbers (copied to a Float64Array). Array-likes such as { length, 0: … } are refused: the
 * types promise exactly these. No array may hold more than LIMITS.maxWeightEntries numbers (the
 * largest array the API ever returns); the length is checked before anything is copied.
 */
export function toFloat64(name, value) {
  const isArray = Array.isArray(value);
  const isView = ArrayBuffer.isView(value) && !(value instanceof DataView);
  if (!isArray && !isView) return fail(name, value, ARRAYS);
  if (value instanceof BigInt64Array || value instanceof BigUint64Array) {
    return fail(name, value, `numbers, not BigInt: ${ARRAYS}`);
  }
  if (value.length > LIMITS.maxWeightEntries) {
    throw new LabError(
      `${name}: has ${value.length} entries; accepted: at most ${LIMITS.maxWeightEntries}`,
      name,
    );
  }
  if (value instanceof Float64Array) return value;
  if (isView) return Float64Array.from(value);
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'number') {
      throw new LabError(`${name}: entry ${i} is ${describe(value[i])}; accepted: numbers only`, name);
    }
    out[i] = value[i];
  }
  return out;
}

/** A count limit: a number, or the name of one of the core's LIMITS. */
const bound = (b) => (typeof b === 'string' ? LIMITS[b] : b);

function integerIn(name, v, [lo, hi] = [-(2 ** 53) + 1, 2 ** 53 - 1]) {
  const low = bound(lo), high = bound(hi);
  if (!Number.isSafeInteger(v) || v < low || v > high) {
    fail(name, v, `an integer from ${low} to ${high === 2 ** 53 - 1 ? '2^53 − 1' : high}`);
  }
  return v;
}

const kinds = {
  array: (name, v) => toFloat64(name, v),
  number: (name, v, range) => {
    if (typeof v !== 'number' || Number.isNaN(v)) fail(name, v, 'a number');
    if (range && !(v >= range[0] && v <= range[1])) {
      fail(name, v, range[1] === Infinity ? `a number ≥ ${range[0]}` : `a number from ${range[0]} to ${range[1]}`);
    }
    return v;
  },
  /** An integer; `range` [lo, hi] bounds it (each a number or a LIMITS name). */
  integer: integerIn,
  /** A Float64Array the call writes into (not copied: other typed arrays and Arrays are refused). */
  float64Array: (name, v) => (v instanceof Float64Array ? v : fail(name, v, 'a Float64Array')),
  boolean: (name, v) => (typeof v === 'boolean' ? v : fail(name, v, 'true or false')),
  string: (name, v) => (typeof v === 'string' ? v : fail(name, v, 'a string')),
  /** One width, or one per coordinate (so at most LIMITS.maxDim). */
  widths: (name, v) => {
    if (typeof v === 'number') return Float64Array.of(v);
    const a = kinds.array(name, v);
    if (a.length > LIMITS.maxDim) {
      throw new LabError(
        `${name}: has ${a.length} entries; accepted: one value, or one per coordinate (at most ${LIMITS.maxDim})`,
        name,
      );
    }
    return a;
  },
  /** Integers each in `range` (default: the int32 range the core reads them into). */
  integers: (name, v, range = [-(2 ** 31) + 1, 2 ** 31 - 1]) => {
    const a = kinds.array(name, v);
    const low = bound(range[0]), high = bound(range[1]);
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      if (!Number.isInteger(x)) {
        throw new LabError(`${name}: entry ${i} is ${x}; accepted: integers only`, name);
      }
      if (x < low || x > high) {
        throw new LabError(`${name}: entry ${i} is ${x}; accepted: integers from ${low} to ${high}`, name);
      }
    }
    return a;
  },
};

/** Each schema's [name, kind checker, default, range] list, made on its first use (schemas are module constants). */
const entries = new WeakMap();

function entriesOf(schema) {
  let list = entries.get(schema);
  if (list === undefined) {
    list = Object.entries(schema).map(([name, [kind, fallback, range]]) => [
      name,
      kinds[kind],
      fallback,
      range,
    ]);
    entries.set(schema, list);
  }
  return list;
}

/** A plain object: made by {…}, JSON.parse or Object.create(null); not a Map, array or class instance. */
function isPlainObject(v) {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * Fills defaults and checks JS types and counts. `schema` maps each option name to
 * [kind, default, range]; a default of `undefined` makes the option required, a default of `null`
 * means "not given" (the core then uses its own default: the binding receives -1), and a function
 * default is computed from the options (e.g. queries defaulting to the keys under leave-one-out).
 * Only the options' own names count: inherited ones (toString, constructor, a JSON "__proto__")
 * are unknown options, never a schema entry. A given value is never replaced by a default.
 */
export function readOptions(method, options, schema) {
  if (!isPlainObject(options)) {
    throw new LabError(
      `options: ${method} got ${describe(options)}; accepted: a plain object such as { … }`,
      'options',
    );
  }
  for (const key of Reflect.ownKeys(options)) {
    if (typeof key !== 'string' || !Object.hasOwn(schema, key)) {
      const shown = typeof key === 'string' ? cut(key) : 'a symbol';
      throw new LabError(
        `${shown}: unknown option of ${method}; accepted: ${Object.keys(schema).join(', ')}`,
        typeof key === 'string' ? key : 'options',
      );
    }
  }
  const out = {};
  for (const [name, check, fallback, range] of entriesOf(schema)) {
    let value = Object.hasOwn(options, name) ? options[name] : undefined;
    if (value === undefined) {
      value = typeof fallback === 'function' ? fallback(options) : fallback;
      if (value === null) {
        out[name] = null;
        continue;
      }
    }
    if (value === undefined) throw new LabError(`${name}: is required by ${method}`, name);
    out[name] = check(name, value, range);
  }
  return out;
}

/**
 * Checks that a flat row-major array holds whole points of `dim` coordinates, and at most
 * LIMITS.maxPoints of them; returns the number of points.
 */
export function checkShape(name, array, dim) {
  if (array.length % dim !== 0) {
    throw new LabError(
      `${name}: length ${array.length} is not a multiple of dim = ${dim}; accepted: n × dim numbers (row-major)`,
      name,
    );
  }
  const n = array.length / dim;
  if (n > LIMITS.maxPoints) {
    throw new LabError(`${name}: has ${n} points; accepted: at most ${LIMITS.maxPoints}`, name);
  }
  return n;
}
