// Chat load driver for bench/run-consultations.sh, driven over stdin/stdout (one JSON object per line).
//
// It holds N connections split into groups (conversations) of equal size and makes some of them send
// messages, either in a closed loop (each conversation sends its next message when the previous one is
// acknowledged) or open loop at a fixed total rate. Every other connection of the group records the
// time from send to receipt. The same code runs against two targets so that only the server differs:
//
//   signalr  the host's /hubs/chat with the official client (@microsoft/signalr, WebSockets transport):
//            SendMessage(conversationId, body, clientMessageId) persists and broadcasts messageReceived;
//            the acknowledgement is the invocation's completion.
//   ws       a bare WebSocket fan-out server (bench/Telemed.ConsultationsBench echo): the sender sends a
//            frame shaped and sized like the SignalR messageReceived frame, the server relays it to every
//            socket of the group; the acknowledgement is the sender's own copy coming back.
//
// Both use the same `ws` library (the SignalR client uses it on Node 20 too), one process, one event loop.
//
// Commands (stdin):  {"cmd":"connect", ...}  {"cmd":"idle"}  {"cmd":"phase", ...}  {"cmd":"totals"}  {"cmd":"quit"}
// Answers (stdout):  {"ok":true, ...} or {"ok":false,"error":"..."}; progress goes to stderr.
import { createInterface } from "node:readline";
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import * as signalR from "@microsoft/signalr";
import WebSocket from "ws";

const log = (...a) => process.stderr.write(`   [driver] ${a.join(" ")}\n`);
const send = (o) => process.stdout.write(JSON.stringify(o) + "\n");
const RS = "\u001e";

/** @type {{target:string, groups:{id:string, conns:any[], senders:number[]}[], bodyLength:number}} */
let state = null;
let current = null; // the phase being measured: where receipts are recorded

// ---------------------------------------------------------------- connections

async function connectSignalR(url, token, skipNegotiation = false) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(url, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation, headers: { Authorization: `Bearer ${token}` } })
    .configureLogging(signalR.LogLevel.None)
    .build();
  connection.serverTimeoutInMilliseconds = 120_000; // a saturated event loop must not be mistaken for a dead server
  await connection.start();
  return connection;
}

function connectWs(url, group) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url}?group=${encodeURIComponent(group)}`, { perMessageDeflate: false });
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

async function pool(items, width, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

async function connect(cmd) {
  const { target, url, groups, perGroup, bodyLength, width = 32, skipNegotiation = false } = cmd;
  state = { target, url, groups: [], bodyLength };
  const started = performance.now();
  const jobs = [];
  for (const g of groups) {
    const group = { id: g.id, patientName: g.patientName, doctorName: g.doctorName, patientUserId: g.patientUserId, doctorUserId: g.doctorUserId, conns: new Array(perGroup), senders: [0, perGroup / 2] };
    state.groups.push(group);
    for (let k = 0; k < perGroup; k++) {
      // The first half of each group are the patient's connections (tabs, phones), the second half the doctor's.
      jobs.push({ group, k, token: k < perGroup / 2 ? g.patientToken : g.doctorToken });
    }
  }
  let failures = 0;
  let firstError = null;
  const startMs = [];
  const joinMs = [];
  await pool(jobs, width, async ({ group, k, token }) => {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        if (target === "signalr") {
          const t0 = performance.now();
          const c = await connectSignalR(url, token, skipNegotiation);
          const t1 = performance.now();
          await c.invoke("JoinConversation", group.id);
          startMs.push(t1 - t0);
          joinMs.push(performance.now() - t1);
          c.on("messageReceived", (view) => onReceived(group, k, view.body, view));
          group.conns[k] = c;
        } else {
          const t0 = performance.now();
          const s = await connectWs(url, group.id);
          startMs.push(performance.now() - t0);
          s.on("message", (data) => {
            const text = data.toString();
            const frame = JSON.parse(text.endsWith(RS) ? text.slice(0, -1) : text);
            onReceived(group, k, frame.arguments[0].body, null, Buffer.byteLength(text));
          });
          group.conns[k] = s;
        }
        return;
      } catch (e) {
        failures++;
        firstError ??= String(e?.message ?? e);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    throw new Error(`connection ${group.id}/${k} failed 3 times: ${firstError}`);
  });
  return { connections: jobs.length, groups: groups.length, seconds: (performance.now() - started) / 1000, retries: failures, firstError, width,
    start: summary(startMs), join: summary(joinMs) };
}

// ---------------------------------------------------------------- messages

let seq = 0;
const pending = new Map(); // message number -> { at, group, from, ack } for the phase being measured
const outstanding = new Map(); // message number -> sending connection, until acknowledged, across phases
const senderOf = new Map(); // message number -> index of the sending connection in its group, for the whole run
const totals = { sent: 0, acked: 0, errors: 0, deliveries: 0 };

function makeBody(n) {
  const head = `bench #${n} `;
  return head + "x".repeat(Math.max(0, state.bodyLength - head.length));
}

