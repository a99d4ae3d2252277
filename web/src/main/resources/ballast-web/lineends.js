// Labels at the right-hand end of each line, as OWID's grapher draws them, and the highlight of one line: pointing
// at a line or at its label brings it forward and fades the others. The labels are spread so they never overlap, and
// a dotted leader joins a label to a line that ends earlier or higher.

const FONT_SIZE = 12;
const LINE_H = 15;
const MAX_SHARE = 0.3; // of the chart's width, at most, for the labels
const NEAR_PX = 8; // how close the pointer must come to a line to highlight it

const measure = document.createElement('canvas').getContext('2d');
const font = () => `600 ${FONT_SIZE}px ${getComputedStyle(document.body).fontFamily}`;

/** The room the labels of `labels` need to the right of the plot of `canvas`. */
export function endLabelWidth(canvas, labels) {
  if (labels.length === 0) return 0;
  measure.font = font();
  const cap = Math.max(60, (canvas.parentElement?.clientWidth ?? 600) * MAX_SHARE);
  return Math.min(cap, Math.max(...labels.map((l) => measure.measureText(l).width)) + 10);
}

/** Highlights line `index` (null: none) and fades the others. */
export function setHighlight(chart, index) {
  if (!chart || (chart.$highlight ?? null) === index) return;
  chart.$highlight = index;
  chart.update('none');
}

function fit(ctx, text, width) {
  if (ctx.measureText(text).width <= width) return text;
  let cut = text;
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** Moves labels apart vertically (at least a line apart), keeping them inside top..bottom where there is room. */
function spread(labels, top, bottom) {
  labels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) labels[i].y = Math.max(labels[i].y, labels[i - 1].y + LINE_H);
  const over = labels.length ? labels.at(-1).y - (bottom - LINE_H / 2) : 0;
  if (over > 0) {
    labels.at(-1).y -= over;
    for (let i = labels.length - 2; i >= 0; i--) labels[i].y = Math.min(labels[i].y, labels[i + 1].y - LINE_H);
  }
  const under = labels.length ? top + LINE_H / 2 - labels[0].y : 0;
  if (under > 0) labels.forEach((l) => { l.y += under; });
}

/** The visible line nearest to the pointer, within NEAR_PX, measured on the segment under it. */
function lineAt(chart, x, y) {
  let best = null;
  chart.data.datasets.forEach((_, i) => {
    if (!chart.isDatasetVisible(i)) return;
    const points = chart.getDatasetMeta(i).data;
    for (let k = 1; k < points.length; k++) {
      const [a, b] = [points[k - 1], points[k]];
      if (a.skip || b.skip || x < a.x || x > b.x) continue;
      const distance = Math.abs(y - (a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x || 1)));
      if (distance <= NEAR_PX && (!best || distance < best.distance)) best = { index: i, distance };
    }
  });
  return best?.index ?? null;
}

// Called from a chart's event handling: the redraw waits for the next frame.
const highlightLater = (chart, index) => requestAnimationFrame(() => {
  if (chart.canvas) setHighlight(chart, index);
});

export const lineEnds = {
  id: 'ballastEnds',
  defaults: { display: true },

  afterDatasetsDraw(chart, _args, opts) {
    const { ctx, chartArea } = chart;
    const labels = [];
    if (opts.display) {
      chart.data.datasets.forEach((d, i) => {
        if (!chart.isDatasetVisible(i)) return;
        const end = chart.getDatasetMeta(i).data.findLast((el) => !el.skip && Number.isFinite(el.y));
        if (end) labels.push({ index: i, text: d.label, colour: d.ballastLook.colour, endX: end.x, endY: end.y, y: end.y });
      });
    }
    spread(labels, chartArea.top, chartArea.bottom);
    const x = chartArea.right + 6;
    ctx.save();
    ctx.font = font();
    ctx.textBaseline = 'middle';
    for (const l of labels) {
      ctx.globalAlpha = chart.$highlight != null && chart.$highlight !== l.index ? 0.3 : 1;
      ctx.strokeStyle = l.colour;
      ctx.fillStyle = l.colour;
      if (x - l.endX > 12 || Math.abs(l.y - l.endY) > 3) {
        ctx.lineWidth = 1;
        ctx.setLineDash([1, 2]);
        ctx.beginPath();
        ctx.moveTo(l.endX + 4, l.endY);
        ctx.lineTo(x - 2, l.y);
        ctx.stroke();
        ctx.setLineDash([]);
      }
      l.text = fit(ctx, l.text, chart.width - x - 2);
      ctx.fillText(l.text, x, l.y);
      Object.assign(l, { x, w: ctx.measureText(l.text).width, h: LINE_H });
    }
    ctx.restore();
    chart.$ballastEnds = labels; // where each label was drawn: for pointing at it, and for the tests
  },

  afterEvent(chart, args) {
    const { event } = args;
    if (event.type === 'mouseout') {
      highlightLater(chart, null);
      return;
    }
    if (event.type !== 'mousemove') return;
    const label = (chart.$ballastEnds ?? []).find((l) => event.x >= l.x - 2 && event.x <= l.x + l.w + 2
      && Math.abs(event.y - l.y) <= l.h / 2);
    const index = label ? label.index : args.inChartArea ? lineAt(chart, event.x, event.y) : null;
    if ((chart.$highlight ?? null) !== index) highlightLater(chart, index);
  },
};
