// Keyboard stepping of sliders (web/controls.js): every arrow press changes the value shown, also
// at the crowded top of the log-scaled epochs sliders (6–7 presses per shown step before), and
// Page Up/Down and Home/End jump. Every slider of the four training exercises, through the keys.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './browser.mjs';
import { settled } from './training.mjs';

const env = useBrowser();
const EXERCISES = ['leave-one-out', 'lenrek', 'after-square', 'per-coordinate'];

for (const id of EXERCISES) {
  test(`${id}: every arrow press on every slider changes the shown value; Page and Home/End jump`, async () => {
    const S = `#${id}`;
    const { page, errors } = await openPage(env.browser, `${env.url}?exercise=${id}`);
    const sliders = page.locator(`${S} .control:has(input[type=range])`);
    const n = await sliders.count();
    assert.ok(n >= 3, `${id} has its sliders (${n})`);
    for (let i = 0; i < n; i++) {
      const control = sliders.nth(i);
      const label = await control.locator('label').textContent();
      const input = control.locator('input[type=range]');
      const shown = () => control.locator('output').textContent();
      const press = async (key) => {
        await page.keyboard.press(key);
        await settled(page, S);
        return shown();
      };
      await input.focus();
      const first = await press('Home');
      const last = await press('End');
      assert.notEqual(first, last, `${label}: Home and End differ`);
      // From the top end down (where a log scale crowds its positions), then up from the bottom.
      let before = last;
      for (let k = 0; k < 8; k++) {
        const now = await press('ArrowLeft');
        assert.notEqual(now, before, `${label}: ArrowLeft from ${before}`);
        before = now;
      }
      before = await press('Home');
      for (let k = 0; k < 8; k++) {
        const now = await press('ArrowRight');
        assert.notEqual(now, before, `${label}: ArrowRight from ${before}`);
        before = now;
      }
      // Page Up jumps further than one arrow press, and Page Down back (the browser's tenth of
      // the positions, snapped to whole positions, so not always to the same one).
      const pos = async () => Number(await input.inputValue());
      const p0 = await pos();
      const v1 = await press('PageUp');
      const p1 = await pos();
      assert.ok(p1 - p0 > 1 && v1 !== before, `${label}: Page Up jumps (${p0} → ${p1})`);
      await press('PageDown');
      assert.ok(p1 - (await pos()) > 1, `${label}: Page Down jumps back`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
}
