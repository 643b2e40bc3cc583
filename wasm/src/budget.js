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
 * Xeon VM, shared with other jobs and no faster than a laptop) on 2026-12-03: the largest
 * measured ns per unit of each kind at each dim, times 1.25 and rounded up, so that an estimate
 * is not below the real work. Measured (ns/unit at dim 1 / 2 / 16): pool 7.7 / 17.3 / 50.2,
 * poolBrute 9.9 / 16.1 / 25.7, dot 52.3 / 9.3 / 12.3, parametric 7.7 / 6.8 / 14.3, train
 * 97 / 120 / 310, landscape 6.5 / 15.4 / 34.9, loo 8.2 / 24.9 / 38.3, select 2.6 / 24.9 / 34.6.
 * A second run on a quieter machine measured at most 0.92 of these (dot at dim 1: 9.8, so the
 * first run's 52.3 was load; it is kept, erring on refusing early). select at dim 1 is the
 * exception: 1.15 in the quiet run, 2.6 at a load average of 12–16 (6 jobs on 2 cores); it is
 * 2 (1.7× the quiet run), so that the page's leave-one-out consistency curves of 3,000 points
 * over 20 seeds (about 26 s there) are not refused.
 *   pool        attend/attentionImage ('auto'), per query–key pair; classify per pair × (classes + 1)
 *   poolBrute   attend with algorithm 'brute-force', per pair
 *   dot         dotProductAttention, per pair
 *   parametric  predictParametric/parametricWeights/parametricErrors, per pair (and w)
 *   train       train, per pair and epoch (loss, gradient and step)
 *   landscape   lossLandscape, per pair and w
 *   loo         looCurve, per pair and width
 *   select      selectWidth (and consistency's rule 'loo'), per pair and evaluated width
 */
export const COST_NS = {
  pool: [10, 22, 63],
  poolBrute: [13, 20, 32],
  dot: [65, 12, 16],
  parametric: [10, 9, 18],
  train: [122, 150, 388],
  landscape: [8, 20, 44],
  loo: [10, 31, 48],
  select: [2, 31, 44],
};

/** Nanoseconds per unit of work of kind `cost` at `dim` (piecewise linear through dim 1, 2, 16). */
export function nsPerUnit(cost, dim) {
  const [at1, at2, at16] = COST_NS[cost];
  if (dim <= 1) return at1;
  return at2 + ((at16 - at2) * (Math.min(dim, 16) - 2)) / 14;
}

/** Widths selectWidth evaluates at most: a 64-point grid, then up to 60 golden-section steps and 2 to start them. */
export const SELECT_WIDTH_EVALUATIONS = 126;

/** Seconds of `units` units of work of kind `cost` with points of `dim` coordinates. */
export function seconds(cost, units, dim) {
  return (units * nsPerUnit(cost, dim)) / 1e9;
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
  return (BUDGET_SECONDS * 1e9) / nsPerUnit(cost, dim) / perUnit;
}
