// Ballast JSON API client: one fetch helper that turns problem+json answers into Errors.

export const API = '/api/v1';

/** GETs `${API}${path}` with query `params`; throws an Error whose message is the problem detail. */
export async function api(path, params = {}) {
  const url = `${API}${path}?${new URLSearchParams(params)}`;
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
