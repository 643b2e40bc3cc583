// The lab in a Web Worker: answers { id, method, options } with { id, result } (typed arrays are
// transferred, not copied) or { id, error }. The page's first message is { core }: the compiled
// WebAssembly.Module the page already runs on (null if it has none, then the worker fetches its
// own), so the binary is downloaded and compiled once. Posts { ready: true } once the lab has
// loaded (or { ready: false, error } if it cannot), so the page can fall back to its own thread.
import { createLab } from '../../wasm/src/index.js';

let labPromise = null;

/** The ArrayBuffers of every typed array in a result (a typed array, or an object of fields). */
function transferables(result) {
  const buffers = new Set();
  const visit = (v) => {
    if (ArrayBuffer.isView(v)) buffers.add(v.buffer);
  };
  if (result && typeof result === 'object') {
    visit(result);
    if (!ArrayBuffer.isView(result)) for (const v of Object.values(result)) visit(v);
  }
  return [...buffers];
}

const describe = (error) => ({
  name: error?.name ?? 'Error',
  message: error?.message ?? String(error),
  parameter: error?.parameter,
});

function start(module) {
  labPromise = createLab(module ? { module } : {});
  labPromise.then(
    () => self.postMessage({ ready: true }),
    (error) => self.postMessage({ ready: false, error: describe(error) }),
  );
}

self.onmessage = async (event) => {
  if ('core' in event.data) {
    if (labPromise === null) start(event.data.core);
    return;
  }
  const { id, method, options } = event.data;
  try {
    if (labPromise === null) start(null); // a page that sent no core first
    const lab = await labPromise;
    // Only the lab's own API methods (its prototype's functions), never anything else by name.
    const proto = Object.getPrototypeOf(lab);
    if (method === 'constructor' || typeof proto[method] !== 'function') {
      throw new Error(`the lab has no method '${method}'`);
    }
    const result = lab[method](options);
    self.postMessage({ id, result }, transferables(result));
  } catch (error) {
    self.postMessage({ id, error: describe(error) });
  }
};
