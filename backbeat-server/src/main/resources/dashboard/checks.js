// Launch checks: the production checks an app needs before it goes live, run against this
// deployment through its public API, exactly as an app would call it. Each ends pass, fail or
// skip, always with the reason.
import { api, request } from './api.js';
import { announce, badge, el, localUrl, seconds, sleep } from './dom.js';

const PLACEHOLDER_CALLBACK = 'https://example.com/callback';
const URL_KEY = 'backbeat.checks.callbackUrl';

const pass = (reason, ...details) => ({ status: 'pass', reason, details });
const fail = (reason, ...details) => ({ status: 'fail', reason, details });
const skip = (reason, ...details) => ({ status: 'skip', reason, details });
const json = (value) => el('pre', {}, JSON.stringify(value, null, 2));
const suggestion = (text) => el('p', {}, el('strong', {}, 'Tell your users: '), `“${text}”`);

async function until(probe, { timeoutMs, everyMs = 1000, signal }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) return null;
    await sleep(everyMs, signal);
  }
}

const CHECKS = [
  {
    id: 'create-and-poll',
    title: 'Create a task and poll it to success',
    what: 'POST /suno/generate-lyrics, then GET /suno/query/lyrics once a second until it answers SUCCESS.',
    async run(state) {
      const started = performance.now();
      const created = await request('/suno/generate-lyrics', {
        method: 'POST',
        body: { prompt: 'launch check: a short song about a lighthouse keeper', callBackUrl: state.callbackUrl || PLACEHOLDER_CALLBACK },
      });
      const taskId = created.json?.data?.taskId;
      if (!taskId) return fail(`The create call answered HTTP ${created.status}: ${created.json?.msg || created.text.slice(0, 200)}`, json(created.json));
      state.lyricsTaskId = taskId;
      let polls = 0;
      let last = null;
      const done = await until(async () => {
        polls++;
        last = await request(`/suno/query/lyrics?taskId=${encodeURIComponent(taskId)}`);
        const status = last.json?.data?.status;
        return status === 'SUCCESS' || /FAILED|ERROR/.test(status || '') ? status : null;
      }, { timeoutMs: 60_000, signal: state.signal });
      const link = el('p', {}, el('a', { href: `#/tasks/${taskId}` }, 'Open the task'));
      if (done !== 'SUCCESS') return fail(done ? `The task ended ${done}: ${last.json?.data?.errorMessage || ''}` : 'The task did not succeed within 60 s.', link, json(last?.json));
      return pass(`Task ${taskId} was created and reached SUCCESS after ${polls} poll${polls === 1 ? '' : 's'} in ${seconds(performance.now() - started)}.`, link);
    },
  },
  {
    id: 'callback-reachable',
    title: 'A signed test callback reaches your app',
    what: 'POST /v1/webhooks/test sends a signed webhook.test event to your callback URL and shows what your app answered.',
    async run(state) {
      if (!state.callbackUrl) return skip("Enter your app's callback URL above to send it a signed test event.");
      const answer = await request('/v1/webhooks/test', { method: 'POST', body: { url: state.callbackUrl } });
      if (!answer.ok) return fail(`Backbeat refused to send it: ${answer.json?.error?.message || `HTTP ${answer.status}`}`);
      const r = answer.json;
      const details = [el('dl', { class: 'meta' },
        el('dt', {}, 'webhook-id'), el('dd', {}, el('code', {}, r.webhookId)),
        el('dt', {}, 'Answer'), el('dd', {}, r.status === null ? 'none' : `HTTP ${r.status}`),
        el('dt', {}, 'Latency'), el('dd', {}, seconds(r.latencyMs)),
        el('dt', {}, 'Response'), el('dd', {}, el('code', {}, r.responseExcerpt || r.error || '(empty)')))];
      if (r.delivered) return pass(`Your app answered HTTP ${r.status} in ${seconds(r.latencyMs)}. Check that it verified the webhook-signature with the secret on the Account page.`, ...details);
      return fail(r.status === null ? `Your app could not be reached: ${r.error}` : `Your app answered HTTP ${r.status}; callbacks need a 2xx answer, anything else is retried.`, ...details);
    },
  },
  {
    id: 'duplicate-callback',
    title: 'The same event twice: deduplicate on webhook-id',
    what: "Redelivers the first check's callback: your app gets the same event, with the same webhook-id and body, a second time.",
    async run(state) {
      if (!state.callbackUrl) return skip("Enter your app's callback URL above; this check sends its callback twice.");
      if (!state.lyricsTaskId) return skip('Run "Create a task and poll it to success" first: its callback is the one sent twice.');
      const taskId = encodeURIComponent(state.lyricsTaskId);
      const delivery = await until(async () => {
        const list = await api(`/v1/webhooks/deliveries?taskId=${taskId}`);
        return list.data.find((d) => d.attempts > 0);
      }, { timeoutMs: 30_000, signal: state.signal });
      if (!delivery) return fail("The task's callback was not attempted within 30 s.");
      await api(`/v1/webhooks/deliveries/${encodeURIComponent(delivery.id)}/redeliver`, { method: 'POST' });
      const after = await until(async () => {
        const now = await api(`/v1/webhooks/deliveries/${encodeURIComponent(delivery.id)}`);
        return now.attemptLog.length > delivery.attempts ? now : null;
      }, { timeoutMs: 30_000, signal: state.signal });
      if (!after) return fail('The redelivery was not attempted within 30 s.');
      const attempts = after.attemptLog;
      const first = attempts[0];
      const second = attempts[attempts.length - 1];
      const answer = (a) => (a.status === null ? `no answer (${a.error})` : `HTTP ${a.status} ${a.responseExcerpt ? `“${a.responseExcerpt}”` : ''}`);
      const details = [
        el('dl', { class: 'meta' },
          el('dt', {}, 'webhook-id'), el('dd', {}, el('code', {}, after.id)),
          el('dt', {}, 'First delivery'), el('dd', {}, answer(first)),
          el('dt', {}, 'Second delivery'), el('dd', {}, answer(second))),
        el('p', {}, 'How to deduplicate: keep the webhook-id of every callback you have processed (a unique column is enough). ',
          'When an id comes again, answer 2xx at once and do nothing else. Retries after a timeout and redeliveries always repeat the same id and body.'),
      ];
      const ok = (a) => a.status !== null && a.status >= 200 && a.status < 300;
      if (ok(first) && ok(second)) return pass(`Your app received webhook-id ${after.id} twice and answered 2xx both times.`, ...details);
      return fail('Answer a repeated webhook-id with 2xx (without acting on it again); any other answer makes Backbeat retry it for hours.', ...details);
    },
  },
  {
    id: 'failed-task',
    title: 'A failed task as your users see it',
    what: 'Creates a song, cancels it at once, and reads it back through GET /suno/query/task as an app would.',
    async run(state) {
      const created = await request('/suno/generate', {
        method: 'POST',
        body: { customMode: false, instrumental: true, model: 'V5', prompt: 'launch check: a song that is stopped on purpose', callBackUrl: PLACEHOLDER_CALLBACK },
      });
      const taskId = created.json?.data?.taskId;
      if (!taskId) return fail(`The create call answered HTTP ${created.status}: ${created.json?.msg || ''}`, json(created.json));
      const canceled = await request(`/v1/tasks/${encodeURIComponent(taskId)}/cancel`, { method: 'POST' });
      if (!canceled.ok) return fail(`The song could not be stopped before it finished (${canceled.json?.error?.message || canceled.status}); run the check again.`);
      const polled = await request(`/suno/query/task?taskId=${encodeURIComponent(taskId)}`);
      const data = polled.json?.data || {};
      const details = [
        el('p', {}, 'What the app reads:'),
        json({ status: data.status, errorCode: data.errorCode, errorMessage: data.errorMessage }),
        suggestion('We couldn’t finish this song. Nothing was charged; please try again.'),
        el('p', {}, el('a', { href: `#/tasks/${taskId}` }, 'Open the failed task in the dashboard')),
      ];
      if (/FAILED|ERROR/.test(data.status || '') && data.errorMessage) return pass(`The task reads ${data.status} with the message “${data.errorMessage}”. Show your users a failure, never an endless spinner.`, ...details);
      return fail(`The stopped task reads ${data.status || `HTTP ${polled.status}`} instead of a failed status with a message.`, ...details);
    },
  },
  {
    id: 'quota-error',
    title: 'A quota error as your users see it',
    what: 'The answer to a create call when the account has too few credits.',
    async run(state) {
      const examples = await api('/v1/launch-checks/end-user-errors');
      const quota = examples.quota;
      let real = null;
      if (quota.metered && quota.balance < quota.songPrice) {
        // this account really is short of credits: ask for real (nothing is created or charged)
        real = await request('/suno/generate', {
          method: 'POST',
          body: { customMode: false, instrumental: true, model: 'V5', prompt: 'launch check: quota', callBackUrl: PLACEHOLDER_CALLBACK },
        });
      }
      const suno = real ? { httpStatus: real.status, body: real.json } : quota.dialects.suno;
      const details = [
        el('p', {}, real ? 'The real answer of POST /suno/generate for this account:' : 'POST /suno/generate answers a metered account without enough credits with:'),
        json(suno),
        el('p', { class: 'muted small' }, `The native API answers HTTP ${quota.dialects.native.httpStatus} with error code ${quota.dialects.native.body.error.code}.`),
        suggestion('You’ve run out of credits. Top up to keep creating.'),
      ];
      if (suno.body?.code !== 429 || !suno.body?.msg) return fail(`Expected Suno code 429 with a message, got ${JSON.stringify(suno.body)}.`, ...details);
      const why = real ? 'This account has fewer credits than a song costs, and the create call was refused as shown.'
        : quota.metered ? `This account has ${quota.balance} credits (a song costs ${quota.songPrice}), so the answer is shown as the Suno dialect renders it.`
          : 'This account is unmetered and never refused for credits; a metered account that runs out gets this answer.';
      return pass(`${why} Map code 429 to a message about credits, not to a generic error.`, ...details);
    },
  },
  {
    id: 'policy-error',
    title: 'A content policy error as your users see it',
    what: 'The answer to a create call whose prompt contains a blocked term.',
    async run(state) {
      const { policy } = await api('/v1/launch-checks/end-user-errors');
      if (!policy.configured) {
        return skip('No blocked terms are configured (BACKBEAT_BLOCKED_TERMS), so no prompt is refused for its content on this deployment.',
          suggestion('Your request contains words we can’t use. Please rephrase it.'));
      }
      if (!policy.refused) return fail('A prompt with a configured blocked term was not refused by the content policy.');
      const suno = policy.dialects.suno;
      const details = [
        el('p', {}, 'POST /suno/generate answers a prompt with a blocked term with (nothing is created or charged):'),
        json(suno),
        el('p', { class: 'muted small' }, 'Outputs are checked too: a task whose result contains a blocked term fails with SENSITIVE_WORD_ERROR and is refunded.'),
        suggestion('Your request contains words we can’t use. Please rephrase it.'),
      ];
      if (suno.body?.code !== 400 || !suno.body?.msg) return fail(`Expected Suno code 400 with a message, got ${JSON.stringify(suno.body)}.`, ...details);
      return pass(`The content policy refuses it with code 400 “${suno.body.msg}”. Show your users that message (it never quotes the term).`, ...details);
    },
  },
  {
    id: 'range',
    title: 'Output files are served with Range from durable storage',
    what: "Fetches the newest song's MP3 with Range requests, as players and CDNs do when they seek.",
    async run(state) {
      let list = await api('/v1/tasks?status=succeeded&kind=SONG&limit=1');
      let taskId = list.data[0]?.id;
      if (!taskId) {
        state.progress('No finished song yet: rendering one for this check (10 to 60 s)…');
        const created = await request('/suno/generate', {
          method: 'POST',
          body: { customMode: false, instrumental: true, model: 'V5', prompt: 'launch check: a short calm piano piece', callBackUrl: PLACEHOLDER_CALLBACK },
        });
        taskId = created.json?.data?.taskId;
        if (!taskId) return fail(`Could not create a song: ${created.json?.msg || created.status}`);
        const done = await until(async () => {
          const t = await api(`/v1/tasks/${encodeURIComponent(taskId)}`);
          return t.status === 'succeeded' || t.status === 'failed' || t.status === 'canceled' ? t.status : null;
        }, { timeoutMs: 300_000, everyMs: 2000, signal: state.signal });
        if (done !== 'succeeded') return fail(`The song for this check did not succeed (${done || 'timed out'}).`);
      }
      const [task, deployment] = await Promise.all([api(`/v1/tasks/${encodeURIComponent(taskId)}`), api('/v1/deployment')]);
      const audioUrl = task.result?.clips?.find((c) => c.audioUrl)?.audioUrl;
      if (!audioUrl) return fail(`Song ${taskId} has no audio URL.`);
      const url = new URL(audioUrl);
      const head = await fetch(localUrl(audioUrl), { headers: { Range: 'bytes=0-1023' }, cache: 'no-store', credentials: 'omit' });
      const firstBytes = (await head.arrayBuffer()).byteLength;
      const contentRange = head.headers.get('Content-Range') || '';
      const total = Number(contentRange.split('/')[1]);
      const tail = total > 2048 ? await fetch(localUrl(audioUrl), { headers: { Range: `bytes=${total - 1024}-` }, cache: 'no-store', credentials: 'omit' }) : null;
      const tailBytes = tail ? (await tail.arrayBuffer()).byteLength : 0;
      const problems = [];
      if (head.status !== 206) problems.push(`a Range request answered ${head.status}, not 206`);
      if (!/^bytes 0-1023\/\d+$/.test(contentRange)) problems.push(`Content-Range was “${contentRange}”`);
      if (firstBytes !== 1024) problems.push(`the first range had ${firstBytes} bytes, not 1024`);
      if (head.headers.get('Accept-Ranges') !== 'bytes') problems.push('Accept-Ranges: bytes is missing');
      if (!tail || tail.status !== 206 || tailBytes !== 1024) problems.push('a range at the end of the file did not answer 206 with 1024 bytes');
      if (!url.pathname.startsWith('/assets/')) problems.push(`the URL ${audioUrl} is not one of this deployment's stored files`);
      const notes = [];
      if (!deployment.publicUrlConfigured) notes.push(`BACKBEAT_PUBLIC_URL is not set, so file links start with ${url.origin}; set it to the address your users reach.`);
      const details = [
        el('dl', { class: 'meta' },
          el('dt', {}, 'File'), el('dd', {}, el('code', {}, audioUrl)),
          el('dt', {}, 'Size'), el('dd', {}, Number.isFinite(total) ? `${total} bytes` : 'unknown'),
          el('dt', {}, 'First range'), el('dd', {}, `HTTP ${head.status}, ${contentRange}, ${firstBytes} bytes`),
          el('dt', {}, 'Last range'), el('dd', {}, tail ? `HTTP ${tail.status}, ${tail.headers.get('Content-Range')}, ${tailBytes} bytes` : '—'),
          el('dt', {}, 'Storage'), el('dd', {}, `Backbeat's own file store (BACKBEAT_ASSETS), served from ${deployment.assets.servedFrom}, kept ${deployment.assets.retentionDays} days after the task ends`)),
        ...notes.map((n) => el('p', { class: 'callout info' }, n)),
      ];
      if (problems.length) return fail(`Output files are not ready for players: ${problems.join('; ')}.`, ...details);
      return pass(`The MP3 of song ${taskId.slice(0, 8)}… is served from Backbeat's own storage with Range (206, both ends of the file), so players can seek and the link does not expire with a provider.`, ...details);
    },
  },
];

