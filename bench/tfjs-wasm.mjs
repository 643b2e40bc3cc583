// The TF.js-wasm contender of W2 (issue 16 §4): one leave-one-out SGD epoch of d2l 10.2's model
// as a TF.js user writes it with @tensorflow/tfjs-backend-wasm (float32, its SIMD build, one
// thread in node). The pairwise squared differences and the leave-one-out mask are made once per
// data set, outside the timing (a TF.js user prepares them once, as d2l tiles its keys once), so
// each timed epoch is two passes of loss and gradient over n × n tensors. tfjs-core's node bundle
// registers no gradients (the full @tensorflow/tfjs package does), so the gradient is written out
// in tensor ops, the same quotient rule as bench/plain-js.mjs.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { medianMs } from './timing.mjs';
import { TRAIN } from './workloads.mjs';

/** One epoch from w0 (d2l's data x, y as Float64Arrays), as lab.train({ ...TRAIN }) runs it. */
function epochOf(x, y) {
  const n = x.length;
  const [Y, D2, mask, Yrow, Ycol] = tf.tidy(() => {
    const X = tf.tensor1d(Float32Array.from(x));
    const Y = tf.tensor1d(Float32Array.from(y));
    const D = tf.sub(tf.expandDims(X, 1), tf.expandDims(X, 0));
    const mask = tf.where(tf.cast(tf.eye(n), 'bool'), tf.fill([n, n], -Infinity), tf.zeros([n, n]));
    return [Y, tf.square(D), mask, tf.expandDims(Y, 0), tf.expandDims(Y, 1)].map((t) => tf.keep(t));
  });
  // loss(w) = mean_i (f_i − y_i)², f_i = Σ_j a_ij y_j with a_i = softmax_j(−½ w² d_ij²) over j ≠ i;
  // dloss/dw = (2/n) Σ_i (f_i − y_i) Σ_j a_ij (−w d_ij²)(y_j − f_i).
  const lossAndGrad = (w) => {
    const a = tf.softmax(tf.add(tf.mul(D2, -0.5 * w * w), mask));
    const f = tf.matMul(a, Ycol);
    const r = tf.sub(tf.squeeze(f, [1]), Y);
    const dfdw = tf.sum(tf.mul(tf.mul(a, tf.mul(D2, -w)), tf.sub(Yrow, f)), 1);
    return [tf.mean(tf.square(r)).dataSync()[0], tf.mul(2 / n, tf.sum(tf.mul(r, dfdw))).dataSync()[0]];
  };
  const epoch = () => tf.tidy(() => {
    const [l0, g0] = lossAndGrad(TRAIN.w0);
    const w1 = TRAIN.w0 - TRAIN.lr * g0;
    const [l1] = lossAndGrad(w1);
    return [l0, l1];
  });
  return { epoch, dispose: () => tf.dispose([Y, D2, mask, Yrow, Ycol]) };
}

/**
 * W2 at each size: { ms: { 'W2/50': median ms, … }, agreement (largest relative difference of
 * the two losses from the lab's, float32 against float64), version, simd, threads }.
 */
export async function runTfjs(lab, data, sizes, { reps = 5 } = {}) {
  await tf.setBackend('wasm');
  await tf.ready();
  const ms = {};
  let agreement = 0;
  for (const n of sizes) {
    const d = data(n);
    const { epoch, dispose } = epochOf(d.xTrain, d.yTrain);
    const want = lab.train({ x: d.xTrain, y: d.yTrain, ...TRAIN }).loss;
    const got = epoch();
    for (let k = 0; k < 2; k++) agreement = Math.max(agreement, Math.abs(got[k] - want[k]) / Math.abs(want[k]));
    ms[`W2/${n}`] = medianMs(() => epoch()[1], reps);
    dispose();
  }
  return {
    ms,
    agreement,
    version: tf.version_core,
    simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'),
    threads: tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'),
  };
}
