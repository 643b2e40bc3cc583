// The learner's solved tasks, kept in localStorage under one versioned key as a list of
// "<exercise>/<task>" ids, so a solved task stays solved across reloads and visits. Nothing is sent
// anywhere. Where storage is refused (privacy modes, sandboxed iframes, a throwing getter) the
// progress lives in memory for the visit, silently: a refused store is not an error to the learner.
//
// One instance per document: the page's exercises, an ?exercise= iframe and every
// <attention-pooling-lab> element on a course page share it (and, on the lab's origin, its storage).

import { t } from '../i18n.js';

export const STORAGE_KEY = 'attention-pooling-lab:progress:v1';

/** localStorage if it can be read and written, else null. Every access may throw. */
function openStorage() {
  try {
    const storage = window.localStorage;
    const probe = `${STORAGE_KEY}:probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

function readSolved(storage) {
  try {
    const saved = JSON.parse(storage?.getItem(STORAGE_KEY) ?? 'null');
    return Array.isArray(saved?.solved) ? saved.solved.filter((id) => typeof id === 'string') : [];
  } catch {
    return []; // unreadable or foreign data under our key: start afresh rather than fail
  }
}

const taskKey = (exercise, task) => `${exercise}/${task}`;

class Progress {
  constructor() {
    this.storage = openStorage();
    this.solved = new Set(readSolved(this.storage));
    /** exercise id → { tasks: string[], reset(): void } for the exercises mounted in this document */
    this.exercises = new Map();
    this.listeners = new Set();
  }

  /** Whether progress survives this visit (false: storage refused, memory only). */
  get persistent() {
    return this.storage !== null;
  }

  isSolved(exercise, task) {
    return this.solved.has(taskKey(exercise, task));
  }

  markSolved(exercise, task) {
    const key = taskKey(exercise, task);
    if (this.solved.has(key)) return;
    this.solved.add(key);
    this.#write();
    this.#notify();
  }

  /**
   * An exercise's task list (web/shell/try-this.js); `reset` sets its tasks back to "not yet".
   * `element` (its Try this box) gets a line with the exercise's own count.
   */
  register(exercise, tasks, { reset, element } = {}) {
    const entry = { tasks: [...tasks], reset: reset ?? (() => {}), line: null };
    if (element) {
      entry.line = document.createElement('p');
      entry.line.className = 'try-this-progress';
      entry.line.dataset.progressExercise = exercise;
      element.querySelector('h3')?.after(entry.line);
    }
    // Several elements may show the same exercise: each one's reset runs.
    const previous = this.exercises.get(exercise);
    if (previous) {
      const first = previous.reset;
      const second = entry.reset;
      entry.reset = () => { first(); second(); };
      entry.lines = [...(previous.lines ?? [previous.line]), entry.line].filter(Boolean);
    } else entry.lines = [entry.line].filter(Boolean);
    this.exercises.set(exercise, entry);
    this.#notify();
  }

  /** { solved, total } of one registered exercise. */
  count(exercise) {
    const entry = this.exercises.get(exercise);
    if (!entry) return null;
    return { solved: entry.tasks.filter((t) => this.isSolved(exercise, t)).length, total: entry.tasks.length };
  }

  /** Forgets every solved task, here and in storage. */
  reset() {
    this.solved.clear();
    try {
      this.storage?.removeItem(STORAGE_KEY);
    } catch {
      // refused after all: the memory copy is cleared, which is what this visit shows
    }
    for (const entry of this.exercises.values()) entry.reset();
    this.#notify();
  }

  /** Calls `listener(progress)` now and after every change. */
  subscribe(listener) {
    this.listeners.add(listener);
    listener(this);
    return () => this.listeners.delete(listener);
  }

  #write() {
    if (!this.storage) return;
    try {
      this.storage.setItem(STORAGE_KEY, JSON.stringify({ solved: [...this.solved] }));
    } catch {
      this.storage = null; // quota or a revoked permission: keep going in memory
    }
  }

  #notify() {
    for (const [exercise, entry] of this.exercises) {
      const { solved, total } = this.count(exercise);
      const text = t(this.persistent ? 'nav.exerciseSolved' : 'nav.exerciseSolvedVisit', { solved, total });
      for (const line of entry.lines) line.textContent = text;
    }
    for (const listener of this.listeners) listener(this);
  }
}

export const progress = new Progress();
