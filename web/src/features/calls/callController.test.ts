import { describe, expect, it, vi } from "vitest";
import { CallController, type CallDeps } from "./callController";
import type { CallInfo, ConsultationView } from "./callsApi";
import { FakeHub } from "../../test/fakeHub";
import type { PeerConnectionLike } from "./peerSession";
import { asStream, FakePeerConnection, FakeStream, FakeTrack } from "./testFakes";

const callerInfo: CallInfo = { callToken: "tok-1", expiresAt: "2026-12-03T12:00:00Z", role: "caller", iceServers: [], iceTransportPolicy: "all" };

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("CallController start", () => {
  function setUp(info: CallInfo = callerInfo) {
    const camera = deferred<MediaStream>();
    const hub = new FakeHub();
    hub.answers.JoinCall = () => ({ role: info.role, peerPresent: true });
    const pcs: FakePeerConnection[] = [];
    const deps: CallDeps = {
      consultationId: "k1",
      loadCall: vi.fn(() => Promise.resolve(info)),
      loadConsultation: () => Promise.resolve({ id: "k1", status: "inProgress" } as ConsultationView),
      endConsultation: () => Promise.resolve({ id: "k1", status: "completed" } as ConsultationView),
      createConnection: vi.fn(() => hub),
      getUserMedia: vi.fn(() => camera.promise),
      listDevices: () => Promise.resolve({ cameras: [], microphones: [] }),
      createPeerConnection: (config) => {
        const pc = new FakePeerConnection(config);
        pcs.push(pc);
        return pc as unknown as PeerConnectionLike;
      },
      createMediaStream: (tracks) => asStream(new FakeStream(tracks as unknown as FakeTrack[])),
      exposeForTests: false,
      statsIntervalMs: 60_000,
    };
    const offers = () => hub.calls("SendSignal").filter(([, , kind]) => kind === "offer");
    const answer = () =>
      hub.emit("signal", { kind: "answer", payload: JSON.stringify({ type: "answer", sdp: "answer-sdp", session: JSON.parse(offers().at(-1)![3] as string).session }) });
    return { camera, hub, deps, pcs, offers, answer, controller: new CallController(deps) };
  }

  it("the caller asks for the camera, the hub and GET /call at once, and connects while the camera starts", async () => {
    const { camera, hub, deps, pcs, offers, answer, controller } = setUp();
    const started = controller.start();
    await settle();

    expect(deps.getUserMedia).toHaveBeenCalledTimes(1);
    expect(hub.started).toBe(1);
    // Joined with the token read ahead, and offered send-and-receive audio and video with no tracks yet.
    expect(hub.calls("JoinCall")).toEqual([["JoinCall", "k1", "tok-1"]]);
    await vi.waitFor(() => expect(offers()).toHaveLength(1));
    const pc = pcs[0]!;
    expect(pc.getTransceivers().map((t) => [t.receiver.track.kind, t.direction, t.sender.track])).toEqual([
      ["audio", "sendrecv", null],
      ["video", "sendrecv", null],
    ]);
    answer();

    const video = new FakeTrack("video");
    const audio = new FakeTrack("audio");
    camera.resolve(asStream(new FakeStream([video, audio])));
    await started;

    // The tracks go into the transceivers: no second offer.
    await vi.waitFor(() => expect(pc.getSenders().map((s) => s.track)).toEqual([audio, video]));
    await settle();
    expect(offers()).toHaveLength(1);
    expect(controller.getSnapshot().localStream?.getTracks()).toEqual([video, audio]);
    controller.dispose();
  });

  it("the caller without a camera turns video receive-only with a new offer of the same session, once the first is answered", async () => {
    const { camera, pcs, offers, answer, controller } = setUp();
    void controller.start();
    await vi.waitFor(() => expect(offers()).toHaveLength(1));

    const audio = new FakeTrack("audio");
    const refused = Object.assign(new Error("no camera"), { name: "NotFoundError" });
    const deps = (controller as unknown as { deps: CallDeps }).deps;
    (deps.getUserMedia as ReturnType<typeof vi.fn>).mockImplementation((c: MediaStreamConstraints) =>
      c.video ? Promise.reject(refused) : Promise.resolve(asStream(new FakeStream([audio]))),
    );
    camera.reject(refused);
    await settle();
    await settle();
    expect(offers()).toHaveLength(1); // the first offer is still out

    answer();
    await vi.waitFor(() => expect(offers()).toHaveLength(2));
    const [first, second] = offers().map(([, , , payload]) => JSON.parse(payload as string) as { session: string; restart: boolean });
    expect(second!.session).toBe(first!.session);
    expect(second!.restart).toBe(false);
    expect(pcs[0]!.getTransceivers().map((t) => [t.receiver.track.kind, t.direction, t.sender.track])).toEqual([
      ["audio", "sendrecv", audio],
      ["video", "recvonly", null],
    ]);
    controller.dispose();
  });

  it("the callee joins only once the camera answered, so its answer carries the tracks", async () => {
    const { camera, hub, deps, controller } = setUp({ ...callerInfo, role: "callee" });
    const started = controller.start();
    await settle();
    expect(deps.loadCall).toHaveBeenCalledTimes(1);
    expect(hub.started).toBe(1);
    expect(hub.calls("JoinCall")).toHaveLength(0);

    camera.resolve(asStream(new FakeStream([new FakeTrack("video"), new FakeTrack("audio")])));
    await started;
    expect(hub.calls("JoinCall")).toEqual([["JoinCall", "k1", "tok-1"]]);
    controller.dispose();
  });

  it("takes the recording state read after joining: a request to record made between the early GET /call and JoinCall is not lost", async () => {
    const { camera, deps, controller } = setUp({ ...callerInfo, role: "callee" });
    const state = (status: "none" | "requested") => ({
      offered: true,
      recordingId: null,
      status,
      consentVersion: "v1",
      requestedAt: null,
      consentedAt: null,
    });
    (deps.loadCall as ReturnType<typeof vi.fn>)
      .mockImplementationOnce(() => Promise.resolve({ ...callerInfo, role: "callee", recording: state("none") }))
      .mockImplementation(() => Promise.resolve({ ...callerInfo, role: "callee", recording: state("requested") }));
    camera.resolve(asStream(new FakeStream([new FakeTrack("video"), new FakeTrack("audio")])));
    await controller.start();

    await vi.waitFor(() => expect(controller.getSnapshot().recording?.status).toBe("requested"));
    controller.dispose();
  });

  it("stops a camera that answers after the call ended: it does not stay on behind the ended call", async () => {
    const { camera, controller } = setUp();
    const started = controller.start();
    await settle();
    await controller.end();
    expect(controller.getSnapshot().phase).toBe("ended");

    const video = new FakeTrack("video");
    const audio = new FakeTrack("audio");
    camera.resolve(asStream(new FakeStream([video, audio])));
    await started;
    await settle();

    expect([video.stopped, audio.stopped]).toEqual([true, true]);
    expect(controller.getSnapshot().localStream).toBeNull();
    controller.dispose();
  });

  it("reads the call again when the early GET /call failed", async () => {
    const { camera, hub, deps, controller } = setUp();
    (deps.loadCall as ReturnType<typeof vi.fn>)
      .mockImplementationOnce(() => Promise.reject(new Error("network")))
      .mockImplementationOnce(() => Promise.resolve({ ...callerInfo, callToken: "tok-2" }));
    camera.resolve(asStream(new FakeStream([new FakeTrack("video")])));
    await controller.start();

    expect(hub.calls("JoinCall")).toEqual([["JoinCall", "k1", "tok-2"]]);
    controller.dispose();
  });
});
