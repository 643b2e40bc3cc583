// Types of the Attention Pooling Lab JS API. Arrays are accepted as Float64Array, another typed
// array of numbers or number[] (exactly the Numbers type: BigInt arrays and array-likes such as
// { length, 0: … } are refused at run time too); results are fresh Float64Array/Int32Array objects
// the caller owns (no views into WASM memory, nothing to delete()). Options are plain objects;
// names they do not declare are refused. Every mistake throws a LabError naming the option, and
// every call that would exceed the work budget (about a minute, see Lab.limits) is refused before
// it starts.

/**
 * A list of numbers (at most 25,000,000); point sets are flat row-major arrays of n × dim numbers.
 * Typed arrays of numbers only: BigInt64Array and BigUint64Array are refused.
 */
export type Numbers =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | readonly number[];

/**
 * Kernels K(r) of the scaled distance r = ‖(q − k)/h‖_p:
 * gaussian exp(−r²/2); boxcar 1{r < 1}; constant 1 (average pooling); triangular max(0, 1 − r),
 * also accepted under d2l v1.0's name 'epanechikov'; epanechnikov ¾·max(0, 1 − r²), the textbook
 * Epanechnikov kernel; lenrek r + offset, the forum's inverse kernel.
 */
export type KernelName =
  | 'gaussian'
  | 'boxcar'
  | 'constant'
  | 'triangular'
  | 'epanechikov'
  | 'epanechnikov'
  | 'lenrek';

export type TargetName = 'classic' | 'v1' | 'surface' | 'sphere' | 'two-class';

export class LabError extends Error {
  name: 'LabError';
  /** The offending option, as spelled in the options object. */
  parameter: string | undefined;
}

export interface DatasetOptions {
  /**
   * classic: d2l 10.2, y = 2 sin x + x^0.8 + N(0, 0.5²), n 50, test grid 0, 0.1, …, 4.9.
   * v1: d2l 11.2, y = 2 sin x + x + N(0, 1), n 40. surface: y = 2 sin x₁ + Σ_{m≥2} cos(1.5 x_m),
   * dim 1–3, test grid on [0, 5)^dim. sphere: unit circle (dim 2) or sphere (dim 3),
   * y = 2 x₁x₂ + x₁. two-class: labels ±1 in yTrain, yTest = P(y = +1 | x).
   */
  target?: TargetName;
  /** Integer 1 … 200000; default per target (omit it for the default: no value stands for it). */
  nTrain?: number;
  /** Integer 1 … 200000 (rounded down to a full grid for dim > 1); default per target. */
  nTest?: number;
  /** Noise standard deviation 0 … 100 (two-class: class spread > 0); default per target. */
  noise?: number;
  /** Integer 0 … 2^53 − 1; the same seed gives bit-identical data in node, browsers and natively. */
  seed?: number;
  /** Integer, within the target's range (classic, v1, two-class: 1; surface: 1 … 3; sphere: 2 or 3); default per target. */
  dim?: number;
  /**
   * sphere only, 0 ≤ s < 1 (default 0): every point, train and test, is moved along its ray to a
   * radius drawn uniformly from [1 − s, 1 + s] (its own random stream: the directions, values and
   * noise stay those of s = 0, and s = 0 is the unit sphere bit for bit). See radiusTrain.
   */
  radiusSpread?: number;
}

export interface Dataset {
  xTrain: Float64Array;
  yTrain: Float64Array;
  xTest: Float64Array;
  /** The noise-free truth at xTest. */
  yTest: Float64Array;
  dim: number;
  /** sphere only: each training point's radius (1 on the unit sphere); absent for other targets. */
  radiusTrain?: Float64Array;
  /** sphere only: each test point's radius. */
  radiusTest?: Float64Array;
}

