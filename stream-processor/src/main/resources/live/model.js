// The phones as the live view knows them: devices, lines and calls in progress, kept current
// by the snapshot (/api/phones) and then the events; the newest update of each wins.
export class Model {
  constructor() {
    this.devices = new Map();   // deviceId -> DeviceState
    this.lines = new Map();     // deviceId/line -> LineStatus
    this.calls = new Map();     // deviceId/callKey -> call
    this.recent = [];           // finished calls, newest first
    this.lineKeys = [];         // sorted tile order
    this.lineCount = new Map(); // deviceId -> lines
    this.orderDirty = true;
    // Kept as updates come, so that a frame costs what is in sight, not what the model holds:
    this.deviceCalls = new Map();     // deviceId -> (deviceId/callKey -> call), in the order of calls
    this.registeredLines = new Map(); // deviceId -> lines REGISTERED
    this.lastSeenMs = new Map();      // deviceId -> Date.parse(lastSeen)
  }

  /**
   * The state of every phone. It lists every call in progress, so the calls known before are
   * replaced: a page that reconnects after missing a call's end (the processor restarted, the
   * network failed) would otherwise show that call forever. Devices and lines only change, the
   * newer wins (they are never deleted).
   */
  applySnapshot(phones) {
    this.calls.clear();
    this.deviceCalls.clear();
    for (const phone of phones) {
      this.device(phone.device);
      for (const line of phone.lines) this.line(line);
      for (const call of phone.calls) this.call(call);
    }
  }

  device(device) {
    const known = this.devices.get(device.deviceId);
    if (!known || known.lastSeen <= device.lastSeen) {
      this.devices.set(device.deviceId, device);
      this.lastSeenMs.set(device.deviceId, Date.parse(device.lastSeen));
    }
  }

  line(line) {
    const key = `${line.deviceId}/${line.line}`;
    const known = this.lines.get(key);
    if (!known) {
      this.orderDirty = true;
      this.lineCount.set(line.deviceId, (this.lineCount.get(line.deviceId) || 0) + 1);
    }
    if (!known || known.updatedAt <= line.updatedAt) {
      const change = (line.registration === 'REGISTERED' ? 1 : 0) - (known && known.registration === 'REGISTERED' ? 1 : 0);
      if (change) this.registeredLines.set(line.deviceId, (this.registeredLines.get(line.deviceId) || 0) + change);
      this.lines.set(key, line);
    }
  }

  call(call) {
    const key = `${call.deviceId}/${call.callKey}`;
    this.calls.set(key, call);
    let ofDevice = this.deviceCalls.get(call.deviceId);
    if (!ofDevice) this.deviceCalls.set(call.deviceId, ofDevice = new Map());
    ofDevice.set(key, call);
  }

  callEnded(ended) {
    const key = `${ended.deviceId}/${ended.callKey}`;
    this.calls.delete(key);
    const ofDevice = this.deviceCalls.get(ended.deviceId);
    if (ofDevice && ofDevice.delete(key) && ofDevice.size === 0) this.deviceCalls.delete(ended.deviceId);
  }

  session(session) {
    if (this.recent.some((known) => known.sessionId === session.sessionId)) return;
    this.recent.unshift(session);
    this.recent.sort((a, b) => (a.endedAt < b.endedAt ? 1 : -1));
    this.recent.length = Math.min(this.recent.length, 50);
  }

  orderedLineKeys() {
    if (this.orderDirty) {
      this.lineKeys = [...this.lines.keys()].sort((a, b) => {
        const la = this.lines.get(a).line; const lb = this.lines.get(b).line;
        return la === lb ? (a < b ? -1 : 1) : (la < lb ? -1 : 1);
      });
      this.orderDirty = false;
    }
    return this.lineKeys;
  }

  /** The calls of one line: those naming it, or the phone's calls without a line when it has one line only. */
  callsOf(line) {
    const found = [];
    const ofDevice = this.deviceCalls.get(line.deviceId);
    if (!ofDevice) return found;
    for (const call of ofDevice.values()) {
      if (call.line === line.line || (!call.line && this.linesOf(line.deviceId) <= 1)) found.push(call);
    }
    return found;
  }

  linesOf(deviceId) {
    return this.lineCount.get(deviceId) || 0;
  }
}

const CALL_ORDER = { RINGING: 0, CONNECTED: 1, DIALING: 2, RINGBACK: 3, HELD: 4 };

