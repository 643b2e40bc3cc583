// `npm pack` produces a tarball that installs into an empty folder, offline, and works there from
// node with the documented import — as a course's staff would use it.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

test('npm pack installs offline into an empty folder and the API works there', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'apl-pack-'));
  try {
    // --ignore-scripts: npm test has just built everything; prepack would build again.
    execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: root, stdio: 'pipe' });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    assert.ok(tarball, 'a tarball');
    const app = path.join(work, 'course');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'course', type: 'module', private: true }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', path.join(work, tarball)], { cwd: app, stdio: 'pipe' });
    writeFileSync(
      path.join(app, 'grade.js'),
      `import { createLab, LabError } from 'attention-pooling-lab';
const lab = await createLab();
const d = lab.makeDataset({ seed: 4 });
const a = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, width: 0.4 });
let named = '';
try { lab.attend({ keys: [1], values: [1], queries: [0], width: 0 }); } catch (e) { named = e instanceof LabError ? e.parameter : 'other'; }
console.log(JSON.stringify({ n: a.predictions.length, mse: lab.meanSquaredError({ predictions: a.predictions, truth: d.yTest }).mse, named }));
`,
    );
    const out = JSON.parse(execFileSync('node', ['grade.js'], { cwd: app, encoding: 'utf8' }));
    assert.equal(out.n, 50);
    assert.ok(out.mse > 0 && out.mse < 1);
    assert.equal(out.named, 'width');
    // The custom element and everything it loads ship too (the script, its worker, KaTeX's fonts).
    const element = execFileSync('node', ['--input-type=module', '-e', "console.log(import.meta.resolve('attention-pooling-lab/element'))"], { cwd: app, encoding: 'utf8' }).trim();
    const dir = path.dirname(new URL(element).pathname);
    for (const file of ['attention-pooling-lab.js', 'worker.js', 'index.html', 'katex/fonts/KaTeX_Main-Regular.woff2']) {
      assert.ok(existsSync(path.join(dir, file)), file);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
