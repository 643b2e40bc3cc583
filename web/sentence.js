// A live sentence written as one template (one unit for a translation, issue #15) whose numbers
// stay addressable: sentence`${slot('n', 3)} points …` fills an element with the text, each slot
// a <span data-live=name data-value=number>. Nouns and verbs that meet a count go through
// Intl.PluralRules (plural, from web/format.js), never "1 have".
export { plural } from './format.js';

/** A number (or text) shown in its own span: data-live=`name`, data-value=`value` if numeric. */
export const slot = (name, value, text = String(value)) => ({ name, value, text });

/** The parts of a template as strings and slots (to hand to fill()). */
export const sentence = (strings, ...values) => strings.flatMap((text, i) => (i < values.length ? [text, values[i]] : [text]));

/** Replaces el's content with the parts: strings and numbers as text, slots as spans. */
export function fill(el, parts) {
  el.replaceChildren(...parts.map((p) => {
    if (typeof p !== 'object') return String(p);
    const span = document.createElement('span');
    span.dataset.live = p.name;
    if (typeof p.value === 'number') span.dataset.value = String(p.value);
    span.textContent = p.text;
    return span;
  }));
}
