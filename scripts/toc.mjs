// The table of contents and the first screen's summary, written into index.html at build time so
// that they are in the first paint and work without script: the groups and one-line descriptions
// come from web/nav/contents.json with their words in web/i18n/<lang>/nav.json, the titles from each exercise's <h2>, and the task counts from
// the task lists the widgets pass to addTryThis (web/shell/try-this.js). At run time
// web/nav/progress.js replaces the counts by the registered tasks and the learner's progress.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { localizeHtml, t } from '../web/i18n.js';

const escapeHtml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');


/**
 * Walks `source` from `start`, skipping strings, template literals and comments, and calls
 * visit(c, i) for each bracket character; a visit that returns true stops the walk at i.
 * Returns where it stopped, or -1 at the end.
 */
function walkBrackets(source, start, visit) {
  for (let i = start; i < source.length; i++) {
    const c = source[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
    } else if (c === '/' && source[i + 1] === '/') {
      i = source.indexOf('\n', i);
      if (i < 0) break;
    } else if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i) + 1;
    } else if ('[{()}]'.includes(c) && visit(c, i)) return i;
  }
  return -1;
}

const OPENING = '[{(';

/** The text of the array literal that starts at `source[open]` ('['), found by bracket depth. */
function arrayAt(source, open) {
  let depth = 0;
  const end = walkBrackets(source, open, (c) => (depth += OPENING.includes(c) ? 1 : -1) === 0);
  if (end < 0) throw new Error('unbalanced brackets');
  return source.slice(open, end + 1);
}

/** How many tasks a widget's source passes to addTryThis: the objects at the top level of its array. */
export function countTasks(source, file = 'widget') {
  const call = source.indexOf('addTryThis(section, [');
  if (call < 0) {
    // A widget without tasks has none; one that builds its list elsewhere cannot be counted here.
    if (/addTryThis\(/.test(source.replace(/^import .*$/gm, ''))) {
      throw new Error(`${file}: scripts/toc.mjs counts the tasks of an 'addTryThis(section, [ … ])' literal and found another form`);
    }
    return 0;
  }
  const array = arrayAt(source, source.indexOf('[', call));
  let depth = 0;
  let objects = 0;
  walkBrackets(array, 0, (c) => {
    if (OPENING.includes(c)) {
      if (depth === 1 && c === '{') objects++;
      depth++;
    } else depth--;
    return false;
  });
  if (objects === 0) throw new Error(`${file}: addTryThis with an empty task list`);
  return objects;
}

/** [{ title, start, exercises: [{ id, title, description, tasks }] }] in page order, in `lang`. */
export function contents(root, lang = 'en') {
  const web = path.join(root, 'web');
  const order = JSON.parse(readFileSync(path.join(web, 'exercises', 'index.json'), 'utf8'));
  const { groups } = JSON.parse(readFileSync(path.join(web, 'nav', 'contents.json'), 'utf8'));
  const listed = groups.flatMap((g) => g.exercises);
  // The contents follow the page: a reader who scrolls sees the highlight move down the list.
  if (listed.join() !== order.join()) {
    throw new Error(`web/nav/contents.json lists ${listed.join(', ')}; web/exercises/index.json has ${order.join(', ')} (same ids, same order)`);
  }
  return groups.map((g) => ({
    title: t(`nav.group.${g.id}.title`, undefined, lang),
    start: t(`nav.group.${g.id}.start`, undefined, lang),
    exercises: g.exercises.map((id) => {
      const template = readFileSync(path.join(web, 'exercises', `${id}.html`), 'utf8');
      const h2 = localizeHtml(template, lang).match(/<h2[^>]*>([\s\S]*?)<\/h2>/);
      if (!h2) throw new Error(`web/exercises/${id}.html has no <h2>`);
      const file = path.join(web, 'widgets', `${id}.js`);
      return {
        id,
        title: h2[1].replace(/<[^>]*>/g, '').trim(),
        description: t(`nav.description.${id}`, undefined, lang),
        tasks: countTasks(readFileSync(file, 'utf8'), file),
      };
    }),
  }));
}

/** The <nav> landmark: a compact bar on narrow screens (its list opens as a drawer), a sidebar on wide ones. */
export function tocHtml(groups, lang = 'en') {
  const all = groups.flatMap((g) => g.exercises);
  const total = all.reduce((s, e) => s + e.tasks, 0);
  const tasksText = (n) => t('nav.tasks', { n }, lang);
  const list = groups.map((g, gi) => {
    const items = g.exercises.map((e) => {
      const number = all.indexOf(e) + 1;
      return `<li><a href="#${e.id}" data-toc="${e.id}"><span class="toc-title"><span class="toc-number">${number}.</span> ${escapeHtml(e.title)}</span>` +
        `<span class="toc-desc">${escapeHtml(e.description)}</span>` +
        `<span class="toc-count" data-toc-count="${e.id}" data-total="${e.tasks}">${tasksText(e.tasks)}</span></a></li>`;
    }).join('\n      ');
    return `<li class="toc-group"><p class="toc-group-title" id="toc-group-${gi + 1}">${escapeHtml(g.title)}</p>
      <ol aria-labelledby="toc-group-${gi + 1}">
      ${items}
      </ol></li>`;
  }).join('\n    ');
  return `<nav class="toc" id="toc" aria-label="${escapeHtml(t('nav.tocLabel', undefined, lang))}">
  <div class="toc-bar">
    <a class="toc-toggle" href="#toc-panel" aria-controls="toc-panel">${t('nav.contents', undefined, lang)}</a>
    <span class="toc-where"></span>
    <span class="toc-bar-count" data-progress-bar>${tasksText(total)}</span>
  </div>
  <div class="toc-panel" id="toc-panel">
    <p class="toc-heading">${t('nav.contents', undefined, lang)}</p>
    <p class="toc-overall" data-progress-overall data-total="${total}">${t('nav.overall', { exercises: all.length, tasks: total }, lang)}</p>
    <ol class="toc-groups">
    ${list}
    </ol>
    <div class="toc-tools">
      <button type="button" class="reset-progress" data-reset-progress hidden>${t('nav.resetProgress', undefined, lang)}</button>
      <p class="toc-privacy">${t('nav.privacy', undefined, lang)}</p>
    </div>
  </div>
</nav>`;
}

/** The first screen's summary: what is here and where to start. */
export function introHtml(groups, lang = 'en') {
  const all = groups.flatMap((g) => g.exercises);
  const total = all.reduce((s, e) => s + e.tasks, 0);
  const starts = groups.map((g) => `<li>${escapeHtml(g.start)} <a href="#${g.exercises[0].id}">${escapeHtml(g.exercises[0].title)}</a></li>`).join('\n        ');
  return `<div class="intro">
      <p class="intro-summary">
        ${t('nav.introSummary', { exercises: all.length, tasks: total }, lang)}
      </p>
      <ul class="intro-start">
        ${starts}
      </ul>
    </div>`;
}

/** index.html's markers replaced: `<!-- intro: … -->` and `<!-- toc: … -->`, in `lang`. */
export function withContents(html, root, lang = 'en') {
  const groups = contents(root, lang);
  for (const marker of ['intro', 'toc']) {
    if (!new RegExp(`<!-- ${marker}:.*-->`).test(html)) throw new Error(`web/index.html has no <!-- ${marker}: … --> marker`);
  }
  return html.replace(/^\s*<!-- intro:.*-->$/m, `    ${introHtml(groups, lang)}`).replace(/^\s*<!-- toc:.*-->$/m, tocHtml(groups, lang));
}
