// The exercises: each one is its markup (web/exercises/<id>.html: math, placeholders for text,
// controls and plots; web/exercise-templates.js) and a mount function that drives it through the
// JS API. The page, the ?exercise=<id> embed and the <attention-pooling-lab> element all use this
// one list; the page's markup is prerendered (scripts/build.mjs), so only the element's bundle
// carries the templates.
import order from './exercises/index.json';
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
  'kernel-regression': { mount: mountKernelRegression },
  kernels: { mount: mountKernels },
  'dot-product': { mount: mountDotProduct },
  'leave-one-out': { mount: mountLeaveOneOut },
  'more-data': { mount: mountMoreData },
  lenrek: { mount: mountLenrek },
  'after-square': { mount: mountAfterSquare },
  'per-coordinate': { mount: mountPerCoordinate },
  parzen: { mount: mountParzen },
  minkowski: { mount: mountMinkowski },
};

/** [{ id, mount }] in page order (web/exercises/index.json, which the build also reads). */
export const EXERCISES = order.map((id) => {
  if (!BY_ID[id]) throw new Error(`web/exercises/index.json names '${id}', which exercises.js does not know`);
  return { id, ...BY_ID[id] };
});

export const exerciseById = (id) => EXERCISES.find((e) => e.id === id);
