// Drill-down into one indicator: its reading (components as normalised bars, explanation, missing inputs) and one of
// its source series as a chart over the years chosen, with its provenance, a citation and downloads. A series that
// cannot be loaded leaves no earlier chart behind: the chart is cleared before each load.

import { $, decimalsFor, el, fmtNumber, fmtPercent, fmtScore, isNum, prose } from './format.js';
import { getSeries } from './api.js';
import { clearChart, drawLines } from './charts.js';
import { slug } from './download.js';
import { methodHref } from './overview.js';
import { fillTable } from './table.js';
import { createToolbar } from './toolbar.js';

/** "BX.KLT.DINV.WD.GD.ZS (3-year change)" -> "BX.KLT.DINV.WD.GD.ZS"; "A/B" -> "A". */
const parseCode = (componentSeries) => String(componentSeries).split(' (')[0].split('/')[0].trim();

/** The series a component reads: its stable key when that is an input (methodology v2), else parsed from `series`. */
const codeOf = (c, inputs) => (inputs.includes(c.key) ? c.key : parseCode(c.series));

/** "Trade (% of GDP)" with unit "% of GDP" stays as it is; other names get the unit appended. */
export const withUnit = (name, unit) => (!unit || name.includes(`(${unit})`) ? name : `${name} (${unit})`);

function componentItem(c) {
  const fill = el('span', { class: 'bar-fill' });
  fill.style.width = `${Math.min(Math.max(isNum(c.normalised) ? c.normalised : 0, 0), 100)}%`;
  const extras = [
    c.role ? `${c.role}` : null,
    c.carried ? `carried from ${c.dataYear}` : null,
    c.goalposts ? `goalposts ${fmtNumber(c.goalposts.lower)}–${fmtNumber(c.goalposts.upper)}` : null,
  ].filter(Boolean);
  return el('li', { class: 'component', 'data-series': c.series, 'data-key': c.key ?? c.series },
    el('div', { class: 'component-head' },
      el('span', { class: 'component-label' }, c.label || c.series),
      el('span', { class: 'component-score' }, fmtScore(c.normalised), el('span', { class: 'out-of' }, '/100'))),
    el('div', { class: 'bar', 'aria-hidden': 'true' }, fill),
    el('div', { class: 'component-meta' }, `raw ${fmtNumber(c.raw)} · weight ${fmtNumber(c.weight, 2)} · `,
      el('code', {}, c.series), extras.length ? ` · ${extras.join(' · ')}` : ''));
}

function provenanceRow(label, value) {
  return value === null || value === undefined || value === '' ? null
    : el('div', {}, el('dt', {}, label), el('dd', {}, value));
}

/** The inputs a reading lacks: the v2 basket when present, else the labels of `missing`. */
const missingOf = (reading) => (reading?.basket?.missing
  ? reading.basket.missing.map((m) => m.label ?? m.key) : reading?.missing ?? []);

