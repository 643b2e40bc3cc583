// A widget's whole state lives in one typed object, serialised to the URL as `<widget>.<key>=value`
// so that a link reproduces exactly what the learner saw (TensorFlow Playground's approach).
// Every value read from a link goes through the exercise's schema (web/link-schemas.js: type,
// range, whole or not, allowed words): out-of-range numbers are clamped, anything else that does
// not fit keeps the widget's default, so no link can make a widget throw.
//
// Where the state comes from depends on how the exercise is shown: on the page (and in an
// ?exercise= iframe) it is the page's URL, which it keeps up to date; inside an
// <attention-pooling-lab> element the element sets `section.labStateSource` to its attributes,
// and the page URL of the host is never touched.

import { afterDrag, isDragging } from './drag.js';
import { language } from './i18n.js';
import { LINK_SCHEMAS, readLinkValue } from './link-schemas.js';

// States whose URL write waits for the end of a slider drag. A history.replaceState costs a few
// milliseconds (the browser updates the address and its session entry each time, and throttles
// pages that call it hundreds of times), a large part of a frame's budget: while a pointer drags
// a slider the address is written once, when it is released. Everything that reads the address
// (link(), the page's `pagehide`) writes the pending states first.
const pending = new Set();

function flushUrl() {
  for (const state of pending) window.history.replaceState(null, '', state.link({ flush: false }));
  pending.clear();
}

if (typeof window !== 'undefined') window.addEventListener('pagehide', flushUrl);

/**
 * Removes an exercise's keys from where its state lives (the page's address, or an element's
 * state), including a write still waiting for the end of a drag: "Reset this exercise"
 * (web/guard.js) starts again from the defaults.
 */
export function clearLinkKeys(section) {
  for (const state of pending) if (state.id === section.id) pending.delete(state);
  const prefix = `${section.id}.`;
  const drop = (params) => {
    for (const name of [...params.keys()]) if (name.startsWith(prefix)) params.delete(name);
  };
  if (section.labStateSource) {
    drop(section.labStateSource.params);
    return;
  }
  const url = new URL(window.location.href);
  drop(url.searchParams);
  window.history.replaceState(null, '', url.href);
}

export class WidgetState {
  /**
   * @param {HTMLElement} section  the exercise's <section> (its id names the state's keys)
   * @param {Record<string, number|string|boolean>} defaults
   */
  constructor(section, defaults) {
    this.id = section.id;
    this.defaults = Object.freeze({ ...defaults });
    // { params: URLSearchParams, base: string (the standalone page's URL) } or the page URL.
    this.source = section.labStateSource ?? null;
    const params = this.source?.params ?? new URLSearchParams(window.location.search);
    this.values = { ...defaults };
    const schema = LINK_SCHEMAS[this.id] ?? {};
    let corrected = false;
    for (const key of Object.keys(defaults)) {
      const text = params.get(`${this.id}.${key}`);
      if (text === null) continue;
      this.values[key] = readLinkValue(text, schema[key], defaults[key]);
      corrected ||= String(this.values[key]) !== text;
    }
    section.labState = this; // for the shell's "copy link" / "copy embed code"
    // A link value the schema clamped or replaced: the address shows what is used instead.
    if (corrected && !this.source) window.history.replaceState(null, '', this.link());
  }

  get(key) {
    return this.values[key];
  }

  /**
   * Updates keys (and the address bar when the state lives there, without a history entry; during
   * a slider drag at its end).
   */
  set(patch) {
    Object.assign(this.values, patch);
    if (this.source) return;
    if (isDragging()) {
      if (pending.size === 0) afterDrag().then(flushUrl);
      pending.add(this);
      return;
    }
    pending.delete(this);
    window.history.replaceState(null, '', this.link());
  }

  reset() {
    this.set({ ...this.defaults });
  }

  /** The non-default values as `<widget>.<key>=value` parameters. */
  params() {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries(this.values)) {
      if (value !== this.defaults[key]) out.set(`${this.id}.${key}`, String(value));
    }
    return out;
  }

  /**
   * A link that reopens this state: the page's URL with this widget's values replaced (others
   * kept), or, inside an element, the standalone page showing only this exercise. A link to share
   * (`share: true`: copy-link, embed snippets) also names the page's language (?lang=), so that
   * it opens in the language it was copied from whatever the reader's browser prefers.
   */
  link({ flush = true, share = false } = {}) {
    if (flush && pending.size > 0) flushUrl(); // other widgets' values come from the address
    const url = new URL(this.source ? this.source.base : window.location.href);
    if (this.source) url.search = `exercise=${this.id}`;
    for (const key of Object.keys(this.values)) url.searchParams.delete(`${this.id}.${key}`);
    for (const [name, value] of this.params()) url.searchParams.set(name, value);
    if (share) url.searchParams.set('lang', language());
    return url.href;
  }
}
