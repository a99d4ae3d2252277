// Data tables: the text alternative of every chart, and the ranked comparison.

import { el } from './format.js';
import { mark, watch } from './scrollcue.js';

/**
 * Fills `table` with a caption, a header row and body rows.
 * `columns`: [{label, numeric?}]; `rows`: arrays of cells (text, number or Node); a cell in a `rowHeader`
 * column becomes a <th scope="row">.
 */
export function fillTable(table, { caption, columns, rows, rowHeader = 0 }) {
  const head = el('thead', {}, el('tr', {}, columns.map((c) =>
    el('th', { scope: 'col', class: c.numeric ? 'num' : '' }, c.label))));
  const body = el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell, i) => {
    const tag = i === rowHeader ? 'th' : 'td';
    const props = { class: columns[i]?.numeric ? 'num' : '' };
    if (tag === 'th') props.scope = 'row';
    return el(tag, props, cell instanceof Node ? cell : String(cell ?? '—'));
  }))));
  const parts = caption ? [el('caption', {}, caption), head, body] : [head, body];
  table.replaceChildren(...parts);
  if (rows.length === 0) {
    body.append(el('tr', {}, el('td', { colSpan: columns.length, class: 'empty' }, 'No data in this range.')));
  }
  const box = table.closest('.table-scroll');
  if (box) {
    watch(box);
    mark(box);
  }
}

/** Years covered by any of `lines` (each with points [{x}]), sorted. */
export function yearsOf(lines) {
  return [...new Set(lines.flatMap((l) => l.points.map((p) => p.x)))].sort((a, b) => a - b);
}

/** Year-by-line matrix of `lines` (points [{x, y}]): rows [year, point or null, ...]. */
export function byYear(lines) {
  const maps = lines.map((l) => new Map(l.points.map((p) => [p.x, p])));
  return yearsOf(lines).map((year) => [year, ...maps.map((m) => m.get(year) ?? null)]);
}
