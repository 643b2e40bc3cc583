// The Chinese page's visible text checked for Latin-script prose (issue #15): what is left after
// math (KaTeX), code, numbers and the proper names the lab keeps must not be a Latin word. Used by
// the Chinese teaching tests of the exercises; `skip` leaves out parts another module writes
// (elements), `skipAttributes` the attributes of elements another module labels.
/** Proper names and symbols kept in every language, and a formula's functions written in text. */
export const KEPT = ['d2l', 'PyTorch', 'Nadaraya', 'Watson', 'Lenrek', 'CSV', 'PNG', 'Epanechnikov', 'Epanechikov', 'Minkowski', 'Parzen', 'Stone', 'Adam', 'softmax', 'sin', 'cos', 'exp', 'max'];

/**
 * The visible text nodes (and aria-label, title, aria-valuetext) of `selector` that contain a
 * Latin word of two or more letters outside the kept names; elements matching `skip` are left
 * out, and the attributes of those matching `skipAttributes`.
 */
export function latinProse(page, selector, { skip = '', skipAttributes = '' } = {}) {
  return page.evaluate(({ selector, skip, skipAttributes, kept }) => {
    const names = new RegExp(`\\b(?:${kept.join('|')})\\b`, 'g');
    const latin = (s) => /[A-Za-z]{2,}/.test(s.replace(names, ''));
    const root = document.querySelector(selector);
    const out = [];
    const skipped = (el) => el.closest('.katex, pre, code, script, style') || (skip && el.closest(skip));
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (skipped(el) || !el.checkVisibility()) continue;
      if (latin(n.textContent)) out.push(n.textContent.trim());
    }
    for (const el of root.querySelectorAll('[aria-label], [title], [aria-valuetext]')) {
      if (skipped(el) || (skipAttributes && el.matches(skipAttributes))) continue;
      for (const a of ['aria-label', 'title', 'aria-valuetext']) if (el.hasAttribute(a) && latin(el.getAttribute(a))) out.push(`${a}: ${el.getAttribute(a)}`);
    }
    return out;
  }, { selector, skip, skipAttributes, kept: KEPT });
}
