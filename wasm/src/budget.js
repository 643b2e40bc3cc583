// The work budget: every call that can run long estimates its work from its sizes before anything
// is copied into WASM memory, and refuses a call that would take more than about a minute on a
// laptop (a WASM call cannot be interrupted, so a page or script would freeze until it ends).
// Estimates are upper bounds of the shape of the work (pairs × epochs, widths × n², classes ×
// pairs, …) times a measured cost per unit; they never look at the data's values.
import { LabError } from './errors.js';

/** Seconds one call may take. */
export const BUDGET_SECONDS = 60;

/**
 * Nanoseconds per unit of work, a + b·dim (dim = coordinates per point). Calibrated with
 * `node bench/budget.mjs` (the WASM module in node 20 on the project's 2-core Xeon VM, which is
 * loaded and no faster than a laptop), on 2026-12-03: the measured ns per unit at dim 1, 2 and 16,
 * rounded up to the line a + b·dim above all three, so that the estimate is not below the real
 * work. bench/budget.mjs prints measured against modelled cost for each.
 *   pool        attend/attentionImage/classify ('auto'), per query–key pair
 *   poolBrute   attend with algorithm 'brute-force', per pair
 *   dot         dotProductAttention, per pair
 *   parametric  predictParametric/parametricWeights/parametricErrors, per pair (and w)
 *   train       train (per pair and epoch) and lossLandscape (per pair and w): loss + gradient
 *   loo         looCurve per pair and width; selectWidth per pair and evaluated width
 */
export const COST_NS = {
  pool: [6, 1],
  poolBrute: [14, 1],
  dot: [6, 1],
  parametric: [20, 4],
  train: [60, 10],
  loo: [6, 6],
};

/** Widths selectWidth evaluates at most: a 64-point grid, then up to 60 golden-section steps and 2 to start them. */
export const SELECT_WIDTH_EVALUATIONS = 126;

/** Seconds of `units` units of work of kind `cost` with points of `dim` coordinates. */
export function seconds(cost, units, dim) {
  const [a, b] = COST_NS[cost];
  return (units * (a + b * dim)) / 1e9;
}

const round = (s) => (s >= 1e6 ? s.toExponential(1).replace('e+', 'e') : s >= 10 ? String(Math.round(s)) : s.toFixed(1));
const big = (n) => (n >= 1e6 ? n.toExponential(2).replace('e+', 'e') : String(n));

/**
 * Throws a LabError naming `parameter` (the option to reduce) when the work exceeds the budget.
 * `what` says what was counted ("4e10 query–key pairs"), `advice` how to stay within it.
 */
export function checkBudget(parameter, cost, units, dim, what, advice) {
  const s = seconds(cost, units, dim);
  if (s <= BUDGET_SECONDS) return;
  throw new LabError(
    `${parameter}: this call would take about ${round(s)} s (${big(units)} ${what}); the work budget is ` +
      `${BUDGET_SECONDS} s per call; accepted: ${advice}`,
    parameter,
  );
}

/** How many units of work of kind `cost` (each `perUnit` units) fit in the budget at `dim`. */
export function unitsWithin(cost, dim, perUnit = 1) {
  const [a, b] = COST_NS[cost];
  return (BUDGET_SECONDS * 1e9) / (a + b * dim) / perUnit;
}
