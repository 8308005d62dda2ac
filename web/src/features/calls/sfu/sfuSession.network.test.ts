import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { asStream, FakeStream, FakeTrack } from "../testFakes";
import { fakeJanusConnect, type FakeJanus } from "./fakeJanus";
import { SfuSession, STALLED_FEED, type SfuJoinInfo } from "./sfuSession";

const seat: SfuJoinInfo = { server: "ws://10.99.0.1:8188", token: "jt-1", room: 1234, feedId: 77, display: "Ksenia Orekhova" };
const fakeStream = (tracks: MediaStreamTrack[]) => asStream(new FakeStream(tracks as unknown as FakeTrack[]));

function start(overrides: Partial<ConstructorParameters<typeof SfuSession>[0]> = {}) {
  const janus = fakeJanusConnect();
  let clock = 0;
  const local = new FakeStream([new FakeTrack("audio"), new FakeTrack("video")]);
  const session = new SfuSession({
    ...seat,
    localStream: asStream(local),
    connect: janus.connect,
    createMediaStream: fakeStream,
    statsIntervalMs: 0,
    reconnectDelaysMs: [1_000, 2_000, 4_000],
    now: () => clock,
    ...overrides,
  });
  return { janus, session, tick: (ms: number) => (clock += ms) };
}

