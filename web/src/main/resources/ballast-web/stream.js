// Live score updates over Server-Sent Events with a visible status: connecting, live, reconnecting, offline.
// EventSource reconnects by itself after a dropped connection and sends Last-Event-ID, so the server replays what
// was missed; only when the browser gives up for good (an answer that is not a stream) do we open a new one.

import { streamUrl } from './api.js';

const RETRY_MS = [2000, 5000, 15000, 30000];

/**
 * Follows `region`'s stream: `onScore(doc, id)` for each new latest-scores document, `onStatus(state)` on every
 * change of the connection. Returns {close()}.
 */
export function follow(region, { onScore, onStatus }) {
  let source = null;
  let closed = false;
  let attempts = 0;
  let timer = 0;
  let lastId = -Infinity; // ids only grow: an id already seen is a replayed duplicate

  function open() {
    source = new EventSource(streamUrl(region));
    onStatus(attempts === 0 ? 'connecting' : 'reconnecting');
    source.onopen = () => {
      attempts = 0;
      onStatus(navigator.onLine === false ? 'offline' : 'live');
    };
    source.onerror = () => {
      if (closed) return;
      if (source.readyState === EventSource.CONNECTING) {
        onStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
        return;
      }
      onStatus('offline');
      source.close();
      timer = setTimeout(open, RETRY_MS[Math.min(attempts++, RETRY_MS.length - 1)]);
    };
    source.addEventListener('score', (event) => {
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
      if (doc.region === region) onScore(doc, id);
    });
  }

  const wentOffline = () => onStatus('offline');
  const cameOnline = () => {
    if (source.readyState === EventSource.OPEN) onStatus('live');
    else if (source.readyState === EventSource.CLOSED) {
      clearTimeout(timer);
      open();
    }
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
  };
}
