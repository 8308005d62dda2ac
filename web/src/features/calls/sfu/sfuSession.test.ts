import { afterEach, describe, expect, it } from "vitest";
import { asStream, FakeStream, FakeTrack } from "../testFakes";
import { fakeJanusConnect } from "./fakeJanus";
import { SfuSession } from "./sfuSession";

const join = { server: "ws://10.99.0.1:8188", token: "jt-1", room: 1234, feedId: 77, display: "Dr Anna Novak" };
const fakeStream = (tracks: MediaStreamTrack[]) => asStream(new FakeStream(tracks as unknown as FakeTrack[]));
const track = (kind: "audio" | "video") => new FakeTrack(kind) as unknown as MediaStreamTrack;

function start(overrides: Partial<ConstructorParameters<typeof SfuSession>[0]> = {}) {
  const janus = fakeJanusConnect();
  const local = new FakeStream([new FakeTrack("audio"), new FakeTrack("video")]);
  const session = new SfuSession({ ...join, localStream: asStream(local), connect: janus.connect, createMediaStream: fakeStream, ...overrides });
  return { janus, session, local };
}

describe("SfuSession", () => {
  let session: SfuSession | undefined;
  afterEach(() => session?.dispose());

  it("joins as a publisher with the token, publishes with simulcast and a bitrate cap, subscribes to the others and drops those who leave", async () => {
    const t = start();
    session = t.session;
    await session.start();
    const janus = t.janus.last();
    expect(janus.options).toMatchObject({ server: join.server, token: "jt-1" });
    const publisher = janus.handles[0]!;
    expect(publisher.callbacks.plugin).toBe("janus.plugin.videoroom");
    expect(publisher.lastRequest()).toEqual({ request: "join", ptype: "publisher", room: 1234, id: 77, display: "Dr Anna Novak", token: "jt-1" });
    expect(session.getSnapshot().state).toBe("connecting");

    publisher.message({
      videoroom: "joined",
      id: 77,
      private_id: 555,
      publishers: [
        { id: 88, display: "Olga Smirnova" },
        { id: 99, display: "Maria Interpreter" },
      ],
    });
    expect(session.getSnapshot().state).toBe("joined");
    // Publishing: our own tracks (not stopped by janus.js), video simulcast, capped.
    expect(publisher.offers).toHaveLength(1);
    const [audio, video] = publisher.offers[0]!;
    expect(audio).toMatchObject({ type: "audio", capture: t.local.getAudioTracks()[0], recv: false, dontStop: true });
    expect(video).toMatchObject({ type: "video", capture: t.local.getVideoTracks()[0], simulcast: true, dontStop: true });
    expect(video!.simulcastMaxBitrates!.high).toBe(512_000);
    expect(publisher.lastRequest()).toEqual({ request: "publish", audio: true, video: true, bitrate: 512_000 });
    publisher.message({ videoroom: "event", configured: "ok" }, { type: "answer", sdp: "janus-answer" });
    expect(publisher.remoteJseps).toEqual([{ type: "answer", sdp: "janus-answer" }]);

    // One subscriber per feed, with the publisher's private id and the token.
    const olga = janus.subscriberOf(88)!;
    expect(olga.lastRequest()).toEqual({ request: "join", ptype: "subscriber", room: 1234, streams: [{ feed: 88 }], private_id: 555, token: "jt-1" });
    expect(janus.subscriberOf(99)).toBeDefined();
    olga.message({ videoroom: "attached", id: 88 }, { type: "offer", sdp: "janus-offer" });
    expect(olga.lastRequest()).toEqual({ request: "start", room: 1234 });
    expect(olga.sent.at(-1)!.jsep).toEqual({ type: "answer", sdp: `answer-${olga.id}` });
    const olgaVideo = track("video");
    olga.remoteTrack(olgaVideo, "0");
    const remotes = session.getSnapshot().remotes;
    expect(remotes.map((r) => [r.feedId, r.display, r.isScreen])).toEqual([
      [88, "Olga Smirnova", false],
      [99, "Maria Interpreter", false],
    ]);
    expect(remotes[0]!.stream.getTracks()).toEqual([olgaVideo]);

    // A late publisher (a screen share) is subscribed; our own feeds never are.
    publisher.message({ videoroom: "event", publishers: [{ id: 101, display: "Olga Smirnova (screen)" }, { id: 77, display: "Dr Anna Novak" }] });
    expect(session.getSnapshot().remotes.find((r) => r.feedId === 101)?.isScreen).toBe(true);
    expect(janus.subscriberOf(77)).toBeUndefined();

    // The test hook reads each subscriber's decoded frames.
    olga.stats = [{ type: "inbound-rtp", kind: "video", framesDecoded: 40 }, { type: "inbound-rtp", kind: "audio" }];
    expect(await window.__telemedSfu!.framesDecodedByFeed()).toEqual({ "Olga Smirnova": 40, "Maria Interpreter": 0, "Olga Smirnova (screen)": 0 });
    expect(window.__telemedSfu!.room).toBe(1234);

    // Leaving and unpublishing drop the tile and the subscriber handle.
    publisher.message({ videoroom: "event", leaving: 99 });
    publisher.message({ videoroom: "event", unpublished: 101 });
    expect(session.getSnapshot().remotes.map((r) => r.display)).toEqual(["Olga Smirnova"]);
    expect(janus.subscriberOf(99)!.detached).toBe(true);

    // The doctor removed a participant: Janus tells the others "kicked", and their tile goes too.
    publisher.message({ videoroom: "event", kicked: 88 });
    expect(session.getSnapshot().remotes).toEqual([]);
    expect(olga.detached).toBe(true);

    session.dispose();
    expect(janus.destroyed).toBe(true);
    expect(olga.detached).toBe(true);
    expect(t.local.getTracks().every((tr) => !tr.stopped)).toBe(true); // the camera belongs to the page
    expect(window.__telemedSfu).toBeUndefined();
  });

  it("reports being kicked, a refused join, and a server it cannot reach", async () => {
    const kicked = start();
    session = kicked.session;
    await session.start();
    const publisher = kicked.janus.last().handles[0]!;
    publisher.message({ videoroom: "joined", id: 77, publishers: [] });
    publisher.message({ videoroom: "event", leaving: "ok", reason: "kicked" });
    expect(session.getSnapshot().state).toBe("kicked");
    session.dispose();

    const refused = start();
    session = refused.session;
    await session.start();
    refused.janus.last().handles[0]!.message({ videoroom: "event", error_code: 433, error: "Unauthorized (not in the allowed list)" });
    expect(session.getSnapshot()).toMatchObject({ state: "failed", error: "Unauthorized (not in the allowed list)" });
    session.dispose();

    const closed = start();
    session = closed.session;
    await session.start();
    closed.janus.last().handles[0]!.message({ videoroom: "destroyed", room: 1234 });
    expect(session.getSnapshot()).toMatchObject({ state: "failed", error: "room destroyed" });
    session.dispose();

    session = new SfuSession({ ...join, localStream: null, connect: async () => Promise.reject(new Error("WebSocket closed")) });
    await session.start();
    expect(session.getSnapshot()).toMatchObject({ state: "failed", error: "WebSocket closed" });
  });

  it("shares the screen on a second publisher handle and stops it", async () => {
    const screenTrack = new FakeTrack("video");
    const t = start({ screenFeedId: 4242, getDisplayMedia: async () => asStream(new FakeStream([screenTrack])) });
    session = t.session;
    await session.start();
    const janus = t.janus.last();
    janus.handles[0]!.message({ videoroom: "joined", id: 77, publishers: [] });

    await session.startScreenShare();
    const screen = janus.handles[1]!;
    expect(screen.lastRequest()).toEqual({ request: "join", ptype: "publisher", room: 1234, id: 4242, display: "Dr Anna Novak (screen)", token: "jt-1" });
    screen.message({ videoroom: "joined", id: 4242, publishers: [] });
    expect(screen.offers[0]).toEqual([{ type: "video", capture: screenTrack, recv: false }]);
    expect(screen.lastRequest()).toEqual({ request: "publish", audio: false, video: true });
    expect(session.getSnapshot().screenStream).not.toBeNull();
    // Our own screen feed is not subscribed to.
    janus.handles[0]!.message({ videoroom: "event", publishers: [{ id: 4242, display: "Dr Anna Novak (screen)" }] });
    expect(session.getSnapshot().remotes).toEqual([]);

    session.stopScreenShare();
    expect(screen.detached).toBe(true);
    expect(screenTrack.stopped).toBe(true);
    expect(session.getSnapshot().screenStream).toBeNull();
  });

  it("swaps a new camera into the publisher", async () => {
    const t = start();
    session = t.session;
    await session.start();
    const fresh = track("video");
    session.replaceTrack("video", fresh);
    expect(t.janus.last().handles[0]!.replaced).toEqual([[{ type: "video", capture: fresh, replace: true, dontStop: true }]]);
  });
});
