import type { SignalKind } from "./callHub";

/**
 * One side of a two-party WebRTC call, independent of React and of SignalR.
 *
 * Protocol (payloads are JSON strings, relayed by /hubs/call `SendSignal`):
 * - offer     `{ type: "offer", sdp, session, restart }` — only the caller (the doctor) sends offers.
 *   `session` names one RTCPeerConnection pair; a new session means "start afresh" (first contact or a
 *   participant who re-joined with a new page); `restart: true` is an ICE restart of the same session.
 * - answer    `{ type: "answer", sdp, session }`, or `{ session, newSession: true }` when the callee
 *   does not know the session of a restart offer (it re-joined): the caller then starts a new session.
 * - candidate `{ session, candidate }` (trickle ICE; candidates of other sessions are dropped).
 * - bye       `{ session }` — the other side left on purpose; close and wait for it to come back.
 *
 * Glare: the callee is "polite" (rolls back its own offer when one crosses), the caller "impolite"
 * (ignores a crossing offer); offers and answers are handled one at a time.
 */

export type PeerRole = "caller" | "callee";
export type PeerState = "idle" | "connecting" | "connected" | "reconnecting" | "closed";

/** The part of RTCPeerConnection the session uses (a fake in tests). */
export type PeerConnectionLike = Pick<
  RTCPeerConnection,
  | "signalingState"
  | "iceConnectionState"
  | "remoteDescription"
  | "localDescription"
  | "onicecandidate"
  | "ontrack"
  | "oniceconnectionstatechange"
  | "addTrack"
  | "addTransceiver"
  | "getTransceivers"
  | "getSenders"
  | "createOffer"
  | "createAnswer"
  | "setLocalDescription"
  | "setRemoteDescription"
  | "addIceCandidate"
  | "getStats"
  | "close"
>;

export interface PeerSessionOptions {
  role: PeerRole;
  iceServers: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** Sends one signal to the other participant (SendSignal). */
  send: (kind: SignalKind, payload: string) => Promise<unknown>;
  createPeerConnection?: (config: RTCConfiguration) => PeerConnectionLike;
  createMediaStream?: () => MediaStream;
  newId?: () => string;
  onRemoteStream?: (stream: MediaStream | null) => void;
  onStateChange?: (state: PeerState) => void;
  onError?: (error: unknown) => void;
  /** ICE `disconnected` for this long makes the caller restart ICE. */
  disconnectGraceMs?: number;
  /** After an ICE restart that has not connected within this time, the caller tries again. */
  restartRetryMs?: number;
}

export const DISCONNECT_GRACE_MS = 3000;
export const RESTART_RETRY_MS = 10000;

interface OfferPayload {
  type: "offer";
  sdp: string;
  session: string;
  restart?: boolean;
}
interface AnswerPayload {
  type?: "answer";
  sdp?: string;
  session: string;
  newSession?: boolean;
}
interface CandidatePayload {
  session: string;
  candidate: RTCIceCandidateInit | null;
}

