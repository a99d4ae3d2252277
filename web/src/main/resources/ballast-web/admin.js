// The administration page: shows nothing until an admin token is pasted; then the plugin table with switches and the
// reload status. The token is kept in sessionStorage (this tab only) and sent as a bearer token to the admin API.

import { checkAdminToken, getIndicators, getReadiness, switchPlugin } from './api.js';
import { $ } from './format.js';
import { renderPlugins } from './plugins.js';

const KEY = 'ballast.adminToken';

function showSignIn(message = '') {
  $('admin').hidden = true;
  $('sign-in').hidden = false;
  $('token-error').textContent = message;
  $('token-error').hidden = !message;
  $('plugins-table').replaceChildren();
}

function signOut(message = '') {
  sessionStorage.removeItem(KEY);
  showSignIn(message);
}

function reloadStatus(doc, ready) {
  const plugins = doc.indicators ?? [];
  const latest = plugins.map((p) => p.since).filter(Boolean).sort().at(-1);
  const refused = Object.keys(doc.refused ?? {}).length;
  const counts = ready?.checks?.plugins;
  return [
    counts ? `${counts.started} of ${counts.total} plugins started` : `${plugins.length} plugins`,
    counts?.failed?.length ? `failed: ${counts.failed.join(', ')}` : 'none failed',
    latest ? `last change ${latest.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}` : null,
    refused ? `${refused} source(s) refused, listed below` : 'no jar refused',
    `checked ${new Date().toLocaleTimeString('en-GB', { timeZoneName: 'short' })}`,
  ].filter(Boolean).join(' · ');
}

async function refresh() {
  const token = sessionStorage.getItem(KEY);
  if (!token) return;
  try {
    const [doc, ready] = await Promise.all([getIndicators(), getReadiness().catch(() => null)]);
    renderPlugins(doc, onSwitch);
    $('reload-status').textContent = reloadStatus(doc, ready);
    $('admin-error').hidden = true;
  } catch (err) {
    $('admin-error').textContent = err.message;
    $('admin-error').hidden = false;
  }
}

async function onSwitch(id, action) {
  try {
    await switchPlugin(id, action, sessionStorage.getItem(KEY));
    await refresh();
  } catch (err) {
    if (err.status === 401 || err.status === 403) signOut('The token is no longer accepted: sign in again.');
    else {
      $('admin-error').textContent = err.message;
      $('admin-error').hidden = false;
    }
  }
}

async function signIn(token) {
  const verdict = await checkAdminToken(token);
  if (verdict !== 'admin') {
    signOut(verdict === 'no-role' ? 'This token is valid but does not hold the admin role.'
      : 'This token is not valid.');
    return;
  }
  sessionStorage.setItem(KEY, token);
  $('sign-in').hidden = true;
  $('admin').hidden = false;
  await refresh();
  $('plugins-heading').focus?.();
}

$('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const token = $('token').value.trim();
  $('token').value = '';
  signIn(token).catch((err) => showSignIn(err.message));
});
$('refresh').addEventListener('click', refresh);
$('sign-out').addEventListener('click', () => signOut());

const saved = sessionStorage.getItem(KEY);
if (saved) signIn(saved).catch((err) => showSignIn(err.message));
else showSignIn();
document.body.dataset.ready = 'true';
