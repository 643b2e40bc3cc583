// Helpers for the teaching tests (issue #13): follow a "Try this" hint through the real controls,
// as a learner would (keys on sliders, options of selects, buttons), read whether a task is
// solved, and read the live sentences and the numbers in them. No URL editing, no widget calls.
import { openPage, withHintSeed } from './browser.mjs';

/**
 * Opens the page at exercise `id` (the shell's own navigation parameter, as a learner's link
 * would) and brings the section into view. Returns { page, errors, S } with S the section's
 * selector. Under APL_HINT_SEED the link also names that data seed (browser.mjs withHintSeed).
 */
export async function openExercise(browser, url, id, options) {
  const { page, errors } = await openPage(browser, withHintSeed(`${url}?exercise=${id}`, id), options);
  const S = `#${id}`;
  await page.locator(S).scrollIntoViewIfNeeded();
  return { page, errors, S };
}

/**
 * The control `key` of section S: by its name (data-control, the same in every language; see
 * web/controls.js), else by its label (English tests written before issue #15).
 */
const control = (page, S, key) =>
  page.locator(`${S} [data-control="${key}"]`).locator('input, select').or(page.locator(S).getByLabel(key, { exact: true }));

/** The value a slider shows (its <output>), as text. */
export const shownValue = (page, S, label) =>
  control(page, S, label).evaluate((el) => el.parentElement.querySelector('output').textContent);

/**
 * Moves the slider labelled `label` by keys until the value it shows reaches `target` (a number;
 * the first shown value at or past it), as a learner watching the output would: Page Up/Down
 * while a page step does not pass the target, then one arrow press at a time. Throws if the
 * slider's end comes first. Returns the value shown.
 */
export async function setSlider(page, S, label, target) {
  const input = control(page, S, label);
  await input.scrollIntoViewIfNeeded();
  await input.focus();
  const shown = async () => Number((await shownValue(page, S, label)).replace(/,/g, ''));
  let v = await shown();
  if (v === target) return v;
  const up = target > v;
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press(up ? 'PageUp' : 'PageDown');
    const w = await shown();
    if (w === v || (up ? w > target : w < target)) {
      if (w !== v) await page.keyboard.press(up ? 'PageDown' : 'PageUp'); // one page too far: back
      break;
    }
    v = w;
    if (w === target) return w;
  }
  v = await shown();
  for (let i = 0; i < 1000; i++) {
    const before = await input.evaluate((el) => el.value);
    await page.keyboard.press(up ? 'ArrowRight' : 'ArrowLeft');
    if ((await input.evaluate((el) => el.value)) === before) throw new Error(`${label}: the slider ends before ${target} (at ${v})`);
    v = await shown();
    if (up ? v >= target : v <= target) return v;
  }
  throw new Error(`${label}: ${target} not reached`);
}

/** Presses `key` `times` times on the slider labelled `label` (Home, End, ArrowLeft, …); returns the value shown. */
export async function pressSlider(page, S, label, key, times = 1) {
  const input = control(page, S, label);
  await input.focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
  return shownValue(page, S, label);
}

/** Chooses the option whose value is `value` in the select labelled `label`. */
export const choose = (page, S, label, value) => control(page, S, label).selectOption(value);

/** Clicks the button of section S whose data-action or data-control is `key`, else whose text is `key`. */
export const clickButton = (page, S, key) =>
  page.locator(`${S} button:is([data-action="${key}"], [data-control="${key}"])`).or(page.locator(`${S} button`, { hasText: key })).first().click();

/** Whether task `id` of section S shows as solved. */
export const solved = async (page, S, id) =>
  (await page.getAttribute(`${S} [data-task="${id}"]`, 'data-solved')) === 'true';

/** The text of the live element `name` of section S (the first one). */
export const live = async (page, S, name) => (await page.textContent(`${S} [data-live="${name}"]`)).replace(/\s+/g, ' ').trim();

/**
 * The numbers written in a sentence, in order: "−0.25", "1,500", "1.2e-5" and "n = 50" count;
 * the digits of subscripts and of names such as "d2l" or "x₁" do not.
 */
export function numbers(text) {
  return [...text.replace(/\bd2l\b/g, '').matchAll(/(?<![\p{L}\d.])[−-]?\d[\d,]*(?:\.\d+)?(?:e[−-]?\d+)?/gu)]
    .map((m) => Number(m[0].replace(/−/g, '-').replace(/,/g, '')));
}

/** A number as the page writes it (web/format.js fmt): `digits` significant digits, 'undefined' if not finite. */
export const fmt = (v, digits = 3) => (Number.isFinite(v) ? Number(v).toPrecision(digits) : 'undefined');
