// A static file server for dist/ on loopback. Hand-written on node:http (about 40 lines) rather
// than a dependency because tests need to set arbitrary response headers (a strict CSP) per
// server, bind to a free port and close it again.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compressFor } from './compress.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/**
 * The file a request path names inside `rootDir`, or null when it leaves it. The path is decoded
 * once (as browsers send it: %2f stays a slash inside a segment only after decoding, so a decoded
 * '..' is a parent step), then contained by path.relative: a prefix test such as
 * file.startsWith(rootDir) also passes a sibling folder whose name starts the same (dist-secret).
 * Undecodable paths (a stray '%') and NUL bytes are refused too.
 */
export function fileInside(rootDir, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(rootDir, `.${path.sep}${decoded}`);
  const relative = path.relative(rootDir, file);
  if (relative === '') return file;
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return null;
  return file;
}

/** Serves `dir` on 127.0.0.1:`port` (0 = any free port). Resolves to { url, close }. */
export function serve({ dir, port = 0, headers = {} }) {
  const rootDir = path.resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://localhost');
      let file = fileInside(rootDir, url.pathname);
      if (file === null) throw new Error('outside');
      if ((await stat(file)).isDirectory()) file = path.join(file, 'index.html');
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      const { body, encoding } = await compressFor(await readFile(file), type, req.headers['accept-encoding']);
      const sent = { 'Content-Type': type, 'Cache-Control': 'no-store', Vary: 'Accept-Encoding' };
      if (encoding) sent['Content-Encoding'] = encoding;
      res.writeHead(200, { ...sent, ...headers });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}/`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const { url } = await serve({ dir: path.join(here, '..', 'dist'), port: Number(process.argv[2] ?? 0) });
  console.log(url);
}