export interface DotProductAttentionOptions {
  queries: Numbers;
  keys: Numbers;
  values: Numbers;
  /** Coordinates per point, 1 … 16. Default 1. */
  dim?: number;
  /** Scores are qᵀk / scale, scale in [1e-18, 1e18]. Default 1. Not together with width. */
  scale?: number;
  /** σ in [1e-9, 1e9]: scale = σ², the Gaussian of width σ on the unit sphere. Not together with scale. */
  width?: number;
  /** false: predictions only. Default true. */
  returnWeights?: boolean;
}

export interface DotProductAttentionResult {
  /** n_queries × n_keys, row-major; every row sums to 1 (never undefined); empty when returnWeights is false. */
  weights: Float64Array;
  predictions: Float64Array;
  /** The scale used (width² when width was given). */
  scale: number;
}

/** The kernel and the metric of pooling, shared by attend, attentionImage and classify. */
export interface KernelOptions {
  /** Coordinates per point, 1 … 16. Default 1. */
  dim?: number;
  kernel?: KernelName;
  /** One width, or one per coordinate; each in [1e-9, 1e9]. Default 1. */
  width?: number | Numbers;
  /** Minkowski p ≥ 1, Infinity for the max norm. Default 2. */
  p?: number;
  /** lenrek only: K = r + offset, 0 … 1e9. Default 0. */
  offset?: number;
  /** Query i never sees key i; needs queries equal to keys. Default false. */
  leaveOneOut?: boolean;
}

export interface AttendOptions extends KernelOptions {
  /** Defaults to keys when leaveOneOut is true. */
  queries?: Numbers;
  keys: Numbers;
  values: Numbers;
  /** 'keys': rows sum to 1 (Nadaraya–Watson). 'queries': columns sum to 1 (the forum's Lenrek as written). */
  normalize?: 'keys' | 'queries';
  /** false: predictions only, without the n_queries × n_keys matrix. Default true. */
  returnWeights?: boolean;
  algorithm?: Algorithm;
  /**
   * A Float64Array of exactly n_queries × n_keys numbers the weights are written into, and which
   * is returned as `weights`, instead of a new array: reuse one over many calls at large n. Needs
   * returnWeights true; left as it was when the call's options are refused.
   */
  weightsInto?: Float64Array;
}

/**
 * 'auto' (default): keys sorted by their first coordinate give compact kernels and the Gaussian a
 * window, and Gaussian weights below e^−57 of the largest (which cannot change a float64 result)
 * are skipped; results equal the brute force to 1e-12. 'brute-force': every query against every
 * key, the reference.
 */
export type Algorithm = 'auto' | 'brute-force';

export interface AttentionImageOptions extends KernelOptions {
  /** Defaults to keys when leaveOneOut is true. */
  queries?: Numbers;
  keys: Numbers;
  values: Numbers;
  /** Only 'keys' (image rows sum to 1). */
  normalize?: 'keys';
  /** Image rows, 1 … 4096; reduced to the number of queries. Queries are binned by index. */
  rows: number;
  /** Image columns, 1 … 4096; reduced to the number of keys. Keys are binned by index. */
  cols: number;
}

export interface AttentionImage {
  /**
   * rows × cols, row-major: cell (r, c) is the mean over the defined queries of row bin r of their
   * summed weight on the keys of column bin c (each defined row sums to 1); NaN rows where every
   * query of the bin is undefined.
   */
  image: Float64Array;
  rows: number;
  cols: number;
  predictions: Float64Array;
  undefinedQueries: Int32Array;
}

export interface Attention {
  /** n_queries × n_keys, row-major; NaN rows for undefined queries; empty when returnWeights is false. */
  weights: Float64Array;
  /** NaN where undefined (no key with non-zero weight). */
  predictions: Float64Array;
  /** Ascending indices of the undefined queries. */
  undefinedQueries: Int32Array;
}

export interface ErrorSummary {
  /** Mean squared error; NaN when any prediction is undefined. */
  mse: number;
  /** Number of undefined predictions. */
  undefined: number;
}

