// Live score updates over Server-Sent Events with a visible status: connecting, live, reconnecting, offline.
// EventSource reconnects by itself after a dropped connection and sends Last-Event-ID, so the server replays what
// was missed. It would retry for ever, though: after FAILURES_BEFORE_OFFLINE failed attempts in a row the page says
// "offline", closes it and tries again itself, less and less often, or at once when asked (retryNow) or when the
// device comes back online.

import { streamUrl } from './api.js';

export const FAILURES_BEFORE_OFFLINE = 3;
const RETRY_MS = [5000, 15000, 30000];

/**
 * Follows `region`'s stream: `onScore(doc, id, eventName)` for each new latest-scores document (event `score` or
 * `uncertainty`), `onEvent(change)` for each export-control event added, changed or retracted ({action, region,
 * event}), `onStatus(state, {retryAt})` on every change of the connection (`retryAt`: when the next attempt is due
 * while offline). Returns {close(), retryNow()}.
 */
export function follow(region, { onScore, onEvent, onStatus }) {
  let source = null;
  let closed = false;
  let everOpen = false;
  let failures = 0; // failed attempts in a row
  let offlineRounds = 0;
  let timer = 0;
  let lastId = -Infinity; // ids only grow: an id already seen is a replayed duplicate

  function goOffline() {
    source?.close();
    const wait = RETRY_MS[Math.min(offlineRounds++, RETRY_MS.length - 1)];
    clearTimeout(timer);
    timer = setTimeout(open, wait);
    onStatus('offline', { retryAt: Date.now() + wait });
  }

  function open() {
    clearTimeout(timer);
    source?.close();
    failures = 0;
    source = new EventSource(streamUrl(region));
    onStatus(everOpen ? 'reconnecting' : 'connecting', {});
    source.onopen = () => {
      everOpen = true;
      failures = 0;
      offlineRounds = 0;
      onStatus(navigator.onLine === false ? 'offline' : 'live', {});
    };
    source.onerror = () => {
      if (closed) return;
      failures += 1;
      // CLOSED: the browser gave up (an answer that is not a stream); CONNECTING: it retries by itself
      if (source.readyState === EventSource.CLOSED || failures >= FAILURES_BEFORE_OFFLINE
          || navigator.onLine === false) {
        goOffline();
      } else {
        onStatus('reconnecting', {});
      }
    };
    // 'score' after a recompute, 'uncertainty' when the analysis of the current scores is done (both carry the
    // region's whole latest document), 'event' for an export-control action; all share one sequence of ids, so an id
    // already seen is a replayed duplicate.
    const listen = (name, handle) => source.addEventListener(name, (event) => {
      const id = Number(event.lastEventId);
      if (Number.isFinite(id)) {
        if (id <= lastId) return;
        lastId = id;
      }
      let doc;
      try {
        doc = JSON.parse(event.data);
      } catch {
        return; // a malformed event: the next one carries the full state again
      }
      if (doc.region === region) handle(doc, id, event.type);
    });
    listen('score', onScore);
    listen('uncertainty', onScore);
    if (onEvent) listen('event', onEvent);
  }

  const wentOffline = () => goOffline();
  const cameOnline = () => {
    if (source.readyState !== EventSource.OPEN) open();
  };
  window.addEventListener('offline', wentOffline);
  window.addEventListener('online', cameOnline);
  open();

  return {
    close() {
      closed = true;
      clearTimeout(timer);
      source.close();
      window.removeEventListener('offline', wentOffline);
      window.removeEventListener('online', cameOnline);
    },
    /** Tries to connect now instead of waiting for the next attempt. */
    retryNow() {
      if (!closed && source.readyState !== EventSource.OPEN) open();
    },
  };
}
