// A chart as a figure to download: title, subtitle, the chart, and a footer with the sources, their licences and the
// link to the view. PNG draws the chart's canvas into a larger one; SVG redraws the chart as vectors from the
// geometry Chart.js laid out (axes, lines, points, line labels, event markers). Loaded on first use.

import { saveBlob } from './download.js';
import { sourcesLine } from './sources.js';

const TITLE = 18;
const SUB = 13;
const FOOT = 11;
const LINE = 1.35;
const MARGIN = 16;
const family = () => getComputedStyle(document.body).fontFamily;

function wrap(ctx, text, width) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const next = line ? `${line} ${word}` : word;
    if (line && ctx.measureText(next).width > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** The text blocks of a figure `width` wide: [{text lines, size, weight, colour}] above and below the chart. */
async function blocks(spec, width) {
  const ctx = document.createElement('canvas').getContext('2d');
  const block = (text, size, weight, colour) => {
    ctx.font = `${weight} ${size}px ${family()}`;
    return { lines: wrap(ctx, text, width - 2 * MARGIN), size, weight, colour };
  };
  const sources = await spec.sources().catch(() => []);
  return {
    head: [block(spec.title, TITLE, 'bold', '#1b1f24'), block(spec.subtitle, SUB, 'normal', '#3d4450')],
    foot: [block(sourcesLine(sources), FOOT, 'normal', '#3d4450'), block(location.href, FOOT, 'normal', '#3d4450')],
  };
}

const height = (list) => list.reduce((h, b) => h + b.lines.length * b.size * LINE, 0);

async function png(spec) {
  const { chart } = spec;
  const { head, foot } = await blocks(spec, chart.width);
  const ratio = 2;
  const top = MARGIN + height(head) + 8;
  const total = top + chart.height + 8 + height(foot) + MARGIN;
  const canvas = document.createElement('canvas');
  canvas.width = chart.width * ratio;
  canvas.height = total * ratio;
  const ctx = canvas.getContext('2d');
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, chart.width, total);
  const write = (list, y0) => {
    let y = y0;
    for (const b of list) {
      ctx.font = `${b.weight} ${b.size}px ${family()}`;
      ctx.fillStyle = b.colour;
      ctx.textBaseline = 'top';
      for (const line of b.lines) {
        ctx.fillText(line, MARGIN, y);
        y += b.size * LINE;
      }
    }
  };
  write(head, MARGIN);
  ctx.drawImage(chart.canvas, 0, top, chart.width, chart.height);
  write(foot, top + chart.height + 8);
  return new Promise((resolve) => { canvas.toBlob(resolve, 'image/png'); });
}

const esc = (s) => String(s).replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;')
  .replaceAll('"', '&quot;');
const n = (v) => Math.round(v * 10) / 10;

function marker(style, x, y, r, fill, stroke) {
  const paint = `fill="${fill}" stroke="${stroke}"`;
  switch (style) {
    case 'rect': return `<rect x="${n(x - r)}" y="${n(y - r)}" width="${n(2 * r)}" height="${n(2 * r)}" ${paint}/>`;
    case 'triangle': return `<polygon points="${n(x)},${n(y - r)} ${n(x + r)},${n(y + r)} ${n(x - r)},${n(y + r)}" ${paint}/>`;
    case 'rectRot': return `<polygon points="${n(x)},${n(y - r)} ${n(x + r)},${n(y)} ${n(x)},${n(y + r)} ${n(x - r)},${n(y)}" ${paint}/>`;
    default: return `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" ${paint}/>`;
  }
}

