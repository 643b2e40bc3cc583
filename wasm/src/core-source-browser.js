// Where browsers and workers get the core when the package is used through a bundler or as plain
// ES modules (package.json "imports" maps #core-source here outside node): core.wasm beside the
// glue, compiled while it downloads. The teaching page's bundles use web/core-source.js instead.
import { compileFrom } from './compile-from.js';

/** Resolves to the compiled core (a WebAssembly.Module). */
export function compileCore() {
  return compileFrom(new URL('../gen/core.wasm', import.meta.url));
}
