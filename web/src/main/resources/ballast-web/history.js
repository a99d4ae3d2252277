// History chart: the composite and every indicator by year, export-control events as annotations, a table view,
// CSV and PNG downloads.

import { $, el, fmtScore, isUrl, wrap } from './format.js';
import { COMPOSITE_STYLE, OKABE_ITO, drawLines, eventLine } from './charts.js';
import { downloadCsv, downloadPng } from './download.js';
import { byYear, fillTable, yearsOf } from './table.js';

/** 2023-07-01 -> 2023.5: where an event sits on a year axis. */
function fractionalYear(date) {
  const [y, m, d] = date.split('-').map(Number);
  const start = Date.UTC(y, 0, 1);
  return y + (Date.UTC(y, m - 1, d) - start) / (Date.UTC(y + 1, 0, 1) - start);
}

const hasWarning = (ctx) => Boolean(ctx.raw?.warnings?.length);

/** The composite line: years with a divergence warning are drawn as larger vermillion triangles. */
function compositeLine(series) {
  return {
    ...series, ...COMPOSITE_STYLE,
    pointStyle: (ctx) => (hasWarning(ctx) ? 'triangle' : 'circle'),
    pointRadius: (ctx) => (hasWarning(ctx) ? 6 : 3),
    pointColour: (ctx) => (hasWarning(ctx) ? OKABE_ITO.vermillion : COMPOSITE_STYLE.colour),
  };
}

const LABEL_WIDTH = 56; // characters per line of an event's label on the chart

/** A source for the chart label: a URL without its scheme, cut to fit (the events table has the whole link). */
function shortSource(source) {
  const text = isUrl(source) ? source.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, '') : source;
  return text.length > LABEL_WIDTH - 8 ? `${text.slice(0, LABEL_WIDTH - 9)}…` : text;
}

function eventLabel(event) {
  return [
    [event.date, event.jurisdiction, event.entitiesAdded == null ? null : `${event.entitiesAdded} entities added`]
      .filter(Boolean).join(' · '),
    ...wrap(event.title, LABEL_WIDTH),
    `Source: ${shortSource(event.source)}`,
  ];
}

function sourceCell(source) {
  return isUrl(source) ? el('a', { href: source, rel: 'noopener noreferrer', target: '_blank' }, source) : source;
}

export function createHistory() {
  let shown = null; // what the chart shows: {region, series, years}
  let activeEvent = -1; // event whose row has keyboard focus
  const canvas = $('history-chart');
  const fileName = (ext) => `ballast-history-${shown.region}-${shown.years.from}-${shown.years.to}.${ext}`;

  $('history-csv').addEventListener('click', () => {
    if (!shown) return;
    const rows = byYear(shown.series).map(([year, ...values]) => [year, ...values.map((v) => v ?? '')]);
    downloadCsv(fileName('csv'), ['year', ...shown.series.map((s) => s.id)], rows);
  });
  $('history-png').addEventListener('click', () => {
    if (shown) downloadPng(Chart.getChart(canvas), fileName('png'));
  });

  function renderEvents(events) {
    $('events-count').textContent = String(events.length);
    $('events-section').hidden = events.length === 0;
    fillTable($('events-table'), {
      columns: [{ label: 'Date' }, { label: 'Jurisdiction' }, { label: 'Event' },
        { label: 'Entities added', numeric: true }, { label: 'Source' }],
      rows: events.map((e) => [e.date, e.jurisdiction, e.title, e.entitiesAdded ?? '—', sourceCell(e.source)]),
    });
    $('events-table').querySelectorAll('tbody tr').forEach((row, i) => {
      row.tabIndex = 0;
      row.addEventListener('focus', () => { activeEvent = i; Chart.getChart(canvas)?.update('none'); });
      row.addEventListener('blur', () => { activeEvent = -1; Chart.getChart(canvas)?.update('none'); });
    });
  }

  function renderTable(series, regionName) {
    const composite = series.find((s) => s.id === 'composite');
    const warned = new Set((composite?.points ?? []).filter((p) => p.warnings?.length).map((p) => p.x));
    fillTable($('history-table'), {
      caption: `Scores of ${regionName} by year (0–100, higher is more resilient)`,
      columns: [{ label: 'Year' }, ...series.map((s) => ({ label: s.label, numeric: true })),
        { label: 'Divergence warning' }],
      rows: byYear(series).map(([year, ...values]) => [year, ...values.map(fmtScore), warned.has(year) ? 'yes' : '']),
    });
  }

  return {
    /**
     * `series`: [{id, label, style, points: [{x, y, warnings?}]}] with the composite first, already limited to
     * `years` ({from, to}); `events`: [{date, jurisdiction, title, entitiesAdded, source}].
     */
    render({ region, regionName, series, events, years }) {
      const inRange = events.filter((e) => {
        const x = fractionalYear(e.date);
        return x >= years.from && x < years.to + 1;
      });
      const dataYears = yearsOf(series);
      const eventYears = inRange.map((e) => fractionalYear(e.date));
      const xMin = Math.max(years.from, Math.min(dataYears[0] ?? years.from, ...eventYears.map(Math.floor)));
      const xMax = Math.min(years.to + 1, Math.max(dataYears.at(-1) ?? years.to, ...eventYears.map((x) => x + 0.2)));
      const xMid = (xMin + xMax) / 2;
      const annotations = Object.fromEntries(inRange.map((e, i) =>
        [`event${i}`, eventLine(fractionalYear(e.date), eventLabel(e), xMid, () => activeEvent === i)]));
      const lines = series.map((s) => (s.id === 'composite' ? compositeLine(s) : { ...s, ...s.style }));
      drawLines(canvas, lines, {
        xMin, xMax, yMin: 0, yMax: 100, yTitle: 'Score (0–100)', annotations,
        afterLabel: (raw) => (raw?.warnings?.length ? '⚠ divergence warning' : ''),
      });
      canvas.setAttribute('aria-label', `Line chart of the composite and ${series.length - 1} indicator scores of `
        + `${regionName}, ${xMin} to ${xMax}, with ${inRange.length} export-control events marked. `
        + 'The same data is in the table view below the chart.');
      $('history-heading').textContent = `History of ${regionName}, ${years.from}–${years.to}`;
      shown = { region, series, years };
      renderTable(series, regionName);
      renderEvents(inRange);
    },
  };
}
