import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PeerSession, type PeerRole, type PeerState } from "./peerSession";
import { asStream, FakePeerConnection, fakePeerConnections, FakeStream, FakeTrack } from "./testFakes";

interface Sent {
  kind: string;
  payload: string;
  data: Record<string, unknown>;
}

/** One side with its outbox, its peer connections and its state history. */
function side(role: PeerRole, ids: string[] = ["s1", "s2", "s3"]) {
  const outbox: Sent[] = [];
  const pcs = fakePeerConnections();
  const states: PeerState[] = [];
  const remote: (MediaStream | null)[] = [];
  const errors: unknown[] = [];
  let next = 0;
  const session = new PeerSession({
    role,
    iceServers: [{ urls: ["stun:stun.example.org"] }],
    iceTransportPolicy: "relay",
    send: async (kind, payload) => {
      outbox.push({ kind, payload, data: JSON.parse(payload) as Record<string, unknown> });
    },
    createPeerConnection: pcs.create,
    newId: () => ids[next++] ?? `s${next}`,
    onStateChange: (s) => states.push(s),
    onRemoteStream: (s) => remote.push(s),
    onError: (e) => errors.push(e),
  });
  session.setLocalStream(asStream(new FakeStream([new FakeTrack("audio"), new FakeTrack("video")])));
  const pc = () => pcs.last();
  return { session, outbox, pcs, pc, states, remote, errors };
}

type Side = ReturnType<typeof side>;

/** Delivers everything `from` has sent so far to `to` (in order). */
async function deliver(from: Side, to: Side) {
  const messages = from.outbox.splice(0);
  for (const m of messages) await to.session.handleSignal(m.kind, m.payload);
  return messages;
}

/** Until both outboxes are empty. */
async function exchange(a: Side, b: Side) {
  for (let i = 0; i < 10 && (a.outbox.length || b.outbox.length); i++) {
    await deliver(a, b);
    await deliver(b, a);
  }
}

async function connected() {
  const doctor = side("caller");
  const patient = side("callee");
  await doctor.session.peerJoined();
  await exchange(doctor, patient);
  doctor.pc().setIce("connected");
  patient.pc().setIce("connected");
  return { doctor, patient };
}

