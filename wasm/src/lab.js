// The lab object: defaults, JS-side checks, the call into WASM and error translation.
import createCore from '../gen/core.mjs';
import { compileCore } from '#core-source';
import { BUDGET_SECONDS, checkBudget, fastLoo, nsPerUnit, SELECT_WIDTH_EVALUATIONS, unitsWithin } from './budget.js';
import { LabError } from './errors.js';
import { checkShape, LIMITS, readOptions, setLimits } from './options.js';

let corePromise = null;
let compiledCore = null;

/**
 * The glue instantiates the compiled module through its instantiateWasm hook, so that it never
 * fetches anything itself (its own loader calls fetch on a file path in node 20). A failing
 * instantiation rejects instead of leaving the glue's promise pending forever.
 */
function instantiate(module) {
  return new Promise((resolve, reject) => {
    createCore({
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module), reject);
        return {}; // the exports arrive through receive()
      },
    }).then(resolve, reject);
  });
}

/**
 * One WASM instance per JS realm, shared by every lab (and every page widget). `module`: an
 * already compiled core (a worker gets the page's), else #core-source compiles it once.
 */
function loadCore(module) {
  if (module !== undefined && !(module instanceof WebAssembly.Module)) {
    const got = module === null ? 'null' : typeof module;
    return Promise.reject(new LabError(`module must be a WebAssembly.Module (the compiled core), got ${got}`, 'module'));
  }
  corePromise ??= (async () => {
    const compiled = module ?? (await compileCore());
    const core = await instantiate(compiled);
    setLimits(core.limits({}));
    compiledCore = compiled;
    return core;
  })().catch((cause) => {
    corePromise = null;
    throw new LabError(`could not load the WebAssembly core: ${cause?.message ?? cause}`);
  });
  return corePromise;
}

const DIM = ['integer', 1, [1, 'maxDim']];
/** A seed: any integer a double holds exactly. */
const SEED = ['integer', 0, [0, 2 ** 53 - 1]];
/** makeDataset's sizes: null (not given) lets the core use the target's default. */
const SIZE = ['integer', null, [1, 'maxPoints']];

/** The compiled core this realm's labs run on (null until one has loaded), e.g. to post to a worker. */
export function loadedCoreModule() {
  return compiledCore;
}

/** Options of the parametric model (d2l 10.2), shared by train, lossLandscape, predictParametric. */
const MODEL = {
  kernel: ['string', 'gaussian'],
  placement: ['string', 'before-square'],
  p: ['number', 2],
  offset: ['number', 0],
  leaveOneOut: ['boolean', true],
  reduction: ['string', 'sum'],
  normalize: ['string', 'keys'],
};

/** Training data x (n × dim, flat) with targets y. */
const DATA = { x: ['array', undefined], y: ['array', undefined], dim: DIM };

/**
 * Calls one binding. The bindings catch every C++ exception and return { error, parameter }
 * instead; the stack guard is for anything that still escapes (a trap), so that the shadow stack
 * is restored and the module keeps working.
 */
function call(core, name, ...args) {
  return callRenamed(core, name, undefined, ...args);
}

/**
 * `call`, with the core's parameter names mapped to the option names of this JS function where
 * they differ (`renames`, e.g. the core's "width" is unitBall's option "widths").
 */
function callRenamed(core, name, renames, ...args) {
  const sp = core.stackSave();
  let result;
  try {
    result = core[name](...args);
  } catch (cause) {
    core.stackRestore(sp);
    throw new LabError(`${name}: internal error in the WebAssembly core: ${cause?.message ?? cause}`);
  }
  if (result?.error !== undefined) throw coreError(result.error, result.parameter, renames);
  return result;
}

function coreError(fullMessage, parameter, renames) {
  // The core quotes a bad name whole ('gauss'): a 100,000-character one is cut.
  const message = fullMessage.replace(/'([^']{60})[^']+'/g, "'$1…'");
  const renamed = renames?.[parameter];
  if (renamed === undefined) return new LabError(message, parameter);
  const text = message.startsWith(`${parameter}:`) ? renamed + message.slice(parameter.length) : message;
  return new LabError(text, renamed);
}

