// What a surface plot (web/plots/surface.js) shows of its contour lines, which it draws on a
// canvas under its SVG: the levels it lists as drawn, and whether that canvas has any ink.

/** The levels whose lines the plot `plot` (a selector) reports drawn (its SVG's data-contours). */
export async function contourLevels(page, plot) {
  const text = await page.getAttribute(`${plot} svg`, 'data-contours');
  return text === '' ? [] : text.split(',').map(Number);
}

/** The number of pixels of the plot's contour canvas that are not transparent. */
export function contourInk(page, plot) {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(`${sel} canvas.contour-layer`);
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let k = 3; k < data.length; k += 4) if (data[k] > 0) ink += 1;
    return ink;
  }, plot);
}
