// How the core reaches a lab: node compiles wasm/gen/core.wasm from disk; a compiled module can be
// passed in (as the page does for its worker), anything else is a LabError naming `module`;
// compileFrom streams from a URL and still compiles when a server sends the wrong MIME type; and
// the page server compresses like a static host (scripts/compress.mjs).
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createLab, LabError } from '../../wasm/src/index.js';
import { loadedCoreModule } from '../../wasm/src/lab.js';
import { compileFrom } from '../../wasm/src/compile-from.js';
import { compressFor } from '../../scripts/compress.mjs';

const binary = readFileSync(new URL('../../wasm/gen/core.wasm', import.meta.url));

/** Serves `body` with `headers` (or a 404 when body is null) on loopback; resolves to { url, close }. */
function server(body, headers) {
  const s = createServer((req, res) => {
    res.writeHead(body ? 200 : 404, headers);
    res.end(body ?? 'not found');
  });
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${s.address().port}/core.wasm`, close: () => new Promise((r) => s.close(r)) })),
  );
}

test('a lab runs on core.wasm, and exposes the compiled module for a worker', async () => {
  const lab = await createLab();
  assert.ok(loadedCoreModule() instanceof WebAssembly.Module);
  const again = await createLab({ module: loadedCoreModule() });
  const o = { queries: [0.5], keys: [0, 1], values: [1, 3], width: 1 };
  assert.deepEqual(again.attend(o).predictions, lab.attend(o).predictions);
});

test('module: anything but a WebAssembly.Module is a LabError naming module', async () => {
  for (const bad of [null, 'core.wasm', binary, {}]) {
    await assert.rejects(createLab({ module: bad }), (e) => e instanceof LabError && e.parameter === 'module' && /WebAssembly\.Module/.test(e.message));
  }
});

test('compileFrom: streams application/wasm, falls back on a wrong MIME type, names URL and status on failure', async () => {
  for (const type of ['application/wasm', 'application/octet-stream']) {
    const s = await server(binary, { 'Content-Type': type });
    try {
      const module = await compileFrom(s.url);
      assert.ok(WebAssembly.Module.exports(module).length > 10, type);
    } finally {
      await s.close();
    }
  }
  const missing = await server(null, { 'Content-Type': 'text/plain' });
  try {
    await assert.rejects(compileFrom(missing.url), (e) => e.message.includes(missing.url) && e.message.includes('404'));
  } finally {
    await missing.close();
  }
  const broken = await server(Buffer.from('not wasm at all'), { 'Content-Type': 'application/wasm' });
  try {
    await assert.rejects(compileFrom(broken.url), WebAssembly.CompileError);
  } finally {
    await broken.close();
  }
});

test('compressFor: brotli when accepted, else gzip, else as is; fonts and tiny bodies as they are', async () => {
  const js = Buffer.from('export const x = 1;\n'.repeat(200));
  const br = await compressFor(js, 'text/javascript; charset=utf-8', 'gzip, deflate, br');
  assert.equal(br.encoding, 'br');
  assert.deepEqual(brotliDecompressSync(br.body), js);
  const gz = await compressFor(js, 'text/javascript; charset=utf-8', 'gzip');
  assert.equal(gz.encoding, 'gzip');
  assert.deepEqual(gunzipSync(gz.body), js);
  assert.equal((await compressFor(js, 'text/javascript', 'br;q=0, gzip')).encoding, 'gzip');
  assert.equal((await compressFor(js, 'text/javascript', undefined)).encoding, null);
  assert.equal((await compressFor(js, 'text/javascript', 'identity')).encoding, null);
  assert.equal((await compressFor(js, 'font/woff2', 'br')).encoding, null);
  assert.equal((await compressFor(Buffer.from('tiny'), 'text/css', 'br')).encoding, null);
  const wasm = await compressFor(binary, 'application/wasm', 'br');
  assert.equal(wasm.encoding, 'br');
  assert.ok(wasm.body.length < binary.length / 2, `${wasm.body.length} of ${binary.length} bytes`);
});