/** The parametric model of d2l 10.2 (a learnable w; width = 1/w before the square). */
export interface ModelOptions {
  /** Trainable: gaussian, triangular / epanechikov, epanechnikov, lenrek (boxcar and constant are flat in w). */
  kernel?: KernelName;
  /** 'before-square': score −½‖(q − k)∘w‖² (d2l). 'after-square': −‖q − k‖²·w (forum; gaussian only). */
  placement?: 'before-square' | 'after-square';
  /** Minkowski p ≥ 1 (Infinity allowed). Default 2. */
  p?: number;
  /** lenrek only: K = r + offset, 0 … 1e9. Default 0. */
  offset?: number;
  /** Query i leaves out its own key. Default true for training. */
  leaveOneOut?: boolean;
  /** 'sum' Σr² (d2l PyTorch), 'half-sum' ½Σr² (d2l MXNet), 'mean' Σr²/n. Default 'sum'. */
  reduction?: 'sum' | 'half-sum' | 'mean';
  /**
   * 'keys': each query's weights sum to 1 (d2l). 'queries': each key's weights sum to 1 over the
   * queries, as attend's 'queries' (the forum's Lenrek, torch.sum(…, dim=0)); with leaveOneOut,
   * query i's own key is left out before the columns are summed. Every prediction then sums over
   * all keys, so one key that no query reaches makes them all undefined. Default 'keys'.
   */
  normalize?: 'keys' | 'queries';
}

export interface TrainingData {
  /** n × dim training inputs (flat, row-major); they are both the queries and the keys. */
  x: Numbers;
  y: Numbers;
  dim?: number;
}

export interface TrainOptions extends TrainingData, ModelOptions {
  /** Initial w: one shared value or one per coordinate, |w| ≤ 1e9. Default 1. */
  w0?: number | Numbers;
  /** Learning rate > 0. Default 0.5 (d2l). */
  lr?: number;
  /** Full-batch steps, an integer 0 … 100000. Default 5 (d2l). n² × (epochs + 1) is bounded by the work budget. */
  epochs?: number;
  optimizer?: 'sgd' | 'adam';
}

export interface TrainResult {
  /** (epochs + 1) × wSize: w₀ … w_E, row-major. */
  w: Float64Array;
  /** The loss at each of those w (index 0 is what d2l prints as epoch 1). */
  loss: Float64Array;
  /** dL/dw at each of those w, (epochs + 1) × wSize. */
  grad: Float64Array;
  wSize: number;
}

export interface LandscapeOptions extends TrainingData, ModelOptions {
  /** The w values at which to evaluate, wSize numbers per w. */
  ws: Numbers;
  /** 1 (shared w) or dim. Default 1. */
  wSize?: number;
}

export interface PredictParametricOptions extends ModelOptions {
  queries: Numbers;
  keys: Numbers;
  values: Numbers;
  dim?: number;
  w: number | Numbers;
}

export interface ParametricErrorsOptions extends ModelOptions {
  queries: Numbers;
  keys: Numbers;
  values: Numbers;
  /** One finite value per query. */
  truth: Numbers;
  dim?: number;
  /** The w's, one after another (wSize values each). */
  ws: Numbers;
  /** 1 (one shared w) or dim. Default 1. */
  wSize?: number;
}

export interface ParametricWeightsOptions extends Omit<ModelOptions, 'reduction' | 'leaveOneOut' | 'normalize'> {
  queries: Numbers;
  keys: Numbers;
  dim?: number;
  /** Query i leaves out key i (queries must equal keys). Default false. */
  leaveOneOut?: boolean;
  /** One shared w or one per coordinate; after the square it may be negative. */
  w: number | Numbers;
}

export interface WidthSelection {
  /** The global minimiser of the leave-one-out MSE over [lo, hi]. */
  width: number;
  mse: number;
  lo: number;
  hi: number;
  /** The minimum lies at an end of the searched interval (the curve is flat there). */
  atBoundary: boolean;
}

