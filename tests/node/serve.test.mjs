// scripts/serve.mjs keeps every request inside the served folder: encoded '..', '%2f', double
// encoding and a sibling folder whose name starts like the root (dist → dist-secret) all give 404,
// while ordinary files, encoded names and the folder index are served.
import test from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileInside, serve } from '../../scripts/serve.mjs';

const base = mkdtempSync(path.join(tmpdir(), 'apl-serve-'));
const root = path.join(base, 'dist');
mkdirSync(path.join(root, 'sub'), { recursive: true });
mkdirSync(path.join(base, 'dist-secret'));
writeFileSync(path.join(root, 'index.html'), 'the index');
writeFileSync(path.join(root, 'sub', 'a b.txt'), 'a file with a space');
writeFileSync(path.join(root, '..dots.txt'), 'a name starting with two dots');
writeFileSync(path.join(base, 'dist-secret', 'secret.txt'), 'SECRET');
writeFileSync(path.join(base, 'secret.txt'), 'SECRET');

/** GET with the path sent exactly as written (fetch and URL would normalise dot segments first). */
function get(url, rawPath) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const OUTSIDE = [
  '/..%2fdist-secret%2fsecret.txt',
  '/%2e%2e%2fdist-secret%2fsecret.txt',
  '/%2E%2E/dist-secret/secret.txt',
  '/..%2f..%2fsecret.txt',
  '/..%2fsecret.txt',
  '/sub/..%2f..%2fdist-secret%2fsecret.txt',
  '/%252e%252e%252fdist-secret%252fsecret.txt',
  '/..%5cdist-secret%5csecret.txt',
  '/../dist-secret/secret.txt',
  '/%2fetc%2fpasswd',
  '/secret.txt%00.html',
  '/%',
];

test('fileInside refuses every path that leaves the root and keeps the rest', () => {
  for (const p of ['/..%2fdist-secret%2fsecret.txt', '/%2e%2e%2fsecret.txt', '/sub/..%2f..%2fx', '/..', '/%00', '/%']) {
    assert.equal(fileInside(root, p), null, p);
  }
  assert.equal(fileInside(root, '/'), root);
  assert.equal(fileInside(root, '/sub/a%20b.txt'), path.join(root, 'sub', 'a b.txt'));
  assert.equal(fileInside(root, '/..dots.txt'), path.join(root, '..dots.txt'));
  // %2f is decoded once only: %252f names a file called '%2f…' inside the root, never a step out.
  assert.equal(fileInside(root, '/%252e%252e'), path.join(root, '%2e%2e'));
  // An absolute path inside the request stays under the root.
  assert.equal(fileInside(root, '/%2fetc%2fpasswd'), path.join(root, 'etc', 'passwd'));
});

test('the server answers 404 to traversal and sibling-prefix requests, 200 to files inside', async () => {
  const server = await serve({ dir: root });
  try {
    for (const p of OUTSIDE) {
      const r = await get(server.url, p);
      assert.equal(r.status, 404, `${p} → ${r.status} ${r.body.slice(0, 40)}`);
      assert.ok(!r.body.includes('SECRET'), p);
    }
    assert.deepEqual(await get(server.url, '/'), { status: 200, body: 'the index' });
    assert.deepEqual(await get(server.url, '/sub/a%20b.txt'), { status: 200, body: 'a file with a space' });
    assert.deepEqual(await get(server.url, '/..dots.txt'), { status: 200, body: 'a name starting with two dots' });
  } finally {
    await server.close();
  }
});

test.after(() => rmSync(base, { recursive: true, force: true }));