describe("PeerSession", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("the caller offers when the peer is present, the callee answers and candidates trickle both ways", async () => {
    const doctor = side("caller");
    const patient = side("callee");

    await doctor.session.peerJoined();
    expect(doctor.outbox).toHaveLength(1);
    const offer = doctor.outbox[0]!;
    expect(offer.kind).toBe("offer");
    expect(offer.data).toMatchObject({ type: "offer", session: "s1", restart: false, sdp: `${doctor.pc().name}-offer-1` });
    expect(doctor.pc().config).toMatchObject({ iceTransportPolicy: "relay", iceServers: [{ urls: ["stun:stun.example.org"] }] });
    expect(doctor.pc().transceivers.map((t) => t.sender.track?.kind)).toEqual(["audio", "video"]);
    expect(doctor.states).toContain("connecting");

    // The caller gathers a candidate before the answer: sent at once, tagged with the session.
    doctor.pc().gather("candidate:doctor-1");
    expect(doctor.outbox[1]).toMatchObject({ kind: "candidate", data: { session: "s1", candidate: { candidate: "candidate:doctor-1" } } });

    await deliver(doctor, patient);
    expect(patient.pc().remoteDescription).toMatchObject({ type: "offer", sdp: offer.data.sdp });
    expect(patient.pc().remoteCandidates).toEqual([{ candidate: "candidate:doctor-1", sdpMid: "0", sdpMLineIndex: 0 }]);
    expect(patient.outbox[0]).toMatchObject({ kind: "answer", data: { type: "answer", session: "s1" } });

    // The callee's candidate crosses with its answer: the caller still waits for the answer, so it queues.
    patient.pc().gather("candidate:patient-1");
    const [answer, candidate] = patient.outbox.splice(0);
    await doctor.session.handleSignal(candidate!.kind, candidate!.payload);
    expect(doctor.pc().remoteCandidates).toEqual([]);
    await doctor.session.handleSignal(answer!.kind, answer!.payload);
    expect(doctor.pc().signalingState).toBe("stable");
    expect(doctor.pc().remoteCandidates).toEqual([{ candidate: "candidate:patient-1", sdpMid: "0", sdpMLineIndex: 0 }]);

    const track = new FakeTrack("video");
    const stream = new FakeStream([track]);
    patient.pc().receiveTrack(track, stream);
    expect(patient.remote).toEqual([stream]);

    doctor.pc().setIce("connected");
    expect(doctor.session.currentState).toBe("connected");
    expect(doctor.pcs.made).toHaveLength(1);
    expect(patient.pcs.made).toHaveLength(1);
  });

  it("restarts ICE (same session, iceRestart) after 3 s disconnected, and at once on failed", async () => {
    const { doctor, patient } = await connected();
    const pc = doctor.pc();

    pc.setIce("disconnected");
    expect(doctor.session.currentState).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(2900);
    expect(doctor.outbox).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(doctor.outbox).toHaveLength(1);
    expect(doctor.outbox[0]).toMatchObject({ kind: "offer", data: { session: "s1", restart: true } });
    expect(pc.offerOptions.at(-1)).toEqual({ iceRestart: true });

    // The callee renegotiates on its existing connection.
    await exchange(doctor, patient);
    expect(patient.pcs.made).toHaveLength(1);
    expect(doctor.pcs.made).toHaveLength(1);
    expect(pc.signalingState).toBe("stable");
    pc.setIce("connected");
    expect(doctor.session.currentState).toBe("connected");

    // A short blip that recovers within the grace period does not restart.
    pc.setIce("disconnected");
    await vi.advanceTimersByTimeAsync(1000);
    pc.setIce("connected");
    await vi.advanceTimersByTimeAsync(5000);
    expect(doctor.outbox).toHaveLength(0);

    pc.setIce("failed");
    await vi.advanceTimersByTimeAsync(0);
    expect(doctor.outbox.map((m) => [m.kind, m.data.restart])).toEqual([["offer", true]]);
  });

  it("the callee never restarts ICE by itself", async () => {
    const { patient } = await connected();
    patient.pc().setIce("failed");
    await vi.advanceTimersByTimeAsync(20_000);
    expect(patient.outbox).toHaveLength(0);
    expect(patient.session.currentState).toBe("reconnecting");
  });

  it("a callee that re-joined with a new page asks for a new session and gets a fresh offer", async () => {
    const { doctor } = await connected();
    const firstPc = doctor.pc();

    // The patient reloaded: a brand-new session object without any state.
    const reloaded = side("callee");
    await doctor.session.peerJoined();
    expect(doctor.outbox[0]).toMatchObject({ kind: "offer", data: { session: "s1", restart: true } });
    await deliver(doctor, reloaded);
    expect(reloaded.outbox[0]).toMatchObject({ kind: "answer", data: { session: "s1", newSession: true } });
    expect(reloaded.pcs.made).toHaveLength(0);

    await deliver(reloaded, doctor);
    expect(firstPc.closed).toBe(true);
    expect(doctor.pcs.made).toHaveLength(2);
    expect(doctor.outbox[0]).toMatchObject({ kind: "offer", data: { session: "s2", restart: false } });
    await exchange(doctor, reloaded);
    expect(reloaded.pc().remoteDescription?.type).toBe("offer");
    expect(doctor.pc().signalingState).toBe("stable");
  });

  it("a caller that re-joined starts a new session; the callee drops its old connection", async () => {
    const { patient } = await connected();
    const oldPc = patient.pc();
    const reloadedDoctor = side("caller", ["s9"]);
    await reloadedDoctor.session.peerJoined();
    await exchange(reloadedDoctor, patient);
    expect(oldPc.closed).toBe(true);
    expect(patient.pcs.made).toHaveLength(2);
    expect(patient.session.currentSession).toBe("s9");
    expect(reloadedDoctor.pc().signalingState).toBe("stable");
  });

  it("handles glare: the polite callee rolls back its own offer, the impolite caller ignores a crossing one", async () => {
    const { doctor, patient } = await connected();
    const patientPc = patient.pc() as FakePeerConnection;
    patientPc.signalingState = "have-local-offer";
    await doctor.session.restartIce();
    await deliver(doctor, patient);
    expect(patientPc.localCalls).toContain("rollback");
    expect(patient.outbox[0]).toMatchObject({ kind: "answer", data: { session: "s1" } });

    // An offer of another session reaching the caller is ignored.
    const doctorPc = doctor.pc();
    const before = doctorPc.remoteDescription;
    await doctor.session.handleSignal("offer", JSON.stringify({ type: "offer", sdp: "x", session: "other", restart: false }));
    expect(doctorPc.remoteDescription).toBe(before);
    expect(doctor.pcs.made).toHaveLength(1);
  });

  it("ignores answers and candidates of an older session", async () => {
    const { doctor } = await connected();
    const pc = doctor.pc();
    await doctor.session.handleSignal("answer", JSON.stringify({ type: "answer", sdp: "stale", session: "s0" }));
    await doctor.session.handleSignal("candidate", JSON.stringify({ session: "s0", candidate: { candidate: "old" } }));
    expect(pc.remoteDescription?.sdp).not.toBe("stale");
    expect(pc.remoteCandidates.map((c) => c.candidate)).not.toContain("old");
    await doctor.session.handleSignal("offer", "not json");
    expect(doctor.errors).toEqual([]);
  });

  it("bye closes the connection; the caller starts a new session when the peer comes back", async () => {
    const { doctor, patient } = await connected();
    await patient.session.bye();
    expect(patient.pc()?.closed ?? true).toBe(true);
    await deliver(patient, doctor);
    expect(doctor.pcs.made[0]!.closed).toBe(true);
    expect(doctor.session.currentState).toBe("idle");
    expect(doctor.session.peerConnection).toBeNull();

    await doctor.session.peerJoined();
    expect(doctor.outbox[0]).toMatchObject({ kind: "offer", data: { session: "s2", restart: false } });
  });

  it("swaps a track with replaceTrack when the device changes", async () => {
    const { doctor } = await connected();
    const camera = new FakeTrack("video", "cam-2");
    await doctor.session.replaceTrack("video", camera as unknown as MediaStreamTrack);
    const videoSender = doctor.pc().transceivers.find((t) => t.receiver.track.kind === "video")!.sender;
    expect(videoSender.track).toBe(camera);
    expect(doctor.pc().offerOptions).toHaveLength(1); // no renegotiation
  });

  it("without a camera the caller still receives video (recvonly transceiver)", async () => {
    const doctor = side("caller");
    doctor.session.setLocalStream(asStream(new FakeStream([new FakeTrack("audio")])));
    await doctor.session.peerJoined();
    expect(doctor.pc().transceivers.map((t) => [t.receiver.track.kind, t.direction])).toEqual([
      ["audio", "sendrecv"],
      ["video", "recvonly"],
    ]);
  });
});
