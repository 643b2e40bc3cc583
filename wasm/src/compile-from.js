// Compiles core.wasm from a URL while its bytes arrive (WebAssembly.compileStreaming). Streaming
// needs the server to send Content-Type: application/wasm; a host that does not still works, by
// compiling the same response's bytes once they are all in (no second download).

/** Resolves to the WebAssembly.Module at `url`; rejects naming the URL and the HTTP status. */
export async function compileFrom(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  if (typeof WebAssembly.compileStreaming === 'function') {
    const spare = response.clone();
    try {
      return await WebAssembly.compileStreaming(response);
    } catch (error) {
      // A wrong MIME type is a TypeError; invalid bytes a CompileError, which compiling again cannot fix.
      if (!(error instanceof TypeError)) throw error;
      return WebAssembly.compile(await spare.arrayBuffer());
    }
  }
  return WebAssembly.compile(await response.arrayBuffer());
}