const OUT_OF_MEMORY =
  'out of memory: the call needs more than the 1 GiB the module may use; try fewer points, or returnWeights: false';

/** Each core's result table (see Results in bindings.cpp), as an index into HEAPF64. */
const tables = new WeakMap();

/**
 * Calls one plain-argument binding: each array is copied into the module's memory (one block,
 * freed afterwards) and passed as its address and length, followed by `args`; the results are
 * copied out of the core's result table, slot k to `outputs[k]` = [name, kind], kind 'f64', 'i32',
 * 'number', 'boolean', or 'f64?' (an array, null when empty), except that an array the binding
 * returns is the first output. `into`: a Float64Array the first output is copied into (and
 * returned as) instead of a new array. A few crossings into the module instead of the several
 * hundred of an options object read property by property.
 */
function heapCall(core, name, arrays, args, outputs, renames = undefined, into = null) {
  let length = 0;
  for (const a of arrays) length += a.length;
  // More than 2^27 doubles (1 GiB, all the module may hold) would also overflow malloc's size.
  const block = length > 2 ** 27 ? 0 : core._malloc(Math.max(8, length * 8));
  if (!block) throw new LabError(OUT_OF_MEMORY);
  let returned;
  try {
    const heap = core.HEAPF64; // after malloc, which may grow (and so replace) the memory
    const pointers = [];
    let at = block / 8;
    for (const a of arrays) {
      heap.set(a, at);
      pointers.push(at * 8, a.length);
      at += a.length;
    }
    returned = callRenamed(core, name, renames, ...pointers, ...args);
  } catch (error) {
    core.releaseResults();
    throw error;
  } finally {
    core._free(block);
  }
  let table = tables.get(core);
  if (table === undefined) tables.set(core, (table = core.resultTable() / 8));
  const f64 = core.HEAPF64;
  const result = {};
  for (let k = 0; k < outputs.length; k++) {
    const [key, kind] = outputs[k];
    const address = f64[table + 2 * k], n = f64[table + 2 * k + 1];
    if (k === 0 && returned !== undefined) result[key] = returned;
    else if (k === 0 && into !== null) {
      into.set(f64.subarray(address / 8, address / 8 + n));
      result[key] = into;
    } else if (kind === 'number') result[key] = address;
    else if (kind === 'boolean') result[key] = address !== 0;
    else if (kind === 'f64') result[key] = f64.slice(address / 8, address / 8 + n);
    else if (kind === 'f64?') result[key] = n === 0 ? null : f64.slice(address / 8, address / 8 + n);
    else result[key] = core.HEAP32.slice(address / 4, address / 4 + n);
  }
  core.releaseResults();
  return result;
}

const ATTEND_OUT = [['weights', 'f64'], ['predictions', 'f64'], ['undefinedQueries', 'i32']];
const IMAGE_OUT = [['image', 'f64'], ['rows', 'number'], ['cols', 'number'], ['predictions', 'f64'], ['undefinedQueries', 'i32']];
const TRAIN_OUT = [['w', 'f64'], ['loss', 'f64'], ['grad', 'f64']];
const LANDSCAPE_OUT = [['loss', 'f64'], ['grad', 'f64']];
const PREDICTIONS_OUT = [['predictions', 'f64']];
const WEIGHTS_OUT = [['weights', 'f64']];
const DOT_PRODUCT_OUT = [['weights', 'f64'], ['predictions', 'f64'], ['scale', 'number']];
const LOO_CURVE_OUT = [['mse', 'f64'], ['undefined', 'i32']];
const SELECT_WIDTH_OUT = [['width', 'number'], ['mse', 'number'], ['lo', 'number'], ['hi', 'number'], ['atBoundary', 'boolean']];
const CLASSIFY_OUT = [['classes', 'i32'], ['posteriors', 'f64'], ['labels', 'i32'], ['parzen', 'f64?'], ['decision', 'f64?'], ['undefinedQueries', 'i32']];
const MSE_OUT = [['mse', 'number'], ['undefined', 'number']];

