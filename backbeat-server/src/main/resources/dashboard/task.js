// One task: status, the request as sent, the timeline, outputs with players (lyrics follow the
// audio word by word; stems can be soloed), the error in plain words, credits, webhook deliveries
// with every attempt and redelivery, cancel. Live events refresh it without touching the players.
import { api } from './api.js';
import { announce, badge, copyButton, el, hideSecrets, localUrl, seconds, sleep, STATE_HELP, stateOf, timeEl } from './dom.js';

const ADVICE = {
  GENERATION_FAILED: 'The engine could not produce this output. Try again; if it keeps failing, change the prompt or the style.',
  SENSITIVE_CONTENT: 'The prompt or the generated output contains a blocked term. Rephrase the request; the credits were refunded.',
  DOWNLOAD_FAILED: 'A source file could not be fetched. Check that its URL is public and reachable from this server, then retry.',
  INVALID_INPUT: 'The input was accepted but turned out unusable (for example audio that does not decode). Send a different file.',
  TIMEOUT: 'The work took longer than allowed or used up its attempts. Retry later; the server may have been overloaded.',
  INTERNAL: 'An unexpected error inside Backbeat; it has been logged. Retry, and look at the server log with this task id.',
};

const DELIVERY_STATES = { delivered: 'pass', pending: 'pending', dead: 'fail' };
const DELIVERY_WORDS = { delivered: 'delivered', pending: 'pending', dead: 'gave up' };

export async function renderTask(main, id, { live }) {
  const path = `/v1/tasks/${encodeURIComponent(id)}`;
  let task = await api(path);
  const view = new TaskView(main, task, path);
  await view.refreshCredits();
  let refreshing = null;
  let again = false;
  async function refresh() {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = (async () => {
      do {
        again = false;
        task = await api(path);
        view.update(task);
        await view.refreshCredits();
      } while (again);
    })().finally(() => { refreshing = null; });
  }
  const unsubscribe = live?.subscribe((event) => {
    if (event.taskId === id) refresh();
  });
  // delivery attempts do not make task events: follow them while any is still pending
  const timer = setInterval(() => {
    if (task.deliveries.some((d) => d.state === 'pending') || view.watchingRedelivery) refresh();
  }, 2000);
  return () => {
    unsubscribe?.();
    clearInterval(timer);
    view.stop();
  };
}

class TaskView {
  constructor(main, task, path) {
    this.path = path;
    this.task = task;
    this.clipCards = new Map();
    this.players = [];
    this.watchingRedelivery = false;
    this.openAttempts = new Set();

    this.title = el('h1', {});
    this.state = el('div', { class: 'state-line', role: 'status' });
    this.cancel = el('button', { type: 'button', class: 'danger' }, 'Cancel task');
    this.cancel.addEventListener('click', () => this.cancelTask());
    this.meta = el('dl', { class: 'meta' });
    this.error = el('div');
    this.outputs = el('div');
    this.credits = el('div');
    this.deliveries = el('div');
    this.timeline = el('div');
    this.request = el('div');

    main.append(
      el('p', {}, el('a', { href: '#/tasks' }, '← All tasks')),
      el('section', { class: 'card', 'aria-labelledby': 'task-title' },
        el('div', { class: 'detail-head' }, el('div', {}, this.title, this.state), el('div', { class: 'actions' }, copyButton(() => task.id, 'Copy task id'), this.cancel)),
        this.meta),
      this.error,
      section('Outputs', this.outputs, 'outputs'),
      section('Credits', this.credits, 'credits'),
      section('Webhook deliveries', this.deliveries, 'deliveries'),
      section('Timeline', this.timeline, 'timeline'),
      section('Request as sent', this.request, 'request'),
    );
    this.title.id = 'task-title';
    this.update(task);
  }

  stop() {
    for (const audio of document.querySelectorAll('audio')) audio.pause();
  }

