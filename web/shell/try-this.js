// "Try this": two or three tasks at the end of an exercise that the page checks live against the
// current state. Each task has a hint and an explanation behind <details>, and a visible solved
// state announced through an aria-live region. The checks compare numbers the widget already got
// from the lab's API (no math here); a task stays solved once the learner has reached it, also
// across reloads (web/nav/progress.js keeps it) until "Reset my progress".
import { t } from '../i18n.js';
import { progress } from '../nav/progress.js';

/**
 * @param {HTMLElement} section  the exercise's <section>
 * @param {Array<{ id: string, task: string, hint: string, explanation: string, check: () => boolean }>} tasks
 * @returns {{ update(): void, solved(): string[], element: HTMLElement }}
 *   Call update() after every recompute; solved() lists the ids solved so far.
 */
export function addTryThis(section, tasks) {
  const box = document.createElement('section');
  box.className = 'try-this';
  box.dataset.shell = 'try-this';
  const headingId = `${section.id}-try-this`;
  box.setAttribute('aria-labelledby', headingId);
  const h = document.createElement('h3');
  h.id = headingId;
  h.textContent = t('shell.tryThis.heading');
  const list = document.createElement('ol');
  const announcer = document.createElement('p');
  announcer.className = 'visually-hidden';
  announcer.setAttribute('aria-live', 'polite');
  box.append(h, list, announcer);

  const items = tasks.map((task) => {
    const li = document.createElement('li');
    li.dataset.task = task.id;
    li.dataset.solved = 'false';
    const text = document.createElement('p');
    text.className = 'task';
    const status = document.createElement('span');
    status.className = 'task-status';
    status.textContent = t('shell.tryThis.notYet');
    const words = document.createElement('span');
    words.textContent = task.task;
    text.append(status, ' ', words);
    li.append(text, disclosure(t('shell.tryThis.hint'), task.hint), disclosure(t('shell.tryThis.explanation'), task.explanation));
    list.append(li);
    return { ...task, li, status, solved: false };
  });

  const show = (item, solved) => {
    item.solved = solved;
    item.li.dataset.solved = String(solved);
    item.status.textContent = t(solved ? 'shell.tryThis.solved' : 'shell.tryThis.notYet');
  };
  for (const item of items) if (progress.isSolved(section.id, item.id)) show(item, true);
  progress.register(section.id, items.map((i) => i.id), {
    element: box,
    // Not re-checked here: a reset shows every task open; the next change of state checks again.
    reset: () => {
      for (const item of items) show(item, false);
    },
  });

  function update() {
    for (const item of items) {
      if (item.solved) continue;
      let ok = false;
      try {
        ok = Boolean(item.check());
      } catch {
        ok = false; // a state the check cannot judge is simply not solved
      }
      if (!ok) continue;
      show(item, true);
      progress.markSolved(section.id, item.id);
      announcer.textContent = t('shell.tryThis.announce', { task: item.task });
    }
  }

  section.append(box);
  return { update, solved: () => items.filter((i) => i.solved).map((i) => i.id), element: box };
}

function disclosure(label, text) {
  const d = document.createElement('details');
  const s = document.createElement('summary');
  s.textContent = label;
  const p = document.createElement('p');
  p.textContent = text;
  d.append(s, p);
  return d;
}
