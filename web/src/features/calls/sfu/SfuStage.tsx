import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { isApiError } from "../../../shared/api/errors";
import { callsApi } from "../callsApi";
import { VideoView } from "../VideoView";
import type { NetworkQuality } from "../networkQuality";
import { INITIAL_SFU_SNAPSHOT, SfuSession, type SfuJoinInfo, type SfuSessionOptions, type SfuSnapshot, type SfuState } from "./sfuSession";
import { UserSentence, isolate } from "../../../shared/ui/UserText";
import { DisabledReason } from "../../../shared/ui/DisabledReason";

const noSubscribe = () => () => undefined;
const initialSnapshot = () => INITIAL_SFU_SNAPSHOT;

export interface SfuStageProps {
  join: SfuJoinInfo;
  iceServers?: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** The own camera and microphone (owned by the page: the stage never stops them). */
  localStream: MediaStream | null;
  /**
   * This participant may share a screen: the doctor always, the patient while the doctor allows it. Turning false
   * stops a share at once.
   */
  canShareScreen?: boolean;
  /** The buttons under the grid (mic, camera, leave/end) and the device selects. */
  children?: ReactNode;
  /** The call's quality from the remote camera feeds (the page header's indicator; "unknown" with none yet). */
  onQualityChange?: (quality: NetworkQuality) => void;
  /** Janus dropped this participant (kicked) or the session failed. */
  onStateChange?: (state: SfuState) => void;
  /** For tests: how the session reaches Janus. */
  connect?: SfuSessionOptions["connect"];
  /** The consultation (for the seat re-fetched before a reconnect); the route's `:id` by default. */
  consultationId?: string;
  /** For tests: how the seat is re-fetched before a reconnect (GET /{id}/call by default). */
  refreshSeat?: SfuSessionOptions["refreshSeat"];
}

/** The seat as the host now says; null when there is none (a removed guest gets 404, or the call left Janus). */
export async function fetchSeat(consultationId: string): Promise<SfuJoinInfo | null> {
  try {
    const call = await callsApi.call(consultationId);
    return call.media === "sfu" && call.sfu ? call.sfu : null;
  } catch (error) {
    if (isApiError(error) && (error.status === 404 || error.status === 403 || error.status === 409)) return null;
    throw error; // the host is unreachable too: the session tries again later
  }
}

/**
 * A group call through Janus: a grid of tiles (own camera, own screen share, each remote feed; screen shares
 * larger) and the controls. Mounting joins the room, unmounting leaves it.
 */
