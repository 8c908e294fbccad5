// The live view: signs in, loads the phones, then follows the changes; redraws what is in sight.
import { credential, getJson, postJson, signIn, signOut, streamEvents, Unauthorized } from './api.js';
import { VirtualGrid } from './grid.js';
import { conversations, deviceHealth, duration, matches, Model, tileView } from './model.js';

const $ = (id) => document.getElementById(id);
const model = new Model();
const stats = { firstRenderMs: null, eventsApplied: 0, tiles: 0, renders: 0 };
window.hookline = { stats, model };

let me = { roles: [], silentAfterMs: 15 * 60 * 1000 };
let visibleKeys = [];
let dirty = true;
const pending = new Map(); // commandId -> toast element

const grid = new VirtualGrid($('tiles-viewport'), $('tiles'), renderTile);

function mayCommand() {
  return me.roles.includes('command');
}

function renderTile(element, key) {
  const now = Date.now();
  const view = tileView(model, key, now, me.silentAfterMs);
  const timer = view.since ? duration(view.since, now) : '';
  const title = `${view.line.line} · ${view.line.deviceId}${view.device.model ? ` · ${view.device.vendor} ${view.device.model}` : ''}`;
  const party = view.party || (view.device.model ? `${view.device.vendor || ''} ${view.device.model}` : view.line.deviceId);
  const dnd = view.badges.includes('DND');
  const actions = mayCommand() ? [view.call ? ['Hang up', 'HANGUP'] : ['Dial', 'DIAL'], dnd ? ['DND off', 'DND_OFF'] : ['DND on', 'DND_ON']] : [];
  // The tiles in sight are asked for every frame with news: rebuilt only when what they show changed.
  const shown = [view.state, view.line.line, title, party, view.badges.join(' '), timer, actions.join(' ')].join('\n');
  if (element.hooklineShown === shown) return;
  element.hooklineShown = shown;
  element.className = `tile ${view.state}`;
  element.dataset.key = key;
  element.dataset.state = view.state;
  element.dataset.device = view.line.deviceId;
  element.innerHTML = '';
  const add = (tag, className, text) => {
    const child = document.createElement(tag);
    if (className) child.className = className;
    if (text !== undefined) child.textContent = text;
    element.appendChild(child);
    return child;
  };
  const lineName = add('div', 'line');
  const at = view.line.line.indexOf('@');
  lineName.textContent = at < 0 ? view.line.line : view.line.line.slice(0, at);
  if (at >= 0) {
    const host = document.createElement('small');
    host.textContent = view.line.line.slice(at);
    lineName.appendChild(host);
  }
  element.title = title;
  add('div', 'party', party);
  const meta = add('div', 'meta');
  for (const badge of view.badges) {
    const span = document.createElement('span');
    span.className = 'badge';
    span.textContent = badge;
    meta.appendChild(span);
  }
  const time = document.createElement('span');
  time.className = 'timer';
  time.textContent = timer;
  meta.appendChild(time);
  if (actions.length) {
    const buttons = add('div', 'actions');
    for (const [label, action] of actions) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.dataset.action = action;
      b.addEventListener('click', () => command(view, action));
      buttons.appendChild(b);
    }
  }
}

async function command(view, action) {
  let number;
  if (action === 'DIAL') {
    number = prompt(`Dial from ${view.line.line}:`);
    if (!number) return;
  }
  const toast = showToast(`${action} ${view.line.line}${number ? ` → ${number}` : ''}: sent`);
  try {
    const sent = await postJson('/api/commands', { deviceId: view.line.deviceId, action, number, account: view.line.line });
    toast.dataset.commandId = sent.commandId;
    pending.set(sent.commandId, toast);
  } catch (error) {
    toast.textContent = `${action} ${view.line.line}: ${error.message}`;
    toast.classList.add('failed');
  }
}

function showToast(text) {
  const toast = document.createElement('div');
  toast.className = 'toast';
  toast.textContent = text;
  $('toasts').appendChild(toast);
  setTimeout(() => toast.remove(), 20000);
  return toast;
}

function result(commandResult) {
  const toast = pending.get(commandResult.commandId);
  if (!toast) return;
  pending.delete(commandResult.commandId);
  toast.textContent = `${toast.textContent.replace(/: sent$/, '')}: ${commandResult.status}`
    + (commandResult.detail ? ` (${commandResult.detail})` : '');
  toast.dataset.status = commandResult.status;
  toast.classList.add(commandResult.status === 'DELIVERED' ? 'DELIVERED' : 'failed');
}

function refilter() {
  const text = $('filter').value.trim();
  const prefix = $('group').value.trim();
  const now = Date.now();
  const all = model.orderedLineKeys();
  visibleKeys = !text && !prefix ? all
    : all.filter((key) => matches(tileView(model, key, now, me.silentAfterMs), text, prefix));
  grid.setKeys(visibleKeys);
  stats.tiles = visibleKeys.length;
  $('counts').textContent = `${visibleKeys.length} of ${model.lines.size} lines`;
}

