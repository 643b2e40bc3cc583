// The "Parzen windows and classification" exercise as a learner uses it, checked against the API in node.
import test, { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { openPage, screenshot, startBrowser } from './browser.mjs';

const S = '#parzen';
const UNDEF = -2147483648;
let env;
let lab;
before(async () => {
  env = await startBrowser();
  lab = await createLab();
});
after(async () => env?.close());

const live = (page, name) => page.textContent(`${S} [data-live="${name}"]`);
const series = async (page, plot, id, axis = 'y') =>
  (await page.getAttribute(`${S} [data-plot="${plot}"] path[data-series="${id}"]`, `data-${axis}`)).split(',').map(Number);
const href = (page) => page.evaluate(() => window.location.href);

/** What the page should show for a state, computed here with the API. */
function expected({ dim = 1, seed = 0, kernel = 'gaussian', width = 0.5, added = [] }) {
  const d = lab.makeDataset({ target: 'two-class', dim, seed, nTest: dim === 1 ? 200 : 3600 });
  const x = [...d.xTrain, ...added.flatMap((p) => p.x)];
  const labels = [...d.yTrain, ...added.map((p) => p.c)];
  const c = lab.classify({ x, labels, queries: d.xTest, dim, kernel, width });
  let disagree = 0;
  let ties = 0;
  let undef = 0;
  for (let k = 0; k < c.labels.length; k++) {
    const l = c.labels[k];
    const v = c.decision[k];
    if (l === UNDEF) { undef += 1; if (v !== 0) disagree += 1; } else if (v === 0) ties += 1;
    else if ((v > 0) !== (l === 1)) disagree += 1;
  }
  const nPos = labels.filter((l) => l > 0).length;
  return { c, d, disagree, ties, undef, nPos, nNeg: labels.length - nPos, grid: c.labels.length };
}

async function checkProse(page, e) {
  assert.equal(await live(page, 'n-pos'), String(e.nPos));
  assert.equal(await live(page, 'n-neg'), String(e.nNeg));
  assert.equal(await live(page, 'grid'), String(e.grid));
  assert.equal(await live(page, 'disagree'), String(e.disagree));
  assert.equal(await live(page, 'ties'), String(e.ties));
  assert.equal(await live(page, 'undefined'), String(e.undef));
}

test('1-D: loads clean, the curves and the prose are the API\'s, and the two decisions agree', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=parzen`);
  const e = expected({});
  await checkProse(page, e);
  assert.equal(e.disagree, 0);
  const diff = await series(page, 'densities', 'difference');
  diff.forEach((v, k) => assert.ok(Math.abs(v - e.c.decision[k]) <= 1e-15 + 1e-12 * Math.abs(v)));
  const pos = await series(page, 'densities', 'pos');
  pos.forEach((v, k) => assert.ok(Math.abs(v - e.c.parzen[2 * k + 1]) <= 1e-15 + 1e-12 * Math.abs(v)));
  const post = await series(page, 'posterior', 'posterior');
  post.forEach((v, k) => assert.ok(Math.abs(v - e.c.posteriors[2 * k + 1]) <= 1e-12));
  // The two bands of the densities plot are identical: sign of the difference and the NW label.
  const [signs, nw] = (await page.getAttribute(`${S} [data-plot="densities"] svg`, 'data-bands')).split('|');
  assert.equal(signs, nw);
  await screenshot(page, 'parzen-1d-laptop');
  assert.deepEqual(errors, []);
  await page.close();
});

test('kernel and width change the curves; a compact kernel with a small width leaves undefined regions', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=parzen`);
  const before = await series(page, 'densities', 'difference');
  await page.selectOption(`${S} select[data-control="kernel"]`, 'boxcar');
  const after = await series(page, 'densities', 'difference');
  assert.notDeepEqual(after, before);
  const width = page.locator(`${S} input[data-control="width"]`);
  await width.focus();
  for (let k = 0; k < 120; k++) await page.keyboard.press('ArrowLeft');
  const url = new URL(await href(page));
  const w = Number(url.searchParams.get('parzen.width'));
  assert.ok(w < 0.1, `width ${w}`);
  const e = expected({ kernel: 'boxcar', width: w });
  assert.ok(e.undef > 0);
  await checkProse(page, e);
  assert.ok((await page.getAttribute(`${S} [data-plot="densities"] svg`, 'data-bands')).includes('u'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('clicks add points of the chosen class, kept in the link; undo and reset', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=parzen`);
  await page.selectOption(`${S} select[data-control="cls"]`, '-1');
  const svg = page.locator(`${S} [data-plot="densities"] svg`);
  const box = await svg.boundingBox();
  await svg.click({ position: { x: box.width * 0.5, y: box.height * 0.4 } });
  await svg.click({ position: { x: box.width * 0.6, y: box.height * 0.4 } });
  const link = await href(page);
  const added = new URL(link).searchParams.get('parzen.added1');
  assert.match(added, /^[\d.]+:-1,[\d.]+:-1$/);
  const points = added.split(',').map((t) => ({ x: [Number(t.split(':')[0])], c: -1 }));
  await checkProse(page, expected({ added: points }));
  assert.equal(await live(page, 'n-added'), '2');
  // Keyboard: focus the plot, move, Enter.
  await page.selectOption(`${S} select[data-control="cls"]`, '1');
  await svg.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  assert.equal(await live(page, 'n-added'), '3');
  await page.click(`${S} button[data-action="undo"]`);
  assert.equal(await live(page, 'n-added'), '2');

  // The link reproduces the added points.
  const again = await openPage(env.browser, link);
  await checkProse(again.page, expected({ added: points }));
  assert.equal(await again.page.getAttribute(`${S} [data-plot="densities"] svg`, 'data-points'), String(100 + 2));
  assert.deepEqual(again.errors, []);
  await again.page.close();

  await page.click(`${S} button[data-action="reset"]`);
  assert.equal(await live(page, 'n-added'), '0');
  assert.equal(new URL(await href(page)).searchParams.get('parzen.added1'), null);
  assert.deepEqual(errors, []);
  await page.close();
});

test('2-D: surfaces with contours, clicks add points, the decisions agree; phone layout', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=parzen&parzen.dim=2`);
  assert.ok(await page.isHidden(`${S} [data-plots-1d]`));
  const e = expected({ dim: 2 });
  await checkProse(page, e);
  assert.equal(e.disagree, 0);
  assert.ok(await page.locator(`${S} [data-plot="parzen-2d"] path.contour.zero`).count() > 0);
  assert.ok(await page.locator(`${S} [data-plot="posterior-2d"] path.contour`).count() > 0);
  const svg = page.locator(`${S} [data-plot="posterior-2d"] svg`);
  const box = await svg.boundingBox();
  await svg.click({ position: { x: box.width * 0.45, y: box.height * 0.45 } });
  const added = new URL(await href(page)).searchParams.get('parzen.added2');
  assert.match(added, /^[\d.]+:[\d.]+:1$/);
  const [a, b] = added.split(':').map(Number);
  await checkProse(page, expected({ dim: 2, added: [{ x: [a, b], c: 1 }] }));
  await page.selectOption(`${S} select[data-control="show"]`, 'pos');
  assert.equal(await page.locator(`${S} [data-plot="parzen-2d"] path.contour`).count(), 0);
  await screenshot(page, 'parzen-2d-laptop');
  await page.setViewportSize({ width: 360, height: 800 });
  await page.reload();
  await page.waitForSelector('#lab-status:text("Ready")');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  await screenshot(page, 'parzen-2d-phone');
  assert.deepEqual(errors, []);
  await page.close();
});

test('1-D phone layout has no horizontal overflow', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=parzen`, { width: 360, height: 800 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  await screenshot(page, 'parzen-1d-phone');
  assert.deepEqual(errors, []);
  await page.close();
});

test('shell: a scripted learner solves the Try-this tasks; own data (good and bad CSV); CSV export', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}?exercise=parzen`);
  const solved = (id) => page.getAttribute(`${S} .try-this li[data-task="${id}"]`, 'data-solved');
  assert.equal(await solved('undefined'), 'false');
  // Tasks 2 and 3: +1 points at x = 0.5, through the keyboard cursor (starts mid-domain, 0.1 per key).
  const svg = page.locator(`${S} [data-plot="densities"] svg`);
  await svg.focus();
  for (let k = 0; k < 20; k++) await page.keyboard.press('ArrowLeft');
  for (let k = 0; k < 3; k++) await page.keyboard.press('Enter');
  assert.equal(await live(page, 'n-added'), '3');
  assert.equal(await live(page, 'disagree'), '0');
  assert.equal(await solved('add-three'), 'true');
  for (let k = 0; k < 12 && (await solved('flip')) === 'false'; k++) await page.keyboard.press('Enter');
  assert.equal(await solved('flip'), 'true');
  // Task 1: boxcar, small width.
  await page.selectOption(`${S} select[data-control="kernel"]`, 'boxcar');
  const width = page.locator(`${S} input[data-control="width"]`);
  await width.focus();
  for (let k = 0; k < 120; k++) await page.keyboard.press('ArrowLeft');
  assert.equal(await solved('undefined'), 'true');

  // Export: only the plots shown get a PNG button; the grid table as CSV.
  assert.ok(await page.isHidden(`${S} [data-export="png:parzen-2d"]`));
  assert.ok(await page.isVisible(`${S} [data-export="png:densities"]`));
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`${S} [data-export="csv:parzen-grid.csv"]`)]);
  const { readFile } = await import('node:fs/promises');
  const csv = (await readFile(await download.path(), 'utf8')).trim().split('\n');
  assert.equal(csv[0].replaceAll('"', ''), 'x,p_minus,p_plus,difference,posterior_plus,nw_label');
  assert.equal(csv.length, 201);

  // Show the code: generated for the current state when opened.
  await page.click(`${S} .show-code summary`);
  // The code is generated on the details' toggle event, which fires after the click.
  await page.waitForFunction((s) => /import torch/.test(document.querySelector(`${s} .show-code code`).textContent), S);
  const shown = await page.textContent(`${S} .show-code code`);
  assert.match(shown, /import torch/);
  assert.match(shown, /boxcar|\(r < 1\)/);
  // Own data: a bad label is refused with its line, the data stays; good data is used.
  await page.click(`${S} button[data-action="reset"]`);
  await page.evaluate((s) => { document.querySelector(`${s} .own-data`).open = true; }, S);
  await page.fill(`${S} .own-data textarea`, 'x,label\n0.5,-1\n1.5,2\n');
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.match(await page.textContent(`${S} .own-data-status`), /Not loaded — .*Line 3/);
  assert.equal(await live(page, 'n-pos'), '51');
  const rows = [[0.2, -1], [0.9, -1], [1.4, -1], [2.6, 1], [3.1, 1], [3.9, 1]];
  await page.fill(`${S} .own-data textarea`, `x,label\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.equal(await live(page, 'n-pos'), '3');
  assert.equal(await live(page, 'n-neg'), '3');
  const x = rows.map((r) => r[0]);
  const c = lab.classify({ x, labels: rows.map((r) => r[1]), queries: Array.from({ length: 200 }, (_, i) => 0.2 + (3.7 * i) / 199), width: 0.5 });
  const diff = await series(page, 'densities', 'difference');
  diff.forEach((v, k) => assert.ok(Math.abs(v - c.decision[k]) <= 1e-15 + 1e-12 * Math.abs(v)));
  assert.equal(await live(page, 'disagree'), '0');
  assert.deepEqual(errors, []);
  await page.close();
});
