// Event markers on a year axis: one numbered badge per quarter above the plot, with a dashed line down through it.
// Quarters that would overlap at the chart's width share one badge ("3–5"). Pointing at a badge, or focusing an
// event in the list below the chart, shows the events in a box that is kept inside the plot, wrapped to its width.

import { describe } from './events.js';

const MAX_ROWS = 3;
const BADGE_H = 16;
const PITCH = BADGE_H + 3; // from one row of badges to the next
const GAP = 2;
const LINE_H = 15;
const PAD = 8;
const BOX_MAX_W = 380;
const DARK = '#1b1f24';
const ACTIVE = '#005a8c';

const fontOf = (weight) => `${weight} 12px ${getComputedStyle(document.body).fontFamily}`;

function wrapTo(ctx, text, width) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A badge's width for its text ("7", "12", "3–5"): fixed per character, so layout and estimate agree. */
const badgeWidth = (text) => 10 + 7 * text.length;

/** The room above the plot for `rows` rows of badges. */
export const bandFor = (rows) => rows * PITCH + 6;

/**
 * How many rows of badges (1 to MAX_ROWS) let one badge per quarter stand apart at pixel positions `xs` of groups
 * numbered `ns` (sorted by x); 1 when even MAX_ROWS would not, for then neighbours share badges anyway.
 */
function rowsFor(xs, ns) {
  for (let rows = 1; rows <= MAX_ROWS; rows++) {
    const ends = new Array(rows).fill(-Infinity);
    const fits = xs.every((x, i) => {
      const half = badgeWidth(String(ns[i])) / 2;
      const row = ends.findIndex((end) => x - half >= end + GAP);
      if (row < 0) return false;
      ends[row] = x + half;
      return true;
    });
    if (fits) return rows;
  }
  return 1;
}

/**
 * The rows of badges `groups` need on `canvas` over xMin..xMax with `padRight` px of labels at the right: estimated
 * before the chart lays itself out (56 px for the y axis).
 */
export function rowsForChart(canvas, groups, { xMin, xMax, padRight }) {
  const plot = Math.max(50, (canvas.parentElement?.clientWidth ?? 600) - 56 - padRight);
  const sorted = [...groups].sort((a, b) => a.x - b.x);
  return rowsFor(sorted.map((g) => ((g.x - xMin) / (xMax - xMin || 1)) * plot), sorted.map((g) => g.n));
}

/**
 * Badges for the groups in view, on up to `rows` rows: each goes on the first row where it does not overlap the badge
 * before it; when no row has room it joins the badge before it ("3–5"), centred between its quarters.
 */
function layoutBadges(ctx, groups, scale, area, rows, width) {
  // badges sit above the plot, so one near its right end may reach into the room of the line labels
  const right = Math.max(area.right, width - 2);
  ctx.font = fontOf('bold');
  const size = (b) => {
    const first = b.groups[0].n;
    const last = b.groups.at(-1).n;
    b.text = first === last ? String(first) : `${first}–${last}`;
    b.w = badgeWidth(b.text);
    const centre = (b.pxs[0] + b.pxs.at(-1)) / 2;
    b.x = Math.min(Math.max(centre - b.w / 2, area.left), right - b.w);
    // a badge that grew by taking in a quarter never reaches back over the badge before it on its row
    b.x = Math.max(b.x, b.floor + GAP);
  };
  const placed = [];
  const ends = new Array(rows).fill(-Infinity); // right edge of the last badge on each row
  for (const g of groups.filter((q) => q.x >= scale.min && q.x <= scale.max)) {
    const badge = { groups: [g], pxs: [scale.getPixelForValue(g.x)], floor: -Infinity };
    size(badge);
    const row = ends.findIndex((end) => badge.x >= end + GAP);
    if (row >= 0 || placed.length === 0) {
      badge.row = Math.max(row, 0);
      badge.floor = ends[badge.row];
      placed.push(badge);
    } else {
      const last = placed.at(-1);
      last.groups.push(g);
      last.pxs.push(badge.pxs[0]);
      size(last);
    }
    const last = placed.at(-1);
    ends[last.row] = last.x + last.w;
  }
  return placed.map((b) => ({ ...b, y: area.top - bandFor(rows) + 3 + b.row * PITCH, h: BADGE_H }));
}

