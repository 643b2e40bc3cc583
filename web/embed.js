// What every exercise shares once mounted: hiding controls on request (embeds), and an "Embed this
// exercise" panel that gives both embed snippets (iframe; script + element) for the current state.
import { controlName } from './controls.js';

/**
 * Hides the controls and plots named in `names` (their data-control / data-plot names), or all
 * controls with 'controls', or the share panel with 'share'.
 */
export function applyHide(section, names) {
  for (const name of names) {
    const selector =
      name === 'controls' ? '[data-controls]' : name === 'share' ? '.share' : `[data-control="${CSS.escape(name)}"], [data-plot="${CSS.escape(name)}"]`;
    for (const el of section.querySelectorAll(selector)) el.hidden = true;
  }
}

/** The standalone page this script belongs to (the folder of index.html / app.js). */
function pageBase(section) {
  return section.labStateSource?.base ?? new URL('.', window.location.href).href;
}

/** Both embed snippets for the exercise's current state. */
export function embedSnippets(section, hidden = []) {
  const state = section.labState;
  const base = new URL('.', pageBase(section)).href;
  const title = section.querySelector('h2')?.textContent.trim() ?? section.id;
  const page = new URL('index.html', base);
  page.searchParams.set('exercise', section.id);
  for (const [name, value] of state?.params() ?? []) page.searchParams.set(name, value);
  if (hidden.length) page.searchParams.set('hide', hidden.join(','));
  const plain = new URLSearchParams();
  for (const [name, value] of state?.params() ?? []) plain.set(name.slice(section.id.length + 1), value);
  const iframe =
    `<iframe src="${page.href}" title="Attention Pooling Lab: ${title}" style="width:100%;border:0" data-attention-pooling-lab></iframe>\n` +
    // The listener of examples/course-page.js: the frame's own window and origin only, height clamped.
    `<script>addEventListener('message',e=>{const h=Number(e.data&&e.data.type==='attention-pooling-lab:height'&&e.data.height);if(!(h>=0))return;` +
    `for(const f of document.querySelectorAll('iframe[data-attention-pooling-lab]'))if(f.contentWindow===e.source&&e.origin===new URL(f.src,location.href).origin)f.style.height=Math.min(h,20000)+'px'})</script>`;
  const attrs = [`exercise="${section.id}"`];
  if ([...plain].length) attrs.push(`state="${plain.toString().replace(/&/g, '&amp;')}"`);
  if (hidden.length) attrs.push(`hide="${hidden.join(',')}"`);
  const element =
    `<script type="module" src="${new URL('attention-pooling-lab.js', base).href}"></script>\n` +
    `<attention-pooling-lab ${attrs.join(' ')}></attention-pooling-lab>`;
  return { link: state?.link() ?? page.href, iframe, element };
}

function copyButton(text, get) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.dataset.control = controlName(text);
  b.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(get());
      b.textContent = 'Copied';
    } catch {
      b.textContent = 'Select and copy the text';
    }
    setTimeout(() => (b.textContent = text), 1500);
  });
  return b;
}

/** Adds the "Embed this exercise" panel at the end of the section. */
export function addSharePanel(section) {
  const panel = document.createElement('details');
  panel.className = 'share';
  panel.innerHTML = `<summary>Embed this exercise</summary>
    <p>Code that puts this exercise, in its current state, into a course page.</p>
    <fieldset class="hide-list"><legend>Hide in the embed</legend></fieldset>
    <label class="snippet">In an iframe<textarea readonly rows="4" data-snippet="iframe"></textarea></label>
    <label class="snippet">As an element (script + tag)<textarea readonly rows="3" data-snippet="element"></textarea></label>
    <div class="buttons"></div>`;
  const hideList = panel.querySelector('.hide-list');
  const refresh = () => {
    const hidden = [...hideList.querySelectorAll('input:checked')].map((i) => i.value);
    const s = embedSnippets(section, hidden);
    panel.querySelector('[data-snippet="iframe"]').value = s.iframe;
    panel.querySelector('[data-snippet="element"]').value = s.element;
    return s;
  };
  panel.addEventListener('toggle', () => {
    if (!panel.open) return;
    hideList.replaceChildren(hideList.querySelector('legend'));
    const names = new Set([...section.querySelectorAll('[data-controls] [data-control]')].map((el) => el.dataset.control));
    for (const name of names) {
      const label = document.createElement('label');
      label.innerHTML = '<input type="checkbox"> <span></span>';
      label.querySelector('input').value = name;
      label.querySelector('span').textContent = name;
      label.querySelector('input').addEventListener('change', refresh);
      hideList.append(label);
    }
    refresh();
  });
  panel.querySelector('.buttons').append(
    copyButton('Copy iframe code', () => refresh().iframe),
    copyButton('Copy element code', () => refresh().element),
  );
  section.append(panel);
}
