// Ballast dashboard: wires the view state (URL), the controls, the live stream and the parts of the page.
// Plain ES modules, no framework; every request goes to this server's /api/v1.

import { getIndicators, getRegions } from './api.js';
import { COMPOSITE_STYLE, chartsAvailable, lineStyle } from './charts.js';
import { createCompare } from './compare.js';
import { createDrilldown } from './drilldown.js';
import { createEconomy } from './economy.js';
import { $, el } from './format.js';
import { createHistory } from './history.js';
import { createOverview } from './overview.js';
import * as state from './state.js';
import { follow } from './stream.js';

let regions = [];
let plugins = new Map(); // id -> entry of GET /api/v1/indicators
const styles = new Map(); // indicator id -> line style, fixed for the page's life
let stream = null;
let economy;
let compare;

const regionName = (code) => regions.find((r) => r.code === code)?.name ?? code;
const nameOf = (id) => plugins.get(id)?.name ?? id;
const colourOf = (id) => (id === 'composite' ? COMPOSITE_STYLE.colour : styles.get(id)?.colour ?? '#000000');

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

function setStatus(status) {
  $('live-status').dataset.state = status;
  $('live-status-text').textContent = status;
}

function renderPluginList(doc) {
  const list = doc.indicators ?? [];
  plugins = new Map(list.map((p) => [p.id, p]));
  list.forEach((p, i) => { if (!styles.has(p.id)) styles.set(p.id, lineStyle(i)); });
}

// ---------- live ----------

function openStream(region) {
  stream?.close();
  stream = follow(region, { onScore: (doc) => economy.live(doc), onStatus: setStatus });
}

/** After a live update reloaded the economy: the comparison and the plugins' states may have changed too. */
function afterLive(doc) {
  const v = state.get();
  if (v.compare.includes(doc.region)) compare.load(v);
  getIndicators().then(renderPluginList).catch(() => {});
}

// A page left for another one may be kept in the back/forward cache: its stream would keep holding one of the
// browser's few connections to this server. Close it on the way out; on return, reconnect and catch up.
function followPageLifecycle() {
  window.addEventListener('pagehide', () => {
    stream?.close();
    stream = null;
  });
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    const v = state.get();
    openStream(v.region);
    economy.load(v);
    compare.load(v);
  });
}

// ---------- controls ----------

function syncControls(v) {
  $('region').value = v.region;
  $('from').value = String(v.from);
  $('to').value = String(v.to);
}

function onYears() {
  const from = state.parseYear($('from').value, null);
  const to = state.parseYear($('to').value, null);
  const problem = from === null || to === null ? `Years are four-digit, ${state.MIN_YEAR} to ${state.MAX_YEAR}.`
    : from > to ? 'The first year must not be after the last.' : '';
  $('years-error').textContent = problem;
  $('years-error').hidden = !problem;
  $('from').setAttribute('aria-invalid', String(Boolean(problem)));
  $('to').setAttribute('aria-invalid', String(Boolean(problem)));
  if (!problem) state.update({ from, to });
}

function onDrill(id) {
  state.update({ indicator: id, series: null });
  $('drilldown').scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('drilldown-heading').focus({ preventScroll: true });
}

function onViewChange(v, changed) {
  syncControls(v);
  if (changed.has('region')) openStream(v.region);
  if (['region', 'from', 'to'].some((k) => changed.has(k))) economy.load(v);
  else if (changed.has('indicator') || changed.has('series')) economy.showDrilldown(v);
  if (['compare', 'measure', 'from', 'to'].some((k) => changed.has(k))) compare.load(v);
}

function setUpControls() {
  $('region').replaceChildren(...regions.map((r) => el('option', { value: r.code }, `${r.name} (${r.code})`)));
  $('region').disabled = false;
  $('region').addEventListener('change', (e) => state.update({ region: e.target.value }));
  for (const id of ['from', 'to']) {
    $(id).min = String(state.MIN_YEAR);
    $(id).max = String(state.MAX_YEAR);
    $(id).addEventListener('change', onYears);
  }
}

// ---------- start ----------

async function init() {
  if (!chartsAvailable()) showError('The chart library did not load, so the charts are unavailable.');
  const [regionsDoc, pluginsDoc] = await Promise.all([getRegions(), getIndicators()]);
  regions = regionsDoc.regions ?? [];
  if (regions.length === 0) throw new Error('The server has no regions configured.');
  renderPluginList(pluginsDoc);
  const list = pluginsDoc.indicators ?? [];
  const v = state.init(regions.map((r) => r.code), list.map((p) => p.id));
  setUpControls();

  const drilldown = createDrilldown({ onChange: (patch) => state.update(patch) });
  drilldown.setIndicators(list);
  economy = createEconomy({
    parts: { overview: createOverview({ onDrill, nameOf }), history: createHistory(), drilldown },
    names: { regionName, nameOf, colourOf, styleOf: (id) => styles.get(id), pluginOf: (id) => plugins.get(id),
      indicatorIds: () => [...plugins.values()].filter((p) => p.state === 'STARTED').map((p) => p.id) },
    onError: showError,
    onLoaded: clearError,
    afterLive,
  });
  compare = createCompare({
    regions,
    styleOf: (code) => lineStyle(regions.findIndex((r) => r.code === code)),
    measureName: (id) => (id === 'composite' ? 'Composite' : nameOf(id)),
    onChange: (patch) => state.update(patch),
  });
  compare.setMeasures(list);

  state.onChange(onViewChange);
  syncControls(v);
  openStream(v.region);
  followPageLifecycle();
  // The economy first: it is what a viewer looks at; the comparison below it waits so as not to slow its first paint.
  economy.load(v);
  await economy.settled();
  compare.load(v);
  await compare.settled();
  document.body.dataset.ready = 'true';
}

init().catch((err) => {
  setStatus('offline');
  showError(`The dashboard could not start: ${err.message}`);
});
