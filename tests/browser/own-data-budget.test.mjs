// Own data has a budget (issue 17): every exercise with an own-data panel states the largest data
// it recomputes at interactive speed, takes that much, refuses one row more (and 100,000 rows)
// with a message naming the rows, the limit and what to do, and handles degenerate data (one row,
// all x equal, no spread in y, one class) with a clear message and no failure. Through all of it,
// and through one step of every slider at the limit, no main-thread task lasts over 200 ms: the
// browser's own measure, PerformanceObserver 'longtask' entries (their duration), is read.
//
// The 200 ms are the budget; the limits were set by measuring the page's main-thread CPU
// time per step (see the widgets) so that it is several times smaller. A long task's duration is
// wall time: on a machine whose cores are shared with other work, the page's thread waits for a
// core during a task, and a 30 ms task can last 250 ms. So each case also reads how long the
// page's main thread ran and how long it waited for a core over the case (Linux's schedstat of the
// renderer's main thread), and compares the longest task divided by that contention factor
// ((run + wait) / run, 1 on an idle machine) with the budget: on an idle machine this is the plain
// 200 ms; on a busy one the budget stretches by exactly the measured waiting. Both figures are
// printed. The data are seeded (a fixed LCG): the same rows every run.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { openPage, useBrowser } from './browser.mjs';

const MARK = `--apl-own-data-budget=${process.pid}`; // finds this test's browser among the machine's processes
const env = useBrowser({ args: [MARK] });
const BUDGET_MS = 200;

/** The main threads of this browser's renderer processes (Linux /proc), found by MARK. */
function rendererThreads() {
  const procs = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  const read = (file) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } };
  const parent = (pid) => Number(read(`/proc/${pid}/stat`).split(') ')[1]?.split(' ')[1]);
  const browser = procs.find((pid) => { const c = read(`/proc/${pid}/cmdline`); return c.includes(MARK) && !c.includes('--type='); });
  const inTree = (pid) => { for (let p = Number(pid), k = 0; p > 1 && k < 10; p = parent(p), k++) if (String(p) === browser) return true; return false; };
  return procs.filter((pid) => read(`/proc/${pid}/cmdline`).includes('--type=renderer') && inTree(pid));
}
/** Run and wait (ns) of those threads so far: schedstat's first two fields. */
function schedstat(threads) {
  let run = 0;
  let wait = 0;
  for (const pid of threads) {
    try {
      const [r, w] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
      run += r;
      wait += w;
    } catch { /* a renderer that has exited */ }
  }
  return { run, wait };
}

const LAYOUT = {
  'kernel-regression': 'x,y', kernels: 'x,y', 'leave-one-out': 'x,y', 'more-data': 'x,y', lenrek: 'x,y',
  'after-square': 'x,y', 'per-coordinate': 'x1,x2,y', parzen: 'x,label', minkowski: 'x1,x2,y',
};

/** n seeded rows of the layout: y = 2 sin x + x^0.8 + noise, a surface in 2-D, labels split at x ≈ 2.5. */
function rows(layout, n, { equalX = false, constantY = false, oneClass = false } = {}) {
  let s = 12345;
  const r = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const out = [];
  for (let i = 0; i < n; i++) {
    const a = equalX ? 2 : Number((5 * r()).toFixed(4));
    const b = equalX ? 3 : Number((5 * r()).toFixed(4));
    const noise = r() - 0.5;
    if (layout === 'x,label') out.push(`${a},${oneClass ? 1 : a + noise < 2.5 ? -1 : 1}`);
    else if (layout === 'x,y') out.push(`${a},${constantY ? 1.5 : (2 * Math.sin(a) + a ** 0.8 + noise).toFixed(4)}`);
    else out.push(`${a},${b},${constantY ? 1.5 : (Math.sin(a) + b / 3 + noise).toFixed(4)}`);
  }
  return `${layout}\n${out.join('\n')}\n`;
}

