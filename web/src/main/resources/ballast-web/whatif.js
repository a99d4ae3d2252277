// What if: the inputs of the economy's latest year as fields, changed at will and sent as hypothetical observations
// to POST /api/v1/scenarios, which scores them on a copy of the data and stores nothing. The projected composite,
// its range, rank and warnings, and each indicator's score stand next to the real ones; Reset puts the real values
// back. Loaded on first use, when the panel comes into view.

import { getSeries, postScenario } from './api.js';
import { describeBand, describeRank, uncertaintyNote } from './change.js';
import { $, el, fmtNumber, fmtScore, isNum, prose, withheldWhy } from './format.js';
import { fillTable } from './table.js';

let built = null; // {key, region, period, codes, stamp, fields: [{code, input, original, text, failed, …}]}
let ticket = 0; // a newer projection or build makes an older one's answer moot
let loads = 0; // a newer load of the real values makes an older one's moot

const idOf = (code) => `whatif-${code.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** The value a field holds as a number, or null when it is empty or not a number. */
function valueOf(input) {
  const text = input.value.trim();
  if (text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The fields whose value differs from the real one: the hypothetical observations. */
function changed() {
  return (built?.fields ?? []).filter((f) => {
    const value = valueOf(f.input);
    return value !== null && (f.original === null || value !== f.original);
  });
}

function setStatus(text) {
  $('whatif-status').textContent = text;
}

function clearResult() {
  $('whatif-result-box').hidden = true;
  $('whatif-result').replaceChildren();
  $('whatif-error').hidden = true;
  $('whatif-error').textContent = '';
}

/** An empty field for one input series; `fill` gives it its real value. */
function field(code) {
  const input = el('input', { type: 'number', step: 'any', inputMode: 'decimal', id: idOf(code), name: code,
    'data-series': code });
  const label = el('label', { for: input.id }, code);
  const hint = el('span', { class: 'hint' });
  return { code, input, label, hint, wrap: el('div', { class: 'whatif-field' }, label, input, hint), original: null,
    text: '', failed: true };
}

/**
 * Gives field `f` the real value of its series (`doc`, or null when it could not be loaded) for `period`: its value
 * of `period`, or else its latest earlier one (which the score may carry forward), as the value to change. Only a
 * value that differs from it is sent, as an observation of `period`. A value the viewer typed is kept.
 */
function fill(f, doc, period) {
  const typed = f.input.value !== f.text;
  f.failed = doc === null;
  if (f.failed) {
    f.hint.replaceChildren(el('code', {}, f.code), ' · could not be loaded; it is tried again with the next update');
    return;
  }
  const shown = (doc.points ?? []).filter((p) => p.period <= period).at(-1) ?? null;
  f.original = shown ? shown.value : null;
  f.text = shown ? String(shown.value) : '';
  if (!typed) f.input.value = f.text;
  f.input.dataset.year = shown ? String(shown.period) : '';
  const name = doc.name ?? f.code;
  f.label.replaceChildren(name, doc.unit && !name.includes('(') ? el('span', { class: 'unit' }, ` (${doc.unit})`)
    : '');
  const hint = !shown ? `no value up to ${period}` : shown.period === period ? `${period} value`
    : `no ${period} value; shown: ${shown.period}'s`;
  f.hint.replaceChildren(el('code', {}, f.code), ` · ${hint}`);
}

/** What the real inputs rest on: a live update that changes it may have changed their values. */
const stampOf = (latest) => JSON.stringify([latest.composite?.score ?? null, (latest.indicators ?? [])
  .map((i) => [i.id, i.period, i.score, (i.components ?? []).map((c) => c.raw)])]);

function bandOf(doc) {
  const c = doc?.composite;
  if (!c) return '—';
  return describeBand(c.band)?.text ?? (doc.uncertainty?.status === 'done' ? '—' : 'being computed');
}

