// Which of the analyst's choices matters most for an economy's latest composite: the first-order and total Sobol
// indices of each choice (GET /api/v1/sensitivity) as a bar chart in the drill-down, with a one-line reading and a
// table as its text alternative. Loaded on first use, after the scores are on screen.

import { getSensitivity } from './api.js';
import { uncertaintyNote } from './change.js';
import { $, el, fmtNumber, isNum } from './format.js';
import { lineSymbol } from './legend.js';
import { fillTable } from './table.js';

/** The choices as a viewer reads them; a choice the page does not know is shown by its API name. */
const CHOICES = {
  'indicator weights': { text: 'the weights of the indicators', plural: true },
  'input weights': { text: 'the weights of the inputs within each indicator', plural: true },
  goalposts: { text: 'the goalposts', plural: true },
  aggregation: { text: 'the aggregation (geometric or arithmetic mean)', plural: false },
  'missing-data rule': { text: 'the missing-data rule', plural: false },
};
const describe = (choice) => CHOICES[choice]?.text ?? choice;
const capital = (text) => text.charAt(0).toUpperCase() + text.slice(1);
const percent = (share) => `${Math.round(share * 100)}%`;

// bars: first-order lighter, total darker; both above 4.5:1 on white, and the legend and table say which is which
const FIRST = { colour: '#0072B2', label: 'alone (first-order index)' };
const TOTAL = { colour: '#1b1f24', label: 'with its interactions (total index)' };

let shownKey = null;
let ticket = 0;

/** "For China's 2024 composite, the aggregation … matters most: alone it accounts for 42% …". */
export function reading(doc, regionName) {
  const indices = (doc.indices ?? []).filter((i) => isNum(i.total));
  if (!indices.length) return `The analysis gives no index for ${regionName}'s composite.`;
  const sorted = [...indices].sort((a, b) => b.total - a.total);
  const [top, next] = sorted;
  const alone = isNum(top.first) ? `alone it accounts for ${percent(Math.max(0, top.first))} of the composite's `
    + `variance across the draws, ${percent(top.total)} with its interactions` : `${percent(top.total)} of the `
    + 'variance with its interactions';
  const verb = CHOICES[top.choice]?.plural ? 'matter' : 'matters';
  return `For ${regionName}'s ${doc.period} composite, ${describe(top.choice)} ${verb} most: ${alone}`
    + `${next ? `; next come ${describe(next.choice)} (${percent(next.total)} with interactions)` : ''}.`;
}

function clear(message) {
  if (typeof Chart !== 'undefined') Chart.getChart($('sensitivity-chart'))?.destroy();
  $('sensitivity-chart').parentElement.hidden = true;
  $('sensitivity-legend').replaceChildren();
  $('sensitivity-reading').textContent = '';
  $('sensitivity-status').textContent = message;
  $('sensitivity-status').hidden = !message;
  fillTable($('sensitivity-table'), { columns: [{ label: 'Choice' }, { label: 'Alone', numeric: true },
    { label: 'With interactions', numeric: true }], rows: [] });
  $('sensitivity').dataset.status = '';
}

function draw(doc, regionName) {
  const indices = doc.indices ?? [];
  const canvas = $('sensitivity-chart');
  canvas.parentElement.hidden = false;
  const labels = indices.map((i) => capital(i.choice));
  const data = {
    labels,
    datasets: [FIRST, TOTAL].map((look, k) => ({
      label: capital(look.label),
      data: indices.map((i) => Math.max(0, (k === 0 ? i.first : i.total) ?? 0)),
      backgroundColor: look.colour,
      borderColor: look.colour,
      barPercentage: 0.9,
      categoryPercentage: 0.7,
    })),
  };
  const options = {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    indexAxis: 'y',
    scales: {
      x: { min: 0, max: 1, title: { display: true, text: 'Share of the variance of the composite' },
        ticks: { callback: (v) => `${Math.round(v * 100)}%` } },
      y: { grid: { display: false } },
    },
    plugins: {
      legend: { display: false },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${fmtNumber(ctx.parsed.x, 3)}` } },
    },
  };
  const existing = Chart.getChart(canvas);
  if (existing) {
    existing.data = data;
    existing.options = options;
    existing.update('none');
  } else {
    // eslint-disable-next-line no-new
    new Chart(canvas, { type: 'bar', data, options });
  }
  canvas.setAttribute('aria-label', `Bar chart of the Sobol indices of each choice for ${regionName}'s `
    + `${doc.period} composite: ${indices.map((i) => `${i.choice} ${percent(Math.max(0, i.first ?? 0))} alone, `
      + `${percent(i.total ?? 0)} with interactions`).join('; ')}. The table below holds the same numbers.`);
  $('sensitivity-legend').replaceChildren(...[FIRST, TOTAL].map((look) => el('li', { class: 'legend-item' },
    lineSymbol({ colour: look.colour, point: 'rect', width: 8 }), el('span', { class: 'legend-label' }, look.label))));
}

/**
 * Shows the indices of `region`'s latest composite. `latest` is its latest document: its uncertainty status and
 * computedAt say whether the indices can have changed since they were last shown.
 */
export async function showSensitivity({ region, regionName, latest }) {
  const status = latest?.uncertainty?.status ?? 'pending';
  const key = `${region}|${status}|${latest?.uncertainty?.computedAt ?? ''}|${latest?.composite?.score ?? ''}`;
  if (key === shownKey) return;
  shownKey = key;
  const mine = ++ticket;
  $('sensitivity-heading').textContent = `Which choice matters most for ${regionName}'s composite`;
  if (!latest?.composite) {
    clear(`${regionName} has no composite score, so there is nothing to analyse.`);
    $('sensitivity').dataset.status = 'none';
    return;
  }
  if (status !== 'done') {
    clear(uncertaintyNote(latest.uncertainty));
    $('sensitivity').dataset.status = status;
    return;
  }
  let doc;
  try {
    doc = await getSensitivity(region);
  } catch (err) {
    if (mine !== ticket) return;
    shownKey = null; // asked again next time
    clear(`The sensitivity of ${regionName}'s composite could not be loaded: ${err.message}`);
    return;
  }
  if (mine !== ticket) return;
  if (doc.status !== 'done') {
    shownKey = null;
    clear(uncertaintyNote(doc));
    $('sensitivity').dataset.status = doc.status;
    return;
  }
  clear('');
  draw(doc, regionName);
  $('sensitivity-reading').textContent = reading(doc, regionName);
  fillTable($('sensitivity-table'), {
    caption: `Sobol indices of ${regionName}'s ${doc.period} composite over ${doc.rows.toLocaleString('en')} rows `
      + `of the design (${doc.samples.toLocaleString('en')} samples): the share of its variance each choice explains`,
    columns: [{ label: 'Choice' }, { label: 'Alone (first-order)', numeric: true },
      { label: 'With interactions (total)', numeric: true }],
    rows: (doc.indices ?? []).map((i) => [capital(i.choice), fmtNumber(i.first, 3), fmtNumber(i.total, 3)]),
  });
  $('sensitivity').dataset.status = 'done';
  $('sensitivity').dataset.period = String(doc.period);
}
