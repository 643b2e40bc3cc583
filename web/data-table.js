// Text alternatives of the plots: each figure's SVG/canvas gets a one-sentence summary as its
// accessible name, kept current, and a "Data table" disclosure that lists the plotted numbers when
// opened. The plots provide summary() and table() and register themselves as container.labPlot.
import { t } from './i18n.js';

const MAX_ROWS = 2000;
const cellText = (v) => (typeof v === 'number' ? (Number.isNaN(v) ? t('common.undefined') : Number(v.toPrecision(6)).toString()) : String(v));

function render(details, plot) {
  const { columns, rows } = plot.table();
  const table = document.createElement('table');
  const head = table.createTHead().insertRow();
  for (const c of columns) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = c;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of rows.slice(0, MAX_ROWS)) {
    const tr = body.insertRow();
    for (const v of row) tr.insertCell().textContent = cellText(v);
  }
  details.querySelector('table')?.remove();
  details.querySelector('.table-wrap').append(table);
  details.querySelector('.table-note').textContent = rows.length > MAX_ROWS
    ? t('plots.firstRows', { shown: MAX_ROWS.toLocaleString('en-US'), total: rows.length.toLocaleString('en-US') }) : '';
}

/** Adds the summary and the data table to every plot figure of the section. */
export function addDataTables(section) {
  for (const figure of section.querySelectorAll('figure[data-plot]')) {
    const plot = figure.labPlot;
    if (!plot?.table) continue;
    const details = document.createElement('details');
    details.className = 'data-table';
    details.innerHTML = '<summary></summary><p class="table-note"></p><div class="table-wrap"></div>';
    details.querySelector('summary').textContent = t('plots.dataTable');
    details.addEventListener('toggle', () => details.open && render(details, plot));
    figure.append(details);
    const graphic = figure.querySelector('svg[role="img"]');
    const keys = graphic?.hasAttribute('tabindex');
    const name = () => {
      graphic?.setAttribute('aria-label', keys ? t('plots.withKeys', { summary: plot.summary() }) : plot.summary());
      if (details.open) render(details, plot);
    };
    // Keep the name current: re-read after each redraw of the plot (a path's 'd', a canvas's size
    // or its data-draws count changed). Mutations inside the table itself are ours and must not
    // trigger a redraw of it.
    new MutationObserver((mutations) => mutations.some((m) => !details.contains(m.target)) && name()).observe(
      figure,
      { childList: true, subtree: true, attributes: true, attributeFilter: ['d', 'width', 'data-draws'] },
    );
    name();
  }
}
