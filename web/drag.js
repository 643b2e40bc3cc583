// Whether the learner is dragging a slider right now (a pointer pressed on an <input type=range>),
// so that work which need not happen per frame can wait for the end of the drag: the URL write
// (web/state.js), the background curves of other exercises (web/compute/task-runner.js),
// repeated slider inputs within one frame (web/controls.js) and data attributes nobody sees
// (latestAfterDrag). Keyboard and scripted input are not
// drags: they keep running everything at once.

let dragging = false;
let waiters = [];

function end() {
  if (!dragging) return;
  dragging = false;
  for (const resolve of waiters.splice(0)) resolve();
}

if (typeof window !== 'undefined') {
  // Capture phase on the window: sees presses inside <attention-pooling-lab>'s shadow root too
  // (composedPath()[0] is the element pressed, where target is retargeted to the host).
  window.addEventListener('pointerdown', (event) => {
    const el = event.composedPath?.()[0] ?? event.target;
    if (el instanceof HTMLInputElement && el.type === 'range') dragging = true;
  }, true);
  window.addEventListener('pointerup', end, true);
  window.addEventListener('pointercancel', end, true);
  window.addEventListener('blur', end); // the window lost the pointer: no pointerup will come
  window.addEventListener('pagehide', end);
}

/** True while a pointer drags a slider. */
export const isDragging = () => dragging;

/** Resolves when no slider is being dragged (at once if none is). */
export function afterDrag() {
  return dragging ? new Promise((resolve) => waiters.push(resolve)) : Promise.resolve();
}

/**
 * A writer that waits for the end of a drag: write(key, run) runs `run` at once when no slider is
 * dragged; during a drag it keeps only the latest `run` of each key and runs those when the drag
 * ends (before any later input: afterDrag resolves on the release). For output nobody sees while
 * dragging (data attributes for tests and scripts) that costs time on every result.
 */
export function latestAfterDrag() {
  const pending = new Map();
  return (key, run) => {
    if (!dragging) {
      pending.delete(key);
      run();
      return;
    }
    if (pending.size === 0) {
      afterDrag().then(() => {
        for (const later of pending.values()) later();
        pending.clear();
      });
    }
    pending.set(key, run);
  };
}
