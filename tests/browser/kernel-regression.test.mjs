// Teaching truth for "attention pooling by similarity" (issue #13): each "Try this" hint followed
// through the controls turns its task solved, and every sentence follows the state — in English
// and in Chinese (issue #15: the Chinese sentences against the zh catalog's messages filled with
// the API's numbers; controls by their language-neutral names).
import test from 'node:test';
import assert from 'node:assert/strict';
import { createLab } from '../../wasm/src/index.js';
import { t } from '../../web/i18n.js';
import { openPage, useBrowser, withHintSeed } from './browser.mjs';
import { choose, clickButton, fmt, live, numbers, openExercise, pressSlider, setSlider, solved } from './teaching.mjs';

const env = useBrowser();
const lab = await createLab();
const WIDTH = 'kernel-width-h'; // the controls' names (data-control), the same in every language
const KERNEL = 'kernel';
// The chosen width's sentence, "… h* = 0.303, …" in both languages (not the "computing" one).
const looShown = (page, S) => page.waitForFunction((s) => /h\* =/.test(document.querySelector(`${s} [data-live="loo"]`).textContent), S);
/**
 * The page of language `lang` at this exercise, as a learner's link opens it: ?lang= (kept in
 * copied links) also keeps lang.js from sending the page to the browser's language (en-US here).
 */
async function open(lang) {
  if (lang === 'en') return openExercise(env.browser, env.url, 'kernel-regression');
  const { page, errors } = await openPage(env.browser, withHintSeed(`${env.url}?exercise=kernel-regression&lang=${lang}`, 'kernel-regression'), { lang });
  assert.equal(await page.getAttribute('html', 'data-lang'), lang);
  await page.locator('#kernel-regression').scrollIntoViewIfNeeded();
  return { page, errors, S: '#kernel-regression' };
}

/** The summary sentence's numbers, checked against the API for the state the page shows. */
async function checkSummary(page, S, lang = 'en') {
  const { kernel, width, seed } = await page.evaluate(() => {
    const p = new URL(location.href).searchParams;
    return { kernel: p.get('kernel-regression.kernel') ?? 'gaussian', width: Number(p.get('kernel-regression.width') ?? 0.5), seed: Number(p.get('kernel-regression.seed') ?? 0) };
  });
  const d = lab.makeDataset({ target: 'classic', nTrain: 50, seed });
  const at = lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, kernel, width, returnWeights: false });
  const err = lab.meanSquaredError({ predictions: at.predictions, truth: d.yTest });
  const avg = lab.meanSquaredError({ predictions: lab.attend({ queries: d.xTest, keys: d.xTrain, values: d.yTrain, kernel: 'constant', returnWeights: false }).predictions, truth: d.yTest });
  const text = await live(page, S, 'summary');
  if (lang !== 'en') {
    // Another language: the catalog's sentence for this state, with the API's numbers.
    assert.equal(text, err.undefined > 0
      ? t('kernel-regression.summary.undefined', { count: err.undefined, nq: 50 }, lang)
      : t('kernel-regression.summary.mse', { mse: fmt(err.mse), avg: fmt(avg.mse) }, lang));
    assert.deepEqual(numbers(text), err.undefined > 0 ? [50, err.undefined] : [Number(fmt(err.mse)), Number(fmt(avg.mse))], text);
  } else if (err.undefined > 0) {
    // "Now 1 of 50 queries has …" / "Now 3 of 50 queries have …": the count and the verb agree.
    assert.deepEqual(numbers(text), [err.undefined, 50], text);
    assert.match(text, err.undefined === 1 ? / queries has no key/ : / queries have no key/);
  } else {
    assert.equal(text, `Now the mean squared error against the noise-free truth is ${fmt(err.mse)}; average pooling's is ${fmt(avg.mse)}.`);
  }
  // The intro names the kernel shown, and its formula is that kernel's.
  const intro = await live(page, S, 'kernel-intro');
  if (lang !== 'en') {
    assert.equal(intro, t(`kernel-regression.intro.${kernel}`, undefined, lang));
    assert.equal(await live(page, S, 'width-lesson'), t(`kernel-regression.lesson.${kernel === 'constant' ? 'constant' : 'other'}`, undefined, lang));
  }
  const name = { gaussian: 'Gaussian', boxcar: 'boxcar', constant: 'constant', triangular: 'triangular', epanechnikov: 'Epanechnikov' }[kernel];
  if (lang === 'en') {
    assert.ok(intro.includes(`${name} kernel`), intro);
    for (const other of ['Gaussian', 'boxcar', 'triangular', 'Epanechnikov'].filter((k) => k !== name)) assert.ok(!intro.includes(other) || kernel === 'triangular', intro);
  }
  const tex = await page.textContent(`${S} [data-live="kernel-formula"] annotation`);
  const mark = { gaussian: '\\exp', boxcar: '\\mathbf{1}', constant: '\\frac{1}{n}', triangular: '|q - k_i|}{h}', epanechnikov: '(q - k_i)^2}{h^2}' }[kernel];
  assert.ok(tex.includes(mark), `${kernel}: ${tex}`);
  return { err, avg };
}