export function createDrilldown({ onChange }) {
  let ticket = 0;
  let shown = null; // {region, code, name, unit, points (the years shown)}
  const docs = new Map(); // `${region}|${code}` -> Promise of the series document
  const canvas = $('series-chart');

  $('drill-indicator').addEventListener('change', (e) => onChange({ indicator: e.target.value, series: null }));
  $('drill-series').addEventListener('change', (e) => onChange({ series: e.target.value }));

  const toolbar = createToolbar('series', {
    csv: () => shown && {
      fileName: `ballast-series-${slug(shown.code)}-${shown.region}.csv`,
      header: ['economy', 'year', 'series_code', 'series', 'unit', 'value', 'observation source', 'vintage'],
      rows: shown.points.map((p) => [shown.region, p.period, shown.code, shown.name, shown.unit ?? '', p.value,
        p.source ?? '', p.vintage ?? shown.vintage ?? '']),
    },
    figure: () => shown && {
      chart: Chart.getChart(canvas), fileName: `ballast-series-${slug(shown.code)}-${shown.region}`,
      title: `${shown.name}, ${shown.regionName}, ${shown.years.from}–${shown.years.to}`,
      subtitle: `${shown.code}${shown.unit ? ` · ${shown.unit}` : ''}`,
      sources: async () => [shown.source],
    },
    share: () => ({ embed: null, title: shown ? shown.name : 'Ballast series' }),
  });

  /** The series document, fetched once per economy and code; a failed fetch is not kept. */
  function seriesDoc(code, region) {
    const key = `${region}|${code}`;
    if (!docs.has(key)) {
      const request = getSeries(code, region);
      request.catch(() => docs.delete(key));
      docs.set(key, request);
    }
    return docs.get(key);
  }

  function renderReading(plugin, reading, regionName, years) {
    const name = plugin?.name ?? reading?.name ?? '—';
    $('drill-name').textContent = name;
    $('drill-description').textContent = plugin?.description ?? '';
    $('drill-method').href = methodHref(plugin?.id ?? reading?.id);
    $('drill-method-of').textContent = ` of ${name}`;
    $('drill-score').textContent = fmtScore(reading?.score);
    $('drill-score').dataset.value = reading ? String(reading.score) : '';
    $('drill-period').textContent = reading?.period ?? '—';
    $('drill-coverage').textContent = fmtPercent(reading?.coverage);
    const outside = reading && (reading.period < years.from || reading.period > years.to);
    $('drill-asof').hidden = !outside;
    $('drill-asof').textContent = outside ? `This is the latest reading, ${reading.period}, outside the years chosen `
      + `(${years.from}–${years.to}); the components are known only for the latest reading.` : '';
    // The server says "no data for X" meaning that year: said so, the source chart of X below may well have data.
    $('drill-explanation').textContent = reading?.explanation
      ? prose(reading.explanation).replace(/\bno data for\b/g, `no ${reading.period} value for`)
      : `${name} has no reading for ${regionName}: none of its inputs has data there.`;
    $('drill-components').replaceChildren(...(reading?.components ?? []).map(componentItem));
    const missing = missingOf(reading);
    $('drill-missing').hidden = missing.length === 0;
    $('drill-missing').replaceChildren(`No ${reading?.period ?? ''} value for: `,
      ...missing.flatMap((m, i) => [i ? ', ' : '', el('code', {}, m)]));
  }

  function renderSeries(doc, { colour, years, regionName, reading }) {
    const all = doc.points;
    const inYears = all.filter((p) => p.period >= years.from && p.period <= years.to);
    const points = inYears.map((p) => ({ x: p.period, y: p.value }));
    const name = doc.name ?? doc.code;
    const digits = decimalsFor(inYears.map((p) => p.value));
    const hasData = points.length > 0;
    $('series-empty').hidden = hasData;
    $('series-empty').textContent = all.length === 0 ? `No observations of ${doc.code} for ${regionName}.`
      : `No observations of ${doc.code} for ${regionName} in ${years.from}–${years.to}; it has data for `
        + `${all[0].period}–${all.at(-1).period}.`;
    canvas.parentElement.hidden = !hasData;
    if (hasData) {
      drawLines(canvas, [{ id: doc.code, label: name, colour, points }], {
        xMin: years.from, xMax: years.to, yTitle: doc.unit ?? '', digits, endLabels: false,
      });
    } else {
      clearChart(canvas);
    }
    const lastYear = all.at(-1)?.period;
    const gap = reading && hasData && !all.some((p) => p.period === reading.period);
    $('series-gap-note').hidden = !gap;
    $('series-gap-note').textContent = gap ? `${doc.code} has no value for ${reading.period}, the year of the `
      + `reading above; its latest value is from ${lastYear}.` : '';
    canvas.setAttribute('aria-label', `Line chart of ${withUnit(name, doc.unit)} for ${regionName}, `
      + `${years.from} to ${years.to}. The Table tab has the values.`);
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
      caption: `${withUnit(name, doc.unit)}, ${regionName}, ${years.from}–${years.to}`,
      columns: [{ label: 'Year' }, { label: doc.unit ? `Value (${doc.unit})` : 'Value', numeric: true },
        { label: 'Observation source' }],
      rows: inYears.map((p) => [p.period, fmtNumber(p.value, digits), p.source ?? '']),
    });
    const source = { source: doc.source, url: doc.sourceUrl, licence: doc.licence,
      series: [{ code: doc.code, name: doc.name }] };
    shown = { region: doc.region, regionName, code: doc.code, name, unit: doc.unit, vintage: doc.vintage,
      points: inYears, years, source };
    toolbar.setAvailable(hasData, 'Nothing to download: no observations in these years.');
    import('./sources.js').then(({ renderCitation }) => renderCitation($('series-cite'), {
      title: `${name}, ${regionName}`, sources: [source] }));
  }

  function clearSeries(message) {
    shown = null;
    clearChart(canvas);
    canvas.parentElement.hidden = true;
    $('series-provenance').replaceChildren();
    $('series-cite').replaceChildren();
    $('series-gap-note').hidden = true;
    $('series-empty').hidden = true;
    fillTable($('series-table'), { columns: [{ label: 'Year' }, { label: 'Value', numeric: true }], rows: [] });
    toolbar.setAvailable(false, message);
  }

  return {
    /** Fills the indicator picker from the plugin list ([{id, name}]). */
    setIndicators(plugins) {
      $('drill-indicator').replaceChildren(...plugins.map((p) => el('option', { value: p.id }, p.name || p.id)));
    },

    /**
     * Shows `plugin` ({id, name, inputs, ...}) with its `reading` from the latest document (or none) for `region`
     * over `years`; charts `seriesCode` when it is one of the inputs, else the input of the first component.
     */
    async show({ plugin, reading, region, regionName, seriesCode, colour, years }) {
      const mine = ++ticket;
      $('drill-indicator').value = plugin?.id ?? '';
      renderReading(plugin, reading, regionName, years);
      const inputs = plugin?.inputs ?? [];
      const preferred = reading?.components?.length ? codeOf(reading.components[0], inputs) : inputs[0];
      const code = inputs.includes(seriesCode) ? seriesCode : (inputs.includes(preferred) ? preferred : inputs[0]);
      // names from the components at once, from the series documents as they arrive
      const names = new Map((reading?.components ?? []).map((c) => [codeOf(c, inputs), c.label]));
      const options = inputs.map((c) => el('option', { value: c }, names.has(c) ? `${names.get(c)} (${c})` : c));
      $('drill-series').replaceChildren(...options);
      $('drill-series').value = code ?? '';
      inputs.forEach((c, i) => seriesDoc(c, region).then((doc) => {
        if (mine === ticket && doc.name) options[i].textContent = `${doc.name} (${c})`;
      }).catch(() => {}));
      $('series-error').hidden = true;
      clearSeries('The series is loading.');
      if (!code) return;
      $('series-loading').hidden = false;
      try {
        const doc = await seriesDoc(code, region);
        if (mine === ticket) renderSeries(doc, { colour, years, regionName, reading });
      } catch (err) {
        if (mine !== ticket) return;
        $('series-error').textContent = `The series ${code} could not be loaded: ${err.message}`;
        $('series-error').hidden = false;
        clearSeries('Nothing to download: the series could not be loaded.');
      } finally {
        if (mine === ticket) $('series-loading').hidden = true;
      }
    },

    /** Forgets the series documents of `region` (a live update may have changed them). */
    forget(region) {
      for (const key of docs.keys()) if (key.startsWith(`${region}|`)) docs.delete(key);
    },
  };
}
