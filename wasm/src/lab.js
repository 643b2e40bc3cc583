// The lab object: defaults, JS-side checks, the call into WASM and error translation.
import createCore from '../gen/core.mjs';
import { LabError } from './errors.js';
import { checkShape, readOptions } from './options.js';

let corePromise = null;

/** One WASM instance per JS realm, shared by every lab (and every page widget). */
function loadCore() {
  corePromise ??= createCore().catch((cause) => {
    corePromise = null;
    throw new LabError(`could not load the WebAssembly core: ${cause?.message ?? cause}`);
  });
  return corePromise;
}

const DIM = ['integer', 1];

/**
 * Calls one binding. The bindings catch every C++ exception and return { error, parameter }
 * instead; the stack guard is for anything that still escapes (a trap), so that the shadow stack
 * is restored and the module keeps working.
 */
function call(core, name, args) {
  const sp = core.stackSave();
  let result;
  try {
    result = core[name](args);
  } catch (cause) {
    core.stackRestore(sp);
    throw new LabError(`${name}: internal error in the WebAssembly core: ${cause?.message ?? cause}`);
  }
  if (result.error !== undefined) throw new LabError(result.error, result.parameter);
  return result;
}

function checkDim(dim) {
  if (dim < 1) throw new LabError(`dim: got ${dim}; accepted: an integer from 1 to 16`, 'dim');
  return dim;
}

export class Lab {
  #core;

  constructor(core) {
    this.#core = core;
  }

  /** Seeded synthetic data (see index.d.ts for the targets). */
  makeDataset(options = {}) {
    const o = readOptions('makeDataset', options, {
      target: ['string', 'classic'],
      nTrain: ['integer', -1],
      nTest: ['integer', -1],
      noise: ['number', -1],
      seed: ['integer', 0],
      dim: ['integer', -1],
    });
    if (o.seed < 0) throw new LabError(`seed: got ${o.seed}; accepted: an integer from 0 to 2^53 − 1`, 'seed');
    for (const name of ['nTrain', 'nTest', 'dim', 'noise']) {
      if (options[name] !== undefined && o[name] < 0) {
        throw new LabError(`${name}: got ${o[name]}; accepted: a non-negative number`, name);
      }
    }
    return call(this.#core, 'makeDataset', o);
  }

  /** Attention weights of queries over keys and the pooled predictions. */
  attend(options) {
    const o = readOptions('attend', options, {
      queries: ['array', options?.leaveOneOut ? options?.keys ?? [] : undefined],
      keys: ['array', undefined],
      values: ['array', undefined],
      dim: DIM,
      kernel: ['string', 'gaussian'],
      width: ['widths', 1],
      p: ['number', 2],
      offset: ['number', 0],
      leaveOneOut: ['boolean', false],
      normalize: ['string', 'keys'],
      returnWeights: ['boolean', true],
    });
    checkDim(o.dim);
    checkShape('queries', o.queries, o.dim);
    checkShape('keys', o.keys, o.dim);
    return call(this.#core, 'attend', o);
  }

  /** K(u) of a kernel at each u (the kernel's shape, for plots). */
  kernelCurve(options) {
    const o = readOptions('kernelCurve', options, {
      kernel: ['string', 'gaussian'],
      u: ['array', undefined],
      offset: ['number', 0],
    });
    return call(this.#core, 'kernelCurve', o).values;
  }

  /** Mean squared error of predictions against a reference; undefined (NaN) predictions make it NaN. */
  meanSquaredError(options) {
    const o = readOptions('meanSquaredError', options, {
      predictions: ['array', undefined],
      truth: ['array', undefined],
    });
    return call(this.#core, 'meanSquaredError', o);
  }

  /** The WASM heap: { heapSize } bytes of linear memory and { inUse } bytes allocated by malloc. */
  memory() {
    return call(this.#core, 'memoryStats', {});
  }
}

/** Resolves to a Lab. Works in node ≥ 20, browsers and workers; needs no network or files. */
export async function createLab() {
  return new Lab(await loadCore());
}
