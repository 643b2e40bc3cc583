// Helpers for the training exercises' browser tests (leave-one-out, lenrek, after-square,
// per-coordinate): the shared player (web/training-player.js), sliders moved by keys as a learner
// does, and the "Try this" tasks. Everything goes through real controls within their ranges.
import assert from 'node:assert/strict';

// Whether a task shows as solved: the same reading as the other exercises' teaching tests.
export { solved } from './teaching.mjs';

/** The player of exercise `S` (a selector): its buttons by data-action, its status line. */
export function player(S) {
  const click = async (page, action) => {
    await page.click(`${S} .training-player button[data-action="${action}"]`);
    await settled(page, S);
  };
  return {
    play: (page) => click(page, 'play'),
    step: (page) => click(page, 'step'),
    toEnd: (page) => click(page, 'to-end'),
    reset: (page) => click(page, 'reset-training'),
    status: (page) => page.textContent(`${S} .training-player [data-live="player-status"]`),
    /** Plays at the fastest speed until the player stops by itself at the last epoch. */
    playToEnd: async (page) => {
      await page.selectOption(`${S} .training-player select`, '50');
      await page.click(`${S} .training-player button[data-action="play"]`);
      await page.waitForFunction((s) => document.querySelector(`${s} .training-player button[data-action="play"]`).getAttribute('aria-pressed') === 'false', S, { timeout: 60000 });
      await settled(page, S);
    },
  };
}

/** Waits until the exercise's worker jobs (web/compute/latest-in-worker.js) are drawn. */
export async function settled(page, S) {
  await page.waitForFunction((s) => document.querySelector(s).dataset.offload !== 'busy', S);
}

/** The control `key` of S: by its name (data-control, any language), else by its English label. */
const controlBox = (page, S, key) =>
  page.locator(`${S} .control[data-control="${key}"]`).or(page.locator(`${S} .control`, { has: page.getByText(key, { exact: true }) }));
/** The slider `key` (name or label) in `S` and the text of its output. */
export const sliderOf = (page, S, key) => controlBox(page, S, key).locator('input[type=range]');
export const shownValue = (page, S, key) => controlBox(page, S, key).locator('output').textContent();

/** Presses `key` on a slider (Home, End, PageUp, …) as a learner does. */
export async function pressOn(page, S, label, key, times = 1) {
  await sliderOf(page, S, label).focus();
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
  await settled(page, S);
}

/**
 * Moves a slider with the arrow keys until its shown value is `target` (`exact`) or the first
 * shown value on the far side of it ("about 200": the nearest the slider offers).
 */
export async function arrowTo(page, S, label, target, { exact = false } = {}) {
  const input = sliderOf(page, S, label);
  await input.focus();
  const read = async () => Number(await shownValue(page, S, label));
  const key = (await read()) < target ? 'ArrowRight' : 'ArrowLeft';
  for (let i = 0; i < 1000; i++) {
    const v = await read();
    if (v === target || (!exact && (key === 'ArrowRight' ? v >= target : v <= target))) break;
    await page.keyboard.press(key);
  }
  await settled(page, S);
  const v = await read();
  if (exact) assert.equal(v, target, `${label} reaches ${target}`);
  return v;
}

/**
 * A hint keeps its promise only if what it tells the learner to press or set is on the page under
 * the words it uses: every “quoted” name in the hint of task `id` (in any language) is the text
 * of a button, or the label of a control, of section S.
 */
export async function hintNamesControls(page, S, id) {
  const hint = await page.textContent(`${S} [data-task="${id}"] details p`);
  const names = await page.$$eval(`${S} button, ${S} .control label`, (els) => els.map((el) => el.textContent.trim()));
  for (const [, quoted] of hint.matchAll(/“([^”]+)”/g)) {
    assert.ok(names.includes(quoted), `task ${id}: the hint names “${quoted}”, which no button or control of ${S} shows (${names.join(' | ')})`);
  }
}
