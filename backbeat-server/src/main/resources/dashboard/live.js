// Live task events: GET /v1/events read with fetch streaming, because EventSource cannot send
// Authorization and a key in the URL would end up in logs and history. Resumes with Last-Event-ID.
import { api, session } from './api.js';
import { sleep } from './dom.js';

const IDLE_LIMIT_MS = 45_000; // the server comments every 15 s when idle

export class LiveEvents {
  constructor() {
    this.listeners = new Set();
    this.stateListeners = new Set();
    this.lastId = null;
    this.state = 'connecting';
    this.stopped = false;
  }

  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  onState(listener) {
    this.stateListeners.add(listener);
    listener(this.state);
  }

  async start() {
    // start from "now": the list already shows the present, the stream brings what happens next
    const cursor = await api('/v1/events/cursor');
    this.lastId = String(cursor.after);
    this.run();
  }

  stop() {
    this.stopped = true;
    this.controller?.abort();
  }

  setState(state) {
    this.state = state;
    this.stateListeners.forEach((listener) => listener(state));
  }

  async run() {
    let delay = 1000;
    while (!this.stopped) {
      this.controller = new AbortController();
      try {
        const response = await fetch('/v1/events', {
          headers: { Authorization: `Bearer ${session.key()}`, Accept: 'text/event-stream', 'Last-Event-ID': this.lastId },
          cache: 'no-store',
          credentials: 'omit',
          signal: this.controller.signal,
        });
        if (response.status === 401) {
          this.setState('offline');
          return;
        }
        if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
        this.setState('live');
        delay = 1000;
        await this.read(response.body);
      } catch (error) {
        if (this.stopped) return;
      }
      this.setState('reconnecting');
      try {
        await sleep(delay);
      } catch {
        return;
      }
      delay = Math.min(delay * 2, 15_000);
    }
  }

  async read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { type: 'message', data: [], id: null };
    let watchdog = setTimeout(() => this.controller.abort(), IDLE_LIMIT_MS);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        clearTimeout(watchdog);
        watchdog = setTimeout(() => this.controller.abort(), IDLE_LIMIT_MS);
        buffer += value;
        let end;
        while ((end = buffer.search(/\r\n|\r|\n/)) >= 0) {
          const line = buffer.slice(0, end);
          buffer = buffer.slice(end + (buffer.startsWith('\r\n', end) ? 2 : 1));
          if (line === '') {
            if (event.data.length) this.dispatch(event);
            event = { type: 'message', data: [], id: null };
          } else if (!line.startsWith(':')) {
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            let value = colon < 0 ? '' : line.slice(colon + 1);
            if (value.startsWith(' ')) value = value.slice(1);
            if (field === 'data') event.data.push(value);
            else if (field === 'event') event.type = value;
            else if (field === 'id') event.id = value;
          }
        }
      }
    } finally {
      clearTimeout(watchdog);
    }
  }

  dispatch(event) {
    if (event.id) this.lastId = event.id;
    if (event.type !== 'task') return;
    let data;
    try {
      data = JSON.parse(event.data.join('\n'));
    } catch {
      return;
    }
    this.listeners.forEach((listener) => listener(data));
  }
}
