// Text alternatives of the plots: each figure's SVG/canvas gets a one-sentence summary as its
// accessible name, kept current, and a "Data table" disclosure that lists the plotted numbers when
// opened. The plots provide summary() and table() and register themselves as container.labPlot.

const cellText = (v) => (typeof v === 'number' ? (Number.isNaN(v) ? 'undefined' : Number(v.toPrecision(6)).toString()) : String(v));

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
  for (const row of rows.slice(0, 2000)) {
    const tr = body.insertRow();
    for (const v of row) tr.insertCell().textContent = cellText(v);
  }
  details.querySelector('table')?.remove();
  details.querySelector('.table-wrap').append(table);
  details.querySelector('.table-note').textContent = rows.length > 2000 ? `First 2,000 of ${rows.length} rows.` : '';
}

/** Adds the summary and the data table to every plot figure of the section. */
export function addDataTables(section) {
  for (const figure of section.querySelectorAll('figure[data-plot]')) {
    const plot = figure.labPlot;
    if (!plot?.table) continue;
    const details = document.createElement('details');
    details.className = 'data-table';
    details.innerHTML = '<summary>Data table</summary><p class="table-note"></p><div class="table-wrap"></div>';
    details.addEventListener('toggle', () => details.open && render(details, plot));
    figure.append(details);
    const graphic = figure.querySelector('svg[role="img"]');
    const keys = graphic?.hasAttribute('tabindex') ? ' Use the arrow keys to focus a query.' : '';
    const name = () => {
      graphic?.setAttribute('aria-label', plot.summary() + keys);
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
