// Overview of one economy in the years chosen: the one-sentence headline (headline.js), the composite (score, its
// like-for-like change and rank with their basis, the range of the uncertainty analysis, the sub-indices, coverage,
// divergence warning) and one card per indicator (score, sparkline, change, coverage). The numbers come from
// snapshot.js; changes and ranks are told the like-for-like way of change.js, and where the server gives no number
// its reason stands in its place.

import { changeIn, describeBand, describeChange, describeRank, describeRankInterval, uncertaintyNote }
  from './change.js';
import { $, el, flash, fmtPercent, fmtScore, isNum, prose, setText, withheldWhy } from './format.js';
import { headline } from './headline.js';
import { createSparkline, drawSparkline } from './sparkline.js';

const DOCUMENTED = new Set(['export-control-exposure', 'foreign-investment', 'internal-capacity', 'labor-conditions']);

/** The methodology section of a score: the composite, a built-in indicator, or the general part for jar plugins. */
export const methodHref = (id) =>
  `methodology.html#${id === 'composite' || DOCUMENTED.has(id) ? id : 'indicators'}`;

function renderTrend(node, noteNode, change, highlight) {
  node.dataset.direction = change.direction;
  const arrow = { up: '▲', down: '▼', flat: '▶', none: '' }[change.direction];
  if (noteNode) {
    noteNode.textContent = change.note;
    noteNode.hidden = !change.note;
  }
  if (node.dataset.text === change.text) return;
  node.dataset.text = change.text;
  node.replaceChildren(el('span', { class: 'arrow', 'aria-hidden': 'true' }, arrow), ` ${change.text}`);
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
  const withheld = el('p', { class: 'withheld-reason', hidden: true });
  const trend = el('p', { class: 'trend' });
  const note = el('p', { class: 'change-note', hidden: true });
  const coverage = coverageBlock();
  const year = el('span', { class: 'card-year' });
  const scoreLine = el('p', { class: 'score' }, score, el('span', { class: 'out-of' }, '/100'));
  const drill = el('button', { type: 'button', class: 'drill-button', 'aria-controls': 'drilldown' },
    'Components & sources');
  drill.addEventListener('click', () => onDrill(ind.id));
  const card = el('article', { class: 'card indicator', 'data-card': ind.id, 'aria-labelledby': `card-${ind.id}` },
    el('div', { class: 'card-head' }, name,
      el('a', { class: 'method-link', href: methodHref(ind.id) }, 'Method',
        el('span', { class: 'visually-hidden' }, ` of ${ind.name || ind.id}`))),
    el('div', { class: 'card-score' }, scoreLine, spark), withheld,
    trend, note, coverage.node, el('div', { class: 'card-foot' }, year, drill));
  name.id = `card-${ind.id}`;
  card.style.borderTopColor = colour; // ties the card to its line on the charts
  return { card, score, scoreLine, withheld, spark, trend, note, coverage, year };
}

