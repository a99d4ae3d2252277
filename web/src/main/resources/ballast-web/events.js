// Policy events (GET /api/v1/events): grouped per quarter into numbered markers, filtered by the jurisdiction that
// imposed them and by type, and every source offered as a link. Fields of the richer events API (type, direction,
// targets, id) are used when present; an event without them is an export control of unknown direction.

const FEDERAL_REGISTER = /^Federal Register (\d{4}-\d{4,6})$/i;

/** The events' type when the API does not name one. */
export const DEFAULT_TYPE = 'export-control';

export const typeOf = (event) => event.type || DEFAULT_TYPE;

/** "export-control" -> "Export control". */
export const typeName = (type) => {
  const words = String(type).replaceAll(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** The jurisdictions that imposed an event: "JP+NL" -> ["JP", "NL"]. */
export const jurisdictionsOf = (event) => String(event.jurisdiction ?? '').split('+').map((j) => j.trim())
  .filter(Boolean);

/** How an event moved the controls, in words, or '' when the API does not say. */
export const directionText = (event) =>
  ({ tighten: 'tightens', relax: 'relaxes', suspend: 'suspends' })[event.direction] ?? '';

/** Whom an event is aimed at, in words: "targeted", "all importers", "all destinations", or '' when unknown. */
export const scopeText = (event) =>
  ({ targeted: 'targeted', 'all-importers': 'all importers', 'all-destinations': 'all destinations' })[event.scope]
    ?? (event.scope ? typeName(event.scope).toLowerCase() : '');

/** The economies an event counts against: "CHN, JPN, KOR", or '' when the API does not say. */
export const targetsText = (event) => (Array.isArray(event.targets) ? event.targets.join(', ') : '');

/** How many entities the action lists: `entities`, or the older `entitiesAdded`; null when unknown or none. */
export const entitiesOf = (event) => event.entities ?? event.entitiesAdded ?? null;

/**
 * A link for an event's source: the URL itself, or the Federal Register document a reference such as
 * "Federal Register 2023-04558" names. Null when neither.
 */
export function sourceHref(source) {
  const text = String(source ?? '').trim();
  if (/^https?:\/\/\S+$/i.test(text)) return text;
  const fr = FEDERAL_REGISTER.exec(text);
  return fr ? `https://www.federalregister.gov/d/${fr[1]}` : null;
}

/** The short text of a source link: a document reference as it is, a URL as its host. */
export function sourceText(source) {
  const text = String(source ?? '').trim();
  try {
    return /^https?:/i.test(text) ? new URL(text).host.replace(/^www\./, '') : text;
  } catch {
    return text;
  }
}

function quarterOf(date) {
  const [year, month] = date.split('-').map(Number);
  return { year, quarter: Math.floor((month - 1) / 3) + 1 };
}

/**
 * Events grouped per quarter, oldest first, numbered from 1: [{n, label ("2023 Q1"), x (the middle of the quarter on a
 * year axis), year, events}].
 */
export function groupByQuarter(events) {
  const groups = new Map();
  for (const event of [...events].sort((a, b) => a.date.localeCompare(b.date))) {
    const { year, quarter } = quarterOf(event.date);
    const key = `${year} Q${quarter}`;
    if (!groups.has(key)) groups.set(key, { label: key, year, x: year + (quarter - 1) / 4 + 0.125, events: [] });
    groups.get(key).events.push(event);
  }
  return [...groups.values()].map((g, i) => ({ ...g, n: i + 1 }));
}

/** Whether `event` passes the filter {jurisdictions: [..] or null for all, types: [..] or null for all}. */
export function passes(event, { jurisdictions, types }) {
  const byWho = !jurisdictions || jurisdictionsOf(event).some((j) => jurisdictions.includes(j));
  const byType = !types || types.includes(typeOf(event));
  return byWho && byType;
}

/** The jurisdictions and types that occur in `events`, sorted, for the filter's choices. */
export function choicesOf(events) {
  const jurisdictions = [...new Set(events.flatMap(jurisdictionsOf))].sort();
  const types = [...new Set(events.map(typeOf))].sort();
  return { jurisdictions, types };
}

/** The lines of text that describe one event on the chart. */
export function describe(event) {
  const targets = targetsText(event);
  const entities = entitiesOf(event);
  const who = [event.date, targets ? `${event.jurisdiction} on ${targets}` : event.jurisdiction, directionText(event),
    scopeText(event), entities == null ? null : `${entities} entities`].filter(Boolean).join(' · ');
  return { head: who, title: event.title, source: `Source: ${sourceText(event.source)}` };
}
