// Phones (issue 14), 360–430 px wide: no display equation is cut off (web/fit-math.js scales it,
// or it scrolls with a visible cue), the plot a control drives stays on screen while the control
// moves (web/nav/phone-plot.js; leave-one-out and more-data, where the controls fill the screen),
// and every chart's axis and tick text is at least 11 CSS px.
import test from 'node:test';
import assert from 'node:assert/strict';
import { openPage, useBrowser } from './browser.mjs';

const env = useBrowser();

/** Renders every exercise (the page skips those off screen) and brings each equation into view once. */
async function renderAll(page) {
  await page.evaluate(() => {
    for (const s of document.querySelectorAll('main > .exercise')) s.style.contentVisibility = 'visible';
  });
  const count = await page.locator('.math-display').count();
  for (let i = 0; i < count; i++) {
    await page.locator('.math-display').nth(i).scrollIntoViewIfNeeded();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }
  return count;
}

for (const width of [360, 430]) {
  test(`${width} px: no equation is cut off; one that cannot fit scrolls, with a visible cue`, async () => {
    const { page, errors } = await openPage(env.browser, env.url, { width, height: 800 });
    const count = await renderAll(page);
    assert.ok(count > 10, `the page's display equations (${count})`);
    const report = await page.evaluate(() => {
      const bad = [];
      let scrolling = 0;
      for (const el of document.querySelectorAll('.math-display')) {
        const where = `${el.closest('section')?.id}: ${el.dataset.texDisplay.slice(0, 40)}`;
        if (el.scrollWidth <= el.clientWidth + 1) continue;
        scrolling++;
        const cue = el.nextElementSibling;
        const ok = el.classList.contains('scrolls') && getComputedStyle(el).overflowX === 'auto' && el.tabIndex === 0 &&
          cue?.classList.contains('scroll-cue') && !cue.hidden && cue.getBoundingClientRect().height > 0;
        if (!ok) bad.push(`${where} overflows without a cue`);
      }
      // Whatever is not inside a scrolling equation stays inside the window.
      for (const k of document.querySelectorAll('main .katex')) {
        if (k.closest('.math-display.scrolls')) continue;
        const r = k.getBoundingClientRect();
        if (r.width > 0 && (r.left < -0.5 || r.right > window.innerWidth + 0.5)) bad.push(`${k.closest('section')?.id}: math at ${r.left.toFixed(0)}…${r.right.toFixed(0)}`);
      }
      return { bad, scrolling, pageWidth: document.documentElement.scrollWidth };
    });
    assert.deepEqual(report.bad, []);
    assert.ok(report.pageWidth <= width, `the page itself does not scroll sideways (${report.pageWidth})`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('360 px: axis and tick text of every chart, heatmaps included, is at least 11 CSS px', async () => {
  const { page, errors } = await openPage(env.browser, env.url, { width: 360, height: 800 });
  await renderAll(page);
  const sizes = await page.evaluate(() => {
    const out = [];
    for (const t of document.querySelectorAll('main .plot svg text')) {
      if (!t.closest('.axis, .axis-label') && !t.classList.contains('axis-label')) continue;
      if (!t.textContent.trim() || t.getBoundingClientRect().width === 0) continue;
      const scale = t.ownerSVGElement.getScreenCTM()?.a ?? 1;
      out.push({ where: `${t.closest('section').id} ${t.closest('.plot').dataset.plot}`, px: parseFloat(getComputedStyle(t).fontSize) * scale, text: t.textContent });
    }
    return out;
  });
  assert.ok(sizes.length > 100, `axis texts found (${sizes.length})`);
  const plots = new Set(sizes.map((s) => s.where.split(' ')[1]));
  assert.ok(plots.has('heatmap'), 'heatmaps are among them');
  const small = sizes.filter((s) => s.px < 11 - 1e-6).map((s) => `${s.where} "${s.text}" ${s.px.toFixed(1)} px`);
  assert.deepEqual([...new Set(small.map((s) => s.replace(/ ".*" / , " ")))], [], small.slice(0, 20).join("\n"));
  assert.deepEqual(errors, []);
  await page.close();
});

for (const id of ['leave-one-out', 'more-data']) {
  test(`390 px, ${id}: while a slider moves, the plot it drives stays on screen`, async () => {
    const { page, errors } = await openPage(env.browser, `${env.url}#${id}`, { width: 390, height: 844 });
    const sliders = page.locator(`#${id} [data-controls] input[type="range"]`);
    const n = await sliders.count();
    assert.ok(n >= 2);
    for (const i of [0, n - 1]) {
      const slider = sliders.nth(i);
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowLeft');
      const boxes = await page.evaluate(([sid, index]) => {
        const input = document.querySelectorAll(`#${sid} [data-controls] input[type="range"]`)[index];
        const control = input.closest('.control');
        const controls = input.closest('[data-controls]');
        const plot = [...document.querySelectorAll(`#${sid} .plot`)].find((p) => controls.compareDocumentPosition(p) & Node.DOCUMENT_POSITION_FOLLOWING);
        const r = (el) => el.getBoundingClientRect().toJSON();
        return { input: r(input), control: r(control), plot: r(plot.querySelector('svg') ?? plot), height: window.innerHeight };
      }, [id, i]);
      assert.ok(boxes.input.top >= 0 && boxes.input.bottom <= boxes.height, `slider ${i} on screen ${JSON.stringify(boxes.input)}`);
      assert.ok(boxes.plot.top >= boxes.control.bottom - 1 && boxes.plot.bottom <= boxes.height + 1,
        `the plot is on screen below the control: ${JSON.stringify(boxes)}`);
    }
    // Focus elsewhere: the control goes back to its place.
    await page.locator(`#${id} h2`).click();
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
    assert.equal(await page.locator(`#${id} .control.pinned`).count(), 0);
    assert.equal(await page.locator(`#${id} .pinned-placeholder`).count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('390 px: a control inside data-drives keeps the plot it names on screen (more-data: a later plot)', async () => {
  const { page, errors } = await openPage(env.browser, `${env.url}#more-data`, { width: 390, height: 844 });
  const slider = page.locator('#more-data [data-controls] input[type="range"]').last();
  await slider.evaluate((el) => (el.closest('.control').dataset.drives = 'error'));
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  const boxes = await page.evaluate(() => {
    const input = [...document.querySelectorAll('#more-data [data-controls] input[type="range"]')].at(-1);
    const r = (el) => el.getBoundingClientRect().toJSON();
    return { input: r(input), control: r(input.closest('.control')), plot: r(document.querySelector('#more-data [data-plot="error"] svg')), height: window.innerHeight };
  });
  assert.ok(boxes.input.top >= 0 && boxes.input.bottom <= boxes.height, JSON.stringify(boxes.input));
  assert.ok(boxes.plot.top >= boxes.control.bottom - 1 && boxes.plot.bottom <= boxes.height + 1, JSON.stringify(boxes));
  assert.deepEqual(errors, []);
  await page.close();
});
