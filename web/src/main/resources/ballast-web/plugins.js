// The loaded indicator plugins: version, where they came from (built in or a jar), state, and why one failed.

import { $, el } from './format.js';
import { fillTable } from './table.js';

const since = (iso) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '—');

function stateBadge(p) {
  return el('span', { class: 'badge', 'data-state': p.state ?? 'UNKNOWN' }, (p.state ?? 'unknown').toLowerCase());
}

/** Renders the answer of GET /api/v1/indicators. */
export function renderPlugins(doc) {
  const plugins = doc.indicators ?? [];
  fillTable($('plugins-table'), {
    columns: [{ label: 'Indicator' }, { label: 'Version' }, { label: 'Source' }, { label: 'State' },
      { label: 'Since' }, { label: 'Weight', numeric: true }],
    rows: plugins.map((p) => [
      el('span', {}, el('strong', {}, p.name || p.id), el('br'), el('code', {}, p.id)),
      p.version ?? '—',
      p.builtIn ? 'built-in' : el('span', {}, 'jar ', el('code', {}, p.source ?? '?')),
      p.failure ? el('span', {}, stateBadge(p), el('span', { class: 'failure' }, p.failure)) : stateBadge(p),
      since(p.since),
      p.weight ?? '—',
    ]),
  });
  const refused = Object.entries(doc.refused ?? {});
  $('plugins-refused').hidden = refused.length === 0;
  $('plugins-refused-list').replaceChildren(...refused.map(([source, reasons]) =>
    el('li', {}, el('code', {}, source), `: ${[].concat(reasons).join('; ')}`)));
}
