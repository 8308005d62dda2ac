import { describe, expect, it } from "vitest";
import { FeedQualityTracker, overallQuality, readFeedSample, stageQuality, type FeedSample } from "./sfuQuality";

/** One subscriber's stats at `at` seconds: video and audio inbound-rtp. */
function stats(at: number, v: { frames: number; height?: number; received: number; lost?: number; jitter?: number }, audioPackets: number): FeedSample {
  const report = new Map<string, unknown>([
    ["v", { type: "inbound-rtp", kind: "video", framesDecoded: v.frames, frameHeight: v.height, packetsReceived: v.received, packetsLost: v.lost ?? 0, jitter: v.jitter ?? 0.005 }],
    ["a", { type: "inbound-rtp", kind: "audio", packetsReceived: audioPackets, packetsLost: 0 }],
  ]);
  return readFeedSample(report, at);
}

describe("feed quality", () => {
  it("reads loss, jitter, frames and height from a subscriber's stats", () => {
    const s = stats(10, { frames: 300, height: 540, received: 1000, lost: 10, jitter: 0.02 }, 500);
    expect(s).toMatchObject({ at: 10, videoFrames: 300, frameHeight: 540, jitterSeconds: 0.02, audioPacketsReceived: 500, packetsReceived: 1500, packetsLost: 10 });
  });

  it("good at full frame rate; poor with heavy loss steps the simulcast layer down, and back up once good again", () => {
    const tracker = new FeedQualityTracker();
    let frames = 0;
    let received = 0;
    let audio = 0;
    const step = (at: number, lossPerStep: number, fps = 25, height = 540) => {
      frames += fps * 2;
      received += 200;
      audio += 100;
      return tracker.push(stats(at, { frames, height, received, lost: lostTotal += lossPerStep }, audio));
    };
    let lostTotal = 0;
    expect(step(0, 0)).toBeUndefined();
    expect(step(2, 0)).toBeUndefined();
    expect(tracker.state).toMatchObject({ quality: "good", fps: 25, frameHeight: 540, audioOnly: false, substream: 2 });

    // 20 % loss: poor; after two poor samples Janus is asked for a lower layer, then the lowest.
    expect(step(4, 60)).toBeUndefined();
    expect(tracker.state.quality).toBe("poor");
    expect(step(6, 60)).toBe(1);
    expect(step(8, 60, 20, 360)).toBeUndefined();
    expect(step(10, 60, 20, 360)).toBe(0);
    expect(step(12, 60, 20, 180)).toBeUndefined();
    expect(step(14, 60, 20, 180)).toBeUndefined(); // already the lowest
    expect(tracker.state).toMatchObject({ substream: 0, frameHeight: 180 });

    // Fair (5 % loss) holds the layer; five good samples in a row go one layer up.
    step(16, 10);
    expect(tracker.state.quality).toBe("fair");
    const ups = [18, 20, 22, 24, 26].map((at) => step(at, 0));
    expect(ups).toEqual([undefined, undefined, undefined, undefined, 1]);
  });

  it("low frame rate and high jitter make it worse even without loss", () => {
    const tracker = new FeedQualityTracker();
    tracker.push(stats(0, { frames: 100, received: 100 }, 50));
    tracker.push(stats(2, { frames: 106, received: 200 }, 100));
    expect(tracker.state).toMatchObject({ quality: "poor", fps: 3 });
    tracker.push(stats(4, { frames: 156, received: 300, jitter: 0.05 }, 150));
    expect(tracker.state).toMatchObject({ quality: "fair", fps: 25, jitterMs: 50 });
  });

  it("shows audio only when frames stop for seconds while audio still arrives, and video again when frames return", () => {
    const tracker = new FeedQualityTracker();
    tracker.push(stats(0, { frames: 100, received: 100 }, 50));
    tracker.push(stats(2, { frames: 150, received: 200 }, 100));
    expect(tracker.state.audioOnly).toBe(false);
    tracker.push(stats(4, { frames: 150, received: 210 }, 150));
    expect(tracker.state.audioOnly).toBe(false); // two seconds: not yet
    tracker.push(stats(6, { frames: 150, received: 215 }, 200));
    expect(tracker.state).toMatchObject({ audioOnly: true, fps: 0, quality: "poor" });
    tracker.push(stats(8, { frames: 150, received: 215 }, 250));
    expect(tracker.state.audioOnly).toBe(true);
    tracker.push(stats(10, { frames: 170, received: 300 }, 300));
    expect(tracker.state.audioOnly).toBe(false);

    // Nothing at all arriving (audio too) is a dead link, not "audio only".
    const dead = new FeedQualityTracker();
    dead.push(stats(0, { frames: 100, received: 100 }, 50));
    dead.push(stats(2, { frames: 150, received: 200 }, 100));
    dead.push(stats(8, { frames: 150, received: 200 }, 100));
    expect(dead.state).toMatchObject({ audioOnly: false, quality: "poor" });
  });

  it("overall is the worst known feed", () => {
    const base = { fps: 25, frameHeight: 540, jitterMs: 5, audioOnly: false, substream: 2 };
    expect(overallQuality([])).toBe("unknown");
    expect(overallQuality([{ ...base, quality: "unknown" }])).toBe("unknown");
    expect(overallQuality([{ ...base, quality: "good" }, { ...base, quality: "fair" }, { ...base, quality: "unknown" }])).toBe("fair");
    expect(overallQuality([{ ...base, quality: "poor" }, { ...base, quality: "good" }])).toBe("poor");
  });

  it("the call's quality is the worst remote camera feed; screen shares do not count; unknown with no remote camera feed", () => {
    const base = { fps: 25, frameHeight: 540, jitterMs: 5, audioOnly: false, substream: 2 };
    const doctor = { feedId: 1, isScreen: false };
    const interpreter = { feedId: 2, isScreen: false };
    const screen = { feedId: 3, isScreen: true };
    expect(stageQuality([], {})).toBe("unknown");
    expect(stageQuality([screen], { 3: { ...base, quality: "good" } })).toBe("unknown");
    expect(stageQuality([doctor], {})).toBe("unknown");
    const feeds = { 1: { ...base, quality: "good" as const }, 2: { ...base, quality: "fair" as const }, 3: { ...base, quality: "poor" as const } };
    expect(stageQuality([doctor, interpreter, screen], feeds)).toBe("fair");
    expect(stageQuality([doctor, screen], feeds)).toBe("good");
    // A feed without a sample yet does not hide the others.
    expect(stageQuality([doctor, { feedId: 9, isScreen: false }], feeds)).toBe("good");
  });
});
