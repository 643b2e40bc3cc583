// A computation's last result, kept with the inputs it was computed for: a loss landscape, say,
// depends on the data and the model but not on the learning rate, so a drag of the learning rate
// redraws it without recomputing it.
import { nice } from 'd3-array';

export class LastResult {
  #key = null;
  #value;

  /**
   * compute()'s value for `key`, an array of the inputs (data objects by identity, numbers and
   * strings by value); compute runs only when some input differs from the last call's.
   */
  get(key, compute) {
    if (!this.#holds(key)) this.set(key, compute());
    return this.#value;
  }

  /** The value kept for `key`, or undefined (for a computation that runs elsewhere, in steps). */
  peek(key) {
    return this.#holds(key) ? this.#value : undefined;
  }

  #holds(key) {
    return this.#key !== null && key.length === this.#key.length && key.every((k, i) => Object.is(k, this.#key[i]));
  }

  /** Keeps value as the result for key; returns it. */
  set(key, value) {
    this.#key = key;
    this.#value = value;
    return value;
  }
}

/**
 * The end of a plotted w-range that must reach `v` (> 0): rounded up to a round number (about a
 * tenth of it), so that the range, and the landscape over it, stays put while a trajectory moves.
 */
export const roundUp = (v) => nice(0, v, 10)[1];