/** The chart as SVG elements, from Chart.js's layout: axes and ticks, lines, points, end labels, event markers. */
function chartSvg(chart) {
  const { chartArea: a, scales: { x, y } } = chart;
  const out = [];
  for (const t of y.ticks) {
    const py = y.getPixelForValue(t.value);
    out.push(`<line x1="${n(a.left)}" x2="${n(a.right)}" y1="${n(py)}" y2="${n(py)}" stroke="#e4e7ec"/>`,
      `<text x="${n(a.left - 6)}" y="${n(py + 4)}" text-anchor="end" font-size="11" fill="#3d4450">${esc(t.label)}</text>`);
  }
  for (const t of x.ticks) {
    if (!t.label) continue;
    out.push(`<text x="${n(x.getPixelForValue(t.value))}" y="${n(a.bottom + 16)}" text-anchor="middle" font-size="11" `
      + `fill="#3d4450">${esc(t.label)}</text>`);
  }
  out.push(`<line x1="${n(a.left)}" x2="${n(a.right)}" y1="${n(a.bottom)}" y2="${n(a.bottom)}" stroke="#8a93a0"/>`);
  const title = y.options.title?.display ? y.options.title.text : '';
  if (title) {
    out.push(`<text transform="translate(${n(a.left - 40)} ${n((a.top + a.bottom) / 2)}) rotate(-90)" `
      + `text-anchor="middle" font-size="12" fill="#3d4450">${esc(title)}</text>`);
  }
  for (const b of chart.$ballastEvents?.badges ?? []) {
    for (const px of b.pxs) {
      out.push(`<line x1="${n(px)}" x2="${n(px)}" y1="${n(a.top)}" y2="${n(a.bottom)}" stroke="#3d4450" `
        + 'stroke-dasharray="4 3" stroke-opacity="0.55"/>');
    }
    out.push(`<rect x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" rx="${n(b.h / 2)}" fill="#1b1f24"/>`,
      `<text x="${n(b.x + b.w / 2)}" y="${n(b.y + b.h / 2 + 4)}" text-anchor="middle" font-size="12" font-weight="bold" `
      + `fill="#ffffff">${esc(b.text)}</text>`);
  }
  for (const run of chart.$ballastBand ?? []) { // the composite's 90% range, behind the lines
    const edge = [...run.map((q) => `${n(q.x)},${n(q.hi)}`), ...[...run].reverse().map((q) => `${n(q.x)},${n(q.lo)}`)];
    out.push(run.length === 1
      ? `<rect x="${n(run[0].x - 3)}" y="${n(run[0].hi)}" width="6" height="${n(run[0].lo - run[0].hi)}" `
        + 'fill="#1b1f24" fill-opacity="0.16"/>'
      : `<polygon points="${edge.join(' ')}" fill="#1b1f24" fill-opacity="0.16"/>`);
  }
  chart.data.datasets.forEach((d, i) => {
    if (!chart.isDatasetVisible(i)) return;
    const meta = chart.getDatasetMeta(i);
    let path = '';
    let pen = false;
    for (const p of meta.data) {
      if (p.skip) { pen = false; continue; }
      path += `${pen ? 'L' : 'M'}${n(p.x)} ${n(p.y)} `;
      pen = true;
    }
    const look = d.ballastLook;
    out.push(`<path d="${path.trim()}" fill="none" stroke="${look.colour}" stroke-width="${d.borderWidth}" `
      + `${look.dash.length ? `stroke-dasharray="${look.dash.join(' ')}"` : ''}/>`);
    meta.data.forEach((p) => {
      if (p.skip) return;
      out.push(marker(p.options.pointStyle, p.x, p.y, p.options.radius, p.options.backgroundColor,
        p.options.borderColor));
    });
  });
  for (const l of chart.$ballastEnds ?? []) {
    out.push(`<text x="${n(l.x)}" y="${n(l.y + 4)}" font-size="12" font-weight="600" fill="${l.colour}">`
      + `${esc(l.text)}</text>`);
  }
  return out.join('\n');
}

async function svg(spec) {
  const { chart } = spec;
  const { head, foot } = await blocks(spec, chart.width);
  const top = MARGIN + height(head) + 8;
  const total = top + chart.height + 8 + height(foot) + MARGIN;
  const text = (list, y0) => {
    let y = y0;
    return list.flatMap((b) => b.lines.map((line) => {
      const baseline = y + b.size;
      y += b.size * LINE;
      return `<text x="${MARGIN}" y="${n(baseline)}" font-size="${b.size}" font-weight="${b.weight}" `
        + `fill="${b.colour}">${esc(line)}</text>`;
    })).join('\n');
  };
  const body = `<svg xmlns="http://www.w3.org/2000/svg" width="${chart.width}" height="${n(total)}" `
    + `viewBox="0 0 ${chart.width} ${n(total)}" font-family="${esc(family())}">\n`
    + `<title>${esc(spec.title)}</title>\n<rect width="100%" height="100%" fill="#ffffff"/>\n`
    + `${text(head, MARGIN)}\n<g transform="translate(0 ${n(top)})">\n${chartSvg(chart)}\n</g>\n`
    + `${text(foot, top + chart.height + 8)}\n</svg>\n`;
  return new Blob([body], { type: 'image/svg+xml' });
}

/** Saves the figure of `spec` ({chart, title, subtitle, sources(), fileName}) as `kind` ('png' or 'svg'). */
export async function saveFigure(spec, kind) {
  if (!spec.chart) return;
  saveBlob(kind === 'svg' ? await svg(spec) : await png(spec), `${spec.fileName}.${kind}`);
}
