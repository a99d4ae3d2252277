// Ballast dashboard: a plain ES module, no framework.
// Reads the JSON API under /api/v1 and follows the per-region SSE stream.

import { API, api } from './api.js';
import { COMPOSITE_COLOUR, PALETTE, drawHistory } from './chart.js';

const HISTORY_FROM = 2000;
const HISTORY_TO = new Date().getFullYear();
const FLASH_MS = 1500;
const STREAM_RETRY_MS = 15000;

const $ = (id) => document.getElementById(id);

const state = {
  region: null,
  generation: 0,      // bumped on every region change; stale async results are dropped
  sequence: -1,       // sequence of the newest document shown for the current region
  historyTicket: 0,   // only the newest history request may draw the chart
  historyTimer: 0,
  names: new Map(),   // indicator id -> display name
  cards: new Map(),   // indicator id -> { card, fields }
  flashTimers: new WeakMap(),
  source: null,       // current EventSource
};

// ---------- small helpers ----------

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-')) node.setAttribute(key, value);
    else node[key] = value;
  }
  node.append(...children);
  return node;
}

const isNum = (v) => typeof v === 'number' && Number.isFinite(v);
const fmtScore = (v) => (isNum(v) ? v.toFixed(1) : '—');
const fmtPercent = (v) => (isNum(v) ? `${Math.round(v * 100)}%` : '—');
const fmtNumber = (v) => (isNum(v) ? v.toLocaleString('en', { maximumFractionDigits: 2 }) : '—');
const pad = (n) => String(n).padStart(2, '0');
const fmtTime = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
const nameOf = (id) => state.names.get(id) || id;

function showError(message) {
  const box = $('error');
  box.textContent = message;
  box.hidden = false;
}

function clearError() {
  const box = $('error');
  box.textContent = '';
  box.hidden = true;
}

function flash(node) {
  clearTimeout(state.flashTimers.get(node));
  node.classList.remove('flash');
  void node.offsetWidth; // restart the CSS animation
  node.classList.add('flash');
  state.flashTimers.set(node, setTimeout(() => node.classList.remove('flash'), FLASH_MS));
}

/** Sets text; when `highlight` is true and the text changed, flashes the element. */
function setText(node, text, highlight = false) {
  if (node.textContent === text) return;
  node.textContent = text;
  if (highlight) flash(node);
}

function setLiveStatus(status) {
  const node = $('live-status');
  node.textContent = status;
  node.dataset.state = status;
}

// ---------- composite ----------

function renderComposite(doc, highlight) {
  const c = doc.composite;
  setText($('composite-score'), c ? fmtScore(c.score) : '—', highlight);
  setText($('composite-period'), doc.period == null ? '—' : String(doc.period), highlight);
  setText($('composite-method'), c?.method ?? '—', highlight);
  setText($('composite-coverage'), c ? fmtPercent(c.coverage) : '—', highlight);
  $('composite-note').hidden = Boolean(c);
  const missing = c?.missing ?? [];
  const line = $('composite-missing');
  line.hidden = missing.length === 0;
  line.textContent = missing.length ? `Missing: ${missing.map(nameOf).join(', ')}` : '';
}

// ---------- indicator cards ----------

/** Returns [row, valueElement] for a <dl> entry. */
function metaRow(label) {
  const dd = el('dd', {}, '—');
  return [el('div', {}, el('dt', {}, label), dd), dd];
}

function createCard(id) {
  const score = el('span', { class: 'score-value', 'data-indicator': id }, '—');
  const [periodRow, period] = metaRow('Year');
  const [coverageRow, coverage] = metaRow('Coverage');
  const fields = {
    name: el('h3', { class: 'indicator-name' }),
    score,
    period,
    coverage,
    explanation: el('p', { class: 'explanation' }),
    missing: el('p', { class: 'missing', hidden: true }),
    components: el('ul', { class: 'components' }),
  };
  const card = el('article', { class: 'card indicator', 'data-card': id },
    fields.name,
    el('p', { class: 'score' }, score, el('span', { class: 'out-of' }, ' / 100')),
    el('dl', { class: 'meta' }, periodRow, coverageRow),
    fields.explanation,
    fields.missing,
    el('details', {}, el('summary', {}, 'Components'), fields.components));
  return { card, fields };
}

function renderComponents(list, components) {
  list.replaceChildren(...(components ?? []).map((c) => el('li', {},
    `${c.label || c.series}: raw ${fmtNumber(c.raw)}, normalised ${fmtScore(c.normalised)}, weight ${fmtNumber(c.weight)}`)));
}

function renderIndicators(indicators, highlight) {
  const box = $('indicators');
  const ids = new Set(indicators.map((ind) => ind.id));
  for (const [id, entry] of state.cards) {
    if (!ids.has(id)) { entry.card.remove(); state.cards.delete(id); }
  }
  for (const ind of indicators) {
    let entry = state.cards.get(ind.id);
    if (!entry) {
      entry = createCard(ind.id);
      state.cards.set(ind.id, entry);
      box.append(entry.card);
    }
    const f = entry.fields;
    setText(f.name, ind.name || ind.id);
    setText(f.score, fmtScore(ind.score), highlight);
    setText(f.period, ind.period == null ? '—' : String(ind.period), highlight);
    setText(f.coverage, fmtPercent(ind.coverage), highlight);
    setText(f.explanation, ind.explanation || '', highlight);
    const missing = ind.missing ?? [];
    f.missing.hidden = missing.length === 0;
    f.missing.textContent = missing.length ? `Missing inputs: ${missing.join(', ')}` : '';
    renderComponents(f.components, ind.components);
  }
}