function parse<T>(payload: string): T | undefined {
  try {
    const value = JSON.parse(payload) as unknown;
    return typeof value === "object" && value !== null ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

function defaultId(): string {
  if (typeof crypto !== "undefined" && typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

const UP: readonly RTCIceConnectionState[] = ["connected", "completed"];

export class PeerSession {
  private readonly options: PeerSessionOptions;
  private pc: PeerConnectionLike | null = null;
  private sessionId: string | null = null;
  private localStream: MediaStream | null = null;
  private remoteStream: MediaStream | null = null;
  private pendingCandidates: RTCIceCandidateInit[] = [];
  private peerPresent = false;
  private everConnected = false;
  private state: PeerState = "idle";
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  private disconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** The camera and microphone are still being asked for (the caller connects meanwhile): see {@link setLocalMediaPending}. */
  private mediaPending = false;
  private pendingStream: MediaStream | null = null;
  /** A kind turned receive-only while an offer was out: offer again once its answer is in. */
  private renegotiateAfterAnswer = false;

  constructor(options: PeerSessionOptions) {
    this.options = options;
  }

  get role(): PeerRole {
    return this.options.role;
  }

  /** The current RTCPeerConnection (replaced when a new session starts). */
  get peerConnection(): PeerConnectionLike | null {
    return this.pc;
  }

  get currentSession(): string | null {
    return this.sessionId;
  }

  get currentState(): PeerState {
    return this.state;
  }

  /** Tracks of this stream are sent on every new connection; swap tracks in place with replaceTrack. */
  setLocalStream(stream: MediaStream | null): void {
    this.localStream = stream;
  }

  /**
   * The caller's camera and microphone are still being asked for. Until {@link attachLocalStream}, a new connection offers
   * send-and-receive audio and video without tracks, so offer, answer, ICE and DTLS run while the camera starts (it took
   * 300–500 ms of the call's set-up in bench/run-consultations.sh) and its tracks go in later without renegotiating.
   */
  setLocalMediaPending(): void {
    this.mediaPending = true;
  }

  /**
   * The camera's answer. On a connection made while it was pending, each track goes into its transceiver (no
   * renegotiation); a kind that has no track (no camera, permission refused) becomes receive-only through a new offer of the
   * same session, so the other side shows "no camera" rather than a black picture. Otherwise the same as setLocalStream.
   */
  attachLocalStream(stream: MediaStream | null): Promise<void> {
    this.localStream = stream;
    const wasPending = this.mediaPending;
    this.mediaPending = false;
    if (!wasPending) return Promise.resolve();
    return this.run(async () => {
      const pc = this.pc;
      if (!pc || this.closed) return;
      let receiveOnly = false;
      for (const kind of ["audio", "video"] as const) {
        const transceiver = pc.getTransceivers().find((t) => t.receiver.track?.kind === kind && t.direction === "sendrecv" && !t.sender.track);
        if (!transceiver) continue;
        const track = stream?.getTracks().find((t) => t.kind === kind);
        if (track) {
          await transceiver.sender.replaceTrack(track);
        } else {
          transceiver.direction = "recvonly";
          receiveOnly = true;
        }
      }
      if (!receiveOnly || this.options.role !== "caller" || !this.sessionId) return;
      if (pc.signalingState === "stable") await this.sendOffer(false);
      else this.renegotiateAfterAnswer = true;
    });
  }

  /** The other participant is in the call (JoinCall said peerPresent, or `peerJoined`). */
  peerJoined(): Promise<void> {
    this.peerPresent = true;
    return this.run(async () => {
      if (this.options.role !== "caller") {
        if (!this.pc || this.state === "idle") this.setState("connecting");
        return;
      }
      if (this.pc && this.sessionId && this.everConnected && this.pc.remoteDescription) {
        // It may have kept its connection (a signaling blip) or come back with a new page: an ICE
        // restart of the same session serves the first, and the callee asks for a new session otherwise.
        await this.sendOffer(true);
        this.scheduleRestartCheck();
      } else {
        await this.startNewSession();
      }
    });
  }

  /** The other participant's signaling left; media may still flow, so the connection stays. */
  peerLeft(): void {
    this.peerPresent = false;
    this.clearTimers();
  }

  /** After our own signaling re-joined: the caller renegotiates when media is not flowing. */
  rejoined(peerPresent: boolean): Promise<void> {
    if (!peerPresent) {
      this.peerLeft();
      return Promise.resolve();
    }
    if (this.options.role === "caller" && this.pc && UP.includes(this.pc.iceConnectionState)) {
      this.peerPresent = true;
      return Promise.resolve();
    }
    return this.peerJoined();
  }

  handleSignal(kind: string, payload: string): Promise<void> {
    return this.run(async () => {
      if (this.closed) return;
      switch (kind) {
        case "offer": {
          const offer = parse<OfferPayload>(payload);
          if (offer?.sdp && offer.session) await this.onOffer(offer);
          break;
        }
        case "answer": {
          const answer = parse<AnswerPayload>(payload);
          if (answer?.session) await this.onAnswer(answer);
          break;
        }
        case "candidate": {
          const candidate = parse<CandidatePayload>(payload);
          if (candidate?.session) await this.onCandidate(candidate);
          break;
        }
        case "bye": {
          this.peerPresent = false;
          this.closePc();
          this.sessionId = null;
          this.setState("idle");
          break;
        }
        default:
          break;
      }
    });
  }

  /** ICE restart (the caller only; the callee's connection recovers through the caller's offer). */
  restartIce(): Promise<void> {
    return this.run(async () => {
      if (this.closed || this.options.role !== "caller" || !this.peerPresent) return;
      if (!this.pc || !this.sessionId || !this.pc.remoteDescription) {
        await this.startNewSession();
        return;
      }
      this.setState("reconnecting");
      await this.sendOffer(true);
      this.scheduleRestartCheck();
    });
  }

  /** Swaps the outgoing track of a kind (device change) without renegotiating. */
  async replaceTrack(kind: "audio" | "video", track: MediaStreamTrack | null): Promise<void> {
    const pc = this.pc;
    if (!pc) return;
    const transceiver = pc
      .getTransceivers()
      .find((t) => (t.sender.track?.kind ?? t.receiver.track?.kind) === kind && t.direction !== "stopped");
    if (transceiver) await transceiver.sender.replaceTrack(track);
  }

  /** Tells the other side we leave on purpose and closes the connection (we may come back). */
  async bye(): Promise<void> {
    const session = this.sessionId;
    this.closePc();
    this.sessionId = null;
    this.setState("idle");
    if (session) await this.options.send("bye", JSON.stringify({ session })).catch(() => undefined);
  }

  /** Ends the session for good. */
  close(): void {
    this.closed = true;
    this.closePc();
    this.setState("closed");
  }

  // ---------------------------------------------------------------------------------------------

  private run(task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((error: unknown) => this.options.onError?.(error));
    this.queue = next;
    return next;
  }

  private setState(state: PeerState): void {
    if (this.state === state || (this.state === "closed" && state !== "closed")) return;
    this.state = state;
    this.options.onStateChange?.(state);
  }

  private clearTimers(): void {
    if (this.disconnectTimer !== undefined) clearTimeout(this.disconnectTimer);
    if (this.restartTimer !== undefined) clearTimeout(this.restartTimer);
    this.disconnectTimer = undefined;
    this.restartTimer = undefined;
  }

  private scheduleRestartCheck(): void {
    if (this.restartTimer !== undefined) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      const pc = this.pc;
      if (pc && !UP.includes(pc.iceConnectionState) && this.peerPresent) void this.restartIce();
    }, this.options.restartRetryMs ?? RESTART_RETRY_MS);
  }

  private closePc(): void {
    this.clearTimers();
    const pc = this.pc;
    this.pc = null;
    this.pendingCandidates = [];
    this.everConnected = false;
    this.renegotiateAfterAnswer = false;
    if (pc) {
      pc.onicecandidate = null;
      pc.ontrack = null;
      pc.oniceconnectionstatechange = null;
      pc.close();
    }
    if (this.remoteStream) {
      this.remoteStream = null;
      this.options.onRemoteStream?.(null);
    }
  }

  private newPc(): PeerConnectionLike {
    this.closePc();
    const config: RTCConfiguration = {
      iceServers: this.options.iceServers,
      iceTransportPolicy: this.options.iceTransportPolicy ?? "all",
    };
    const create = this.options.createPeerConnection ?? ((c: RTCConfiguration) => new RTCPeerConnection(c));
    const pc = create(config);
    this.pc = pc;

    pc.onicecandidate = (event) => {
      if (pc !== this.pc || !event.candidate || !this.sessionId) return;
      const candidate = typeof event.candidate.toJSON === "function" ? event.candidate.toJSON() : event.candidate;
      const payload: CandidatePayload = { session: this.sessionId, candidate };
      void this.options.send("candidate", JSON.stringify(payload)).catch((error: unknown) => this.options.onError?.(error));
    };
    pc.ontrack = (event) => {
      if (pc !== this.pc) return;
      let stream = event.streams[0];
      if (!stream) {
        stream = this.remoteStream ?? (this.options.createMediaStream ?? (() => new MediaStream()))();
        if (!stream.getTracks().includes(event.track)) stream.addTrack(event.track);
      }
      if (stream !== this.remoteStream) {
        this.remoteStream = stream;
        this.options.onRemoteStream?.(stream);
      }
    };
    pc.oniceconnectionstatechange = () => {
      if (pc !== this.pc) return;
      this.onIceState(pc.iceConnectionState);
    };

    const tracks = this.localStream?.getTracks() ?? [];
    for (const kind of ["audio", "video"] as const) {
      const track = tracks.find((t) => t.kind === kind);
      if (track && this.localStream) pc.addTrack(track, this.localStream);
      else if (this.options.role === "caller" && this.mediaPending) {
        // The track comes later (attachLocalStream); the stream gives the other side one stream for both kinds.
        this.pendingStream ??= (this.options.createMediaStream ?? (() => new MediaStream()))();
        pc.addTransceiver(kind, { direction: "sendrecv", streams: [this.pendingStream] });
      } else if (this.options.role === "caller") pc.addTransceiver(kind, { direction: "recvonly" });
    }
    return pc;
  }

  private onIceState(state: RTCIceConnectionState): void {
    if (UP.includes(state)) {
      this.clearTimers();
      this.everConnected = true;
      this.setState("connected");
      return;
    }
    if (state === "disconnected") {
      this.setState("reconnecting");
      if (this.disconnectTimer === undefined) {
        this.disconnectTimer = setTimeout(() => {
          this.disconnectTimer = undefined;
          if (this.pc?.iceConnectionState === "disconnected") void this.restartIce();
        }, this.options.disconnectGraceMs ?? DISCONNECT_GRACE_MS);
      }
      return;
    }
    if (state === "failed") {
      this.setState("reconnecting");
      void this.restartIce();
      return;
    }
    if ((state === "new" || state === "checking") && !this.everConnected) this.setState("connecting");
  }

  private async startNewSession(): Promise<void> {
    this.newPc();
    this.sessionId = (this.options.newId ?? defaultId)();
    this.setState("connecting");
    await this.sendOffer(false);
  }

  private async sendOffer(restart: boolean): Promise<void> {
    const pc = this.pc;
    const session = this.sessionId;
    if (!pc || !session) return;
    const offer = await pc.createOffer(restart ? { iceRestart: true } : undefined);
    if (pc !== this.pc) return;
    await pc.setLocalDescription(offer);
    const payload: OfferPayload = { type: "offer", sdp: offer.sdp ?? "", session, restart };
    await this.options.send("offer", JSON.stringify(payload));
  }

  private async onOffer(offer: OfferPayload): Promise<void> {
    const polite = this.options.role === "callee";
    if (offer.session !== this.sessionId) {
      if (offer.restart) {
        // We do not have that session any more (this page re-joined): ask for a new one.
        const reply: AnswerPayload = { session: offer.session, newSession: true };
        await this.options.send("answer", JSON.stringify(reply));
        return;
      }
      if (!polite && this.sessionId) return; // the caller owns sessions: a crossing one is ignored
      this.newPc();
      this.sessionId = offer.session;
      this.setState("connecting");
    }
    const pc = this.pc;
    if (!pc) return;
    if (pc.signalingState !== "stable") {
      if (!polite) return; // glare: the impolite side keeps its own offer
      await pc.setLocalDescription({ type: "rollback" });
    }
    await pc.setRemoteDescription({ type: "offer", sdp: offer.sdp });
    await this.flushCandidates(pc);
    const answer = await pc.createAnswer();
    if (pc !== this.pc) return;
    await pc.setLocalDescription(answer);
    const reply: AnswerPayload = { type: "answer", sdp: answer.sdp ?? "", session: offer.session };
    await this.options.send("answer", JSON.stringify(reply));
  }

  private async onAnswer(answer: AnswerPayload): Promise<void> {
    if (answer.session !== this.sessionId) return; // an answer to an older session
    if (answer.newSession) {
      if (this.options.role === "caller") await this.startNewSession();
      return;
    }
    const pc = this.pc;
    if (!pc || pc.signalingState !== "have-local-offer" || !answer.sdp) return;
    try {
      await pc.setRemoteDescription({ type: "answer", sdp: answer.sdp });
    } catch (error) {
      // E.g. an answer from a different connection than the one we negotiated with: start afresh.
      this.options.onError?.(error);
      if (this.options.role === "caller") await this.startNewSession();
      return;
    }
    await this.flushCandidates(pc);
    if (this.renegotiateAfterAnswer && pc === this.pc) {
      this.renegotiateAfterAnswer = false;
      await this.sendOffer(false);
    }
  }

  private async onCandidate(message: CandidatePayload): Promise<void> {
    if (message.session !== this.sessionId || !message.candidate) return;
    const pc = this.pc;
    if (!pc) return;
    // Until the matching description is applied (also during an ICE restart) candidates wait.
    if (!pc.remoteDescription || pc.signalingState === "have-local-offer") {
      this.pendingCandidates.push(message.candidate);
      return;
    }
    await pc.addIceCandidate(message.candidate).catch((error: unknown) => this.options.onError?.(error));
  }

  private async flushCandidates(pc: PeerConnectionLike): Promise<void> {
    const pending = this.pendingCandidates;
    this.pendingCandidates = [];
    for (const candidate of pending) {
      if (pc !== this.pc) return;
      await pc.addIceCandidate(candidate).catch((error: unknown) => this.options.onError?.(error));
    }
  }
}
