// Downloads made in the browser: CSV of the data a part shows; images are made by figure.js. Nothing is sent anywhere.

const quote = (cell) => {
  const text = cell === null || cell === undefined ? '' : String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** RFC 4180 CSV: a header row, then one line per row, CRLF line ends. */
export function toCsv(header, rows) {
  return [header, ...rows].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

/** Saves `href` (a data: or blob: URL) as `filename`. */
export function save(href, filename) {
  const link = document.createElement('a');
  link.href = href;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** Saves `blob` as `filename`. */
export function saveBlob(blob, filename) {
  const url = URL.createObjectURL(blob);
  save(url, filename);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(filename, header, rows) {
  saveBlob(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), filename);
}

/** A file-name-safe slug. */
export const slug = (text) => String(text).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-|-$/g, '');