/** The kernel and metric arguments of pooling (attend, attentionImage, classify), in the bindings' order. */
const poolingArgs = (o) => [o.dim, o.kernel, o.p, o.offset, o.leaveOneOut, o.normalize];

/** The parametric model's arguments, in the bindings' order. */
const modelArgs = (o, reduction = o.reduction) =>
  [o.kernel, o.placement, o.p, o.offset, o.leaveOneOut, reduction, o.normalize ?? 'keys'];

/**
 * The n_queries × n_keys weight matrix a call returns, checked before anything is copied (the
 * core checks it too, after the copy). Named 'queries', as the core names it.
 */
function checkWeights(nq, nk, returnWeights) {
  if (returnWeights && nq * nk > LIMITS.maxWeightEntries) {
    throw new LabError(
      `queries: ${nq} × ${nk} weights; accepted: n_queries × n_keys ≤ ${LIMITS.maxWeightEntries}, or returnWeights: false`,
      'queries',
    );
  }
}

/**
 * attend's weightsInto: the caller's array for the n_queries × n_keys weights, reused over calls
 * (a fresh Float64Array of 2000 × 2000 numbers cost 3–15 ms in node here: the OS maps and zeroes
 * its pages, while a reused one is written at memory speed).
 */
function checkWeightsInto(into, nq, nk, returnWeights) {
  if (into === null) return;
  if (!returnWeights) {
    throw new LabError('weightsInto: given with returnWeights: false; accepted: omit it, or returnWeights: true', 'weightsInto');
  }
  if (into.length !== nq * nk) {
    throw new LabError(
      `weightsInto: has ${into.length} entries; accepted: a Float64Array of n_queries × n_keys = ${nq} × ${nk} = ${nq * nk}`,
      'weightsInto',
    );
  }
}

/** The kernel, metric and normalisation of pooling, shared by attend, attentionImage and classify. */
const KERNEL = {
  kernel: ['string', 'gaussian'],
  width: ['widths', 1],
  p: ['number', 2],
  offset: ['number', 0],
  leaveOneOut: ['boolean', false],
  normalize: ['string', 'keys'],
};

/** Options of Nadaraya–Watson pooling, shared by attend and attentionImage. */
const POOLING = {
  queries: ['array', (options) => (options.leaveOneOut ? options.keys ?? [] : undefined)],
  keys: ['array', undefined],
  values: ['array', undefined],
  dim: DIM,
  ...KERNEL,
};

// Each method's options (see readOptions), built once.
const ATTEND = { ...POOLING, returnWeights: ['boolean', true], algorithm: ['string', 'auto'], weightsInto: ['float64Array', null] };
const ATTENTION_IMAGE = {
  ...POOLING,
  rows: ['integer', undefined, [1, 'maxImageSide']],
  cols: ['integer', undefined, [1, 'maxImageSide']],
};
const TRAIN = {
  ...DATA,
  ...MODEL,
  w0: ['widths', 1],
  lr: ['number', 0.5],
  epochs: ['integer', 5, [0, 'maxEpochs']],
  optimizer: ['string', 'sgd'],
};
const W_SIZE = ['integer', 1, [1, 'maxDim']];
const LOSS_LANDSCAPE = { ...DATA, ...MODEL, ws: ['array', undefined], wSize: W_SIZE };
const PREDICT_PARAMETRIC = {
  queries: ['array', undefined],
  keys: ['array', undefined],
  values: ['array', undefined],
  dim: DIM,
  ...MODEL,
  leaveOneOut: ['boolean', false],
  w: ['widths', undefined],
};
const PARAMETRIC_ERRORS = {
  queries: ['array', undefined],
  keys: ['array', undefined],
  values: ['array', undefined],
  truth: ['array', undefined],
  ws: ['array', undefined],
  wSize: W_SIZE,
  dim: DIM,
  ...MODEL,
  leaveOneOut: ['boolean', false],
};
const PARAMETRIC_WEIGHTS = {
  queries: ['array', undefined],
  keys: ['array', undefined],
  dim: DIM,
  kernel: MODEL.kernel,
  placement: MODEL.placement,
  p: MODEL.p,
  offset: MODEL.offset,
  leaveOneOut: ['boolean', false],
  w: ['widths', undefined],
};
const CLASSIFY = {
  x: ['array', undefined],
  labels: ['integers', undefined],
  queries: ['array', (options) => (options.leaveOneOut ? options.x ?? [] : undefined)],
  dim: DIM,
  ...KERNEL,
};

