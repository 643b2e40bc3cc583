// Runs every ```js example of docs/api.md, so the documented API cannot drift from the real one.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createLab, LabError } from '../../wasm/src/index.js';

const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
// Every ```js block, named by its section (## heading) and, after the first, its place there.
const blocks = doc.split(/^(?=## )/m).flatMap((section) => {
  const name = section.match(/^## (.+)/)?.[1];
  const codes = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  return name ? codes.map((code, k) => [k ? `${name} #${k + 1}` : name, code]) : [];
});
const lab = await createLab();
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;

test('docs/api.md has an example for every function of the API', () => {
  const names = blocks.map(([name]) => name.replace(/\(.*$/, ''));
  const api = Object.getOwnPropertyNames(Object.getPrototypeOf(lab)).filter((n) => n !== 'constructor');
  for (const name of api) assert.ok(names.includes(name), `no example for ${name}`);
});

for (const [name, code] of blocks) {
  test(`docs example: ${name}`, async () => {
    const printed = [];
    const console = { log: (...args) => printed.push(args) };
    // The examples import nothing: lab, LabError and console are provided.
    await new AsyncFunction('lab', 'LabError', 'console', code)(lab, LabError, console);
    assert.ok(printed.length > 0, 'the example prints something');
    // Examples demonstrate properties by printing booleans: every boolean printed must be true.
    for (const v of printed.flat()) if (typeof v === 'boolean') assert.equal(v, true, `${name}: ${code}`);
  });
}
