// Year-on-year changes and ranks, shown only where they compare like with like.
//
// The server's methodology v2 sends `change: {from, value|null, likeForLike, basis, note?, reason?}` and
// `rank: {position|null, of, year, likeForLike, basis, excluded, reason?}`. With those, a number is shown only when it
// is like for like; otherwise the reason is. Until the server sends them, the page computes the change from the two
// published scores and says when the two years' coverage differs, because then the two scores rest on different
// inputs.

import { fmtChange, fmtPercent, isNum } from './format.js';

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

/**
 * Ranks `rows` ([{code, last: {x, y, coverage, rank?}}]): with the server's ranks when every row has one (v2), else
 * by score, highest first. Returns {rows: [{...row, position, reason}], note}.
 */
export function rank(rows) {
  if (rows.length && rows.every((r) => r.last?.rank)) {
    const excluded = new Map(rows.flatMap((r) => r.last.rank.excluded ?? []).map((e) => [e.region, e.reason]));
    const ranked = rows.map((r) => ({ ...r, position: r.last.rank.likeForLike === false ? null : r.last.rank.position,
      reason: r.last.rank.reason ?? excluded.get(r.code) ?? '' }))
      .sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity));
    const basis = rows.find((r) => r.last.rank.basis)?.last.rank.basis;
    return { rows: ranked, note: basis ? `Ranked like for like: ${basis}.` : '' };
  }
  const scored = rows.filter((r) => isNum(r.last?.y)).sort((a, b) => b.last.y - a.last.y);
  const ranked = [...scored.map((r, i) => ({ ...r, position: i + 1, reason: '' })),
    ...rows.filter((r) => !isNum(r.last?.y)).map((r) => ({ ...r, position: null, reason: 'no score in these years' }))];
  const years = new Set(scored.map((r) => r.last.x));
  const coverages = new Set(scored.map((r) => Math.round((r.last.coverage ?? 0) * 100)));
  const note = years.size > 1 || coverages.size > 1
    ? 'Not like for like: the latest scores come from different years or rest on different shares of the inputs '
      + '(see Year and Coverage).' : '';
  return { rows: ranked, note };
}
