// Isolation of the exercises: each one mounts inside a guard, so that an exception in its mount or
// in any of its later callbacks stops that exercise alone. The failed exercise shows a short
// message with "Reset this exercise" (its default state: its link keys cleared, its markup as
// first rendered, mounted again) and every other exercise, and the page's status line, runs on.
//
// How later callbacks are attributed: while a guard runs code (the mount, or one of its callbacks)
// the few browser entry points that schedule more code — addEventListener, setTimeout,
// setInterval, requestAnimationFrame, queueMicrotask and the Resize/Mutation/IntersectionObserver
// constructors — are replaced by versions that wrap the callback in the same guard; the originals
// are put back as soon as the guarded code returns (JavaScript runs one piece of code at a time,
// so nothing else is affected, and a host page of <attention-pooling-lab> keeps its own
// functions). A callback scheduled by a guarded callback is guarded in turn, and an async
// listener's rejection stops its exercise too. Other code that resumes after an `await` is not
// guarded (the language gives no hook there): the exercises' background results (web/compute) are
// drawn through runGuarded(section, …), which looks the guard up; what is left (a promise's
// .then callback) is reported as uncaught, as before.
import { t } from './i18n.js';
import { clearLinkKeys } from './state.js';

/** The guard whose code is running now (null outside guarded code). */
let current = null;
const originals = {};
/** listener → the wrappers made for it (one per guard), so removeEventListener finds them. */
const wrappersOf = new WeakMap();
/** Errors a guard has handled: their rejection events are not reported as uncaught again. */
const handled = new WeakSet();

const TIMERS = ['setTimeout', 'setInterval', 'requestAnimationFrame', 'queueMicrotask'];
const OBSERVERS = ['ResizeObserver', 'MutationObserver', 'IntersectionObserver'];

let prepared = false;
/**
 * Once per document: removeEventListener learns about wrappers (it may run outside any guard,
 * after an await), and a rejection that a guard has already reported is not reported again.
 */
function prepare() {
  if (prepared) return;
  prepared = true;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.removeEventListener = function removeEventListener(type, listener, options) {
    remove.call(this, type, listener, options);
    for (const wrapper of (listener && wrappersOf.get(listener)) ?? []) remove.call(this, type, wrapper, options);
  };
  window.addEventListener('unhandledrejection', (event) => {
    if (event.reason && typeof event.reason === 'object' && handled.has(event.reason)) event.preventDefault();
  });
}

function install() {
  const add = (originals.addEventListener = EventTarget.prototype.addEventListener);
  EventTarget.prototype.addEventListener = function addEventListener(type, listener, options) {
    const guard = current;
    if (!guard || typeof listener !== 'function') return add.call(this, type, listener, options);
    const wrapper = guard.wrap(listener);
    guard.track({ target: new WeakRef(this), type, wrapper, capture: typeof options === 'boolean' ? options : Boolean(options?.capture) });
    return add.call(this, type, wrapper, options);
  };
  for (const name of TIMERS) {
    const original = (originals[name] = window[name]);
    window[name] = function (callback, ...rest) {
      const guard = current;
      if (!guard || typeof callback !== 'function') return original.call(window, callback, ...rest);
      if (name === 'queueMicrotask') return original.call(window, guard.wrap(callback));
      const id = original.call(window, guard.wrap(callback), ...rest);
      guard.timer(name, id);
      return id;
    };
  }
  for (const name of OBSERVERS) {
    const Original = (originals[name] = window[name]);
    if (!Original) continue;
    window[name] = class extends Original {
      constructor(callback, ...rest) {
        const guard = current;
        super(guard ? guard.wrap(callback) : callback, ...rest);
        guard?.observers.push(new WeakRef(this));
      }
    };
  }
}

function uninstall() {
  EventTarget.prototype.addEventListener = originals.addEventListener;
  for (const name of [...TIMERS, ...OBSERVERS]) if (originals[name]) window[name] = originals[name];
}

const MAX_TIMERS = 1000;
const CLEAR = { setTimeout: 'clearTimeout', setInterval: 'clearInterval', requestAnimationFrame: 'cancelAnimationFrame' };

class Guard {
  /**
   * @param {HTMLElement} section  the exercise's <section>
   * @param {(section: HTMLElement) => void} setup  mounts the exercise into the section
   */
  constructor(section, setup) {
    Object.assign(this, { section, setup, failed: null, listeners: [], observers: [] });
    this.timers = new Map(); // id → the function that cancels it (the newest MAX_TIMERS)
    this.wrappers = new WeakMap();
    this.pruneAt = 256;
    section.labGuard = this;
  }

