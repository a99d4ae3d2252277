// Compare economies: one measure (the composite or an indicator) for the picked economies on one chart, a ranking of
// their latest scores in the years chosen (like for like where the server says so, see change.js), a relative-change
// view, a table, sources, sharing and downloads. Histories are fetched once per economy and measure for the widest
// years and cut to the years chosen, so moving the years (the slider, play) costs no request.

import { $, el, fmtChange, fmtPercent, fmtScore, isNum, settleNewest } from './format.js';
import { getHistory } from './api.js';
import { changeIn, rank } from './change.js';
import { drawLines, indexed, setHighlight } from './charts.js';
import { renderLegend } from './legend.js';
import * as state from './state.js';
import { byYear, fillTable } from './table.js';
import { createToolbar } from './toolbar.js';

const toPoints = (doc) => doc.points.map((p) => ({ ...p, x: p.period, y: p.score }));

export function createCompare({ regions, styleOf, measureName, sourcesFor, onChange }) {
  let ticket = 0;
  let loading = Promise.resolve(); // the newest load
  let shown = null; // {measure, years, lines, relative}
  const cache = new Map(); // `${code}|${measure}|${from}|${to}` -> Promise of points
  const canvas = $('compare-chart');
  const chart = () => (typeof Chart === 'undefined' ? null : Chart.getChart(canvas));
  const nameOf = (code) => regions.find((r) => r.code === code)?.name ?? code;
  const fileName = (ext) => `ballast-compare-${shown.measure}-${shown.years.from}-${shown.years.to}.${ext}`;
  const title = () => `${measureName(shown.measure)}: ${shown.lines.map((l) => l.label).join(', ')}, `
    + `${shown.years.from}–${shown.years.to}`;

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
  $('compare-relative').addEventListener('change', (e) => {
    const others = state.get().relative.filter((c) => c !== 'compare');
    onChange({ relative: e.target.checked ? [...others, 'compare'] : others });
  });

  const toolbar = createToolbar('compare', {
    csv: () => shown && {
      fileName: fileName('csv'),
      header: ['economy', 'economy_name', 'year', 'measure', 'unit', 'value', 'coverage (share 0-1)',
        'carried values', 'divergence warning'],
      rows: shown.lines.flatMap((l) => l.points.filter((p) => isNum(p.y)).map((p) => [l.code, l.label, p.x,
        shown.measure, 'score 0-100 (higher is more resilient)', p.y, p.coverage ?? '',
        [].concat(p.basket?.carried ?? []).map((c) => `${c.key} (${c.dataYear})`).join('; '),
        (p.warnings ?? []).map((w) => w.message).join(' ')])),
    },
    figure: () => shown && {
      chart: chart(), fileName: fileName('png').replace(/\.png$/, ''), title: title(),
      subtitle: shown.relative ? 'Index: the first year shown = 100 for each economy'
        : `${measureName(shown.measure)}, 0–100; higher is more resilient`,
      sources: () => sourcesFor(shown.lines[0]?.code, [shown.measure]),
    },
    share: () => ({ embed: 'compare', title: shown ? title() : 'Ballast comparison' }),
  });

  function renderRanking(lines, label) {
    const { rows, note } = rank(lines.map((l) => ({ code: l.code, line: l, last: l.points.filter((p) => isNum(p.y))
      .at(-1) ?? null })));
    const changes = rows.map((r) => (r.last ? changeIn(r.line.points, r.last.x) : null));
    const starred = changes.some((c) => c?.note);
    const unranked = rows.filter((r) => r.position === null && r.reason)
      .map((r) => `${r.line.label}: ${r.reason}`).join('; ');
    fillTable($('compare-ranking'), {
      caption: `${label}: latest score in the years shown, highest first.${note ? ` ${note}` : ''}`
        + `${starred ? ' * The change compares years with different coverage: not like for like.' : ''}`
        + `${unranked ? ` Not ranked: ${unranked}.` : ''}`,
      columns: [{ label: 'Rank', numeric: true }, { label: 'Economy' }, { label: 'Score', numeric: true },
        { label: 'Year', numeric: true }, { label: 'Change', numeric: true }, { label: 'Coverage', numeric: true }],
      rowHeader: 1,
      rows: rows.map((r, i) => [r.position ?? '—', `${r.line.label} (${r.code})`, fmtScore(r.last?.y),
        r.last?.x ?? '—', isNum(changes[i]?.delta) ? `${fmtChange(changes[i].delta)}${changes[i].note ? ' *' : ''}`
          : '—', fmtPercent(r.last?.coverage)]),
    });
  }

  function render(lines, view) {
    const label = measureName(view.measure);
    const relative = view.relative.includes('compare');
    drawLines(canvas, lines.map((l) => ({ ...l, points: relative ? indexed(l.points) : l.points })), {
      xMin: view.from, xMax: view.to, yMin: relative ? undefined : 0, yMax: relative ? undefined : 100,
      yTitle: relative ? 'Index (first year shown = 100)' : `${label} (0–100)`,
      label: (raw, text) => (relative && isNum(raw?.value) ? `${text} (score ${fmtScore(raw.value)})` : text),
    });
    renderLegend($('compare-legend'), {
      entries: lines.map((l) => ({ id: l.code, label: l.label, look: l, toggle: false })),
    });
    $('compare-legend').querySelectorAll('.legend-item').forEach((item, i) => {
      item.addEventListener('mouseenter', () => setHighlight(chart(), i));
      item.addEventListener('mouseleave', () => setHighlight(chart(), null));
    });
    const economies = lines.map((l) => l.label).join(', ') || 'no economy';
    canvas.setAttribute('aria-label', `Line chart of ${label} for ${economies}, ${view.from} to ${view.to}`
      + `${relative ? ', as an index with the first year = 100' : ''}. The ranking and the Table tab hold the same `
      + 'data.');
    $('compare-relative').checked = relative;
    renderRanking(lines, label);
    fillTable($('compare-table'), {
      caption: `${label} by year`,
      columns: [{ label: 'Year' }, ...lines.map((l) => ({ label: l.label, numeric: true }))],
      rows: byYear(lines).map(([year, ...points]) => [year, ...points.map((p) => fmtScore(p?.y))]),
    });
    shown = { measure: view.measure, years: { from: view.from, to: view.to }, lines, relative };
    const any = lines.some((l) => l.points.some((p) => isNum(p.y)));
    toolbar.setAvailable(any, lines.length ? 'Nothing to download: no scores in these years.'
      : 'Nothing to download: pick an economy first.');
    toolbar.refresh();
  }

  function points(code, measure) {
    const from = Math.min(state.DEFAULT_FROM, state.get().from);
    const to = Math.max(state.CURRENT_YEAR, state.get().to);
    const key = `${code}|${measure}|${from}|${to}`;
    if (!cache.has(key)) {
      const request = getHistory(code, measure, from, to).then(toPoints);
      request.catch(() => cache.delete(key)); // a failed answer is asked again next time
      cache.set(key, request);
    }
    return cache.get(key);
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

    /** Forgets the histories of `region` (a live update changed its scores), or of every region. */
    forget(region) {
      for (const key of cache.keys()) if (!region || key.startsWith(`${region}|`)) cache.delete(key);
    },

    /** Settles once the newest load has. */
    settled: () => settleNewest(() => loading),

    async run(view) {
      const mine = ++ticket;
      for (const r of regions) $(`compare-${r.code}`).checked = view.compare.includes(r.code);
      $('compare-measure').value = view.measure;
      $('compare-empty').hidden = view.compare.length > 0;
      const results = await Promise.allSettled(view.compare.map((code) => points(code, view.measure)));
      if (mine !== ticket) return;
      const failed = results.filter((r) => r.status === 'rejected').map((r) => r.reason.message);
      $('compare-error').hidden = failed.length === 0;
      $('compare-error').textContent = failed.join(' ');
      const lines = view.compare.map((code, i) => ({
        code, id: code, label: nameOf(code), ...styleOf(code),
        points: results[i].status === 'fulfilled'
          ? results[i].value.filter((p) => p.x >= view.from && p.x <= view.to) : [],
      }));
      render(lines, view);
    },

    /** Fills the Sources tab (when it is opened). */
    async showSources() {
      if (!shown) return;
      const { renderSources } = await import('./sources.js');
      await renderSources($('compare-sources'), { title: title(),
        sources: await sourcesFor(shown.lines[0]?.code ?? regions[0].code, [shown.measure]) });
    },
  };
}