/** ws: whole w's of wSize values each; returns how many w's. */
function checkWs(o) {
  const n = o.ws.length / o.wSize;
  if (!Number.isInteger(n)) {
    throw new LabError(
      `ws: length ${o.ws.length} is not a multiple of wSize = ${o.wSize}; accepted: whole w's of wSize values each`,
      'ws',
    );
  }
  return n;
}

/** Checks the point sets of pooling and its work; returns [n_queries, n_keys]. */
function checkPooling(o, brute = false) {
  const nq = checkShape('queries', o.queries, o.dim);
  const nk = checkShape('keys', o.keys, o.dim);
  checkBudget('keys', brute ? 'poolBrute' : 'pool', nq * nk, o.dim, 'query–key pairs',
    () => `fewer queries or keys (n_queries × n_keys ≤ about ${pairsWithin(brute ? 'poolBrute' : 'pool', o.dim)})`);
  return [nq, nk];
}

/** How many units of `cost` fit in the budget at `dim`, for messages. */
function pairsWithin(cost, dim, perUnit = 1) {
  return unitsWithin(cost, dim, perUnit).toExponential(1).replace('e+', 'e');
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
      nTrain: SIZE,
      nTest: SIZE,
      noise: ['number', null, [0, Infinity]],
      seed: SEED,
      dim: ['integer', null, [1, 'maxDim']],
      radiusSpread: ['number', 0],
    });
    return call(this.#core, 'makeDataset', withCoreDefaults(o));
  }

  /** Attention weights of queries over keys and the pooled predictions. */
  attend(options) {
    const o = readOptions('attend', options, ATTEND);
    const [nq, nk] = checkPooling(o, o.algorithm === 'brute-force');
    checkWeights(nq, nk, o.returnWeights || o.normalize === 'queries');
    checkWeightsInto(o.weightsInto, nq, nk, o.returnWeights);
    return heapCall(this.#core, 'attend', [o.queries, o.keys, o.values, o.width],
      [...poolingArgs(o), o.returnWeights, o.algorithm, o.weightsInto ?? undefined], ATTEND_OUT, undefined, o.weightsInto);
  }

  /**
   * The attention heatmap at display resolution (rows × cols bins of summed weights), computed
   * without the n_queries × n_keys matrix; also returns the predictions.
   */
  attentionImage(options) {
    const o = readOptions('attentionImage', options, ATTENTION_IMAGE);
    checkPooling(o);
    return heapCall(this.#core, 'attentionImage', [o.queries, o.keys, o.values, o.width],
      [...poolingArgs(o), o.rows, o.cols], IMAGE_OUT);
  }

  /**
   * Dot-product attention softmax_j(qᵀk_j / scale), rows summing to 1; `width` σ instead of
   * `scale` uses scale = σ² (Gaussian attention of width σ on the unit sphere).
   */
  dotProductAttention(options) {
    const o = readOptions('dotProductAttention', options, {
      queries: ['array', undefined],
      keys: ['array', undefined],
      values: ['array', undefined],
      dim: DIM,
      scale: ['number', 1],
      width: ['number', -1],
      returnWeights: ['boolean', true],
    });
    if (Object.hasOwn(options, 'scale') && Object.hasOwn(options, 'width')) {
      throw new LabError('width: given together with scale; accepted: either scale or width (scale = width²)', 'width');
    }
    if (Object.hasOwn(options, 'width') && !(o.width > 0)) {
      throw new LabError(`width: got ${o.width}; accepted: a finite number in [1e-9, 1e9]`, 'width');
    }
    const nq = checkShape('queries', o.queries, o.dim);
    const nk = checkShape('keys', o.keys, o.dim);
    checkWeights(nq, nk, o.returnWeights);
    checkBudget('keys', 'dot', nq * nk, o.dim, 'query–key pairs',
      `fewer queries or keys (n_queries × n_keys ≤ about ${pairsWithin('dot', o.dim)})`);
    return heapCall(this.#core, 'dotProductAttention', [o.queries, o.keys, o.values],
      [o.dim, o.scale, o.width, o.returnWeights], DOT_PRODUCT_OUT);
  }

  /** max |a_i − b_i| (NaN in both counts as equal; NaN in one only gives NaN). */
  maxAbsDifference(options) {
    const o = readOptions('maxAbsDifference', options, { a: ['array', undefined], b: ['array', undefined] });
    return heapCall(this.#core, 'maxAbsDifference', [o.a, o.b], [], [['value', 'number']]).value;
  }

  /** K(u) of a kernel at each u (the kernel's shape, for plots). */
  kernelCurve(options) {
    const o = readOptions('kernelCurve', options, {
      kernel: ['string', 'gaussian'],
      u: ['array', undefined],
      offset: ['number', 0],
    });
    return heapCall(this.#core, 'kernelCurve', [o.u], [o.kernel, o.offset], [['values', 'f64']]).values;
  }

  /** Trains w by full-batch gradient descent; row e of w/loss/grad is the state before step e + 1. */
  train(options) {
    const o = readOptions('train', options, TRAIN);
    const n = checkShape('x', o.x, o.dim);
    checkBudget('epochs', 'train', n * n * (o.epochs + 1), o.dim, 'pair × epoch evaluations of the loss and its gradient',
      `fewer epochs or points (n² × (epochs + 1) ≤ about ${pairsWithin('train', o.dim)}; with these ${n} points at most ${Math.max(0, Math.floor(unitsWithin('train', o.dim, n * n)) - 1)} epochs)`);
    const r = heapCall(this.#core, 'train', [o.x, o.y, o.w0],
      [o.dim, ...modelArgs(o), o.lr, o.epochs, o.optimizer], TRAIN_OUT);
    r.wSize = o.w0.length;
    return r;
  }

  /** The loss L(w) and dL/dw at each w in ws (ws: one value per w, or wSize values per w). */
  lossLandscape(options) {
    const o = readOptions('lossLandscape', options, LOSS_LANDSCAPE);
    const n = checkShape('x', o.x, o.dim);
    const nw = checkWs(o);
    checkBudget('ws', 'landscape', n * n * nw, o.dim, "pair × w evaluations of the loss and its gradient",
      `fewer w's or points (n² × w's ≤ about ${pairsWithin('landscape', o.dim)})`);
    // The core checks each w as its parametricLoss's "w": here that is an entry of ws.
    return heapCall(this.#core, 'lossLandscape', [o.x, o.y, o.ws], [o.dim, o.wSize, ...modelArgs(o)],
      LANDSCAPE_OUT, { w: 'ws' });
  }

  /** Predictions of the parametric model with weight w at the queries (no leave-one-out). */
  predictParametric(options) {
    const o = readOptions('predictParametric', options, PREDICT_PARAMETRIC);
    checkParametric(o, 1);
    return heapCall(this.#core, 'predictParametric', [o.queries, o.keys, o.values, o.w],
      [o.dim, ...modelArgs(o)], PREDICTIONS_OUT).predictions;
  }

  /**
   * The error against `truth` of predictParametric at each w in ws (one value per w, or wSize
   * values per w): a training run's test-error curve in one call. NaN where the predictions are
   * undefined somewhere, and for a w that is not finite (a diverged run).
   */
  parametricErrors(options) {
    const o = readOptions('parametricErrors', options, PARAMETRIC_ERRORS);
    checkParametric(o, checkWs(o), 'ws');
    return heapCall(this.#core, 'parametricErrors', [o.queries, o.keys, o.values, o.truth, o.ws],
      [o.dim, o.wSize, ...modelArgs(o)], [['mse', 'f64']]).mse;
  }

  /**
   * The parametric model's attention weights at w (n_queries × n_keys, row-major, rows sum to 1),
   * for either placement and either sign of w (after the square, w < 0 attends to far keys).
   */
  parametricWeights(options) {
    const o = readOptions('parametricWeights', options, PARAMETRIC_WEIGHTS);
    checkWeights(...checkParametric(o, 1), true);
    // The reduction is a property of the loss, not of the weights; the binding's model needs one.
    return heapCall(this.#core, 'parametricWeights', [o.queries, o.keys, o.w],
      [o.dim, ...modelArgs(o, 'sum')], WEIGHTS_OUT).weights;
  }

  /**
   * Leave-one-out mean squared error at each width (isotropic widths), or with perCoordinate at
   * each row of dim widths (one per coordinate).
   */
  looCurve(options) {
    const o = readOptions('looCurve', options, {
      ...DATA,
      kernel: ['string', 'gaussian'],
      p: ['number', 2],
      widths: ['array', undefined],
      perCoordinate: ['boolean', false],
      algorithm: ['string', 'auto'],
    });
    const n = checkShape('x', o.x, o.dim);
    const curves = o.perCoordinate ? checkShape('widths', o.widths, o.dim) : o.widths.length;
    if (fastLoo(o.dim, o.kernel, o.algorithm) && !o.perCoordinate) {
      checkBudget('widths', 'looFast', n * curves, 1, 'point × width evaluations',
        `fewer widths (with these ${n} points at most ${Math.floor(unitsWithin('looFast', 1, n))} widths)`);
    } else {
      checkBudget('widths', 'loo', n * n * curves, o.dim, 'pair × width evaluations',
        `fewer widths or points (n² × widths ≤ about ${pairsWithin('loo', o.dim)}; with these ${n} points at most ${Math.floor(unitsWithin('loo', o.dim, n * n))} widths)`);
    }
    return heapCall(this.#core, 'looCurve', [o.x, o.y, o.widths],
      [o.dim, o.kernel, o.p, o.perCoordinate, o.algorithm], LOO_CURVE_OUT);
  }

  /** The width minimising the leave-one-out MSE, searched globally over a data-derived interval. */
  selectWidth(options) {
    const o = readOptions('selectWidth', options, {
      ...DATA,
      kernel: ['string', 'gaussian'],
      p: ['number', 2],
      algorithm: ['string', 'auto'],
    });
    const n = checkShape('x', o.x, o.dim);
    checkSelectWidth('x', n, o.dim, o.kernel, o.algorithm);
    return heapCall(this.#core, 'selectWidth', [o.x, o.y], [o.dim, o.kernel, o.p, o.algorithm], SELECT_WIDTH_OUT);
  }

  /** The normal-reference width 1.06·σ̂·n^(−1/(4+d)). */
  ruleOfThumbWidth(options) {
    const o = readOptions('ruleOfThumbWidth', options, { x: ['array', undefined], dim: DIM });
    checkShape('x', o.x, o.dim);
    return heapCall(this.#core, 'ruleOfThumbWidth', [o.x], [o.dim], [['width', 'number']]).width;
  }

  /** Nadaraya–Watson classification over one-hot labels, with Parzen-window densities. */
  classify(options) {
    const o = readOptions('classify', options, CLASSIFY);
    const n = checkShape('x', o.x, o.dim);
    const nq = checkShape('queries', o.queries, o.dim);
    // One pooling pass per class and one for the Parzen densities; more classes than the core
    // accepts are left to its own message.
    const classes = Math.min(new Set(o.labels).size, LIMITS.maxClasses + 1);
    checkBudget('labels', 'pool', nq * n * (classes + 1), o.dim, 'query–point pairs × (classes + 1)',
      `fewer classes, queries or points (n_queries × n × (classes + 1) ≤ about ${pairsWithin('pool', o.dim)})`);
    // The binding's returnWeights argument is unused by the core's classify (posteriors need no
    // weight matrix); the option is not offered.
    return heapCall(this.#core, 'classify', [o.x, o.labels, o.queries, o.width],
      [...poolingArgs(o), false], CLASSIFY_OUT);
  }

  /** Error against the noise-free truth as n grows, averaged over seeds, split into bias² + variance. */
  consistency(options) {
    const o = readOptions('consistency', options, {
      target: ['string', 'classic'],
      nValues: ['integers', undefined, [1, 'maxPoints']],
      seeds: ['integer', 5, [1, 'maxSeeds']],
      seed: SEED,
      nTest: SIZE,
      noise: ['number', null, [0, Infinity]],
      dim: ['integer', null, [1, 'maxDim']],
      kernel: ['string', 'gaussian'],
      rule: ['string', 'fixed'],
      width: ['number', 0.5],
      c: ['number', 1],
    });
    if (o.nValues.length < 1 || o.nValues.length > LIMITS.maxNValues) {
      throw new LabError(
        `nValues: has ${o.nValues.length} entries; accepted: 1 to ${LIMITS.maxNValues} training sizes`,
        'nValues',
      );
    }
    const args = withCoreDefaults(o);
    // The test-set size and dim the core will use (the target's defaults when not given), from
    // a one-point data set; a bad target or dim is reported here as it would be by the call.
    const probe = call(this.#core, 'makeDataset', { ...withCoreDefaults({ ...o, nTrain: 1 }), radiusSpread: 0 });
    const dim = probe.dim, nTest = probe.xTest.length / dim;
    let units = 0;
    let selectUnits = 0;
    // The core's consistency selects widths with the default algorithm.
    const fast = fastLoo(dim, o.kernel);
    // Per seed and n: the data set and the sorted keys (n·log n), the test predictions, and with
    // rule 'loo' a selectWidth on the sample.
    for (const n of o.nValues) {
      units += n * Math.log2(n + 1) + n * nTest;
      if (o.rule === 'loo') selectUnits += (fast ? n : n * n) * SELECT_WIDTH_EVALUATIONS;
    }
    // Pooling and width selection are counted at their own costs, refused as one sum.
    const total = o.seeds * (units * nsPerUnit('pool', dim) + selectUnits * nsPerUnit(fast ? 'looFast' : 'select', dim));
    checkBudget('seeds', 'pool', total / nsPerUnit('pool', dim), dim,
      o.rule === 'loo' ? 'training–test pairs over all seeds, width selection counted as the pairs of equal cost' : 'training–test pairs over all seeds',
      'fewer seeds, smaller nValues or a smaller nTest');
    return call(this.#core, 'consistency', args);
  }

  /**
   * The kernel's unit ball in the plane, {u : ‖u ∘ (1/h)‖_p = 1}: `points` boundary points at the
   * angles 2πk/points, as { x, y } (one coordinate per array).
   */
  unitBall(options = {}) {
    const o = readOptions('unitBall', options, {
      p: ['number', 2],
      points: ['integer', 256, ['minBallPoints', 'maxBallPoints']],
      widths: ['widths', 1],
    });
    const flat = callRenamed(this.#core, 'unitBall', { width: 'widths' },
      { p: o.p, points: o.points, width: o.widths }).points;
    const x = new Float64Array(o.points);
    const y = new Float64Array(o.points);
    for (let k = 0; k < o.points; k++) {
      x[k] = flat[2 * k];
      y[k] = flat[2 * k + 1];
    }
    return { x, y };
  }

  /**
   * y ≈ coefficient·x^exponent by least squares on log–log axes (pairs with x, y finite and > 0);
   * with `exponent` given, only the coefficient is fitted (a guide of that slope through the data).
   */
  fitPowerLaw(options) {
    const o = readOptions('fitPowerLaw', options, {
      x: ['array', undefined],
      y: ['array', undefined],
      exponent: ['number', null],
    });
    // No exponent: fit it (the binding reads null as "not given").
    return call(this.#core, 'fitPowerLaw', o);
  }

  /** The exponent −2s/(2s + d) of the minimax MSE rate n^(−2s/(2s+d)); s = 2 gives −4/(4 + d). */
  minimaxRate(options) {
    const o = readOptions('minimaxRate', options, {
      dim: ['integer', undefined, [1, 'maxDim']],
      smoothness: ['number', 2],
    });
    return call(this.#core, 'minimaxRate', o).exponent;
  }

  /** Mean squared error of predictions against a reference; undefined (NaN) predictions make it NaN. */
  meanSquaredError(options) {
    const o = readOptions('meanSquaredError', options, {
      predictions: ['array', undefined],
      truth: ['array', undefined],
    });
    return heapCall(this.#core, 'meanSquaredError', [o.predictions, o.truth], [], MSE_OUT);
  }

  /** The WASM heap: { heapSize } bytes of linear memory, { inUse } bytes allocated by malloc, { peak } its high-water mark. */
  memory() {
    return call(this.#core, 'memoryStats', {});
  }

  /**
   * The core's hard limits (points, dim, weight entries, epochs, …) and the work budget in
   * seconds: what every call is checked against before it starts.
   */
  limits() {
    return { ...LIMITS, budgetSeconds: BUDGET_SECONDS };
  }
}

/** Options the core reads as "its default" when negative: not given (null) becomes -1. */
function withCoreDefaults(o) {
  const out = { ...o };
  for (const name of ['nTrain', 'nTest', 'noise', 'dim']) if (out[name] === null) out[name] = -1;
  return out;
}

/** Shapes and work of the parametric model's query calls, `ws` w's (parameter `wsName` to reduce). */
function checkParametric(o, ws, wsName = 'keys') {
  const nq = checkShape('queries', o.queries, o.dim);
  const nk = checkShape('keys', o.keys, o.dim);
  checkBudget(wsName, 'parametric', nq * nk * ws, o.dim, ws > 1 ? "query–key pair × w evaluations" : 'query–key pairs',
    `fewer queries, keys${ws > 1 ? " or w's" : ''} (n_queries × n_keys${ws > 1 ? " × w's" : ''} ≤ about ${pairsWithin('parametric', o.dim)})`);
  return [nq, nk];
}

/** selectWidth's work: up to SELECT_WIDTH_EVALUATIONS leave-one-out curves of n points. */
function checkSelectWidth(parameter, n, dim, kernel, algorithm) {
  if (fastLoo(dim, kernel, algorithm)) {
    checkBudget(parameter, 'looFast', n * Math.log2(n + 1) + n * SELECT_WIDTH_EVALUATIONS, 1, 'point × width evaluations',
      `fewer points (about ${Math.floor(unitsWithin('looFast', 1, SELECT_WIDTH_EVALUATIONS))})`);
    return;
  }
  checkBudget(parameter, 'select', n * n * SELECT_WIDTH_EVALUATIONS, dim, 'pair × width evaluations',
    `fewer points (at dim ${dim}, about ${Math.floor(Math.sqrt(unitsWithin('select', dim, SELECT_WIDTH_EVALUATIONS)))})`);
}

/**
 * Resolves to a Lab. Works in node ≥ 20, browsers and workers. The core is compiled once per JS
 * realm: in node from core.wasm on disk, in browsers streamed from core.wasm beside the script;
 * `module` passes one already compiled (a WebAssembly.Module, e.g. posted by the page to a worker).
 */
export async function createLab({ module } = {}) {
  return new Lab(await loadCore(module));
}