// English: the hints and the prose over every kernel at both ends of the width. Chinese (issue
// #15): the same hints followed literally, and the prose checked at each state they pass through.
for (const lang of ['en', 'zh']) test(`kernel-regression (${lang}): each hint, followed through the controls, solves its task; the prose follows the kernel`, async () => {
  const { page, errors, S } = await open(lang);
  await looShown(page, S);
  await checkSummary(page, S, lang);
  // Task 1 judged by its words on the numbers shown: on most data (seed 0 among them) the opening
  // width does not beat h*; where it does (seed 1: h* = 0.249 is too narrow), the task is solved
  // from the start, truthfully.
  const beatsAtOpening = numbers(await live(page, S, 'summary'))[0] < numbers(await live(page, S, 'loo'))[1];
  assert.equal(await solved(page, S, 'beat-loo'), beatsAtOpening);

  // Switching the kernel alone does not solve task 1 (its text asks for the Gaussian and a width).
  await choose(page, S, KERNEL, 'boxcar');
  await looShown(page, S);
  await checkSummary(page, S, lang);
  assert.equal(await solved(page, S, 'beat-loo'), beatsAtOpening);
  await choose(page, S, KERNEL, 'gaussian');
  await looShown(page, S);

  // Task 1's hint: keep the Gaussian, move the width one step at a time towards h* and past it
  // (here: on to half or twice h*); if no width there beats h*, h* is this data set's best width
  // to the digits shown (seed 33, for one): press "New data" and try again.
  for (let tries = 0; !(await solved(page, S, 'beat-loo')); tries++) {
    assert.ok(tries < 5, 'not solved on five data sets');
    if (tries > 0) {
      await clickButton(page, S, 'new-data');
      await looShown(page, S);
    }
    const hStar = numbers(await live(page, S, 'loo'))[0];
    const towards = hStar < Number(await pressSlider(page, S, WIDTH, 'ArrowLeft', 0)) ? 'ArrowLeft' : 'ArrowRight';
    for (let steps = 0; !(await solved(page, S, 'beat-loo')); steps++) {
      const h = Number(await pressSlider(page, S, WIDTH, towards));
      if (towards === 'ArrowLeft' ? h < hStar / 2 : h > hStar * 2) break;
      assert.ok(steps < 200, `${steps} steps ${towards} to h = ${h} (h* = ${hStar})`);
    }
  }
  const [shownErr] = numbers(await live(page, S, 'summary'));
  const looErr = numbers(await live(page, S, 'loo'))[1];
  assert.ok(shownErr < looErr, `${shownErr} vs ${looErr}`);
  await checkSummary(page, S, lang);

  // Task 2's hint: a compact kernel and a small width.
  await choose(page, S, KERNEL, 'boxcar');
  while (!(await solved(page, S, 'undefined'))) await pressSlider(page, S, WIDTH, 'ArrowLeft', 10);
  if (lang === 'en') assert.match(await live(page, S, 'summary'), /no key within reach/);
  await checkSummary(page, S, lang);
  await pressSlider(page, S, WIDTH, 'Home'); // the far end: the sentence still agrees
  await checkSummary(page, S, lang);

  // Task 3's hint: a compact kernel wider than the range of x — the slider's end.
  assert.equal(await solved(page, S, 'average-pooling'), false);
  await pressSlider(page, S, WIDTH, 'End');
  assert.equal(await solved(page, S, 'average-pooling'), true);
  const { err, avg } = await checkSummary(page, S, lang);
  assert.equal(fmt(err.mse), fmt(avg.mse));

  // The prose sweep over the other kernels at both ends of the width (Chinese: the constant
  // kernel, whose lesson differs, at one end).
  for (const kernel of lang === 'en' ? ['triangular', 'epanechnikov', 'constant', 'gaussian'] : ['constant']) {
    await choose(page, S, KERNEL, kernel);
    for (const key of lang === 'en' ? ['Home', 'End'] : ['Home']) {
      await pressSlider(page, S, WIDTH, key);
      await checkSummary(page, S, lang);
    }
    if (lang === 'en') assert.match(await live(page, S, 'width-lesson'), kernel === 'constant' ? /ignores the width/ : /Move the width/);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('kernel-regression: own data disables n (showing the data\'s n) and drops "Truth"; at n = 10,000 the heatmap has one cell per device pixel', async () => {
  const { page, errors, S } = await openExercise(env.browser, env.url, 'kernel-regression');
  const nInput = page.locator(`${S} [data-control="training-examples-n"] input`);
  await page.evaluate((s) => { document.querySelector(`${s} .own-data`).open = true; }, S);
  await page.locator(`${S} .own-data textarea`).fill('x,y\n0.1,1\n0.5,2\n1.0,1.5\n2.0,0.5\n3.1,2.2\n4.0,1.0\n4.5,0.2');
  await page.click(`${S} .own-data button:text("Use this data")`);
  assert.equal(await nInput.isDisabled(), true);
  assert.equal(await nInput.evaluate((el) => el.parentElement.querySelector('output').textContent), '7');
  assert.equal(await page.locator(`${S} [data-plot="regression"] [data-legend="truth"]`).isVisible(), false);
  assert.doesNotMatch((await page.locator(`${S} [data-plot="regression"] figcaption`).textContent()), /truth/);
  assert.match(await live(page, S, 'summary'), /on your 7 points is/);
  await page.click(`${S} .own-data button:text("Back to generated data")`);
  assert.equal(await nInput.isDisabled(), false);
  assert.equal(await nInput.evaluate((el) => el.parentElement.querySelector('output').textContent), '50');
  assert.equal(await page.locator(`${S} [data-plot="regression"] [data-legend="truth"]`).isVisible(), true);
  assert.match((await page.locator(`${S} [data-plot="regression"] figcaption`).textContent()), /noise-free truth/);

  await setSlider(page, S, 'training-examples-n', 10000);
  const canvas = await page.$eval(`${S} [data-plot="heatmap"] canvas`, (c) => {
    const r = c.getBoundingClientRect();
    return { width: c.width, height: c.height, px: Math.floor(r.width * devicePixelRatio), py: Math.floor(r.height * devicePixelRatio) };
  });
  // No more columns than device pixels (else the browser samples them: stripes), and not fewer.
  assert.equal(canvas.width, canvas.px, JSON.stringify(canvas));
  assert.equal(canvas.height, Math.min(canvas.py, 50), JSON.stringify(canvas));
  assert.deepEqual(errors, []);
  await page.close();
});