const rankOf = (doc) => (doc?.composite ? describeRank(doc.composite.rank)?.text ?? '—' : '—');
const warningsOf = (doc) => (doc?.composite ? (doc.composite.warnings ?? []).map((w) => prose(w.message)).join(' ')
  || 'none' : '—');

function scoreCell(doc, id) {
  const score = doc?.composite?.score;
  const withheld = doc?.compositeWithheld ? ` (${prose(withheldWhy(doc.compositeWithheld.reason))})` : '';
  return el('span', { id, 'data-value': isNum(score) ? String(score) : '' },
    doc?.composite ? fmtScore(score) : `no composite${withheld}`);
}

function showResult(answer, region, regionName) {
  const item = (answer.regions ?? []).find((r) => r.region === region) ?? answer.regions?.[0];
  if (!item) {
    setStatus('The server answered without a result for this economy.');
    return;
  }
  const { projected, actual } = item;
  const indicator = (doc, id) => (doc?.indicators ?? []).find((i) => i.id === id);
  const ids = [...new Set([...(actual?.indicators ?? []), ...(projected?.indicators ?? [])].map((i) => i.id))];
  const period = projected?.period ?? actual?.period;
  fillTable($('whatif-result'), {
    caption: `${regionName}: now and with the values tried, ${period}`,
    columns: [{ label: '' }, { label: 'Now', numeric: true }, { label: 'What if', numeric: true }],
    rows: [
      ['Composite', scoreCell(actual, 'whatif-actual-score'), scoreCell(projected, 'whatif-projected-score')],
      ['90% range', el('span', { id: 'whatif-actual-band' }, bandOf(actual)),
        el('span', { id: 'whatif-projected-band' }, bandOf(projected))],
      ['Rank', el('span', { id: 'whatif-actual-rank' }, rankOf(actual)),
        el('span', { id: 'whatif-projected-rank' }, rankOf(projected))],
      ['Warnings', el('span', { id: 'whatif-actual-warnings' }, warningsOf(actual)),
        el('span', { id: 'whatif-projected-warnings' }, warningsOf(projected))],
      ...ids.map((id) => {
        const now = indicator(actual, id);
        const then = indicator(projected, id);
        const cell = (r) => (!r ? '—'
          : isNum(r.score) ? `${fmtScore(r.score)} (${r.period})` : `withheld (${r.period})`);
        return [now?.name ?? then?.name ?? id, cell(now), el('span', { 'data-indicator': id }, cell(then))];
      }),
    ],
  });
  const draws = (doc) => doc?.uncertainty?.draws;
  const waiting = uncertaintyNote(actual?.uncertainty);
  $('whatif-draws').textContent = `The what-if range rests on ${draws(projected)?.toLocaleString('en') ?? '?'} draws `
    + `of the uncertainty analysis, the published one on ${draws(actual)?.toLocaleString('en') ?? '?'}, so their ends `
    + `can differ a little even where nothing changed.${waiting ? ` ${waiting}` : ''}`;
  $('whatif-result-box').hidden = false;
}

async function project(regionName) {
  const mine = ++ticket;
  clearResult();
  const edits = changed();
  if (!built) return;
  if (edits.length === 0) {
    setStatus('Change at least one value first.');
    return;
  }
  const observations = edits.map((f) => ({ region: built.region, series: f.code, period: built.period,
    value: valueOf(f.input) }));
  setStatus(`Projecting ${edits.length} changed value${edits.length === 1 ? '' : 's'}…`);
  $('whatif-run').disabled = true;
  try {
    const answer = await postScenario(observations);
    if (mine !== ticket) return;
    showResult(answer, built.region, regionName);
    setStatus(`Projected with ${edits.map((f) => `${f.code} = ${fmtNumber(valueOf(f.input))}`).join(', ')} in `
      + `${built.period}. Nothing was stored.`);
  } catch (err) {
    if (mine !== ticket) return;
    $('whatif-error').textContent = `The scenario could not be projected: ${err.message}`;
    $('whatif-error').hidden = false;
    setStatus('');
  } finally {
    if (mine === ticket) $('whatif-run').disabled = false;
  }
}