export function SfuStage({
  join,
  iceServers,
  iceTransportPolicy,
  localStream,
  canShareScreen = false,
  children,
  onStateChange,
  onQualityChange,
  connect,
  consultationId,
  refreshSeat,
}: SfuStageProps) {
  const { t } = useTranslation();
  const params = useParams();
  const id = consultationId ?? params.id;
  const [session, setSession] = useState<SfuSession | null>(null);
  const [screenError, setScreenError] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const streamRef = useRef(localStream);
  const optionsRef = useRef({
    iceServers,
    iceTransportPolicy,
    connect,
    refreshSeat: refreshSeat ?? (id ? () => fetchSeat(id) : undefined),
  });
  const { server, token, room, feedId, display } = join;
  const screenFeedId = join.screenFeedId ?? null;

  useEffect(() => {
    const created = new SfuSession({ server, token, room, feedId, screenFeedId, display, localStream: streamRef.current, ...optionsRef.current });
    setSession(created);
    void created.start();
    return () => {
      created.dispose();
      setSession(null);
    };
  }, [server, token, room, feedId, screenFeedId, display, attempt]);

  // A camera or microphone picked in the device selects goes into the publisher in place.
  useEffect(() => {
    const previous = streamRef.current;
    streamRef.current = localStream;
    session?.setLocalStream(localStream);
    if (!session || !localStream || previous === localStream) return;
    for (const kind of ["audio", "video"] as const) {
      const next = kind === "audio" ? localStream.getAudioTracks()[0] : localStream.getVideoTracks()[0];
      const before = kind === "audio" ? previous?.getAudioTracks()[0] : previous?.getVideoTracks()[0];
      if (next && next !== before) session.replaceTrack(kind, next);
    }
  }, [localStream, session]);

  const snap: SfuSnapshot = useSyncExternalStore(session ? session.subscribe : noSubscribe, session ? session.getSnapshot : initialSnapshot);
  const stateRef = useRef(onStateChange);
  useEffect(() => {
    stateRef.current = onStateChange;
  });
  useEffect(() => stateRef.current?.(snap.state), [snap.state]);
  const qualityRef = useRef(onQualityChange);
  useEffect(() => {
    qualityRef.current = onQualityChange;
  });
  useEffect(() => qualityRef.current?.(snap.quality), [snap.quality]);

  // The permission was revoked (the doctor, the hub, a refetch): a share in progress stops at once.
  const canShareRef = useRef(canShareScreen);
  useEffect(() => {
    canShareRef.current = canShareScreen;
    if (canShareScreen) return;
    setScreenError(false);
    if (session?.screenSharing) session.stopScreenShare();
  }, [canShareScreen, session]);

  const canShareNow = Boolean(session) && snap.state === "joined";
  const toggleScreen = async () => {
    if (!session) return;
    setScreenError(false);
    if (snap.screenStream) {
      session.stopScreenShare();
      return;
    }
    try {
      await session.startScreenShare();
    } catch {
      setScreenError(true); // refused in the browser's picker, or not supported
      return;
    }
    // Revoked while the browser's picker was open.
    if (!canShareRef.current && session.screenSharing) session.stopScreenShare();
  };

  return (
    <section className="call-stage sfu-stage" aria-label={t("calls.sfu.groupCall")} data-testid="sfu-stage" data-state={snap.state}>
      {snap.state === "connecting" ? (
        <p className="alert alert--info" role="status" data-testid="sfu-connecting">
          {t("calls.sfu.connecting")}
        </p>
      ) : null}
      {snap.state === "reconnecting" ? (
        <p className="alert alert--warning call-banner" role="status" data-testid="sfu-reconnecting" data-attempt={snap.reconnectAttempt}>
          {t("calls.sfu.reconnecting")}
        </p>
      ) : null}
      {snap.state === "joined" ? (
        <p className={`network-quality network-quality--${snap.quality}`} data-testid="sfu-quality" data-quality={snap.quality}>
          <span className="network-quality__dot" aria-hidden="true" />
          {t("calls.call.quality.label")}: {t(`calls.call.quality.${snap.quality}`)}
        </p>
      ) : null}
      {snap.state === "failed" ? (
        <div className="alert alert--error" role="alert" data-testid="sfu-error">
          <p>
            {t("calls.sfu.failed")}
            {snap.error ? ` (${snap.error})` : null}
          </p>
          <button type="button" className="button button--secondary button--small" onClick={() => setAttempt((a) => a + 1)}>
            {t("calls.call.tryAgain")}
          </button>
        </div>
      ) : null}
      <ul className="sfu-grid" aria-label={t("calls.sfu.participants")}>
        <li className="sfu-tile sfu-tile--own" data-testid="sfu-own-tile">
          <VideoView stream={localStream} local testId="local-video" label={t("calls.call.localVideo")} />
          <span className="sfu-tile__name">
            <UserSentence i18nKey="calls.sfu.you" user={{ name: display }} />
          </span>
        </li>
        {snap.screenStream ? (
          <li className="sfu-tile sfu-tile--screen" data-testid="sfu-own-screen">
            <VideoView stream={snap.screenStream} local testId="local-screen" label={t("calls.sfu.yourScreen")} />
            <span className="sfu-tile__name">{t("calls.sfu.yourScreen")}</span>
          </li>
        ) : null}
        {snap.remotes.map((remote) => {
          const q = snap.feedQuality[remote.feedId];
          const quality = q?.quality ?? "unknown";
          const audioOnly = q?.audioOnly ?? false;
          return (
            <li
              key={remote.feedId}
              className={`sfu-tile${remote.isScreen ? " sfu-tile--screen" : ""}${audioOnly ? " sfu-tile--audio-only" : ""}`}
              data-testid="sfu-tile"
              data-display={remote.display}
              data-feed-id={remote.feedId}
              data-screen={remote.isScreen}
              data-quality={quality}
              data-audio-only={audioOnly}
            >
              <VideoView stream={remote.stream} testId="sfu-video" label={isolate(remote.display)} />
              {audioOnly ? (
                <p className="sfu-tile__audio-only" data-testid="sfu-audio-only">
                  <span className="sfu-tile__audio-only-icon" aria-hidden="true">
                    🎙
                  </span>
                  <strong>{t("calls.sfu.audioOnly")}</strong>
                  <span>{t("calls.sfu.videoPaused")}</span>
                </p>
              ) : null}
              <span
                className={`sfu-tile__quality sfu-tile__quality--${quality}`}
                role="img"
                aria-label={t("calls.sfu.quality", { name: isolate(remote.display), quality: t(`calls.call.quality.${quality}`) })}
              />
              <span className="sfu-tile__name" dir="auto">{remote.display}</span>
            </li>
          );
        })}
      </ul>
      {snap.state === "joined" && snap.remotes.length === 0 ? (
        <p className="field-hint" role="status" data-testid="sfu-alone">
          {t("calls.sfu.alone")}
        </p>
      ) : null}
      {canShareScreen ? (
        <div className="call-controls">
          <button
            type="button"
            className="button button--secondary"
            data-testid="share-screen"
            aria-pressed={Boolean(snap.screenStream)}
            disabled={!canShareNow}
            aria-describedby={canShareNow ? undefined : "share-screen-why"}
            onClick={() => void toggleScreen()}
          >
            {snap.screenStream ? t("calls.sfu.stopSharing") : t("calls.sfu.shareScreen")}
          </button>
          {screenError ? (
            <span className="field-error" role="alert">
              {t("calls.sfu.shareFailed")}
            </span>
          ) : null}
          <DisabledReason id="share-screen-why" reason={canShareNow ? null : t("calls.sfu.shareWhy")} testId="share-screen-why" />
        </div>
      ) : null}
      {children}
    </section>
  );
}