  update(task) {
    this.task = task;
    const state = stateOf(task.status, task.stage);
    const title = task.result?.title || task.result?.clips?.[0]?.title;
    this.title.textContent = `${task.kind} task${title ? `: ${title}` : ''}`;
    this.state.replaceChildren(badge(state), ' ', el('span', { class: 'muted' }, STATE_HELP[state] || ''));
    this.cancel.hidden = task.status !== 'queued' && task.status !== 'running';
    // a part is redrawn only when its data changed, so focus and open panels stay where they are
    this.once('meta', task, () => this.renderMeta(task));
    this.once('error', [task.status, task.error], () => this.renderError(task));
    this.renderOutputs(task);
    this.once('deliveries', task.deliveries, () => this.renderDeliveries(task));
    this.once('timeline', task.timeline, () => this.renderTimeline(task));
    this.once('request', task.originalPayload || task.request, () => this.renderRequest(task));
  }

  once(part, data, draw) {
    const signature = JSON.stringify(data);
    this.drawn ||= {};
    if (this.drawn[part] === signature) return;
    this.drawn[part] = signature;
    draw();
  }

  renderMeta(task) {
    const rows = [
      ['Task id', el('code', {}, task.id)],
      ['Dialect and route', `${task.dialect} · ${task.route}`],
      ['Model', task.model || '—'],
      ['Provider', task.provider],
      ['Created', timeEl(task.createdAt)],
      ['Finished', timeEl(task.finishedAt)],
      ['Attempts', String(task.attempts)],
      ['Callback URL', task.callbackUrl ? el('code', {}, task.callbackUrl) : '—'],
    ];
    // relayed tasks name the upstream channel and the id the upstream gave them
    if (task.channel) rows.push(['Channel', task.channel]);
    if (task.upstreamId) rows.push(['Upstream id', el('code', {}, task.upstreamId)]);
    this.meta.replaceChildren(...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]));
  }

  renderError(task) {
    if (task.status === 'canceled') {
      this.error.replaceChildren(el('section', { class: 'callout info', 'aria-labelledby': 'error-title' },
        el('h2', { id: 'error-title' }, 'Canceled'),
        el('p', {}, 'This task was canceled by its owner. A metered account got its held credits back.')));
      return;
    }
    if (!task.error) {
      this.error.replaceChildren();
      return;
    }
    this.error.replaceChildren(el('section', { class: 'callout', 'aria-labelledby': 'error-title' },
      el('h2', { id: 'error-title' }, 'What went wrong'),
      el('p', {}, el('strong', {}, task.error.code), ': ', task.error.message || ''),
      el('p', {}, el('strong', {}, 'What to do: '), ADVICE[task.error.code] || 'Retry the request; if it fails again, look at the server log with this task id.')));
  }

  renderOutputs(task) {
    const result = task.result;
    if (!result) {
      this.outputs.replaceChildren(el('p', { class: 'muted' }, task.status === 'queued' || task.status === 'running' ? 'No outputs yet; they appear here as soon as they are ready.' : 'This task has no outputs.'));
      return;
    }
    if (Array.isArray(result.clips)) {
      this.renderClips(result);
      return;
    }
    const parts = [];
    if (Array.isArray(result.lyrics)) {
      for (const variant of result.lyrics) parts.push(el('article', { class: 'card' }, el('h3', {}, variant.title || 'Lyrics'), el('pre', {}, variant.text || '')));
    }
    for (const media of collectMedia(result)) parts.push(media);
    parts.push(el('details', {}, el('summary', {}, 'Result as JSON'), el('pre', {}, JSON.stringify(hideSecrets(result), null, 2))));
    this.outputs.replaceChildren(...parts);
  }

  renderClips(result) {
    let grid = this.outputs.querySelector('.clips');
    if (!grid) {
      grid = el('div', { class: 'clips' });
      this.outputs.replaceChildren(grid);
    }
    const seen = new Set();
    result.clips.forEach((clip, index) => {
      // a card is rebuilt only when its clip gets new files, so playing audio is never interrupted
      const key = `${clip.id}|${clip.audioUrl || ''}`;
      seen.add(key);
      let card = this.clipCards.get(key);
      if (!card) {
        card = clipCard(clip, index, result);
        for (const [oldKey, oldCard] of this.clipCards) if (oldKey.startsWith(`${clip.id}|`)) { oldCard.replaceWith(card); this.clipCards.delete(oldKey); }
        this.clipCards.set(key, card);
      }
      if (grid.children[index] !== card) grid.insertBefore(card, grid.children[index] || null);
    });
    for (const [key, card] of this.clipCards) if (!seen.has(key)) { card.remove(); this.clipCards.delete(key); }
  }

  async refreshCredits() {
    let credits;
    try {
      credits = await api(`${this.path}/credits`);
    } catch (e) {
      this.credits.replaceChildren(el('p', { class: 'error-text' }, `Credits unavailable: ${e.message}`));
      return;
    }
    if (!credits.metered) {
      this.credits.replaceChildren(el('p', {}, 'This account is unmetered: no credits are held, settled or refunded.'));
      return;
    }
    const outcome = credits.settled ? `settled ${credits.settled}` : credits.refunded ? `refunded ${credits.refunded}` : 'still held';
    this.credits.replaceChildren(
      el('dl', { class: 'meta' },
        el('dt', {}, 'Held'), el('dd', {}, `${credits.held} credits`),
        el('dt', {}, 'Settled'), el('dd', {}, `${credits.settled} credits`),
        el('dt', {}, 'Refunded'), el('dd', {}, `${credits.refunded} credits`),
        el('dt', {}, 'Outcome'), el('dd', {}, credits.held ? outcome : 'nothing was held (a free kind)')));
  }

  renderTimeline(task) {
    const created = Date.parse(task.createdAt);
    const rows = task.timeline.map((event) => el('tr', {},
      el('td', { 'data-label': 'Time' }, timeEl(event.at)),
      el('td', { 'data-label': 'After' }, `+${seconds(Date.parse(event.at) - created)}`),
      el('td', { 'data-label': 'State' }, badge(stateOf(event.status, event.stage))),
      el('td', { 'data-label': 'Why' }, event.reason || '')));
    this.timeline.replaceChildren(table(['Time', 'After', 'State', 'Why'], rows, 'Transitions of this task, oldest first'));
  }

  renderRequest(task) {
    const payload = task.originalPayload || task.request;
    this.request.replaceChildren(
      el('p', { class: 'muted small' }, 'Stored without keys, secrets or signatures; anything that still looks like one is hidden here.'),
      el('pre', { class: 'request-json' }, JSON.stringify(hideSecrets(payload), null, 2)),
    );
  }

  renderDeliveries(task) {
    if (!task.deliveries.length) {
      this.deliveries.replaceChildren(el('p', { class: 'muted' }, task.callbackUrl ? 'No callback has been due yet.' : 'This task has no callback URL.'));
      return;
    }
    const rows = [];
    for (const delivery of task.deliveries) {
      const attemptsId = `attempts-${delivery.id}`;
      const toggle = el('button', { type: 'button', class: 'secondary', 'aria-expanded': String(this.openAttempts.has(delivery.id)), 'aria-controls': attemptsId }, 'Attempts');
      const redeliver = el('button', { type: 'button', class: 'secondary' }, 'Redeliver');
      const attemptsCell = el('td', { colspan: '7' });
      const attemptsRow = el('tr', { id: attemptsId, class: 'attempts', hidden: !this.openAttempts.has(delivery.id) }, attemptsCell);
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        attemptsRow.hidden = !open;
        if (open) {
          this.openAttempts.add(delivery.id);
          this.loadAttempts(delivery.id, attemptsCell);
        } else this.openAttempts.delete(delivery.id);
      });
      redeliver.addEventListener('click', () => this.redeliver(delivery, redeliver, attemptsCell, toggle, attemptsRow));
      if (this.openAttempts.has(delivery.id)) this.loadAttempts(delivery.id, attemptsCell);
      rows.push(el('tr', { 'data-delivery-id': delivery.id },
        el('td', { 'data-label': 'Event' }, delivery.eventType),
        el('td', { 'data-label': 'State' }, badgeFor(delivery.state)),
        el('td', { 'data-label': 'Attempts', class: 'attempt-count' }, String(delivery.attempts)),
        el('td', { 'data-label': 'Last answer' }, delivery.lastStatus === null ? '—' : `HTTP ${delivery.lastStatus}`),
        el('td', { 'data-label': 'Webhook id' }, el('code', { class: 'small' }, delivery.id)),
        el('td', { 'data-label': 'When' }, delivery.deliveredAt ? timeEl(delivery.deliveredAt) : delivery.nextAttemptAt ? el('span', {}, 'next ', timeEl(delivery.nextAttemptAt)) : timeEl(delivery.createdAt)),
        el('td', { 'data-label': 'Actions' }, el('div', { class: 'actions' }, toggle, redeliver))), attemptsRow);
    }
    this.deliveries.replaceChildren(
      el('p', { class: 'muted small' }, `Sent to ${task.deliveries[0].url}. Every attempt of one event carries the same webhook-id, so receivers can deduplicate.`),
      table(['Event', 'State', 'Attempts', 'Last answer', 'Webhook id', 'When', 'Actions'], rows, 'Callbacks of this task'),
    );
  }

  async loadAttempts(deliveryId, cell) {
    let delivery;
    try {
      delivery = await api(`/v1/webhooks/deliveries/${encodeURIComponent(deliveryId)}`);
    } catch (e) {
      cell.replaceChildren(el('p', { class: 'error-text' }, e.message));
      return;
    }
    const rows = delivery.attemptLog.map((attempt) => el('tr', {},
      el('td', { 'data-label': 'Attempt' }, String(attempt.attempt)),
      el('td', { 'data-label': 'Time' }, timeEl(attempt.at)),
      el('td', { 'data-label': 'Answer' }, attempt.status === null ? 'no answer' : `HTTP ${attempt.status}`),
      el('td', { 'data-label': 'Latency' }, seconds(attempt.latencyMs)),
      el('td', { 'data-label': 'Response' }, attempt.error ? el('span', { class: 'error-text' }, attempt.error) : el('code', { class: 'small' }, attempt.responseExcerpt || '(empty)'))));
    cell.replaceChildren(rows.length ? table(['Attempt', 'Time', 'Answer', 'Latency', 'Response'], rows, `Attempts of delivery ${deliveryId}`) : el('p', { class: 'muted' }, 'Not attempted yet.'));
  }

  async redeliver(delivery, button, cell, toggle, attemptsRow) {
    button.disabled = true;
    try {
      const before = (await api(`/v1/webhooks/deliveries/${encodeURIComponent(delivery.id)}`)).attemptLog.length;
      await api(`/v1/webhooks/deliveries/${encodeURIComponent(delivery.id)}/redeliver`, { method: 'POST' });
      announce(`Redelivery of the ${delivery.eventType} callback queued`);
      this.openAttempts.add(delivery.id);
      toggle.setAttribute('aria-expanded', 'true');
      attemptsRow.hidden = false;
      this.watchingRedelivery = true;
      for (let i = 0; i < 30; i++) {
        const now = await api(`/v1/webhooks/deliveries/${encodeURIComponent(delivery.id)}`);
        if (now.attemptLog.length > before) {
          const last = now.attemptLog[now.attemptLog.length - 1];
          announce(`Redelivered: ${last.status === null ? 'no answer' : `HTTP ${last.status}`}`);
          break;
        }
        await sleep(1000);
      }
    } catch (e) {
      announce(`Redelivery failed: ${e.message}`);
    } finally {
      this.watchingRedelivery = false;
      button.disabled = false;
      const refreshed = await api(this.path);
      this.update(refreshed);
    }
  }

  async cancelTask() {
    if (!window.confirm('Cancel this task? Work stops and held credits are refunded.')) return;
    this.cancel.disabled = true;
    try {
      await api(`${this.path}/cancel`, { method: 'POST' });
      announce('Task canceled');
    } catch (e) {
      announce(`Could not cancel: ${e.message}`);
    } finally {
      this.cancel.disabled = false;
      this.update(await api(this.path));
      this.refreshCredits();
    }
  }
}

