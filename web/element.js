// <attention-pooling-lab exercise="leave-one-out" state="epochs=200&w0=1" hide="learning-rate">
// One exercise in a course page: its text, math, controls and plots in a shadow root (the host
// page's CSS neither reaches in nor is touched), its state from the `state` attribute (keys as in
// the exercise's URL state, without the "<exercise>." prefix). Every element on a page shares
// one WebAssembly module.
import katexCss from 'katex/dist/katex.min.css';
import { createLab } from '../wasm/src/index.js';
import { assetUrl } from './assets.js';
import { addDataTables } from './data-table.js';
import { addSharePanel, applyHide } from './embed.js';
import { EXERCISES, exerciseById } from './exercises.js';
import { fitMath } from './fit-math.js';
import { guardExercise } from './guard.js';
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

class AttentionPoolingLab extends HTMLElement {
  async connectedCallback() {
    if (this.shadowRoot) return; // moved in the DOM: keep what is there
    const root = this.attachShadow({ mode: 'open' });
    const id = this.getAttribute('exercise') ?? '';
    const exercise = exerciseById(id);
    root.innerHTML = `<style>${katexForShadow}\n${shadowCss}\n:host{display:block}</style><p class="status" role="status"></p>`;
    const status = root.querySelector('.status');
    if (!exercise) {
      status.textContent = `attention-pooling-lab: unknown exercise '${id}'; accepted: ${EXERCISES.map((e) => e.id).join(', ')}`;
      status.classList.add('error');
      return;
    }
    installFonts();
    status.textContent = 'Loading the computation core…';
    const template = document.createElement('template');
    template.innerHTML = exercise.html;
    root.append(template.content);
    const section = root.getElementById(id);
    const prefixed = new URLSearchParams();
    for (const [key, value] of new URLSearchParams(this.getAttribute('state') ?? '')) prefixed.set(`${id}.${key}`, value);
    section.labStateSource = { params: prefixed, base: assetUrl('index.html') };
    renderMath(section);
    fitMath(section); // phones: display equations scale or scroll inside the element too
    let lab;
    try {
      lab = await createLab();
    } catch (error) {
      // From a file (file://) browsers refuse what the lab loads next to its script: say what works.
      const fromFile = window.location.protocol === 'file:'
        ? ' This page was opened from a file: serve the folder from a web server (for example python3 -m http.server), or use the iframe code.'
        : '';
      status.textContent = `The computation core could not start in this browser (${error.message}). The lab needs WebAssembly.${fromFile}`;
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