function reset() {
  ticket++;
  for (const f of built?.fields ?? []) f.input.value = f.text;
  clearResult();
  setStatus('Back to the real values.');
  $('whatif-run').disabled = false;
}

let wired = false;
let currentName = '';

function wire() {
  if (wired) return;
  wired = true;
  $('whatif-form').addEventListener('submit', (e) => {
    e.preventDefault();
    project(currentName);
  });
  $('whatif-reset').addEventListener('click', reset);
}

const failedNote = 'Some inputs could not be loaded; the others can be changed, and those are tried again with the '
  + 'next update.';

/**
 * Loads the real values of `fields` (all of them, or those that failed) for `period` again, in place: a value the
 * viewer typed stays, the others follow. A result shown is dropped, as its "now" column may no longer be now.
 */
async function refresh(fields, stamp) {
  const mine = ++loads;
  const { region, period } = built;
  const docs = await Promise.all(fields.map((f) => getSeries(f.code, region).catch(() => null)));
  if (mine !== loads || built?.key !== `${region}|${period}`) return;
  fields.forEach((f, i) => fill(f, docs[i], period));
  const changedScores = built.stamp !== stamp;
  built.stamp = stamp;
  if (changedScores && !$('whatif-result-box').hidden) {
    ticket++;
    clearResult();
    $('whatif-run').disabled = false;
    setStatus('The real scores changed; Project again to compare with them.');
  } else if (built.fields.some((f) => f.failed)) {
    setStatus(failedNote);
  } else if ($('whatif-status').textContent === failedNote) {
    setStatus('');
  }
}

/**
 * Builds (or keeps) the panel for `region` and its latest document: one field per input series of `plugins`
 * ([{id, name, inputs}]) of the indicators the economy is measured on, for the latest document's year. For the same
 * economy and year (a live update, a reconnect) it keeps what the viewer typed and loads again only the real values
 * that may have changed or that could not be loaded.
 */
export async function showWhatIf({ region, regionName, latest, plugins }) {
  wire();
  currentName = regionName;
  const period = latest.period;
  const key = `${region}|${period}`;
  const ids = (latest.indicators ?? []).map((i) => i.id);
  const groups = ids.map((id) => ({ id, name: plugins.find((p) => p.id === id)?.name ?? id,
    codes: plugins.find((p) => p.id === id)?.inputs ?? [] })).filter((g) => g.codes.length);
  const codes = [...new Set(groups.flatMap((g) => g.codes))];
  const stamp = stampOf(latest);
  if (built?.key === key && built.codes === codes.join(',')) {
    const again = built.stamp !== stamp ? built.fields : built.fields.filter((f) => f.failed);
    if (again.length) await refresh(again, stamp);
    return;
  }
  // a new economy, year or set of inputs starts afresh
  const mine = ++ticket;
  loads++;
  built = null;
  $('whatif').dataset.ready = 'false';
  clearResult();
  $('whatif-year').textContent = String(period);
  $('whatif-heading').textContent = `What if: ${regionName}, ${period}`;
  $('whatif-fields').replaceChildren();
  setStatus('Loading the inputs…');
  const docs = await Promise.all(codes.map((c) => getSeries(c, region).catch(() => null)));
  if (mine !== ticket) return;
  const byCode = new Map(codes.map((c, i) => {
    const f = field(c);
    fill(f, docs[i], period);
    return [c, f];
  }));
  $('whatif-fields').replaceChildren(...groups.map((g) => el('fieldset', { class: 'whatif-group' },
    el('legend', {}, g.name), ...g.codes.map((c) => byCode.get(c).wrap))));
  built = { key, region, period, codes: codes.join(','), stamp, fields: [...byCode.values()] };
  $('whatif').dataset.ready = 'true';
  setStatus(docs.some((d) => d === null) ? failedNote : '');
}
