// The lab in a Web Worker: answers { id, method, options } with { id, result } (typed arrays are
// transferred, not copied) or { id, error }. Posts { ready: true } once the WASM core has loaded
// (or { ready: false, error } if it cannot), so the page can fall back to its own thread.
import { createLab } from '../../wasm/src/index.js';

const labPromise = createLab();

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

labPromise.then(
  () => self.postMessage({ ready: true }),
  (error) => self.postMessage({ ready: false, error: describe(error) }),
);

self.onmessage = async (event) => {
  const { id, method, options } = event.data;
  try {
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