function section(title, content, id) {
  return el('section', { class: 'card', 'aria-labelledby': `${id}-title` }, el('h2', { id: `${id}-title` }, title), content);
}

function table(headers, rows, caption) {
  return el('div', { class: 'table-wrap' }, el('table', { class: 'stack' },
    el('caption', { class: 'visually-hidden' }, caption),
    el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, ...rows)));
}

function badgeFor(state) {
  const node = badge(DELIVERY_STATES[state] || 'pending');
  node.querySelector('.word').textContent = DELIVERY_WORDS[state] || state;
  return node;
}

/** Images, videos and audio anywhere in a result that is not a song. */
function collectMedia(result) {
  const found = [];
  (function walk(node) {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (typeof value === 'string' && key.endsWith('Url')) {
          const url = localUrl(value);
          if (key === 'imageUrl') found.push(el('img', { src: url, alt: node.title ? `Image: ${node.title}` : 'Generated image', class: 'output-image', loading: 'lazy' }));
          else if (key === 'videoUrl') found.push(el('video', { src: url, controls: true, preload: 'metadata' }));
          else if (key === 'audioUrl' || key === 'wavUrl') found.push(el('audio', { src: url, controls: true, preload: 'metadata' }));
        } else walk(value);
      }
    }
  })(result);
  return found;
}