function renderEmpty() {
  for (const id of ['composite-score', 'composite-period', 'composite-method', 'composite-coverage']) {
    $(id).textContent = '—';
  }
  $('composite-note').hidden = true;
  $('composite-missing').hidden = true;
  $('composite-missing').textContent = '';
  $('indicators').replaceChildren();
  state.cards.clear();
  $('updated').textContent = '';
}

/** Shows a scores document unless a newer one is already on screen. */
function applyDocument(doc, highlight) {
  if (isNum(doc.sequence) && doc.sequence < state.sequence) return false;
  highlight = highlight && state.sequence >= 0; // never flash the first values shown for a region
  state.sequence = isNum(doc.sequence) ? doc.sequence : Math.max(state.sequence, 0);
  for (const ind of doc.indicators ?? []) state.names.set(ind.id, ind.name);
  renderComposite(doc, highlight);
  renderIndicators(doc.indicators ?? [], highlight);
  $('updated').textContent = `updated ${fmtTime(new Date())}`;
  return true;
}

// ---------- history ----------

function renderChart(series) {
  if (!drawHistory($('history-chart'), series)) {
    showError('The chart library did not load, so the history chart is unavailable.');
  }
}

async function loadHistory(doc, gen) {
  const ticket = ++state.historyTicket;
  const entries = [
    { id: 'composite', label: 'Composite', colour: COMPOSITE_COLOUR },
    ...(doc.indicators ?? []).map((ind, i) => ({ id: ind.id, label: ind.name, colour: PALETTE[i % PALETTE.length] })),
  ];
  const results = await Promise.allSettled(entries.map((e) =>
    api('/scores/history', { region: doc.region, indicator: e.id, from: HISTORY_FROM, to: HISTORY_TO })));
  if (gen !== state.generation || ticket !== state.historyTicket) return;
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) showError(failed.reason.message);
  renderChart(entries.map((e, i) => ({
    ...e,
    points: results[i].status === 'fulfilled' ? results[i].value.points ?? [] : [],
  })));
}

/** Coalesces bursts of live events into one history refresh. */
function scheduleHistory(doc) {
  const gen = state.generation;
  clearTimeout(state.historyTimer);
  state.historyTimer = setTimeout(() => {
    loadHistory(doc, gen).catch((err) => showError(err.message));
  }, 250);
}

// ---------- live stream ----------

function openStream(region) {
  state.source?.close();
  setLiveStatus('reconnecting');
  const source = new EventSource(`${API}/stream?${new URLSearchParams({ region })}`);
  state.source = source;
  source.onopen = () => setLiveStatus('live');
  source.onerror = () => {
    if (source !== state.source) return;
    if (source.readyState !== EventSource.CLOSED) { setLiveStatus('reconnecting'); return; }
    setLiveStatus('offline');
    // The browser gave up (e.g. a non-stream answer); try again later ourselves.
    setTimeout(() => { if (source === state.source) openStream(region); }, STREAM_RETRY_MS);
  };
  source.addEventListener('score', (event) => {
    if (source !== state.source) return;
    let doc;
    try {
      doc = JSON.parse(event.data);
    } catch {
      showError('Received a malformed live update; waiting for the next one.');
      return;
    }
    if (doc.region !== state.region || !applyDocument(doc, true)) return;
    clearError();
    scheduleHistory(doc);
  });
}

// ---------- region & plugins ----------

async function loadRegion(region) {
  const gen = ++state.generation;
  state.region = region;
  state.sequence = -1;
  clearTimeout(state.historyTimer);
  clearError();
  renderEmpty();
  openStream(region);
  try {
    const doc = await api('/scores/latest', { region });
    if (gen !== state.generation) return;
    applyDocument(doc, false);
    await loadHistory(doc, gen);
  } catch (err) {
    if (gen !== state.generation) return;
    showError(err.message);
    if (state.sequence < 0) renderChart([]); // nothing shown yet: do not keep another region's lines
  }
}

function renderPlugins(indicators) {
  $('plugins').replaceChildren(...indicators.map((p) => el('li', {},
    el('strong', {}, p.name || p.id), ` ${p.version ?? ''} · ${p.state ?? 'unknown'} · ${p.source ?? 'unknown source'}`)));
}

async function init() {
  const select = $('region');
  select.addEventListener('change', () => loadRegion(select.value));
  const [regions, plugins] = await Promise.allSettled([api('/regions'), api('/indicators')]);

  if (plugins.status === 'fulfilled') {
    const list = plugins.value.indicators ?? [];
    for (const p of list) state.names.set(p.id, p.name);
    renderPlugins(list);
  } else {
    $('plugins').replaceChildren(el('li', {}, 'Plugin list unavailable.'));
  }

  const codes = regions.status === 'fulfilled' ? regions.value.regions ?? [] : [];
  if (codes.length === 0) {
    setLiveStatus('offline');
    select.replaceChildren(el('option', {}, 'No regions'));
    showError(regions.status === 'rejected' ? regions.reason.message : 'The server has no regions configured.');
    return;
  }
  select.replaceChildren(...codes.map((r) => el('option', { value: r.code }, `${r.name} (${r.code})`)));
  select.disabled = false;
  const first = loadRegion(codes[0].code); // clears the banner synchronously
  if (plugins.status === 'rejected') showError(plugins.reason.message);
  await first;
}

init().catch((err) => showError(`The dashboard failed to start: ${err.message}`));
