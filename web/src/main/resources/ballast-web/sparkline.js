// Tiny inline SVG line of an indicator's scores on the fixed 0-100 scale (decorative: the card states the trend in
// words and the history chart has a table view).

const NS = 'http://www.w3.org/2000/svg';
const NARROW = 120;
const WIDE = 300;
const H = 36;
const PAD = 3;

const svgEl = (tag, attrs) => {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
};

/** Replaces the content of `svg` with a line through `points` ([{x: year, y: score}]) in `colour`. */
export function drawSparkline(svg, points, colour) {
  const W = svg.classList.contains('sparkline-wide') ? WIDE : NARROW;
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  if (points.length === 0) {
    svg.replaceChildren();
    return;
  }
  const x0 = points[0].x;
  const span = Math.max(points[points.length - 1].x - x0, 1);
  const px = (p) => PAD + ((p.x - x0) / span) * (W - 2 * PAD);
  const py = (p) => PAD + (1 - Math.min(Math.max(p.y, 0), 100) / 100) * (H - 2 * PAD);
  const coords = points.map((p) => `${px(p).toFixed(1)},${py(p).toFixed(1)}`).join(' ');
  const last = points[points.length - 1];
  svg.replaceChildren(
    svgEl('line', { x1: PAD, x2: W - PAD, y1: H / 2, y2: H / 2, class: 'spark-mid' }),
    svgEl('polyline', { points: coords, fill: 'none', stroke: colour, 'stroke-width': 1.75,
      'stroke-linejoin': 'round', 'stroke-linecap': 'round', 'vector-effect': 'non-scaling-stroke' }),
    svgEl('circle', { cx: px(last).toFixed(1), cy: py(last).toFixed(1), r: 2.5, fill: colour }),
  );
}

export const createSparkline = () => svgEl('svg', { class: 'sparkline' });
