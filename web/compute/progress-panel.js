// The status row of an exercise whose curves compute in the background (web/compute/task-runner.js):
// a progress bar, a polite live text, and Cancel / Resume. The markup is the exercise's
// (web/exercises/*.html): [data-compute] holding [data-progress], [data-live="progress"] and
// [data-compute-buttons].
import { button } from '../controls.js';

export class ProgressPanel {
  /**
   * @param {HTMLElement} section  gets data-curves (the phase), as its [data-compute] row does
   * @param {{ onCancel: () => void, onResume: () => void }} o
   */
  constructor(section, { onCancel, onResume }) {
    this.section = section;
    this.row = section.querySelector('[data-compute]');
    this.progress = section.querySelector('[data-progress]');
    this.text = section.querySelector('[data-live="progress"]');
    this.cancel = button('Cancel', onCancel, 'Stop computing; keep what is finished', 'cancel');
    this.resume = button('Resume', onResume, 'Compute the missing points', 'resume');
    section.querySelector('[data-compute-buttons]').append(this.cancel, this.resume);
  }

  /** phase: 'computing' (Cancel shown), 'cancelled' (Resume shown) or 'done'. */
  show(phase, text) {
    this.section.dataset.curves = phase;
    this.row.dataset.phase = phase;
    this.text.textContent = text;
    this.cancel.hidden = phase !== 'computing';
    this.resume.hidden = phase !== 'cancelled';
  }

  /** The text of a finished run, saying where it ran. */
  static doneText(what, compute) {
    return `${what} (${compute.mode === 'worker' ? 'in a background worker' : 'on this page; workers are unavailable here'}).`;
  }
}
