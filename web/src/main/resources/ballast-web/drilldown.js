// Drill-down into one indicator: its reading (components as normalised bars, explanation, missing inputs) and the
// raw source series behind it as a chart with its provenance (source, vintage, licence, link).

import { $, el, fmtNumber, fmtPercent, fmtScore, isNum } from './format.js';
import { getSeries } from './api.js';
import { drawLines } from './charts.js';
import { downloadCsv, downloadPng, slug } from './download.js';
import { fillTable } from './table.js';
import { methodHref } from './overview.js';

/** "BX.KLT.DINV.WD.GD.ZS (3-year change)" -> "BX.KLT.DINV.WD.GD.ZS"; "A/B" -> "A". */
const codeOf = (componentSeries) => String(componentSeries).split(' (')[0].split('/')[0].trim();

function componentItem(c) {
  const fill = el('span', { class: 'bar-fill' });
  fill.style.width = `${Math.min(Math.max(isNum(c.normalised) ? c.normalised : 0, 0), 100)}%`;
  return el('li', { class: 'component', 'data-series': c.series },
    el('div', { class: 'component-head' },
      el('span', { class: 'component-label' }, c.label || c.series),
      el('span', { class: 'component-score' }, fmtScore(c.normalised), el('span', { class: 'out-of' }, '/100'))),
    el('div', { class: 'bar', 'aria-hidden': 'true' }, fill),
    el('div', { class: 'component-meta' }, `raw ${fmtNumber(c.raw)} · weight ${fmtNumber(c.weight)} · `,
      el('code', {}, c.series)));
}

function provenanceRow(label, value) {
  return value === null || value === undefined || value === '' ? null
    : el('div', {}, el('dt', {}, label), el('dd', {}, value));
}

export function createDrilldown({ onChange }) {
  let ticket = 0;
  let shown = null; // {region, code, points}
  const canvas = $('series-chart');

  $('drill-indicator').addEventListener('change', (e) => onChange({ indicator: e.target.value, series: null }));
  $('drill-series').addEventListener('change', (e) => onChange({ series: e.target.value }));
  $('series-csv').addEventListener('click', () => {
    if (!shown) return;
    downloadCsv(`ballast-series-${slug(shown.code)}-${shown.region}.csv`, ['year', 'value', 'source'],
      shown.points.map((p) => [p.period, p.value, p.source ?? '']));
  });
  $('series-png').addEventListener('click', () => {
    if (shown) downloadPng(Chart.getChart(canvas), `ballast-series-${slug(shown.code)}-${shown.region}.png`);
  });

  function renderReading(plugin, reading, regionName) {
    const name = plugin?.name ?? reading?.name ?? '—';
    $('drill-name').textContent = name;
    $('drill-description').textContent = plugin?.description ?? '';
    $('drill-method').href = methodHref(plugin?.id ?? reading?.id);
    $('drill-method').setAttribute('aria-label', `How ${name} is computed`);
    $('drill-score').textContent = fmtScore(reading?.score);
    $('drill-score').dataset.value = reading ? String(reading.score) : '';
    $('drill-period').textContent = reading?.period ?? '—';
    $('drill-coverage').textContent = fmtPercent(reading?.coverage);
    $('drill-explanation').textContent = reading?.explanation
      ?? `${name} has no reading for ${regionName}: none of its inputs has data there.`;
    $('drill-components').replaceChildren(...(reading?.components ?? []).map(componentItem));
    const missing = reading?.missing ?? [];
    $('drill-missing').hidden = missing.length === 0;
    $('drill-missing').replaceChildren('No data for: ',
      ...missing.flatMap((m, i) => [i ? ', ' : '', el('code', {}, m)]));
  }

  function renderSeries(doc, colour) {
    const points = doc.points.map((p) => ({ x: p.period, y: p.value }));
    const label = doc.name ?? doc.code;
    drawLines(canvas, [{ label, colour, points }], { yTitle: doc.unit ?? '', digits: 3 });
    canvas.setAttribute('aria-label', `Line chart of ${label} for ${doc.region} by year`
      + `${points.length ? `, ${points[0].x} to ${points.at(-1).x}` : ', no observations'}. `
      + 'The table view has the values.');
    $('series-empty').hidden = points.length > 0;
    canvas.parentElement.hidden = points.length === 0;
    const link = doc.sourceUrl
      ? el('a', { href: doc.sourceUrl, rel: 'noopener noreferrer', target: '_blank', id: 'series-source-link' },
        doc.source ?? doc.sourceUrl, el('span', { class: 'visually-hidden' }, ' (opens in a new tab)'))
      : doc.source;
    $('series-provenance').replaceChildren(...[
      provenanceRow('Series', el('span', {}, `${doc.name ?? 'Not catalogued'} `, el('code', {}, doc.code))),
      provenanceRow('Unit', doc.unit),
      provenanceRow('Source', link),
      provenanceRow('Vintage', doc.vintage),
      provenanceRow('Licence', doc.licence),
      provenanceRow('Notes', doc.notes),
    ].filter(Boolean));
    fillTable($('series-table'), {
      caption: `${label} (${doc.unit ?? 'no unit'}), ${doc.region}`,
      columns: [{ label: 'Year' }, { label: 'Value', numeric: true }, { label: 'Observation source' }],
      rows: doc.points.map((p) => [p.period, fmtNumber(p.value), p.source ?? '']),
    });
    shown = { region: doc.region, code: doc.code, points: doc.points };
  }

  return {
    /** Fills the indicator picker from the plugin list ([{id, name}]). */
    setIndicators(plugins) {
      $('drill-indicator').replaceChildren(...plugins.map((p) => el('option', { value: p.id }, p.name || p.id)));
    },

    /**
     * Shows `plugin` ({id, name, inputs, ...}) with its `reading` from the latest document (or none) for `region`;
     * charts `seriesCode` when it is one of the inputs, else the input of the first component.
     */
    async show({ plugin, reading, region, regionName, seriesCode, colour }) {
      const mine = ++ticket;
      $('drill-indicator').value = plugin?.id ?? '';
      renderReading(plugin, reading, regionName);
      const inputs = plugin?.inputs ?? [];
      const preferred = reading?.components?.length ? codeOf(reading.components[0].series) : inputs[0];
      const code = inputs.includes(seriesCode) ? seriesCode : (inputs.includes(preferred) ? preferred : inputs[0]);
      $('drill-series').replaceChildren(...inputs.map((c) => el('option', { value: c }, c)));
      $('drill-series').value = code ?? '';
      $('series-error').hidden = true;
      if (!code) return;
      try {
        const doc = await getSeries(code, region);
        if (mine === ticket) renderSeries(doc, colour);
      } catch (err) {
        if (mine !== ticket) return;
        $('series-error').textContent = err.message;
        $('series-error').hidden = false;
      }
    },
  };
}
