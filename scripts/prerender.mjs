// The first plot of the page, drawn at build time so that it appears before the WebAssembly core
// has loaded: the first exercise's default state (d2l's data, seed 0, Gaussian, h = 0.5), computed
// by the same core through the JS API in node, as a static SVG. The exercise replaces it with the
// live plot once it mounts (RegressionPlot removes `svg.prerendered`).
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { createLab } from '../wasm/src/index.js';
import { t } from '../web/i18n.js';

const W = 560;
const H = 340;
const M = { top: 28, right: 12, bottom: 42, left: 46 };

/** The plot as SVG markup, its accessible name in `lang`. */
export async function prerenderFirstPlot(lang) {
  const lab = await createLab();
  const data = lab.makeDataset({ target: 'classic', seed: 0 });
  const { predictions } = lab.attend({ queries: data.xTest, keys: data.xTrain, values: data.yTrain, width: 0.5, returnWeights: false });
  const x = scaleLinear().domain([0, 5]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([-1, 5]).range([H - M.bottom, M.top]);
  const path = line().x((d) => x(d[0])).y((d) => y(d[1]));
  const at = (values) => path(Array.from(data.xTest, (v, i) => [v, values[i]]));
  const points = Array.from(data.xTrain, (v, i) => `<circle class="point" cx="${x(v).toFixed(1)}" cy="${y(data.yTrain[i]).toFixed(1)}" r="3.5"/>`).join('');
  const ticks = [0, 1, 2, 3, 4, 5].map((t) => `<text x="${x(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${t}</text>`).join('') +
    [-1, 0, 1, 2, 3, 4, 5].map((t) => `<text x="${M.left - 8}" y="${y(t) + 4}" text-anchor="end">${t}</text>`).join('');
  return `<svg class="prerendered" viewBox="0 0 ${W} ${H}" role="img" aria-label="${t('common.prerenderedPlot', undefined, lang)}">` +
    `<g class="axis">${ticks}<path d="M${M.left},${M.top}V${H - M.bottom}H${W - M.right}" fill="none"/></g>` +
    `${points}<path class="truth" d="${at(data.yTest)}"/><path class="prediction" d="${at(predictions)}"/></svg>`;
}
