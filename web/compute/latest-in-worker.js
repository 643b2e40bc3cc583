// The latest of a stream of jobs, in a Web Worker (web/compute/client.js): one job at a time, and
// only the newest request waits behind the running one (those in between are skipped); each
// result is drawn when it arrives, with the settings it was computed for.
//  * run(job): for computations that take longer than a frame on some inputs (a Minkowski surface
//    at general p, 200 epochs of 2-D training, a few hundred epochs of 1-D training with its test
//    errors). While the learner drags a slider (web/drag.js) they go to the worker, so the thumb
//    and the page keep answering; otherwise (keyboard, buttons, links, and a drag's last value
//    once the worker is idle) they run at once on the page. The numbers are the same either way:
//    the same WASM core computes them.
//  * queue(job): always in the worker (leave-one-out width selection: up to seconds).
//
// A job is written once for both threads: job.steps is a generator function that yields each lab
// call as [method, options] and receives its result, and returns what job.draw(result) draws. On
// the page the calls run synchronously (the draw happens before the handler returns); in the
// worker each is a message. Precondition: steps reads the settings and data captured when the job
// was made, never the live state (in the worker it runs later, when a slider may have moved on).
import { isDragging } from '../drag.js';
import { runGuarded } from '../guard.js';
import { Compute } from './client.js';

/** Runs steps() with each yielded [method, options] answered by lab[method](options). */
export function onPage(steps, lab) {
  const it = steps();
  for (let r = it.next(); ; ) {
    if (r.done) return r.value;
    const [method, options] = r.value;
    r = it.next(lab[method](options));
  }
}

/** The same with each call answered by call(method, options), a promise. */
async function inWorker(steps, call) {
  const it = steps();
  for (let r = it.next(); ; ) {
    if (r.done) return r.value;
    const [method, options] = r.value;
    r = it.next(await call(method, options));
  }
}

export class LatestInWorker {
  #compute = null; // started at the first drag or by warm(), so exercises nobody drags or sees cost no worker
  #running = false;
  #next = null; // the latest job waiting for the worker

  /**
   * @param {{ lab: import('../../wasm/src/index.js').Lab, url: string, section: HTMLElement }} o
   *   url: the worker script; section: gets data-offload ('busy' while a job is in the worker or
   *   waiting for it, else 'idle') and data-offloaded (the number of results of run() jobs that
   *   the worker computed and that were drawn).
   */
  constructor({ lab, url, section }) {
    Object.assign(this, { lab, url, section });
    this.offloaded = 0;
  }

  /**
   * Starts the worker now, if it has not started (a worker and the core take tens of ms to start:
   * an exercise calls this when a drag is likely, e.g. its sliders scrolled into view, so that
   * the drag's first result does not wait for them). Not busy: jobs still run on the page
   * meanwhile. With `rehearsal` (a job's steps), the worker also runs those calls once and drops
   * their results: WASM starts in V8's baseline tier and moves a function to the optimising tier
   * only once it has run, so without it the drag's first result is computed by slow code.
   */
  warm(rehearsal) {
    if (this.#compute) return;
    this.#compute = new Compute({ lab: this.lab, url: this.url });
    if (rehearsal) inWorker(rehearsal, (method, options) => this.#compute.call(method, options)).catch(() => {});
  }

  /** True while a job is in the worker or waiting for it. */
  get busy() {
    return this.#running || this.#next !== null;
  }

  /**
   * Runs one job ({ steps, draw }, above). While a job is in the worker every new job goes there
   * too (after it), so a result that arrives late can never overwrite a newer one.
   */
  run(job) {
    if (!isDragging() && !this.busy) {
      job.draw(onPage(job.steps, this.lab));
      return;
    }
    this.#enqueue(job, true);
  }

  /** Runs job in the worker (on the page only if the worker fails). */
  queue(job) {
    this.#enqueue(job, false);
  }

  #enqueue(job, offloaded) {
    this.#next = { ...job, offloaded };
    this.section.dataset.offload = 'busy';
    if (!this.#running) this.#pump();
  }

  // Called with a job waiting; returns once the last job is drawn (a job queued by that draw
  // starts its own pump, as #running is already false then).
  async #pump() {
    this.#running = true;
    let job = this.#take();
    let pending = this.#start(job);
    for (;;) {
      const { result, failed } = await pending;
      const last = this.#next === null;
      let following = null;
      if (last) {
        this.#running = false;
        this.section.dataset.offload = 'idle';
      } else {
        // The newest job goes to the worker before this result is drawn, so the two overlap: an
        // input waits for the running job and one draw, not two.
        following = this.#take();
        pending = this.#start(following);
      }
      // A result with a newer job waiting is drawn too: the drag shows progress. A draw that
      // throws is reported (unhandled, as from an input handler) without stopping the next job.
      // In the exercise's guard (web/guard.js): code after an await is not guarded otherwise.
      try {
        runGuarded(this.section, () => {
          if (!failed) this.#draw(job, result);
          else if (last) job.draw(onPage(job.steps, this.lab));
        });
      } catch (error) {
        queueMicrotask(() => { throw error; });
      }
      if (last) return;
      job = following;
    }
  }

  #take() {
    const job = this.#next;
    this.#next = null;
    return job;
  }

  /** The job's calls in the worker: { result, failed } (failed: the worker failed); never rejects. */
  async #start(job) {
    this.#compute ??= new Compute({ lab: this.lab, url: this.url });
    try {
      return { result: await inWorker(job.steps, (method, options) => this.#compute.call(method, options)), failed: false };
    } catch (error) {
      // The worker failed (it should not: it runs the same calls); the page computes instead,
      // and shows any error the way it shows one from a key press.
      console.warn(`${this.section.id}: the background computation failed (${error.message}); computing on the page`);
      return { result: undefined, failed: true };
    }
  }

  #draw(job, result) {
    if (job.offloaded) {
      this.offloaded += 1;
      this.section.dataset.offloaded = String(this.offloaded);
    }
    job.draw(result);
  }
}
