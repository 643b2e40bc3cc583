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
import { pinPlotsOnPhones } from './nav/phone-plot.js';
import { startNavigation } from './nav/toc.js';
import { startLanguageSwitch } from './nav/language.js';
import { language, languages, t } from './i18n.js';

/** The status line; `state` (data-state: loading, ready, error) is what scripts and tests wait for. */
function setStatus(text, state = 'ready') {
  const status = document.getElementById('lab-status');
  status.textContent = text;
  status.dataset.state = state;
  status.classList.toggle('error', state === 'error');
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
      // A link value is echoed cut: a 100,000-character ?exercise= must not fill the status line.
      const shown = only.length > 60 ? `${only.slice(0, 60)}…` : only;
      setStatus(t('common.noExercise', { shown, ids: EXERCISES.map((e) => e.id).join(', ') }), 'error');
      return;
    }
    document.body.classList.add('embedded');
    for (const section of document.querySelectorAll('main > section')) if (section.id !== only) section.remove();
    reportHeight(only);
  }
  // The contents and the address that follows the reader work even if the core cannot start.
  const navigation = only === null ? startNavigation() : { ready() {} };
  startLanguageSwitch();
  const asked = params.get('lang');
  // An unknown ?lang= is not guessed at (web/lang-redirect.js leaves the page as it is): say so.
  // The page's bundle carries its own language only: the languages offered are the header's links.
  const offered = [...document.querySelectorAll('.language-switch a[data-language]')].map((a) => a.dataset.language);
  const accepted = offered.length ? offered : languages();
  const unknownLanguage = asked !== null && !accepted.includes(asked) ? t('common.unknownLanguage', { asked: asked.slice(0, 20), accepted: accepted.join(', '), current: language() }) : '';
  pinPlotsOnPhones(document);
  const labPromise = createLab(); // the core downloads and compiles while the math is fitted
  const sections = EXERCISES.map((e) => ({ ...e, section: document.getElementById(e.id) })).filter((e) => e.section);
  const order = firstVisibleFirst(sections);
  // The math is typeset at build time (web/math.js); on phones, display equations are fitted to
  // the width (fitMath): the exercise in view's now, each other's just before it mounts.
  if (order.length > 0) fitMath(order[0].section);
  let lab;
  try {
    lab = await labPromise;
  } catch (error) {
    fitMath(document.body);
    setStatus(t('common.coreFailed', { message: error.message }), 'error');
    navigation.ready();
    return;
  }
  // Each exercise in its own guard (web/guard.js): one that fails shows its own message and reset
  // button, and the others mount and run on.
  let failed = 0;
  for (const [k, { mount, section }] of order.entries()) {
    // Between mounts the learner's input runs: the exercise in view answers before the rest mount.
    if (k > 0) {
      await afterPendingWork();
      fitMath(section);
    }
    const guard = guardExercise(section, (s) => {
      mount(s, lab);
      addDataTables(s);
      addSharePanel(s);
      applyHide(s, hide);
    });
    if (guard.failed) failed += 1;
    if (k === 0) performance.mark('apl:first-exercise-mounted', { detail: section.id });
  }
  navigation.ready();
  setStatus(`${failed ? t('common.readySome', { failed }) : t('common.ready')}${unknownLanguage ? ` ${unknownLanguage}` : ''}`);
}

main();
