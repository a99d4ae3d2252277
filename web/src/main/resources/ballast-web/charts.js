// Line charts on Chart.js 4 (its UMD build, the global `Chart`, loaded by the page from its webjar). Every chart of
// the page is drawn here: missing years as gaps, optional indexing to the first year, labels at the line ends, the
// highlight of the line under the pointer, and fixed symbols in the tooltip. Legends are HTML (legend.js).

import { fmtNumber, isNum } from './format.js';
import { INK, fade } from './palette.js';
import { endLabelWidth, lineEnds } from './lineends.js';

export { setHighlight } from './lineends.js';

export const chartsAvailable = () => typeof Chart !== 'undefined';

/** Paints the canvas white before drawing, so that a downloaded image is not transparent. */
const whiteBackground = {
  id: 'ballastBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

/** The fill of the composite's band (the 5th to 95th percentile of the uncertainty analysis). */
export const BAND_FILL = 'rgba(27, 31, 36, 0.16)';

/**
 * Shades the band of a line's points (`point.band`: {p5, p95}) behind the lines: the plugin `ballastBand` with
 * option `of` (the line's id). Runs of consecutive years with a band are shaded as one area; a year alone as a bar.
 * In the relative view (points indexed, the score kept in `value`) the band is indexed the same way. The areas
 * drawn are left in `chart.$ballastBand` ([[{x, lo, hi}]], pixels) for the SVG figure.
 */
export const uncertaintyBand = {
  id: 'ballastBand',
  defaults: { of: null },
  beforeDatasetsDraw(chart, _args, opts) {
    chart.$ballastBand = [];
    const index = chart.data.datasets.findIndex((d) => d.ballastId === opts.of);
    if (!opts.of || index < 0 || !chart.isDatasetVisible(index)) return;
    const { x, y } = chart.scales;
    const runs = [];
    let run = [];
    for (const p of chart.data.datasets[index].data) {
      const band = p.band;
      if (isNum(p.y) && band && isNum(band.p5) && isNum(band.p95)) {
        const k = isNum(p.value) && p.value !== 0 ? p.y / p.value : 1;
        run.push({ x: x.getPixelForValue(p.x), lo: y.getPixelForValue(band.p5 * k),
          hi: y.getPixelForValue(band.p95 * k) });
      } else if (run.length) {
        runs.push(run);
        run = [];
      }
    }
    if (run.length) runs.push(run);
    const { ctx, chartArea: area } = chart;
    const on = chart.$highlight;
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    ctx.fillStyle = on === undefined || on === null || on === index ? BAND_FILL : 'rgba(27, 31, 36, 0.06)';
    for (const r of runs) {
      ctx.beginPath();
      if (r.length === 1) {
        ctx.rect(r[0].x - 3, r[0].hi, 6, r[0].lo - r[0].hi);
      } else {
        r.forEach((q, i) => (i ? ctx.lineTo(q.x, q.hi) : ctx.moveTo(q.x, q.hi)));
        [...r].reverse().forEach((q) => ctx.lineTo(q.x, q.lo));
        ctx.closePath();
      }
      ctx.fill();
    }
    ctx.restore();
    chart.$ballastBand = runs;
  },
};

let defaultsSet = false;

function setDefaults() {
  if (defaultsSet) return;
  defaultsSet = true;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = INK;
  Chart.defaults.borderColor = '#e4e7ec';
}

/**
 * The points of a line with a null point in every missing year between its first and last, so that the line breaks
 * there instead of bridging the gap. `withheld` ([{period, reason}]) years become null points carrying the reason.
 */
export function withGaps(points, withheld = []) {
  const reasons = new Map(withheld.map((w) => [w.period, w.reason]));
  const byYear = new Map(points.map((p) => [p.x, p]));
  if (points.length === 0) return [];
  const out = [];
  for (let year = points[0].x; year <= points.at(-1).x; year++) {
    out.push(byYear.get(year) ?? { x: year, y: null, withheld: reasons.get(year) });
  }
  return out;
}

/** The points indexed to the first value: first = 100; each keeps its score in `value`. Empty when none can be. */
export function indexed(points) {
  const base = points.find((p) => isNum(p.y) && p.y !== 0);
  if (!base) return [];
  return points.map((p) => ({ ...p, value: p.y, y: isNum(p.y) ? (p.y / base.y) * 100 : null }));
}

const FADED = 0.18;
const colourOf = (look) => (ctx) => {
  const on = ctx.chart.$highlight;
  return on === undefined || on === null || on === ctx.datasetIndex ? look.colour : fade(look.colour, FADED);
};

function toDataset(line) {
  const look = { colour: line.colour, point: line.point ?? 'circle', dash: line.dash ?? [] };
  return {
    label: line.label,
    data: withGaps(line.points, line.withheld),
    ballastId: line.id,
    ballastLook: look, // the line's fixed look, for the tooltip and the legend
    borderColor: colourOf(look),
    backgroundColor: colourOf(look),
    borderWidth: line.width ?? 2,
    borderDash: look.dash,
    pointStyle: line.pointStyle ?? look.point,
    pointRadius: line.pointRadius ?? 2.5,
    pointHoverRadius: 5,
    pointBackgroundColor: line.pointFill ?? colourOf(look),
    pointBorderColor: line.pointStroke ?? colourOf(look),
    hidden: Boolean(line.hidden),
    spanGaps: false,
    tension: 0,
  };
}

function options(spec, padRight) {
  const digits = spec.digits ?? 1;
  const value = (ctx) => fmtNumber(ctx.parsed.y, digits);
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'x', intersect: false },
    layout: { padding: { top: spec.padTop ?? 8, right: padRight } },
    scales: {
      x: {
        type: 'linear',
        min: spec.xMin,
        max: spec.xMax,
        ticks: { precision: 0, callback: (v) => (Number.isInteger(v) ? String(v) : '') },
        grid: { display: false },
      },
      y: {
        min: spec.yMin,
        max: spec.yMax,
        beginAtZero: spec.yMin === 0,
        title: { display: Boolean(spec.yTitle), text: spec.yTitle ?? '', color: INK },
        ticks: {
          callback(v, i, ticks) { return Chart.Ticks.formatters.numeric.call(this, v, i, ticks).replace('-', '\u2212'); },
        },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        usePointStyle: true,
        filter: (item) => isNum(item.parsed.y),
        callbacks: {
          title: (items) => (items.length ? String(Math.round(items[0].parsed.x)) : ''),
          label: (ctx) => `${ctx.dataset.label}: ${spec.label ? spec.label(ctx.raw, value(ctx)) : value(ctx)}`,
          // the line's own symbol and colour, whatever a single point looks like (a warning year, say)
          labelColor: (ctx) => ({ borderColor: ctx.dataset.ballastLook.colour,
            backgroundColor: ctx.dataset.ballastLook.colour }),
          labelPointStyle: (ctx) => ({ pointStyle: ctx.dataset.ballastLook.point, rotation: 0 }),
          afterLabel: (ctx) => spec.afterLabel?.(ctx.raw) ?? '',
          footer: (items) => spec.footer?.(items.length ? Math.round(items[0].parsed.x) : null) ?? '',
        },
      },
      ballastEnds: { display: spec.endLabels !== false },
      ballastEvents: spec.markers ?? { groups: [] },
      ballastBand: { of: spec.bandOf ?? null },
    },
  };
}

