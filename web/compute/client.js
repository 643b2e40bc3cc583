// Runs lab calls off the page's thread: `new Compute({ lab }).call(method, options, { signal })`
// posts { id, method, options } to web/compute/worker.js (built as worker.js next to app.js) and
// resolves with the lab's result. Cancelling through an AbortController terminates the worker
// (a WASM call cannot be interrupted any other way) and starts a fresh one; calls that were not
// cancelled are sent again to the new worker.
//
// Where workers are unavailable (a page opened from file://, where browsers refuse them), the
// calls run on the page's thread instead, one per setTimeout tick, so the page still repaints,
// shows progress and takes a Cancel click between calls.
import { LabError } from '../../wasm/src/index.js';
import { loadedCoreModule } from '../../wasm/src/lab.js';

const abortError = () => new DOMException('The computation was cancelled', 'AbortError');

function toError(e) {
  if (e?.name === 'LabError') return new LabError(e.message, e.parameter);
  const error = new Error(e?.message ?? 'the computation failed');
  if (e?.name) error.name = e.name;
  return error;
}

export class Compute {
  /**
   * @param {{ lab: import('../../wasm/src/index.js').Lab, url?: string }} options
   *   lab: the page's own lab, used when workers are unavailable; url: the worker script.
   */
  constructor({ lab, url = 'worker.js' }) {
    this.lab = lab;
    this.url = url;
    this.nextId = 1;
    /** id → { method, options, resolve, reject, onProgress, signal, onAbort } */
    this.pending = new Map();
    this.queue = []; // main-thread mode: ids waiting for their tick
    this.timer = null;
    /** 'worker' | 'main-thread' */
    this.mode = 'worker';
    this.restarts = 0;
    this.#startWorker();
  }

  #startWorker() {
    this.ready = false;
    try {
      this.worker = new Worker(this.url);
    } catch {
      this.#fallBack();
      return;
    }
    // The core the page already compiled: the worker instantiates it instead of downloading it again.
    this.worker.postMessage({ core: loadedCoreModule() });
    this.worker.onmessage = (event) => this.#message(event.data);
    // A worker that cannot load (404, refused origin, no WASM) reports an error event before it
    // is ready: run everything on the page from then on.
    this.worker.onerror = (event) => {
      if (!this.ready) {
        event.preventDefault?.();
        this.#fallBack();
      }
    };
  }

  #message(data) {
    if ('ready' in data) {
      if (data.ready) this.ready = true;
      else this.#fallBack();
      return;
    }
    const job = this.pending.get(data.id);
    if (!job) return; // cancelled meanwhile
    this.#settle(data.id);
    if (data.error) job.reject(toError(data.error));
    else {
      job.onProgress?.({ done: 1, total: 1 });
      job.resolve(data.result);
    }
  }

  #settle(id) {
    const job = this.pending.get(id);
    if (!job) return;
    this.pending.delete(id);
    job.signal?.removeEventListener('abort', job.onAbort);
  }

  #fallBack() {
    if (this.mode === 'main-thread') return;
    this.mode = 'main-thread';
    this.worker?.terminate();
    this.worker = null;
    // Whatever was sent to the worker runs here now, in the order it was asked for.
    this.queue = [...this.pending.keys()];
    this.#schedule();
  }

  #schedule() {
    if (this.timer !== null || this.queue.length === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      const id = this.queue.shift();
      const job = this.pending.get(id);
      if (job) {
        this.#settle(id);
        try {
          const result = this.lab[job.method](job.options);
          job.onProgress?.({ done: 1, total: 1 });
          job.resolve(result);
        } catch (error) {
          job.reject(error);
        }
      }
      this.#schedule();
    }, 0);
  }

  #post(id) {
    const job = this.pending.get(id);
    this.worker.postMessage({ id, method: job.method, options: job.options });
  }

  #cancel(id) {
    const job = this.pending.get(id);
    if (!job) return;
    this.#settle(id);
    job.reject(abortError());
    if (this.mode === 'main-thread') {
      this.queue = this.queue.filter((q) => q !== id);
      return;
    }
    // The worker may be busy with this very call: replace it, and resend the others.
    this.worker.terminate();
    this.restarts += 1;
    this.#startWorker();
    if (this.mode === 'worker') for (const other of this.pending.keys()) this.#post(other);
  }

  /**
   * Calls lab[method](options) in the worker. onProgress({ done, total }) is called when the call
   * has finished (a widget that splits its work into calls reports its own done/total); the
   * signal cancels it, rejecting with an AbortError.
   */
  call(method, options, { onProgress, signal } = {}) {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const job = { method, options, resolve, reject, onProgress, signal, onAbort: () => this.#cancel(id) };
      this.pending.set(id, job);
      signal?.addEventListener('abort', job.onAbort, { once: true });
      onProgress?.({ done: 0, total: 1 });
      if (this.mode === 'worker') this.#post(id);
      else {
        this.queue.push(id);
        this.#schedule();
      }
    });
  }

  /** True while calls are outstanding. */
  get busy() {
    return this.pending.size > 0;
  }

  dispose() {
    for (const id of [...this.pending.keys()]) {
      const job = this.pending.get(id);
      this.#settle(id);
      job.reject(abortError());
    }
    this.queue = [];
    this.worker?.terminate();
    this.worker = null;
  }
}

/** True for the rejection of a cancelled call. */
export const isAbort = (error) => error?.name === 'AbortError';
