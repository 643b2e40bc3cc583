// The exercises' templates (web/exercises/<id>.html), for the <attention-pooling-lab> element,
// which builds its markup at run time; the page has it prerendered and does not load these.
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

/** The template of exercise `id` (its text still to be filled by web/i18n.js localizeHtml). */
export const TEMPLATES = {
  'kernel-regression': kernelRegressionHtml,
  'kernels': kernelsHtml,
  'dot-product': dotProductHtml,
  'leave-one-out': leaveOneOutHtml,
  'after-square': afterSquareHtml,
  'per-coordinate': perCoordinateHtml,
  'lenrek': lenrekHtml,
  'minkowski': minkowskiHtml,
  'more-data': moreDataHtml,
  'parzen': parzenHtml,
};
