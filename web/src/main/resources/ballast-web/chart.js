// History line chart (Chart.js 4 UMD, loaded as the global `Chart` by index.html).

export const COMPOSITE_COLOUR = '#000000';
export const PALETTE = ['#E69F00', '#56B4E9', '#009E73', '#D55E00', '#0072B2', '#CC79A7']; // Okabe-Ito

let chart = null;

const fmt = (v) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(1) : '—');

function toDatasets(series, years) {
  return series.map((s) => {
    const byYear = new Map(s.points.map((p) => [p.period, p.score]));
    return {
      label: s.label,
      data: years.map((y) => byYear.get(y) ?? null),
      borderColor: s.colour,
      backgroundColor: s.colour,
      borderWidth: s.id === 'composite' ? 3 : 2,
      pointRadius: 2,
      spanGaps: true,
    };
  });
}

function create(canvas, labels, datasets) {
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#3d4450';
  return new Chart(canvas, {
    type: 'line',
    data: { labels, datasets },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { title: { display: true, text: 'Year' } },
        y: { min: 0, max: 100, title: { display: true, text: 'Score (0–100)' } },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${fmt(ctx.parsed.y)}` } },
      },
    },
  });
}

/**
 * Draws (or redraws, without animation) the history chart.
 * `series` is [{ id, label, colour, points: [{ period, score }] }]; years on x, scores 0-100 on y.
 * Returns false when Chart.js is not available.
 */
export function drawHistory(canvas, series) {
  if (typeof Chart === 'undefined') return false;
  const years = [...new Set(series.flatMap((s) => s.points.map((p) => p.period)))].sort((a, b) => a - b);
  const labels = years.map(String);
  const datasets = toDatasets(series, years);
  if (chart) {
    chart.data.labels = labels;
    chart.data.datasets = datasets;
    chart.update('none');
  } else {
    chart = create(canvas, labels, datasets);
  }
  return true;
}