function renderPanels() {
  const now = Date.now();
  const active = conversations(model);
  $('active-count').textContent = `(${active.length})`;
  $('active-calls').replaceChildren(...active.slice(0, 200).map((conversation) => {
    const li = document.createElement('li');
    const [a, b] = conversation.legs;
    li.textContent = b
      ? `${a.localUser} ↔ ${b.localUser} · ${a.status} · ${duration(a.answeredAt || a.startedAt, now)}`
      : `${a.localUser || a.line || a.deviceId} ${a.direction === 'INBOUND' ? '←' : '→'} ${a.remoteUser || '?'}`
        + `${a.remoteDisplayName ? ` (${a.remoteDisplayName})` : ''} · ${a.status} · ${duration(a.answeredAt || a.startedAt, now)}`;
    li.dataset.legs = String(conversation.legs.length);
    return li;
  }));
  $('recent-calls').replaceChildren(...model.recent.slice(0, 50).map((session) => {
    const li = document.createElement('li');
    li.textContent = `${new Date(session.endedAt).toLocaleTimeString()} ${session.localUser || session.line || session.deviceId}`
      + ` ${session.direction === 'INBOUND' ? '←' : '→'} ${session.remoteUser || '?'} · ${session.outcome}`
      + (session.talkMillis ? ` · ${Math.round(session.talkMillis / 1000)} s` : '');
    li.dataset.outcome = session.outcome;
    return li;
  }));
  const { registered, problems } = deviceHealth(model, now, me.silentAfterMs);
  $('health-summary').textContent = `(${registered} of ${model.devices.size} reporting)`;
  $('device-health').replaceChildren(...problems.slice(0, 100).map(({ device, why }) => {
    const li = document.createElement('li');
    li.textContent = `${device.deviceId} ${device.vendor || ''} ${device.model || ''} ${device.firmware || ''} · ${why}`;
    return li;
  }));
}

function apply(type, data) {
  stats.eventsApplied++;
  if (type === 'line') model.line(data);
  else if (type === 'device') model.device(data);
  else if (type === 'call') model.call(data);
  else if (type === 'call-ended') model.callEnded(data);
  else if (type === 'session') model.session(data);
  else if (type === 'result') result(data);
  dirty = true;
}

function frame() {
  if (dirty) {
    dirty = false;
    if (model.orderDirty || $('filter').value.trim()) refilter();
    else grid.render();
    renderPanels();
    stats.renders++;
  }
  requestAnimationFrame(frame);
}

// How long the server may take to say its feed is ready before the page tries again.
const READY_TIMEOUT_MS = 30000;

/** Resolves when the stream says 'ready'; fails if the stream ends or fails first, or takes too long. */
function untilReady(feedReady, streaming) {
  let timer;
  return new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error('the server did not say ready')), READY_TIMEOUT_MS);
    feedReady.then(resolve);
    streaming.then(() => reject(new Error('the event stream ended')), reject);
  }).finally(() => clearTimeout(timer));
}

async function follow() {
  for (;;) {
    const early = [];
    let snapshotApplied = false;
    let ready;
    const feedReady = new Promise((resolve) => { ready = resolve; });
    const controller = new AbortController();
    const streaming = streamEvents('/api/view/events', (type, data) => {
      if (type === 'ready') ready();
      else if (snapshotApplied) apply(type, data);
      else early.push([type, data]);
    }, controller.signal);
    try {
      // The snapshot only once the server's feed follows the topics ('ready'). Loaded earlier, from an
      // instance whose feed was still starting (as after a restart), it could miss a change made after
      // it but committed before the feed found the topics' ends: the page would never show that change.
      await untilReady(feedReady, streaming);
      const snapshot = await getJson('/api/phones');
      model.applySnapshot(snapshot.phones);
      snapshotApplied = true;
      for (const [type, data] of early) apply(type, data);
      refilter();
      renderPanels();
      if (stats.firstRenderMs === null) stats.firstRenderMs = performance.now();
      $('connection').textContent = 'live';
      $('connection').classList.add('live');
      await streaming;
    } catch (error) {
      controller.abort();
      if (error instanceof Unauthorized) {
        signOut();
        showLogin('Signed out: sign in again.');
        return;
      }
    }
    $('connection').textContent = 'reconnecting';
    $('connection').classList.remove('live');
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

function showLogin(message) {
  $('main').hidden = true;
  $('login').hidden = false;
  $('login-error').textContent = message || '';
}

async function start() {
  try {
    me = await getJson('/api/whoami');
  } catch (error) {
    if (error instanceof Unauthorized) {
      showLogin(credential() ? 'Those credentials were refused.' : '');
      return;
    }
    $('connection').textContent = `unavailable: ${error.message}`;
    setTimeout(start, 2000);
    return;
  }
  $('login').hidden = true;
  $('main').hidden = false;
  $('user').textContent = me.accessControl ? `${me.name} (${me.roles.join(', ')})` : '';
  document.body.dataset.roles = me.roles.join(',');
  requestAnimationFrame(frame);
  setInterval(() => { dirty = true; }, 1000);
  follow();
}

$('login').addEventListener('submit', (event) => {
  event.preventDefault();
  signIn($('login-user').value, $('login-password').value, $('login-token').value);
  start();
});
$('filter').addEventListener('input', refilter);
$('group').addEventListener('input', refilter);
start();
