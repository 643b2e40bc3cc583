// Runs a widget's missing lab calls one at a time through a Compute (the Web Worker, or the main
// thread where workers are unavailable), with a progress bar, Cancel and a cache, so a change
// recomputes only what it changes. Shared by the exercises whose curves take a while.
import { afterDrag } from '../drag.js';
import { runGuarded } from '../guard.js';
import { isAbort } from './client.js';

export class TaskRunner {
  /**
   * @param {object} o
   * @param {import('./client.js').Compute} o.compute
   * @param {Map<string, unknown>} o.cache  results by task key; failed calls store { error }
   * @param {() => { key: string, label: string, run: (call: Function) => Promise<unknown> }[]} o.tasks
   *   the tasks whose results are not in the cache yet, in the order to compute them
   * @param {HTMLProgressElement} o.progress
   * @param {(phase: 'computing'|'done', task?: { label: string, done: number, total: number }) => void} o.show
   * @param {() => void} o.draw  redraws from the cache (after each finished call)
   * @param {HTMLElement} o.section  gets data-compute-mode ('worker' or 'main-thread')
   */
  constructor({ compute, cache, tasks, progress, show, draw, section }) {
    Object.assign(this, { compute, cache, tasks, progress, show, draw, section });
    this.job = null; // { controller, done, total }
  }

  /** Computes everything missing; a new call supersedes a running one. */
  async run() {
    this.job?.controller.abort();
    const list = this.tasks();
    if (list.length === 0) {
      this.job = null;
      this.progress.max = 1;
      this.progress.value = 1;
      this.show('done');
      this.draw();
      return;
    }
    const controller = new AbortController();
    const current = { controller, done: 0, total: list.length };
    this.job = current;
    this.progress.max = list.length;
    this.progress.value = 0;
    const call = (method, options) => this.compute.call(method, options, { signal: controller.signal });
    for (const task of list) {
      // While the learner drags a slider (here or in another exercise), the next call waits for
      // its release: on a machine with few cores the worker and the redraw after each result
      // would compete with the frames of the drag.
      await afterDrag();
      if (controller.signal.aborted) return;
      this.show('computing', { label: task.label, done: current.done, total: current.total });
      try {
        this.cache.set(task.key, await task.run(call));
      } catch (error) {
        if (isAbort(error) || controller.signal.aborted) return;
        this.cache.set(task.key, { error: error.message });
        console.warn(`${this.section.id}: ${task.label} failed: ${error.message}`);
      }
      // A result that arrives during a drag is drawn at its release (redrawing these plots can
      // take longer than a frame).
      await afterDrag();
      if (controller.signal.aborted) return;
      current.done += 1;
      this.progress.value = current.done;
      this.section.dataset.computeMode = this.compute.mode;
      runGuarded(this.section, this.draw); // after an await: in the exercise's guard again (web/guard.js)
    }
    if (this.job === current) this.run(); // the state may have asked for more meanwhile
  }

  /** Stops the running job; returns how far it got, or null when nothing was running. */
  cancel() {
    const job = this.job;
    if (!job) return null;
    job.controller.abort();
    this.job = null;
    return { done: job.done, total: job.total };
  }
}
