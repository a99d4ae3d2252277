// Compare economies: one measure (the composite or an indicator) for the picked economies on one chart, the
// composite's like-for-like ranks in one year as the server gives them (with their ranges from the uncertainty
// analysis, and the reason where an economy has no rank), a relative-change
// view, a table, sources, sharing and downloads. Histories are fetched once per economy and measure for the widest
// years and cut to the years chosen, so moving the years (the slider, play) costs no request.

import { $, el, fmtChange, fmtPercent, fmtScore, isNum, prose, settleNewest } from './format.js';
import { getHistory } from './api.js';
import { describeRank, describeRankInterval } from './change.js';
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

  /**
   * The year the composite is ranked in: the last year shown in which a compared economy has a like-for-like rank
   * among two or more economies; else the last year shown with any of their scores; null without scores.
   */
  function rankingYear(lines) {
    const ranked = lines.flatMap((l) => l.points.filter((p) => isNum(p.y) && p.rank?.of >= 2).map((p) => p.x));
    const scored = lines.flatMap((l) => l.points.filter((p) => isNum(p.y)).map((p) => p.x));
    const years = ranked.length ? ranked : scored;
    return years.length ? Math.max(...years) : null;
  }

  /** Why `code` has no composite in `year`: the server's reason, from a ranked economy's rank or its own history. */
  function absentReason(lines, code, year) {
    for (const l of lines) {
      const excluded = l.points.find((p) => p.x === year)?.rank?.excluded?.find((e) => e.region === code);
      if (excluded) return excluded.reason;
    }
    return lines.find((l) => l.code === code)?.withheld?.find((w) => w.period === year)?.reason
      ?? `no score in ${year}`;
  }

  /** The composite: each economy's like-for-like rank in one year, as the server ranks it, best first. */
  function compositeRows(lines, year) {
    return lines.map((l) => {
      const point = year === null ? null : l.points.find((p) => p.x === year && isNum(p.y)) ?? null;
      const rank = describeRank(point?.rank);
      const ranked = isNum(rank?.position);
      return { line: l, point, position: ranked ? rank.position : null,
        reason: ranked ? '' : (point ? rank?.note || 'not ranked' : year === null ? 'no score in these years'
          : absentReason(lines, l.code, year)),
        score: ranked && isNum(point.rank.score) ? point.rank.score : point?.y ?? null, interval: point?.rankInterval };
    }).sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
  }

  /** An indicator: not ranked (the server ranks composites only); each economy's latest score shown, listed by it. */
  function indicatorRows(lines) {
    return lines.map((l) => {
      const point = l.points.filter((p) => isNum(p.y)).at(-1) ?? null;
      return { line: l, point, position: null, reason: point ? '' : 'no score in these years',
        score: point?.y ?? null };
    }).sort((a, b) => (b.score ?? -Infinity) - (a.score ?? -Infinity));
  }

  function renderRanking(lines, label, composite) {
    const year = composite ? rankingYear(lines) : null;
    const rows = composite ? compositeRows(lines, year) : indicatorRows(lines);
    const notes = [];
    const cells = rows.map((r) => {
      const name = `${r.line.label} (${r.line.code})`;
      if (r.reason && r.point) notes.push([r.line.code, `${r.line.label}: not ranked in ${year}: ${r.reason}`]);
      else if (r.reason && composite) notes.push([r.line.code, `${r.line.label}: ${r.reason}`]);
      const change = r.point?.change;
      const lfl = change && isNum(change.value) && change.likeForLike !== false;
      if (change && !lfl) {
        notes.push([r.line.code, `${r.line.label}: no like-for-like change on ${change.from}: ${change.reason ?? ''}`]);
      }
      if (composite && isNum(r.position) && isNum(r.point?.y) && Math.abs(r.score - r.point.y) >= 0.05) {
        notes.push([r.line.code, `${r.line.label}: ${fmtScore(r.score)} on the inputs every ranked economy has, `
          + `${fmtScore(r.point.y)} on all of its own.`]);
      }
      const interval = describeRankInterval(r.interval);
      return [
        !composite ? '—' : isNum(r.position) ? r.position : 'not ranked',
        !composite || !r.point ? '—' : interval?.text ?? '—',
        name,
        fmtScore(r.score),
        r.point?.x ?? '—',
        lfl ? fmtChange(change.value) : change ? 'none' : '—',
        fmtPercent(r.point?.coverage),
      ];
    });
    const basis = rows.find((r) => isNum(r.position) && r.point?.rank?.basis)?.point.rank.basis;
    fillTable($('compare-ranking'), {
      caption: composite
        ? `${label}: like-for-like ranks in ${year ?? 'the years shown'} among the economies with a composite that `
          + `year, best first${basis ? ` (${basis})` : ''}. Range: the 5th to 95th percentile of the rank across the `
          + 'draws of the uncertainty analysis. Change: like for like, on the year before.'
        : `${label}: indicators are not ranked, because the server ranks only the composite, like for like. Listed `
          + 'by each economy\'s latest score in the years shown; the years can differ. Change: like for like, on the '
          + 'year before.',
      columns: [{ label: 'Rank', numeric: true }, { label: 'Range', numeric: true }, { label: 'Economy' },
        { label: 'Score', numeric: true }, { label: 'Year', numeric: true }, { label: 'Change', numeric: true },
        { label: 'Coverage', numeric: true }],
      rowHeader: 2,
      rows: cells,
    });
    $('compare-ranking').dataset.year = year === null ? '' : String(year);
    $('compare-notes').replaceChildren(...notes.map(([code, text]) => el('li', { 'data-region': code },
      prose(text))));
    $('compare-notes').hidden = notes.length === 0;
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
    renderRanking(lines, label, view.measure === 'composite');
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
      const request = getHistory(code, measure, from, to).then((doc) => ({ points: toPoints(doc),
        withheld: doc.withheld ?? [] }));
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
          ? results[i].value.points.filter((p) => p.x >= view.from && p.x <= view.to) : [],
        withheld: results[i].status === 'fulfilled' ? results[i].value.withheld : [],
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
