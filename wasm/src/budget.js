// The work budget: every call that can run long estimates its work from its sizes before anything
// is copied into WASM memory, and refuses a call that would take more than about a minute on a
// laptop (a WASM call cannot be interrupted, so a page or script would freeze until it ends).
// Estimates are upper bounds of the shape of the work (pairs × epochs, widths × n², classes ×
// pairs, …) times a measured cost per unit; they never look at the data's values.
import { LabError } from './errors.js';

/** Seconds one call may take. */
export const BUDGET_SECONDS = 60;

/**
 * Nanoseconds per unit of work at dim 1, 2 and 16 (coordinates per point; linear in between).
 * Calibrated with `node bench/budget.mjs` (the WASM module in node 20 on the project's 2-core
 * Xeon VM) on 2026-12-03, in two runs. The first ran at a load average of 12–16 (six jobs on two
 * cores) and measured up to 4× the second; a laptop running the lab is not loaded like that, so
 * the costs are the second run's largest ns per unit of each kind and dim, times 1.5 and rounded
 * up. Measured (ns/unit at dim 1 / 2 / 16; second run, first run in brackets):
 *   pool 8.2 / 8.0 / 16.0 (7.7 / 17.3 / 50.2)    poolBrute 9.3 / 15.2 / 25.4 (9.9 / 16.1 / 25.7)
 *   dot 9.8 / 6.4 / 12.9 (52.3 / 9.3 / 12.3)     parametric 3.5 / 6.4 / 13.3 (7.7 / 6.8 / 14.3)
 *   train 24 / 54 / 185 (97 / 120 / 310)        landscape 4.0 / 4.6 / 40.3 (6.5 / 15.4 / 34.9)
 *   loo 2.7 / 9.7 / 20.0 (8.2 / 24.9 / 38.3)     select 1.15 / 7.7 / 15.6 (2.6 / 24.9 / 34.6)
 * So on a machine as loaded as the first run a call estimated at the budget can take up to about
 * three times as long.
 *   pool        attend/attentionImage ('auto'), per query–key pair; classify per pair × (classes + 1)
 *   poolBrute   attend with algorithm 'brute-force', per pair
 *   dot         dotProductAttention, per pair
 *   parametric  predictParametric/parametricWeights/parametricErrors, per pair (and w)
 *   train       train, per pair and epoch (loss, gradient and step)
 *   landscape   lossLandscape, per pair and w
 *   loo         looCurve, per pair and width
 *   select      selectWidth (and consistency's rule 'loo'), per pair and evaluated width
 *   looFast     looCurve/selectWidth on 1-D data with a kernel the core sums in O(n) per width
 *               (see fastLoo), per point and width: measured 68–102 ns (looCurve, 50 widths, and
 *               selectWidth at n = 10,000 and 100,000, CPU time on the loaded VM), times 4
 */
export const COST_NS = {
  pool: [13, 12, 24],
  poolBrute: [14, 23, 38],
  dot: [15, 10, 20],
  parametric: [6, 10, 20],
  train: [36, 81, 278],
  landscape: [7, 7, 61],
  loo: [5, 15, 30],
  select: [2, 12, 24],
  looFast: [400, 400, 400],
};

/** Nanoseconds per unit of work of kind `cost` at `dim` (piecewise linear through dim 1, 2, 16). */
export function nsPerUnit(cost, dim) {
  const [at1, at2, at16] = COST_NS[cost];
  if (dim <= 1) return at1;
  return at2 + ((at16 - at2) * (Math.min(dim, 16) - 2)) / 14;
}

/** Widths selectWidth evaluates at most: a 64-point grid, then up to 100 steps of Brent's method (core/src/bandwidth.cpp). */
export const SELECT_WIDTH_EVALUATIONS = 164;

/**
 * Kernels whose leave-one-out sums the core computes in O(n) per width for 1-D data (mirrors
 * detail::Loo1d::supports: the Gaussian and the compact kernels), with the default algorithm.
 */
const FAST_LOO_KERNELS = new Set(['gaussian', 'boxcar', 'triangular', 'epanechikov', 'epanechnikov']);

/** Whether leave-one-out at `dim` with `kernel` and `algorithm` takes the core's O(n)-per-width path. */
export function fastLoo(dim, kernel, algorithm = 'auto') {
  return dim === 1 && algorithm === 'auto' && FAST_LOO_KERNELS.has(kernel);
}

/** Seconds of `units` units of work of kind `cost` with points of `dim` coordinates. */
export function seconds(cost, units, dim) {
  return (units * nsPerUnit(cost, dim)) / 1e9;
}

/** Seconds to two significant digits (an estimate, not a measurement): 90000, 520, 75, 4.2. */
const round = (s) => (s >= 1e15 ? s.toExponential(1).replace('e+', 'e') : String(Number(s.toPrecision(2))));
const big = (n) => (n >= 1e6 ? n.toExponential(2).replace('e+', 'e') : String(n));

/**
 * Throws a LabError naming `parameter` (the option to reduce) when the work exceeds the budget.
 * `what` says what was counted ("4e10 query–key pairs"), `advice` how to stay within it (or a
 * function returning it, called only then: attend's call overhead is measured in microseconds).
 */
export function checkBudget(parameter, cost, units, dim, what, advice) {
  const s = seconds(cost, units, dim);
  if (s <= BUDGET_SECONDS) return;
  throw new LabError(
    `${parameter}: this call would take about ${round(s)} s (${big(units)} ${what}); the work budget is ` +
      `${BUDGET_SECONDS} s per call; accepted: ${typeof advice === 'function' ? advice() : advice}`,
    parameter,
  );
}

/** How many units of work of kind `cost` (each `perUnit` units) fit in the budget at `dim`. */
export function unitsWithin(cost, dim, perUnit = 1) {
  return (BUDGET_SECONDS * 1e9) / nsPerUnit(cost, dim) / perUnit;
}
