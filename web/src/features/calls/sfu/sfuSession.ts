import type { NetworkQuality } from "../networkQuality";
import { FeedQualityTracker, readFeedSample, stageQuality, type FeedQuality } from "./sfuQuality";
import type { JanusHandleLike, JanusJsep, JanusLike, JanusMessage, JanusSessionOptions, JanusTrackOption } from "./sfuTypes";

/**
 * One participant of a group call in a Janus video room (janus.plugin.videoroom): joins as a publisher
 * with the feed id and token the host handed out, publishes the local camera and microphone (simulcast,
 * capped bitrate), subscribes to every other publisher (one subscriber handle per feed) and drops a feed
 * when it unpublishes or leaves. A second publisher handle shares the screen.
 * Plain TS with an external-store surface (subscribe/getSnapshot) for React, like CallController.
 */

/** "reconnecting": the Janus session or its media was lost and the page rejoins the same room by itself. */
export type SfuState = "connecting" | "joined" | "reconnecting" | "kicked" | "failed";

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
  /** This participant's own screen share, while on (kept while reconnecting: published again after the rejoin). */
  screenStream: MediaStream | null;
  /** Per remote feed id: quality from its subscriber's stats, and whether the tile shows audio only. */
  feedQuality: Record<number, FeedQuality>;
  /** The worst known quality of the remote camera feeds (screen shares left out; stageQuality). */
  quality: NetworkQuality;
  /** Reconnect attempts since the link was lost (0 when joined). */
  reconnectAttempt: number;
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
  /**
   * Before each reconnect: the seat as the host now says (GET /{id}/call). null: no seat any more (a removed
   * guest gets 404), so no reconnect. Without it the same seat is reused.
   */
  refreshSeat?: () => Promise<SfuJoinInfo | null>;
  /** Waits before reconnect attempts (the last repeats). */
  reconnectDelaysMs?: number[];
  /** Gives up after this many attempts ("failed"). */
  maxReconnectAttempts?: number;
  /** ICE "disconnected" this long on the publisher counts as lost. */
  iceDisconnectedGraceMs?: number;
  /** How often each subscriber's stats are read (0: never; tests call sampleQuality()). */
  statsIntervalMs?: number;
  /** Monotonic milliseconds (performance.now by default). */
  now?: () => number;
}

export const VIDEOROOM = "janus.plugin.videoroom";
export const SCREEN_SUFFIX = " (screen)";
const DEFAULT_MAX_BITRATE = 512_000;

const DEFAULT_RECONNECT_DELAYS_MS = [1_000, 2_000, 3_000, 5_000];
const DEFAULT_MAX_RECONNECT_ATTEMPTS = 60;
const DEFAULT_ICE_GRACE_MS = 10_000;
const DEFAULT_STATS_INTERVAL_MS = 2_000;

export const INITIAL_SFU_SNAPSHOT: SfuSnapshot = {
  state: "connecting",
  remotes: [],
  error: null,
  screenStream: null,
  feedQuality: {},
  quality: "unknown",
  reconnectAttempt: 0,
};

export interface SfuTestHook {
  readonly room: number;
  readonly feedId: number;
  readonly state: SfuState;
  /** Displays of the remote feeds this page subscribes to. */
  readonly remoteDisplays: string[];
  /** `{ [display]: framesDecoded }` from each subscriber's getStats (video inbound-rtp, summed). */
  framesDecodedByFeed(): Promise<Record<string, number>>;
  /** `{ [display]: { quality, frameHeight, fps, audioOnly, substream } }` from the last stats sample. */
  qualityByFeed(): Record<string, FeedQuality>;
  /** How many times the session was rejoined after a loss, and how long the last took (ms). */
  readonly reconnects: number;
  readonly lastReconnectMs: number | null;
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
  videoMid: string | null;
  /** When the video track arrived (now(), ms); null until it does. */
  videoSince: number | null;
  /** How many times this feed was subscribed to again because its video never decoded. */
  resubscribes: number;
  tracker: FeedQualityTracker;
}

/**
 * A subscription whose video track arrived but has not decoded one frame after this long is made again: seen in real
 * Chromium under load as a tile that stays black for good (the first keyframe never came). A later freeze is not this
 * case: the tile shows "audio only" for it instead.
 */
export const STALLED_FEED = { afterMs: 8_000, maxResubscribes: 3 } as const;

