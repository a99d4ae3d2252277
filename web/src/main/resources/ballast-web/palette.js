// The colours, dashes and point shapes of the lines. Indicators and economies draw from two separate sets, so a colour
// always means one thing on this page. Every colour has at least 4.5:1 contrast on white: it serves for a line (which
// needs 3:1) and for the line's label at its end (text, 4.5:1). Dash and point shape tell lines apart as well, so no
// line depends on colour alone.

const INDICATOR_COLOURS = ['#0072B2', '#B34D00', '#007A5E', '#A23D85', '#4B5563', '#7A3B00'];
const ECONOMY_COLOURS = ['#332288', '#9B2C2C', '#666600', '#6B4C9A', '#1A6F6F', '#8A5A00'];
const DASHES = [[], [7, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 3]];
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'];

const style = (colours, i) => ({
  colour: colours[i % colours.length], dash: DASHES[i % DASHES.length], point: POINTS[i % POINTS.length],
});

/** The look of the i-th indicator (in the order of GET /api/v1/indicators), fixed for the page's life. */
export const indicatorStyle = (i) => style(INDICATOR_COLOURS, i);

/** The look of the i-th configured economy. */
export const economyStyle = (i) => style(ECONOMY_COLOURS, i);

export const COMPOSITE_STYLE = { colour: '#000000', dash: [], point: 'circle', width: 3 };

/** The divergence-warning marker: an amber triangle with a black outline (the outline carries the 3:1 contrast). */
export const WARNING_MARKER = { fill: '#E69F00', stroke: '#000000', point: 'triangle' };

/** Text on the charts: axis labels, ticks, event badges. */
export const INK = '#3d4450';

/** `colour` (#rrggbb) at `alpha`, for lines faded while another one is highlighted. */
export function fade(colour, alpha) {
  const [r, g, b] = colour.replace('#', '').match(/../g).map((h) => parseInt(h, 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
