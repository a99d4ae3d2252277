// Overview of one economy: the composite (score, change on the previous year, coverage, divergence warning) and one
// card per indicator (score, sparkline, trend, coverage).

import { $, el, flash, fmtChange, fmtPercent, fmtScore, isNum, setText } from './format.js';
import { createSparkline, drawSparkline } from './sparkline.js';

const DOCUMENTED = new Set(['export-control-exposure', 'foreign-investment', 'internal-capacity', 'labor-conditions']);

/** The methodology section of a score: the composite, a built-in indicator, or the general part for jar plugins. */
export const methodHref = (id) =>
  `methodology.html#${id === 'composite' || DOCUMENTED.has(id) ? id : 'indicators'}`;

/** The change of `score` (in year `period`) on the previous year's point of `points`, or null. */
function change(points, period, score) {
  const previous = points.find((p) => p.x === period - 1);
  return previous && isNum(score) ? { delta: score - previous.y, year: period - 1 } : null;
}

function renderTrend(node, trend, highlight) {
  const direction = !trend ? 'none' : trend.delta > 0.05 ? 'up' : trend.delta < -0.05 ? 'down' : 'flat';
  node.dataset.direction = direction;
  const arrow = { up: '▲', down: '▼', flat: '▶', none: '' }[direction];
  const text = trend ? `${fmtChange(trend.delta)} on ${trend.year}` : 'no score the year before';
  if (node.dataset.text === text) return;
  node.dataset.text = text;
  node.replaceChildren(el('span', { class: 'arrow', 'aria-hidden': 'true' }, arrow), ` ${text}`);
  if (highlight) flash(node);
}

function renderCoverage(bar, label, coverage, highlight) {
  bar.style.width = `${Math.round((isNum(coverage) ? coverage : 0) * 100)}%`;
  setText(label, fmtPercent(coverage), highlight);
}

function coverageBlock() {
  const fill = el('span', { class: 'meter-fill' });
  const value = el('span', { class: 'meter-value' });
  return { node: el('div', { class: 'meter' }, el('span', { class: 'meter-label' }, 'Coverage'),
    el('span', { class: 'meter-track', 'aria-hidden': 'true' }, fill), value), fill, value };
}

function createCard(ind, colour, onDrill) {
  const name = el('h3', {}, ind.name || ind.id);
  const score = el('span', { class: 'score-value', 'data-indicator': ind.id });
  const spark = createSparkline();
  const trend = el('p', { class: 'trend' });
  const coverage = coverageBlock();
  const year = el('span', { class: 'card-year' });
  const drill = el('button', { type: 'button', class: 'drill-button', 'aria-controls': 'drilldown' },
    'Components & sources');
  drill.addEventListener('click', () => onDrill(ind.id));
  const card = el('article', { class: 'card indicator', 'data-card': ind.id, 'aria-labelledby': `card-${ind.id}` },
    el('div', { class: 'card-head' }, name,
      el('a', { class: 'method-link', href: methodHref(ind.id), 'aria-label': `How ${ind.name || ind.id} is computed` },
        'Method')),
    el('div', { class: 'card-score' },
      el('p', { class: 'score' }, score, el('span', { class: 'out-of' }, '/100')), spark),
    trend, coverage.node, el('div', { class: 'card-foot' }, year, drill));
  name.id = `card-${ind.id}`;
  card.style.borderTopColor = colour; // ties the card to its line on the charts
  return { card, name, score, spark, trend, coverage, year };
}

export function createOverview({ onDrill, nameOf }) {
  const cards = new Map();
  const box = $('indicators');

  function renderComposite(doc, points, years, highlight) {
    const c = doc.composite;
    const score = $('composite-score');
    score.dataset.value = c ? String(c.score) : '';
    setText(score, c ? fmtScore(c.score) : '—', highlight);
    renderTrend($('composite-change'), c ? change(points, doc.period, c.score) : null, highlight);
    setText($('composite-period'), doc.period == null ? '—' : String(doc.period), highlight);
    setText($('composite-method'), c?.method ?? '—');
    renderCoverage($('composite-coverage-bar'), $('composite-coverage'), c?.coverage, highlight);
    $('composite-note').hidden = Boolean(c);
    const missing = c?.missing ?? [];
    $('composite-missing').hidden = missing.length === 0;
    $('composite-missing').textContent = missing.length
      ? `Not in this year's composite (no reading): ${missing.map(nameOf).join(', ')}.`
      : '';
    const shown = points.filter((p) => p.x >= years.from && p.x <= years.to);
    drawSparkline($('composite-spark'), shown, '#000000');
    $('composite-spark-caption').textContent = shown.length
      ? `Composite ${shown[0].x}–${shown.at(-1).x}: from ${fmtScore(shown[0].y)} to ${fmtScore(shown.at(-1).y)}` : '';
    const warnings = c?.warnings ?? [];
    $('divergence').hidden = warnings.length === 0;
    $('divergence-messages').replaceChildren(...warnings.map((w) => el('li', { 'data-kind': w.kind }, w.message)));
  }

  function renderCard(ind, points, years, colour, highlight) {
    let card = cards.get(ind.id);
    if (!card) {
      card = createCard(ind, colour, onDrill);
      cards.set(ind.id, card);
      box.append(card.card);
    }
    card.score.dataset.value = String(ind.score);
    setText(card.score, fmtScore(ind.score), highlight);
    renderTrend(card.trend, change(points, ind.period, ind.score), highlight);
    renderCoverage(card.coverage.fill, card.coverage.value, ind.coverage, highlight);
    setText(card.year, ind.period == null ? '' : `Latest reading ${ind.period}`, highlight);
    drawSparkline(card.spark, points.filter((p) => p.x >= years.from && p.x <= years.to), colour);
  }

  return {
    /**
     * `doc`: the latest-scores document; `histories`: Map id -> points [{x, y}] (the composite under 'composite')
     * (at least the years shown and the year before the latest); `years`: {from, to} the sparklines show;
     * `colourOf(id)`; `highlight`: flash values that changed (live updates).
     */
    render(doc, histories, years, colourOf, highlight = false) {
      const indicators = doc.indicators ?? [];
      const ids = new Set(indicators.map((i) => i.id));
      for (const [id, card] of cards) {
        if (!ids.has(id)) { card.card.remove(); cards.delete(id); }
      }
      for (const ind of indicators) {
        renderCard(ind, histories.get(ind.id) ?? [], years, colourOf(ind.id), highlight);
      }
      renderComposite(doc, histories.get('composite') ?? [], years, highlight);
      box.dataset.count = String(indicators.length);
    },
    clear() {
      for (const card of cards.values()) card.card.remove();
      cards.clear();
      $('composite-score').textContent = '—';
      $('composite-score').dataset.value = '';
    },
  };
}
