// The exercises: each one is its markup (web/exercises/<id>.html: text, math, placeholders for
// controls and plots) and a mount function that drives it through the JS API. The page, the
// ?exercise=<id> embed and the <attention-pooling-lab> element all use this one list.
import order from './exercises/index.json';
import kernelRegressionHtml from './exercises/kernel-regression.html';
import kernelsHtml from './exercises/kernels.html';
import dotProductHtml from './exercises/dot-product.html';
import leaveOneOutHtml from './exercises/leave-one-out.html';
import afterSquareHtml from './exercises/after-square.html';
import perCoordinateHtml from './exercises/per-coordinate.html';
import lenrekHtml from './exercises/lenrek.html';
import minkowskiHtml from './exercises/minkowski.html';
import moreDataHtml from './exercises/more-data.html';
import parzenHtml from './exercises/parzen.html';
import { mountKernelRegression } from './widgets/kernel-regression.js';
import { mountKernels } from './widgets/kernels.js';
import { mountDotProduct } from './widgets/dot-product.js';
import { mountLeaveOneOut } from './widgets/leave-one-out.js';
import { mountAfterSquare } from './widgets/after-square.js';
import { mountPerCoordinate } from './widgets/per-coordinate.js';
import { mountLenrek } from './widgets/lenrek.js';
import { mountMinkowski } from './widgets/minkowski.js';
import { mountMoreData } from './widgets/more-data.js';
import { mountParzen } from './widgets/parzen.js';

const BY_ID = {
  'kernel-regression': { html: kernelRegressionHtml, mount: mountKernelRegression },
  kernels: { html: kernelsHtml, mount: mountKernels },
  'dot-product': { html: dotProductHtml, mount: mountDotProduct },
  'leave-one-out': { html: leaveOneOutHtml, mount: mountLeaveOneOut },
  'more-data': { html: moreDataHtml, mount: mountMoreData },
  lenrek: { html: lenrekHtml, mount: mountLenrek },
  'after-square': { html: afterSquareHtml, mount: mountAfterSquare },
  'per-coordinate': { html: perCoordinateHtml, mount: mountPerCoordinate },
  parzen: { html: parzenHtml, mount: mountParzen },
  minkowski: { html: minkowskiHtml, mount: mountMinkowski },
};

/** [{ id, html, mount }] in page order (web/exercises/index.json, which the build also reads). */
export const EXERCISES = order.map((id) => {
  if (!BY_ID[id]) throw new Error(`web/exercises/index.json names '${id}', which exercises.js does not know`);
  return { id, ...BY_ID[id] };
});

export const exerciseById = (id) => EXERCISES.find((e) => e.id === id);