/** What a tile shows: its state (colour), the other party, the timer's start, badges. */
export function tileView(model, key, now, silentAfterMs) {
  const line = model.lines.get(key);
  const device = model.devices.get(line.deviceId) || {};
  const calls = model.callsOf(line).sort((a, b) => CALL_ORDER[a.status] - CALL_ORDER[b.status]);
  const call = calls[0];
  const silent = device.lastSeen && now - Date.parse(device.lastSeen) > silentAfterMs;
  let state;
  if (call) {
    state = call.status === 'RINGING' ? 'ringing' : call.status === 'HELD' ? 'held' : 'in-call';
  } else if (line.registration === 'UNREGISTERED' || line.registration === 'FAILED' || line.availability === 'OFFLINE' || silent) {
    state = 'offline';
  } else {
    state = { AVAILABLE: 'available', BUSY: 'in-call', DND: 'dnd', FORWARDED: 'forwarded' }[line.availability] || 'unknown';
  }
  const badges = [];
  if (device.dnd || line.availability === 'DND') badges.push('DND');
  if (device.forwardAlways || device.forwardBusy || device.forwardNoAnswer || line.availability === 'FORWARDED') badges.push('FWD');
  if (silent) badges.push('SILENT');
  return {
    key, line, device, call, state, badges,
    party: call ? [call.remoteUser, call.remoteDisplayName].filter(Boolean).join(' ') : '',
    since: call ? (call.status === 'CONNECTED' || call.status === 'HELD' ? call.answeredAt || call.startedAt : call.startedAt) : null,
  };
}

/** Devices to show in the health panel (silent, or without a registered line), and how many report. */
export function deviceHealth(model, now, silentAfterMs) {
  const problems = [];
  let registered = 0;
  for (const device of model.devices.values()) {
    const silent = now - model.lastSeenMs.get(device.deviceId) > silentAfterMs;
    const isRegistered = model.registeredLines.get(device.deviceId) > 0;
    if (isRegistered && !silent) registered++;
    if (silent) problems.push({ device, why: `silent for ${duration(device.lastSeen, now)}` });
    else if (!isRegistered) problems.push({ device, why: 'not registered' });
  }
  return { registered, problems };
}

/** Whether a tile matches the filters: text in its line, MAC, model, or the other party; the line's prefix. */
export function matches(view, text, prefix) {
  if (prefix && !view.line.line.startsWith(prefix)) return false;
  if (!text) return true;
  const needle = text.toLowerCase();
  const macDigits = needle.replace(/[:\-. ]/g, '');
  return [view.line.line, view.device.model, view.device.vendor, view.device.ip, view.party,
    view.call && view.call.remoteUser, view.call && view.call.remoteDisplayName]
    .some((value) => value && String(value).toLowerCase().includes(needle))
    || (macDigits.length >= 2 && view.line.deviceId.includes(macDigits));
}

/**
 * Calls between two of our phones appear twice (one leg each): pair them where the parties match.
 * Each leg is paired with the first unpaired leg (in the calls' order) of another phone whose
 * parties are its own swapped, found through an index by parties: with thousands of calls in
 * progress, comparing every leg with every other took most of each frame.
 */
export function conversations(model) {
  const legs = [...model.calls.values()];
  const byParties = new Map(); // "localUser\0remoteUser" -> legs with both parties, in order
  for (const leg of legs) {
    if (!leg.localUser || !leg.remoteUser) continue;
    const key = `${leg.localUser}\0${leg.remoteUser}`;
    const same = byParties.get(key);
    if (same) same.push(leg);
    else byParties.set(key, [leg]);
  }
  const used = new Set();
  const result = [];
  for (const leg of legs) {
    if (used.has(leg)) continue;
    used.add(leg);
    const candidates = leg.localUser && leg.remoteUser ? byParties.get(`${leg.remoteUser}\0${leg.localUser}`) : undefined;
    const other = candidates && candidates.find((candidate) => !used.has(candidate) && candidate.deviceId !== leg.deviceId);
    if (other) used.add(other);
    result.push(other ? { legs: [leg, other] } : { legs: [leg] });
  }
  return result;
}

export function duration(fromIso, now) {
  if (!fromIso) return '';
  const seconds = Math.max(0, Math.floor((now - Date.parse(fromIso)) / 1000));
  const m = Math.floor(seconds / 60); const s = seconds % 60;
  return m >= 60 ? `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}:${String(s).padStart(2, '0')}`
    : `${m}:${String(s).padStart(2, '0')}`;
}
