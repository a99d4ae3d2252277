// Ballast dashboard: wires the view state (URL), the controls, the live stream and the parts of the page.
// Plain ES modules, no framework; every request goes to this server's /api/v1.

import { getIndicators, getRegions } from './api.js';
import { chartsAvailable } from './charts.js';
import { createCompare } from './compare.js';
import { createDrilldown } from './drilldown.js';
import { createEconomy } from './economy.js';
import { $, el } from './format.js';
import { createHistory } from './history.js';
import { createOverview } from './overview.js';
import { COMPOSITE_STYLE, economyStyle, indicatorStyle } from './palette.js';
import * as state from './state.js';
import { createStatus } from './status.js';
import { follow } from './stream.js';
import { setUpTabs } from './tabs.js';
import { createTimebar } from './timebar.js';

let regions = [];
let plugins = new Map(); // id -> entry of GET /api/v1/indicators
const styles = new Map(); // indicator id -> line style, fixed for the page's life
let stream = null;
let economy;
let compare;
let timebar;
let wasLive = false; // the stream has been live before: coming back to live means catching up

const regionName = (code) => regions.find((r) => r.code === code)?.name ?? code;
const nameOf = (id) => plugins.get(id)?.name ?? id;
const colourOf = (id) => (id === 'composite' ? COMPOSITE_STYLE.colour : styles.get(id)?.colour ?? '#000000');
const started = () => [...plugins.values()].filter((p) => p.state === 'STARTED').map((p) => p.id);

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

function clearError() {
  $('error').hidden = true;
  $('error').textContent = '';
}

const status = createStatus({ onRetry: () => stream?.retryNow() });

/** The sources of the series behind lines `ids` (indicator ids or 'composite') in `region`; loaded on first use. */
async function sourcesFor(region, ids) {
  const codes = ids.flatMap((id) => (id === 'composite' ? started().flatMap((p) => plugins.get(p)?.inputs ?? [])
    : plugins.get(id)?.inputs ?? []));
  const { sourcesOf } = await import('./sources.js');
  return sourcesOf(region, codes);
}

function usePlugins(doc) {
  const list = doc.indicators ?? [];
  plugins = new Map(list.map((p) => [p.id, p]));
  list.forEach((p, i) => { if (!styles.has(p.id)) styles.set(p.id, indicatorStyle(i)); });
}

// ---------- live ----------

function onStreamStatus(next, info) {
  status.setState(next, info);
  if (next === 'live' && wasLive) {
    // back after a drop: what failed or changed meanwhile is loaded again
    const v = state.get();
    compare.forget();
    economy.load(v);
    compare.load(v);
  }
  if (next === 'live') wasLive = true;
}

function openStream(region) {
  stream?.close();
  wasLive = false;
  stream = follow(region, { onScore: (doc) => economy.live(doc), onEvent: (change) => economy.liveEvent(change),
    onStatus: onStreamStatus });
}

/** After a live update reloaded the economy: the comparison and the plugin list may have changed too. */
function afterLive(doc) {
  const v = state.get();
  compare.forget(doc.region);
  if (v.compare.includes(doc.region)) compare.load(v);
  getIndicators().then(usePlugins).catch(() => {});
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
    compare.forget();
    compare.load(v);
  });
}

// Links to the methodology carry the view, so that its "Back to the dashboard" returns to it.
function keepViewOnMethodLinks() {
  const carry = (e) => {
    const link = e.target.closest?.('a[href*="methodology.html"]');
    if (link) link.search = location.search;
  };
  document.addEventListener('click', carry, true);
  document.addEventListener('auxclick', carry, true);
  document.addEventListener('contextmenu', carry, true);
}

// ---------- extras below the fold, loaded once the scores are on screen ----------

let extras = null; // Promise of [sensitivity.js, whatif.js]
let whatIfSeen = false; // the what-if panel has come into view: from then on it follows the economy
let lastExtras = null;

function showWhatIf() {
  if (!whatIfSeen || !lastExtras) return;
  const { v, latest } = lastExtras;
  extras.then(([, whatif]) => whatif.showWhatIf({ region: v.region, regionName: regionName(v.region), latest,
    plugins: [...plugins.values()].filter((p) => p.state === 'STARTED') })).catch((err) => showError(err.message));
}