function numberOf(body) {
  const end = body.indexOf(" ", 7);
  return Number(body.slice(7, end));
}

/** A frame of the same shape and size as the host's messageReceived frame (JSON hub protocol). */
function fakeFrame(group, fromPatient, body) {
  const view = {
    id: randomUUID(), conversationId: group.id,
    senderUserId: fromPatient ? group.patientUserId : group.doctorUserId,
    senderName: fromPatient ? group.patientName : group.doctorName,
    senderRole: fromPatient ? "patient" : "doctor",
    body, sentAt: new Date().toISOString().replace("Z", "0000Z"), attachments: [], readAt: null,
  };
  return JSON.stringify({ type: 1, target: "messageReceived", arguments: [view] }) + RS;
}

function sendOne(group, senderIndex) {
  const n = ++seq;
  const body = makeBody(n);
  const from = group.senders[senderIndex];
  const conn = group.conns[from];
  const entry = { at: performance.now(), group, from, ack: null };
  pending.set(n, entry);
  outstanding.set(n, conn);
  senderOf.set(n, from);
  totals.sent++;
  const phase = current;
  phase.sent++;
  const done = new Promise((resolve) => { entry.ack = resolve; });
  if (state.target === "signalr") {
    conn.invoke("SendMessage", group.id, body, `b${n}`).then(
      () => { outstanding.delete(n); totals.acked++; acked(n, phase); },
      (e) => { outstanding.delete(n); totals.errors++; phase.errors++; phase.firstError ??= String(e?.message ?? e); pending.delete(n); entry.ack(); });
  } else {
    conn.send(fakeFrame(group, from < group.conns.length / 2, body));
  }
  return done;
}

function acked(n, phase) {
  const entry = pending.get(n);
  if (!entry) return;
  if (phase === current) {
    phase.ackLatencies.push(performance.now() - entry.at);
    phase.acked++;
    phase.lastAckAt = performance.now();
  }
  entry.ack();
}

function onReceived(group, k, body, view, bytes) {
  const n = numberOf(body);
  if (senderOf.get(n) === k) {
    if (state.target === "ws" && outstanding.delete(n)) totals.acked++;
  } else if (senderOf.has(n)) {
    totals.deliveries++;
  }
  const entry = pending.get(n);
  if (!entry) return;
  const phase = current;
  if (k === entry.from) {
    if (state.target === "ws") acked(n, phase); // the sender's own copy is the acknowledgement
    return;
  }
  if (phase && n > phase.firstSeq) {
    const now = performance.now();
    phase.latencies.push(now - entry.at);
    phase.delivered++;
    phase.lastDeliveryAt = now;
    // Size of the frame a receiver got (the SignalR client hides the raw frame: re-serialised, same JSON shape).
    phase.bytes ??= bytes ?? Buffer.byteLength(JSON.stringify({ type: 1, target: "messageReceived", arguments: [view] }) + RS);
  }
}

// ---------------------------------------------------------------- phases

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

function summary(values) {
  const sorted = Float64Array.from(values).sort();
  // Counts per 10 ms up to 1 s (the last bucket holds the rest): shows steps such as a fixed retry sleep.
  const histogram10ms = new Array(101).fill(0);
  for (const v of sorted) histogram10ms[Math.min(100, Math.floor(v / 10))]++;
  return {
    histogram10ms,
    n: sorted.length,
    p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
    mean: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
  };
}