const errorText = (error: unknown): string => (error instanceof Error ? error.message : typeof error === "string" ? error : JSON.stringify(error));

export class SfuSession {
  private readonly options: SfuSessionOptions;
  /** The seat in use (a reconnect may bring a new one from the host). */
  private seat: SfuJoinInfo;
  private localStream: MediaStream | null;
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
  /** Bumped on every (re)connect: callbacks of an older Janus session are ignored. */
  private generation = 0;
  private everJoined = false;
  /** Kicked, the room destroyed, or no seat: never reconnect. */
  private final = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private iceTimer: ReturnType<typeof setTimeout> | null = null;
  private statsTimer: ReturnType<typeof setInterval> | null = null;
  private lostAt: number | null = null;
  private reconnects = 0;
  private lastReconnectMs: number | null = null;

  constructor(options: SfuSessionOptions) {
    this.options = options;
    this.seat = { server: options.server, token: options.token, room: options.room, feedId: options.feedId, screenFeedId: options.screenFeedId, display: options.display };
    this.localStream = options.localStream;
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
    // A feed that left no longer counts for the call's quality.
    this.update({ remotes, quality: stageQuality(remotes, this.snapshot.feedQuality) });
  }

  private newStream(tracks: MediaStreamTrack[]): MediaStream {
    return (this.options.createMediaStream ?? ((t: MediaStreamTrack[]) => new MediaStream(t)))(tracks);
  }

  private now(): number {
    return (this.options.now ?? (() => (typeof performance !== "undefined" ? performance.now() : Date.now())))();
  }

  // ----- lifecycle -----
  async start(): Promise<void> {
    this.exposeHook();
    const interval = this.options.statsIntervalMs ?? DEFAULT_STATS_INTERVAL_MS;
    if (interval > 0 && !this.statsTimer) this.statsTimer = setInterval(() => void this.sampleQuality(), interval);
    await this.connectAndJoin();
  }

  /** Opens a Janus session with the current seat and joins the room as a publisher. */
  private async connectAndJoin(): Promise<void> {
    const gen = ++this.generation;
    const seat = this.seat;
    const connect = this.options.connect ?? (async (o: JanusSessionOptions) => (await import("./janusClient")).connectJanus(o));
    let janus: JanusLike;
    try {
      janus = await connect({
        server: seat.server,
        token: seat.token,
        iceServers: this.options.iceServers,
        iceTransportPolicy: this.options.iceTransportPolicy,
        onLost: (reason) => {
          if (gen === this.generation) this.lost(`session lost: ${reason}`);
        },
      });
    } catch (error) {
      if (gen === this.generation) this.lost(errorText(error));
      return;
    }
    if (this.disposed || gen !== this.generation) {
      janus.destroy();
      return;
    }
    this.janus = janus;
    janus.attach({
      plugin: VIDEOROOM,
      success: (handle) => {
        if (this.disposed || gen !== this.generation) {
          handle.detach();
          return;
        }
        this.publisher = handle;
        handle.send({
          message: { request: "join", ptype: "publisher", room: seat.room, id: seat.feedId, display: seat.display, token: seat.token },
        });
      },
      error: (error) => {
        if (gen === this.generation) this.lost(errorText(error));
      },
      onmessage: (message, jsep) => {
        if (gen === this.generation) this.onPublisherMessage(message, jsep);
      },
      iceState: (state) => {
        if (gen === this.generation) this.onPublisherIce(state);
      },
      webrtcState: (up, reason) => {
        // Janus hung up our camera's connection (ICE or DTLS gave out on its side).
        if (!up && gen === this.generation) this.lost(`hangup${reason ? `: ${reason}` : ""}`);
      },
    });
  }

  private onPublisherIce(state: string): void {
    if (state === "failed") {
      this.lost("ICE failed");
      return;
    }
    if (state === "disconnected") {
      // Often back by itself within seconds: give it a grace period before rejoining.
      if (!this.iceTimer) {
        this.iceTimer = setTimeout(() => {
          this.iceTimer = null;
          this.lost("ICE disconnected");
        }, this.options.iceDisconnectedGraceMs ?? DEFAULT_ICE_GRACE_MS);
      }
      return;
    }
    if (state === "connected" || state === "completed") this.clearIceTimer();
  }

