import { describe, expect, it, vi } from "vitest";
import { CallController, type CallDeps } from "./callController";
import type { CallInfo, ConsultationView } from "./callsApi";
import { FakeHub } from "../../test/fakeHub";
import { asStream, FakePeerConnection, FakeStream, FakeTrack } from "./testFakes";

const callInfo: CallInfo = { callToken: "tok-1", expiresAt: "2026-12-03T12:00:00Z", role: "caller", iceServers: [], iceTransportPolicy: "all" };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("CallController start", () => {
  function setUp() {
    const camera = deferred<MediaStream>();
    const hub = new FakeHub();
    hub.answers.JoinCall = () => ({ role: "caller", peerPresent: true });
    const deps: CallDeps = {
      consultationId: "k1",
      loadCall: vi.fn(() => Promise.resolve(callInfo)),
      loadConsultation: () => Promise.resolve({ id: "k1", status: "inProgress" } as ConsultationView),
      endConsultation: () => Promise.resolve({ id: "k1", status: "completed" } as ConsultationView),
      createConnection: vi.fn(() => hub),
      getUserMedia: vi.fn(() => camera.promise),
      listDevices: () => Promise.resolve({ cameras: [], microphones: [] }),
      createPeerConnection: (config) => new FakePeerConnection(config),
      exposeForTests: false,
      statsIntervalMs: 60_000,
    };
    return { camera, hub, deps, controller: new CallController(deps) };
  }

  it("asks for the camera, the hub connection and GET /call at once, and joins only once the camera answered", async () => {
    const { camera, hub, deps, controller } = setUp();
    const started = controller.start();
    await settle();

    // The camera has not answered yet: signaling and the call's details are already under way.
    expect(deps.getUserMedia).toHaveBeenCalledTimes(1);
    expect(deps.createConnection).toHaveBeenCalledTimes(1);
    expect(hub.started).toBe(1);
    expect(deps.loadCall).toHaveBeenCalledTimes(1);
    expect(hub.calls("JoinCall")).toHaveLength(0);

    const stream = new FakeStream([new FakeTrack("video"), new FakeTrack("audio")]);
    camera.resolve(asStream(stream));
    await started;

    // Joined with the call token read ahead (no second GET /call before JoinCall), and the offer carries the camera.
    expect(hub.calls("JoinCall")).toEqual([["JoinCall", "k1", "tok-1"]]);
    expect(controller.getSnapshot().localStream).toBe(stream);
    await vi.waitFor(() => expect(hub.calls("SendSignal").map(([, , kind]) => kind)).toContain("offer"));
    const pc = controller.peerConnection as unknown as FakePeerConnection;
    expect(pc.getSenders().map((s) => s.track?.kind).sort()).toEqual(["audio", "video"]);
    controller.dispose();
  });

  it("reads the call again when the early GET /call failed", async () => {
    const { camera, hub, deps, controller } = setUp();
    (deps.loadCall as ReturnType<typeof vi.fn>)
      .mockImplementationOnce(() => Promise.reject(new Error("network")))
      .mockImplementationOnce(() => Promise.resolve({ ...callInfo, callToken: "tok-2" }));
    camera.resolve(asStream(new FakeStream([new FakeTrack("video")])));
    await controller.start();

    expect(hub.calls("JoinCall")).toEqual([["JoinCall", "k1", "tok-2"]]);
    controller.dispose();
  });
});
