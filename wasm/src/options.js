// Option checking of the JS layer: JS types, defaults, flat-array shapes and unknown names. Value
// ranges (width > 0, p >= 1, finite data, size caps) are checked once, in the C++ core, whose
// messages name the option the same way.
import { LabError } from './errors.js';

const describe = (v) =>
  typeof v === 'string' ? `'${v}'` : Array.isArray(v) ? 'an array' : v === null ? 'null' : String(v);

function fail(name, got, accepted) {
  throw new LabError(`${name}: got ${describe(got)}; accepted: ${accepted}`, name);
}

/** A number array: Float64Array, another typed array, or an Array of numbers, copied to Float64Array. */
export function toFloat64(name, value) {
  if (value instanceof Float64Array) return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Float64Array.from(value);
  if (Array.isArray(value)) {
    const out = new Float64Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'number') {
        throw new LabError(
          `${name}: entry ${i} is ${describe(value[i])}; accepted: numbers only`,
          name,
        );
      }
      out[i] = value[i];
    }
    return out;
  }
  return fail(name, value, 'a Float64Array or an array of numbers');
}

const kinds = {
  array: (name, v) => toFloat64(name, v),
  number: (name, v) => (typeof v === 'number' && !Number.isNaN(v) ? v : fail(name, v, 'a number')),
  integer: (name, v) => (Number.isSafeInteger(v) ? v : fail(name, v, 'an integer')),
  boolean: (name, v) => (typeof v === 'boolean' ? v : fail(name, v, 'true or false')),
  string: (name, v) => (typeof v === 'string' ? v : fail(name, v, 'a string')),
  /** One width, or one per coordinate. */
  widths: (name, v) =>
    typeof v === 'number' ? Float64Array.of(v) : kinds.array(name, v),
  integers: (name, v) => {
    const a = kinds.array(name, v);
    a.forEach((x, i) => {
      if (!Number.isSafeInteger(x))
        throw new LabError(`${name}: entry ${i} is ${x}; accepted: integers only`, name);
    });
    return a;
  },
};

/** Each schema's [name, kind checker, default] list, made on its first use (schemas are module constants). */
const entries = new WeakMap();

function entriesOf(schema) {
  let list = entries.get(schema);
  if (list === undefined) {
    list = Object.entries(schema).map(([name, [kind, fallback]]) => [name, kinds[kind], fallback]);
    entries.set(schema, list);
  }
  return list;
}

/**
 * Fills defaults and checks JS types. `schema` maps each option name to [kind, default];
 * a default of `undefined` makes the option required, and a function default is computed from
 * the options (e.g. queries defaulting to the keys under leave-one-out).
 */
export function readOptions(method, options, schema) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new LabError(`${method}: options must be an object, got ${describe(options)}`, 'options');
  }
  for (const key of Object.keys(options)) {
    if (!(key in schema)) {
      throw new LabError(
        `${key}: unknown option of ${method}; accepted: ${Object.keys(schema).join(', ')}`,
        key,
      );
    }
  }
  const out = {};
  for (const [name, check, fallback] of entriesOf(schema)) {
    let value = options[name];
    if (value === undefined) value = typeof fallback === 'function' ? fallback(options) : fallback;
    if (value === undefined) throw new LabError(`${name}: is required by ${method}`, name);
    out[name] = check(name, value);
  }
  return out;
}

/** Checks that a flat row-major array holds whole points of `dim` coordinates. */
export function checkShape(name, array, dim) {
  if (array.length % dim !== 0) {
    throw new LabError(
      `${name}: length ${array.length} is not a multiple of dim = ${dim}; accepted: n × dim numbers (row-major)`,
      name,
    );
  }
  return array.length / dim;
}
