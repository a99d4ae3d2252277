// One economy on screen: loads its latest scores, histories and events, shows them in the overview, the history
// chart and the drill-down, and applies live documents (at once to the overview, then reloads the charts). The
// histories are fetched for the widest years (2000 or the first year chosen, to this year or the last chosen), so a
// change of the years within them redraws without a request.

import { getEvents, getHistory, getLatest } from './api.js';
import { $, fmtScore, settleNewest } from './format.js';
import { snapshot } from './snapshot.js';
import * as state from './state.js';

const REFRESH_DELAY_MS = 150; // coalesces a burst of live events into one reload of the charts

const toPoints = (doc) => doc.points.map((p) => ({ ...p, x: p.period, y: p.score }));
const sameScores = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const span = (v) => ({ from: Math.min(v.from, state.DEFAULT_FROM), to: Math.max(v.to, state.CURRENT_YEAR) });

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
 * `parts`: {overview, history, drilldown, extras(view, latest) (the parts below the fold, drawn after the charts)};
 * `names`: {regionName(code), nameOf(id), colourOf(id), styleOf(id),
 * pluginOf(id), indicatorIds()}; `onError(message)`, `onLoaded()` (fresh data is on screen); `afterLive(doc)` runs
 * after the charts reloaded for a live update.
 */
export function createEconomy({ parts, names, onError, onLoaded, afterLive }) {
  let data = null; // {region, span, latest, events, histories: Map id -> points, withheld: Map id -> [..]}
  let ticket = 0;
  let loading = Promise.resolve(); // the newest load
  let pending = null; // a live document that came while the economy's data was loading
  let refreshTimer = 0;

  async function fetchAll(v, events) {
    const { from, to } = span(v);
    // The histories of the indicators we expect go out with the latest scores, not one round trip after them.
    const early = new Map(['composite', ...names.indicatorIds()].map((id) => [id, getHistory(v.region, id, from, to)]));
    const history = (id) => early.get(id) ?? getHistory(v.region, id, from, to);
    try {
      const [latest, eventsDoc] = await Promise.all([getLatest(v.region), events ?? getEvents(v.region)]);
      const ids = ['composite', ...(latest.indicators ?? []).map((i) => i.id)];
      const docs = await Promise.all(ids.map(history));
      return { region: v.region, span: { from, to }, latest, events: eventsDoc,
        histories: new Map(ids.map((id, i) => [id, toPoints(docs[i])])),
        withheld: new Map(ids.map((id, i) => [id, docs[i].withheld ?? []])) };
    } finally {
      early.forEach((p) => p.catch(() => {})); // an expected indicator the scores do not have: its answer is unused
    }
  }

  /** The indicator the drill-down shows: the view's, else the first (by id) with a reading for the economy. */
  function drillIndicator(v) {
    if (v.indicator) return v.indicator;
    const readings = data?.latest.indicators ?? [];
    return readings.map((r) => r.id).sort()[0] ?? names.indicatorIds()[0] ?? null;
  }

  function showDrilldown(v) {
    const id = drillIndicator(v);
    const reading = data?.region === v.region ? data.latest.indicators?.find((i) => i.id === id) : undefined;
    parts.drilldown.show({ plugin: names.pluginOf(id), reading, region: v.region,
      regionName: names.regionName(v.region), seriesCode: v.series, colour: names.colourOf(id),
      years: { from: v.from, to: v.to } });
  }

  function renderOverview(v, highlight) {
    const years = { from: v.from, to: v.to };
    parts.overview.render(snapshot(data.latest, data.histories, years, data.withheld), data.histories, years,
      names.colourOf, highlight, { regionName: names.regionName(v.region), latest: data.latest });
  }

  /** The history chart and the drill-down: the heavier half of a render, drawn after the overview. */
  function renderCharts(v) {
    const { latest, histories, events, withheld } = data;
    const ids = ['composite', ...(latest.indicators ?? []).map((i) => i.id)];
    parts.history.render({
      region: v.region,
      regionName: names.regionName(v.region),
      events: events.events ?? [],
      view: v,
      lines: ids.map((id) => ({
        id,
        label: id === 'composite' ? 'Composite' : names.nameOf(id),
        style: names.styleOf(id),
        points: histories.get(id).filter((p) => p.x >= v.from && p.x <= v.to),
        withheld: withheld.get(id),
      })),
    });
    showDrilldown(v);
    parts.extras?.(v, latest);
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
      renderOverview(state.get(), highlight && sameRegion);
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
    renderOverview(v, true);
    onLoaded();
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      parts.drilldown.forget(doc.region);
      load(state.get(), true);
      afterLive(doc);
    }, REFRESH_DELAY_MS);
  }

  /**
   * A live change of an export-control event of the economy on screen ({action, region, event}): the chart's
   * annotations follow at once (the scores it moved arrive as a live document of their own). The events document is
   * changed in place, so a reload under way keeps the change.
   */
  function liveEvent(change) {
    if (data?.region !== change.region || !data.events) return; // a load of another economy fetches its own
    const others = (data.events.events ?? []).filter((e) => e.id !== change.event.id);
    data.events.events = change.action === 'retracted' ? others
      : [...others, change.event].sort((a, b) => a.date.localeCompare(b.date));
    renderCharts(state.get());
  }

  /** Loads and shows the view's economy; `highlight` flashes what changed. */
  function load(v, highlight = false) {
    loading = run(v, highlight);
    return loading;
  }

  /** Shows the view again from the data at hand when it covers the view's economy and years, else loads. */
  function show(v) {
    const covered = data && data.region === v.region && v.from >= data.span.from && v.to <= data.span.to;
    if (!covered) return load(v);
    renderOverview(v, false);
    renderCharts(v);
    return loading;
  }

  return {
    load,
    show,
    live,
    liveEvent,
    showDrilldown,

    /** The last year with a score of the economy on screen, or this year. */
    latestYear() {
      const years = [...(data?.histories.values() ?? [])].flatMap((points) => points.map((p) => p.x));
      return years.length ? Math.max(...years) : state.CURRENT_YEAR;
    },

    /** The indicator the drill-down shows for `v`. */
    drillIndicator,

    /** Settles once the newest load has, even when newer loads replaced the ones running before. */
    settled: () => settleNewest(() => loading),
  };
}