export interface ClassifyOptions extends KernelOptions {
  x: Numbers;
  /**
   * One integer label per row of x, in −2147483647 … 2147483647, at most 256 distinct. There is no
   * returnWeights option (posteriors need no weight matrix).
   */
  labels: Numbers;
  /** Defaults to x when leaveOneOut is true. */
  queries?: Numbers;
}

export interface Classification {
  /** The distinct labels, ascending. */
  classes: Int32Array;
  /** n_queries × classes, rows sum to 1; NaN rows for undefined queries. */
  posteriors: Float64Array;
  /** Predicted label per query (lowest on ties); −2147483648 where undefined. */
  labels: Int32Array;
  /** n_queries × classes joint densities p̂(x, y = c); null for kernels that are not densities (constant, lenrek). */
  parzen: Float64Array | null;
  /** Two classes only: p̂(x, y = c₁) − p̂(x, y = c₀) with c₁ > c₀; else null. */
  decision: Float64Array | null;
  undefinedQueries: Int32Array;
}

export interface ConsistencyOptions {
  target?: TargetName;
  /** Training sizes: 1 to 100 integers, each 1 … 200000 (2 … with rule 'loo'). */
  nValues: Numbers;
  /** Data sets per n (seeds seed … seed + seeds − 1), an integer 1 … 1000. Default 5. */
  seeds?: number;
  /** Integer 0 … 2^53 − 1. Default 0. */
  seed?: number;
  /** As in DatasetOptions: omit for the target's default (a negative value is an error). */
  nTest?: number;
  noise?: number;
  dim?: number;
  kernel?: KernelName;
  /** 'fixed': h = width; 'shrinking': h = c·n^(−1/(4+d)); 'loo': h = selectWidth on each sample. */
  rule?: 'fixed' | 'shrinking' | 'loo';
  width?: number;
  c?: number;
}

export interface ConsistencyResult {
  n: Float64Array;
  /** Error against the noise-free truth, averaged over seeds and test points: mse = bias2 + variance. */
  mse: Float64Array;
  bias2: Float64Array;
  variance: Float64Array;
  /** Mean over seeds of the width used. */
  meanWidth: Float64Array;
}

export interface PowerLawFit {
  /** The slope b on log–log axes. */
  exponent: number;
  /** a in a·x^b. */
  coefficient: number;
  /** a·x^b at every x (NaN where x is not finite and > 0). */
  fitted: Float64Array;
  /** How many (x, y) pairs entered the fit. */
  used: number;
}