function clipCard(clip, index, result) {
  const title = clip.title || result.title || `Clip ${index + 1}`;
  const card = el('article', { class: 'card clip', 'data-clip-id': clip.id, 'data-words-url': localUrl(clip.wordsUrl), 'aria-label': `Clip ${index + 1}: ${title}` });
  const details = [clip.tags, clip.duration ? `${Math.round(clip.duration)} s` : null, clip.bpm ? `${clip.bpm} bpm` : null, clip.key].filter(Boolean).join(' · ');
  card.append(el('div', { class: 'clip-head' },
    clip.imageUrl ? el('img', { src: localUrl(clip.imageUrl), alt: `Cover art of ${title}`, width: '112', height: '112', class: 'cover' }) : null,
    el('div', {}, el('h3', {}, `Clip ${index + 1}: ${title}`), el('p', { class: 'muted small' }, details || 'rendering…'))));
  if (!clip.audioUrl) {
    card.append(el('p', { class: 'muted' }, 'Audio is rendering…'));
    return card;
  }
  const audio = el('audio', { src: localUrl(clip.audioUrl), controls: true, preload: 'metadata', class: 'clip-audio', 'aria-label': `Audio of clip ${index + 1}` });
  const play = el('button', { type: 'button', class: 'secondary play' }, 'Play');
  play.addEventListener('click', () => (audio.paused ? audio.play() : audio.pause()));
  audio.addEventListener('play', () => {
    play.textContent = 'Pause';
    // one clip at a time
    for (const other of document.querySelectorAll('audio')) if (other !== audio) other.pause();
  });
  audio.addEventListener('pause', () => { play.textContent = 'Play'; });
  card.append(el('div', { class: 'actions' }, play, el('a', { href: localUrl(clip.audioUrl), download: '', class: 'button secondary' }, 'Download MP3')), audio);
  const lyricsText = clip.prompt || result.lyrics || '';
  if (clip.wordsUrl) card.append(lyricsPanel(audio, clip.wordsUrl, lyricsText, index));
  if (clip.stemUrls && Object.keys(clip.stemUrls).length) card.append(stemsPanel(clip.stemUrls, index));
  return card;
}

