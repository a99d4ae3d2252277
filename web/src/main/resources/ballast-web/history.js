// History: the composite and every indicator by year on one chart, with a legend whose entries show and hide lines,
// numbered event markers and their list, a relative-change view, a table, sources, sharing and downloads.

import { $, fmtPercent, fmtScore, isNum } from './format.js';
import { BAND_FILL, drawLines, indexed, setHighlight, uncertaintyBand } from './charts.js';
import { bandFor, eventMarkers, rowsForChart } from './eventmarkers.js';
import { groupByQuarter, passes } from './events.js';
import { createEventsPanel } from './eventspanel.js';
import { markSymbol, renderLegend } from './legend.js';
import { endLabelWidth } from './lineends.js';
import { COMPOSITE_STYLE, WARNING_MARKER } from './palette.js';
import * as state from './state.js';
import { byYear, fillTable } from './table.js';
import { createToolbar } from './toolbar.js';

const SCORE_UNIT = 'score 0-100 (higher is more resilient)';

const hasWarning = (ctx) => Boolean(ctx.raw?.warnings?.length);

/** The composite line: years with a divergence warning get a larger amber triangle with a black outline. */
function compositeLine(line) {
  return {
    ...line, ...COMPOSITE_STYLE,
    pointStyle: (ctx) => (hasWarning(ctx) ? WARNING_MARKER.point : COMPOSITE_STYLE.point),
    pointRadius: (ctx) => (hasWarning(ctx) ? 6 : 3),
    pointFill: (ctx) => (hasWarning(ctx) ? WARNING_MARKER.fill : COMPOSITE_STYLE.colour),
    pointStroke: (ctx) => (hasWarning(ctx) ? WARNING_MARKER.stroke : COMPOSITE_STYLE.colour),
  };
}

/** A point's band of the uncertainty analysis as "20.9–44.4", or '' without one. */
const bandText = (p) => (p?.band && isNum(p.band.p5) && isNum(p.band.p95)
  ? `${fmtScore(p.band.p5)}–${fmtScore(p.band.p95)}` : '');

const carriedOf = (p) => [].concat(p?.basket?.carried ?? []).map((c) => `${c.key} (${c.dataYear})`).join('; ');
const warningOf = (p) => (p?.warnings ?? []).map((w) => w.message).join(' ');

/**
 * `onChange(patch)` changes the view (hidden lines, relative, the events' layer and filters); `sourcesFor(region, ids)`
 * resolves to the sources of the lines `ids` (sources.js), for the Sources tab and the image footers.
 */
