// A widget's whole state lives in one typed object, serialised to the URL as `<widget>.<key>=value`
// so that a link reproduces exactly what the learner saw (TensorFlow Playground's approach).
// The defaults fix each key's type; a value in the URL that does not parse keeps the default.

function parse(text, fallback) {
  if (typeof fallback === 'number') {
    const v = Number(text);
    return text.trim() !== '' && Number.isFinite(v) ? v : fallback;
  }
  if (typeof fallback === 'boolean') return text === 'true' ? true : text === 'false' ? false : fallback;
  return text;
}

export class WidgetState {
  /** @param {string} id  @param {Record<string, number|string|boolean>} defaults */
  constructor(id, defaults, location = window.location) {
    this.id = id;
    this.defaults = Object.freeze({ ...defaults });
    const params = new URLSearchParams(location.search);
    this.values = { ...defaults };
    for (const key of Object.keys(defaults)) {
      const text = params.get(`${id}.${key}`);
      if (text !== null) this.values[key] = parse(text, defaults[key]);
    }
  }

  get(key) {
    return this.values[key];
  }

  /** Updates keys and the address bar (without a history entry per slider step). */
  set(patch) {
    Object.assign(this.values, patch);
    window.history.replaceState(null, '', this.link());
  }

  reset() {
    this.set({ ...this.defaults });
  }

  /** The page's URL with this widget's non-default values (other widgets' values kept). */
  link() {
    const url = new URL(window.location.href);
    for (const [key, value] of Object.entries(this.values)) {
      const name = `${this.id}.${key}`;
      if (value === this.defaults[key]) url.searchParams.delete(name);
      else url.searchParams.set(name, String(value));
    }
    return url.href;
  }
}
