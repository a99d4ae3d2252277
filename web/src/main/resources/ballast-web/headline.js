// The one sentence a newcomer reads first: the composite's level in words, its rank among the configured economies
// (with the range the uncertainty analysis gives it), its change on the year before with what moved most, and
// whether those comparisons are like for like. Where the server gives no number, the sentence says why instead.

import { ordinal } from './change.js';
import { fmtChange, fmtScore, isNum } from './format.js';

/**
 * The qualitative bands of the composite (0-100): the 0-100 scale runs between fixed goalposts, so five bands of 20
 * points each name where a score sits between them. docs/dashboard.md documents these thresholds.
 */
export const LEVELS = [
  { min: 80, word: 'very high' },
  { min: 60, word: 'high' },
  { min: 40, word: 'moderate' },
  { min: 20, word: 'low' },
  { min: 0, word: 'very low' },
];

/** The band's word for a score: "low" for 30.4. */
export const levelOf = (score) => (LEVELS.find((l) => score >= l.min) ?? LEVELS.at(-1)).word;

const listOf = (names) => (names.length < 2 ? names.join('')
  : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/**
 * The indicator whose like-for-like change into `period` (from the year before) is largest in size: {id, value}, or
 * null when none has one. `histories`: Map id -> points [{x, change?}].
 */
export function movedMost(histories, ids, period) {
  let best = null;
  for (const id of ids) {
    const change = (histories.get(id) ?? []).find((p) => p.x === period)?.change;
    if (!change || !isNum(change.value) || change.likeForLike === false || change.from !== period - 1) continue;
    if (!best || Math.abs(change.value) > Math.abs(best.value)) best = { id, value: change.value };
  }
  return best;
}

function rankPart(rank, interval) {
  if (!rank) return null;
  if (!isNum(rank.position) || rank.likeForLike === false) {
    return `not ranked${rank.reason ? ` (${rank.reason})` : ''}`;
  }
  let text = `ranked ${ordinal(rank.position)} of the ${rank.of} economies with a ${rank.year} composite, `
    + 'like for like';
  if (interval && isNum(interval.best) && isNum(interval.worst)) {
    if (interval.best === interval.worst) {
      text += interval.best === rank.position ? ', and the same in 90% of the uncertainty draws'
        : `, and ${ordinal(interval.best)} in 90% of the uncertainty draws`;
    } else {
      text += `, ${ordinal(interval.best)} to ${ordinal(interval.worst)} across the uncertainty draws`;
    }
  }
  return text;
}

function changePart(change, mover, nameOf) {
  if (!change) return null;
  if (!isNum(change.value) || change.likeForLike === false) {
    return `no like-for-like change on ${change.from}${change.reason ? ` (${change.reason})` : ''}`;
  }
  const size = Math.abs(change.value);
  const moved = size < 0.05 ? `unchanged on ${change.from}, like for like`
    : `${change.value > 0 ? 'up' : 'down'} ${size.toFixed(1)} points on ${change.from}, like for like`;
  return mover ? `${moved}, most of all ${nameOf(mover.id)} (${fmtChange(mover.value)})` : moved;
}

/**
 * The sentence for one economy. `snap`: from snapshot.js (the composite of the last year shown, with its change,
 * rank, band and rank interval; `withheld` when the server withholds a year's composite); `latest`: the latest
 * document; `histories`: Map id -> points; `name`: the economy's name; `nameOf(id)`: an indicator's name.
 */
export function headline({ name, snap, latest, histories, nameOf }) {
  const c = snap.composite;
  if (!c) {
    const lacking = (latest.indicators ?? []).filter((i) => !isNum(i.score)).map((i) => nameOf(i.id));
    const why = lacking.length ? `${listOf(lacking)} ${lacking.length === 1 ? 'has' : 'have'} too little data`
      : snap.withheld?.reason ?? 'too few inputs have data';
    const when = snap.withheld ? `for ${snap.withheld.period}` : 'in the years shown';
    return `${name} has no composite score ${when}, so no level, rank or change can be given: ${why}.`;
  }
  const band = c.band && isNum(c.band.p5) && isNum(c.band.p95)
    ? ` (90% range ${fmtScore(c.band.p5)}–${fmtScore(c.band.p95)})` : '';
  const ids = (latest.indicators ?? []).map((i) => i.id);
  const parts = [
    `${name}: ${levelOf(c.score)} resilience, ${fmtScore(c.score)} of 100 in ${c.period}${band}`,
    rankPart(c.rank, c.rankInterval),
    changePart(c.change, movedMost(histories, ids, c.period), nameOf),
  ].filter(Boolean);
  return `${parts.join('; ')}.`;
}
