// The view's state lives in the URL query, so that a link reproduces the view:
//   ?region=CHN&compare=CHN,USA&measure=composite&indicator=labor-conditions&series=SL.UEM.TOTL.ZS&from=2000&to=2026
// Unknown or malformed values fall back to defaults, and the URL is rewritten to the state actually shown.

export const CURRENT_YEAR = new Date().getFullYear();
export const DEFAULT_FROM = 2000;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;

const SERIES_CODE = /^[A-Za-z0-9._-]{1,64}$/;
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

function parse(search) {
  const q = new URLSearchParams(search);
  const { regions, indicators } = known;
  const code = (name) => (q.get(name) ?? '').trim().toUpperCase();
  const region = regions.includes(code('region')) ? code('region') : regions[0];
  const picked = q.has('compare') ? code('compare').split(',').map((c) => c.trim()) : [regions[0]];
  const compare = regions.filter((r) => picked.includes(r)); // configuration order, no duplicates
  const measure = indicators.includes(q.get('measure')) ? q.get('measure') : 'composite';
  const indicator = indicators.includes(q.get('indicator')) ? q.get('indicator') : (indicators[0] ?? null);
  const series = SERIES_CODE.test(q.get('series') ?? '') ? q.get('series') : null;
  let from = parseYear(q.get('from'), DEFAULT_FROM);
  let to = parseYear(q.get('to'), CURRENT_YEAR);
  if (from > to) [from, to] = [DEFAULT_FROM, CURRENT_YEAR];
  return { region, compare, measure, indicator, series, from, to };
}

function toSearch(v) {
  const q = new URLSearchParams();
  q.set('region', v.region);
  q.set('compare', v.compare.join(','));
  q.set('measure', v.measure);
  if (v.indicator) q.set('indicator', v.indicator);
  if (v.series) q.set('series', v.series);
  q.set('from', String(v.from));
  q.set('to', String(v.to));
  return `?${q.toString().replaceAll('%2C', ',')}`;
}

const same = (a, b) => (Array.isArray(a) ? a.join() === b.join() : a === b);

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
