import { toRtcIceServers, type CallInfo, type CallRecordingState, type ScreenSharingChangedEvent, type CallMedia, type CallRole, type ConsultationStatus, type ConsultationView, type SfuInfo } from "./callsApi";
import type { HubLike, JoinCallResult, SignalMessage } from "./callHub";
import { computeQuality, readStatsSample, type NetworkQuality, type StatsSample } from "./networkQuality";
import { PeerSession, type PeerConnectionLike, type PeerState } from "./peerSession";
import { mediaProblem, stopStream, trackDeviceId, type DeviceOption, type MediaProblem } from "./media";
import { hubError } from "../../shared/api/errors";

/**
 * Runs one side of a video consultation: media, /hubs/call signaling, the PeerSession, stats.
 * Plain TS with an external-store surface (subscribe/getSnapshot) for React.
 */

export type CallPhase = "starting" | "inCall" | "left" | "ended" | "failed";
export type SignalingState = "connecting" | "connected" | "reconnecting" | "offline";

export interface CallSnapshot {
  phase: CallPhase;
  role: CallRole | null;
  peerPresent: boolean;
  /** The other participant was in the call and left it (hung up, closed the page): say so, not "waiting to join". */
  peerLeft: boolean;
  peerState: PeerState;
  signaling: SignalingState;
  localStream: MediaStream | null;
  remoteStream: MediaStream | null;
  mediaError: MediaProblem | null;
  joinError: unknown;
  cameraOn: boolean;
  micOn: boolean;
  cameras: DeviceOption[];
  microphones: DeviceOption[];
  cameraId: string;
  microphoneId: string;
  quality: NetworkQuality;
  framesDecoded: number;
  ended: { status: ConsultationStatus; durationSeconds: number | null } | null;
  /** "sfu" once the doctor admitted a guest: the call goes through Janus (SfuStage) and the peer connection is hung up. */
  media: CallMedia;
  /** Where to join the Janus room, when media is "sfu". */
  sfu: SfuCall | null;
  /** From GET /call: the clinic has an SFU, so the doctor may invite guests (null until the call is read). */
  groupCalls: boolean | null;
  /** From GET /call: the recording state as of that read (the page then follows GET /recording). */
  recording: CallRecordingState | null;
  /** The doctor let the patient share a screen (GET /call, then the hub's screenSharingChanged and the doctor's PUT). */
  patientMayShareScreen: boolean;
}

export interface SfuCall {
  info: SfuInfo;
  iceServers: RTCIceServer[];
  iceTransportPolicy: RTCIceTransportPolicy;
}

export interface CallDeps {
  consultationId: string;
  loadCall: () => Promise<CallInfo>;
  loadConsultation: () => Promise<ConsultationView>;
  endConsultation: () => Promise<ConsultationView>;
  createConnection: () => HubLike;
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  listDevices: () => Promise<{ cameras: DeviceOption[]; microphones: DeviceOption[] }>;
  createPeerConnection?: (config: RTCConfiguration) => PeerConnectionLike;
  createMediaStream?: (tracks: MediaStreamTrack[]) => MediaStream;
  /** The hub said the consultation's guests changed (guestsChanged): re-read the list. */
  onGuestsChanged?: () => void;
  /** The hub said the call's recording changed (recordingChanged): re-read its state. */
  onRecordingChanged?: () => void;
  /** Exposes `window.__telemedCall` for browser tests (on by default). */
  exposeForTests?: boolean;
  statsIntervalMs?: number;
  reconnectDelayMs?: number;
}

const FINAL: readonly ConsultationStatus[] = ["completed", "failed"];

const isSfu = (info: CallInfo): boolean => info.media === "sfu" && !!info.sfu;

declare global {
  interface Window {
    __telemedCall?: { readonly peerConnection: PeerConnectionLike | null; readonly consultationId: string };
  }
}

