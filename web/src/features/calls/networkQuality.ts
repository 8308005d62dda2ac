/** Network quality of a call from WebRTC getStats(): round-trip time of the selected pair and inbound loss. */

export type NetworkQuality = "good" | "fair" | "poor" | "unknown";

/** Anything with RTCStatsReport's forEach (a Map in tests). */
export interface StatsLike {
  forEach(callback: (value: unknown) => void): void;
}

export interface StatsSample {
  /** currentRoundTripTime of the selected candidate pair, seconds. */
  rttSeconds?: number;
  /** Sum over inbound-rtp streams (audio and video). */
  packetsReceived: number;
  packetsLost: number;
  /** inbound-rtp video framesDecoded (the largest when several). */
  framesDecoded?: number;
}

type Stat = Record<string, unknown> & { type?: string; id?: string };

const num = (value: unknown): number | undefined => (typeof value === "number" && Number.isFinite(value) ? value : undefined);

export function readStatsSample(report: StatsLike): StatsSample {
  const stats: Stat[] = [];
  report.forEach((value) => {
    if (typeof value === "object" && value !== null) stats.push(value as Stat);
  });
  const byId = new Map(stats.filter((s) => typeof s.id === "string").map((s) => [s.id as string, s]));

  let pair: Stat | undefined;
  for (const s of stats) {
    if (s.type === "transport" && typeof s.selectedCandidatePairId === "string") {
      pair = byId.get(s.selectedCandidatePairId) ?? pair;
    }
  }
  if (!pair) {
    const pairs = stats.filter((s) => s.type === "candidate-pair");
    pair = pairs.find((s) => s.selected === true) ?? pairs.find((s) => s.nominated === true && s.state === "succeeded");
  }

  let packetsReceived = 0;
  let packetsLost = 0;
  let framesDecoded: number | undefined;
  for (const s of stats) {
    if (s.type !== "inbound-rtp") continue;
    packetsReceived += num(s.packetsReceived) ?? 0;
    packetsLost += Math.max(0, num(s.packetsLost) ?? 0);
    const kind = s.kind ?? s.mediaType;
    const frames = num(s.framesDecoded);
    if (kind === "video" && frames !== undefined) framesDecoded = Math.max(framesDecoded ?? 0, frames);
  }
  return { rttSeconds: pair ? num(pair.currentRoundTripTime) : undefined, packetsReceived, packetsLost, framesDecoded };
}

/** Thresholds (ITU-T G.114-style: under 150 ms one way feels live; loss above a few % shows). */
export const QUALITY_THRESHOLDS = {
  goodRttSeconds: 0.15,
  fairRttSeconds: 0.4,
  goodLoss: 0.02,
  fairLoss: 0.1,
} as const;

/** Fraction of inbound packets lost since `previous` (or overall without one); undefined when nothing arrived. */
export function lossFraction(current: StatsSample, previous?: StatsSample): number | undefined {
  let received = current.packetsReceived;
  let lost = current.packetsLost;
  if (previous) {
    const dReceived = current.packetsReceived - previous.packetsReceived;
    const dLost = current.packetsLost - previous.packetsLost;
    // Counters reset with a new connection: fall back to the totals.
    if (dReceived >= 0 && dLost >= 0) {
      received = dReceived;
      lost = dLost;
    }
  }
  const total = received + lost;
  return total > 0 ? lost / total : undefined;
}

const LEVELS: NetworkQuality[] = ["good", "fair", "poor"];

/** good | fair | poor from the worse of round-trip time and loss; unknown without either. */
export function computeQuality(current: StatsSample, previous?: StatsSample): NetworkQuality {
  const rtt = current.rttSeconds;
  let loss = lossFraction(current, previous);
  // Media flowed before and nothing arrived since the last sample: the link is stalled.
  if (loss === undefined && previous && previous.packetsReceived > 0 && current.packetsReceived === previous.packetsReceived) {
    loss = 1;
  }
  if (rtt === undefined && loss === undefined) return "unknown";
  const t = QUALITY_THRESHOLDS;
  const rttLevel = rtt === undefined ? 0 : rtt <= t.goodRttSeconds ? 0 : rtt <= t.fairRttSeconds ? 1 : 2;
  const lossLevel = loss === undefined ? 0 : loss <= t.goodLoss ? 0 : loss <= t.fairLoss ? 1 : 2;
  return LEVELS[Math.max(rttLevel, lossLevel)]!;
}
