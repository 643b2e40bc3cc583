// The plain-JS baseline: what a learner would write without the lab, straight from the formulas
// (Float64Arrays, Math.exp, every query against every key). Same workloads and results as the
// core's brute force; bench/run.mjs checks the agreement before timing.

/**
 * Gaussian attention of 1-D queries over 1-D keys: full weight matrix and predictions. `weights`:
 * the array to fill (n_queries × n_keys; default a new one).
 */
export function attend(queries, keys, values, width, weights = new Float64Array(queries.length * keys.length)) {
  const nq = queries.length;
  const nk = keys.length;
  const predictions = new Float64Array(nq);
  for (let i = 0; i < nq; i++) {
    const row = i * nk;
    let best = -Infinity;
    for (let j = 0; j < nk; j++) {
      const r = Math.abs(queries[i] - keys[j]) / width;
      const s = -0.5 * r * r;
      weights[row + j] = s;
      if (s > best) best = s;
    }
    let sum = 0;
    for (let j = 0; j < nk; j++) {
      const e = Math.exp(weights[row + j] - best);
      weights[row + j] = e;
      sum += e;
    }
    let f = 0;
    for (let j = 0; j < nk; j++) {
      weights[row + j] /= sum;
      f += weights[row + j] * values[j];
    }
    predictions[i] = f;
  }
  return { weights, predictions };
}

/** Leave-one-out Nadaraya–Watson predictions at one width (keys = queries = x). */
function looPredictions(x, y, width) {
  const n = x.length;
  const f = new Float64Array(n);
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const r = Math.abs(x[i] - x[j]) / width;
      s[j] = -0.5 * r * r;
      if (s[j] > best) best = s[j];
    }
    let sum = 0;
    let weighted = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const k = Math.exp(s[j] - best);
      sum += k;
      weighted += k * y[j];
    }
    f[i] = weighted / sum;
  }
  return f;
}

function looMse(x, y, width) {
  const f = looPredictions(x, y, width);
  let e = 0;
  for (let i = 0; i < x.length; i++) e += (f[i] - y[i]) ** 2;
  return e / x.length;
}

/** Leave-one-out MSE at each width. */
export function looCurve(x, y, widths) {
  return Float64Array.from(widths, (h) => looMse(x, y, h));
}

/**
 * Leave-one-out loss (mean reduction) of d2l 10.2's model f(x_i) = Σ_j softmax_j(−½((x_i − x_j)w)²) y_j
 * and its gradient in w, by the quotient rule.
 */
function lossAndGradient(x, y, w) {
  const n = x.length;
  const s = new Float64Array(n);
  let loss = 0;
  let grad = 0;
  for (let i = 0; i < n; i++) {
    let best = -Infinity;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = x[i] - x[j];
      s[j] = -0.5 * (w * d) ** 2;
      if (s[j] > best) best = s[j];
    }
    let sum = 0;
    let weighted = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const k = Math.exp(s[j] - best);
      sum += k;
      weighted += k * y[j];
    }
    const f = weighted / sum;
    let dfdw = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = x[i] - x[j];
      dfdw += Math.exp(s[j] - best) * -w * d * d * (y[j] - f);
    }
    dfdw /= sum;
    loss += (f - y[i]) ** 2;
    grad += (2 / n) * (f - y[i]) * dfdw;
  }
  return { loss: loss / n, grad };
}

/** One SGD epoch as lab.train({ epochs: 1 }) runs it: loss and gradient at w0, the step, again at w1. */
export function trainEpoch(x, y, w0, lr) {
  const first = lossAndGradient(x, y, w0);
  const w1 = w0 - lr * first.grad;
  const last = lossAndGradient(x, y, w1);
  return { w: [w0, w1], loss: [first.loss, last.loss] };
}

/**
 * Width selection as the core does it (bandwidth.cpp): [lo, hi] from the spacing, a 64-point log
 * grid, then 60 golden-section steps in log h around the best grid point.
 */
export function selectWidth(x, y) {
  const n = x.length;
  let minPositive = Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    lo = Math.min(lo, x[i]);
    hi = Math.max(hi, x[i]);
    for (let j = i + 1; j < n; j++) {
      const r = Math.abs(x[i] - x[j]);
      if (r > 0 && r < minPositive) minPositive = r;
    }
  }
  const a0 = Math.max(0.25 * minPositive, 1e-9);
  const b0 = Math.min(1e9, 4 * (hi - lo));
  const la = Math.log(a0);
  const lb = Math.log(b0);
  const G = 64;
  const grid = [];
  let best = 0;
  const mse = [];
  for (let k = 0; k < G; k++) {
    grid.push(k === 0 ? a0 : k === G - 1 ? b0 : Math.exp(la + ((lb - la) * k) / (G - 1)));
    mse.push(looMse(x, y, grid[k]));
    if (mse[k] < mse[best]) best = k;
  }
  let a = Math.log(grid[Math.max(best - 1, 0)]);
  let b = Math.log(grid[Math.min(best + 1, G - 1)]);
  const invPhi = 0.5 * (Math.sqrt(5) - 1);
  let c = b - invPhi * (b - a);
  let d = a + invPhi * (b - a);
  let fc = looMse(x, y, Math.exp(c));
  let fd = looMse(x, y, Math.exp(d));
  for (let it = 0; it < 60 && b - a > 1e-10; it++) {
    if (fc <= fd) {
      b = d; d = c; fd = fc;
      c = b - invPhi * (b - a);
      fc = looMse(x, y, Math.exp(c));
    } else {
      a = c; c = d; fc = fd;
      d = a + invPhi * (b - a);
      fd = looMse(x, y, Math.exp(d));
    }
  }
  const refined = Math.min(fc, fd);
  return refined < mse[best]
    ? { width: Math.exp(fc <= fd ? c : d), mse: refined }
    : { width: grid[best], mse: mse[best] };
}
