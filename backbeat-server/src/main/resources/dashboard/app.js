// The dashboard shell: sign-in, navigation (hash routes), the live event stream, focus on route change.
import { api, onUnauthorized, session } from './api.js';
import { announce, el } from './dom.js';
import { LiveEvents } from './live.js';
import { renderTasks } from './tasks.js';
import { renderTask } from './task.js';
import { renderAccount } from './account.js';
import { renderChecks } from './checks.js';

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const signOutButton = document.getElementById('sign-out');
const liveState = document.getElementById('live-state');

let live = null;
let cleanup = null;
let signInMessage = '';

const LIVE_WORDS = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…', offline: 'Offline' };

function parseRoute() {
  const hash = location.hash.replace(/^#/, '') || '/tasks';
  const [path, query = ''] = hash.split('?');
  const parts = path.split('/').filter(Boolean);
  return { parts, params: new URLSearchParams(query) };
}

async function route() {
  if (cleanup) {
    cleanup();
    cleanup = null;
  }
  if (!session.key()) {
    showSignedIn(false);
    renderSignIn();
    return;
  }
  showSignedIn(true);
  const { parts, params } = parseRoute();
  const section = parts[0] || 'tasks';
  for (const link of nav.querySelectorAll('a')) {
    if (link.dataset.nav === section) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.replaceChildren();
  window.scrollTo(0, 0);
  const context = { live, navigate: (hash) => { location.hash = hash; } };
  try {
    if (section === 'tasks' && parts[1]) cleanup = await renderTask(main, decodeURIComponent(parts[1]), context);
    else if (section === 'account') cleanup = await renderAccount(main, context);
    else if (section === 'checks') cleanup = await renderChecks(main, context);
    else cleanup = await renderTasks(main, params, context);
  } catch (error) {
    main.replaceChildren(el('h1', { tabindex: '-1' }, 'Something went wrong'), el('p', { class: 'error-text' }, error.message));
  }
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    document.title = `${heading.textContent} · Backbeat`;
    if (document.activeElement === document.body || !main.contains(document.activeElement)) heading.focus({ preventScroll: true });
  }
}

function showSignedIn(signedIn) {
  nav.hidden = !signedIn;
  signOutButton.hidden = !signedIn;
  liveState.hidden = !signedIn;
}

function renderSignIn() {
  document.title = 'Sign in · Backbeat';
  const input = el('input', { id: 'api-key', name: 'apiKey', type: 'password', autocomplete: 'off', spellcheck: 'false', required: true, 'aria-describedby': 'api-key-help' });
  const error = el('p', { id: 'sign-in-error', class: 'error-text', role: 'alert' }, signInMessage);
  signInMessage = '';
  const form = el(
    'form',
    { class: 'card', 'aria-labelledby': 'sign-in-title' },
    el('h1', { id: 'sign-in-title', tabindex: '-1' }, 'Sign in'),
    el('div', { class: 'field' }, el('label', { for: 'api-key' }, 'API key'), input),
    el('p', { id: 'api-key-help', class: 'muted small' },
      'The key stays in this browser tab only (session storage) and is sent as Authorization: Bearer. ',
      'Create one with ', el('code', {}, './backbeat keys create --name dashboard'), '.'),
    error,
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Sign in')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    if (!key) return;
    try {
      await api('/v1/account', { key });
      session.signIn(key);
      await startLive();
      announce('Signed in');
      if (!location.hash || location.hash === '#/signin') location.hash = '#/tasks';
      else route();
    } catch (e) {
      error.textContent = e.status === 401 ? 'This API key is not valid.' : `Could not sign in: ${e.message}`;
      input.focus();
    }
  });
  main.replaceChildren(form);
  input.focus();
}

async function startLive() {
  live?.stop();
  live = new LiveEvents();
  live.onState((state) => {
    liveState.dataset.state = state;
    liveState.textContent = `Updates: ${LIVE_WORDS[state] || state}`;
  });
  try {
    await live.start();
  } catch {
    live.setState('offline');
  }
}

function signOut(message = '') {
  live?.stop();
  live = null;
  session.signOut();
  signInMessage = message;
  announce('Signed out');
  if (location.hash && location.hash !== '#/tasks') location.hash = '#/tasks';
  else route();
}

signOutButton.addEventListener('click', () => signOut());
onUnauthorized(() => signOut('Your API key is no longer valid. Sign in again.'));
window.addEventListener('hashchange', route);

(async () => {
  if (session.key()) await startLive();
  route();
})();
