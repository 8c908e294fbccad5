// Talking to the processor: credentials in the Authorization header only (never the URL),
// kept for this browser tab in sessionStorage.
const KEY = 'hookline.credential';

export function credential() {
  return sessionStorage.getItem(KEY);
}

export function signIn(user, password, token) {
  const value = token ? `Bearer ${token}` : `Basic ${btoa(unescape(encodeURIComponent(`${user}:${password}`)))}`;
  sessionStorage.setItem(KEY, value);
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

function headers(extra = {}) {
  const result = { 'X-Hookline-UI': '1', ...extra };
  const value = credential();
  if (value) result.Authorization = value;
  return result;
}

export class Unauthorized extends Error {}

/** Longer than two of the server's 15 s keep-alives. */
const SILENCE_MS = 40000;

export async function getJson(path) {
  const response = await fetch(path, { headers: headers(), cache: 'no-store' });
  if (response.status === 401) throw new Unauthorized();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

export async function postJson(path, body) {
  const response = await fetch(path, {
    method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(answer.error || `HTTP ${response.status}`);
  return answer;
}

/**
 * Server-Sent Events read with fetch (EventSource cannot send an Authorization header).
 * Calls onEvent(type, data) for each event; resolves when the stream ends.
 */
export async function streamEvents(path, onEvent, signal) {
  const response = await fetch(path, { headers: headers(), cache: 'no-store', signal });
  if (response.status === 401) throw new Unauthorized();
  if (!response.ok || !response.body) throw new Error(`${path}: HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    // The server writes at least a keep-alive every 15 s: silence for longer means the connection
    // is gone without closing (a lost host or network), and the page must reconnect.
    let silent;
    const timeout = new Promise((resolve, reject) => {
      silent = setTimeout(() => reject(new Error('the event stream went silent')), SILENCE_MS);
    });
    let chunk;
    try {
      chunk = await Promise.race([reader.read(), timeout]);
    } catch (error) {
      reader.cancel().catch(() => {});
      throw error;
    } finally {
      clearTimeout(silent);
    }
    const { value, done } = chunk;
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let type = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('event: ')) type = line.slice(7);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) onEvent(type, JSON.parse(data.join('\n')));
    }
  }
}
