// A live sentence written as one catalog message (one unit for a translation, issue #15) whose
// numbers stay addressable: each slot becomes a <span data-live=name data-value=number>. Plurals
// are the message's ({count, plural, …}), never the code's.
import { t } from './i18n.js';

/** A number (or text) shown in its own span: data-live=`name`, data-value=`value` if numeric. */
export const slot = (name, value, text = String(value)) => ({ name, value, text });

/** Replaces el's content with the parts: strings and numbers as text, slots as spans. */
function fill(el, parts) {
  el.replaceChildren(...parts.map((p) => {
    if (typeof p !== 'object') return String(p);
    const span = document.createElement('span');
    span.dataset.live = p.name;
    if (typeof p.value === 'number') span.dataset.value = String(p.value);
    span.textContent = p.text;
    return span;
  }));
}

// Slots inside a catalog message (web/i18n.js): fillMessage(el, key, { n: slot('n', 40), count: 40 })
// formats the message and puts each slot parameter in its span. A slot is shown by {name};
// plurals select on a plain number parameter (here `count`), because a slot is text, not a number.
const MARK = /\u0001(\d+)\u0002/;

/** el filled with the message `key`, its slot parameters as live spans (see fill). */
export function fillMessage(el, key, params = {}) {
  const slots = [];
  const marked = {};
  for (const [name, value] of Object.entries(params)) {
    if (value && typeof value === 'object' && 'text' in value) {
      marked[name] = `\u0001${slots.length}\u0002`;
      slots.push(value);
    } else marked[name] = value;
  }
  const parts = t(key, marked).split(MARK).map((part, i) => (i % 2 ? slots[Number(part)] : part)).filter((p) => p !== '');
  fill(el, parts);
}
