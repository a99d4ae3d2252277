// Year-on-year changes and ranks, shown only where they compare like with like.
//
// The server's methodology v2 sends `change: {from, value|null, likeForLike, basis, note?, reason?}` and
// `rank: {position|null, of, year, likeForLike, basis, excluded, reason?}`. With those, a number is shown only when it
// is like for like; otherwise the reason is. Until the server sends them, the page computes the change from the two
// published scores and says when the two years' coverage differs, because then the two scores rest on different
// inputs.

import { fmtChange, fmtPercent, fmtScore, isNum } from './format.js';

/** 1 -> "1st", 2 -> "2nd", 12 -> "12th", 23 -> "23rd". */
export function ordinal(n) {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' })[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

const count = (n) => (isNum(n) ? n.toLocaleString('en') : '?');

/**
 * What to say about a like-for-like rank ({position|null, of, year, likeForLike, basis?, reason?}): {position,
 * text, note}; without a position the text says so and the note gives the server's reason. Null without a rank.
 */
export function describeRank(rank) {
  if (!rank) return null;
  if (!isNum(rank.position) || rank.likeForLike === false) {
    return { position: null, text: 'not ranked', note: rank.reason ?? '' };
  }
  return { position: rank.position, text: `${ordinal(rank.position)} of ${rank.of} in ${rank.year}`,
    note: rank.basis ? `Ranked like for like among the economies with a ${rank.year} composite: ${rank.basis}.` : '' };
}

/**
 * The rank interval of the uncertainty analysis ({best, median, worst, of, ranked, draws}): {text, note}, or null
 * without one. `best`..`worst` are the 5th and 95th percentiles of the rank over the draws that rank the economy.
 */
export function describeRankInterval(interval) {
  if (!interval) return null;
  if (!isNum(interval.best) || !isNum(interval.worst)) {
    return { text: 'no range', note: `No draw of the uncertainty analysis ranks it (${count(interval.ranked)} of `
      + `${count(interval.draws)}).` };
  }
  const text = interval.best === interval.worst ? ordinal(interval.best)
    : `${ordinal(interval.best)}–${ordinal(interval.worst)}`;
  return { text, note: `Rank range: ${text} of ${interval.of}, the 5th to 95th percentile of its rank over the `
    + `${count(interval.ranked)} of ${count(interval.draws)} draws of the uncertainty analysis that rank it.` };
}

/**
 * A score's band of the uncertainty analysis ({p5, p50, p95, defined, draws}): {text ("20.9–44.4"), note}, or null.
 */
export function describeBand(band) {
  if (!band || !isNum(band.p5) || !isNum(band.p95)) return null;
  return { text: `${fmtScore(band.p5)}–${fmtScore(band.p95)}`,
    note: `Between ${fmtScore(band.p5)} and ${fmtScore(band.p95)} (median ${fmtScore(band.p50)}) in 90% of the `
      + `draws of the uncertainty analysis: other defensible weights, goalposts, aggregation and missing-data rules. `
      + `${count(band.defined)} of its ${count(band.draws)} draws give a score.` };
}

/** What the uncertainty status of a latest document ({status: done|pending|off}) means for a viewer, or ''. */
export function uncertaintyNote(uncertainty) {
  const status = uncertainty?.status;
  if (status === 'pending') return 'The uncertainty analysis of the current scores is running; its ranges follow.';
  if (status === 'off') return 'The uncertainty analysis is switched off on this server.';
  return '';
}

const directionOf = (delta) => (!isNum(delta) ? 'none' : delta > 0.05 ? 'up' : delta < -0.05 ? 'down' : 'flat');

/**
 * What to say about a score's change: {direction ('up'|'down'|'flat'|'none'), delta (null when none can be
 * shown), text, note}.
 * `change`: the server's change object, when it sends one; `computed`: {delta, year, coverage, previousCoverage}
 * from the two published scores, or null when the year before has none.
 */
export function describeChange(change, computed) {
  if (change && typeof change === 'object') {
    if (!isNum(change.value) || change.likeForLike === false) {
      return { direction: 'none', delta: null, text: 'no like-for-like change',
        note: change.reason ?? change.note ?? 'The two years rest on different inputs.' };
    }
    return { direction: directionOf(change.value), delta: change.value, text: `${fmtChange(change.value)} on ${change.from}`,
      note: change.note ?? (change.basis ? `Like for like: ${change.basis}.` : '') };
  }
  if (!computed) return { direction: 'none', delta: null, text: 'no score the year before', note: '' };
  const differ = isNum(computed.coverage) && isNum(computed.previousCoverage)
    && Math.round(computed.coverage * 100) !== Math.round(computed.previousCoverage * 100);
  return {
    direction: directionOf(computed.delta),
    delta: computed.delta,
    text: `${fmtChange(computed.delta)} on ${computed.year}`,
    note: differ ? `Not like for like: coverage was ${fmtPercent(computed.previousCoverage)} in ${computed.year}, `
      + `${fmtPercent(computed.coverage)} now, so the two scores rest on different inputs.` : '',
  };
}

/** The change of the point at `period` in `points` ([{x, y, coverage, change?}]) on the year before. */
export function changeIn(points, period) {
  const now = points.find((p) => p.x === period);
  const before = points.find((p) => p.x === period - 1);
  const computed = now && before && isNum(now.y) && isNum(before.y)
    ? { delta: now.y - before.y, year: period - 1, coverage: now.coverage, previousCoverage: before.coverage } : null;
  return describeChange(now?.change, computed);
}
