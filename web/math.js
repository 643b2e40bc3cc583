// KaTeX, the one place that calls it. The page's math is typeset at build time (scripts/build.mjs
// runs typesetHtml over index.html, and replaces kernel-formulas.js by its typeset HTML), so the
// page's script carries no KaTeX; renderMath typesets in the browser only for the
// <attention-pooling-lab> element, whose exercise templates arrive as TeX.
import katex from 'katex';

/** The HTML KaTeX typesets `tex` to (display style if `display`); bad TeX shows in red, not thrown. */
export const typeset = (tex, display = false) => katex.renderToString(tex, { throwOnError: false, displayMode: display });

/** Typesets every element under root with data-tex (inline) or data-tex-display (block) that is still empty. */
export function renderMath(root) {
  for (const el of root.querySelectorAll('[data-tex], [data-tex-display]')) {
    if (el.firstChild) continue;
    el.innerHTML = el.dataset.texDisplay !== undefined ? typeset(el.dataset.texDisplay, true) : typeset(el.dataset.tex);
  }
}

const unescape = (s) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/**
 * html (our own templates, as text) with every empty element carrying data-tex or
 * data-tex-display filled with its typeset math; the attribute stays, naming the TeX.
 */
export function typesetHtml(html) {
  return html.replace(/<([a-z][a-z0-9]*)(\s[^>]*?)?\sdata-tex(-display)?="([^"]*)"([^>]*)><\/\1>/g, (whole, tag, before = '', display, tex, after) =>
    `<${tag}${before} data-tex${display ?? ''}="${tex}"${after}>${typeset(unescape(tex), Boolean(display))}</${tag}>`);
}
