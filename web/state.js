// A widget's whole state lives in one typed object, serialised to the URL as `<widget>.<key>=value`
// so that a link reproduces exactly what the learner saw (TensorFlow Playground's approach).
// The defaults fix each key's type; a value that does not parse keeps the default.
//
// Where the state comes from depends on how the exercise is shown: on the page (and in an
// ?exercise= iframe) it is the page's URL, which it keeps up to date; inside an
// <attention-pooling-lab> element the element sets `section.labStateSource` to its attributes,
// and the page URL of the host is never touched.

function parse(text, fallback) {
  if (typeof fallback === 'number') {
    const v = Number(text);
    return text.trim() !== '' && Number.isFinite(v) ? v : fallback;
  }
  if (typeof fallback === 'boolean') return text === 'true' ? true : text === 'false' ? false : fallback;
  return text;
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
    for (const key of Object.keys(defaults)) {
      const text = params.get(`${this.id}.${key}`);
      if (text !== null) this.values[key] = parse(text, defaults[key]);
    }
    section.labState = this; // for the shell's "copy link" / "copy embed code"
  }

  get(key) {
    return this.values[key];
  }

  /** Updates keys (and the address bar when the state lives there, without a history entry). */
  set(patch) {
    Object.assign(this.values, patch);
    if (!this.source) window.history.replaceState(null, '', this.link());
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
   * kept), or, inside an element, the standalone page showing only this exercise.
   */
  link() {
    const url = new URL(this.source ? this.source.base : window.location.href);
    if (this.source) url.search = `exercise=${this.id}`;
    for (const key of Object.keys(this.values)) url.searchParams.delete(`${this.id}.${key}`);
    for (const [name, value] of this.params()) url.searchParams.set(name, value);
    return url.href;
  }
}
