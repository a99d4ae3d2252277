// Line charts on Chart.js 4 (UMD build, the global `Chart`) with chartjs-plugin-annotation 3, which registers
// itself when its script runs after Chart.js. Both are loaded by index.html from their webjars.

/** Okabe-Ito colours: distinguishable with every common colour-vision deficiency. */
export const OKABE_ITO = {
  black: '#000000', orange: '#E69F00', sky: '#56B4E9', green: '#009E73',
  yellow: '#F0E442', blue: '#0072B2', vermillion: '#D55E00', purple: '#CC79A7',
};

// Darkest first (each at least 3:1 against white), then the lighter two; shape and dash tell lines apart as well.
const COLOURS = ['blue', 'vermillion', 'green', 'purple', 'orange', 'sky'].map((k) => OKABE_ITO[k]);
const DASHES = [[], [7, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 3]];
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'];

/** The look of the i-th line of a chart: colour, dash and point shape. */
export function lineStyle(i) {
  return { colour: COLOURS[i % COLOURS.length], dash: DASHES[i % DASHES.length], point: POINTS[i % POINTS.length] };
}

export const COMPOSITE_STYLE = { colour: OKABE_ITO.black, dash: [], point: 'circle', width: 3 };

export const chartsAvailable = () => typeof Chart !== 'undefined';

/** Paints the canvas white before drawing, so that a PNG download is not transparent. */
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

let defaultsSet = false;

function setDefaults() {
  if (defaultsSet) return;
  defaultsSet = true;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#3d4450';
  Chart.defaults.borderColor = '#e4e7ec';
}

const fmtValue = (v, digits) => (typeof v === 'number' && Number.isFinite(v)
  ? v.toLocaleString('en', { maximumFractionDigits: digits }) : '—');

function toDataset(line) {
  return {
    label: line.label,
    data: line.points,
    borderColor: line.colour,
    backgroundColor: line.colour,
    borderWidth: line.width ?? 2,
    borderDash: line.dash ?? [],
    pointStyle: line.pointStyle ?? line.point ?? 'circle',
    pointRadius: line.pointRadius ?? 2.5,
    pointHoverRadius: 5,
    pointBackgroundColor: line.pointColour ?? line.colour,
    spanGaps: false,
    tension: 0,
  };
}

function options(spec) {
  const digits = spec.digits ?? 1;
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    interaction: { mode: 'x', intersect: false },
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
        title: { display: Boolean(spec.yTitle), text: spec.yTitle ?? '' },
        ticks: { callback: (v) => fmtValue(v, 2) },
      },
    },
    plugins: {
      legend: {
        position: 'bottom',
        labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8, padding: 14 },
      },
      tooltip: {
        callbacks: {
          title: (items) => (items.length ? String(Math.round(items[0].parsed.x)) : ''),
          label: (ctx) => `${ctx.dataset.label}: ${fmtValue(ctx.parsed.y, digits)}`,
          afterLabel: (ctx) => spec.afterLabel?.(ctx.raw) ?? '',
        },
      },
      // events show their label only while the pointer is on their line (not anywhere above or below it)
      annotation: { interaction: { mode: 'nearest', intersect: true }, annotations: spec.annotations ?? {} },
    },
  };
}

/**
 * Draws (or redraws in place, without animation) a line chart on `canvas`.
 * `lines`: [{label, colour, dash, point, width, points: [{x, y, ...}]}];
 * `spec`: {xMin, xMax, yMin, yMax, yTitle, digits, annotations, afterLabel(raw)}.
 * Returns the chart, or null when Chart.js did not load.
 */
export function drawLines(canvas, lines, spec = {}) {
  if (!chartsAvailable()) return null;
  setDefaults();
  const datasets = lines.map(toDataset);
  const existing = Chart.getChart(canvas);
  if (existing) {
    existing.data.datasets = datasets;
    existing.options = options(spec);
    existing.update('none');
    return existing;
  }
  return new Chart(canvas, { type: 'line', data: { datasets }, options: options(spec), plugins: [whiteBackground] });
}

const measureContext = document.createElement('canvas').getContext('2d');

const LINE = { true: { colour: '#1b1f24', width: 2 }, false: { colour: 'rgba(74, 82, 96, 0.5)', width: 1.25 } };

function emphasise(element, on) {
  element.options.borderColor = LINE[on].colour;
  element.options.borderWidth = LINE[on].width;
  element.label.options.display = on;
}

/**
 * A dashed vertical line at `x` whose label (`lines` of text) shows while the pointer is on it, or while
 * `isActive()` says so (keyboard focus on the matching table row).
 */
export function eventLine(x, lines, xMid, isActive) {
  measureContext.font = `12px ${getComputedStyle(document.body).fontFamily}`;
  const width = Math.max(...lines.map((l) => measureContext.measureText(l).width)) + 16;
  let hovered = false;
  const shown = () => hovered || isActive();
  return {
    type: 'line',
    scaleID: 'x',
    value: x,
    borderColor: () => LINE[shown()].colour,
    borderWidth: () => LINE[shown()].width,
    borderDash: [4, 3],
    hitTolerance: 6,
    label: {
      display: shown,
      content: lines,
      position: 'start',
      // keep the label inside the plot: to the right of an early event, to the left of a late one
      xAdjust: x < xMid ? width / 2 + 4 : -(width / 2 + 4),
      backgroundColor: 'rgba(27, 31, 36, 0.92)',
      color: '#ffffff',
      font: lines.map((_, i) => ({ size: 12, weight: i === 0 ? 'bold' : 'normal' })),
      textAlign: 'left',
      padding: 8,
      borderRadius: 6,
      z: 10,
    },
    // hover changes the drawn element directly (options resolve only on update); returning true redraws
    enter: ({ element }) => { hovered = true; emphasise(element, true); return true; },
    leave: ({ element }) => { hovered = false; emphasise(element, isActive()); return true; },
  };
}