/** The text box for the events of `badge`, wrapped to fit and kept inside the plot area. */
function layoutBox(ctx, badge, area) {
  const w = Math.min(BOX_MAX_W, area.right - area.left - 8);
  const rows = [];
  for (const group of badge.groups) {
    for (const event of group.events) {
      const text = describe(event);
      ctx.font = fontOf('bold');
      rows.push(...wrapTo(ctx, `${group.n} · ${text.head}`, w - 2 * PAD).map((t) => ({ t, bold: true })));
      ctx.font = fontOf('normal');
      rows.push(...wrapTo(ctx, text.title, w - 2 * PAD).map((t) => ({ t })));
      rows.push(...wrapTo(ctx, text.source, w - 2 * PAD).map((t) => ({ t, muted: true })));
    }
  }
  const fits = Math.max(1, Math.floor((area.bottom - area.top - 8 - 2 * PAD) / LINE_H));
  const shown = rows.length > fits ? [...rows.slice(0, fits - 1), { t: '… more in the list below the chart', muted: true }]
    : rows;
  const h = shown.length * LINE_H + 2 * PAD;
  const x = Math.min(Math.max(badge.x + badge.w / 2 - w / 2, area.left + 4), area.right - w - 4);
  return { x, y: area.top + 4, w, h, rows: shown, lines: shown.map((r) => r.t) };
}

function roundRect(ctx, x, y, w, h, r) {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function draw(chart, state, active) {
  const { ctx, chartArea: area } = chart;
  ctx.save();
  for (const badge of state.badges) {
    const on = badge === active;
    ctx.strokeStyle = on ? DARK : 'rgba(61, 68, 80, 0.55)';
    ctx.lineWidth = on ? 1.5 : 1;
    ctx.setLineDash([4, 3]);
    for (const px of badge.pxs) {
      ctx.beginPath();
      ctx.moveTo(px, area.top);
      ctx.lineTo(px, area.bottom);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    ctx.beginPath(); // a stem from the badge down to the plot
    ctx.moveTo(badge.x + badge.w / 2, badge.y + badge.h);
    ctx.lineTo(badge.x + badge.w / 2, area.top);
    ctx.stroke();
    roundRect(ctx, badge.x, badge.y, badge.w, badge.h, badge.h / 2);
    ctx.fillStyle = on ? ACTIVE : DARK;
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = fontOf('bold');
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(badge.text, badge.x + badge.w / 2, badge.y + badge.h / 2 + 0.5);
  }
  if (state.box) {
    const box = state.box;
    roundRect(ctx, box.x, box.y, box.w, box.h, 6);
    ctx.fillStyle = 'rgba(27, 31, 36, 0.95)';
    ctx.fill();
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    box.rows.forEach((row, i) => {
      ctx.font = fontOf(row.bold ? 'bold' : 'normal');
      ctx.fillStyle = row.muted ? '#d0d5dd' : '#ffffff';
      ctx.fillText(row.t, box.x + PAD, box.y + PAD + LINE_H * i + LINE_H / 2);
    });
  }
  ctx.restore();
}

/**
 * The plugin. Its options (`plugins.ballastEvents`): {groups (from events.groupByQuarter), rows (of badges, see
 * rowsFor; the chart's top padding must be bandFor(rows)), active() -> the number of the group focused in the list or
 * null, onPick(n) when a badge is clicked}.
 */
export const eventMarkers = {
  id: 'ballastEvents',
  defaults: { groups: [] },

  afterDatasetsDraw(chart, _args, opts) {
    const groups = opts.groups ?? [];
    const badges = groups.length ? layoutBadges(chart.ctx, groups, chart.scales.x, chart.chartArea, opts.rows ?? 1,
      chart.width)
      : [];
    const focused = opts.active?.() ?? null;
    const hovered = badges.find((b) => b.groups.some((g) => g.n === chart.$eventHover));
    const active = hovered ?? badges.find((b) => b.groups.some((g) => g.n === focused)) ?? null;
    const state = { badges, box: active ? layoutBox(chart.ctx, active, chart.chartArea) : null };
    draw(chart, state, active);
    // where everything was drawn: for pointing at it, and for the tests
    chart.$ballastEvents = {
      badges: badges.map((b) => ({ text: b.text, x: b.x, y: b.y, w: b.w, h: b.h, pxs: b.pxs,
        groups: b.groups.map((g) => g.n) })),
      box: state.box && { x: state.box.x, y: state.box.y, w: state.box.w, h: state.box.h, lines: state.box.lines },
      area: { ...chart.chartArea },
    };
  },

  afterEvent(chart, args, opts) {
    const { event } = args;
    const badges = chart.$ballastEvents?.badges ?? [];
    const hit = event.type === 'mouseout' ? null
      : badges.find((b) => event.x >= b.x - 2 && event.x <= b.x + b.w + 2 && event.y >= b.y - 2
        && event.y <= b.y + b.h + 2);
    const n = hit ? hit.groups[0] : null;
    if (hit) chart.tooltip?.setActiveElements([], { x: event.x, y: event.y });
    if (hit && event.type === 'click') opts.onPick?.(n);
    if ((chart.$eventHover ?? null) !== n) {
      chart.$eventHover = n;
      args.changed = true;
    }
  },
};
