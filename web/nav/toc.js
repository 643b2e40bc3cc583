// The table of contents at run time (its markup is written at build time by scripts/toc.mjs and
// works without script): the entry of the exercise being read is marked aria-current and the
// address follows it (#id, replaced, never a new history entry); a shared #id opens at that
// exercise once the exercises have their final height; on narrow screens the list is a drawer
// behind a compact bar; counts show the learner's progress (web/nav/progress.js).
import { t } from '../i18n.js';
import { progress } from './progress.js';

/** How far below the top of the window a section must start to count as the one being read. */
const readingLine = (bar) => Math.min(window.innerHeight * 0.3, 240) + bar;

/**
 * Starts the navigation of the page (not of an ?exercise= embed). Returns { ready() }: call it once
 * the exercises are mounted (or failed to), so a deep link lands where the exercise now starts.
 */
export function startNavigation() {
  const nav = document.getElementById('toc');
  if (!nav) return { ready() {} };
  const links = [...nav.querySelectorAll('a[data-toc]')];
  const sections = links.map((a) => document.getElementById(a.dataset.toc));
  const bar = nav.querySelector('.toc-bar');
  const where = nav.querySelector('.toc-where');
  const drawer = startDrawer(nav);
  showProgress(nav);

  let current;
  function setCurrent(index) {
    if (index === current) return;
    current = index;
    links.forEach((a, i) => (i === index ? a.setAttribute('aria-current', 'location') : a.removeAttribute('aria-current')));
    where.textContent = index === null ? '' : `${index + 1}/${links.length} · ${links[index].querySelector('.toc-title').lastChild.textContent.trim()}`;
    if (index !== null) keepInView(nav, links[index]);
    const url = new URL(window.location.href);
    url.hash = index === null ? '' : sections[index].id;
    if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url.href.replace(/#$/, ''));
  }

  function spy() {
    // The compact bar is sticky on narrow screens: a section under it is not yet being read.
    const barHeight = getComputedStyle(bar).display === 'none' ? 0 : bar.getBoundingClientRect().height;
    const line = readingLine(barHeight);
    let index = null;
    sections.forEach((s, i) => {
      if (s && s.getBoundingClientRect().top <= line) index = i;
    });
    const atBottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    if (atBottom && index !== null) index = sections.length - 1;
    setCurrent(index);
  }
  let queued = false;
  const onScroll = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      spy();
    });
  };

  // A deep link: the browser scrolled to the prerendered section, whose height changes as the
  // exercises mount; go there again once they have, unless the reader has moved on already.
  const target = sections.find((s) => s && `#${s.id}` === window.location.hash);
  let readerMoved = false;
  const moved = () => (readerMoved = true);
  for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown']) window.addEventListener(type, moved, { once: true, passive: true });

  let started = false;
  return {
    ready() {
      if (started) return;
      started = true;
      if (target && !readerMoved) {
        target.scrollIntoView({ block: 'start' });
        setCurrent(sections.indexOf(target));
      } else spy();
      window.addEventListener('scroll', onScroll, { passive: true });
      window.addEventListener('resize', onScroll, { passive: true });
      window.addEventListener('hashchange', () => {
        drawer.close();
        onScroll();
      });
    },
  };
}

/** The sidebar scrolls on its own when it is taller than the window: keep the current entry visible. */
function keepInView(nav, link) {
  const panel = nav.querySelector('.toc-panel');
  if (panel.scrollHeight <= panel.clientHeight) return;
  const p = panel.getBoundingClientRect();
  const r = link.getBoundingClientRect();
  if (r.top < p.top || r.bottom > p.bottom) panel.scrollTop += r.top - p.top - p.height / 3;
}

/**
 * Narrow screens: the "Contents" link of the bar opens the list as a drawer (without script it is
 * a link to the list, shown by :target). The drawer closes on a choice, Escape or a click outside.
 */
function startDrawer(nav) {
  const toggle = nav.querySelector('.toc-toggle');
  toggle.setAttribute('role', 'button');
  toggle.setAttribute('aria-expanded', 'false');
  const set = (open) => {
    nav.classList.toggle('open', open);
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', (event) => {
    event.preventDefault();
    set(!nav.classList.contains('open'));
  });
  toggle.addEventListener('keydown', (event) => {
    if (event.key === ' ') {
      event.preventDefault(); // a button opens on Space too
      set(!nav.classList.contains('open'));
    }
  });
  nav.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && nav.classList.contains('open')) {
      set(false);
      toggle.focus();
    }
  });
  nav.addEventListener('click', (event) => {
    if (event.target.closest('a[data-toc]')) set(false);
  });
  document.addEventListener('click', (event) => {
    if (nav.classList.contains('open') && !nav.contains(event.target)) set(false);
  });
  return { close: () => set(false) };
}

/** Solved/total per exercise and overall, and the reset button (it needs script, so it starts hidden). */
function showProgress(nav) {
  const overall = nav.querySelector('[data-progress-overall]');
  const barCount = nav.querySelector('[data-progress-bar]');
  const reset = nav.querySelector('[data-reset-progress]');
  const privacy = nav.querySelector('.toc-privacy');
  const counts = [...nav.querySelectorAll('[data-toc-count]')];
  overall.setAttribute('role', 'status'); // announces "0 of … solved" after a reset
  reset.hidden = false;
  reset.addEventListener('click', () => progress.reset());
  progress.subscribe((p) => {
    let solved = 0;
    let total = 0;
    for (const el of counts) {
      const c = p.count(el.dataset.tocCount) ?? { solved: 0, total: Number(el.dataset.total) };
      solved += c.solved;
      total += c.total;
      el.textContent = t('nav.countSolved', { solved: c.solved, total: c.total });
      el.closest('li').dataset.complete = String(c.total > 0 && c.solved === c.total);
    }
    overall.textContent = t('nav.overallSolved', { solved, total });
    barCount.textContent = `${solved}/${total}`;
    barCount.setAttribute('aria-label', t('nav.overallSolved', { solved, total }));
    privacy.textContent = t(p.persistent ? 'nav.privacy' : 'nav.privacyVisit');
  });
}