function showExtras(v, latest) {
  lastExtras = { v, latest };
  extras ??= Promise.all([import('./sensitivity.js'), import('./whatif.js')]);
  extras.then(([sensitivity]) => sensitivity.showSensitivity({ region: v.region, regionName: regionName(v.region),
    latest })).catch((err) => showError(err.message));
  showWhatIf();
}

// the what-if panel loads its inputs (a request per series) only when a viewer gets near it
function watchWhatIf() {
  const seen = () => {
    whatIfSeen = true;
    showWhatIf();
  };
  if (!('IntersectionObserver' in window)) {
    seen();
    return;
  }
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) {
      observer.disconnect();
      seen();
    }
  }, { rootMargin: '300px' });
  observer.observe($('whatif'));
}

// ---------- controls ----------

function onDrill(id) {
  state.update({ indicator: id, series: null });
  $('drilldown').scrollIntoView({ behavior: 'smooth', block: 'start' });
  $('drilldown-heading').focus({ preventScroll: true });
}

const any = (changed, keys) => keys.some((k) => changed.has(k));

function onViewChange(v, changed) {
  $('region').value = v.region;
  timebar.sync(v);
  if (changed.has('region')) {
    timebar.stop();
    openStream(v.region);
    economy.load(v);
  } else if (any(changed, ['from', 'to', 'hide', 'relative', 'events', 'imposedBy', 'eventTypes'])) {
    economy.show(v);
  } else if (any(changed, ['indicator', 'series'])) {
    economy.showDrilldown(v);
  }
  if (any(changed, ['compare', 'measure', 'from', 'to', 'relative'])) compare.load(v);
}

function setUpControls() {
  $('region').replaceChildren(...regions.map((r) => el('option', { value: r.code }, `${r.name} (${r.code})`)));
  $('region').disabled = false;
  // another economy opens its drill-down on an indicator it has data for
  $('region').addEventListener('change', (e) => state.update({ region: e.target.value, indicator: null, series: null }));
  $('show-latest').addEventListener('click', () => state.update({ to: state.CURRENT_YEAR }));
  timebar = createTimebar({ onChange: (patch, options) => state.update(patch, options),
    latestYear: () => economy.latestYear() });
}

// ---------- start ----------

async function init() {
  if (!chartsAvailable()) showError('The chart library did not load, so the charts are unavailable.');
  const [regionsDoc, pluginsDoc] = await Promise.all([getRegions(), getIndicators()]);
  regions = regionsDoc.regions ?? [];
  if (regions.length === 0) throw new Error('The server has no regions configured.');
  usePlugins(pluginsDoc);
  const list = pluginsDoc.indicators ?? [];
  const v = state.init(regions.map((r) => r.code), list.map((p) => p.id));
  const onChange = (patch) => state.update(patch);

  const drilldown = createDrilldown({ onChange });
  drilldown.setIndicators(list);
  const history = createHistory({ onChange, sourcesFor });
  economy = createEconomy({
    parts: { overview: createOverview({ onDrill, nameOf }), history, drilldown, extras: showExtras },
    names: { regionName, nameOf, colourOf, styleOf: (id) => styles.get(id), pluginOf: (id) => plugins.get(id),
      indicatorIds: started },
    onError: showError,
    onLoaded: () => {
      clearError();
      status.received();
    },
    afterLive,
  });
  compare = createCompare({
    regions,
    styleOf: (code) => economyStyle(regions.findIndex((r) => r.code === code)),
    measureName: (id) => (id === 'composite' ? 'Composite' : nameOf(id)),
    sourcesFor,
    onChange,
  });
  compare.setMeasures(list);
  setUpControls();
  setUpTabs(document, (_name, panel) => {
    if (panel === 'history-panel-sources') history.showSources();
    if (panel === 'compare-panel-sources') compare.showSources();
  });
  keepViewOnMethodLinks();
  watchWhatIf();

  state.onChange(onViewChange);
  $('region').value = v.region;
  timebar.sync(v);
  openStream(v.region);
  followPageLifecycle();
  // The economy first: it is what a viewer looks at; the comparison below it waits so as not to slow its first paint.
  economy.load(v);
  await economy.settled();
  timebar.sync(state.get());
  compare.load(v);
  await compare.settled();
  document.body.dataset.ready = 'true';
}

init().catch((err) => {
  status.setState('offline');
  showError(`The dashboard could not start: ${err.message}`);
});
