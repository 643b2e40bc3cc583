// Page entry. The page is index.html with every exercise's text already in it (first paint does
// not wait for WASM); this script renders the math, loads the core and mounts the exercises.
// ?exercise=<id> shows one exercise alone (for iframes; it reports its height to the parent) and
// ?hide=<names> hides controls or plots by name.
import { createLab } from '../wasm/src/index.js';
import { addDataTables } from './data-table.js';
import { addSharePanel, applyHide } from './embed.js';
import { EXERCISES, exerciseById } from './exercises.js';
import { renderMath } from './math.js';

function setStatus(text, isError = false) {
  const status = document.getElementById('lab-status');
  status.textContent = text;
  status.classList.toggle('error', isError);
  document.body.classList.add('started'); // ends the CSS fallback warning of a script that never ran
}

/** In an iframe: tell the parent our height whenever it changes, so it never shows a scrollbar. */
function reportHeight(exercise) {
  if (window.parent === window) return;
  const send = () =>
    window.parent.postMessage(
      { type: 'attention-pooling-lab:height', exercise, height: Math.ceil(document.documentElement.scrollHeight) },
      '*',
    );
  new ResizeObserver(send).observe(document.body);
  send();
}

/**
 * Resolves once the tasks already waiting (input, drawing, timers) have run: a background-priority
 * task where the browser has the Prioritized Task Scheduling API, else the next timer task.
 */
function afterPendingWork() {
  return new Promise((resolve) =>
    globalThis.scheduler?.postTask ? scheduler.postTask(resolve, { priority: 'background' }) : setTimeout(resolve, 0),
  );
}

/** The exercises with the one in view (the first whose box meets the viewport) moved to the front. */
function firstVisibleFirst(sections) {
  const inView = sections.findIndex(({ section }) => {
    const box = section.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  });
  if (inView <= 0) return sections;
  return [sections[inView], ...sections.slice(0, inView), ...sections.slice(inView + 1)];
}

async function main() {
  const params = new URLSearchParams(window.location.search);
  const only = params.get('exercise');
  const hide = (params.get('hide') ?? '').split(',').filter(Boolean);
  if (only !== null) {
    if (!exerciseById(only)) {
      setStatus(`There is no exercise '${only}'. Exercises: ${EXERCISES.map((e) => e.id).join(', ')}.`, true);
      return;
    }
    document.body.classList.add('embedded');
    for (const section of document.querySelectorAll('main > section')) if (section.id !== only) section.remove();
    reportHeight(only);
  }
  const labPromise = createLab(); // the core downloads and compiles while the math renders
  const sections = EXERCISES.map((e) => ({ ...e, section: document.getElementById(e.id) })).filter((e) => e.section);
  const order = firstVisibleFirst(sections);
  // All the page's math is in the exercises: the one in view's now, each other's just before it
  // mounts, so that KaTeX's work for the whole page does not hold up the first exercise.
  if (order.length > 0) renderMath(order[0].section);
  let lab;
  try {
    lab = await labPromise;
  } catch (error) {
    renderMath(document.body);
    setStatus(`The computation core could not start in this browser (${error.message}). The lab needs WebAssembly, available in every current browser.`, true);
    return;
  }
  for (const [k, { mount, section }] of order.entries()) {
    // Between mounts the learner's input runs: the exercise in view answers before the rest mount.
    if (k > 0) {
      await afterPendingWork();
      renderMath(section);
    }
    mount(section, lab);
    addDataTables(section);
    addSharePanel(section);
    applyHide(section, hide);
    if (k === 0) performance.mark('apl:first-exercise-mounted', { detail: section.id });
  }
  setStatus('Ready: every number below is computed live.');
}

main();
