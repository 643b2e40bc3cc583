// The page's first script (index.html loads it async, before app.js): starts downloading and
// compiling core.wasm at once, so that the binary arrives alongside app.js instead of after it has
// run; web/core-source.js then takes the started compilation instead of fetching again. Over
// http(s) only: from file:// the page uses the embedded copy (see web/core-source.js).
import { compileFrom } from '../wasm/src/compile-from.js';

// An async script: app.js may have run first and started the compilation itself (web/core-source.js).
if (/^https?:$/.test(self.location.protocol) && document.currentScript && !globalThis.__attentionPoolingLabCoreStarted) {
  const url = new URL('core.wasm', document.currentScript.src).href;
  const module = compileFrom(url);
  module.catch(() => {}); // reported by whoever takes it (web/core-source.js), not as unhandled
  globalThis.__attentionPoolingLabCoreStarted = { url, module };
}