  /**
   * Keeps a listener to remove if the exercise fails. Listeners of elements that have left the
   * document (a redrawn plot's old marks) are dropped now and then, so the list stays short.
   */
  track(record) {
    this.listeners.push(record);
    if (this.listeners.length < this.pruneAt) return;
    this.listeners = this.listeners.filter(({ target }) => {
      const t = target.deref();
      return t !== undefined && !(t instanceof Node && !t.isConnected);
    });
    this.pruneAt = Math.max(256, 2 * this.listeners.length);
  }

  /** Keeps a timer to cancel if the exercise fails; timeouts and frames beyond the newest MAX_TIMERS have long run. */
  timer(name, id) {
    const key = `${name}:${id}`;
    this.timers.set(key, () => window[CLEAR[name]](id));
    if (this.timers.size > MAX_TIMERS) {
      for (const k of this.timers.keys()) {
        if (!k.startsWith('setInterval:')) { this.timers.delete(k); break; }
      }
    }
  }

  /** The callback that runs `fn` inside this guard (one per listener, so removal finds it). */
  wrap(fn) {
    let wrapper = this.wrappers.get(fn);
    if (!wrapper) {
      const guard = this;
      wrapper = function guarded(...args) {
        const result = guard.run(fn, this, args);
        // An async listener's failure after its first await arrives as a rejection: the exercise's too.
        if (result instanceof Promise) result.catch((error) => guard.fail(error));
        return result;
      };
      this.wrappers.set(fn, wrapper);
      if (!wrappersOf.has(fn)) wrappersOf.set(fn, new Set());
      wrappersOf.get(fn).add(wrapper);
    }
    return wrapper;
  }

  /** Runs fn inside this guard; an exception stops the exercise (and is not thrown on). */
  run(fn, thisArg = undefined, args = []) {
    if (this.failed) return undefined;
    const outer = current;
    if (outer === null) install();
    current = this;
    try {
      return fn.apply(thisArg, args);
    } catch (error) {
      this.fail(error);
      return undefined;
    } finally {
      current = outer;
      if (outer === null) uninstall();
    }
  }

  /** Stops everything the exercise scheduled and shows the failure with a reset button. */
  fail(error) {
    if (this.failed) return;
    this.failed = error ?? new Error('unknown error');
    if (error && typeof error === 'object') handled.add(error);
    console.error(`Exercise '${this.section.id}' stopped:`, error);
    for (const { target, type, wrapper, capture } of this.listeners) target.deref()?.removeEventListener(type, wrapper, capture);
    for (const cancel of this.timers.values()) cancel();
    for (const observer of this.observers) observer.deref()?.disconnect();
    this.listeners = [];
    this.timers.clear();
    this.observers = [];
    this.section.dataset.failed = 'true';
    this.section.prepend(failureMessage(this, error));
  }

  /** Back to the exercise's default state: link keys cleared, first markup, mounted again. */
  reset() {
    clearLinkKeys(this.section);
    const fresh = this.pristine.cloneNode(true);
    fresh.labStateSource = this.section.labStateSource;
    this.section.replaceWith(fresh);
    const again = guardExercise(fresh, this.setup);
    // The pressed button is gone: keyboard focus goes to the exercise's heading.
    const heading = fresh.querySelector('h2');
    heading?.setAttribute('tabindex', '-1');
    heading?.focus();
    return again;
  }
}

/** The message shown at the top of a failed exercise. */
function failureMessage(guard, error) {
  const box = document.createElement('div');
  box.className = 'exercise-failed';
  box.setAttribute('role', 'alert');
  const p = document.createElement('p');
  // The error's own words (English, for whoever reports it) appear inside the translated sentence.
  const detail = String(error?.message ?? error).slice(0, 200);
  p.textContent = t('guard.stopped', { detail });
  const b = document.createElement('button');
  b.type = 'button';
  b.dataset.action = 'reset-exercise';
  b.textContent = t('guard.reset');
  b.title = t('guard.resetTitle');
  // A property, not addEventListener: fail() runs inside the failed guard, which would wrap (and so
  // silence) a listener added now.
  b.onclick = () => guard.reset();
  box.append(p, b);
  return box;
}

/**
 * Mounts an exercise inside a guard: `setup(section)` mounts it (and adds what the page adds to
 * every exercise). Returns the guard; `guard.failed` holds the error if the mount threw.
 * Precondition: the section holds the exercise's markup as first rendered (math included); that
 * markup is what "Reset this exercise" goes back to.
 */
export function guardExercise(section, setup) {
  prepare();
  const guard = new Guard(section, setup);
  guard.pristine = section.cloneNode(true);
  guard.run(setup, undefined, [section]);
  return guard;
}

/**
 * Runs fn for the exercise of `section` inside its guard (for code that resumes after an await,
 * which no guard sees otherwise); nothing runs for an exercise that has stopped. Without a guard
 * (a widget mounted by a test on its own) fn simply runs.
 */
export function runGuarded(section, fn) {
  const guard = section?.labGuard;
  return guard ? guard.run(fn) : fn();
}
