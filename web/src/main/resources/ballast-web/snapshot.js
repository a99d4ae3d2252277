// What the overview shows for the years chosen. The latest-scores document is used as it is when its years fall in
// the chosen range; when the range ends earlier, the overview shows the last year of the range from the histories
// (score, coverage, warnings), and it says so.

import { isNum } from './format.js';

/** The last point of `points` in [from, to]. */
const lastIn = (points, { from, to }) => points.filter((p) => p.x >= from && p.x <= to && isNum(p.y)).at(-1) ?? null;

const inYears = (period, { from, to }) => period !== null && period !== undefined && period >= from && period <= to;

/** The last of `withheld` ([{period, reason}]) in the years, after `after` if given. */
const lastWithheld = (withheld, years, after = -Infinity) => (withheld ?? [])
  .filter((w) => inYears(w.period, years) && w.period > after).at(-1) ?? null;

/**
 * `latest`: the latest-scores document; `histories`: Map id -> [{x, y, coverage, warnings?, change?, rank?, band?,
 * rankInterval?}]; `years`: {from, to}; `withheldOf`: Map id -> [{period, reason}] of the history documents.
 * Returns {period, composite, indicators, latestPeriod, asOf, withheld}:
 * `composite` {score, coverage, method, missing, warnings, change?, rank?, band?, rankInterval?, subindices?,
 * subindexBands?, period} or null; `indicators` [{id, name, score, period, coverage, reading (the full reading when
 * it is the latest one), change?, withheld?}]; `asOf` true when the range ends before the latest year; `withheld`
 * {period, reason} when the server withholds the composite of a year shown after the one shown (or of every one).
 */
export function snapshot(latest, histories, years, withheldOf = new Map()) {
  const c = latest.composite;
  let composite = null;
  if (c && inYears(latest.period, years)) {
    composite = { ...c, period: latest.period };
  } else {
    const p = lastIn(histories.get('composite') ?? [], years);
    if (p) {
      const ids = [...(latest.indicators ?? []).map((i) => i.id), ...(c?.missing ?? [])];
      const missing = ids.filter((id) => !(histories.get(id) ?? []).some((q) => q.x === p.x && isNum(q.y)));
      composite = { score: p.y, coverage: p.coverage, method: c?.method, missing, warnings: p.warnings ?? [],
        change: p.change, rank: p.rank, band: p.band, rankInterval: p.rankInterval, period: p.x };
    }
  }
  const indicators = (latest.indicators ?? []).map((ind) => {
    if (inYears(ind.period, years)) return { ...ind, reading: ind };
    const p = lastIn(histories.get(ind.id) ?? [], years);
    if (p) return { id: ind.id, name: ind.name, score: p.y, period: p.x, coverage: p.coverage, change: p.change };
    const gap = lastWithheld(withheldOf.get(ind.id), years);
    return { id: ind.id, name: ind.name, score: null, period: gap?.period ?? null, coverage: null,
      withheld: gap?.reason };
  });
  const withheld = latest.compositeWithheld && inYears(latest.compositeWithheld.period, years)
    ? latest.compositeWithheld : lastWithheld(withheldOf.get('composite'), years, composite?.period);
  return {
    period: composite?.period ?? null,
    composite,
    indicators,
    withheld,
    latestPeriod: latest.period,
    asOf: years.to < latest.period,
  };
}