export function createOverview({ onDrill, nameOf }) {
  const cards = new Map();
  const box = $('indicators');

  /** A note under a value: its text, hidden when there is none. */
  const note = (node, text) => {
    node.textContent = text ? prose(text) : '';
    node.hidden = !text;
  };

  /** Rank, its range in the uncertainty analysis, the score's band, and what the analysis's status means. */
  function renderStanding(c, latest, highlight) {
    const rank = describeRank(c?.rank);
    const range = describeRankInterval(c?.rankInterval);
    const band = describeBand(c?.band);
    const status = latest?.uncertainty?.status ?? '';
    const asOfLatest = c && latest?.composite && c.period === latest.period;
    // the analysis covers the current scores; a year without its band while it runs is "pending", not "none"
    const waiting = c && !band && (status === 'pending' || status === 'off') ? uncertaintyNote(latest.uncertainty)
      : '';
    setText($('composite-rank'), rank ? rank.text : '—', highlight);
    $('composite-rank').dataset.position = rank && isNum(rank.position) ? String(rank.position) : '';
    const spread = range && isNum(c.rankInterval.best)
      ? (c.rankInterval.best === c.rankInterval.worst ? `(${range.text} in 90% of draws)` : `(range ${range.text})`)
      : '';
    setText($('composite-rank-range'), spread, highlight);
    note($('composite-rank-note'), [rank?.note, range?.note].filter(Boolean).join(' '));
    const bandNode = $('composite-band');
    bandNode.dataset.status = band ? 'done' : waiting ? status : 'none';
    setText(bandNode, band ? band.text : waiting ? (status === 'pending' ? 'being computed' : 'not computed') : '—',
      highlight);
    note($('composite-band-note'), band ? band.note : waiting || (c ? `No range for ${c.period}.` : ''));
    for (const side of ['vulnerability', 'capacity']) {
      const value = asOfLatest ? c.subindices?.[side] : null;
      const node = $(`subindex-${side}`);
      node.dataset.value = isNum(value) ? String(value) : '';
      setText(node, isNum(value) ? fmtScore(value) : '—', highlight);
      const sideBand = asOfLatest ? describeBand(c.subindexBands?.[side]) : null;
      setText($(`subindex-${side}-band`), sideBand ? `(range ${sideBand.text})` : '', highlight);
    }
  }

  function renderComposite(snap, points, years, highlight, latest) {
    const c = snap.composite;
    const score = $('composite-score');
    score.dataset.value = c ? String(c.score) : '';
    setText(score, c ? fmtScore(c.score) : '—', highlight);
    // no composite: its reason stands where the number would be
    $('composite-big').hidden = !c;
    const missingReason = snap.withheld
      ? `No composite score for ${snap.withheld.period}: ${withheldWhy(snap.withheld.reason)}`
      : `No composite score in ${years.from}–${years.to}: not enough indicators have data.`;
    $('composite-withheld').hidden = Boolean(c);
    $('composite-withheld').textContent = c ? '' : prose(missingReason);
    const change = c ? (c.change ? describeChange(c.change, null) : changeIn(points, c.period))
      : { direction: 'none', text: '', note: '' };
    renderTrend($('composite-change'), $('composite-change-note'), change, highlight);
    setText($('composite-period'), c ? String(c.period) : '—', highlight);
    setText($('composite-method'), c?.method ?? '—');
    renderCoverage($('composite-coverage-bar'), $('composite-coverage'), c?.coverage, highlight);
    note($('composite-note'), c && snap.withheld
      ? `No composite for ${snap.withheld.period}: ${withheldWhy(snap.withheld.reason)}` : '');
    renderStanding(c, latest, highlight);
    const missing = c?.missing ?? [];
    $('composite-missing').hidden = missing.length === 0;
    $('composite-missing').textContent = missing.length
      ? `Not in ${c.period}'s composite (no reading): ${missing.map(nameOf).join(', ')}.` : '';
    const shown = points.filter((p) => p.x >= years.from && p.x <= years.to);
    drawSparkline($('composite-spark'), shown, '#000000');
    $('composite-spark-caption').textContent = shown.length
      ? `Composite ${shown[0].x}–${shown.at(-1).x}: from ${fmtScore(shown[0].y)} to ${fmtScore(shown.at(-1).y)}` : '';
    const warnings = c?.warnings ?? [];
    $('divergence').hidden = warnings.length === 0;
    $('divergence-messages').replaceChildren(...warnings.map((w) => el('li', { 'data-kind': w.kind },
      prose(w.message))));
  }

  function renderCard(ind, points, years, colour, highlight) {
    let card = cards.get(ind.id);
    if (!card) {
      card = createCard(ind, colour, onDrill);
      cards.set(ind.id, card);
      box.append(card.card);
    }
    card.score.dataset.value = isNum(ind.score) ? String(ind.score) : '';
    setText(card.score, fmtScore(ind.score), highlight);
    // a withheld reading: the server's reason where the number would be
    const reason = !isNum(ind.score) && ind.withheld ? `No score for ${ind.period}: ${ind.withheld}` : '';
    card.scoreLine.hidden = Boolean(reason);
    card.withheld.hidden = !reason;
    card.withheld.textContent = prose(reason);
    const change = ind.period === null ? { direction: 'none', text: `no reading in ${years.from}–${years.to}`, note: '' }
      : !isNum(ind.score) ? { direction: 'none', text: '', note: '' }
        : ind.change ? describeChange(ind.change, null) : changeIn(points, ind.period);
    renderTrend(card.trend, card.note, change, highlight);
    renderCoverage(card.coverage.fill, card.coverage.value, ind.coverage, highlight);
    setText(card.year, ind.period === null ? '' : `${ind.reading ? 'Latest reading' : 'Reading'} ${ind.period}`,
      highlight);
    drawSparkline(card.spark, points.filter((p) => p.x >= years.from && p.x <= years.to), colour);
  }

  function renderAsOf(snap) {
    $('overview-asof').hidden = !snap.asOf;
    $('overview-asof-text').textContent = snap.asOf
      ? `Showing ${snap.period ?? 'the years chosen'}, the last year with a score in the years chosen; the latest `
        + `scores are from ${snap.latestPeriod}.` : '';
  }

  return {
    /**
     * `snap`: from snapshot.js; `histories`: Map id -> points (the composite under 'composite'); `years`: {from, to};
     * `colourOf(id)`; `highlight`: flash values that changed (live updates).
     */
    render(snap, histories, years, colourOf, highlight = false, { regionName, latest } = {}) {
      const ids = new Set(snap.indicators.map((i) => i.id));
      for (const [id, card] of cards) {
        if (!ids.has(id)) { card.card.remove(); cards.delete(id); }
      }
      for (const ind of snap.indicators) {
        renderCard(ind, histories.get(ind.id) ?? [], years, colourOf(ind.id), highlight);
      }
      renderComposite(snap, histories.get('composite') ?? [], years, highlight, latest);
      setText($('headline'), latest ? headline({ name: regionName, snap, latest, histories, nameOf }) : '', highlight);
      renderAsOf(snap);
      box.dataset.count = String(snap.indicators.length);
    },
    clear() {
      for (const card of cards.values()) card.card.remove();
      cards.clear();
      $('composite-score').textContent = '—';
      $('composite-score').dataset.value = '';
      $('headline').textContent = '';
    },
  };
}