export async function renderChecks(main) {
  const urlInput = el('input', { id: 'callback-url', type: 'url', placeholder: 'https://your-app.example.com/backbeat/callback', value: sessionStorage.getItem(URL_KEY) || '', 'aria-describedby': 'callback-help' });
  const runAll = el('button', { type: 'submit' }, 'Run all checks');
  const summary = el('p', { class: 'summary', role: 'status' });
  const items = CHECKS.map((check) => checkItem(check));
  const form = el('form', { class: 'card', 'aria-label': 'Launch check settings' },
    el('div', { class: 'row' },
      el('div', { class: 'field grow' }, el('label', { for: 'callback-url' }, "Your app's callback URL"), urlInput),
      el('div', { class: 'actions' }, runAll)),
    el('p', { id: 'callback-help', class: 'muted small' }, 'Signed callbacks from these checks go here. Leave it empty to run only the checks that need no receiver.'));
  main.append(
    el('h1', {}, 'Launch checks'),
    el('p', {}, 'The production checks to pass before your app goes live, run against this deployment through its public API. Each check creates at most one task.'),
    form,
    summary,
    el('ol', { class: 'checks' }, ...items.map((i) => i.node)),
  );

  const controller = new AbortController();
  const state = { signal: controller.signal };
  const stateFor = (item) => ({ ...state, callbackUrl: urlInput.value.trim(), progress: (text) => item.setProgress(text) });
  const results = new Map();
  const showSummary = () => {
    const counts = { pass: 0, fail: 0, skip: 0 };
    for (const r of results.values()) counts[r]++;
    summary.textContent = results.size ? `${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped` : '';
  };
  async function run(item) {
    sessionStorage.setItem(URL_KEY, urlInput.value.trim());
    const shared = stateFor(item);
    const status = await item.run(shared);
    if (shared.lyricsTaskId) state.lyricsTaskId = shared.lyricsTaskId;
    results.set(item.check.id, status);
    showSummary();
  }
  items.forEach((item) => item.onRun(() => run(item)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    runAll.disabled = true;
    results.clear();
    showSummary();
    announce('Running launch checks');
    for (const item of items) {
      if (controller.signal.aborted) return;
      await run(item);
    }
    runAll.disabled = false;
    announce(`Launch checks finished: ${summary.textContent}`);
  });
  return () => controller.abort();
}

