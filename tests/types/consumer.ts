// Compiled with `tsc --noEmit` by npm test: a course script as a TypeScript user writes it.
// Lines marked @ts-expect-error must fail to type-check, proving the declarations reject misuse.
import { createLab, LabError, type AttendOptions, type Dataset } from 'attention-pooling-lab';

async function main(): Promise<void> {
  const lab = await createLab();
  const data: Dataset = lab.makeDataset({ target: 'classic', seed: 3, nTrain: 100 });
  const x: Float64Array = data.xTrain;
  const options: AttendOptions = { queries: data.xTest, keys: x, values: data.yTrain, width: 0.5 };
  const out = lab.attend(options);
  const w: Float64Array = out.weights;
  const undefinedQueries: Int32Array = out.undefinedQueries;
  const mse: number = lab.meanSquaredError({ predictions: out.predictions, truth: data.yTest }).mse;
  const shape: Float64Array = lab.kernelCurve({ kernel: 'epanechikov', u: [0, 0.5, 1] });
  console.log(w.length, undefinedQueries.length, mse, shape.length);

  const t = lab.train({ x, y: data.yTrain, w0: 0.5, epochs: 5, leaveOneOut: false, reduction: 'mean' });
  const lastW: number = t.w[t.w.length - 1];
  const sel = lab.selectWidth({ x, y: data.yTrain });
  const c = lab.classify({ x, labels: [0, 1], queries: [0.5], width: sel.width });
  const decision: Float64Array | null = c.decision;
  const curve = lab.consistency({ nValues: [50, 100], rule: 'shrinking' });
  console.log(lastW, decision?.length, curve.bias2[0]);
  // @ts-expect-error placement is one of two names
  lab.train({ x, y: data.yTrain, placement: 'middle' });

  try {
    lab.attend({ ...options, width: -1 });
  } catch (e) {
    if (e instanceof LabError) console.log(e.parameter?.toUpperCase());
  }

  // @ts-expect-error unknown kernel name
  lab.attend({ ...options, kernel: 'gauss' });
  // @ts-expect-error width must be a number or numbers
  lab.attend({ ...options, width: 'wide' });
  const reused: Float64Array = lab.attend({ ...options, weightsInto: new Float64Array(w.length) }).weights;
  // @ts-expect-error weightsInto takes a Float64Array only (the weights are doubles)
  lab.attend({ ...options, weightsInto: new Float32Array(w.length) });
  console.log(reused.length);
  // @ts-expect-error keys are required
  lab.attend({ queries: data.xTest, values: data.yTrain });
  const img = lab.attentionImage({ queries: data.xTest, keys: x, values: data.yTrain, width: 0.5, rows: 50, cols: 200 });
  const cells: Float64Array = img.image;
  const imgRows: number = img.rows;
  console.log(cells.length, imgRows, img.predictions.length);
  lab.looCurve({ x, y: data.yTrain, widths: [0.1, 1], algorithm: 'brute-force' });
  const perCoordinate: Float64Array = lab.looCurve({ x: [0, 0, 1, 1], y: [1, 2], dim: 2, widths: [0.5, 2], perCoordinate: true }).mse;
  console.log(perCoordinate[0]);
  const ring = lab.makeDataset({ target: 'sphere', dim: 2, radiusSpread: 0.3 });
  const dp = lab.dotProductAttention({ queries: ring.xTest, keys: ring.xTrain, values: ring.yTrain, dim: 2, width: 0.5 });
  const gap: number = lab.maxAbsDifference({ a: dp.weights, b: dp.weights });
  const radii: Float64Array | undefined = ring.radiusTrain;
  console.log(dp.scale, gap, radii?.length);
  // @ts-expect-error scale is a number
  lab.dotProductAttention({ queries: ring.xTest, keys: ring.xTrain, values: ring.yTrain, scale: 'big' });
  const flipped: Float64Array = lab.parametricWeights({ queries: data.xTest, keys: x, placement: 'after-square', w: -0.5 });
  console.log(flipped.length);
  // @ts-expect-error reduction belongs to the loss, not to the weights
  lab.parametricWeights({ queries: data.xTest, keys: x, w: 1, reduction: 'sum' });
  const ball = lab.unitBall({ p: Infinity, points: 64, widths: [0.5, 1] });
  const ballX: Float64Array = ball.x;
  const slope: number = lab.fitPowerLaw({ x: [10, 100], y: [1, 0.1] }).exponent;
  const rate: number = lab.minimaxRate({ dim: 2 });
  console.log(ballX.length, ball.y.length, slope, rate);
  // @ts-expect-error dim is required
  lab.minimaxRate({});
  // @ts-expect-error exponent is a number
  lab.fitPowerLaw({ x: [1], y: [1], exponent: 'free' });
  // @ts-expect-error rows and cols are required
  lab.attentionImage({ queries: data.xTest, keys: x, values: data.yTrain });
  // @ts-expect-error unknown algorithm
  lab.selectWidth({ x, y: data.yTrain, algorithm: 'fastest' });
  // @ts-expect-error unknown target
  lab.makeDataset({ target: 'sinus' });
  // The declarations accept what the code accepts (issue 17): typed arrays of numbers and number[] ...
  lab.meanSquaredError({ predictions: new Float32Array([1, 2]), truth: new Int32Array([1, 2]) });
  // @ts-expect-error ... and refuse BigInt arrays, which the code refuses with a LabError
  lab.meanSquaredError({ predictions: new BigInt64Array(2), truth: [1, 2] });
  // @ts-expect-error ... and array-likes, refused the same way
  lab.meanSquaredError({ predictions: { length: 2, 0: 1, 1: 2 }, truth: [1, 2] });
  // @ts-expect-error classify has no returnWeights option
  lab.classify({ x, labels: [0, 1], queries: [0.5], returnWeights: true });
  const budget: number = lab.limits().budgetSeconds;
  const maxPoints: number = lab.limits().maxPoints;
  console.log(budget, maxPoints);
}

main();
