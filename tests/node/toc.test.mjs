// scripts/toc.mjs: the build-time task count reads the widgets' task lists; brackets and braces
// inside strings, templates, comments and nested calls must not change the count. (That the
// counts equal the tasks the page shows is checked in tests/browser/navigation.test.mjs.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { countTasks, inWords } from '../../scripts/toc.mjs';

test('countTasks counts the objects of the addTryThis list, whatever their strings and checks hold', () => {
  const source = `
    import { addTryThis } from '../shell/try-this.js';
    const tries = addTryThis(section, [
      { id: 'a', task: 'Make it "{[(" odd', hint: \`a \${x} } ]\`, check: () => ({ ok: [1, 2].includes(3) }).ok },
      // a comment with { braces } and [brackets]
      { id: 'b', task: 'It\\'s fine', hint: '', explanation: '', check: () => f({ a: [{}] }) },
    ]);
    other([{ id: 'not-a-task' }]);`;
  assert.equal(countTasks(source), 2);
});

test('a widget without tasks has none; a task list in another form stops the build with the file named', () => {
  assert.equal(countTasks("import { x } from './y.js';\nx();"), 0);
  assert.throws(() => countTasks("import { addTryThis } from '../shell/try-this.js';\naddTryThis(section, tasks);", 'web/widgets/z.js'), /web\/widgets\/z\.js: .*addTryThis/);
});

test('inWords: small counts in words, larger ones in digits', () => {
  assert.equal(inWords(10), 'ten');
  assert.equal(inWords(27), '27');
});