function lyricsPanel(audio, wordsUrl, text, index) {
  const box = el('div', { class: 'lyrics', tabindex: '0', role: 'region', 'aria-label': `Lyrics of clip ${index + 1}, the sung word is highlighted` });
  const panel = el('div', {}, el('h4', { class: 'visually-hidden' }, 'Lyrics'), box);
  fetch(localUrl(wordsUrl), { cache: 'force-cache', credentials: 'omit' })
    .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
    .then((words) => {
      if (!words.length) {
        box.replaceChildren(el('p', { class: 'muted' }, 'Instrumental: no words are sung.'));
        return;
      }
      const spans = layoutLyrics(box, text, words);
      followWords(audio, words, spans, box);
    })
    .catch((e) => box.replaceChildren(el('p', { class: 'error-text' }, `Word timings unavailable: ${e.message}`)));
  return panel;
}

const normalize = (word) => word.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}']/gu, '').replace(/^'+|'+$/g, '');

/** Lays the lyrics out line by line and wraps each sung word in a span; returns word index → span. */
function layoutLyrics(box, text, words) {
  const spans = new Array(words.length);
  let next = 0;
  const nodes = [];
  for (const raw of String(text).split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (/^\[.*\]$/.test(line)) {
      nodes.push(el('span', { class: 'section' }, line.slice(1, -1)));
      continue;
    }
    const lineNode = el('span', { class: 'line' });
    for (const token of line.split(/(\s+)/)) {
      const wanted = normalize(token);
      let match = -1;
      if (wanted) for (let k = next; k < Math.min(words.length, next + 6); k++) if (normalize(words[k].word) === wanted) { match = k; break; }
      if (match >= 0) {
        const span = el('span', { class: 'word', 'data-index': String(match) }, token);
        spans[match] = span;
        next = match + 1;
        lineNode.append(span);
      } else lineNode.append(token);
    }
    nodes.push(lineNode);
  }
  const matched = spans.filter(Boolean).length;
  if (matched < words.length / 2) {
    // the text and the sung words disagree: show the sung words themselves
    nodes.length = 0;
    const flow = el('span', { class: 'line' });
    words.forEach((word, k) => {
      spans[k] = el('span', { class: 'word', 'data-index': String(k) }, word.word);
      flow.append(spans[k], ' ');
    });
    nodes.push(flow);
  }
  box.replaceChildren(...nodes);
  return spans;
}

