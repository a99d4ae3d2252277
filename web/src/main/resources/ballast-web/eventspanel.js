// The list of events under the history chart: a switch for the layer, filters by imposing jurisdiction and by type,
// and one row per event with its marker number and its source as a link. Focusing a row marks its marker on the
// chart just above.

import { $, el } from './format.js';
import { choicesOf, directionText, entitiesOf, jurisdictionsOf, scopeText, sourceHref, sourceText, targetsText,
  typeName, typeOf } from './events.js';
import { fillTable } from './table.js';

function sourceCell(source) {
  const href = sourceHref(source);
  if (!href) return String(source ?? '—');
  return el('a', { href, rel: 'noopener noreferrer', target: '_blank', class: 'source-link' }, sourceText(source),
    el('span', { class: 'visually-hidden' }, ' (opens in a new tab)'));
}

function chips(box, name, values, selected, label, onChange) {
  box.replaceChildren(...values.map((value) => {
    const input = el('input', { type: 'checkbox', value, id: `${name}-${value}`, name,
      checked: !selected || selected.includes(value) });
    input.addEventListener('change', () => {
      const on = [...box.querySelectorAll('input:checked')].map((i) => i.value);
      onChange(on.length === values.length ? null : on);
    });
    return el('label', { class: 'chip', for: input.id }, input, label(value));
  }));
}

/**
 * `onChange(patch)` with {events}, {imposedBy} or {eventTypes} of the view; `onFocus(n or null)` when a row gains
 * or loses focus (n: the marker's number).
 */
export function createEventsPanel({ onChange, onFocus }) {
  $('events-toggle').addEventListener('change', (e) => onChange({ events: e.target.checked }));

  return {
    /**
     * `all`: every event of the economy in the years shown; `groups`: the numbered quarters of the events that pass
     * the filter; `view`: {events, imposedBy, eventTypes}.
     */
    render(all, groups, view) {
      $('events-section').hidden = all.length === 0;
      const { jurisdictions, types } = choicesOf(all);
      chips($('events-jurisdictions'), 'imposed-by', jurisdictions, view.imposedBy, (j) => j,
        (on) => onChange({ imposedBy: on }));
      chips($('events-types'), 'event-type', types, view.eventTypes, typeName, (on) => onChange({ eventTypes: on }));
      $('events-toggle').checked = view.events;
      const shown = groups.reduce((n, g) => n + g.events.length, 0);
      $('events-count').textContent = shown === all.length ? `(${all.length})` : `(${shown} of ${all.length})`;
      const rows = groups.flatMap((g) => g.events.map((e) => ({ g, e })));
      fillTable($('events-table'), {
        caption: view.events ? 'Numbers match the markers on the chart.' : 'Hidden on the chart.',
        columns: [{ label: 'Marker', numeric: true }, { label: 'Date' }, { label: 'Imposed by' }, { label: 'Targets' },
          { label: 'Type' }, { label: 'Scope' }, { label: 'Event' }, { label: 'Entities', numeric: true },
          { label: 'Source' }],
        rowHeader: 1,
        rows: rows.map(({ g, e }) => [g.n, e.date, jurisdictionsOf(e).join(' + '), targetsText(e) || '—',
          [typeName(typeOf(e)), directionText(e)].filter(Boolean).join(', '), scopeText(e) || '—', e.title,
          entitiesOf(e) ?? '—', sourceCell(e.source)]),
      });
      $('events-table').querySelectorAll('tbody tr').forEach((row, i) => {
        if (!rows[i]) return;
        row.tabIndex = 0;
        row.dataset.marker = String(rows[i].g.n);
        row.addEventListener('focus', () => onFocus(rows[i].g.n));
        row.addEventListener('blur', () => onFocus(null));
      });
    },

    /** Moves focus to the first row of marker `n` (a badge on the chart was clicked). */
    focusMarker(n) {
      $('events-table').querySelector(`tbody tr[data-marker="${n}"]`)?.focus();
    },
  };
}
