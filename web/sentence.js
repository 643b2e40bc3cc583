// A live sentence written as one catalog message (one unit for a translation, issue #15) whose
// numbers stay addressable: each slot becomes a <span data-live=name data-value=number>. Plurals
// are the message's ({count, plural, …}), never the code's.
import { t } from './i18n.js';
import { setText } from './set-changed.js';

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

/** The message `key` as parts: its text, and its slot parameters (slot objects) where they stand. */
function messageParts(key, params) {
  const slots = [];
  const marked = {};
  for (const [name, value] of Object.entries(params)) {
    if (value && typeof value === 'object' && 'text' in value) {
      marked[name] = `\u0001${slots.length}\u0002`;
      slots.push(value);
    } else marked[name] = value;
  }
  return t(key, marked).split(MARK).map((part, i) => (i % 2 ? slots[Number(part)] : part)).filter((p) => p !== '');
}

/** What updateMessage last put in an element: its words, slots by name only. */
const words = new WeakMap();
const wordsOf = (parts) => parts.map((p) => (typeof p === 'object' ? `\u0001${p.name}` : p)).join('\u0002');

/** el filled with the message `key`, its slot parameters as live spans (see fill). */
export function fillMessage(el, key, params = {}) {
  words.delete(el);
  fill(el, messageParts(key, params));
}

/**
 * As fillMessage, but if el shows the same words already (the same message, plural forms and
 * text parameters, as updateMessage left it) only the slots' texts and data-values change: the
 * sentence keeps its nodes while a drag changes its numbers, which costs the page less style and
 * layout per result. A live region updated this way needs aria-atomic="true" to be read whole.
 */
export function updateMessage(el, key, params = {}) {
  const parts = messageParts(key, params);
  const now = wordsOf(parts);
  const spans = el.children; // fill() makes one span per slot, in order, and no other element
  const slots = parts.filter((p) => typeof p === 'object');
  if (words.get(el) !== now || spans.length !== slots.length) {
    fill(el, parts);
    words.set(el, now);
    return;
  }
  slots.forEach((p, k) => {
    const span = spans[k];
    setText(span, p.text); // the text node's data, not a new node: the span keeps its layout objects
    const value = typeof p.value === 'number' ? String(p.value) : undefined;
    if (span.dataset.value !== value) {
      if (value === undefined) delete span.dataset.value;
      else span.dataset.value = value;
    }
  });
}