  private clearIceTimer(): void {
    if (this.iceTimer) clearTimeout(this.iceTimer);
    this.iceTimer = null;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.listeners.clear();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.statsTimer) clearInterval(this.statsTimer);
    this.clearIceTimer();
    this.teardown(true);
    if (typeof window !== "undefined" && this.testHook && window.__telemedSfu === this.testHook) delete window.__telemedSfu;
  }

  /** Drops the Janus session and everything on it (`leave`: also hang up and leave politely). */
  private teardown(leave: boolean): void {
    this.generation++;
    this.clearIceTimer();
    // A loss keeps the shared screen's track (and the snapshot's screenStream): it is published again after the
    // rejoin when still live. Leaving stops it.
    if (leave) {
      this.screenTrack?.stop();
      this.screenTrack = null;
    }
    this.screenFeedId = null;
    this.screen?.detach();
    this.screen = null;
    for (const feed of this.feeds.values()) {
      feed.removed = true;
      feed.handle?.detach();
    }
    this.feeds.clear();
    if (leave) this.publisher?.hangup();
    this.publisher?.detach();
    this.publisher = null;
    this.privateId = undefined;
    this.janus?.destroy();
    this.janus = null;
  }

  private fail(error: string): void {
    if (this.snapshot.state === "kicked") return;
    this.update({ state: "failed", error });
  }

  /** The session or its media is gone: rejoin (with backoff) unless we were removed or the room closed. */
  private lost(reason: string): void {
    if (this.disposed || this.final || this.snapshot.state === "kicked") return;
    if (!this.everJoined && this.snapshot.state === "connecting") {
      // Never got in: the page's "try again" (a wrong server or a refused token would only loop).
      this.fail(reason);
      this.teardown(false);
      return;
    }
    if (this.reconnectTimer) return; // an attempt is already scheduled
    this.lostAt ??= this.now();
    this.teardown(false);
    this.update({ state: "reconnecting", error: reason, remotes: [], feedQuality: {}, quality: "unknown" });
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    const attempt = this.snapshot.reconnectAttempt + 1;
    if (attempt > (this.options.maxReconnectAttempts ?? DEFAULT_MAX_RECONNECT_ATTEMPTS)) {
      this.final = true;
      this.stopScreenShare();
      this.update({ state: "failed" });
      return;
    }
    const delays = this.options.reconnectDelaysMs ?? DEFAULT_RECONNECT_DELAYS_MS;
    const delay = delays[Math.min(attempt - 1, delays.length - 1)] ?? 1_000;
    this.update({ reconnectAttempt: attempt });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    if (this.disposed || this.final) return;
    if (this.options.refreshSeat) {
      let seat: SfuJoinInfo | null;
      try {
        seat = await this.options.refreshSeat();
      } catch {
        if (!this.disposed) this.scheduleReconnect(); // the host is unreachable too: later
        return;
      }
      if (this.disposed) return;
      if (seat === null) {
        // Removed, or the call is over: no seat, no reconnect.
        this.final = true;
        this.stopScreenShare();
        this.update({ state: "kicked", error: "no seat" });
        return;
      }
      this.seat = seat;
    }
    await this.connectAndJoin();
  }

  private exposeHook(): void {
    if (this.options.exposeForTests === false || typeof window === "undefined") return;
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const self = this;
    this.testHook = {
      get room() {
        return self.seat.room;
      },
      get feedId() {
        return self.seat.feedId;
      },
      get state() {
        return self.snapshot.state;
      },
      get remoteDisplays() {
        return self.snapshot.remotes.map((r) => r.display);
      },
      framesDecodedByFeed: () => this.framesDecodedByFeed(),
      qualityByFeed: () => this.qualityByFeed(),
      get reconnects() {
        return self.reconnects;
      },
      get lastReconnectMs() {
        return self.lastReconnectMs;
      },
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

  qualityByFeed(): Record<string, FeedQuality> {
    const result: Record<string, FeedQuality> = {};
    for (const feed of this.feeds.values()) if (!feed.removed) result[feed.display] = { ...feed.tracker.state };
    return result;
  }

  // ----- quality -----
  /** Reads every subscriber's stats once: quality per feed and overall, audio-only tiles, simulcast layer requests. */
  async sampleQuality(): Promise<void> {
    if (this.disposed || this.snapshot.state !== "joined") return;
    const gen = this.generation;
    const at = this.now() / 1000;
    for (const feed of [...this.feeds.values()]) {
      const pc = feed.handle?.webrtcStuff?.pc;
      if (!pc || feed.removed) continue;
      let report: RTCStatsReport;
      try {
        report = await pc.getStats();
      } catch {
        continue;
      }
      if (feed.removed || gen !== this.generation) continue;
      const sample = readFeedSample(report, at);
      if (this.resubscribeIfStalled(feed, sample.videoFrames)) continue;
      const layer = feed.tracker.push(sample);
      if (layer !== undefined && feed.handle) {
        feed.handle.send({
          message: { request: "configure", streams: [{ ...(feed.videoMid !== null ? { mid: feed.videoMid } : {}), substream: layer, temporal: 2 }] },
        });
      }
    }
    if (this.disposed || gen !== this.generation) return;
    const feedQuality: Record<number, FeedQuality> = {};
    for (const feed of this.feeds.values()) if (!feed.removed) feedQuality[feed.feedId] = { ...feed.tracker.state };
    this.update({ feedQuality, quality: stageQuality(this.snapshot.remotes, feedQuality) });
  }

  // ----- publishing -----
  private onPublisherMessage(message: JanusMessage, jsep?: JanusJsep): void {
    if (this.disposed) return;
    if (jsep) this.publisher?.handleRemoteJsep({ jsep, error: (e) => this.lost(errorText(e)) });
    const event = message.videoroom;
    if (event === "joined") {
      this.privateId = message.private_id;
      if (this.lostAt !== null) {
        this.reconnects++;
        this.lastReconnectMs = Math.round(this.now() - this.lostAt);
      }
      this.lostAt = null;
      this.everJoined = true;
      this.update({ state: "joined", error: null, reconnectAttempt: 0 });
      this.publish();
      this.addPublishers(message.publishers);
      this.republishScreen();
      return;
    }
    if (event === "destroyed") {
      // The host closed the room (the consultation ended): not the same as being removed, and nothing to rejoin.
      this.final = true;
      this.fail("room destroyed");
      return;
    }
    if (event !== "event") return;
    if (message.error) {
      if (this.snapshot.state === "reconnecting") {
        // Our old publisher may still be in the room (436) until Janus drops its session, or the room is
        // not there yet: try again later. The seat is re-fetched each time.
        this.teardown(false);
        this.scheduleReconnect();
        return;
      }
      if (this.snapshot.state === "connecting") this.fail(message.error);
      return;
    }
    this.addPublishers(message.publishers);
    // Janus tells the others a removed participant was "kicked" (their feed id), not that they left.
    for (const gone of [message.unpublished, message.leaving, message.kicked]) {
      if (gone === undefined) continue;
      if (gone === "ok") {
        if (message.reason === "kicked") {
          this.final = true;
          this.update({ state: "kicked" });
        }
        continue;
      }
      this.removeFeed(Number(gone));
    }
  }

  private publish(): void {
    const handle = this.publisher;
    const stream = this.localStream;
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

  /** The page's current camera and microphone (published again after a reconnect). */
  setLocalStream(stream: MediaStream | null): void {
    this.localStream = stream;
  }

  // ----- subscribing -----
  private isOwn(id: number, display?: string): boolean {
    return id === this.seat.feedId || id === this.screenFeedId || (this.seat.screenFeedId != null && id === this.seat.screenFeedId) || display === `${this.seat.display}${SCREEN_SUFFIX}`;
  }

  private addPublishers(publishers: JanusMessage["publishers"]): void {
    for (const p of publishers ?? []) {
      if (this.isOwn(p.id, p.display) || this.feeds.has(p.id)) continue;
      this.subscribeTo(p.id, p.display ?? String(p.id));
    }
  }

  /** Subscribes to the feed again when its video arrived long ago and never decoded (STALLED_FEED); true if it did. */
  private resubscribeIfStalled(feed: Feed, videoFrames: number): boolean {
    if (videoFrames > 0 || feed.videoSince === null || feed.resubscribes >= STALLED_FEED.maxResubscribes) return false;
    if (this.now() - feed.videoSince < STALLED_FEED.afterMs || this.feeds.get(feed.feedId) !== feed) return false;
    this.removeFeed(feed.feedId);
    this.subscribeTo(feed.feedId, feed.display, feed.resubscribes + 1);
    return true;
  }

  private subscribeTo(feedId: number, display: string, resubscribes = 0): void {
    const janus = this.janus;
    if (!janus) return;
    const seat = this.seat;
    const feed: Feed = {
      feedId,
      display,
      isScreen: display.endsWith(SCREEN_SUFFIX),
      handle: null,
      tracks: new Map(),
      stream: this.newStream([]),
      removed: false,
      videoMid: null,
      videoSince: null,
      resubscribes,
      tracker: new FeedQualityTracker(),
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
            room: seat.room,
            streams: [{ feed: feedId }],
            ...(this.privateId !== undefined ? { private_id: this.privateId } : {}),
            token: seat.token,
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
          success: (answer) => handle.send({ message: { request: "start", room: seat.room }, jsep: answer }),
          error: () => this.removeFeed(feedId),
        });
      },
      onremotetrack: (track, mid, on) => {
        if (feed.removed) return;
        if (on) {
          feed.tracks.set(mid, track);
          if (track.kind === "video") {
            feed.videoMid = mid;
            feed.videoSince ??= this.now();
          }
        } else if (!feed.tracks.delete(mid)) return;
        feed.stream = this.newStream([...feed.tracks.values()]);
        this.emitRemotes();
      },
      iceState: (state) => {
        // This one feed's connection gave out while the session lives: subscribe to it again.
        if (state === "failed" && !feed.removed && this.feeds.get(feedId) === feed && this.snapshot.state === "joined") {
          this.removeFeed(feedId);
          this.subscribeTo(feedId, display);
        }
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
  /** A screen is shared (or being published, or kept for the rejoin). */
  get screenSharing(): boolean {
    return this.screen !== null || this.screenTrack !== null;
  }

  /** Publishes the screen (getDisplayMedia) on a second publisher handle named "<display> (screen)". */
  async startScreenShare(): Promise<void> {
    if (this.screen || this.screenTrack || !this.janus || this.disposed) return;
    const getDisplayMedia = this.options.getDisplayMedia ?? ((c: DisplayMediaStreamOptions) => navigator.mediaDevices.getDisplayMedia(c));
    const stream = await getDisplayMedia({ video: true, audio: false });
    const track = stream.getVideoTracks()[0];
    if (!track || this.disposed || !this.janus || this.screenTrack) {
      for (const t of stream.getTracks()) t.stop();
      return;
    }
    this.screenTrack = track;
    // The browser's own "Stop sharing" ends the track (only this share's: a later one has its own track).
    track.addEventListener?.("ended", () => {
      if (this.screenTrack === track) this.stopScreenShare();
    });
    this.update({ screenStream: stream });
    this.publishScreen(track);
  }

  /**
   * After a rejoin: the screen shared when the link dropped goes out again under the seat's screenFeedId while its
   * track is still live; an ended one (the user stopped sharing meanwhile) clears the sharing state.
   */
  private republishScreen(): void {
    const track = this.screenTrack;
    if (!track || this.screen) return;
    if (track.readyState === "live") this.publishScreen(track);
    else this.stopScreenShare();
  }

  private publishScreen(track: MediaStreamTrack): void {
    const janus = this.janus;
    if (!janus) return;
    const seat = this.seat;
    const gen = this.generation;
    const current = () => !this.disposed && gen === this.generation && this.screenTrack === track;
    janus.attach({
      plugin: VIDEOROOM,
      success: (handle) => {
        if (!current() || this.screen) {
          handle.detach();
          return;
        }
        this.screen = handle;
        handle.send({
          message: {
            request: "join",
            ptype: "publisher",
            room: seat.room,
            ...(seat.screenFeedId != null ? { id: seat.screenFeedId } : {}),
            display: `${seat.display}${SCREEN_SUFFIX}`,
            token: seat.token,
          },
        });
      },
      error: (error) => {
        if (!current()) return;
        this.update({ error: errorText(error) });
        this.stopScreenShare();
      },
      onmessage: (message, jsep) => {
        const handle = this.screen;
        if (!handle || !current()) return;
        if (jsep) handle.handleRemoteJsep({ jsep });
        // The host kicked the screen publisher (the doctor revoked the patient's permission): sharing is over.
        if (message.videoroom === "event" && (message.leaving === "ok" || message.unpublished === "ok") && message.reason === "kicked") {
          this.stopScreenShare();
          return;
        }
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
