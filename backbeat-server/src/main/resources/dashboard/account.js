// The account: credits and ledger, the webhook signing secret (shown only on request) and its
// rotation, and the API keys (names and prefixes; keys themselves exist only when created).
import { api } from './api.js';
import { announce, copyButton, el, timeEl } from './dom.js';

export async function renderAccount(main) {
  const [account, keys] = await Promise.all([api('/v1/account'), api('/v1/account/keys')]);
  delete account.webhookSecret; // fetched again only when the owner asks to see it

  const balance = account.credits.metered ? `${account.credits.balance} credits` : 'Unmetered (no credits are held or charged)';
  main.append(
    el('h1', {}, 'Account'),
    el('section', { class: 'card', 'aria-labelledby': 'account-title' },
      el('h2', { id: 'account-title' }, account.name),
      el('dl', { class: 'meta' },
        el('dt', {}, 'Account id'), el('dd', {}, el('code', {}, account.id)),
        el('dt', {}, 'Created'), el('dd', {}, timeEl(account.createdAt)),
        el('dt', {}, 'Balance'), el('dd', { id: 'balance' }, balance))),
    secretSection(account),
    keysSection(keys.data),
    await ledgerSection(),
  );
}

function secretSection(account) {
  const value = el('code', { id: 'webhook-secret', 'aria-live': 'polite' }, 'Hidden');
  const reveal = el('button', { type: 'button', class: 'secondary', 'aria-pressed': 'false', 'aria-controls': 'webhook-secret' }, 'Reveal secret');
  let secret = null;
  const copy = copyButton(() => secret || '', 'Copy secret');
  copy.hidden = true;
  const hide = () => {
    secret = null;
    value.textContent = 'Hidden';
    reveal.textContent = 'Reveal secret';
    reveal.setAttribute('aria-pressed', 'false');
    copy.hidden = true;
  };
  reveal.addEventListener('click', async () => {
    if (secret) {
      hide();
      return;
    }
    secret = (await api('/v1/account')).webhookSecret;
    value.textContent = secret;
    reveal.textContent = 'Hide secret';
    reveal.setAttribute('aria-pressed', 'true');
    copy.hidden = false;
  });

  const previous = el('p', { class: 'muted small', id: 'previous-secret' });
  const showPrevious = (until) => {
    previous.replaceChildren(...(until ? ['The previous secret keeps signing beside it until ', timeEl(until), '.'] : []));
  };
  showPrevious(account.previousSecretValidUntil);

  const overlap = el('input', { id: 'overlap-hours', type: 'number', min: '0', max: '168', step: '1', value: '24', inputmode: 'numeric' });
  const rotateForm = el('form', { class: 'row', hidden: true },
    el('div', { class: 'field' }, el('label', { for: 'overlap-hours' }, 'Old secret keeps signing for (hours)'), overlap),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'danger' }, 'Rotate now'), el('button', { type: 'button', class: 'secondary', 'data-cancel': '' }, 'Keep current secret')));
  const rotate = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false' }, 'Rotate secret…');
  rotate.addEventListener('click', () => {
    rotateForm.hidden = false;
    rotate.setAttribute('aria-expanded', 'true');
    overlap.focus();
  });
  rotateForm.querySelector('[data-cancel]').addEventListener('click', () => {
    rotateForm.hidden = true;
    rotate.setAttribute('aria-expanded', 'false');
    rotate.focus();
  });
  rotateForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const hours = Math.max(0, Math.min(168, Number(overlap.value) || 0));
    const answer = await api('/v1/account/webhook-secret/rotate', { method: 'POST', body: { overlapSeconds: hours * 3600 } });
    hide();
    showPrevious(answer.previousSecretValidUntil);
    rotateForm.hidden = true;
    rotate.setAttribute('aria-expanded', 'false');
    announce('Webhook secret rotated. Reveal it to copy the new one.');
    rotate.focus();
  });

  return el('section', { class: 'card', 'aria-labelledby': 'secret-title' },
    el('h2', { id: 'secret-title' }, 'Webhook signing secret'),
    el('p', {}, 'Callbacks are signed with this secret (Standard Webhooks: webhook-id, webhook-timestamp, webhook-signature). Verify every callback with it.'),
    el('div', { class: 'secret' }, value, reveal, copy),
    previous,
    el('div', { class: 'actions' }, rotate),
    rotateForm);
}

function keysSection(keys) {
  const rows = keys.map((key) => el('tr', {},
    el('td', { 'data-label': 'Name' }, key.name, key.current ? el('span', { class: 'muted' }, ' (this session)') : null),
    el('td', { 'data-label': 'Key starts with' }, el('code', {}, `${key.prefix}…`)),
    el('td', { 'data-label': 'Id' }, el('code', { class: 'small' }, key.id)),
    el('td', { 'data-label': 'Created' }, timeEl(key.createdAt))));
  return el('section', { class: 'card', 'aria-labelledby': 'keys-title' },
    el('h2', { id: 'keys-title' }, 'API keys'),
    el('p', { class: 'muted small' }, 'Keys are shown once, when they are created, and stored only as hashes. Create one with ', el('code', {}, './backbeat keys create --account <account id> --name <name>'), '.'),
    el('div', { class: 'table-wrap' }, el('table', { class: 'stack' },
      el('caption', { class: 'visually-hidden' }, 'Live API keys of this account'),
      el('thead', {}, el('tr', {}, ...['Name', 'Key starts with', 'Id', 'Created'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows))));
}

async function ledgerSection() {
  const body = el('tbody');
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, 'Older entries');
  const empty = el('p', { class: 'muted' }, 'No credit movements yet.');
  const table = el('div', { class: 'table-wrap' }, el('table', { class: 'stack' },
    el('caption', { class: 'visually-hidden' }, 'Credit movements, newest first'),
    el('thead', {}, el('tr', {}, ...['Time', 'Movement', 'Credits', 'Balance after', 'Task'].map((h) => el('th', { scope: 'col' }, h)))),
    body));
  let before = null;
  const load = async () => {
    const page = await api(`/v1/account/ledger?limit=50${before ? `&before=${before}` : ''}`);
    for (const entry of page.data) {
      const sign = entry.kind === 'hold' ? '−' : entry.kind === 'settle' ? '' : '+';
      body.append(el('tr', {},
        el('td', { 'data-label': 'Time' }, timeEl(entry.createdAt)),
        el('td', { 'data-label': 'Movement' }, entry.kind),
        el('td', { 'data-label': 'Credits' }, `${sign}${entry.amount}`),
        el('td', { 'data-label': 'Balance after' }, String(entry.balanceAfter)),
        el('td', { 'data-label': 'Task' }, entry.taskId ? el('a', { href: `#/tasks/${encodeURIComponent(entry.taskId)}`, class: 'mono small' }, `${entry.taskId.slice(0, 8)}…`) : '—')));
    }
    before = page.nextBefore;
    more.hidden = !before;
    empty.hidden = body.children.length > 0;
    table.hidden = body.children.length === 0;
  };
  more.addEventListener('click', load);
  await load();
  return el('section', { class: 'card', 'aria-labelledby': 'ledger-title' },
    el('h2', { id: 'ledger-title' }, 'Ledger'),
    el('p', { class: 'muted small' }, 'A task holds its price when it is created; the hold is settled when it succeeds and refunded when it fails or is canceled.'),
    empty,
    table,
    el('div', { class: 'list-footer' }, more));
}