function checkItem(check) {
  const status = el('span', { class: 'check-status' }, badge('idle'));
  const reason = el('p', { class: 'reason' });
  const details = el('div', { class: 'details' });
  const button = el('button', { type: 'button', class: 'secondary' }, 'Run');
  const headingId = `check-${check.id}`;
  const node = el('li', { class: 'card check', 'data-check': check.id, 'data-result': 'idle', 'aria-labelledby': headingId },
    el('div', { class: 'check-head' }, status, el('h3', { id: headingId }, check.title), el('div', { class: 'actions' }, button)),
    el('p', { class: 'muted small' }, check.what),
    el('div', { 'aria-live': 'polite' }, reason),
    details);
  let onRun = () => {};
  button.addEventListener('click', () => onRun());
  return {
    check,
    node,
    onRun(handler) { onRun = handler; },
    setProgress(text) { reason.textContent = text; },
    async run(state) {
      button.disabled = true;
      node.dataset.result = 'running';
      status.replaceChildren(badge('running'));
      reason.textContent = '';
      details.replaceChildren();
      let result;
      try {
        result = await check.run(state);
      } catch (e) {
        result = e.name === 'AbortError' ? skip('Stopped: you left the page.') : fail(`The check could not run: ${e.message}`);
      }
      node.dataset.result = result.status;
      status.replaceChildren(badge(result.status));
      reason.textContent = result.reason;
      details.replaceChildren(...(result.details || []));
      button.disabled = false;
      button.textContent = 'Run again';
      return result.status;
    },
  };
}
