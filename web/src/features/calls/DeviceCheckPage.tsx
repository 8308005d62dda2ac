import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { DeviceSelect } from "./CallPage";
import { getUserMedia, listDevices, mediaProblem, onDeviceChange, stopStream, trackDeviceId, type DeviceLists, type MediaProblem } from "./media";
import "./calls.css";

type CheckStatus = "pending" | "ok" | "failed";

interface CheckResult {
  status: CheckStatus;
  /** An i18n key and its values, for the readable reason or detail. */
  text?: { key: string; values?: Record<string, string | number> };
}

export const HEALTH_URL = "/health";

/** Root mean square of an analyser's time-domain bytes, scaled to 0..1 for the meter. */
export function levelFromSamples(samples: Uint8Array): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (const value of samples) {
    const centred = (value - 128) / 128;
    sum += centred * centred;
  }
  return Math.min(1, Math.sqrt(sum / samples.length) * 4);
}

/** Times GET /health and checks that the browser has RTCPeerConnection. */
export async function checkConnection(fetchImpl: typeof fetch = fetch): Promise<CheckResult> {
  if (typeof RTCPeerConnection === "undefined") return { status: "failed", text: { key: "calls.deviceCheck.noWebRtc" } };
  const started = performance.now();
  try {
    const response = await fetchImpl(HEALTH_URL, { cache: "no-store", credentials: "same-origin" });
    const ms = Math.round(performance.now() - started);
    if (!response.ok) return { status: "failed", text: { key: "calls.deviceCheck.serverStatus", values: { status: response.status } } };
    return { status: "ok", text: { key: "calls.deviceCheck.roundTrip", values: { ms } } };
  } catch {
    return { status: "failed", text: { key: "calls.deviceCheck.serverUnreachable" } };
  }
}

const problemResult = (problem: MediaProblem): CheckResult => ({ status: "failed", text: { key: `calls.media.${problem}` } });

