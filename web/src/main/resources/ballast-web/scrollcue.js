// A visible cue on tables wider than their box (phones, mostly): a line saying the table scrolls sideways and a
// shadow on the edge that has more columns behind it. The box itself is a focusable region, so the arrow keys
// scroll it.

import { el } from './format.js';

const observer = typeof ResizeObserver === 'undefined' ? null
  : new ResizeObserver((entries) => entries.forEach((e) => mark(e.target)));

/** Updates the cue of `box` (a .table-scroll) after its size or content changed. */
export function mark(box) {
  const over = box.scrollWidth > box.clientWidth + 1;
  const atEnd = box.scrollLeft + box.clientWidth >= box.scrollWidth - 1;
  box.dataset.overflow = String(over);
  box.dataset.atEnd = String(atEnd);
  const hint = box.previousElementSibling;
  if (hint?.classList.contains('scroll-hint')) hint.hidden = !over;
}

/** Starts watching `box`: adds its hint line and follows its size and scroll position. */
export function watch(box) {
  if (box.dataset.watched) return;
  box.dataset.watched = 'true';
  box.before(el('p', { class: 'scroll-hint', hidden: true },
    el('span', { 'aria-hidden': 'true' }, '↔ '), 'This table scrolls sideways: more columns to the right.'));
  box.addEventListener('scroll', () => mark(box), { passive: true });
  observer?.observe(box);
  mark(box);
}
