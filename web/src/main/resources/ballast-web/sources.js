// Where a chart's numbers come from: the input series of its lines, grouped by source with their licences, and a ready
// citation of the view. Loaded on first use (a Sources tab, a download), not with the page.

import { getSeries } from './api.js';
import { el } from './format.js';
import { sourceHref } from './events.js';

const docs = new Map(); // `${region}|${code}` -> Promise of the series document

function seriesDoc(code, region) {
  const key = `${region}|${code}`;
  if (!docs.has(key)) {
    const request = getSeries(code, region);
    request.catch(() => docs.delete(key));
    docs.set(key, request);
  }
  return docs.get(key);
}

/** The sources of series `codes` in `region`: [{source, url, licence, series: [{code, name}]}], one per source. */
export async function sourcesOf(region, codes) {
  const answers = await Promise.allSettled([...new Set(codes)].map((code) => seriesDoc(code, region)));
  const bySource = new Map();
  for (const answer of answers) {
    if (answer.status !== 'fulfilled') continue;
    const doc = answer.value;
    const key = `${doc.source ?? 'Unknown source'}|${doc.licence ?? ''}`;
    if (!bySource.has(key)) {
      bySource.set(key, { source: doc.source ?? 'Unknown source', url: doc.sourceUrl, licence: doc.licence,
        series: [] });
    }
    bySource.get(key).series.push({ code: doc.code, name: doc.name });
  }
  return [...bySource.values()];
}

/** One line naming the sources and their licences, for image footers. */
export const sourcesLine = (sources) => `Data: ${sources.map((s) => `${s.source}${s.licence ? ` (${s.licence})` : ''}`)
  .join('; ')}. Scores: Ballast (methodology at ${location.origin}/methodology.html).`;

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

/** A citation of `title` as shown now, with the link that reproduces the view. */
export const citation = (title, sources) => `Ballast (${new Date().getFullYear()}). ${title}. `
  + `${sourcesLine(sources)} Retrieved ${DAY.format(new Date())} from ${location.href}`;

function copyButton(text, what) {
  const button = el('button', { type: 'button', class: 'button small' }, `Copy ${what}`);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select the text to copy it';
    }
  });
  return button;
}

/** Fills `box` with the citation of `title` based on `sources`, and a button that copies it. */
export function renderCitation(box, { title, sources }) {
  const text = citation(title, sources);
  box.replaceChildren(el('h4', {}, 'Cite this'), el('p', { class: 'citation' }, text), copyButton(text, 'citation'));
}

/** Fills `box` (a Sources tab) with the list of sources and the citation. */
export function renderSources(box, { title, sources }) {
  const items = sources.map((s) => {
    const href = s.url ?? sourceHref(s.source);
    return el('li', {},
      href ? el('a', { href, rel: 'noopener noreferrer', target: '_blank' }, s.source) : s.source,
      s.licence ? `, licence: ${s.licence}` : '', el('br'),
      el('span', { class: 'source-series' }, 'Series: ',
        ...s.series.flatMap((x, i) => [i ? '; ' : '', x.name ?? x.code, ' ', el('code', {}, x.code)])));
  });
  const cite = el('div', { class: 'cite' });
  renderCitation(cite, { title, sources });
  box.replaceChildren(el('h3', {}, 'Sources'),
    items.length ? el('ul', { class: 'source-list' }, ...items) : el('p', {}, 'No source could be loaded.'),
    el('p', { class: 'section-note' }, 'Scores are computed by Ballast from these series; ',
      el('a', { href: 'methodology.html' }, 'the methodology'), ' says how.'), cite);
}