/** Camera preview, microphone level, device choice and a connection check before a call. */
export function DeviceCheckPage() {
  const { t } = useTranslation();
  useDocumentTitle("calls.titles.deviceCheck");
  const [camera, setCamera] = useState<CheckResult>({ status: "pending" });
  const [microphone, setMicrophone] = useState<CheckResult>({ status: "pending" });
  const [connection, setConnection] = useState<CheckResult>({ status: "pending" });
  const [devices, setDevices] = useState<DeviceLists>({ cameras: [], microphones: [] });
  // What the user chose (re-runs the check) and what the browser opened (shown when nothing was chosen).
  const [cameraChoice, setCameraChoice] = useState("");
  const [microphoneChoice, setMicrophoneChoice] = useState("");
  const [openedCamera, setOpenedCamera] = useState("");
  const [openedMicrophone, setOpenedMicrophone] = useState("");
  const [videoStream, setVideoStream] = useState<MediaStream | null>(null);
  const [audioStream, setAudioStream] = useState<MediaStream | null>(null);
  const [level, setLevel] = useState(0);
  const [round, setRound] = useState(0);
  const videoRef = useRef<HTMLVideoElement>(null);

  const refreshDevices = useCallback(async () => {
    const lists = await listDevices();
    setDevices(lists);
  }, []);

  // Camera (again when the choice changes or "Check again").
  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    setCamera({ status: "pending" });
    getUserMedia({ video: cameraChoice ? { deviceId: { exact: cameraChoice } } : true }).then(
      (s) => {
        if (cancelled) {
          stopStream(s);
          return;
        }
        stream = s;
        setVideoStream(s);
        setCamera({ status: "ok" });
        setOpenedCamera(trackDeviceId(s.getVideoTracks()[0]) ?? "");
        void refreshDevices();
      },
      (error: unknown) => {
        if (cancelled) return;
        setVideoStream(null);
        setCamera(problemResult(mediaProblem(error)));
      },
    );
    return () => {
      cancelled = true;
      stopStream(stream);
    };
  }, [cameraChoice, round, refreshDevices]);

  // Microphone.
  useEffect(() => {
    let cancelled = false;
    let stream: MediaStream | null = null;
    setMicrophone({ status: "pending" });
    getUserMedia({ audio: microphoneChoice ? { deviceId: { exact: microphoneChoice } } : true }).then(
      (s) => {
        if (cancelled) {
          stopStream(s);
          return;
        }
        stream = s;
        setAudioStream(s);
        setMicrophone({ status: "ok" });
        setOpenedMicrophone(trackDeviceId(s.getAudioTracks()[0]) ?? "");
        void refreshDevices();
      },
      (error: unknown) => {
        if (cancelled) return;
        setAudioStream(null);
        setMicrophone(problemResult(mediaProblem(error)));
      },
    );
    return () => {
      cancelled = true;
      stopStream(stream);
    };
  }, [microphoneChoice, round, refreshDevices]);

  // Connection.
  useEffect(() => {
    let cancelled = false;
    setConnection({ status: "pending" });
    void checkConnection().then((result) => {
      if (!cancelled) setConnection(result);
    });
    return () => {
      cancelled = true;
    };
  }, [round]);

  useEffect(() => onDeviceChange(() => void refreshDevices()), [refreshDevices]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    video.muted = true;
    if (video.srcObject !== videoStream) video.srcObject = videoStream;
  }, [videoStream]);

  // Microphone level from an analyser, ten times a second.
  useEffect(() => {
    setLevel(0);
    const AudioContextClass =
      typeof window !== "undefined" ? (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext) : undefined;
    if (!audioStream || !AudioContextClass) return;
    let context: AudioContext;
    try {
      context = new AudioContextClass();
    } catch {
      return;
    }
    const analyser = context.createAnalyser();
    analyser.fftSize = 512;
    const source = context.createMediaStreamSource(audioStream);
    source.connect(analyser);
    const samples = new Uint8Array(analyser.fftSize);
    void context.resume?.().catch(() => undefined);
    const timer = setInterval(() => {
      analyser.getByteTimeDomainData(samples);
      setLevel(levelFromSamples(samples));
    }, 100);
    return () => {
      clearInterval(timer);
      source.disconnect();
      void context.close().catch(() => undefined);
    };
  }, [audioStream]);

  const checks: [string, string, CheckResult][] = [
    ["camera", t("calls.deviceCheck.camera"), camera],
    ["microphone", t("calls.deviceCheck.microphone"), microphone],
    ["connection", t("calls.deviceCheck.connection"), connection],
  ];

  return (
    <div className="stack device-check">
      <h1>{t("calls.deviceCheck.title")}</h1>
      <p>{t("calls.deviceCheck.intro")}</p>

      <div className="device-check__grid">
        <section className="card stack" aria-labelledby="preview-title">
          <h2 id="preview-title">{t("calls.deviceCheck.preview")}</h2>
          <video ref={videoRef} className="device-check__preview" data-testid="camera-preview" autoPlay playsInline muted aria-label={t("calls.deviceCheck.preview")} />
          <DeviceSelect label={t("calls.call.camera")} value={cameraChoice || openedCamera} options={devices.cameras} onChange={setCameraChoice} />
        </section>

        <section className="card stack" aria-labelledby="mic-title">
          <h2 id="mic-title">{t("calls.deviceCheck.micLevel")}</h2>
          <meter
            className="mic-meter"
            data-testid="mic-level"
            data-level={level.toFixed(2)}
            min={0}
            max={1}
            low={0.05}
            optimum={0.5}
            value={level}
            aria-label={t("calls.deviceCheck.micLevel")}
          />
          <p className="field-hint">{t("calls.deviceCheck.micHint")}</p>
          <DeviceSelect label={t("calls.call.microphone")} value={microphoneChoice || openedMicrophone} options={devices.microphones} onChange={setMicrophoneChoice} />
        </section>
      </div>

      <section className="card stack" aria-labelledby="checks-title">
        <h2 id="checks-title">{t("calls.deviceCheck.checks")}</h2>
        <ul className="device-checks">
          {checks.map(([key, label, result]) => (
            <li key={key} className={`device-check-result device-check-result--${result.status}`} data-testid="device-check-result" data-check={key} data-status={result.status}>
              <span className="device-check-result__label">{label}:</span>{" "}
              <strong>{t(`calls.deviceCheck.${result.status}`)}</strong>
              {result.text ? <span className="device-check-result__reason"> — {t(result.text.key, result.text.values)}</span> : null}
            </li>
          ))}
        </ul>
        <div className="button-row">
          <button type="button" className="button button--secondary" onClick={() => setRound((r) => r + 1)}>
            {t("calls.deviceCheck.checkAgain")}
          </button>
        </div>
      </section>
    </div>
  );
}
