// The years of the view: two year fields, quick ranges (5 and 10 years up to the latest data, all years), a time
// slider with a handle for each end, and Play, which moves the last year forward one year at a time.

import { $ } from './format.js';
import * as state from './state.js';

const STEP_MS = 700;

/** `onChange(patch, options)` changes the view (state.update); `latestYear()` is the last year with data. */
export function createTimebar({ onChange, latestYear }) {
  let timer = 0;
  let gesture = true; // the first change of a slider gesture makes a history entry, the rest replace it

  function showProblem(problem) {
    $('years-error').textContent = problem;
    $('years-error').hidden = !problem;
    $('from').setAttribute('aria-invalid', String(Boolean(problem)));
    $('to').setAttribute('aria-invalid', String(Boolean(problem)));
  }

  function onFields() {
    const from = state.parseYear($('from').value, null);
    const to = state.parseYear($('to').value, null);
    const problem = from === null || to === null ? `Years are four-digit, ${state.MIN_YEAR} to ${state.MAX_YEAR}.`
      : from > to ? 'The first year must not be after the last.' : '';
    showProblem(problem);
    if (!problem) onChange({ from, to });
  }

  function onSlider(which) {
    const from = Number($('from-range').value);
    const to = Number($('to-range').value);
    const patch = which === 'from' ? { from: Math.min(from, to) } : { to: Math.max(from, to) };
    onChange(patch, { replace: !gesture });
    gesture = false;
  }

  function stop() {
    clearInterval(timer);
    timer = 0;
    $('play').setAttribute('aria-pressed', 'false');
    $('play').querySelector('.play-text').textContent = 'Play';
    $('play').querySelector('.play-icon').textContent = '▶';
  }

  function step() {
    const v = state.get();
    if (v.to >= latestYear()) stop();
    else onChange({ to: v.to + 1 }, { replace: true });
  }

  function play() {
    const v = state.get();
    const end = latestYear();
    // from the first year onwards, unless the last year is already somewhere in between
    const start = v.to >= end || v.to <= v.from ? Math.min(v.from + 1, end) : v.to;
    onChange({ to: start });
    $('play').setAttribute('aria-pressed', 'true');
    $('play').querySelector('.play-text').textContent = 'Pause';
    $('play').querySelector('.play-icon').textContent = '❚❚';
    timer = setInterval(step, STEP_MS);
  }

  for (const id of ['from', 'to']) {
    $(id).min = String(state.MIN_YEAR);
    $(id).max = String(state.MAX_YEAR);
    $(id).addEventListener('change', onFields);
    $(`${id}-range`).addEventListener('input', () => onSlider(id));
    $(`${id}-range`).addEventListener('pointerdown', () => { gesture = true; });
    $(`${id}-range`).addEventListener('keydown', () => { gesture = true; });
  }
  $('play').addEventListener('click', () => (timer ? stop() : play()));
  for (const button of document.querySelectorAll('[data-range]')) {
    button.addEventListener('click', () => {
      stop();
      const span = button.dataset.range;
      const end = latestYear();
      onChange(span === 'all' ? { from: state.DEFAULT_FROM, to: state.CURRENT_YEAR }
        : { from: end - Number(span) + 1, to: end });
    });
  }

  return {
    /** Shows the view's years in the fields, the slider and the quick ranges. */
    sync(v) {
      showProblem('');
      $('from').value = String(v.from);
      $('to').value = String(v.to);
      const min = Math.min(state.DEFAULT_FROM, v.from);
      const max = Math.max(state.CURRENT_YEAR, v.to);
      for (const id of ['from-range', 'to-range']) {
        $(id).min = String(min);
        $(id).max = String(max);
      }
      $('from-range').value = String(v.from);
      $('to-range').value = String(v.to);
      $('from-range').setAttribute('aria-valuetext', `from ${v.from}`);
      $('to-range').setAttribute('aria-valuetext', `to ${v.to}`);
      const end = latestYear();
      for (const button of document.querySelectorAll('[data-range]')) {
        const span = button.dataset.range;
        const on = span === 'all' ? v.from === state.DEFAULT_FROM && v.to === state.CURRENT_YEAR
          : v.to === end && v.from === end - Number(span) + 1;
        button.setAttribute('aria-pressed', String(on));
      }
    },
    stop,
  };
}
