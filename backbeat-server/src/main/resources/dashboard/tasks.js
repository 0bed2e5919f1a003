// The task list: filters, search by id, cursor pagination, live rows. Rows are built as one HTML
// string per page (escaped), so 1,000 tasks render in one layout pass; live updates touch one row.
import { api, ApiError } from './api.js';
import { announce, badgeHtml, el, esc, STATE_HELP, stateOf, timeHtml } from './dom.js';

const PAGE = 200;
const KINDS = ['SONG', 'LYRICS', 'EXTEND', 'UPLOAD_COVER', 'UPLOAD_EXTEND', 'ADD_VOCALS', 'ADD_INSTRUMENTAL', 'REPLACE_SECTION', 'COVER_ART', 'WAV', 'MP4', 'STEMS', 'IMAGE', 'VIDEO'];
const STATUSES = [
  ['', 'Any status'],
  ['queued', 'Pending'],
  ['running', 'Processing (text, first)'],
  ['succeeded', 'Succeeded'],
  ['failed', 'Failed'],
  ['canceled', 'Canceled'],
];

export async function renderTasks(main, params, { live, navigate }) {
  const filters = {
    status: params.get('status') || '',
    kind: params.get('kind') || '',
    from: params.get('from') || '',
    to: params.get('to') || '',
  };
  const filtered = Object.values(filters).some(Boolean);

  const heading = el('h1', {}, 'Tasks');
  const filterForm = buildFilters(filters, navigate);
  const searchForm = buildSearch(navigate);
  const body = el('tbody');
  const table = el(
    'table',
    { class: 'tasks stack' },
    el('caption', { class: 'visually-hidden' }, 'Tasks, newest first. Status updates live.'),
    el('thead', {}, el('tr', {},
      ...['Status', 'Kind', 'Dialect and route', 'Model', 'Prompt', 'Created', 'Task id'].map((h) => el('th', { scope: 'col' }, h)))),
    body,
  );
  const count = el('p', { class: 'muted', role: 'status' });
  const more = el('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const listArea = el('div', { class: 'table-wrap' }, table);
  const empty = el('div', { hidden: true });
  main.append(
    heading,
    el('section', { class: 'card filters', 'aria-label': 'Filters and search' }, filterForm, searchForm),
    empty,
    listArea,
    el('div', { class: 'list-footer' }, count, more),
  );

  const rows = new Map(); // task id → {tr, updatedAt}
  let cursor = null;
  let total = 0;

  async function loadPage() {
    more.disabled = true;
    const query = new URLSearchParams({ limit: String(PAGE) });
    if (filters.status) query.set('status', filters.status);
    if (filters.kind) query.set('kind', filters.kind);
    if (filters.from) query.set('createdFrom', new Date(`${filters.from}T00:00:00`).toISOString());
    if (filters.to) query.set('createdTo', new Date(`${filters.to}T23:59:59.999`).toISOString());
    if (cursor) query.set('cursor', cursor);
    const asked = performance.now();
    const page = await api(`/v1/tasks?${query}`);
    const received = performance.now();
    const html = page.data.filter((task) => !rows.has(task.id)).map(rowHtml).join('');
    body.insertAdjacentHTML('beforeend', html);
    for (const tr of body.querySelectorAll('tr:not([data-known])')) {
      tr.dataset.known = '';
      rows.set(tr.dataset.taskId, { tr, updatedAt: tr.dataset.updatedAt });
    }
    total = rows.size;
    cursor = page.nextCursor;
    more.hidden = !cursor;
    more.disabled = false;
    showCount();
    if (total === 0) showEmpty(empty, listArea, filtered);
    // for benchmarks and the browser's performance panel: the API's share and the DOM's share
    performance.measure('backbeat:tasks-fetch', { start: asked, end: received });
    performance.measure('backbeat:tasks-rows', { start: received, end: performance.now() });
    requestAnimationFrame(() => requestAnimationFrame(() => performance.measure('backbeat:tasks-painted', { start: received, end: performance.now() })));
  }

  function showCount() {
    count.textContent = total === 0 ? '' : `Showing ${total} task${total === 1 ? '' : 's'}${cursor ? '; more are older' : ''}.`;
    if (total > 0) {
      empty.hidden = true;
      listArea.hidden = false;
    }
  }

  more.addEventListener('click', async () => {
    await loadPage();
    announce(`Showing ${total} tasks`);
  });

  body.addEventListener('click', (event) => {
    if (event.target.closest('a')) return;
    const tr = event.target.closest('tr[data-task-id]');
    if (tr) navigate(`#/tasks/${encodeURIComponent(tr.dataset.taskId)}`);
  });

  // live: events are applied in order once per animation frame (every state is shown, none is
  // skipped); an unknown task is fetched once, and its events meanwhile wait for it
  let pending = [];
  let frame = 0;
  const fetching = new Map(); // task id → events that arrived while it was being fetched
  const unsubscribe = live?.subscribe((event) => {
    pending.push(event);
    if (!frame) frame = requestAnimationFrame(flush);
  });

  function flush() {
    frame = 0;
    const events = pending;
    pending = [];
    for (const event of events) {
      const row = rows.get(event.taskId);
      if (row) apply(row, event);
      else if (fetching.has(event.taskId)) fetching.get(event.taskId).push(event);
      else if (event.reason === 'created' || (filters.status && event.status === filters.status)) {
        // a new task, or one that just entered the filtered status: older ones stay for paging
        fetching.set(event.taskId, []);
        addNewTask(event.taskId).finally(() => fetching.delete(event.taskId));
      }
    }
  }

  function apply(row, event) {
    if (row.updatedAt && Date.parse(event.at) < Date.parse(row.updatedAt)) return;
    row.updatedAt = event.at;
    updateRow(row.tr, event);
  }

  async function addNewTask(id) {
    let task;
    try {
      task = await api(`/v1/tasks/${encodeURIComponent(id)}`);
    } catch {
      return;
    }
    const newest = body.firstElementChild?.querySelector('time')?.getAttribute('datetime');
    if (rows.has(id) || !matches(task, filters) || (newest && Date.parse(task.createdAt) < Date.parse(newest))) return;
    body.insertAdjacentHTML('afterbegin', rowHtml(task));
    const tr = body.firstElementChild;
    tr.dataset.known = '';
    tr.classList.add('changed');
    const row = { tr, updatedAt: task.updatedAt };
    rows.set(id, row);
    for (const event of fetching.get(id) || []) apply(row, event);
    total = rows.size;
    showCount();
    announce(`New ${task.kind.toLowerCase()} task, ${stateOf(task.status, task.stage)}`);
  }

  await loadPage();
  return () => {
    unsubscribe?.();
    if (frame) cancelAnimationFrame(frame);
  };
}

function rowHtml(task) {
  const state = stateOf(task.status, task.stage);
  const href = `#/tasks/${encodeURIComponent(task.id)}`;
  const prompt = task.promptExcerpt || `(${task.kind.toLowerCase()} without a prompt)`;
  return `<tr data-task-id="${esc(task.id)}" data-updated-at="${esc(task.updatedAt)}">`
    + `<td data-label="Status" class="state" title="${esc(STATE_HELP[state] || '')}">${badgeHtml(state)}</td>`
    + `<td data-label="Kind">${esc(task.kind)}</td>`
    + `<td data-label="Route">${esc(task.dialect)} · <span class="mono">${esc(task.route)}</span></td>`
    + `<td data-label="Model">${esc(task.model || '—')}</td>`
    + `<td data-label="Prompt" class="prompt"><a href="${href}">${esc(prompt)}</a></td>`
    + `<td data-label="Created">${timeHtml(task.createdAt)}</td>`
    + `<td data-label="Task id"><span class="mono small">${esc(task.id.slice(0, 8))}…</span></td>`
    + '</tr>';
}

function updateRow(tr, event) {
  const state = stateOf(event.status, event.stage);
  const cell = tr.querySelector('td.state');
  if (cell.firstElementChild?.dataset.state === state) return;
  cell.innerHTML = badgeHtml(state);
  cell.title = STATE_HELP[state] || '';
  tr.classList.remove('changed');
  void tr.offsetWidth; // restart the highlight
  tr.classList.add('changed');
}

function matches(task, filters) {
  if (filters.status && task.status !== filters.status) return false;
  if (filters.kind && task.kind !== filters.kind) return false;
  if (filters.to && Date.parse(task.createdAt) > new Date(`${filters.to}T23:59:59.999`).getTime()) return false;
  return true;
}

function buildFilters(filters, navigate) {
  const status = el('select', { id: 'filter-status', name: 'status' }, ...STATUSES.map(([value, label]) => el('option', { value, selected: value === filters.status }, label)));
  const kind = el('select', { id: 'filter-kind', name: 'kind' }, el('option', { value: '' }, 'Any kind'), ...KINDS.map((k) => el('option', { value: k, selected: k === filters.kind }, k)));
  const from = el('input', { id: 'filter-from', name: 'from', type: 'date', value: filters.from });
  const to = el('input', { id: 'filter-to', name: 'to', type: 'date', value: filters.to });
  const form = el(
    'form',
    { class: 'row', 'aria-label': 'Filter tasks' },
    el('div', { class: 'field' }, el('label', { for: 'filter-status' }, 'Status'), status),
    el('div', { class: 'field' }, el('label', { for: 'filter-kind' }, 'Kind'), kind),
    el('div', { class: 'field' }, el('label', { for: 'filter-from' }, 'Created from'), from),
    el('div', { class: 'field' }, el('label', { for: 'filter-to' }, 'Created to'), to),
    el('div', { class: 'actions' }, el('button', { type: 'submit' }, 'Apply filters'), el('a', { href: '#/tasks', class: 'button secondary' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [name, input] of [['status', status], ['kind', kind], ['from', from], ['to', to]]) if (input.value) query.set(name, input.value);
    navigate(`#/tasks${query.size ? `?${query}` : ''}`);
  });
  return form;
}

function buildSearch(navigate) {
  const input = el('input', { id: 'search-id', name: 'id', type: 'search', placeholder: 'e.g. 3f0c2a…', autocomplete: 'off', spellcheck: 'false', class: 'mono' });
  const message = el('p', { class: 'error-text', role: 'status' });
  const form = el(
    'form',
    { class: 'row', role: 'search', 'aria-label': 'Find a task by id' },
    el('div', { class: 'field grow' }, el('label', { for: 'search-id' }, 'Find by task id'), input),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'secondary' }, 'Open task')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (!id) return;
    message.textContent = '';
    try {
      await api(`/v1/tasks/${encodeURIComponent(id)}`);
      navigate(`#/tasks/${encodeURIComponent(id)}`);
    } catch (e) {
      message.textContent = e instanceof ApiError && e.status === 404 ? `No task with id ${id} in this account.` : e.message;
    }
  });
  return form;
}

function showEmpty(empty, listArea, filtered) {
  listArea.hidden = true;
  empty.hidden = false;
  if (filtered) {
    empty.replaceChildren(el('section', { class: 'card' }, el('h2', {}, 'No tasks match these filters'), el('p', {}, el('a', { href: '#/tasks' }, 'Show all tasks'))));
    return;
  }
  const curl = `curl -s ${location.origin}/suno/generate-lyrics \\
  -H "Authorization: Bearer $BACKBEAT_API_KEY" \\
  -H 'Content-Type: application/json' \\
  -d '{"prompt":"a song about a rainy night in Lisbon","callBackUrl":"https://example.com/callback"}'`;
  empty.replaceChildren(
    el('section', { class: 'card empty-state' },
      el('h2', {}, 'No tasks yet'),
      el('p', {}, 'Create your first task from a terminal. It shows up here the moment it is created, and its status changes live.'),
      el('pre', { 'aria-label': 'curl command to create a first task' }, el('code', {}, curl)),
      el('p', { class: 'muted small' }, 'Put your API key in BACKBEAT_API_KEY first; the dashboard never shows it.')),
  );
}
