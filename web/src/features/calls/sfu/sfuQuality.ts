/**
 * Quality of one remote feed in a group call, from its subscriber's getStats(): loss and round-trip time
 * (networkQuality.ts), jitter, frames decoded per second and the frame height. Also decides when to ask Janus
 * for a lower (or again a higher) simulcast layer and when a tile should show "audio only" instead of a frozen frame.
 */
import { computeQuality, readStatsSample, type NetworkQuality, type StatsLike, type StatsSample } from "../networkQuality";

export interface FeedSample extends StatsSample {
  /** Seconds (performance.now / 1000 or any monotonic clock). */
  at: number;
  /** Inbound video: jitter in seconds, the last frame's height. */
  jitterSeconds?: number;
  frameHeight?: number;
  /** Inbound audio packets (audio keeps arriving when video stalls). */
  audioPacketsReceived: number;
  /** framesDecoded of the video (0 when none yet). */
  videoFrames: number;
}

export interface FeedQuality {
  quality: NetworkQuality;
  fps: number;
  frameHeight: number;
  jitterMs: number;
  audioOnly: boolean;
  /** The simulcast layer asked of Janus (2 = highest). */
  substream: number;
}

export const FEED_QUALITY_TUNING = {
  /** No new frame for this long while audio still arrives: the tile shows audio only. */
  audioOnlyAfterSeconds: 4,
  /** Poor this many samples in a row: one simulcast layer down. */
  poorSamplesToStepDown: 2,
  /** Good this many samples in a row: one layer back up. */
  goodSamplesToStepUp: 5,
  fairJitterSeconds: 0.03,
  poorJitterSeconds: 0.1,
  fairFps: 12,
  poorFps: 5,
} as const;

type Stat = Record<string, unknown> & { type?: string };
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

export function readFeedSample(report: StatsLike, at: number): FeedSample {
  const base = readStatsSample(report);
  let jitterSeconds: number | undefined;
  let frameHeight: number | undefined;
  let audioPacketsReceived = 0;
  let videoFrames = 0;
  report.forEach((value) => {
    const s = value as Stat;
    if (typeof s !== "object" || s === null || s.type !== "inbound-rtp") return;
    const kind = s.kind ?? s.mediaType;
    if (kind === "audio") audioPacketsReceived += num(s.packetsReceived) ?? 0;
    if (kind === "video") {
      videoFrames += num(s.framesDecoded) ?? 0;
      const j = num(s.jitter);
      if (j !== undefined) jitterSeconds = Math.max(jitterSeconds ?? 0, j);
      const h = num(s.frameHeight);
      if (h !== undefined) frameHeight = Math.max(frameHeight ?? 0, h);
    }
  });
  return { ...base, at, jitterSeconds, frameHeight, audioPacketsReceived, videoFrames };
}

const LEVELS: NetworkQuality[] = ["good", "fair", "poor"];
const level = (q: NetworkQuality) => Math.max(0, LEVELS.indexOf(q));

/** Follows one feed's samples; `push` returns what to show and whether to change the simulcast layer. */
export class FeedQualityTracker {
  private previous: FeedSample | undefined;
  private lastFrameAt: number | undefined;
  private everDecoded = false;
  private poorRun = 0;
  private goodRun = 0;
  state: FeedQuality = { quality: "unknown", fps: 0, frameHeight: 0, jitterMs: 0, audioOnly: false, substream: 2 };

  /** Returns the substream to ask Janus for when it changed, else undefined. */
  push(sample: FeedSample): number | undefined {
    const prev = this.previous;
    this.previous = sample;
    const t = FEED_QUALITY_TUNING;
    let quality = computeQuality(sample, prev);
    let fps = 0;
    const newFrames = prev ? sample.videoFrames - prev.videoFrames : sample.videoFrames;
    if (prev && sample.at > prev.at && newFrames >= 0) fps = newFrames / (sample.at - prev.at);
    if (sample.videoFrames > 0 && (newFrames > 0 || this.lastFrameAt === undefined)) {
      this.lastFrameAt = sample.at;
      this.everDecoded = true;
    }
    const audioFlows = prev !== undefined && sample.audioPacketsReceived > prev.audioPacketsReceived;
    const stalledFor = this.lastFrameAt === undefined ? 0 : sample.at - this.lastFrameAt;
    const audioOnly = this.everDecoded && audioFlows && newFrames <= 0 && stalledFor >= t.audioOnlyAfterSeconds;

    if (quality !== "unknown") {
      let l = level(quality);
      const j = sample.jitterSeconds;
      if (j !== undefined) l = Math.max(l, j > t.poorJitterSeconds ? 2 : j > t.fairJitterSeconds ? 1 : 0);
      if (prev && this.everDecoded) l = Math.max(l, fps < t.poorFps ? 2 : fps < t.fairFps ? 1 : 0);
      quality = LEVELS[l]!;
    }

    let substream = this.state.substream;
    let changed: number | undefined;
    if (quality === "poor") {
      this.goodRun = 0;
      if (++this.poorRun >= t.poorSamplesToStepDown && substream > 0) {
        substream -= 1;
        changed = substream;
        this.poorRun = 0;
      }
    } else if (quality === "good") {
      this.poorRun = 0;
      if (++this.goodRun >= t.goodSamplesToStepUp && substream < 2) {
        substream += 1;
        changed = substream;
        this.goodRun = 0;
      }
    } else {
      this.poorRun = 0;
      this.goodRun = 0;
    }
    this.state = {
      quality,
      fps: Math.round(fps * 10) / 10,
      frameHeight: sample.frameHeight ?? 0,
      jitterMs: Math.round((sample.jitterSeconds ?? 0) * 1000),
      audioOnly,
      substream,
    };
    return changed;
  }
}

/** The worst known quality of the feeds (unknown when none is known). */
export function overallQuality(feeds: FeedQuality[]): NetworkQuality {
  const known = feeds.filter((f) => f.quality !== "unknown");
  if (known.length === 0) return "unknown";
  return LEVELS[Math.max(...known.map((f) => level(f.quality)))]!;
}

/**
 * The call's quality in a group call (the page header): the worst known quality of the remote camera feeds; screen
 * shares are left out (a still screen sends few frames). "unknown" while there is no remote camera feed (or no sample yet).
 */
export function stageQuality(remotes: readonly { feedId: number; isScreen: boolean }[], feedQuality: Readonly<Record<number, FeedQuality>>): NetworkQuality {
  const cameras = remotes.filter((r) => !r.isScreen);
  if (cameras.length === 0) return "unknown";
  return overallQuality(cameras.map((r) => feedQuality[r.feedId]).filter((q): q is FeedQuality => q !== undefined));
}
