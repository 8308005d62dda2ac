/** The slice of janus.js the SFU session uses (so tests can pass a fake; janusClient.ts adapts the real one). */

export interface JanusJsep {
  type?: string;
  sdp?: string;
}

export interface JanusMessage {
  videoroom?: string;
  id?: number;
  private_id?: number;
  publishers?: { id: number; display?: string }[];
  unpublished?: number | "ok";
  leaving?: number | "ok";
  /** Another participant was kicked by the room's owner (their feed id). */
  kicked?: number;
  reason?: string;
  error?: string;
  error_code?: number;
  [key: string]: unknown;
}

export interface JanusTrackOption {
  type: "audio" | "video" | "data";
  capture?: boolean | MediaStreamTrack;
  recv?: boolean;
  simulcast?: boolean;
  simulcastMaxBitrates?: { high: number; medium: number; low: number };
  dontStop?: boolean;
  replace?: boolean;
  mid?: string;
}

export interface JanusHandleLike {
  getId(): string | number;
  send(params: { message: Record<string, unknown>; jsep?: JanusJsep; success?: (data?: unknown) => void; error?: (error: string) => void }): void;
  createOffer(params: { tracks: JanusTrackOption[]; success: (jsep: JanusJsep) => void; error: (error: unknown) => void }): void;
  createAnswer(params: { jsep: JanusJsep; tracks: JanusTrackOption[]; success: (jsep: JanusJsep) => void; error: (error: unknown) => void }): void;
  handleRemoteJsep(params: { jsep: JanusJsep; error?: (error: unknown) => void }): void;
  replaceTracks?(params: { tracks: JanusTrackOption[]; success?: () => void; error?: (error: unknown) => void }): void;
  hangup(sendRequest?: boolean): void;
  detach(params?: { success?: () => void; error?: (error: string) => void }): void;
  webrtcStuff?: { pc?: { getStats(): Promise<RTCStatsReport> } | null };
}

export interface JanusAttachCallbacks {
  plugin: string;
  success: (handle: JanusHandleLike) => void;
  error: (error: unknown) => void;
  onmessage?: (message: JanusMessage, jsep?: JanusJsep) => void;
  onremotetrack?: (track: MediaStreamTrack, mid: string, on: boolean) => void;
  onlocaltrack?: (track: MediaStreamTrack, on: boolean) => void;
  webrtcState?: (up: boolean, reason?: string) => void;
  iceState?: (state: string) => void;
  oncleanup?: () => void;
  ondetached?: () => void;
}

export interface JanusLike {
  attach(callbacks: JanusAttachCallbacks): void;
  destroy(params?: { success?: () => void; error?: (error: string) => void }): void;
}

export interface JanusSessionOptions {
  server: string;
  token: string;
  iceServers?: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** The session dropped after it was opened. */
  onLost?: (reason: string) => void;
}