/** Janus says joined, with the doctor publishing. */
function joined(janus: FakeJanus, publishers = [{ id: 88, display: "Lena Schneider" }]) {
  janus.handles[0]!.message({ videoroom: "joined", id: 77, private_id: 1, publishers });
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe("SfuSession on a weak network", () => {
  let session: SfuSession | undefined;
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => {
    session?.dispose();
    vi.useRealTimers();
  });

  it("rates each feed from its subscriber's stats, asks Janus for a lower simulcast layer when poor, and shows audio only when video stalls", async () => {
    const t = start();
    session = t.session;
    await session.start();
    const janus = t.janus.last();
    joined(janus);
    const doctor = janus.subscriberOf(88)!;
    doctor.remoteTrack(new FakeTrack("video") as unknown as MediaStreamTrack, "1");
    let frames = 0;
    let video = 0;
    let lost = 0;
    let audio = 0;
    const sample = async (fps: number, lossPackets: number, height: number, audioFlows = true) => {
      t.tick(2_000);
      frames += fps * 2;
      video += 200;
      lost += lossPackets;
      if (audioFlows) audio += 100;
      doctor.stats = [
        { type: "inbound-rtp", kind: "video", framesDecoded: frames, frameHeight: height, packetsReceived: video, packetsLost: lost, jitter: 0.01 },
        { type: "inbound-rtp", kind: "audio", packetsReceived: audio, packetsLost: 0 },
      ];
      await session!.sampleQuality();
    };
    await sample(25, 0, 540);
    await sample(25, 0, 540);
    expect(session.getSnapshot().feedQuality[88]).toMatchObject({ quality: "good", fps: 25, frameHeight: 540, audioOnly: false });
    expect(session.getSnapshot().quality).toBe("good");
    expect(window.__telemedSfu!.qualityByFeed()).toEqual({ "Lena Schneider": expect.objectContaining({ quality: "good", frameHeight: 540 }) });

    await sample(20, 80, 360);
    await sample(20, 80, 360);
    expect(session.getSnapshot().quality).toBe("poor");
    expect(doctor.lastRequest()).toEqual({ request: "configure", streams: [{ mid: "1", substream: 1, temporal: 2 }] });
    await sample(20, 80, 360);
    await sample(20, 80, 360);
    expect(doctor.lastRequest()).toEqual({ request: "configure", streams: [{ mid: "1", substream: 0, temporal: 2 }] });

    // Frames stop, audio keeps coming: the tile shows audio only, then video again.
    await sample(0, 0, 180);
    await sample(0, 0, 180);
    await sample(0, 0, 180);
    expect(session.getSnapshot().feedQuality[88]!.audioOnly).toBe(true);
    await sample(15, 0, 180);
    expect(session.getSnapshot().feedQuality[88]!.audioOnly).toBe(false);
  });

  it("rejoins by itself after the Janus session is lost: re-fetches the seat, backs off while Janus is unreachable, and is joined again", async () => {
    const newSeat = { ...seat, token: "jt-2", server: "ws://10.99.0.1:8188" };
    const refreshSeat = vi.fn(async () => newSeat);
    let reachable = true;
    const fake = fakeJanusConnect();
    const t = start({
      refreshSeat,
      connect: async (o) => {
        if (!reachable) throw new Error("Error connecting to the Janus WebSockets server");
        return fake.connect(o);
      },
    });
    session = t.session;
    await session.start();
    const first = fake.last();
    joined(first);
    expect(session.getSnapshot().state).toBe("joined");

    reachable = false;
    first.options.onLost!("Lost connection to the server (is it down?)");
    expect(session.getSnapshot()).toMatchObject({ state: "reconnecting", remotes: [], reconnectAttempt: 1 });
    expect(first.destroyed).toBe(true);
    expect(first.subscriberOf(88)!.detached).toBe(true);
    // The old session's late callbacks change nothing.
    first.options.onLost!("again");
    expect(session.getSnapshot().reconnectAttempt).toBe(1);

    t.tick(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(refreshSeat).toHaveBeenCalledTimes(1);
    expect(session.getSnapshot()).toMatchObject({ state: "reconnecting", reconnectAttempt: 2 });
    expect(fake.made).toHaveLength(1);

    reachable = true;
    t.tick(2_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(refreshSeat).toHaveBeenCalledTimes(2);
    const second = fake.last();
    expect(second).not.toBe(first);
    expect(second.options.token).toBe("jt-2");
    expect(second.handles[0]!.lastRequest()).toEqual({ request: "join", ptype: "publisher", room: 1234, id: 77, display: "Ksenia Orekhova", token: "jt-2" });
    // Our old publisher is still in the room for a moment: Janus refuses the id, and the session tries again.
    second.handles[0]!.message({ videoroom: "event", error_code: 436, error: "User ID 77 already exists" });
    expect(session.getSnapshot()).toMatchObject({ state: "reconnecting", reconnectAttempt: 3 });
    t.tick(4_000);
    await vi.advanceTimersByTimeAsync(4_000);
    const third = fake.last();
    expect(third).not.toBe(second);
    joined(third);
    expect(session.getSnapshot()).toMatchObject({ state: "joined", reconnectAttempt: 0, error: null });
    expect(third.handles[0]!.offers).toHaveLength(1); // publishing again
    expect(third.subscriberOf(88)!.lastRequest()).toMatchObject({ ptype: "subscriber", token: "jt-2" });
    expect(session.getSnapshot().remotes.map((r) => r.display)).toEqual(["Lena Schneider"]);
    expect(window.__telemedSfu!.reconnects).toBe(1);
    expect(window.__telemedSfu!.lastReconnectMs).toBe(7_000);
  });

  it("treats ICE failed and a Janus hangup as lost, and long ICE disconnection too; a short one recovers by itself", async () => {
    const t = start({ iceDisconnectedGraceMs: 5_000 });
    session = t.session;
    await session.start();
    let janus = t.janus.last();
    joined(janus);

    janus.handles[0]!.callbacks.iceState!("disconnected");
    await vi.advanceTimersByTimeAsync(3_000);
    janus.handles[0]!.callbacks.iceState!("connected");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(session.getSnapshot().state).toBe("joined");

    janus.handles[0]!.callbacks.iceState!("disconnected");
    await vi.advanceTimersByTimeAsync(5_000);
    expect(session.getSnapshot().state).toBe("reconnecting");
    await vi.advanceTimersByTimeAsync(1_000);
    janus = t.janus.last();
    joined(janus);
    expect(session.getSnapshot().state).toBe("joined");

    janus.handles[0]!.callbacks.iceState!("failed");
    expect(session.getSnapshot()).toMatchObject({ state: "reconnecting", error: "ICE failed" });
    await vi.advanceTimersByTimeAsync(1_000);
    janus = t.janus.last();
    joined(janus);

    janus.handles[0]!.callbacks.webrtcState!(false, "DTLS alert");
    expect(session.getSnapshot()).toMatchObject({ state: "reconnecting", error: "hangup: DTLS alert" });
    expect(t.janus.made).toHaveLength(3);
  });

  it("does not reconnect when kicked, when the room is destroyed, or when the host has no seat any more (a removed guest)", async () => {
    const kicked = start();
    session = kicked.session;
    await session.start();
    joined(kicked.janus.last());
    const handle = kicked.janus.last().handles[0]!;
    handle.message({ videoroom: "event", leaving: "ok", reason: "kicked" });
    handle.callbacks.webrtcState!(false, "kicked"); // Janus hangs up right after
    kicked.janus.last().options.onLost!("closed");
    await vi.advanceTimersByTimeAsync(30_000);
    expect(session.getSnapshot().state).toBe("kicked");
    expect(kicked.janus.made).toHaveLength(1);
    session.dispose();

    const destroyed = start();
    session = destroyed.session;
    await session.start();
    joined(destroyed.janus.last());
    destroyed.janus.last().handles[0]!.message({ videoroom: "destroyed", room: 1234 });
    destroyed.janus.last().options.onLost!("closed");
    await vi.advanceTimersByTimeAsync(30_000);
    expect(session.getSnapshot()).toMatchObject({ state: "failed", error: "room destroyed" });
    expect(destroyed.janus.made).toHaveLength(1);
    session.dispose();

    const removed = start({ refreshSeat: async () => null });
    session = removed.session;
    await session.start();
    joined(removed.janus.last());
    removed.janus.last().options.onLost!("closed");
    await vi.advanceTimersByTimeAsync(1_000);
    await flush();
    expect(session.getSnapshot()).toMatchObject({ state: "kicked", error: "no seat" });
    await vi.advanceTimersByTimeAsync(30_000);
    expect(removed.janus.made).toHaveLength(1);
  });

  it("publishes a shared screen again under the seat's screen feed id after a rejoin while its track is live", async () => {
    const screenTrack = new FakeTrack("video");
    const t = start({
      screenFeedId: 4242,
      refreshSeat: async () => ({ ...seat, token: "jt-2", screenFeedId: 4343 }),
      getDisplayMedia: async () => asStream(new FakeStream([screenTrack])),
    });
    session = t.session;
    await session.start();
    const first = t.janus.last();
    joined(first);
    await session.startScreenShare();
    const screen = first.handles.find((h) => h.sent.some((s) => s.message.display === "Ksenia Orekhova (screen)"))!;
    screen.message({ videoroom: "joined", id: 4242, publishers: [] });
    expect(screen.offers).toHaveLength(1);

    first.options.onLost!("Lost connection to the server (is it down?)");
    expect(screen.detached).toBe(true);
    expect(screenTrack.stopped).toBe(false); // kept for the rejoin
    expect(session.getSnapshot()).toMatchObject({ state: "reconnecting" });
    expect(session.getSnapshot().screenStream).not.toBeNull();

    t.tick(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    const second = t.janus.last();
    expect(second).not.toBe(first);
    joined(second, []);
    const again = second.handles.find((h) => h.sent.some((s) => s.message.display === "Ksenia Orekhova (screen)"))!;
    expect(again).toBeDefined();
    expect(again.lastRequest()).toEqual({ request: "join", ptype: "publisher", room: 1234, id: 4343, display: "Ksenia Orekhova (screen)", token: "jt-2" });
    again.message({ videoroom: "joined", id: 4343, publishers: [] });
    expect(again.offers[0]).toEqual([{ type: "video", capture: screenTrack, recv: false }]);
    expect(again.lastRequest()).toEqual({ request: "publish", audio: false, video: true });
    expect(session.getSnapshot().screenStream).not.toBeNull();
    expect(session.screenSharing).toBe(true);
    // Our own screen feed in the new session is not subscribed to.
    second.handles[0]!.message({ videoroom: "event", publishers: [{ id: 4343, display: "Ksenia Orekhova (screen)" }] });
    expect(session.getSnapshot().remotes).toEqual([]);
  });

  it("clears the sharing state after a rejoin when the screen track ended during the cut", async () => {
    const screenTrack = new FakeTrack("video");
    const t = start({ screenFeedId: 4242, getDisplayMedia: async () => asStream(new FakeStream([screenTrack])) });
    session = t.session;
    await session.start();
    const first = t.janus.last();
    joined(first);
    await session.startScreenShare();
    first.handles.at(-1)!.message({ videoroom: "joined", id: 4242, publishers: [] });
    first.options.onLost!("closed");
    // The track ends without its "ended" event reaching us (the tab was asleep): found at the rejoin.
    screenTrack.readyState = "ended";
    t.tick(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    const second = t.janus.last();
    joined(second, []);
    expect(second.handles).toHaveLength(1); // no screen publisher
    expect(session.getSnapshot()).toMatchObject({ state: "joined", screenStream: null });
    expect(session.screenSharing).toBe(false);

    // And a track the browser ends while reconnecting clears it at once.
    const other = new FakeTrack("video");
    const u = start({ getDisplayMedia: async () => asStream(new FakeStream([other])) });
    session.dispose();
    session = u.session;
    await session.start();
    joined(u.janus.last());
    await session.startScreenShare();
    u.janus.last().options.onLost!("closed");
    other.end();
    expect(session.getSnapshot().screenStream).toBeNull();
    t.tick(1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    joined(u.janus.last(), []);
    expect(u.janus.last().handles).toHaveLength(1);
  });

  it("stops sharing when the host kicks the screen publisher (permission revoked)", async () => {
    const screenTrack = new FakeTrack("video");
    const t = start({ screenFeedId: 4242, getDisplayMedia: async () => asStream(new FakeStream([screenTrack])) });
    session = t.session;
    await session.start();
    const janus = t.janus.last();
    joined(janus);
    await session.startScreenShare();
    const screen = janus.handles.at(-1)!;
    screen.message({ videoroom: "joined", id: 4242, publishers: [] });
    screen.message({ videoroom: "event", room: 1234, leaving: "ok", reason: "kicked" });
    expect(screenTrack.stopped).toBe(true);
    expect(screen.detached).toBe(true);
    expect(session.getSnapshot().screenStream).toBeNull();
    expect(session.getSnapshot().state).toBe("joined"); // the camera stays
  });

  it("a first connection that never got in fails (the page offers try again) instead of looping", async () => {
    const t = start({ connect: async () => Promise.reject(new Error("WebSocket closed")) });
    session = t.session;
    await session.start();
    await vi.advanceTimersByTimeAsync(30_000);
    expect(session.getSnapshot()).toMatchObject({ state: "failed", error: "WebSocket closed", reconnectAttempt: 0 });
  });
  it("subscribes again to a feed whose video arrived but never decoded a frame, a bounded number of times, and leaves a decoding feed alone", async () => {
    const t = start();
    session = t.session;
    await session.start();
    const janus = t.janus.last();
    joined(janus, [
      { id: 88, display: "Lena Schneider" },
      { id: 89, display: "Sophie Turner" },
    ]);
    const subscriptions = (feed: number) =>
      janus.handles.filter((h) => h.sent.some((s) => s.message.ptype === "subscriber" && (s.message.streams as { feed: number }[])[0]?.feed === feed));
    const decoding = janus.subscriberOf(88)!;
    decoding.remoteTrack(new FakeTrack("video") as unknown as MediaStreamTrack, "1");
    janus.subscriberOf(89)!.remoteTrack(new FakeTrack("video") as unknown as MediaStreamTrack, "1");
    let frames = 0;
    const sample = async () => {
      t.tick(2_000);
      frames += 50;
      decoding.stats = [{ type: "inbound-rtp", kind: "video", framesDecoded: frames, packetsReceived: frames * 4, packetsLost: 0 }];
      const stalled = subscriptions(89).at(-1)!;
      stalled.stats = [{ type: "inbound-rtp", kind: "video", framesDecoded: 0, packetsReceived: 10, packetsLost: 0 }];
      await session!.sampleQuality();
    };

    for (let i = 0; i < 3; i++) await sample();
    expect(subscriptions(89)).toHaveLength(1);
    await sample();
    // 8 s without a frame: the old subscription is dropped and a new one joins for the same feed.
    expect(subscriptions(89)).toHaveLength(2);
    expect(subscriptions(89)[0]!.detached).toBe(true);
    expect(session.getSnapshot().remotes.filter((r) => r.display === "Sophie Turner")).toHaveLength(1);

    // Each new subscription gets its own 8 s once its video arrives; after three tries the feed is left as it is.
    for (let attempt = 0; attempt < 6; attempt++) {
      subscriptions(89).at(-1)!.remoteTrack(new FakeTrack("video") as unknown as MediaStreamTrack, "1");
      for (let i = 0; i < 5; i++) await sample();
    }
    expect(subscriptions(89)).toHaveLength(1 + STALLED_FEED.maxResubscribes);
    expect(subscriptions(88)).toHaveLength(1);
    expect(decoding.detached).toBe(false);
  });
});
