/** A scriptable janus.js for tests: records attached handles and what they sent; the test plays Janus's answers. */
import type { JanusAttachCallbacks, JanusHandleLike, JanusJsep, JanusLike, JanusMessage, JanusSessionOptions, JanusTrackOption } from "./sfuTypes";

let handleCounter = 0;

export class FakeJanusHandle implements JanusHandleLike {
  readonly id = ++handleCounter;
  sent: { message: Record<string, unknown>; jsep?: JanusJsep }[] = [];
  offers: JanusTrackOption[][] = [];
  answers: JanusTrackOption[][] = [];
  remoteJseps: JanusJsep[] = [];
  replaced: JanusTrackOption[][] = [];
  detached = false;
  hungUp = false;
  stats: Record<string, unknown>[] = [];
  webrtcStuff = { pc: { getStats: async () => new Map(this.stats.map((s, i) => [String(i), s])) as unknown as RTCStatsReport } };
  constructor(readonly callbacks: JanusAttachCallbacks) {}
  getId() {
    return this.id;
  }
  send(params: { message: Record<string, unknown>; jsep?: JanusJsep }) {
    this.sent.push({ message: params.message, jsep: params.jsep });
  }
  createOffer(params: { tracks: JanusTrackOption[]; success: (jsep: JanusJsep) => void }) {
    this.offers.push(params.tracks);
    params.success({ type: "offer", sdp: `offer-${this.id}` });
  }
  createAnswer(params: { jsep: JanusJsep; tracks: JanusTrackOption[]; success: (jsep: JanusJsep) => void }) {
    this.answers.push(params.tracks);
    params.success({ type: "answer", sdp: `answer-${this.id}` });
  }
  handleRemoteJsep(params: { jsep: JanusJsep }) {
    this.remoteJseps.push(params.jsep);
  }
  replaceTracks(params: { tracks: JanusTrackOption[] }) {
    this.replaced.push(params.tracks);
  }
  hangup() {
    this.hungUp = true;
  }
  detach() {
    this.detached = true;
  }
  // ----- test controls -----
  message(message: JanusMessage, jsep?: JanusJsep) {
    this.callbacks.onmessage?.(message, jsep);
  }
  remoteTrack(track: MediaStreamTrack, mid: string, on = true) {
    this.callbacks.onremotetrack?.(track, mid, on);
  }
  lastRequest() {
    return this.sent.at(-1)?.message;
  }
}

export class FakeJanus implements JanusLike {
  handles: FakeJanusHandle[] = [];
  destroyed = false;
  constructor(readonly options: JanusSessionOptions) {}
  attach(callbacks: JanusAttachCallbacks) {
    const handle = new FakeJanusHandle(callbacks);
    this.handles.push(handle);
    callbacks.success(handle);
  }
  destroy() {
    this.destroyed = true;
  }
  /** The subscriber handle that joined for this feed. */
  subscriberOf(feedId: number) {
    return this.handles.find((h) => h.sent.some((s) => s.message.ptype === "subscriber" && (s.message.streams as { feed: number }[])[0]?.feed === feedId));
  }
}

/** A connect function for SfuSession that remembers the sessions it opened. */
export function fakeJanusConnect() {
  const made: FakeJanus[] = [];
  const connect = async (options: JanusSessionOptions) => {
    const janus = new FakeJanus(options);
    made.push(janus);
    return janus;
  };
  return { made, connect, last: () => made.at(-1)! };
}
