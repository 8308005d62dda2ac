/** Test doubles for WebRTC: a scriptable RTCPeerConnection, tracks and streams (jsdom has none). */
import type { PeerConnectionLike } from "./peerSession";

export class FakeTrack {
  enabled = true;
  stopped = false;
  readyState: MediaStreamTrackState = "live";
  readonly id: string;
  private readonly endedListeners: (() => void)[] = [];
  constructor(
    readonly kind: "audio" | "video",
    readonly deviceId = `${kind}-default`,
  ) {
    this.id = `${kind}-${Math.random().toString(36).slice(2, 8)}`;
  }
  stop() {
    this.stopped = true;
    this.readyState = "ended";
  }
  getSettings() {
    return { deviceId: this.deviceId };
  }
  addEventListener(type: string, listener: () => void) {
    if (type === "ended") this.endedListeners.push(listener);
  }
  /** The browser ended the track (the user pressed its own "Stop sharing"): "ended" fires. */
  end() {
    this.readyState = "ended";
    for (const listener of this.endedListeners) listener();
  }
}

export class FakeStream {
  readonly id = `stream-${Math.random().toString(36).slice(2, 8)}`;
  constructor(private tracks: FakeTrack[] = []) {}
  getTracks() {
    return [...this.tracks];
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === "video");
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === "audio");
  }
  addTrack(track: FakeTrack) {
    this.tracks.push(track);
  }
  removeTrack(track: FakeTrack) {
    this.tracks = this.tracks.filter((t) => t !== track);
  }
}

export const asStream = (s: FakeStream) => s as unknown as MediaStream;

interface FakeTransceiver {
  direction: RTCRtpTransceiverDirection;
  sender: { track: FakeTrack | null; replaceTrack: (t: FakeTrack | null) => Promise<void> };
  receiver: { track: { kind: string } };
}

let pcCounter = 0;

export class FakePeerConnection {
  readonly name = `pc${++pcCounter}`;
  signalingState: RTCSignalingState = "stable";
  iceConnectionState: RTCIceConnectionState = "new";
  remoteDescription: RTCSessionDescriptionInit | null = null;
  localDescription: RTCSessionDescriptionInit | null = null;
  onicecandidate: ((event: { candidate: { toJSON(): RTCIceCandidateInit } | null }) => void) | null = null;
  ontrack: ((event: { track: FakeTrack; streams: FakeStream[] }) => void) | null = null;
  oniceconnectionstatechange: (() => void) | null = null;
  transceivers: FakeTransceiver[] = [];
  offerOptions: (RTCOfferOptions | undefined)[] = [];
  localCalls: string[] = [];
  remoteCandidates: RTCIceCandidateInit[] = [];
  closed = false;
  stats: Map<string, Record<string, unknown>> = new Map();
  private offers = 0;

  constructor(readonly config: RTCConfiguration) {}

  private transceiver(kind: string, track: FakeTrack | null, direction: RTCRtpTransceiverDirection): FakeTransceiver {
    const t: FakeTransceiver = {
      direction,
      sender: {
        track,
        replaceTrack: async (next) => {
          t.sender.track = next;
        },
      },
      receiver: { track: { kind } },
    };
    this.transceivers.push(t);
    return t;
  }

  addTrack(track: FakeTrack) {
    return this.transceiver(track.kind, track, "sendrecv").sender;
  }
  addTransceiver(kind: string, init?: RTCRtpTransceiverInit) {
    return this.transceiver(kind, null, init?.direction ?? "sendrecv");
  }
  getTransceivers() {
    return this.transceivers;
  }
  getSenders() {
    return this.transceivers.map((t) => t.sender);
  }
  async createOffer(options?: RTCOfferOptions) {
    this.offerOptions.push(options);
    this.offers += 1;
    return { type: "offer" as const, sdp: `${this.name}-offer-${this.offers}${options?.iceRestart ? "-restart" : ""}` };
  }
  async createAnswer() {
    return { type: "answer" as const, sdp: `${this.name}-answer` };
  }
  async setLocalDescription(description: RTCSessionDescriptionInit) {
    this.localCalls.push(description.type ?? "");
    if (description.type === "rollback") {
      this.signalingState = "stable";
      this.localDescription = null;
      return;
    }
    this.localDescription = description;
    this.signalingState = description.type === "offer" ? "have-local-offer" : "stable";
  }
  async setRemoteDescription(description: RTCSessionDescriptionInit) {
    if (description.type === "answer" && this.signalingState !== "have-local-offer") throw new Error("wrong state");
    this.remoteDescription = description;
    this.signalingState = description.type === "offer" ? "have-remote-offer" : "stable";
  }
  async addIceCandidate(candidate: RTCIceCandidateInit) {
    this.remoteCandidates.push(candidate);
  }
  async getStats() {
    return this.stats;
  }
  close() {
    this.closed = true;
    this.signalingState = "closed";
  }

  // ----- test controls -----
  gather(candidate: string) {
    this.onicecandidate?.({ candidate: { toJSON: () => ({ candidate, sdpMid: "0", sdpMLineIndex: 0 }) } });
  }
  setIce(state: RTCIceConnectionState) {
    this.iceConnectionState = state;
    this.oniceconnectionstatechange?.();
  }
  receiveTrack(track: FakeTrack, stream: FakeStream) {
    this.ontrack?.({ track, streams: [stream] });
  }
}

/** A factory that remembers every connection it made. */
export function fakePeerConnections() {
  const made: FakePeerConnection[] = [];
  const create = (config: RTCConfiguration) => {
    const pc = new FakePeerConnection(config);
    made.push(pc);
    return pc as unknown as PeerConnectionLike;
  };
  return { made, create, last: () => made[made.length - 1]! };
}

export { FakeHub } from "../../test/fakeHub";