export const INITIAL_CALL_SNAPSHOT: CallSnapshot = {
  phase: "starting",
  role: null,
  peerPresent: false,
  peerLeft: false,
  peerState: "idle",
  signaling: "connecting",
  localStream: null,
  remoteStream: null,
  mediaError: null,
  joinError: null,
  cameraOn: true,
  micOn: true,
  cameras: [],
  microphones: [],
  cameraId: "",
  microphoneId: "",
  quality: "unknown",
  framesDecoded: 0,
  ended: null,
  media: "peer",
  sfu: null,
  groupCalls: null,
  recording: null,
  patientMayShareScreen: false,
};

export class CallController {
  private readonly deps: CallDeps;
  private snapshot: CallSnapshot = INITIAL_CALL_SNAPSHOT;
  private readonly listeners = new Set<() => void>();
  private connection: HubLike | null = null;
  private session: PeerSession | null = null;
  private callInfo: CallInfo | null = null;
  /** GET /call asked at start, alongside the camera and the hub connection (null once used, or failed). */
  private callInfoAhead: Promise<CallInfo | null> | null = null;
  /** The camera's answer. The callee and a group call join after it; the caller (the doctor) joins before, see join(). */
  private mediaReady: Promise<void> = Promise.resolve();
  private mediaPending = false;
  private disposed = false;
  private statsTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private statsBusy = false;
  private statsTick = 0;
  private previousSample: StatsSample | undefined;
  private readonly handlers: [string, (...args: unknown[]) => void][];
  private testHook: Window["__telemedCall"];

  constructor(deps: CallDeps) {
    this.deps = deps;
    this.handlers = [
      ["peerJoined", () => this.onPeerJoined()],
      ["peerLeft", () => this.onPeerLeft()],
      ["signal", (message) => this.onSignal(message as SignalMessage)],
      ["callEnded", (message) => void this.finish((message as { status?: ConsultationStatus } | undefined)?.status)],
      ["guestsChanged", () => this.deps.onGuestsChanged?.()],
      ["mediaChanged", () => void this.onMediaChanged()],
      ["recordingChanged", () => this.deps.onRecordingChanged?.()],
      ["screenSharingChanged", (message) => this.onScreenSharingChanged(message as ScreenSharingChangedEvent | undefined)],
    ];
  }

