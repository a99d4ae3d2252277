// Sharing a view: the link that reproduces it, and for the main charts an embed code (an iframe of embed.html, the
// one page the server lets other sites frame). Loaded on first use.

import { el } from './format.js';

/** The URL of the embeddable view of chart `name` ('history' or 'compare') for the current view. */
export const embedUrl = (name) => `${location.origin}/embed.html?chart=${name}&${location.search.slice(1)}`;

function copyable(id, label, text, multiline) {
  const field = multiline
    ? el('textarea', { id, readOnly: true, rows: 3, value: text, spellcheck: false })
    : el('input', { id, type: 'text', readOnly: true, value: text, spellcheck: false });
  field.addEventListener('focus', () => field.select());
  const button = el('button', { type: 'button', class: 'button small' }, 'Copy');
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      field.focus();
      button.textContent = 'Selected: copy it';
    }
  });
  return el('div', { class: 'share-field' }, el('label', { for: id }, label), el('div', { class: 'share-row' },
    field, button));
}

/** Fills `panel` for the chart `embed` names (null: a link only), titled `title`. */
export function fillShare(panel, { embed, title }) {
  const prefix = panel.id.replace(/-share-panel$/, '');
  const parts = [copyable(`${prefix}-share-link`, 'Link to this view', location.href, false)];
  if (embed) {
    const code = `<iframe src="${embedUrl(embed)}" title="${title.replaceAll('"', '&quot;')}" width="100%" `
      + 'height="480" loading="lazy" style="border: 0"></iframe>';
    parts.push(copyable(`${prefix}-embed-code`, 'Embed this chart on another page', code, true));
  }
  panel.replaceChildren(...parts);
}
