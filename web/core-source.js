// Where the page, its worker and the <attention-pooling-lab> element get the core (the web build
// resolves #core-source here): over http(s), core.wasm beside the script, fetched once and compiled
// while it downloads (the page then posts the compiled module to its worker, see
// compute/client.js). From file://, where browsers refuse fetch, core-embedded.js (the same binary
// as base64, written by scripts/build.mjs) is loaded as a classic script — only there, so that
// learners online never download the binary twice. The page's index.html starts the download
// before app.js has arrived (web/core-start.js); this takes that compilation when there is one.
import { compileFrom } from '../wasm/src/compile-from.js';
import { assetUrl } from './assets.js';

/** Global that core-embedded.js assigns its base64 string to. */
const EMBEDDED = '__attentionPoolingLabCore';
/** Global where web/core-start.js leaves the compilation it started: { url, module }. */
const STARTED = '__attentionPoolingLabCoreStarted';

function loadScript(url) {
  if (typeof importScripts === 'function') {
    importScripts(url); // a worker (no document)
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = url;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`could not load ${url}`));
    document.head.append(script);
  });
}

async function embeddedBinary() {
  if (typeof globalThis[EMBEDDED] !== 'string') await loadScript(assetUrl('core-embedded.js'));
  const text = atob(globalThis[EMBEDDED]);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Resolves to the compiled core (a WebAssembly.Module). */
export async function compileCore() {
  const url = assetUrl('core.wasm');
  if (new URL(url).protocol === 'file:') return WebAssembly.compile(await embeddedBinary());
  const started = globalThis[STARTED];
  if (started?.url === url) return started.module;
  // Left where core-start.js looks: an async script may run after app.js, and must then take this
  // compilation instead of fetching the binary a second time.
  const module = compileFrom(url);
  globalThis[STARTED] = { url, module };
  return module;
}