/**
 * Draws (or redraws in place) a line chart on `canvas`.
 * `lines`: [{id, label, colour, dash, point, width, hidden, points: [{x, y, ...}], withheld?}];
 * `spec`: {xMin, xMax, yMin, yMax, yTitle, digits, padTop, endLabels, markers, bandOf (the id of a line whose
 * points' bands are shaded, with the plugin uncertaintyBand), label(raw, text), afterLabel(raw),
 * footer(year)}. Returns the chart, or null when Chart.js did not load.
 */
export function drawLines(canvas, lines, spec = {}) {
  if (!chartsAvailable()) return null;
  setDefaults();
  const datasets = lines.map(toDataset);
  const shown = lines.filter((l) => !l.hidden && l.points.length);
  const padRight = spec.endLabels === false ? 8 : endLabelWidth(canvas, shown.map((l) => l.label)) + 8;
  const existing = Chart.getChart(canvas);
  if (existing) {
    existing.data.datasets = datasets;
    existing.options = options(spec, padRight);
    existing.update('none');
    return existing;
  }
  return new Chart(canvas, {
    type: 'line',
    data: { datasets },
    options: options(spec, padRight),
    plugins: [whiteBackground, lineEnds, ...(spec.plugins ?? [])],
  });
}

/** Removes the chart of `canvas`, if any: nothing of an earlier view stays drawn. */
export function clearChart(canvas) {
  if (chartsAvailable()) Chart.getChart(canvas)?.destroy();
}
