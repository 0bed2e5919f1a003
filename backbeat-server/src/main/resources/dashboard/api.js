// The one way the dashboard talks to Backbeat: fetch with Authorization: Bearer, key from sessionStorage.

const KEY = 'backbeat.apiKey';

export const session = {
  key: () => sessionStorage.getItem(KEY),
  signIn: (key) => sessionStorage.setItem(KEY, key),
  signOut: () => sessionStorage.removeItem(KEY),
};

let unauthorized = () => {};
export function onUnauthorized(handler) {
  unauthorized = handler;
}

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

/** The raw exchange: {status, ok, json, text, headers}. Never throws for HTTP errors. */
export async function request(path, { method = 'GET', body, headers = {}, key = session.key(), signal } = {}) {
  const sent = { Accept: 'application/json', ...headers };
  if (key) sent.Authorization = `Bearer ${key}`;
  if (body !== undefined) sent['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers: sent,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    signal,
    cache: 'no-store',
    credentials: 'omit',
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, ok: response.ok, json, text, headers: response.headers };
}

/** JSON of a successful call; an ApiError (code and message in plain words) otherwise. */
export async function api(path, options = {}) {
  const answer = await request(path, options);
  if (!answer.ok) {
    const json = answer.json;
    const code = json?.error?.code ?? (json?.code !== undefined ? String(json.code) : String(answer.status));
    const message = json?.error?.message ?? json?.msg ?? (answer.text.slice(0, 200) || `HTTP ${answer.status}`);
    if (answer.status === 401 && options.key === undefined) unauthorized(message);
    throw new ApiError(answer.status, code, message, json);
  }
  return answer.json;
}