  // ----- store -----
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): CallSnapshot => this.snapshot;

  private update(patch: Partial<CallSnapshot>): void {
    if (this.disposed) return;
    const next = { ...this.snapshot, ...patch };
    const changed = (Object.keys(patch) as (keyof CallSnapshot)[]).some((k) => next[k] !== this.snapshot[k]);
    if (!changed) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }

  get peerConnection(): PeerConnectionLike | null {
    return this.session?.peerConnection ?? null;
  }

  // ----- lifecycle -----
  async start(): Promise<void> {
    if (this.deps.exposeForTests !== false && typeof window !== "undefined") {
      const currentPeer = () => this.peerConnection;
      this.testHook = {
        get peerConnection() {
          return currentPeer();
        },
        consultationId: this.deps.consultationId,
      };
      window.__telemedCall = this.testHook;
    }
    // The camera, the hub connection and the call's details do not depend on each other: ask for all three at once.
    // One after the other they were most of the call's set-up (the camera alone 300–400 ms, bench/run-consultations.sh).
    this.mediaReady = this.acquireMedia().then(() => {
      if (!this.disposed) void this.refreshDevices();
    });
    this.callInfoAhead = this.deps.loadCall().catch(() => null);

    const connection = this.deps.createConnection();
    this.connection = connection;
    for (const [event, handler] of this.handlers) connection.on(event, handler);
    connection.onreconnecting(() => {
      if (!this.disposed) this.update({ signaling: "reconnecting" });
    });
    connection.onreconnected(() => {
      if (this.disposed) return;
      this.update({ signaling: "connected" });
      if (this.snapshot.phase === "inCall") void this.join(true);
    });
    connection.onclose(() => {
      if (this.disposed || this.isOver()) return;
      this.update({ signaling: "offline" });
      this.scheduleRestart();
    });

    this.statsTimer = setInterval(() => void this.collectStats(), this.deps.statsIntervalMs ?? 1000);
    await this.connectAndJoin();
  }

  dispose(): void {
    if (this.disposed) return;
    this.teardown();
    this.disposed = true;
    this.listeners.clear();
    if (typeof window !== "undefined" && this.testHook && window.__telemedCall === this.testHook) {
      delete window.__telemedCall;
    }
  }

  private isOver(): boolean {
    return this.snapshot.phase === "ended" || this.snapshot.phase === "left";
  }

  private teardown(): void {
    if (this.statsTimer !== undefined) clearInterval(this.statsTimer);
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.statsTimer = undefined;
    this.retryTimer = undefined;
    this.session?.close();
    stopStream(this.snapshot.localStream);
    const connection = this.connection;
    if (connection) {
      for (const [event, handler] of this.handlers) connection.off(event, handler);
      void connection.stop().catch(() => undefined);
    }
    this.connection = null;
  }

  private scheduleRestart(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.connectAndJoin();
    }, this.deps.reconnectDelayMs ?? 3000);
  }

  private async connectAndJoin(): Promise<void> {
    const connection = this.connection;
    if (!connection || this.disposed) return;
    try {
      this.update({ signaling: this.snapshot.signaling === "offline" ? "reconnecting" : this.snapshot.signaling });
      await connection.start();
    } catch {
      if (this.disposed) return;
      this.update({ signaling: "offline" });
      this.scheduleRestart();
      return;
    }
    if (this.disposed) return;
    this.update({ signaling: "connected" });
    if (this.snapshot.phase !== "left") await this.join(this.snapshot.phase === "inCall");
  }

  // ----- media -----
  private acquireMedia(): Promise<void> {
    this.mediaPending = true;
    this.session?.setLocalMediaPending();
    return this.askForMedia().finally(() => {
      this.mediaPending = false;
    });
  }

  private async askForMedia(): Promise<void> {
    let stream: MediaStream | null = null;
    let problem: MediaProblem | null = null;
    try {
      stream = await this.deps.getUserMedia({ video: true, audio: true });
    } catch (error) {
      problem = mediaProblem(error);
      // A missing or busy camera should not keep the microphone out (and the other way round).
      if (problem !== "permissionDenied" && problem !== "insecure" && problem !== "unsupported") {
        for (const constraints of [{ audio: true }, { video: true }] as MediaStreamConstraints[]) {
          try {
            stream = await this.deps.getUserMedia(constraints);
            break;
          } catch {
            /* next */
          }
        }
      }
    }
    // The call may have ended (or the page gone) while the camera was being asked for: it must not stay on.
    if (this.disposed || this.isOver()) {
      stopStream(stream);
      return;
    }
    // A rejoin asked again while the first answer was still coming: only the latest stream stays on.
    if (this.snapshot.localStream && this.snapshot.localStream !== stream) stopStream(this.snapshot.localStream);
    for (const track of stream?.getVideoTracks() ?? []) track.enabled = this.snapshot.cameraOn;
    for (const track of stream?.getAudioTracks() ?? []) track.enabled = this.snapshot.micOn;
    void this.session?.attachLocalStream(stream);
    this.update({
      localStream: stream,
      mediaError: problem,
      cameraId: trackDeviceId(stream?.getVideoTracks()[0]) ?? this.snapshot.cameraId,
      microphoneId: trackDeviceId(stream?.getAudioTracks()[0]) ?? this.snapshot.microphoneId,
    });
  }

  async refreshDevices(): Promise<void> {
    const lists = await this.deps.listDevices().catch(() => ({ cameras: [], microphones: [] }));
    const cameraId = this.snapshot.cameraId || lists.cameras[0]?.deviceId || "";
    const microphoneId = this.snapshot.microphoneId || lists.microphones[0]?.deviceId || "";
    this.update({ cameras: lists.cameras, microphones: lists.microphones, cameraId, microphoneId });
  }

  toggleCamera(): void {
    const on = !this.snapshot.cameraOn;
    for (const track of this.snapshot.localStream?.getVideoTracks() ?? []) track.enabled = on;
    this.update({ cameraOn: on });
  }

  toggleMicrophone(): void {
    const on = !this.snapshot.micOn;
    for (const track of this.snapshot.localStream?.getAudioTracks() ?? []) track.enabled = on;
    this.update({ micOn: on });
  }

  /** Opens the chosen camera or microphone and swaps it into the call without renegotiating. */
  async selectDevice(kind: "video" | "audio", deviceId: string): Promise<void> {
    const constraints: MediaStreamConstraints = kind === "video" ? { video: { deviceId: { exact: deviceId } } } : { audio: { deviceId: { exact: deviceId } } };
    let fresh: MediaStream;
    try {
      fresh = await this.deps.getUserMedia(constraints);
    } catch (error) {
      this.update({ mediaError: mediaProblem(error) });
      return;
    }
    const track = (kind === "video" ? fresh.getVideoTracks() : fresh.getAudioTracks())[0];
    if (!track || this.disposed || this.isOver()) {
      stopStream(fresh);
      return;
    }
    track.enabled = kind === "video" ? this.snapshot.cameraOn : this.snapshot.micOn;
    const old = this.snapshot.localStream;
    const kept = (old?.getTracks() ?? []).filter((t) => t.kind !== kind);
    for (const t of old?.getTracks() ?? []) if (t.kind === kind) t.stop();
    const stream = (this.deps.createMediaStream ?? ((tracks: MediaStreamTrack[]) => new MediaStream(tracks)))([...kept, track]);
    this.session?.setLocalStream(stream);
    await this.session?.replaceTrack(kind, track);
    this.update({
      localStream: stream,
      mediaError: null,
      ...(kind === "video" ? { cameraId: deviceId } : { microphoneId: deviceId }),
    });
  }

  // ----- signaling -----
  private createSession(info: CallInfo): PeerSession {
    const session = new PeerSession({
      role: info.role === "caller" ? "caller" : "callee",
      iceServers: toRtcIceServers(info.iceServers),
      iceTransportPolicy: info.iceTransportPolicy === "relay" ? "relay" : "all",
      send: (kind, payload) => this.connection?.invoke("SendSignal", this.deps.consultationId, kind, payload) ?? Promise.resolve(),
      createPeerConnection: this.deps.createPeerConnection,
      createMediaStream: this.deps.createMediaStream ? () => this.deps.createMediaStream!([]) : undefined,
      onRemoteStream: (stream) => this.update({ remoteStream: stream, ...(stream ? {} : { framesDecoded: 0 }) }),
      onStateChange: (state) => this.update({ peerState: state }),
    });
    session.setLocalStream(this.snapshot.localStream);
    if (this.mediaPending) session.setLocalMediaPending();
    return session;
  }

  /** Keeps the call's details and shows what the page needs of them (group calls, recording); returns them. */
  private setCallInfo(info: CallInfo): CallInfo {
    this.callInfo = info;
    this.update({ groupCalls: info.groupCalls ?? false, recording: info.recording ?? null, patientMayShareScreen: info.patientMayShareScreen ?? false });
    return info;
  }

  // ----- the patient's screen sharing -----
  private onScreenSharingChanged(message: ScreenSharingChangedEvent | undefined): void {
    if (!message || typeof message.patientAllowed !== "boolean" || this.isOver()) return;
    if (message.consultationId && message.consultationId !== this.deps.consultationId) return;
    this.update({ patientMayShareScreen: message.patientAllowed });
  }

  /** The doctor's PUT /screen-sharing answered: its state is the newest. */
  setPatientMayShareScreen(allowed: boolean): void {
    this.update({ patientMayShareScreen: allowed });
  }

  /** After joining the call's group: a screenSharingChanged may have been missed; GET /call says the permission now. */
  /**
   * GET /call again once joined: the screen-sharing permission, and the recording state, which the page's recording bar
   * starts from. GET /call is asked before JoinCall (alongside the camera), so a request to record made in between reached
   * neither that read nor this page's hub group; without this the patient would never see the consent dialog.
   */
  private async refreshAfterJoin(): Promise<void> {
    let info: CallInfo;
    try {
      info = await this.deps.loadCall();
    } catch {
      return;
    }
    if (this.disposed || this.isOver()) return;
    const recording = info.recording ?? null;
    const changed = JSON.stringify(recording) !== JSON.stringify(this.snapshot.recording);
    this.update({ patientMayShareScreen: info.patientMayShareScreen ?? false, ...(changed ? { recording } : {}) });
  }

  private async invokeJoin(): Promise<JoinCallResult> {
    const connection = this.connection;
    if (!connection) throw new Error("not connected");
    if (!this.callInfo) {
      const ahead = this.callInfoAhead;
      this.callInfoAhead = null;
      this.callInfo = this.setCallInfo((ahead && (await ahead)) ?? (await this.deps.loadCall()));
    }
    // The caller of a two-party call connects while its camera starts (PeerSession.setLocalMediaPending): the offer, the
    // answer, ICE and DTLS overlap the camera's start. The callee answers with its tracks, and a group call publishes them,
    // so both wait for the camera; so does the caller while the camera is asked for again after leaving.
    if (this.callInfo.role !== "caller" || isSfu(this.callInfo)) await this.mediaReady;
    if (this.disposed) throw new Error("disposed");
    // Ready before joining: the other side may signal the moment we are in the call's group,
    // even before JoinCall's own answer is handled. (A group call has no peer connection.)
    if (!this.session && !this.disposed && !isSfu(this.callInfo)) this.session = this.createSession(this.callInfo);
    try {
      return (await connection.invoke("JoinCall", this.deps.consultationId, this.callInfo.callToken)) as JoinCallResult;
    } catch {
      // The token may have expired: ask for a fresh one once.
      this.callInfo = this.setCallInfo(await this.deps.loadCall());
      return (await connection.invoke("JoinCall", this.deps.consultationId, this.callInfo.callToken)) as JoinCallResult;
    }
  }

  private async join(rejoin: boolean): Promise<void> {
    let result: JoinCallResult;
    try {
      result = await this.invokeJoin();
    } catch (error) {
      if (this.disposed) return;
      // Refused: the consultation may have ended meanwhile.
      const view = await this.deps.loadConsultation().catch(() => null);
      if (view && FINAL.includes(view.status)) {
        await this.finish(view.status, view);
        return;
      }
      if (!rejoin) this.update({ phase: "failed", joinError: hubError(error) });
      return;
    }
    if (this.disposed || this.isOver()) return;
    // Events sent before this page was in the call's group (between GET /call and JoinCall, or during a cut) never
    // reached it: read the recording and screen-sharing state again now that nothing more can be missed.
    this.deps.onRecordingChanged?.();
    this.deps.onGuestsChanged?.();
    void this.refreshAfterJoin();
    const info = this.callInfo!;
    if (isSfu(info)) {
      this.update({ phase: "inCall", role: result.role ?? info.role, peerPresent: result.peerPresent, joinError: null });
      this.enterSfu(info);
      return;
    }
    this.session ??= this.createSession(info);
    this.update({ phase: "inCall", role: result.role ?? info.role, peerPresent: result.peerPresent, joinError: null });
    if (rejoin) await this.session.rejoined(result.peerPresent);
    else if (result.peerPresent) await this.session.peerJoined();
  }

  // ----- group calls (Janus) -----
  /** mediaChanged: the doctor admitted a first guest; fetch the Janus details and hang up the peer connection. */
  private async onMediaChanged(): Promise<void> {
    if (this.isOver() || this.snapshot.media === "sfu") return;
    let info: CallInfo;
    try {
      info = await this.deps.loadCall();
    } catch {
      return;
    }
    if (this.disposed || this.isOver() || !isSfu(info)) return;
    this.setCallInfo(info);
    this.enterSfu(info);
  }

  private enterSfu(info: CallInfo): void {
    this.session?.close();
    this.session = null;
    this.previousSample = undefined;
    this.update({
      media: "sfu",
      sfu: {
        info: info.sfu!,
        iceServers: toRtcIceServers(info.iceServers),
        iceTransportPolicy: info.iceTransportPolicy === "relay" ? "relay" : "all",
      },
      remoteStream: null,
      peerState: "idle",
      quality: "unknown",
      framesDecoded: 0,
    });
  }

  private onPeerJoined(): void {
    if (this.isOver()) return;
    this.update({ peerPresent: true, peerLeft: false });
    if (this.snapshot.media === "sfu") return;
    void this.session?.peerJoined();
  }

  private onPeerLeft(): void {
    if (this.isOver()) return;
    this.update({ peerPresent: false, peerLeft: true });
    this.session?.peerLeft();
  }

  private onSignal(message: SignalMessage | undefined): void {
    if (!message || !this.session || this.isOver()) return;
    if (message.kind === "bye") this.update({ peerPresent: false, peerLeft: true });
    void this.session.handleSignal(message.kind, message.payload);
  }

  // ----- ending -----
  /** The doctor ends the consultation (POST /end); errors go to the caller. */
  async end(): Promise<void> {
    const view = await this.deps.endConsultation();
    await this.finish(view.status, view);
  }

  /** The patient leaves; the doctor can call them back (Rejoin). */
  async leave(): Promise<void> {
    if (this.isOver()) return;
    await this.session?.bye();
    await this.connection?.invoke("LeaveCall", this.deps.consultationId).catch(() => undefined);
    stopStream(this.snapshot.localStream);
    this.session?.setLocalStream(null);
    this.update({ phase: "left", localStream: null, remoteStream: null, peerPresent: false, quality: "unknown", framesDecoded: 0 });
  }

  async rejoin(): Promise<void> {
    if (this.snapshot.phase !== "left") return;
    this.update({ phase: "starting" });
    this.mediaReady = this.acquireMedia();
    await this.mediaReady;
    if (this.disposed) return;
    this.callInfo = null;
    if (this.snapshot.signaling !== "connected") {
      await this.connectAndJoin();
      return;
    }
    await this.join(false);
  }

  private async finish(status?: ConsultationStatus, view?: ConsultationView): Promise<void> {
    if (this.snapshot.phase === "ended" || this.disposed) return;
    this.teardown();
    this.update({
      phase: "ended",
      localStream: null,
      remoteStream: null,
      peerPresent: false,
      ended: { status: view?.status ?? status ?? "completed", durationSeconds: view?.durationSeconds ?? null },
    });
    const fresh = await this.deps.loadConsultation().catch(() => null);
    if (fresh) this.update({ ended: { status: fresh.status, durationSeconds: fresh.durationSeconds ?? view?.durationSeconds ?? null } });
  }

  // ----- stats -----
  private async collectStats(): Promise<void> {
    const pc = this.peerConnection;
    if (!pc || this.statsBusy || this.disposed) return;
    this.statsBusy = true;
    try {
      const sample = readStatsSample(await pc.getStats());
      if (this.disposed) return;
      this.statsTick += 1;
      const patch: Partial<CallSnapshot> = {};
      if (sample.framesDecoded !== undefined) patch.framesDecoded = sample.framesDecoded;
      if (this.statsTick % 2 === 0) {
        patch.quality = computeQuality(sample, this.previousSample);
        this.previousSample = sample;
      }
      this.update(patch);
    } catch {
      /* a closed connection has no stats */
    } finally {
      this.statsBusy = false;
    }
  }
}
