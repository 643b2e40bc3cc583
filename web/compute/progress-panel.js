// The status row of an exercise whose curves compute in the background (web/compute/task-runner.js):
// a progress bar, a polite live text, and Cancel / Resume. The markup is the exercise's
// (web/exercises/*.html): [data-compute] holding [data-progress], [data-live="progress"] and
// [data-compute-buttons].
import { button } from '../controls.js';
import { t } from '../i18n.js';

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
    this.cancel = button(t('shell.progress.cancel'), onCancel, t('shell.progress.cancelTitle'), 'cancel', 'cancel');
    this.resume = button(t('shell.progress.resume'), onResume, t('shell.progress.resumeTitle'), 'resume', 'resume');
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

  /** The text of a finished run (`what`, a sentence of the caller's catalog), saying where it ran. */
  static doneText(what, compute) {
    return t('shell.progress.done', { what, where: compute.mode === 'worker' ? 'worker' : 'page' });
  }
}
