// KaTeX for every element with data-tex (inline) or data-tex-display (block).
import katex from 'katex';

export function renderMath(root) {
  for (const el of root.querySelectorAll('[data-tex]')) {
    katex.render(el.dataset.tex, el, { throwOnError: false });
  }
  for (const el of root.querySelectorAll('[data-tex-display]')) {
    katex.render(el.dataset.texDisplay, el, { throwOnError: false, displayMode: true });
  }
}
