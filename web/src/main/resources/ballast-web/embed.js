// One chart of the dashboard for other sites to frame (embed.html?chart=history|compare&region=…&from=…): the same
// view parameters as the dashboard, the same drawing, a title, the sources and a link to the full view.

import { getEvents, getHistory, getIndicators, getLatest, getRegions } from './api.js';
import { BAND_FILL, drawLines, indexed, uncertaintyBand } from './charts.js';
import { bandFor, eventMarkers, rowsForChart } from './eventmarkers.js';
import { groupByQuarter, passes } from './events.js';
import { $, fmtScore, isNum } from './format.js';
import { markSymbol, renderLegend } from './legend.js';
import { COMPOSITE_STYLE, WARNING_MARKER, economyStyle, indicatorStyle } from './palette.js';
import { CURRENT_YEAR, DEFAULT_FROM, parse, toSearch } from './state.js';

const toPoints = (doc) => doc.points.map((p) => ({ ...p, x: p.period, y: p.score }));
const inYears = (points, v) => points.filter((p) => p.x >= v.from && p.x <= v.to);
const span = (v) => [Math.min(v.from, DEFAULT_FROM), Math.max(v.to, CURRENT_YEAR)];
const hasWarning = (ctx) => Boolean(ctx.raw?.warnings?.length);

async function historyChart(v, { regionName, plugins }) {
  const [latest, events] = await Promise.all([getLatest(v.region), getEvents(v.region)]);
  const ids = ['composite', ...(latest.indicators ?? []).map((i) => i.id)].filter((id) => !v.hide.includes(id));
  const docs = await Promise.all(ids.map((id) => getHistory(v.region, id, ...span(v))));
  const relative = v.relative.includes('history');
  const lines = ids.map((id, i) => {
    const base = id === 'composite' ? { ...COMPOSITE_STYLE, label: 'Composite',
      pointStyle: (ctx) => (hasWarning(ctx) ? WARNING_MARKER.point : 'circle'),
      pointFill: (ctx) => (hasWarning(ctx) ? WARNING_MARKER.fill : COMPOSITE_STYLE.colour),
      pointStroke: (ctx) => (hasWarning(ctx) ? WARNING_MARKER.stroke : COMPOSITE_STYLE.colour) }
      : { ...indicatorStyle(plugins.findIndex((p) => p.id === id)), label: plugins.find((p) => p.id === id)?.name ?? id };
    const points = inYears(toPoints(docs[i]), v);
    return { id, ...base, points: relative ? indexed(points) : points };
  });
  const shown = (events.events ?? []).filter((e) => {
    const year = Number(e.date.slice(0, 4));
    return year >= v.from && year <= v.to && passes(e, { jurisdictions: v.imposedBy, types: v.eventTypes });
  });
  const groups = v.events ? groupByQuarter(shown) : [];
  const xMax = Math.max(v.to, ...groups.map((g) => g.x + 0.15));
  const rows = rowsForChart($('embed-chart'), groups, { xMin: v.from, xMax, padRight: 140 });
  drawLines($('embed-chart'), lines, {
    xMin: v.from, xMax, yMin: relative ? undefined : 0,
    yMax: relative ? undefined : 100, yTitle: relative ? 'Index (first year shown = 100)' : 'Score (0–100)',
    padTop: groups.length ? bandFor(rows) : 8, markers: { groups, rows }, plugins: [uncertaintyBand, eventMarkers],
    bandOf: 'composite',
    label: (raw, text) => (relative && isNum(raw?.value) ? `${text} (score ${fmtScore(raw.value)})` : text),
  });
  const keys = [];
  if (lines.find((l) => l.id === 'composite')?.points.some((p) => isNum(p.band?.p5))) {
    keys.push({ id: 'band', label: 'composite: 90% range of the uncertainty analysis',
      symbol: markSymbol('band', { fill: BAND_FILL, stroke: COMPOSITE_STYLE.colour }) });
  }
  keys.push({ label: 'divergence warning that year', symbol: markSymbol('triangle', WARNING_MARKER) });
  if (groups.length) keys.push({ label: 'export-control events in a quarter (numbered)', symbol: markSymbol('badge') });
  renderLegend($('embed-legend'), { entries: lines.map((l) => ({ id: l.id, label: l.label, look: l })), keys });
  return {
    title: `${regionName(v.region)}: resilience scores, ${v.from}–${v.to}`,
    subtitle: relative ? 'Index: the first year shown = 100 for each line'
      : 'Composite and indicator scores, 0–100; higher is more resilient',
    codes: plugins.flatMap((p) => p.inputs ?? []),
  };
}

async function compareChart(v, { regionName, regions, plugins }) {
  const docs = await Promise.all(v.compare.map((code) => getHistory(code, v.measure, ...span(v))));
  const relative = v.relative.includes('compare');
  const lines = v.compare.map((code, i) => {
    const points = inYears(toPoints(docs[i]), v);
    return { id: code, label: regionName(code), ...economyStyle(regions.findIndex((r) => r.code === code)),
      points: relative ? indexed(points) : points };
  });
  const measure = v.measure === 'composite' ? 'Composite' : plugins.find((p) => p.id === v.measure)?.name;
  drawLines($('embed-chart'), lines, { xMin: v.from, xMax: v.to, yMin: relative ? undefined : 0,
    yMax: relative ? undefined : 100, yTitle: relative ? 'Index (first year shown = 100)' : `${measure} (0–100)` });
  renderLegend($('embed-legend'), { entries: lines.map((l) => ({ id: l.id, label: l.label, look: l })) });
  return {
    title: `${measure}: ${lines.map((l) => l.label).join(', ')}, ${v.from}–${v.to}`,
    subtitle: relative ? 'Index: the first year shown = 100 for each economy'
      : `${measure}, 0–100; higher is more resilient`,
    codes: (v.measure === 'composite' ? plugins : plugins.filter((p) => p.id === v.measure))
      .flatMap((p) => p.inputs ?? []),
  };
}

async function init() {
  const kind = new URLSearchParams(location.search).get('chart') === 'compare' ? 'compare' : 'history';
  const [regionsDoc, pluginsDoc] = await Promise.all([getRegions(), getIndicators()]);
  const regions = regionsDoc.regions ?? [];
  const plugins = pluginsDoc.indicators ?? [];
  const v = parse(location.search, { regions: regions.map((r) => r.code), indicators: plugins.map((p) => p.id) });
  const regionName = (code) => regions.find((r) => r.code === code)?.name ?? code;
  $('open-link').href = `./${toSearch(v)}`;
  const shown = await (kind === 'compare' ? compareChart : historyChart)(v, { regionName, regions, plugins });
  $('embed-title').textContent = shown.title;
  $('embed-subtitle').textContent = shown.subtitle;
  document.title = `${shown.title} · Ballast`;
  $('embed-chart').setAttribute('aria-label', `${shown.title}. ${shown.subtitle}. The full view at Ballast has a `
    + 'table of the same data.');
  const { sourcesOf, sourcesLine } = await import('./sources.js');
  $('embed-sources').textContent = sourcesLine(await sourcesOf(v.compare[0] ?? v.region, shown.codes));
  document.body.dataset.ready = 'true';
}

init().catch((err) => {
  $('embed-error').textContent = `The chart could not be drawn: ${err.message}`;
  $('embed-error').hidden = false;
  document.body.dataset.ready = 'true';
});
