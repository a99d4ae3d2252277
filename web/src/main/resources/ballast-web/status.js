// The live status at the top of the page (it stays in view while scrolling): the stream's state, when the data on
// screen arrived (date, time and time zone) and how old it is, and while offline when the next attempt is due with a
// button to try at once.

import { $, fmtAge, fmtDateTime } from './format.js';

const TEXT = { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting', offline: 'Offline' };
const TICK_MS = 15_000;
const TIME = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** `onRetry()` runs when the viewer asks to reconnect now. */
export function createStatus({ onRetry }) {
  let received = null; // when the data on screen arrived
  let state = 'connecting';
  let retryAt = null;

  function render() {
    $('live-status').dataset.state = state;
    $('live-status-text').textContent = TEXT[state] ?? state;
    $('status-retry').hidden = state !== 'offline';
    const age = received ? Date.now() - received.getTime() : null;
    $('data-age').hidden = !received;
    if (received) {
      const time = $('data-time');
      time.dateTime = received.toISOString();
      time.textContent = fmtDateTime(received);
      $('data-age-text').textContent = fmtAge(age);
    }
    $('status-note').textContent = state === 'offline'
      ? `No live updates: the server cannot be reached${retryAt ? `; next try at ${TIME.format(retryAt)}` : ''}.`
      : '';
  }

  $('status-retry').addEventListener('click', () => onRetry());
  setInterval(render, TICK_MS);

  return {
    /** The stream's state changed: `info.retryAt` while offline. */
    setState(next, info = {}) {
      state = next;
      retryAt = info.retryAt ?? null;
      render();
    },
    /** Fresh data from the server is on screen. */
    received() {
      received = new Date();
      render();
    },
    get state() {
      return state;
    },
  };
}