/** Long tasks are collected from the start; take() returns the longest since the last take. */
const OBSERVE = () => {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push(Math.round(e.duration));
  }).observe({ type: 'longtask', buffered: true });
};
const take = (page) => page.evaluate(() => Math.max(0, ...window.__longTasks.splice(0)));

/** Waits until the exercise's background work is drawn and the page had a quiet moment. */
async function settle(page, id) {
  await page.waitForFunction((i) => document.getElementById(i).dataset.offload !== 'busy', id, { timeout: 30000 });
  await page.evaluate(() => new Promise((r) => setTimeout(r, 250)));
}

async function use(page, id, text) {
  await page.evaluate(([i, t]) => {
    const s = document.getElementById(i);
    s.querySelector('.own-data').open = true;
    s.querySelector('.own-data textarea').value = t; // as a paste would (fill() types through layout)
  }, [id, text]);
  await page.click(`#${id} .own-data button:text("Use this data")`);
  await settle(page, id);
  return page.textContent(`#${id} .own-data-status`);
}

test('own data per exercise: a stated limit, refusals that say what to do, degenerate data explained, no task over 200 ms', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(OBSERVE);
  await page.goto(env.url);
  await page.waitForSelector('#lab-status[data-state="ready"]', { timeout: 60000 });
  // The page's own start (other exercises' background curves) is not what is measured here: wait
  // for two quiet seconds (or at most 20).
  await page.waitForFunction(() => {
    const n = window.__longTasks.length;
    window.__quiet = window.__quiet?.n === n ? window.__quiet : { n, since: performance.now() };
    return performance.now() - window.__quiet.since > 2000;
  }, null, { timeout: 20000, polling: 250 }).catch(() => {});
  await take(page);

  const threads = rendererThreads();
  assert.ok(threads.length > 0, 'the page\'s renderer is found');
  let since = schedstat(threads);
  /** The longest task since the last call, and the contention factor over the same time. */
  const measure = async () => {
    const longest = await take(page);
    const now = schedstat(threads);
    const run = now.run - since.run;
    const factor = run > 0 ? (run + now.wait - since.wait) / run : 1;
    since = now;
    return { longest, factor };
  };
  const start = async () => { await take(page); since = schedstat(threads); };

  const report = [];
  // APL_EXERCISES=a,b runs only those exercises (to re-check one after a change).
  const only = process.env.APL_EXERCISES?.split(',');
  for (const [id, layout] of Object.entries(LAYOUT).filter(([i]) => !only || only.includes(i))) {
    const help = await page.textContent(`#${id} .own-data-help`);
    const m = /At most ([\d,]+) rows \(the largest data this exercise recomputes at interactive speed\)/.exec(help);
    assert.ok(m, `${id} states its limit: ${help}`);
    const cap = Number(m[1].replace(/,/g, ''));
    const longest = {};
    const check = async (name, text, expect) => {
      await start();
      const status = await use(page, id, text);
      longest[name] = await measure();
      assert.match(status, expect, `${id}, ${name}: ${status}`);
      assert.equal(await page.locator(`#${id} .exercise-failed`).count(), 0, `${id}, ${name}: the exercise runs on`);
      return status;
    };
    const refused = (n) => new RegExp(`^Not loaded — The data has ${n.toLocaleString('en-US')} rows; this exercise recomputes at most ${cap.toLocaleString('en-US')} at interactive speed\\. Use a sample of at most ${cap.toLocaleString('en-US')} rows .*The previous data is still in use\\.$`);
    const clear = /^(Using your data: \d+ rows? from pasted text\.( Note: .+)?|Not loaded — .+ The previous data is still in use\.)$/;

    // The limit itself, then one step of every visible slider (keyboard: on this thread).
    await check('cap', rows(layout, cap), new RegExp(`^Using your data: ${cap.toLocaleString('en-US')} rows from pasted text\\.$`));
    const sliders = page.locator(`#${id} [data-controls] input[type=range]`);
    for (let i = 0; i < await sliders.count(); i++) {
      const slider = sliders.nth(i);
      if (!(await slider.isVisible())) continue;
      await start();
      await slider.focus();
      await page.keyboard.press(await slider.evaluate((el) => (Number(el.value) < Number(el.max) ? 'ArrowRight' : 'ArrowLeft')));
      await settle(page, id);
      longest[`step ${await slider.evaluate((el) => el.labels[0]?.textContent)}`] = await measure();
    }
    assert.equal(await page.locator(`#${id} .exercise-failed`).count(), 0);
    // One row more, and 100,000 rows: refused with the numbers and what to do; the data stays.
    await check('cap + 1', rows(layout, cap + 1), refused(cap + 1));
    await check('100,000 rows', rows(layout, 100000), refused(100000));
    assert.equal(await page.getAttribute(`#${id} .own-data-status`, 'data-state'), 'error');
    // Degenerate data: a clear message (loaded with a note, or refused), never a failure.
    const one = await check('one row', rows(layout, 1), clear);
    assert.match(one, /single row|at least \d+ rows|cannot use this data/, `${id}: one row`);
    if (layout.endsWith('label')) {
      assert.match(await check('one class', rows(layout, 30, { oneClass: true }), clear), /needs rows of both -1 and 1/);
    } else {
      const equal = await check('equal x', rows(layout, 30, { equalX: true }), clear);
      assert.match(equal, /same (x|inputs) in every row|every row has the same|cannot use this data/, `${id}: equal x`);
      const flat = await check('no spread in y', rows(layout, 30, { constantY: true }), clear);
      assert.match(flat, /every y is 1\.5|cannot use this data/, `${id}: constant y`);
    }
    // Back to generated data before the next exercise (its plots redraw, which is measured too).
    await start();
    await page.click(`#${id} .own-data button:text("Back to generated data")`);
    await settle(page, id);
    longest['back to generated'] = await measure();
    const worst = Object.entries(longest).reduce((a, b) => (b[1].longest / b[1].factor > a[1].longest / a[1].factor ? b : a));
    report.push(`${id} (limit ${cap}): longest task ${Math.max(...Object.values(longest).map((m) => m.longest))} ms; ` +
      `worst against the budget: ${worst[0]}, ${worst[1].longest} ms with the thread waiting for a core ×${worst[1].factor.toFixed(1)}`);
    for (const [name, { longest: ms, factor }] of Object.entries(longest)) {
      assert.ok(ms / factor <= BUDGET_MS, `${id}, ${name}: a main-thread task of ${ms} ms, ×${factor.toFixed(2)} contention (budget ${BUDGET_MS} ms)`);
    }
  }
  console.log(report.join('\n'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('data the exercise cannot use is rolled back: the previous data is drawn again, the status never says "Using your data"', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=leave-one-out`);
  const S = '#leave-one-out';
  const landscape = () => page.getAttribute(`${S} [data-plot="landscape"] path[data-series="on"]`, 'data-y'); // L(w) of the data shown
  const generated = await landscape();
  assert.match(await use(page, 'leave-one-out', 'x,y\n0.3,0.9\n0.8,1.8\n1.1,2.5\n1.9,3.1\n2.4,3\n3,2.2\n'), /^Using your data: 6 rows/);
  const mine = await landscape();
  assert.notEqual(mine, generated);
  // All x equal: the core refuses leave-one-out on it (no distinct points), during the recompute.
  const status = await use(page, 'leave-one-out', 'x,y\n2,1\n2,2\n2,3\n2,5\n');
  assert.match(status, /^Not loaded — this exercise cannot use this data \(x: all points coincide.*\)\. The previous data is still in use\.$/);
  assert.equal(await page.getAttribute(`${S} .own-data-status`, 'data-state'), 'error');
  assert.equal(await landscape(), mine, 'the previous data is what is drawn');
  assert.equal(await page.locator(`${S} .exercise-failed`).count(), 0);
  assert.deepEqual(errors.filter((e) => !/own data refused/.test(e)), []);
  await page.close();
});
