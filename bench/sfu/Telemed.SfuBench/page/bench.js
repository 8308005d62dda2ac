// Group call bench page (bench/sfu): participants of Janus video rooms, driven by Program.cs through Playwright.
// Mirrors web/src/features/calls/sfu: janus.js 1.1 with webrtc-adapter, one publisher handle per participant, one
// subscriber handle per remote feed (join ptype=subscriber streams=[{feed}] private_id, answer with tracks [{type:"data"}]).
"use strict";
window.participants = {};
let janusReady = null;
function initJanus() {
  janusReady ??= new Promise((resolve) => Janus.init({ debug: false, dependencies: Janus.useDefaultDependencies({ adapter }), callback: resolve }));
  return janusReady;
}

function openSession(server, token) {
  return new Promise((resolve, reject) => {
    let opened = false;
    const j = new Janus({ server, token, success: () => { opened = true; resolve(j); }, error: (e) => { if (!opened) reject(new Error(String(e))); }, destroyed: () => {} });
  });
}

function attach(j, hooks) {
  return new Promise((resolve, reject) => {
    j.attach({
      plugin: "janus.plugin.videoroom",
      success: resolve,
      error: (e) => reject(new Error(String(e))),
      onmessage: (msg, jsep) => hooks.onmessage?.(msg, jsep),
      onlocaltrack: () => {},
      onremotetrack: (track, mid, on) => hooks.onremotetrack?.(track, mid, on),
      webrtcState: (up) => hooks.webrtcState?.(up),
      oncleanup: () => {},
    });
  });
}

async function framesDecoded(pc) {
  if (!pc) return 0;
  const stats = await pc.getStats();
  for (const s of stats.values()) if (s.type === "inbound-rtp" && s.kind === "video") return s.framesDecoded || 0;
  return 0;
}

// Joins room as participant `id`; publishes 640×480 (fake camera) when publish, subscribes to every other publisher when subscribe.
// Resolves once the publisher's PeerConnection is up (or at once for a viewer). Times are ms since the session create.
window.benchJoin = async ({ server, token, room, id, publish, subscribe }) => {
  await initJanus();
  const p = { id, room, t0: performance.now(), subs: {}, firstFrames: {}, error: null, webrtcUp: null, joinedAt: null };
  window.participants[id] = p;
  p.janus = await openSession(server, token);
  p.sessionAt = performance.now() - p.t0;
  let joinedResolve;
  const joined = new Promise((r) => (joinedResolve = r));
  let upResolve;
  const up = new Promise((r) => (upResolve = r));
  const onPublishers = (list) => {
    if (!subscribe) return;
    for (const pub of list || []) if (pub.id !== id && !p.subs[pub.id]) subscribeTo(p, server, token, room, pub.id);
  };
  p.pub = await attach(p.janus, {
    onmessage: (msg, jsep) => {
      if (msg.videoroom === "joined") { p.privateId = msg.private_id; p.joinedAt = performance.now() - p.t0; joinedResolve(); onPublishers(msg.publishers); }
      else if (msg.videoroom === "event") {
        if (msg.publishers) onPublishers(msg.publishers);
        if (msg.error) p.error = msg.error;
      }
      if (jsep) p.pub.handleRemoteJsep({ jsep });
    },
    webrtcState: (isUp) => { if (isUp) { p.webrtcUp = performance.now() - p.t0; upResolve(); } },
  });
  p.pub.send({ message: { request: "join", ptype: "publisher", room, id, display: "bench-" + id, token } });
  await joined;
  if (!publish) return { id, joinedAt: p.joinedAt };
  p.stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: { exact: 640 }, height: { exact: 480 }, frameRate: { ideal: 30 } } });
  await new Promise((resolve, reject) => p.pub.createOffer({
    tracks: [{ type: "audio", capture: p.stream.getAudioTracks()[0], recv: false }, { type: "video", capture: p.stream.getVideoTracks()[0], recv: false }],
    success: (jsep) => { p.pub.send({ message: { request: "configure", audio: true, video: true }, jsep }); resolve(); },
    error: (e) => reject(new Error(String(e))),
  }));
  await up;
  return { id, joinedAt: p.joinedAt, webrtcUp: p.webrtcUp };
};

async function subscribeTo(p, server, token, room, feed) {
  const s = { feed, firstFrame: null };
  p.subs[feed] = s;
  s.handle = await attach(p.janus, {
    onmessage: (msg, jsep) => {
      if (jsep) s.handle.createAnswer({
        jsep, tracks: [{ type: "data" }],
        success: (answer) => s.handle.send({ message: { request: "start", room }, jsep: answer }),
        error: (e) => { p.error = String(e); },
      });
    },
    onremotetrack: (track, mid, on) => {
      if (!on || track.kind !== "video" || s.polling) return;
      s.polling = true;
      (async () => {
        while (s.firstFrame === null && !p.left) {
          if ((await framesDecoded(s.handle.webrtcStuff?.pc)) > 0) { s.firstFrame = performance.now() - p.t0; break; }
          await new Promise((r) => setTimeout(r, 20));
        }
      })();
    },
  });
  s.handle.send({ message: { request: "join", ptype: "subscriber", room, streams: [{ feed }], private_id: p.privateId, token } });
}

window.benchFirstFrames = (id) => {
  const p = window.participants[id];
  return Object.values(p.subs).map((s) => ({ feed: s.feed, firstFrame: s.firstFrame }));
};

window.benchLeave = async (id) => {
  const p = window.participants[id];
  if (!p) return;
  p.left = true;
  p.stream?.getTracks().forEach((t) => t.stop());
  // Under load Janus's answer may come late: a leave waits 3 s at most (closing the page closes the WebSocket anyway).
  await Promise.race([new Promise((resolve) => p.janus.destroy({ cleanupHandles: true, success: resolve, error: resolve })), new Promise((r) => setTimeout(r, 3000))]);
  delete window.participants[id];
};

// Cumulative counters of every participant on this page: what each publisher sent, what each subscription received.
window.benchStats = async () => {
  const out = { publishers: [], subscriptions: [] };
  for (const p of Object.values(window.participants)) {
    const pc = p.pub?.webrtcStuff?.pc;
    if (pc && p.stream) {
      const stats = await pc.getStats();
      for (const s of stats.values()) if (s.type === "outbound-rtp" && s.kind === "video")
        out.publishers.push({ id: p.id, framesEncoded: s.framesEncoded || 0, framesSent: s.framesSent || 0, bytesSent: s.bytesSent || 0, width: s.frameWidth || 0, height: s.frameHeight || 0, limitation: s.qualityLimitationReason || "" });
    }
    for (const sub of Object.values(p.subs)) {
      const spc = sub.handle?.webrtcStuff?.pc;
      if (!spc) continue;
      const stats = await spc.getStats();
      for (const s of stats.values()) if (s.type === "inbound-rtp" && s.kind === "video")
        out.subscriptions.push({ key: p.id + ">" + sub.feed, framesDecoded: s.framesDecoded || 0, framesReceived: s.framesReceived || 0, packetsReceived: s.packetsReceived || 0, packetsLost: Math.max(0, s.packetsLost || 0), bytesReceived: s.bytesReceived || 0, width: s.frameWidth || 0, height: s.frameHeight || 0, framesDropped: s.framesDropped || 0 });
    }
  }
  return out;
};
