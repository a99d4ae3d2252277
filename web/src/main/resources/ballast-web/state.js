// The view's state lives in the URL query, so that a link reproduces the view:
//   ?region=CHN&compare=CHN,USA&measure=composite&indicator=labor-conditions&series=SL.UEM.TOTL.ZS&from=2000&to=2026
//    &hide=internal-capacity&relative=compare&events=off&imposedBy=US&eventTypes=export-control
// Unknown or malformed values fall back to defaults, and the URL is rewritten to the state actually shown.

export const CURRENT_YEAR = new Date().getFullYear();
export const DEFAULT_FROM = 2000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
export const CHARTS = ['history', 'compare'];

const SERIES_CODE = /^[A-Za-z0-9._-]{1,64}$/;
const JURISDICTION = /^[A-Za-z]{2,8}$/;
const TYPE = /^[a-z0-9-]{1,40}$/;
const listeners = new Set();
let known = { regions: [], indicators: [] };
let view = null;

/** A year 1900-2100 written as four digits, else `fallback`. */
export function parseYear(text, fallback) {
  const trimmed = String(text ?? '').trim();
  if (!/^\d{4}$/.test(trimmed)) return fallback;
  const year = Number(trimmed);
  return year >= MIN_YEAR && year <= MAX_YEAR ? year : fallback;
}

const list = (q, name) => (q.get(name) ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/** A filter list: null (everything) when the parameter is absent, else the valid values in it. */
const filter = (q, name, pattern) => (q.has(name) ? [...new Set(list(q, name).filter((s) => pattern.test(s)))] : null);

/** The view a query string describes, given the configured regions and loaded indicators. */
export function parse(search, { regions, indicators } = known) {
  const q = new URLSearchParams(search);
  const code = (name) => (q.get(name) ?? '').trim().toUpperCase();
  const region = regions.includes(code('region')) ? code('region') : regions[0];
  const picked = q.has('compare') ? code('compare').split(',').map((c) => c.trim()) : [regions[0]];
  const compare = regions.filter((r) => picked.includes(r)); // configuration order, no duplicates
  const measure = indicators.includes(q.get('measure')) ? q.get('measure') : 'composite';
  // no indicator: the drill-down opens on the economy's first indicator that has a reading
  const indicator = indicators.includes(q.get('indicator')) ? q.get('indicator') : null;
  const series = SERIES_CODE.test(q.get('series') ?? '') ? q.get('series') : null;
  let from = parseYear(q.get('from'), DEFAULT_FROM);
  let to = parseYear(q.get('to'), CURRENT_YEAR);
  if (from > to) [from, to] = [DEFAULT_FROM, CURRENT_YEAR];
  const lines = ['composite', ...indicators];
  const hide = lines.filter((id) => list(q, 'hide').includes(id));
  const relative = CHARTS.filter((c) => list(q, 'relative').includes(c));
  const events = q.get('events') !== 'off';
  const imposedBy = filter(q, 'imposedBy', JURISDICTION)?.map((j) => j.toUpperCase()) ?? null;
  const eventTypes = filter(q, 'eventTypes', TYPE);
  return { region, compare, measure, indicator, series, from, to, hide, relative, events, imposedBy, eventTypes };
}

/** The query string of a view (with a leading "?"). */
export function toSearch(v) {
  const q = new URLSearchParams();
  q.set('region', v.region);
  q.set('compare', v.compare.join(','));
  q.set('measure', v.measure);
  if (v.indicator) q.set('indicator', v.indicator);
  if (v.series) q.set('series', v.series);
  q.set('from', String(v.from));
  q.set('to', String(v.to));
  if (v.hide.length) q.set('hide', v.hide.join(','));
  if (v.relative.length) q.set('relative', v.relative.join(','));
  if (!v.events) q.set('events', 'off');
  if (v.imposedBy) q.set('imposedBy', v.imposedBy.join(','));
  if (v.eventTypes) q.set('eventTypes', v.eventTypes.join(','));
  return `?${q.toString().replaceAll('%2C', ',')}`;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function emit(before) {
  const changed = new Set(Object.keys(view).filter((key) => !same(before[key], view[key])));
  if (changed.size) for (const fn of listeners) fn(view, changed);
}

/** Reads the URL once the regions and indicators are known, and canonicalises it. */
export function init(regionCodes, indicatorIds) {
  known = { regions: regionCodes, indicators: indicatorIds };
  view = parse(location.search);
  history.replaceState(null, '', toSearch(view) + location.hash);
  window.addEventListener('popstate', () => {
    const before = view;
    view = parse(location.search);
    emit(before);
  });
  return view;
}

export const get = () => view;

/** Applies a change, records it in the URL (a new history entry unless `replace`) and tells the listeners. */
export function update(patch, { replace = false } = {}) {
  const before = view;
  view = { ...view, ...patch };
  const search = toSearch(view);
  if (search !== location.search) history[replace ? 'replaceState' : 'pushState'](null, '', search + location.hash);
  emit(before);
}

/** `fn(view, changedKeys)` runs after every change, including back/forward navigation. */
export function onChange(fn) {
  listeners.add(fn);
}
