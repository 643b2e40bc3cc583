// scripts/toc.mjs: the build-time task count reads the widgets' task lists; brackets and braces
// inside strings, templates, comments and nested calls must not change the count. (That the
// counts equal the tasks the page shows is checked in tests/browser/navigation.test.mjs.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { countTasks, introHtml, tocHtml } from '../../scripts/toc.mjs';

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

test('the contents in each language: counts in words or digits as the catalog says, plurals by Intl', () => {
  const groups = [{ title: 'G', start: 'S', exercises: Array.from({ length: 10 }, (_, i) => ({ id: `e${i}`, title: `T${i}`, description: 'D', tasks: i === 0 ? 1 : 3 })) }];
  assert.match(introHtml(groups, 'en'), /<strong>ten exercises<\/strong> with <strong>28 tasks<\/strong>/);
  assert.match(tocHtml(groups, 'en'), /data-total="1">1 task</);
  assert.match(introHtml(groups, 'zh'), /<strong>10 个练习<\/strong>和 <strong>28 个任务<\/strong>/);
  assert.match(tocHtml(groups, 'zh'), /aria-label="练习"/);
});
