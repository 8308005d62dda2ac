import type { JanusHandleLike, JanusJsep, JanusLike, JanusMessage, JanusSessionOptions, JanusTrackOption } from "./sfuTypes";

/**
 * One participant of a group call in a Janus video room (janus.plugin.videoroom): joins as a publisher
 * with the feed id and token the host handed out, publishes the local camera and microphone (simulcast,
 * capped bitrate), subscribes to every other publisher (one subscriber handle per feed) and drops a feed
 * when it unpublishes or leaves. A second publisher handle shares the screen.
 * Plain TS with an external-store surface (subscribe/getSnapshot) for React, like CallController.
 */

export type SfuState = "connecting" | "joined" | "kicked" | "failed";

export interface SfuRemote {
  feedId: number;
  display: string;
  stream: MediaStream;
  isScreen: boolean;
}

export interface SfuSnapshot {
  state: SfuState;
  remotes: SfuRemote[];
  error: string | null;
  /** This participant's own screen share, while on. */
  screenStream: MediaStream | null;
}

export interface SfuJoinInfo {
  server: string;
  token: string;
  room: number;
  feedId: number;
  /** The id the screen share publishes under; Janus picks one when absent. */
  screenFeedId?: number | null;
  display: string;
}

export interface SfuSessionOptions extends SfuJoinInfo {
  localStream: MediaStream | null;
  iceServers?: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** Opens the Janus session; janus.js (janusClient.ts) by default. */
  connect?: (options: JanusSessionOptions) => Promise<JanusLike>;
  createMediaStream?: (tracks: MediaStreamTrack[]) => MediaStream;
  getDisplayMedia?: (constraints: DisplayMediaStreamOptions) => Promise<MediaStream>;
  /** Exposes `window.__telemedSfu` for browser tests (on by default). */
  exposeForTests?: boolean;
  /** The camera's bitrate cap in bit/s (the highest simulcast layer and the REMB cap). */
  maxBitrate?: number;
}

export const VIDEOROOM = "janus.plugin.videoroom";
export const SCREEN_SUFFIX = " (screen)";
const DEFAULT_MAX_BITRATE = 512_000;

export const INITIAL_SFU_SNAPSHOT: SfuSnapshot = { state: "connecting", remotes: [], error: null, screenStream: null };

export interface SfuTestHook {
  readonly room: number;
  readonly feedId: number;
  readonly state: SfuState;
  /** Displays of the remote feeds this page subscribes to. */
  readonly remoteDisplays: string[];
  /** `{ [display]: framesDecoded }` from each subscriber's getStats (video inbound-rtp, summed). */
  framesDecodedByFeed(): Promise<Record<string, number>>;
}

declare global {
  interface Window {
    __telemedSfu?: SfuTestHook;
  }
}

interface Feed {
  feedId: number;
  display: string;
  isScreen: boolean;
  handle: JanusHandleLike | null;
  tracks: Map<string, MediaStreamTrack>;
  stream: MediaStream;
  removed: boolean;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error));

export class SfuSession {
  private readonly options: SfuSessionOptions;
  private snapshot: SfuSnapshot = INITIAL_SFU_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private janus: JanusLike | null = null;
  private publisher: JanusHandleLike | null = null;
  private screen: JanusHandleLike | null = null;
  private screenTrack: MediaStreamTrack | null = null;
  private screenFeedId: number | null = null;
  private privateId: number | undefined;
  private readonly feeds = new Map<number, Feed>();
  private disposed = false;
  private testHook: SfuTestHook | undefined;

  constructor(options: SfuSessionOptions) {
    this.options = options;
  }

  // ----- store -----
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SfuSnapshot => this.snapshot;

