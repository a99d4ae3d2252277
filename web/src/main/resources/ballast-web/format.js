// Small DOM and number-formatting helpers shared by every part of the dashboard.

export const $ = (id) => document.getElementById(id);

/** Creates an element: `props` sets properties, `class`, `data-*` and `aria-*` attributes; children are appended. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key.startsWith('data-') || key.startsWith('aria-') || key === 'role' || key === 'for') {
      node.setAttribute(key, value === true ? '' : String(value));
    } else node[key] = value;
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined && c !== false));
  return node;
}

export const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** A score on the 0-100 scale, one decimal. */
export const fmtScore = (v) => (isNum(v) ? v.toFixed(1) : '—');

/** A signed change with a real minus sign: "+1.2", "−3.4", "0.0". */
export function fmtChange(v) {
  if (!isNum(v)) return '—';
  const text = Math.abs(v).toFixed(1);
  if (text === '0.0') return '0.0';
  return v > 0 ? `+${text}` : `\u2212${text}`;
}

/** A share 0-1 as a whole percentage. */
export const fmtPercent = (v) => (isNum(v) ? `${Math.round(v * 100)}%` : '—');

/** A raw series value: up to 3 decimals, grouped thousands. */
export const fmtNumber = (v) => (isNum(v)
  ? v.toLocaleString('en', { maximumFractionDigits: Math.abs(v) >= 100 ? 1 : 3 }) : '—');

const pad = (n) => String(n).padStart(2, '0');
export const fmtTime = (d) => `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/** Briefly highlights an element whose value a live update changed. */
export function flash(node) {
  node.classList.remove('flash');
  void node.offsetWidth; // restart the CSS animation
  node.classList.add('flash');
}

/** Sets an element's text; when `highlight` is set and the text changed, flashes it. Returns whether it changed. */
export function setText(node, text, highlight = false) {
  if (node.textContent === text) return false;
  node.textContent = text;
  if (highlight) flash(node);
  return true;
}

/** Wraps text into lines of at most `width` characters (for chart labels). */
export function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Whether a text is an http(s) URL that may be offered as a link. */
export const isUrl = (text) => typeof text === 'string' && /^https?:\/\/\S+$/i.test(text);

/** Settles once the newest of a series of loads has: follows `current()` while newer loads replace the one awaited. */
export async function settleNewest(current) {
  let awaited;
  do {
    awaited = current();
    await awaited;
  } while (awaited !== current());
}
