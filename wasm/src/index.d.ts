// Types of the Attention Pooling Lab JS API. Arrays are accepted as Float64Array, any typed array
// or number[]; results are fresh Float64Array/Int32Array objects the caller owns (no views into
// WASM memory, nothing to delete()). Every mistake throws a LabError naming the option.

/** A list of numbers; point sets are flat row-major arrays of n × dim numbers. */
export type Numbers = Float64Array | ArrayLike<number>;

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
  /** 1 … 200000; default per target. */
  nTrain?: number;
  /** 1 … 200000 (rounded down to a full grid for dim > 1); default per target. */
  nTest?: number;
  /** Noise standard deviation 0 … 100 (two-class: class spread > 0); default per target. */
  noise?: number;
  /** Integer 0 … 2^53 − 1; the same seed gives bit-identical data in node, browsers and natively. */
  seed?: number;
  dim?: number;
}

export interface Dataset {
  xTrain: Float64Array;
  yTrain: Float64Array;
  xTest: Float64Array;
  /** The noise-free truth at xTest. */
  yTest: Float64Array;
  dim: number;
}

export interface AttendOptions {
  /** Defaults to keys when leaveOneOut is true. */
  queries?: Numbers;
  keys: Numbers;
  values: Numbers;
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
  /** 'keys': rows sum to 1 (Nadaraya–Watson). 'queries': columns sum to 1 (the forum's Lenrek as written). */
  normalize?: 'keys' | 'queries';
  /** false: predictions only, without the n_queries × n_keys matrix. Default true. */
  returnWeights?: boolean;
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

export interface Lab {
  makeDataset(options?: DatasetOptions): Dataset;
  attend(options: AttendOptions): Attention;
  /** K(|u|) at each u: the kernel's shape. */
  kernelCurve(options: { kernel?: KernelName; u: Numbers; offset?: number }): Float64Array;
  meanSquaredError(options: { predictions: Numbers; truth: Numbers }): ErrorSummary;
  /** WASM heap bytes: linear memory size and bytes allocated by malloc. */
  memory(): { heapSize: number; inUse: number };
}

/** Loads the WebAssembly core once per JS realm (node ≥ 20, browsers, workers) and resolves to a Lab. */
export function createLab(): Promise<Lab>;
