// Page entry. The page is index.html with every exercise's text already in it (first paint does
// not wait for WASM); this script renders the math, loads the core and mounts the exercises.
// ?exercise=<id> shows one exercise alone (for iframes; it reports its height to the parent) and
// ?hide=<names> hides controls or plots by name.
import { createLab } from '../wasm/src/index.js';
import { addDataTables } from './data-table.js';
import { addSharePanel, applyHide } from './embed.js';
import { EXERCISES, exerciseById } from './exercises.js';
import { fitMath } from './fit-math.js';
import { guardExercise } from './guard.js';
import { renderMath } from './math.js';
import { pinPlotsOnPhones } from './nav/phone-plot.js';
import { startNavigation } from './nav/toc.js';

function setStatus(text, isError = false) {
  const status = document.getElementById('lab-status');
  status.textContent = text;
  status.classList.toggle('error', isError);
  document.body.classList.add('started'); // ends the CSS fallback warning of a script that never ran
}

/**
 * The embedding page's origin where the browser tells it (ancestorOrigins in Chromium and Safari,
 * else the referrer), so that only it receives our messages; '*' when unknown (file://, or a
 * referrer policy that hides it): the height is not a secret.
 */
function parentOrigin() {
  try {
    const origin = window.location.ancestorOrigins?.[0] ?? (document.referrer ? new URL(document.referrer).origin : '');
    return origin && origin !== 'null' ? origin : '*';
  } catch {
    return '*';
  }
}

/** In an iframe: tell the parent our height whenever it changes, so it never shows a scrollbar. */
function reportHeight(exercise) {
  if (window.parent === window) return;
  const target = parentOrigin();
  const send = () =>
    window.parent.postMessage(
      { type: 'attention-pooling-lab:height', exercise, height: Math.ceil(document.documentElement.scrollHeight) },
      target,
    );
  new ResizeObserver(send).observe(document.body);
  send();
}

async function main() {
  const params = new URLSearchParams(window.location.search);
  const only = params.get('exercise');
  const hide = (params.get('hide') ?? '').split(',').filter(Boolean);
  if (only !== null) {
    if (!exerciseById(only)) {
      // A link value is echoed cut: a 100,000-character ?exercise= must not fill the status line.
      const shown = only.length > 60 ? `${only.slice(0, 60)}…` : only;
      setStatus(`There is no exercise '${shown}'. Exercises: ${EXERCISES.map((e) => e.id).join(', ')}.`, true);
      return;
    }
    document.body.classList.add('embedded');
    for (const section of document.querySelectorAll('main > section')) if (section.id !== only) section.remove();
    reportHeight(only);
  }
  // The contents and the address that follows the reader work even if the core cannot start.
  const navigation = only === null ? startNavigation() : { ready() {} };
  renderMath(document.body);
  fitMath(document.body);
  pinPlotsOnPhones(document);
  let lab;
  try {
    lab = await createLab();
  } catch (error) {
    setStatus(`The computation core could not start in this browser (${error.message}). The lab needs WebAssembly, available in every current browser.`, true);
    navigation.ready();
    return;
  }
  // Each exercise in its own guard (web/guard.js): one that fails shows its own message and reset
  // button, and the others mount and run on.
  let failed = 0;
  for (const { id, mount } of EXERCISES) {
    const section = document.getElementById(id);
    if (!section) continue;
    const guard = guardExercise(section, (s) => {
      mount(s, lab);
      addDataTables(s);
      addSharePanel(s);
      applyHide(s, hide);
    });
    if (guard.failed) failed += 1;
  }
  navigation.ready();
  setStatus(`Ready: every number below is computed live.${failed ? ` ${failed === 1 ? 'One exercise' : `${failed} exercises`} could not start: see the message there.` : ''}`);
}

main();
