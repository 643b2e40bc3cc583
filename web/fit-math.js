// Display equations on narrow screens: one that is wider than its column is first scaled down (to
// no less than MIN_SCALE of its size, below which it stops being readable on a phone), and if it
// still does not fit it scrolls sideways with a visible cue and can be scrolled by keyboard. Fitted
// when an equation comes into view (the page skips the layout of exercises off screen) and again
// after the window's width changes.

import { t } from './i18n.js';

const MIN_SCALE = 0.75;

function fit(el) {
  el.style.fontSize = '';
  el.classList.remove('scrolls');
  el.removeAttribute('tabindex');
  const cue = el.nextElementSibling?.classList.contains('scroll-cue') ? el.nextElementSibling : null;
  if (cue) cue.hidden = true;
  const width = el.clientWidth;
  const needed = el.scrollWidth;
  if (width === 0 || needed <= width + 1) return;
  const scale = Math.max(MIN_SCALE, (width - 2) / needed);
  el.style.fontSize = `${(scale * 100).toFixed(1)}%`;
  if (el.scrollWidth <= el.clientWidth + 1) return;
  el.classList.add('scrolls');
  el.tabIndex = 0; // a scrolling region must be reachable by keyboard
  if (cue) cue.hidden = false;
  else {
    const p = document.createElement('p');
    p.className = 'scroll-cue';
    p.textContent = t('plots.scrollCue');
    p.setAttribute('aria-hidden', 'true'); // the equation itself is read whole by screen readers
    el.after(p);
  }
}

/** Fits every display equation under `root` (rendered by web/math.js) now and as the page changes. */
export function fitMath(root) {
  const displays = [...root.querySelectorAll('.math-display')];
  if (displays.length === 0) return;
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) fit(e.target);
  });
  for (const el of displays) seen.observe(el);
  let lastWidth = window.innerWidth;
  window.addEventListener('resize', () => {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    // Re-observing reports each one's visibility again, so the visible ones are fitted at once.
    for (const el of displays) {
      seen.unobserve(el);
      seen.observe(el);
    }
  });
}