export interface Lab {
  makeDataset(options?: DatasetOptions): Dataset;
  attend(options: AttendOptions): Attention;
  /** The attention heatmap at display resolution, in O(n_keys + rows·cols) memory. */
  attentionImage(options: AttentionImageOptions): AttentionImage;
  /** Trains w by full-batch gradient descent (d2l 10.2's recipe by default). */
  train(options: TrainOptions): TrainResult;
  /** The loss L(w) and dL/dw at each w: the landscape the training moves on. */
  lossLandscape(options: LandscapeOptions): { loss: Float64Array; grad: Float64Array };
  /** The parametric model's predictions at the queries for a given w. */
  predictParametric(options: PredictParametricOptions): Float64Array;
  /**
   * Mean squared error against `truth` of predictParametric at each w in ws: a training run's
   * test-error curve in one call. NaN where predictions are undefined, and for a non-finite w.
   */
  parametricErrors(options: ParametricErrorsOptions): Float64Array;
  /**
   * The parametric model's attention weights at w: n_queries × n_keys, row-major, rows sum to 1
   * (NaN rows where no key has weight). After the square a negative w attends to far keys.
   */
  parametricWeights(options: ParametricWeightsOptions): Float64Array;
  /**
   * Leave-one-out MSE per width; NaN (and a count in `undefined`) where a point has no neighbour.
   * With `perCoordinate: true`, `widths` holds rows of `dim` widths (one per coordinate, flat).
   */
  looCurve(options: TrainingData & { kernel?: KernelName; p?: number; widths: Numbers; perCoordinate?: boolean; algorithm?: Algorithm }): {
    mse: Float64Array;
    undefined: Int32Array;
  };
  selectWidth(options: TrainingData & { kernel?: KernelName; p?: number; algorithm?: Algorithm }): WidthSelection;
  /** 1.06·σ̂·n^(−1/(4+d)). */
  ruleOfThumbWidth(options: { x: Numbers; dim?: number }): number;
  classify(options: ClassifyOptions): Classification;
  consistency(options: ConsistencyOptions): ConsistencyResult;
  /**
   * Dot-product attention softmax_j(qᵀk_j / scale) (max-subtracted). On the unit sphere it equals
   * Gaussian attention of width σ when scale = σ² (or width: σ).
   */
  dotProductAttention(options: DotProductAttentionOptions): DotProductAttentionResult;
  /** max_i |a_i − b_i|; NaN in both counts as equal, NaN in one only gives NaN. */
  maxAbsDifference(options: { a: Numbers; b: Numbers }): number;
  /** K(|u|) at each u: the kernel's shape. */
  kernelCurve(options: { kernel?: KernelName; u: Numbers; offset?: number }): Float64Array;
  meanSquaredError(options: { predictions: Numbers; truth: Numbers }): ErrorSummary;
  /**
   * The kernel's unit ball in the plane {u : ‖u ∘ (1/h)‖_p = 1}: `points` (4 … 100000, default 256)
   * boundary points at the angles 2πk/points. p ≥ 1 or Infinity (default 2); widths one or two, each
   * in [1e-9, 1e9] (default 1).
   */
  unitBall(options?: { p?: number; points?: number; widths?: number | Numbers }): { x: Float64Array; y: Float64Array };
  /**
   * y ≈ coefficient·x^exponent by least squares of log y on log x over the pairs with x and y
   * finite and > 0 (NaN errors are skipped, not read as 0). With `exponent` given, only the
   * coefficient is fitted: the guide of that slope through the data. A fit whose a or a·x^b at a used x leaves double precision (0 or ∞) is refused.
   */
  fitPowerLaw(options: { x: Numbers; y: Numbers; exponent?: number }): PowerLawFit;
  /** The exponent −2s/(2s + d) of the minimax MSE rate (Stone 1982); dim 1 … 16, smoothness s in (0, 1e9], default 2: −4/(4 + d). */
  minimaxRate(options: { dim: number; smoothness?: number }): number;
  /**
   * WASM heap bytes: linear memory size, bytes allocated by malloc now, and the most malloc has
   * held at any time (its peak footprint since the module loaded).
   */
  memory(): { heapSize: number; inUse: number; peak: number };
  /** The core's hard limits and the work budget in seconds: what every call is checked against. */
  limits(): Limits;
}

export interface Limits {
  maxPoints: number;
  maxDim: number;
  maxWeightEntries: number;
  maxAbsCoordinate: number;
  minWidth: number;
  maxWidth: number;
  maxImageSide: number;
  maxEpochs: number;
  maxSeeds: number;
  maxNValues: number;
  maxClasses: number;
  minBallPoints: number;
  maxBallPoints: number;
  maxSmoothness: number;
  /** Seconds one call may be estimated to take; longer calls are refused before they start. */
  budgetSeconds: number;
}

/**
 * Loads the WebAssembly core once per JS realm (node ≥ 20, browsers, workers) and resolves to a Lab.
 * In node the core is read from core.wasm beside the module; in browsers it is compiled while it
 * downloads. `module`: an already compiled core (e.g. posted by a page to its worker) to
 * instantiate instead; anything else is a LabError naming `module`.
 */
export function createLab(options?: { module?: WebAssembly.Module }): Promise<Lab>;
