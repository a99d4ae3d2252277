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

/** The Sobol indices of each analyst's choice for `region`'s latest composite ({status: done|pending|off, …}). */
export const getSensitivity = (region) => api('/sensitivity', { region });

/**
 * What hypothetical observations ([{region, series, period, value}]) would give, nothing stored:
 * {samples, regions: [{region, projected, actual}]}, each a latest-scores document.
 */
export async function postScenario(observations) {
  let res;
  try {
    res = await fetch(`${API}/scenarios`, { method: 'POST', headers: { 'Content-Type': 'application/json',
      Accept: 'application/json, application/problem+json' }, body: JSON.stringify({ observations }) });
  } catch (err) {
    throw new Error(`Cannot reach the Ballast server (${err.message}).`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const detail = body?.errors?.length ? `${body.detail} ${body.errors.join('; ')}` : body?.detail;
    throw new Error(detail || `The scenario failed with HTTP ${res.status}.`);
  }
  return body;
}

export const streamUrl = (region) => `${API}/stream?${new URLSearchParams({ region })}`;

// ---------- administration (admin.html): a bearer token the administrator pasted ----------

async function adminPost(path, token) {
  let res;
  try {
    res = await fetch(`${API}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${token}`,
      Accept: 'application/json, application/problem+json' } });
  } catch (err) {
    throw new Error(`Cannot reach the Ballast server (${err.message}).`);
  }
  const body = await res.json().catch(() => null);
  return { status: res.status, body };
}

/** Switches plugin `id` on ('enable') or off ('disable'); resolves to its new entry. */
export async function switchPlugin(id, action, token) {
  const { status, body } = await adminPost(`/admin/plugins/${encodeURIComponent(id)}/${action}`, token);
  if (status !== 200) throw Object.assign(new Error(body?.detail ?? `HTTP ${status}`), { status });
  return body;
}

/**
 * Whether `token` holds the admin role: 'admin', 'no-role' (valid, without the admin role) or 'invalid'. The admin
 * API has no read endpoint, so this asks to enable a plugin whose id cannot exist (ids are [a-z0-9-]): the server
 * checks the token first (401 or 403) and only an admin reaches its 404, which changes nothing.
 */
export async function checkAdminToken(token) {
  const { status, body } = await adminPost('/admin/plugins/_token-check_/enable', token);
  if (status === 404) return 'admin';
  if (status === 403) return 'no-role';
  if (status === 401) return 'invalid';
  throw new Error(body?.detail ?? `The server answered HTTP ${status}.`);
}

export const getReadiness = () => fetch('/health/ready').then((res) => res.json());
