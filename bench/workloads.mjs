// The workloads of `npm run bench`, for the two JS contenders (the WASM module through the lab's
// API, and the plain-JS baseline). bench/native_bench.cpp runs the same calls on the same data.
// Data: d2l's classic target, n_train = n_test = N, seed 0 (bit-identical everywhere).
import * as plain from './plain-js.mjs';

export const SIZES = { W1: [50, 500, 2000, 5000], W2: [50, 500, 2000], W3: [1000], W4: [50, 200, 1000], W1i: [5000] };
export const WIDTH = 0.5; // W1: the page's default width
export const W3_WIDTHS = Float64Array.from({ length: 50 }, (_, k) => 0.01 * 1000 ** (k / 49));
export const TRAIN = { w0: 1, lr: 0.5, epochs: 1, reduction: 'mean' }; // W2: one SGD epoch
export const IMAGE = { rows: 800, cols: 800 }; // W1i: the heatmap at display resolution

export const DESCRIPTIONS = {
  W1: 'Gaussian attention, full N×N weights + predictions (width 0.5)',
  W2: 'one leave-one-out SGD epoch of w (train, epochs 1: loss+gradient at w0, step, loss+gradient at w1)',
  W3: 'leave-one-out MSE at 50 widths 0.01…10',
  W4: 'width selection by global leave-one-out minimisation (Gaussian)',
  W1i: 'attention heatmap at display resolution (attentionImage 800×800 bins), no N×N matrix',
};

/**
 * One call of `workload` at size n through the lab (algorithm 'auto' or 'brute-force'). `reused`
 * (W1 only): the weights go into one array made before the timing (attend's weightsInto), as the
 * native contender's result matrix reuses freed heap; otherwise every call gets a fresh array.
 */
export function wasmCall(lab, workload, d, algorithm = 'auto', { reused = false } = {}) {
  switch (workload) {
    case 'W1': {
      const o = { queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: WIDTH, algorithm };
      if (reused) o.weightsInto = new Float64Array(d.xTest.length * d.xTrain.length);
      return () => lab.attend(o).weights[1];
    }
    case 'W1i':
      return () => lab.attentionImage({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: WIDTH, ...IMAGE }).image[0];
    case 'W2':
      return () => lab.train({ x: d.xTrain, y: d.yTrain, ...TRAIN }).loss[1];
    case 'W3':
      return () => lab.looCurve({ x: d.xTrain, y: d.yTrain, widths: W3_WIDTHS, algorithm }).mse[0];
    case 'W4':
      return () => lab.selectWidth({ x: d.xTrain, y: d.yTrain, algorithm }).width;
    default:
      throw new Error(workload);
  }
}

/** The plain-JS baseline's call for `workload` (null where it has no counterpart); `reused` as in wasmCall. */
export function plainCall(workload, d, { reused = false } = {}) {
  switch (workload) {
    case 'W1': {
      const weights = reused ? new Float64Array(d.xTest.length * d.xTrain.length) : undefined;
      return () => plain.attend(d.xTest, d.xTrain, d.yTrain, WIDTH, weights).predictions[0];
    }
    case 'W2':
      return () => plain.trainEpoch(d.xTrain, d.yTrain, TRAIN.w0, TRAIN.lr).loss[1];
    case 'W3':
      return () => plain.looCurve(d.xTrain, d.yTrain, W3_WIDTHS)[0];
    case 'W4':
      return () => plain.selectWidth(d.xTrain, d.yTrain).width;
    default:
      return null;
  }
}

/**
 * Largest relative difference between the plain-JS baseline and the lab on one size of each
 * workload: the contenders must compute the same thing for the timings to mean anything.
 */
export function agreement(lab, data) {
  const rel = (a, b) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));
  const maxRel = (a, b) => a.reduce((m, v, i) => Math.max(m, rel(v, b[i])), 0);
  const d = data(500);
  const out = {};
  const w = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: WIDTH });
  out.W1 = maxRel(plain.attend(d.xTest, d.xTrain, d.yTrain, WIDTH).predictions, w.predictions);
  out.W2 = maxRel(plain.trainEpoch(d.xTrain, d.yTrain, TRAIN.w0, TRAIN.lr).loss, lab.train({ x: d.xTrain, y: d.yTrain, ...TRAIN }).loss);
  out.W3 = maxRel(plain.looCurve(d.xTrain, d.yTrain, W3_WIDTHS), lab.looCurve({ x: d.xTrain, y: d.yTrain, widths: W3_WIDTHS }).mse);
  const d200 = data(200);
  out.W4 = rel(plain.selectWidth(d200.xTrain, d200.yTrain).mse, lab.selectWidth({ x: d200.xTrain, y: d200.yTrain }).mse);
  return out;
}
