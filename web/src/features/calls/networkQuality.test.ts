import { describe, expect, it } from "vitest";
import { computeQuality, lossFraction, readStatsSample, type StatsSample } from "./networkQuality";

function report(...stats: Record<string, unknown>[]) {
  return new Map(stats.map((s, i) => [String(s.id ?? i), s]));
}

const chromeReport = (rtt: number, received: number, lost: number, frames = 0) =>
  report(
    { id: "T01", type: "transport", selectedCandidatePairId: "CP2" },
    { id: "CP1", type: "candidate-pair", state: "failed", currentRoundTripTime: 2 },
    { id: "CP2", type: "candidate-pair", state: "succeeded", nominated: true, currentRoundTripTime: rtt },
    { id: "IA", type: "inbound-rtp", kind: "audio", packetsReceived: received / 2, packetsLost: lost / 2 },
    { id: "IV", type: "inbound-rtp", kind: "video", packetsReceived: received / 2, packetsLost: lost / 2, framesDecoded: frames },
    { id: "OV", type: "outbound-rtp", kind: "video", packetsSent: 999 },
  );

const sample = (rttSeconds: number | undefined, packetsReceived: number, packetsLost: number): StatsSample => ({ rttSeconds, packetsReceived, packetsLost });

describe("network quality", () => {
  it("reads the selected pair's round trip, inbound packets and decoded frames", () => {
    expect(readStatsSample(chromeReport(0.05, 1000, 10, 240))).toEqual({ rttSeconds: 0.05, packetsReceived: 1000, packetsLost: 10, framesDecoded: 240 });
  });

  it("finds the pair without transport stats (Firefox: selected; else nominated and succeeded)", () => {
    const firefox = report(
      { id: "a", type: "candidate-pair", selected: false, currentRoundTripTime: 1 },
      { id: "b", type: "candidate-pair", selected: true, currentRoundTripTime: 0.2 },
      { id: "c", type: "inbound-rtp", mediaType: "video", packetsReceived: 10, packetsLost: 0, framesDecoded: 3 },
    );
    expect(readStatsSample(firefox)).toMatchObject({ rttSeconds: 0.2, framesDecoded: 3 });
    const nominated = report({ id: "a", type: "candidate-pair", nominated: true, state: "succeeded", currentRoundTripTime: 0.1 });
    expect(readStatsSample(nominated).rttSeconds).toBe(0.1);
    expect(readStatsSample(report())).toEqual({ rttSeconds: undefined, packetsReceived: 0, packetsLost: 0, framesDecoded: undefined });
  });

  it("is unknown without a round trip or packets", () => {
    expect(computeQuality(sample(undefined, 0, 0))).toBe("unknown");
  });

  it("grades by the worse of round trip and loss", () => {
    expect(computeQuality(sample(0.04, 1000, 5))).toBe("good");
    expect(computeQuality(sample(0.15, 1000, 20))).toBe("good");
    expect(computeQuality(sample(0.25, 1000, 0))).toBe("fair");
    expect(computeQuality(sample(0.05, 1000, 50))).toBe("fair");
    expect(computeQuality(sample(0.6, 1000, 0))).toBe("poor");
    expect(computeQuality(sample(0.05, 800, 200))).toBe("poor");
    expect(computeQuality(sample(0.05, 0, 0))).toBe("good");
    expect(computeQuality(sample(undefined, 1000, 200))).toBe("poor");
  });

  it("uses loss since the previous sample, not since the call began", () => {
    const before = sample(0.05, 10_000, 2_000); // a bad start…
    const now = sample(0.05, 11_000, 2_000); // …but nothing lost in the last two seconds
    expect(lossFraction(now, before)).toBe(0);
    expect(computeQuality(now, before)).toBe("good");
    expect(computeQuality(sample(0.05, 10_500, 2_100), before)).toBe("poor"); // 100 of 600 lost
    // Counters restarted (a new connection): the totals count.
    expect(lossFraction(sample(0.05, 100, 0), before)).toBe(0);
  });

  it("is poor when media stopped arriving", () => {
    const before = sample(0.05, 5000, 0);
    expect(computeQuality(sample(0.05, 5000, 0), before)).toBe("poor");
  });
});
