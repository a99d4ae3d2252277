// One economy on screen: loads its latest scores, histories and events, shows them in the overview, the history
// chart and the drill-down, and applies live documents (at once to the overview, then reloads the charts).

import { getEvents, getHistory, getLatest } from './api.js';
import { $, fmtScore, fmtTime, settleNewest } from './format.js';
import * as state from './state.js';

const REFRESH_DELAY_MS = 150; // coalesces a burst of live events into one reload of the charts

const toPoints = (doc) => doc.points.map((p) =>
  ({ x: p.period, y: p.score, coverage: p.coverage, warnings: p.warnings }));
const sameScores = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const stamp = () => { $('updated').textContent = `updated ${fmtTime(new Date())}`; };

// Resolves once the browser has had a chance to paint (after the next frame, or 50 ms in a hidden tab).
const nextPaint = () => new Promise((resolve) => {
  requestAnimationFrame(() => setTimeout(resolve));
  setTimeout(resolve, 50);
});

// The frame that first draws scores: the user-timing mark the first-paint benchmark reads (docs/performance.md).
let firstDataMarked = false;
function markFirstData() {
  if (firstDataMarked) return;
  firstDataMarked = true;
  requestAnimationFrame(() => performance.mark('ballast:first-data'));
}

/**
 * `parts`: {overview, history, drilldown}; `names`: {regionName(code), nameOf(id), colourOf(id), styleOf(id),
 * pluginOf(id), indicatorIds()}; `onError(message)`, `onLoaded()`; `afterLive(doc)` runs after the charts reloaded for a live update.
 */
export function createEconomy({ parts, names, onError, onLoaded, afterLive }) {
  let data = null; // {region, latest, events, histories: Map id -> [{x, y, coverage, warnings?}]}
  let ticket = 0;
  let loading = Promise.resolve(); // the newest load
  let pending = null; // a live document that came while the economy's data was loading
  let refreshTimer = 0;

  async function fetchAll(v, events) {
    const from = Math.min(v.from, state.DEFAULT_FROM); // the overview needs the year before the latest
    const to = Math.max(v.to, state.CURRENT_YEAR);
    // The histories of the indicators we expect go out with the latest scores, not one round trip after them.
    const early = new Map(['composite', ...names.indicatorIds()].map((id) => [id, getHistory(v.region, id, from, to)]));
    const history = (id) => early.get(id) ?? getHistory(v.region, id, from, to);
    try {
      const [latest, eventsDoc] = await Promise.all([getLatest(v.region), events ?? getEvents(v.region)]);
      const ids = ['composite', ...(latest.indicators ?? []).map((i) => i.id)];
      const docs = await Promise.all(ids.map(history));
      const histories = new Map(ids.map((id, i) => [id, toPoints(docs[i])]));
      return { region: v.region, latest, events: eventsDoc, histories };
    } finally {
      early.forEach((p) => p.catch(() => {})); // an expected indicator the scores do not have: its answer is unused
    }
  }

  function showDrilldown(v) {
    const reading = data?.region === v.region ? data.latest.indicators?.find((i) => i.id === v.indicator) : undefined;
    parts.drilldown.show({ plugin: names.pluginOf(v.indicator), reading, region: v.region,
      regionName: names.regionName(v.region), seriesCode: v.series, colour: names.colourOf(v.indicator) });
  }

  /** The history chart and the drill-down: the heavier half of a render, drawn after the overview. */
  function renderCharts(v) {
    const { latest, histories, events } = data;
    const ids = ['composite', ...(latest.indicators ?? []).map((i) => i.id)];
    parts.history.render({
      region: v.region,
      regionName: names.regionName(v.region),
      events: events.events ?? [],
      years: { from: v.from, to: v.to },
      series: ids.map((id) => ({
        id,
        label: id === 'composite' ? 'Composite' : names.nameOf(id),
        style: names.styleOf(id),
        points: histories.get(id).filter((p) => p.x >= v.from && p.x <= v.to),
      })),
    });
    showDrilldown(v);
  }

  async function run(v, highlight) {
    const mine = ++ticket;
    const sameRegion = data?.region === v.region;
    $('region-name').textContent = names.regionName(v.region);
    document.title = `${names.regionName(v.region)} · Ballast`;
    try {
      const fresh = await fetchAll(v, sameRegion ? data.events : null);
      if (mine !== ticket) return;
      data = fresh;
      onLoaded();
      const view = state.get();
      parts.overview.render(data.latest, data.histories, { from: view.from, to: view.to }, names.colourOf,
        highlight && sameRegion);
      stamp();
      markFirstData();
      // Let the browser paint the scores before the charts take the main thread.
      await nextPaint();
      if (mine !== ticket) return;
      renderCharts(state.get());
      const waiting = pending;
      pending = null;
      if (waiting?.region === fresh.region && !sameScores(waiting, fresh.latest)) live(waiting);
    } catch (err) {
      if (mine !== ticket) return;
      if (!sameRegion) {
        data = null;
        parts.overview.clear();
      }
      onError(err.message);
    }
  }

  /** Tells screen-reader users what a live update changed in the composite (sighted users see it flash). */
  function announce(before, after) {
    const was = before.composite?.score;
    const now = after.composite?.score;
    if (was !== now) {
      $('announce').textContent =
        `${names.regionName(after.region)}: composite now ${fmtScore(now)}, was ${fmtScore(was)}.`;
    }
  }

  /** A live latest-scores document of the region on screen. */
  function live(doc) {
    const v = state.get();
    if (doc.region !== v.region) return;
    if (data?.region !== doc.region) {
      pending = doc; // the load under way decides whether this is news
      return;
    }
    if (sameScores(doc, data.latest)) return; // the snapshot on (re)connect: nothing new
    announce(data.latest, doc);
    data.latest = doc; // show the new values at once; the charts follow after the reload below
    parts.overview.render(doc, data.histories, { from: v.from, to: v.to }, names.colourOf, true);
    stamp();
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      load(state.get(), true);
      afterLive(doc);
    }, REFRESH_DELAY_MS);
  }

  /** Loads and shows the view's economy; `highlight` flashes what changed. */
  function load(v, highlight = false) {
    loading = run(v, highlight);
    return loading;
  }

  return {
    load,
    live,
    showDrilldown,

    /** Settles once the newest load has, even when newer loads replaced the ones running before. */
    settled: () => settleNewest(() => loading),
  };
}
