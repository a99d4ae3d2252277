// Compare economies: one measure (the composite or an indicator) for the picked economies on one chart, a ranked
// table of their latest scores, a table view, CSV and PNG downloads.

import { $, el, fmtChange, fmtPercent, fmtScore, settleNewest } from './format.js';
import { getHistory } from './api.js';
import { drawLines } from './charts.js';
import { downloadCsv, downloadPng } from './download.js';
import { byYear, fillTable } from './table.js';

/** Latest point of `points`, with its change on the year before when that year has a score. */
function latest(points) {
  const last = points.at(-1);
  if (!last) return null;
  const previous = points.find((p) => p.x === last.x - 1);
  return { ...last, change: previous ? last.y - previous.y : null };
}

export function createCompare({ regions, styleOf, measureName, onChange }) {
  let ticket = 0;
  let loading = Promise.resolve(); // the newest load
  let shown = null; // {measure, years, lines}
  const canvas = $('compare-chart');
  const nameOf = (code) => regions.find((r) => r.code === code)?.name ?? code;
  const fileName = (ext) => `ballast-compare-${shown.measure}-${shown.years.from}-${shown.years.to}.${ext}`;

  const boxes = regions.map((r) => {
    const input = el('input', { type: 'checkbox', value: r.code, id: `compare-${r.code}`, name: 'compare' });
    input.addEventListener('change', () => onChange({
      compare: regions.map((x) => x.code).filter((code) => $(`compare-${code}`).checked),
    }));
    return el('label', { class: 'chip', for: input.id }, input,
      el('span', { class: 'swatch', 'data-region': r.code, 'aria-hidden': 'true' }), `${r.name} (${r.code})`);
  });
  $('compare-regions').append(...boxes);
  boxes.forEach((label, i) => {
    label.querySelector('.swatch').style.backgroundColor = styleOf(regions[i].code).colour;
  });
  $('compare-measure').addEventListener('change', (e) => onChange({ measure: e.target.value }));

  $('compare-csv').addEventListener('click', () => {
    if (!shown) return;
    const rows = byYear(shown.lines).map(([year, ...values]) => [year, ...values.map((v) => v ?? '')]);
    downloadCsv(fileName('csv'), ['year', ...shown.lines.map((l) => l.code)], rows);
  });
  $('compare-png').addEventListener('click', () => {
    if (shown) downloadPng(Chart.getChart(canvas), fileName('png'));
  });

  function renderRanking(lines, label) {
    const ranked = lines.map((l) => ({ line: l, last: latest(l.points) }))
      .sort((a, b) => (b.last?.y ?? -Infinity) - (a.last?.y ?? -Infinity));
    fillTable($('compare-ranking'), {
      caption: `${label}: latest score in the years shown, highest first; change on the year before`,
      columns: [{ label: 'Rank', numeric: true }, { label: 'Economy' }, { label: 'Score', numeric: true },
        { label: 'Year', numeric: true }, { label: 'Change', numeric: true },
        { label: 'Coverage', numeric: true }],
      rowHeader: 1,
      rows: ranked.map(({ line, last }, i) => [last ? i + 1 : '—', `${line.label} (${line.code})`,
        fmtScore(last?.y), last?.x ?? '—', fmtChange(last?.change), fmtPercent(last?.coverage)]),
    });
  }

  function render(lines, view) {
    const label = measureName(view.measure);
    drawLines(canvas, lines, { xMin: view.from, xMax: view.to, yMin: 0, yMax: 100, yTitle: `${label} (0–100)` });
    const economies = lines.map((l) => l.label).join(', ') || 'no economy';
    canvas.setAttribute('aria-label', `Line chart of ${label} for ${economies}, `
      + `${view.from} to ${view.to}. The ranked table and the table view hold the same data.`);
    renderRanking(lines, label);
    fillTable($('compare-table'), {
      caption: `${label} by year`,
      columns: [{ label: 'Year' }, ...lines.map((l) => ({ label: l.label, numeric: true }))],
      rows: byYear(lines).map(([year, ...values]) => [year, ...values.map(fmtScore)]),
    });
    shown = { measure: view.measure, years: { from: view.from, to: view.to }, lines };
  }

  return {
    /** Fills the measure picker: the composite, then `indicators` ([{id, name}]). */
    setMeasures(indicators) {
      $('compare-measure').replaceChildren(el('option', { value: 'composite' }, 'Composite'),
        ...indicators.map((i) => el('option', { value: i.id }, i.name || i.id)));
    },

    /** Shows `view.compare` (region codes) for `view.measure` over `view.from`..`view.to`. */
    load(view) {
      loading = this.run(view);
      return loading;
    },

    /** Settles once the newest load has. */
    settled: () => settleNewest(() => loading),

    async run(view) {
      const mine = ++ticket;
      for (const r of regions) $(`compare-${r.code}`).checked = view.compare.includes(r.code);
      $('compare-measure').value = view.measure;
      $('compare-empty').hidden = view.compare.length > 0;
      const results = await Promise.allSettled(view.compare.map((code) =>
        getHistory(code, view.measure, view.from, view.to)));
      if (mine !== ticket) return;
      const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
      $('compare-error').hidden = failed.length === 0;
      $('compare-error').textContent = failed.join(' ');
      const lines = view.compare.map((code, i) => ({
        code, label: nameOf(code), ...styleOf(code),
        points: results[i].status === 'fulfilled'
          ? results[i].value.points.map((p) => ({ x: p.period, y: p.score, coverage: p.coverage })) : [],
      }));
      render(lines, view);
    },
  };
}
