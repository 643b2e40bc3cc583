// Response compression for scripts/serve.mjs, as a static host does it (brotli when the browser
// accepts it, else gzip; fonts and images, already compressed, as they are), so that what the
// bench measures on the wire is what learners download. Compressed bodies are cached on disk by
// content hash: brotli at its best quality takes about a second for the core, and every test file
// starts its own server.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const CACHE = path.join(tmpdir(), 'apl-serve-compressed');
const COMPRESSIBLE = /^(text\/|application\/(json|wasm|javascript)|image\/svg\+xml)/;
const ENCODERS = {
  br: (body) =>
    promisify(brotliCompress)(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    }),
  gzip: (body) => promisify(gzip)(body, { level: 9 }),
};

/** The encoding to use for a request's Accept-Encoding header, or null (send as is). */
function pick(acceptEncoding = '') {
  const offered = new Map();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    offered.set(name, q ? Number(q.slice(2)) : 1);
  }
  const accepts = (name) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return ['br', 'gzip'].find(accepts) ?? null;
}

/**
 * The body to send for `body` of Content-Type `type`: { body, encoding } with encoding 'br',
 * 'gzip' or null. Small bodies (under a TCP packet) are not worth a header.
 */
export async function compressFor(body, type, acceptEncoding) {
  const encoding = pick(acceptEncoding);
  if (!encoding || body.length < 1024 || !COMPRESSIBLE.test(type)) return { body, encoding: null };
  const key = createHash('sha256').update(body).digest('hex');
  const file = path.join(CACHE, `${key}.${encoding}`);
  try {
    return { body: await readFile(file), encoding };
  } catch {
    const packed = await ENCODERS[encoding](body);
    // Written under a temporary name and renamed, so a concurrent server never reads half a file.
    await mkdir(CACHE, { recursive: true });
    const partial = `${file}.${process.pid}.${Date.now()}`;
    await writeFile(partial, packed);
    await rename(partial, file);
    return { body: packed, encoding };
  }
}