async function phase(cmd) {
  const { kind, seconds, rate = 0, drainSeconds = 10, maxBacklog = 5000 } = cmd;
  const cpu0 = process.cpuUsage();
  const p = { kind, rate, sent: 0, acked: 0, errors: 0, delivered: 0, latencies: [], ackLatencies: [], firstSeq: seq, firstError: null, bytes: undefined, overloaded: false };
  current = p;
  const start = performance.now();
  const end = start + seconds * 1000;
  const groups = state.groups;

  if (kind === "closed") {
    // One message in flight per conversation, alternating the patient's and the doctor's sending connection.
    await Promise.all(groups.map(async (g, gi) => {
      let turn = gi % 2;
      while (performance.now() < end) {
        await sendOne(g, turn);
        turn ^= 1;
      }
    }));
  } else {
    // Open loop: messages are due at a fixed total rate whatever the server does, spread round-robin.
    let gi = 0;
    let turn = 0;
    while (performance.now() < end) {
      const due = Math.floor(((performance.now() - start) * rate) / 1000) - p.sent;
      for (let i = 0; i < due; i++) {
        sendOne(groups[gi], turn);
        if (++gi === groups.length) { gi = 0; turn ^= 1; }
      }
      if (p.sent - p.acked - p.errors > maxBacklog) { p.overloaded = true; break; }
      await new Promise((r) => setTimeout(r, 1));
    }
  }
  const sendingEnded = performance.now();
  // Let the last messages arrive (without counting new sends).
  const drainUntil = performance.now() + drainSeconds * 1000;
  while (performance.now() < drainUntil && (p.acked + p.errors < p.sent || p.delivered < p.acked * (groups[0].conns.length - 1))) {
    await new Promise((r) => setTimeout(r, 20));
  }
  // Rates count until the last acknowledgement / delivery: a backlog drained after sending stopped stretches the window.
  const elapsed = (sendingEnded - start) / 1000;
  const ackWindow = (Math.max(sendingEnded, p.lastAckAt ?? 0) - start) / 1000;
  const deliveryWindow = (Math.max(sendingEnded, p.lastDeliveryAt ?? 0) - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  current = null;
  pending.clear();
  const receivers = groups[0].conns.length - 1;
  return {
    kind, rate, seconds: elapsed, sent: p.sent, acked: p.acked, errors: p.errors, firstError: p.firstError, overloaded: p.overloaded,
    ackedPerSecond: p.acked / ackWindow,
    delivered: p.delivered, expectedDeliveries: p.acked * receivers, deliveriesPerSecond: p.delivered / deliveryWindow,
    latency: summary(p.latencies), ack: summary(p.ackLatencies),
    frameBytes: p.bytes ?? null,
    driverCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** Waits until every message sent so far is acknowledged: a backlog left by an overloaded window must not spill into the next. */
async function idle({ timeoutSeconds = 60 }) {
  const from = performance.now();
  while (outstanding.size > 0 && performance.now() - from < timeoutSeconds * 1000) await new Promise((r) => setTimeout(r, 50));
  return { waitedSeconds: (performance.now() - from) / 1000, outstanding: outstanding.size };
}

async function runTotals() {
  await idle({ timeoutSeconds: 60 });
  // the last deliveries may trail the last acknowledgement
  let last = -1;
  while (totals.deliveries !== last) { last = totals.deliveries; await new Promise((r) => setTimeout(r, 500)); }
  return { ...totals, outstanding: outstanding.size };
}

async function quit() {
  if (!state) return {};
  const all = state.groups.flatMap((g) => g.conns).filter(Boolean);
  if (state.target === "signalr") await pool(all, 64, (c) => c.stop().catch(() => {}));
  else for (const s of all) s.terminate();
  state = null;
  return {};
}

// ---------------------------------------------------------------- command loop

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const cmd = JSON.parse(line);
  try {
    if (cmd.cmd === "connect") send({ ok: true, ...(await connect(cmd)) });
    else if (cmd.cmd === "phase") send({ ok: true, ...(await phase(cmd)) });
    else if (cmd.cmd === "idle") send({ ok: true, ...(await idle(cmd)) });
    else if (cmd.cmd === "totals") send({ ok: true, ...(await runTotals()) });
    else if (cmd.cmd === "quit") { send({ ok: true, ...(await quit()) }); break; }
    else send({ ok: false, error: `unknown command ${cmd.cmd}` });
  } catch (e) {
    send({ ok: false, error: String(e?.stack ?? e) });
  }
}
process.exit(0);
