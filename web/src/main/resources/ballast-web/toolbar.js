// The buttons above a chart: Share (a link to the view and, for the main charts, an embed code), CSV, PNG and SVG.
// The downloads are offered only while the chart has data. Images and sharing are made by modules loaded on first
// use, so the page's first paint does not wait for them.

import { $ } from './format.js';
import { downloadCsv } from './download.js';

/**
 * Wires the buttons `${prefix}-csv|png|svg|share`. `csv()` -> {fileName, header, rows}; `figure()` -> the spec
 * figure.js draws ({chart, title, subtitle, sources(), fileName}); `share()` -> {embed (chart name or null), title}.
 */
export function createToolbar(prefix, { csv, figure, share }) {
  const button = (kind) => $(`${prefix}-${kind}`);
  const panel = $(`${prefix}-share-panel`);

  button('csv')?.addEventListener('click', () => {
    const table = csv();
    if (table) downloadCsv(table.fileName, table.header, table.rows);
  });
  for (const kind of ['png', 'svg']) {
    button(kind)?.addEventListener('click', async () => {
      const spec = figure();
      if (!spec) return;
      const { saveFigure } = await import('./figure.js');
      await saveFigure(spec, kind);
    });
  }

  async function fillShare() {
    const { fillShare: fill } = await import('./share.js');
    fill(panel, share());
  }

  button('share')?.addEventListener('click', async () => {
    const open = panel.hidden;
    if (open) await fillShare();
    panel.hidden = !open;
    button('share').setAttribute('aria-expanded', String(open));
  });

  return {
    /** Offers the downloads only when the chart shows data; `why` says what is missing otherwise. */
    setAvailable(available, why = 'Nothing to download: the chart has no data.') {
      for (const kind of ['csv', 'png', 'svg']) {
        const b = button(kind);
        if (!b) continue;
        b.disabled = !available;
        b.title = available ? '' : why;
      }
    },
    /** The view changed: an open share panel shows the new link. */
    refresh() {
      if (panel && !panel.hidden) fillShare();
    },
  };
}
