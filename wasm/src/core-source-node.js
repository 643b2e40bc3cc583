// Where node gets the core (package.json "imports" maps #core-source here under the "node"
// condition): core.wasm beside the glue, read from disk, since node 20's fetch cannot read files.
import { readFile } from 'node:fs/promises';

/** Resolves to the compiled core (a WebAssembly.Module). */
export async function compileCore() {
  return WebAssembly.compile(await readFile(new URL('../gen/core.wasm', import.meta.url)));
}