  private update(patch: Partial<SfuSnapshot>): void {
    if (this.disposed) return;
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  private emitRemotes(): void {
    const remotes = [...this.feeds.values()]
      .filter((f) => !f.removed)
      .map((f) => ({ feedId: f.feedId, display: f.display, stream: f.stream, isScreen: f.isScreen }));
    this.update({ remotes });
  }

  private newStream(tracks: MediaStreamTrack[]): MediaStream {
    return (this.options.createMediaStream ?? ((t: MediaStreamTrack[]) => new MediaStream(t)))(tracks);
  }

  // ----- lifecycle -----
  async start(): Promise<void> {
    this.exposeHook();
    const connect = this.options.connect ?? (async (o: JanusSessionOptions) => (await import("./janusClient")).connectJanus(o));
    let janus: JanusLike;
    try {
      janus = await connect({
        server: this.options.server,
        token: this.options.token,
        iceServers: this.options.iceServers,
        iceTransportPolicy: this.options.iceTransportPolicy,
        onLost: (reason) => this.fail(reason),
      });
    } catch (error) {
      this.fail(errorText(error));
      return;
    }
    if (this.disposed) {
      janus.destroy();
      return;
    }
    this.janus = janus;
    janus.attach({
      plugin: VIDEOROOM,
      success: (handle) => {
        if (this.disposed) {
          handle.detach();
          return;
        }
        this.publisher = handle;
        handle.send({
          message: { request: "join", ptype: "publisher", room: this.options.room, id: this.options.feedId, display: this.options.display, token: this.options.token },
        });
      },
      error: (error) => this.fail(errorText(error)),
      onmessage: (message, jsep) => this.onPublisherMessage(message, jsep),
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    this.screenTrack?.stop();
    for (const feed of this.feeds.values()) feed.handle?.detach();
    this.feeds.clear();
    this.screen?.detach();
    this.publisher?.hangup();
    this.publisher?.detach();
    this.janus?.destroy();
    this.janus = null;
    if (typeof window !== "undefined" && this.testHook && window.__telemedSfu === this.testHook) delete window.__telemedSfu;
  }

  private fail(error: string): void {
    if (this.snapshot.state === "kicked") return;
    this.update({ state: "failed", error });
  }

  private exposeHook(): void {
    if (this.options.exposeForTests === false || typeof window === "undefined") return;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.testHook = {
      room: this.options.room,
      feedId: this.options.feedId,
      get state() {
        return self.snapshot.state;
      },
      get remoteDisplays() {
        return self.snapshot.remotes.map((r) => r.display);
      },
      framesDecodedByFeed: () => this.framesDecodedByFeed(),
    };
    window.__telemedSfu = this.testHook;
  }

  async framesDecodedByFeed(): Promise<Record<string, number>> {
    const result: Record<string, number> = {};
    for (const feed of this.feeds.values()) {
      if (feed.removed) continue;
      let frames = 0;
      const pc = feed.handle?.webrtcStuff?.pc;
      if (pc) {
        try {
          const report = await pc.getStats();
          report.forEach((stat: { type?: string; kind?: string; mediaType?: string; framesDecoded?: number }) => {
            if (stat.type === "inbound-rtp" && (stat.kind ?? stat.mediaType) === "video") frames += stat.framesDecoded ?? 0;
          });
        } catch {
          /* a closed connection has no stats */
        }
      }
      result[feed.display] = frames;
    }
    return result;
  }

  // ----- publishing -----
  private onPublisherMessage(message: JanusMessage, jsep?: JanusJsep): void {
    if (this.disposed) return;
    if (jsep) this.publisher?.handleRemoteJsep({ jsep, error: (e) => this.fail(errorText(e)) });
    const event = message.videoroom;
    if (event === "joined") {
      this.privateId = message.private_id;
      this.update({ state: "joined", error: null });
      this.publish();
      this.addPublishers(message.publishers);
      return;
    }
    if (event === "destroyed") {
      // The host closed the room (the consultation ended): not the same as being removed.
      this.fail("room destroyed");
      return;
    }
    if (event !== "event") return;
    if (message.error) {
      if (this.snapshot.state === "connecting") this.fail(message.error);
      return;
    }
    this.addPublishers(message.publishers);
    // Janus tells the others a removed participant was "kicked" (their feed id), not that they left.
    for (const gone of [message.unpublished, message.leaving, message.kicked]) {
      if (gone === undefined) continue;
      if (gone === "ok") {
        if (message.reason === "kicked") this.update({ state: "kicked" });
        continue;
      }
      this.removeFeed(Number(gone));
    }
  }

  private publish(): void {
    const handle = this.publisher;
    const stream = this.options.localStream;
    const audio = stream?.getAudioTracks()[0];
    const video = stream?.getVideoTracks()[0];
    if (!handle || (!audio && !video)) return; // receive only: in the room, nothing to send
    const max = this.options.maxBitrate ?? DEFAULT_MAX_BITRATE;
    const tracks: JanusTrackOption[] = [];
    if (audio) tracks.push({ type: "audio", capture: audio, recv: false, dontStop: true });
    if (video) {
      tracks.push({
        type: "video",
        capture: video,
        recv: false,
        dontStop: true,
        simulcast: true,
        simulcastMaxBitrates: { high: max, medium: Math.round(max / 2), low: Math.round(max / 5) },
      });
    }
    handle.createOffer({
      tracks,
      success: (offer) => {
        handle.send({ message: { request: "publish", audio: Boolean(audio), video: Boolean(video), bitrate: max }, jsep: offer });
      },
      error: (error) => this.update({ error: errorText(error) }),
    });
  }

  /** Swaps a camera or microphone track into the publisher without leaving the room. */
  replaceTrack(kind: "audio" | "video", track: MediaStreamTrack): void {
    this.publisher?.replaceTracks?.({ tracks: [{ type: kind, capture: track, replace: true, dontStop: true }], error: () => undefined });
  }

  // ----- subscribing -----
  private isOwn(id: number, display?: string): boolean {
    return id === this.options.feedId || id === this.screenFeedId || (this.options.screenFeedId != null && id === this.options.screenFeedId) || display === `${this.options.display}${SCREEN_SUFFIX}`;
  }

  private addPublishers(publishers: JanusMessage["publishers"]): void {
    for (const p of publishers ?? []) {
      if (this.isOwn(p.id, p.display) || this.feeds.has(p.id)) continue;
      this.subscribeTo(p.id, p.display ?? String(p.id));
    }
  }

  private subscribeTo(feedId: number, display: string): void {
    const janus = this.janus;
    if (!janus) return;
    const feed: Feed = {
      feedId,
      display,
      isScreen: display.endsWith(SCREEN_SUFFIX),
      handle: null,
      tracks: new Map(),
      stream: this.newStream([]),
      removed: false,
    };
    this.feeds.set(feedId, feed);
    this.emitRemotes();
    janus.attach({
      plugin: VIDEOROOM,
      success: (handle) => {
        if (feed.removed || this.disposed) {
          handle.detach();
          return;
        }
        feed.handle = handle;
        handle.send({
          message: {
            request: "join",
            ptype: "subscriber",
            room: this.options.room,
            streams: [{ feed: feedId }],
            ...(this.privateId !== undefined ? { private_id: this.privateId } : {}),
            token: this.options.token,
          },
        });
      },
      error: () => this.removeFeed(feedId),
      onmessage: (message, jsep) => {
        const handle = feed.handle;
        if (!handle || feed.removed) return;
        if (message.error) {
          this.removeFeed(feedId);
          return;
        }
        if (!jsep) return;
        handle.createAnswer({
          jsep,
          tracks: [{ type: "data" }],
          success: (answer) => handle.send({ message: { request: "start", room: this.options.room }, jsep: answer }),
          error: () => this.removeFeed(feedId),
        });
      },
      onremotetrack: (track, mid, on) => {
        if (feed.removed) return;
        if (on) feed.tracks.set(mid, track);
        else if (!feed.tracks.delete(mid)) return;
        feed.stream = this.newStream([...feed.tracks.values()]);
        this.emitRemotes();
      },
    });
  }

  private removeFeed(feedId: number): void {
    const feed = this.feeds.get(feedId);
    if (!feed) return;
    feed.removed = true;
    this.feeds.delete(feedId);
    feed.handle?.detach();
    this.emitRemotes();
  }

  // ----- screen sharing -----
  get screenSharing(): boolean {
    return this.screen !== null;
  }

  /** Publishes the screen (getDisplayMedia) on a second publisher handle named "<display> (screen)". */
  async startScreenShare(): Promise<void> {
    if (this.screen || !this.janus || this.disposed) return;
    const getDisplayMedia = this.options.getDisplayMedia ?? ((c: DisplayMediaStreamOptions) => navigator.mediaDevices.getDisplayMedia(c));
    const stream = await getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track || this.disposed || !this.janus) {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    this.screenTrack = track;
    // The browser's own "Stop sharing" ends the track.
    track.addEventListener?.("ended", () => this.stopScreenShare());
    this.update({ screenStream: stream });
    this.janus.attach({
      plugin: VIDEOROOM,
      success: (handle) => {
        if (this.disposed || this.screenTrack !== track) {
          handle.detach();
          return;
        }
        this.screen = handle;
        handle.send({
          message: {
            request: "join",
            ptype: "publisher",
            room: this.options.room,
            ...(this.options.screenFeedId != null ? { id: this.options.screenFeedId } : {}),
            display: `${this.options.display}${SCREEN_SUFFIX}`,
            token: this.options.token,
          },
        });
      },
      error: (error) => {
        this.update({ error: errorText(error) });
        this.stopScreenShare();
      },
      onmessage: (message, jsep) => {
        const handle = this.screen;
        if (!handle) return;
        if (jsep) handle.handleRemoteJsep({ jsep });
        if (message.videoroom === "joined") {
          this.screenFeedId = message.id ?? null;
          handle.createOffer({
            tracks: [{ type: "video", capture: track, recv: false }],
            success: (offer) => handle.send({ message: { request: "publish", audio: false, video: true }, jsep: offer }),
            error: (error) => {
              this.update({ error: errorText(error) });
              this.stopScreenShare();
            },
          });
        }
      },
    });
  }

  stopScreenShare(): void {
    const handle = this.screen;
    this.screen = null;
    this.screenFeedId = null;
    this.screenTrack?.stop();
    this.screenTrack = null;
    if (handle) {
      handle.send({ message: { request: "leave" } });
      handle.hangup();
      handle.detach();
    }
    this.update({ screenStream: null });
  }
}
