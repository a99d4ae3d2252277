// Ballast JSON API client: one fetch helper that turns problem+json answers into Errors, and one function per endpoint.

export const API = '/api/v1';

/** GETs `${API}${path}` with query `params`; throws an Error whose message is the problem's detail. */
export async function api(path, params = {}) {
  const query = new URLSearchParams(params).toString();
  const url = `${API}${path}${query ? `?${query}` : ''}`;
  let res;
  try {
    res = await fetch(url, { headers: { Accept: 'application/json, application/problem+json' } });
  } catch (err) {
    throw new Error(`Cannot reach the Ballast server (${err.message}).`);
  }
  const isJson = (res.headers.get('Content-Type') || '').includes('json');
  const body = isJson ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const detail = body && (body.detail || body.title);
    throw new Error(detail || `Request to ${path} failed with HTTP ${res.status}.`);
  }
  if (body === null) throw new Error(`Unexpected (non-JSON) answer from ${path}.`);
  return body;
}

export const getRegions = () => api('/regions');
export const getIndicators = () => api('/indicators');
export const getLatest = (region) => api('/scores/latest', { region });
export const getEvents = (region) => api('/events', { region });
export const getSeries = (code, region) => api(`/series/${encodeURIComponent(code)}`, { region });

/** One indicator's (or the composite's) scores by year, oldest first. */
export const getHistory = (region, indicator, from, to) =>
  api('/scores/history', { region, indicator, from, to });

export const streamUrl = (region) => `${API}/stream?${new URLSearchParams({ region })}`;