export function createHistory({ onChange, sourcesFor }) {
  let shown = null; // {region, regionName, lines, years, relative}
  let focusedGroup = null; // the marker whose event row has keyboard focus
  const canvas = $('history-chart');
  const chart = () => (typeof Chart === 'undefined' ? null : Chart.getChart(canvas));
  const fileName = (ext) => `ballast-history-${shown.region}-${shown.years.from}-${shown.years.to}.${ext}`;
  const title = () => `${shown.regionName}: resilience scores, ${shown.years.from}–${shown.years.to}`;

  const panel = createEventsPanel({
    onChange,
    onFocus: (n) => {
      focusedGroup = n;
      chart()?.update('none');
    },
  });
  $('history-relative').addEventListener('change', (e) => {
    const others = state.get().relative.filter((c) => c !== 'history');
    onChange({ relative: e.target.checked ? [...others, 'history'] : others });
  });

  const toolbar = createToolbar('history', {
    csv: () => shown && {
      fileName: fileName('csv'),
      header: ['economy', 'year', 'line_id', 'line', 'unit', 'value', 'coverage (share 0-1)', 'carried values',
        'divergence warning'],
      rows: shown.lines.flatMap((l) => l.points.filter((p) => isNum(p.y)).map((p) => [shown.region, p.x, l.id,
        l.label, SCORE_UNIT, p.y, p.coverage ?? '', carriedOf(p), warningOf(p)])),
    },
    figure: () => shown && {
      chart: chart(), fileName: fileName('png').replace(/\.png$/, ''), title: title(),
      subtitle: shown.relative ? 'Index: the first year shown = 100 for each line'
        : 'Composite and indicator scores, 0–100; higher is more resilient',
      sources: () => sourcesFor(shown.region, shown.lines.map((l) => l.id)),
    },
    share: () => ({ embed: 'history', title: shown ? title() : 'Ballast history' }),
  });

  function renderLegendFor(lines, hidden, markers, banded) {
    const keys = [];
    if (banded) {
      keys.push({ label: 'composite: 90% range of the uncertainty analysis (5th to 95th percentile)',
        symbol: markSymbol('band', { fill: BAND_FILL, stroke: COMPOSITE_STYLE.colour }), id: 'band' });
    }
    keys.push({ label: 'divergence warning that year', symbol: markSymbol('triangle', WARNING_MARKER) });
    if (markers) keys.push({ label: 'export-control events in a quarter (numbered)', symbol: markSymbol('badge') });
    renderLegend($('history-legend'), {
      entries: lines.map((l) => ({ id: l.id, label: l.label, look: l.id === 'composite' ? COMPOSITE_STYLE : l.style,
        hidden: hidden.includes(l.id), toggle: true })),
      keys,
      onToggle: (id) => onChange({ hide: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id] }),
      onFocus: (id) => setHighlight(chart(), id ? lines.findIndex((l) => l.id === id) : null),
    });
  }

  function renderTable(lines, regionName) {
    fillTable($('history-table'), {
      caption: `Scores of ${regionName} by year (0–100, higher is more resilient), with the composite's coverage`,
      columns: [{ label: 'Year' }, ...lines.map((l) => ({ label: l.label, numeric: true })),
        { label: 'Composite 90% range', numeric: true }, { label: 'Composite coverage', numeric: true },
        { label: 'Divergence warning' }],
      rows: byYear(lines).map(([year, ...points]) => [year, ...points.map((p) => fmtScore(p?.y)),
        bandText(points[0]), fmtPercent(points[0]?.coverage), points[0]?.warnings?.length ? 'yes' : '']),
    });
  }

  return {
    /**
     * `lines`: [{id, label, style, points: [{x, y, coverage, warnings?}], withheld?}], the composite first, limited to
     * the years; `events`: the economy's events; `view`: the view (years, hide, relative, events, filters).
     */
    render({ region, regionName, lines, events, view }) {
      const years = { from: view.from, to: view.to };
      const relative = view.relative.includes('history');
      const inYears = events.filter((e) => {
        const year = Number(e.date.slice(0, 4));
        return year >= years.from && year <= years.to;
      });
      const groups = groupByQuarter(inYears.filter((e) => passes(e, { jurisdictions: view.imposedBy,
        types: view.eventTypes })));
      const markers = view.events && groups.length > 0;
      const drawn = lines.map((l) => {
        const look = l.id === 'composite' ? compositeLine(l) : { ...l, ...l.style };
        return { ...look, hidden: view.hide.includes(l.id), points: relative ? indexed(l.points) : l.points };
      });
      const xMax = Math.max(years.to, ...(markers ? groups.map((g) => g.x + 0.15) : []));
      const padRight = endLabelWidth(canvas, drawn.filter((l) => !l.hidden && l.points.length).map((l) => l.label)) + 8;
      const rows = markers ? rowsForChart(canvas, groups, { xMin: years.from, xMax, padRight }) : 0;
      drawLines(canvas, drawn, {
        xMin: years.from, xMax, yMin: relative ? undefined : 0, yMax: relative ? undefined : 100,
        yTitle: relative ? 'Index (first year shown = 100)' : 'Score (0–100)',
        padTop: markers ? bandFor(rows) : 8,
        markers: markers ? { groups, rows, active: () => focusedGroup, onPick: (n) => panel.focusMarker(n) }
          : { groups: [] },
        label: (raw, text) => (relative && isNum(raw?.value) ? `${text} (score ${fmtScore(raw.value)})` : text),
        afterLabel: (raw) => [bandText(raw) && `90% range ${bandText(raw)}`,
          raw?.warnings?.length ? '⚠ divergence warning' : ''].filter(Boolean),
        bandOf: 'composite',
        footer: (year) => lines.flatMap((l) => (l.withheld ?? []).filter((w) => w.period === year)
          .map((w) => `${l.label} withheld: ${w.reason}`)).join('\n'),
        plugins: [uncertaintyBand, eventMarkers],
      });
      const visible = drawn.filter((l) => !l.hidden).length;
      canvas.setAttribute('aria-label', `Line chart of ${visible} of ${lines.length} lines (the composite and the `
        + `indicator scores) of ${regionName}, ${years.from} to ${years.to}`
        + `${relative ? ', as an index with the first year = 100' : ''}`
        + `${markers ? `, with ${groups.length} numbered event markers` : ''}`
      + `${lines[0]?.points.some((p) => bandText(p)) ? ', and the composite\'s 90% range shaded around it' : ''}. `
        + 'The Table tab holds the same data, and the list below the chart the events.');
      $('history-heading').textContent = `History of ${regionName}, ${years.from}–${years.to}`;
      $('history-relative').checked = relative;
      const empty = lines.every((l) => l.points.length === 0);
      $('history-empty').hidden = !empty;
      $('history-empty').textContent = empty ? `No scores of ${regionName} in ${years.from}–${years.to}.` : '';
      const banded = !view.hide.includes('composite') && (lines[0]?.points ?? []).some((p) => bandText(p));
      renderLegendFor(lines, view.hide, markers, banded);
      renderTable(lines, regionName);
      panel.render(inYears, groups, view);
      shown = { region, regionName, lines, years, relative };
      toolbar.setAvailable(!empty);
      toolbar.refresh();
    },

    /** Fills the Sources tab (when it is opened). */
    async showSources() {
      if (!shown) return;
      const { renderSources } = await import('./sources.js');
      await renderSources($('history-sources'), { title: title(),
        sources: await sourcesFor(shown.region, shown.lines.map((l) => l.id)) });
    },
  };
}
