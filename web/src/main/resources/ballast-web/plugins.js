// The loaded indicator plugins for the administration page: version, where they came from (built in or a jar),
// state, since when, why one failed, and a button to switch each off or on.

import { $, el } from './format.js';
import { fillTable } from './table.js';

const since = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '—');

function stateBadge(p) {
  return el('span', { class: 'badge', 'data-state': p.state ?? 'UNKNOWN' }, (p.state ?? 'unknown').toLowerCase());
}

function switchButton(p, onSwitch) {
  const off = p.state === 'DISABLED';
  const button = el('button', { type: 'button', class: 'button small', 'data-plugin': p.id,
    'data-action': off ? 'enable' : 'disable' }, off ? `Switch on` : `Switch off`,
  el('span', { class: 'visually-hidden' }, ` ${p.name || p.id}`));
  button.addEventListener('click', () => onSwitch(p.id, off ? 'enable' : 'disable'));
  return button;
}

/** Renders the answer of GET /api/v1/indicators; `onSwitch(id, 'enable'|'disable')`. */
export function renderPlugins(doc, onSwitch) {
  const plugins = doc.indicators ?? [];
  fillTable($('plugins-table'), {
    columns: [{ label: 'Indicator' }, { label: 'Version' }, { label: 'Source' }, { label: 'State' },
      { label: 'Since' }, { label: 'Weight', numeric: true }, { label: 'Action' }],
    rows: plugins.map((p) => [
      el('span', {}, el('strong', {}, p.name || p.id), el('br'), el('code', {}, p.id)),
      p.version ?? '—',
      p.builtIn ? 'built-in' : el('span', {}, 'jar ', el('code', {}, p.source ?? '?')),
      p.failure ? el('span', {}, stateBadge(p), el('span', { class: 'failure' }, p.failure)) : stateBadge(p),
      since(p.since),
      p.weight ?? '—',
      switchButton(p, onSwitch),
    ]),
  });
  const refused = Object.entries(doc.refused ?? {});
  $('plugins-refused').hidden = refused.length === 0;
  $('plugins-refused-list').replaceChildren(...refused.map(([source, reasons]) =>
    el('li', {}, el('code', {}, source), `: ${[].concat(reasons).join('; ')}`)));
}
