// Phones: an exercise's controls can fill the whole screen (leave-one-out, more-data), so the
// plot they drive would be off screen while the learner moves one. While a slider or a select of
// an exercise has focus (a touch on it gives it focus), that one control is pinned as a compact
// strip at the top of the screen and the exercise's first plot after the controls is scrolled
// into view below it. Focus elsewhere unpins it, and the page stays where it is.

const PHONE = '(max-width: 600px)';

/**
 * The plot `control` drives: the one a surrounding `data-drives="<plot name>"` names (a widget sets
 * it where a control acts on a later plot), else the first plot after its controls.
 */
function drivenPlot(control) {
  const section = control.closest('.exercise');
  const controls = control.closest('[data-controls]');
  if (!section || !controls) return null;
  const named = control.closest('[data-drives]')?.dataset.drives;
  const plot = named ? section.querySelector(`[data-plot="${CSS.escape(named)}"]`) : null;
  if (plot && !plot.hidden) return plot;
  return [...section.querySelectorAll('.plot')].find((p) => !p.hidden && controls.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING) ?? null;
}

/** Scrolls so that `plot` sits just below `strip`, or starts there if it is taller than the room left. */
function revealBelow(plot, strip) {
  const top = strip.getBoundingClientRect().bottom + 8;
  const r = plot.getBoundingClientRect();
  if (r.top >= top && r.bottom <= window.innerHeight) return;
  window.scrollBy(0, r.top - top);
}

export function pinPlotsOnPhones(doc = document) {
  const phone = window.matchMedia(PHONE);
  let pinned = null;

  function unpin() {
    if (!pinned) return;
    pinned.control.classList.remove('pinned');
    pinned.control.closest('.exercise')?.classList.remove('has-pinned');
    pinned.placeholder.remove();
    pinned = null;
  }

  doc.addEventListener('focusin', (event) => {
    const input = event.target;
    if (!phone.matches || !input.matches?.('[data-controls] input[type="range"], [data-controls] select')) return;
    const control = input.closest('.control');
    if (!control || pinned?.control === control) return;
    unpin();
    const plot = drivenPlot(control);
    if (!plot) return;
    // Keeps the control's place in the flow, so nothing below it moves while it is pinned.
    const placeholder = doc.createElement('div');
    placeholder.className = 'pinned-placeholder';
    placeholder.style.height = `${control.getBoundingClientRect().height}px`;
    control.before(placeholder);
    control.classList.add('pinned');
    control.closest('.exercise').classList.add('has-pinned');
    pinned = { control, placeholder };
    revealBelow(plot, control);
  });
  doc.addEventListener('focusout', (event) => {
    if (!pinned || event.target.closest?.('.control') !== pinned.control || pinned.control.contains(event.relatedTarget)) return;
    // After the event, not inside it: unpinning during the focusout of a mouse press (which
    // moves the control and the containment of its exercise under the pointer) crashed Chromium's
    // renderer. By then focus may have come back, or gone to another control, which pinned itself.
    const was = pinned;
    setTimeout(() => {
      if (pinned === was && !was.control.contains(doc.activeElement)) unpin();
    }, 0);
  });
  phone.addEventListener('change', () => phone.matches || unpin());
}
