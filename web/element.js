// <attention-pooling-lab exercise="leave-one-out" state="epochs=200&w0=1" hide="learning-rate" lang="zh">
// One exercise in a course page: its text, math, controls and plots in a shadow root (the host
// page's CSS neither reaches in nor is touched), its state from the `state` attribute (keys as in
// the exercise's URL state, without the "<exercise>." prefix). Every element on a page shares
// one WebAssembly module and one language: the lang attribute of the first element that starts
// (else the document's <html lang>, else English); the element bundle carries every catalog.
import katexCss from 'katex/dist/katex.min.css';
import { createLab } from '../wasm/src/index.js';
import { assetUrl } from './assets.js';
import { addDataTables } from './data-table.js';
import { addSharePanel, applyHide } from './embed.js';
import { TEMPLATES } from './exercise-templates.js';
import { EXERCISES, exerciseById } from './exercises.js';
import { fitMath } from './fit-math.js';
import { guardExercise } from './guard.js';
import { DEFAULT_LANGUAGE, language, languages, localizeHtml, pageFile, setLanguage, t } from './i18n.js';
import { renderMath } from './math.js';
import pageCss from './style.css';

// KaTeX's fonts: relative to the script, and declared in the document, because @font-face
// inside a shadow root is ignored by browsers.
const katexForShadow = katexCss.replace(/url\(fonts\//g, `url(${assetUrl('katex/fonts/')}`);
function installFonts() {
  if (document.querySelector('style[data-attention-pooling-lab-fonts]')) return;
  const style = document.createElement('style');
  style.dataset.attentionPoolingLabFonts = '';
  style.textContent = (katexForShadow.match(/@font-face\{[^}]*\}/g) ?? []).join('\n');
  document.head.append(style);
}

// The page's stylesheet, rescoped: its custom properties and base font live on the host.
const shadowCss = pageCss.replace(/:root/g, ':host').replace(/(^|\n)body \{/g, '$1:host {');

let pageLanguage = null; // set by the first element that starts: messages are formatted in one language per page

/** The language this element asks for: its lang attribute, else the document's, by primary subtag. */
function askedLanguage(element) {
  const tag = element.getAttribute('lang') ?? document.documentElement.lang ?? '';
  const code = tag.toLowerCase().split('-')[0];
  return languages().includes(code) ? code : DEFAULT_LANGUAGE;
}

class AttentionPoolingLab extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return; // moved in the DOM: keep what is there
    const root = this.attachShadow({ mode: 'open' });
    const id = this.getAttribute('exercise') ?? '';
    if (pageLanguage === null) {
      pageLanguage = askedLanguage(this);
      setLanguage(pageLanguage);
    } else if (askedLanguage(this) !== pageLanguage) {
      console.warn(`attention-pooling-lab: every element of a page shows one language; '${id}' asks for '${askedLanguage(this)}' and is shown in '${pageLanguage}'`);
    }
    const exercise = exerciseById(id);
    root.innerHTML = `<style>${katexForShadow}\n${shadowCss}\n:host{display:block}</style><p class="status" role="status"></p>`;
    const status = root.querySelector('.status');
    if (!exercise) {
      status.textContent = t('common.elementUnknownExercise', { id, ids: EXERCISES.map((e) => e.id).join(', ') });
      status.classList.add('error');
      return;
    }
    installFonts();
    status.textContent = t('common.loadingCore');
    const template = document.createElement('template');
    template.innerHTML = localizeHtml(TEMPLATES[id], language());
    root.append(template.content);
    const section = root.getElementById(id);
    const prefixed = new URLSearchParams();
    for (const [key, value] of new URLSearchParams(this.getAttribute('state') ?? '')) prefixed.set(`${id}.${key}`, value);
    section.labStateSource = { params: prefixed, base: assetUrl(pageFile()) };
    renderMath(section);
    fitMath(section); // phones: display equations scale or scroll inside the element too
    let lab;
    try {
      lab = await createLab();
    } catch (error) {
      // From a file (file://) browsers refuse what the lab loads next to its script: say what works.
      status.textContent = t(window.location.protocol === 'file:' ? 'common.elementCoreFailedFile' : 'common.elementCoreFailed', { message: error.message });
      status.classList.add('error');
      return;
    }
    // In a guard (web/guard.js): a failing exercise shows its message and reset button in place.
    const hide = (this.getAttribute('hide') ?? '').split(',').filter(Boolean);
    guardExercise(section, (s) => {
      exercise.mount(s, lab);
      addDataTables(s);
      addSharePanel(s);
      applyHide(s, hide);
    });
    status.remove();
    this.dispatchEvent(new CustomEvent('ready'));
  }
}

if (!customElements.get('attention-pooling-lab')) customElements.define('attention-pooling-lab', AttentionPoolingLab);
