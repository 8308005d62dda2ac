/** Camera and microphone helpers shared by the call page and the device check. */

export type MediaProblem = "permissionDenied" | "noDevice" | "inUse" | "insecure" | "unsupported" | "other";

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface DeviceLists {
  cameras: DeviceOption[];
  microphones: DeviceOption[];
}

/** A readable reason (an i18n key under calls.media) for a getUserMedia failure. */
export function mediaProblem(error: unknown): MediaProblem {
  const name = typeof error === "object" && error !== null && "name" in error ? String((error as { name: unknown }).name) : "";
  switch (name) {
    case "NotAllowedError":
    case "PermissionDeniedError":
      return "permissionDenied";
    case "NotFoundError":
    case "DevicesNotFoundError":
    case "OverconstrainedError":
      return "noDevice";
    case "NotReadableError":
    case "TrackStartError":
    case "AbortError":
      return "inUse";
    case "SecurityError":
      return "insecure";
    case "NotSupportedError":
    case "TypeError":
      return "unsupported";
    default:
      return "other";
  }
}

export function hasMediaDevices(): boolean {
  return typeof navigator !== "undefined" && !!navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === "function";
}

export function getUserMedia(constraints: MediaStreamConstraints): Promise<MediaStream> {
  if (!hasMediaDevices()) {
    const secure = typeof window === "undefined" || window.isSecureContext !== false;
    return Promise.reject(new DOMException("Media devices are not available", secure ? "NotSupportedError" : "SecurityError"));
  }
  return navigator.mediaDevices.getUserMedia(constraints);
}

export async function listDevices(): Promise<DeviceLists> {
  if (!hasMediaDevices() || typeof navigator.mediaDevices.enumerateDevices !== "function") return { cameras: [], microphones: [] };
  let devices: MediaDeviceInfo[] = [];
  try {
    devices = await navigator.mediaDevices.enumerateDevices();
  } catch {
    return { cameras: [], microphones: [] };
  }
  const pick = (kind: MediaDeviceKind) =>
    devices
      .filter((d) => d.kind === kind && d.deviceId)
      .map((d, i) => ({ deviceId: d.deviceId, label: d.label || `${kind === "videoinput" ? "Camera" : "Microphone"} ${i + 1}` }));
  return { cameras: pick("videoinput"), microphones: pick("audioinput") };
}

/** Calls back when devices are plugged in or out; returns the unsubscribe. */
export function onDeviceChange(callback: () => void): () => void {
  if (!hasMediaDevices() || typeof navigator.mediaDevices.addEventListener !== "function") return () => undefined;
  navigator.mediaDevices.addEventListener("devicechange", callback);
  return () => navigator.mediaDevices.removeEventListener("devicechange", callback);
}

export function stopStream(stream: MediaStream | null | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}

/** The deviceId a track was opened with, when the browser says. */
export function trackDeviceId(track: MediaStreamTrack | undefined): string | undefined {
  if (!track || typeof track.getSettings !== "function") return undefined;
  return track.getSettings().deviceId || undefined;
}
