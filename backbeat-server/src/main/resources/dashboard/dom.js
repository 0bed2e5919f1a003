// Small DOM helpers. Every text from the API goes through textContent or esc(): never raw HTML.

/** el('a', {href: '#/x', class: 'y'}, 'text', child) */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function esc(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Canonical status + stage → the state word shown (pending / processing / text / first / succeeded / failed / canceled). */
export function stateOf(status, stage) {
  if (status === 'queued') return 'pending';
  if (status === 'running') return stage === 'text' || stage === 'first' ? stage : 'processing';
  return status;
}

const STATE_LABELS = {
  pending: ['◷', 'pending'],
  processing: ['⟳', 'processing'],
  text: ['¶', 'text'],
  first: ['◐', 'first'],
  succeeded: ['✓', 'succeeded'],
  failed: ['✕', 'failed'],
  canceled: ['⊘', 'canceled'],
  pass: ['✓', 'Passed'],
  fail: ['✕', 'Failed'],
  skip: ['–', 'Skipped'],
  running: ['⟳', 'Running…'],
  idle: ['○', 'Not run'],
};

export const STATE_HELP = {
  pending: 'waiting for a worker',
  processing: 'a worker is on it',
  text: 'title and lyrics are ready, audio is rendering',
  first: 'the first clip is ready',
  succeeded: 'finished with outputs',
  failed: 'ended with an error',
  canceled: 'stopped by its owner',
};

export function badgeHtml(state) {
  const [icon, word] = STATE_LABELS[state] || ['•', state];
  return `<span class="status" data-state="${esc(state)}"><span class="icon" aria-hidden="true">${icon}</span><span class="word">${esc(word)}</span></span>`;
}

export function badge(state) {
  const [icon, word] = STATE_LABELS[state] || ['•', state];
  return el('span', { class: 'status', 'data-state': state }, el('span', { class: 'icon', 'aria-hidden': 'true' }, icon), el('span', { class: 'word' }, word));
}

const DATE = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
export function formatTime(iso) {
  if (!iso) return '—';
  return DATE.format(new Date(iso));
}

export function timeHtml(iso) {
  return iso ? `<time datetime="${esc(iso)}">${esc(formatTime(iso))}</time>` : '—';
}

export function timeEl(iso) {
  return iso ? el('time', { datetime: iso }, formatTime(iso)) : '—';
}

export function seconds(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Asset URLs point at the public URL; the dashboard is served by the same server, so it plays them from here. */
export function localUrl(url) {
  if (!url) return url;
  try {
    const parsed = new URL(url, location.href);
    return parsed.pathname.startsWith('/assets/') ? parsed.pathname + parsed.search : url;
  } catch {
    return url;
  }
}

export function announce(text) {
  const region = document.getElementById('announcer');
  region.textContent = '';
  // a fresh text node after a tick is announced even when it repeats
  setTimeout(() => { region.textContent = text; }, 30);
}

export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new DOMException('aborted', 'AbortError')); }, { once: true });
  });
}

/** Values of fields whose names look secret are hidden even if one slipped into a stored payload. */
const SECRET_NAME = /(secret|password|passwd|token|signature|authorization|api[-_]?key|^key$|bearer)/i;
const SECRET_VALUE = /(whsec_[A-Za-z0-9+/=]{8,}|bb_(live|dev)_[A-Za-z0-9]{8,}|Bearer\s+\S+)/g;
export function hideSecrets(value) {
  if (Array.isArray(value)) return value.map(hideSecrets);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_NAME.test(k) && v !== null && typeof v !== 'object' ? '••• hidden' : hideSecrets(v);
    return out;
  }
  if (typeof value === 'string') return value.replace(SECRET_VALUE, '••• hidden');
  return value;
}

export function copyButton(getText, label = 'Copy') {
  const button = el('button', { type: 'button', class: 'secondary' }, label);
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(getText());
      announce('Copied');
      button.textContent = 'Copied';
      setTimeout(() => { button.textContent = label; }, 1500);
    } catch {
      announce('Copying is not allowed here; select the text instead');
    }
  });
  return button;
}