/** Highlights the word being sung, every animation frame while playing and on every seek. */
function followWords(audio, words, spans, box) {
  const starts = words.map((w) => w.startS);
  let current = -2;
  let frame = 0;
  const indexAt = (t) => {
    let lo = 0;
    let hi = starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= t) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  };
  const update = () => {
    const index = indexAt(audio.currentTime);
    if (index === current) return;
    spans[current]?.removeAttribute('aria-current');
    current = index;
    box.dataset.currentWord = String(index);
    const span = spans[index];
    if (!span) return;
    span.setAttribute('aria-current', 'true');
    const top = span.offsetTop;
    if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - 24) box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  };
  const tick = () => {
    update();
    frame = audio.paused ? 0 : requestAnimationFrame(tick);
  };
  audio.addEventListener('play', () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(tick);
  });
  audio.addEventListener('seeked', update);
  audio.addEventListener('timeupdate', update);
  update();
}

function stemsPanel(stemUrls, index) {
  const names = Object.keys(stemUrls);
  const players = new Map();
  const soloed = new Set();
  const rows = names.map((name) => {
    const audio = el('audio', { src: localUrl(stemUrls[name]), controls: true, preload: 'none', 'aria-label': `${name} stem of clip ${index + 1}`, 'data-stem': name });
    const solo = el('button', { type: 'button', class: 'secondary solo', 'aria-pressed': 'false', 'aria-label': `Solo ${name}` }, 'Solo');
    solo.addEventListener('click', () => {
      if (soloed.has(name)) soloed.delete(name);
      else soloed.add(name);
      solo.setAttribute('aria-pressed', String(soloed.has(name)));
      applySolo();
      announce(soloed.size ? `Soloing ${[...soloed].join(', ')}` : 'All stems audible');
    });
    players.set(name, audio);
    return el('div', { class: 'stem' }, el('span', { class: 'stem-name' }, name), audio, solo);
  });
  function applySolo() {
    for (const [name, audio] of players) audio.muted = soloed.size > 0 && !soloed.has(name);
  }
  const together = el('button', { type: 'button', class: 'secondary' }, 'Play stems together');
  let sync = 0;
  together.addEventListener('click', async () => {
    const all = [...players.values()];
    if (all.some((a) => !a.paused)) {
      all.forEach((a) => a.pause());
      together.textContent = 'Play stems together';
      clearInterval(sync);
      return;
    }
    const start = all[0].currentTime;
    all.forEach((a) => { a.currentTime = start; });
    await Promise.allSettled(all.map((a) => a.play()));
    together.textContent = 'Pause stems';
    // keep the stems within a frame or two of the first one
    clearInterval(sync);
    sync = setInterval(() => {
      const lead = all[0];
      if (lead.paused) { clearInterval(sync); together.textContent = 'Play stems together'; return; }
      for (const a of all.slice(1)) if (Math.abs(a.currentTime - lead.currentTime) > 0.08) a.currentTime = lead.currentTime;
    }, 500);
  });
  return el('details', { class: 'stems-panel' },
    el('summary', {}, `Stems (${names.length})`),
    el('p', { class: 'muted small' }, 'Each part as its own WAV. Solo one or more to hear only them.'),
    el('div', { class: 'actions' }, together),
    el('div', { class: 'stems' }, ...rows));
}

