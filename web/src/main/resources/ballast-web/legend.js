// HTML legends: one entry per line with its fixed symbol (colour, dash and point shape drawn as a small SVG), and keys
// for the chart's other marks. A toggle entry is a button: Tab reaches it, Enter or Space shows or hides its line,
// and pointing at it or focusing it highlights the line on the chart.

import { el } from './format.js';

const NS = 'http://www.w3.org/2000/svg';

const svg = (tag, attrs, ...children) => {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  node.append(...children);
  return node;
};

function pointShape(point, colour, stroke = colour) {
  const common = { fill: colour, stroke, 'stroke-width': 1 };
  switch (point) {
    case 'rect': return svg('rect', { x: 11, y: 3, width: 6, height: 6, ...common });
    case 'triangle': return svg('polygon', { points: '14,2 18,10 10,10', ...common });
    case 'rectRot': return svg('polygon', { points: '14,2 18,6 14,10 10,6', ...common });
    case 'crossRot': return svg('path', { d: 'M11 3 L17 9 M17 3 L11 9', stroke: colour, 'stroke-width': 2 });
    case 'star': return svg('path', { d: 'M14 2 V10 M10 6 H18 M11 3 L17 9 M17 3 L11 9', stroke: colour, 'stroke-width': 1.5 });
    default: return svg('circle', { cx: 14, cy: 6, r: 3.5, ...common });
  }
}

/** A 28×12 symbol: a line in the entry's colour and dash with its point shape in the middle. */
export function lineSymbol({ colour, dash = [], point = 'circle', width = 2 }) {
  return svg('svg', { class: 'legend-symbol', viewBox: '0 0 28 12', width: 28, height: 12, 'aria-hidden': 'true',
    focusable: 'false' },
  svg('line', { x1: 1, y1: 6, x2: 27, y2: 6, stroke: colour, 'stroke-width': Math.min(width, 3),
    'stroke-dasharray': dash.length ? dash.join(' ') : 'none' }),
  pointShape(point, colour));
}

/**
 * A symbol for a mark that is not a line: `shape` 'triangle' (with fill and stroke), 'badge' (a numbered pill) or
 * 'band' (a shaded area, `fill`, around a line, `stroke`).
 */
export function markSymbol(shape, { fill = '#000000', stroke = '#000000' } = {}) {
  if (shape === 'band') {
    return svg('svg', { class: 'legend-symbol', viewBox: '0 0 28 12', width: 28, height: 12, 'aria-hidden': 'true',
      focusable: 'false' },
    svg('rect', { x: 1, y: 1, width: 26, height: 10, fill }),
    svg('line', { x1: 1, y1: 6, x2: 27, y2: 6, stroke, 'stroke-width': 2 }));
  }
  if (shape === 'badge') {
    return svg('svg', { class: 'legend-symbol', viewBox: '0 0 28 12', width: 28, height: 12, 'aria-hidden': 'true',
      focusable: 'false' },
    svg('line', { x1: 14, y1: 0, x2: 14, y2: 12, stroke: '#3d4450', 'stroke-dasharray': '2 2' }),
    svg('rect', { x: 7, y: 0, width: 14, height: 10, rx: 5, fill: '#1b1f24' }),
    svg('text', { x: 14, y: 8, 'text-anchor': 'middle', 'font-size': 8, fill: '#ffffff', 'font-weight': 'bold' }, '1'));
  }
  return svg('svg', { class: 'legend-symbol', viewBox: '0 0 28 12', width: 28, height: 12, 'aria-hidden': 'true',
    focusable: 'false' }, pointShape(shape, fill, stroke));
}

/**
 * Fills `list` (a <ul>) with `entries`: [{id, label, look, hidden, toggle}] and `keys`: [{label, symbol}].
 * `onToggle(id)` runs when a toggle is operated; `onFocus(id or null)` when the pointer or focus enters or leaves one.
 * A toggle that had the focus has it again once drawn anew.
 */
export function renderLegend(list, { entries, keys = [], onToggle, onFocus }) {
  const items = entries.map((e) => {
    const content = [lineSymbol(e.look), el('span', { class: 'legend-label' }, e.label)];
    if (!e.toggle) return el('li', { class: 'legend-item' }, ...content);
    const button = el('button', { type: 'button', class: 'legend-toggle', 'data-line': e.id,
      'aria-pressed': String(!e.hidden), title: e.hidden ? `Show ${e.label}` : `Hide ${e.label}` }, ...content);
    button.addEventListener('click', () => onToggle(e.id));
    for (const [on, id] of [['mouseenter', e.id], ['focus', e.id], ['mouseleave', null], ['blur', null]]) {
      button.addEventListener(on, () => onFocus?.(id));
    }
    return el('li', { class: 'legend-item' }, button);
  });
  const marks = keys.map((k) => el('li', { class: 'legend-item legend-key', 'data-key': k.id }, k.symbol,
    el('span', { class: 'legend-label' }, k.label)));
  // drawn again with its chart (a toggle, a live event): a keyboard user's focus stays on the entry it was on
  const focused = list.contains(document.activeElement) ? document.activeElement.dataset.line : undefined;
  list.replaceChildren(...items, ...marks);
  if (focused) list.querySelector(`[data-line="${CSS.escape(focused)}"]`)?.focus();
}
