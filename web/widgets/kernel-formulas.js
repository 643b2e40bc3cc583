// kernel-regression's formula for each kernel: its TeX and the HTML KaTeX typesets it to. In node
// this module typesets them itself; the page's and the element's bundles get the typeset HTML
// from the build (scripts/build.mjs, typesetAtBuild), so switching kernels needs no KaTeX in the
// browser and the page's script carries none.
import { typeset } from '../math.js';

export const FORMULA_TEX = {
  gaussian: String.raw`\alpha(q, k_i) = \frac{\exp\left(-\frac{(q - k_i)^2}{2h^2}\right)}{\sum_j \exp\left(-\frac{(q - k_j)^2}{2h^2}\right)}, \qquad f(q) = \sum_i \alpha(q, k_i)\, y_i .`,
  boxcar: String.raw`\alpha(q, k_i) = \frac{\mathbf{1}\{|q - k_i| < h\}}{\sum_j \mathbf{1}\{|q - k_j| < h\}}, \qquad f(q) = \sum_i \alpha(q, k_i)\, y_i .`,
  constant: String.raw`\alpha(q, k_i) = \frac{1}{n}, \qquad f(q) = \frac{1}{n}\sum_i y_i .`,
  triangular: String.raw`\alpha(q, k_i) = \frac{\max\left(0, 1 - \frac{|q - k_i|}{h}\right)}{\sum_j \max\left(0, 1 - \frac{|q - k_j|}{h}\right)}, \qquad f(q) = \sum_i \alpha(q, k_i)\, y_i .`,
  epanechnikov: String.raw`\alpha(q, k_i) = \frac{\max\left(0, 1 - \frac{(q - k_i)^2}{h^2}\right)}{\sum_j \max\left(0, 1 - \frac{(q - k_j)^2}{h^2}\right)}, \qquad f(q) = \sum_i \alpha(q, k_i)\, y_i .`,
};

/** { kernel: HTML } of FORMULA_TEX, display style. */
export const FORMULA_HTML = Object.fromEntries(Object.entries(FORMULA_TEX).map(([k, tex]) => [k, typeset(tex, true)]));
