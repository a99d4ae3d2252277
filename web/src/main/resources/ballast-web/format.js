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

const MINUS = '\u2212';

export const isNum = (v) => typeof v === 'number' && Number.isFinite(v);

/** A score on the 0-100 scale, one decimal. */
export const fmtScore = (v) => (isNum(v) ? v.toFixed(1) : '—');

/** A signed change with a real minus sign: "+1.2", "−3.4", "0.0". */
export function fmtChange(v) {
  if (!isNum(v)) return '—';
  const text = Math.abs(v).toFixed(1);
  if (text === '0.0') return '0.0';
  return v > 0 ? `+${text}` : `${MINUS}${text}`;
}

/** A share 0-1 as a whole percentage. */
export const fmtPercent = (v) => (isNum(v) ? `${Math.round(v * 100)}%` : '—');

/** Decimals that suit every value of a series at once (so a column lines up): by the largest magnitude. */
export function decimalsFor(values) {
  const top = Math.max(0, ...values.filter(isNum).map(Math.abs));
  return top >= 1000 ? 0 : top >= 100 ? 1 : top >= 1 ? 2 : 3;
}

/** A raw series value with `digits` decimals (default: by its size), grouped thousands and a real minus sign. */
export function fmtNumber(v, digits = decimalsFor([v])) {
  return isNum(v)
    ? v.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits }).replace('-', MINUS)
    : '—';
}

/** Text from the server with a real minus sign before negative numbers ("fell from -1.41" -> "fell from −1.41"). */
export const prose = (text) => String(text ?? '').replace(/(^|[\s(])-(?=\d)/g, `$1${MINUS}`);

/**
 * The server's reason for a withheld composite without its lead ("no composite in 2025: X has no reading" ->
 * "X has no reading"), for places that have just said that there is no composite in that year.
 */
export const withheldWhy = (reason) => String(reason ?? '').replace(/^no composite in \d{4}: /, '');

const DATE_TIME = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit',
  minute: '2-digit', second: '2-digit', timeZoneName: 'short' });

/** "30 Nov 2026, 23:11:53 CET": date, time and time zone. */
export const fmtDateTime = (d) => DATE_TIME.format(d);

/** "just now", "4 min ago", "2 h ago", "3 days ago". */
export function fmtAge(ms) {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.floor(hours / 24)} days ago`;
}

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

/** Settles once the newest of a series of loads has: follows `current()` while newer loads replace the one awaited. */
export async function settleNewest(current) {
  let awaited;
  do {
    awaited = current();
    await awaited;
  } while (awaited !== current());
}
