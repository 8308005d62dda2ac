import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useSession } from "../../shared/auth/session";
import { Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { CallController, INITIAL_CALL_SNAPSHOT, type CallSnapshot } from "./callController";
import { createCallConnection } from "./callHub";
import { callsApi, type CallInfo, type ConsultationStatus, type ConsultationView } from "./callsApi";
import { takeCallInfo } from "../../shared/realtime/callHubConnection";
import { ComplaintPanel, ConsultationChat, NotesPanel } from "./CallPanels";
import { PatientRecordPanel } from "./PatientRecordPanel";
import { PrescriptionsPanel } from "../prescriptions/PrescriptionsPanel";
import { ChatRoom } from "./ChatRoom";
import { ConfirmEndDialog } from "./ConfirmEndDialog";
import { NextPatientButton } from "./NextPatientButton";
import { VideoView } from "./VideoView";
import { CallGuestsNotice, guestsKey, ParticipantsPanel } from "./ParticipantsPanel";
import { SfuStage } from "./sfu/SfuStage";
import { PatientScreenSharingToggle } from "./PatientScreenSharing";
import type { NetworkQuality } from "./networkQuality";
import { CallRecordingBar } from "./CallRecording";
import { recordingKeys } from "../../shared/api/recordings";
import { FollowUpForm } from "../doctor/FollowUpForm";
import { ProtocolPanel } from "../clinical/ProtocolPanel";
import { getUserMedia, listDevices, onDeviceChange } from "./media";
import "./calls.css";
import { UserSentence } from "../../shared/ui/UserText";
import { ForDependant } from "../../shared/ui/ForDependant";
import { DisabledReason } from "../../shared/ui/DisabledReason";

const noSubscribe = () => () => undefined;
const initialSnapshot = () => INITIAL_CALL_SNAPSHOT;

function useCallSnapshot(controller: CallController | null): CallSnapshot {
  return useSyncExternalStore(controller ? controller.subscribe : noSubscribe, controller ? controller.getSnapshot : initialSnapshot);
}

/** The video consultation for both participants: /consultations/:id/call. */
export function CallPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const isDoctor = Boolean(useSession().data?.user?.roles.includes("Doctor"));
  const [attempt, setAttempt] = useState(0);
  const view = useQuery({
    queryKey: ["consultation", id],
    queryFn: () => callsApi.consultation(id),
    // Opened a little early: look again until the doctor starts the consultation.
    refetchInterval: (query) => (query.state.data && ["scheduled", "waiting"].includes(query.state.data.status) ? 5000 : false),
  });
  // A chat consultation is called one before, during and after it (it was "Video consultation" once it had ended).
  const chat = view.data?.kind === "chat";
  useDocumentTitle(chat ? "calls.titles.chat" : "calls.titles.call");
  const heading = t(chat ? "calls.chatMode.heading" : "calls.call.heading");

  if (view.isPending) return <Loading />;
  if (view.error || !view.data) {
    return (
      <ProblemMessage error={view.error} namespace="calls" onRetry={() => void view.refetch()} retryLabel={t("calls.call.tryAgain")} />
    );
  }
  const consultation = view.data;
  if (consultation.status === "completed" || consultation.status === "failed") {
    return (
      <div className="call-page">
        <h1>{heading}</h1>
        {isDoctor ? null : <ForDependant name={consultation.patientName} />}
        <CallEnded
          status={consultation.status}
          durationSeconds={consultation.durationSeconds ?? null}
          asDoctor={isDoctor}
          patientId={consultation.patientId}
          kind={consultation.kind}
          consultationId={consultation.id}
        />
      </div>
    );
  }
  if (consultation.status !== "inProgress") {
    return (
      <div className="call-page">
        <h1>{heading}</h1>
        {isDoctor ? null : <ForDependant name={consultation.patientName} />}
        <p className="alert alert--warning" role="status" data-testid="call-not-started" data-status={consultation.status}>
          {t("calls.call.notInProgress", { status: t(`calls.status.${consultation.status}`, { defaultValue: consultation.status }) })}
        </p>
      </div>
    );
  }
  // A chat consultation is a chat: no camera or microphone until both agree to switch to video.
  if (consultation.kind === "chat") return <ChatRoom consultation={consultation} onChanged={() => void view.refetch()} />;
  return <CallRoom key={attempt} consultation={consultation} onRetry={() => setAttempt((a) => a + 1)} />;
}

function formatDuration(seconds: number | null, t: (key: string, options?: Record<string, unknown>) => string): string {
  if (seconds === null || seconds < 0) return "—";
  return t("calls.call.durationValue", { minutes: Math.floor(seconds / 60), seconds: Math.round(seconds % 60) });
}

/** The end of a consultation; a doctor books a follow-up for the patient here and opens the next patient. */
export function CallEnded({
  status,
  durationSeconds,
  asDoctor = false,
  patientId = null,
  kind = "video",
  consultationId = null,
}: {
  status: ConsultationStatus;
  durationSeconds: number | null;
  asDoctor?: boolean;
  patientId?: string | null;
  kind?: ConsultationView["kind"];
  /** The doctor opens the visit protocol from here. */
  consultationId?: string | null;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card call-ended" data-testid="consultation-ended" data-status={status} data-duration-seconds={durationSeconds ?? ""}>
      <h2 ref={heading} tabIndex={-1}>
        {t("calls.call.endedTitle")}
      </h2>
      <dl className="details">
        <dt>{t("calls.call.finalStatus")}</dt>
        <dd data-testid="consultation-final-status">{t(`calls.status.${status}`, { defaultValue: status })}</dd>
        <dt>{t("calls.call.duration")}</dt>
        <dd data-testid="consultation-duration">{formatDuration(durationSeconds, t)}</dd>
      </dl>
      {asDoctor ? (
        <div className="stack">
          <NextPatientButton />
          {consultationId ? (
            <Link className="button button--secondary" to={`/doctor/consultations/${consultationId}/protocol`} data-testid="open-protocol">
              {t("clinical.protocol.openProtocol")}
            </Link>
          ) : null}
          {patientId ? <FollowUpForm patientId={patientId} defaultKind={kind} /> : <p className="field-hint">{t("calls.ending.followUpHint")}</p>}
        </div>
      ) : null}
    </section>
  );
}

/** The longest the workspace panels wait for the call's media (milliseconds). */
export const PANELS_AFTER_MS = 1500;

/**
 * Media first: the workspace panels (record, notes, protocol, prescriptions) and the chat mount once the other side's
 * video shows its first frame, or after {@link PANELS_AFTER_MS} at most, or when the call is not being set up. Mounted
 * with the call, their dozen reads and the chat connection took the host and the browser while the call joined and
 * negotiated: JoinCall, the offer and the answer each took 150–200 ms instead of 20–60 (bench/run-consultations.sh,
 * docs/benchmarks.md "Call set-up, traced").
 */
function useMediaFirst(snap: CallSnapshot): { ready: boolean; onRemotePlaying: () => void } {
  const [ready, setReady] = useState(false);
  const [playing, setPlaying] = useState(false);
  // Not the ICE state: DTLS and the first key frame follow it, and they waited 300 ms behind the panels when these mounted then.
  const settled = playing || (snap.phase !== "starting" && snap.phase !== "inCall");
  useEffect(() => {
    if (ready) return;
    if (settled) {
      setReady(true);
      return;
    }
    const timer = setTimeout(() => setReady(true), PANELS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [ready, settled]);
  return { ready: ready || settled, onRemotePlaying: () => setPlaying(true) };
}

function CallRoom({ consultation, onRetry }: { consultation: ConsultationView; onRetry: () => void }) {
  const { t } = useTranslation();
  const user = useSession().data?.user;
  const [controller, setController] = useState<CallController | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [sfuQuality, setSfuQuality] = useState<NetworkQuality>("unknown");
  const queryClient = useQueryClient();
  const id = consultation.id;

  // A layout effect runs before any passive one: the call's own requests (GET /call, the hub's negotiate) leave before the
  // workspace panels' reads, which would otherwise take all six of the browser's HTTP/1.1 connections to the host first
  // (measured by bench/run-consultations.sh: negotiate waited 150–330 ms behind them).
  useLayoutEffect(() => {
    // GET /call asked when the call was known to start (on Accept, or the queue's event), if it was: used once.
    let ahead = takeCallInfo(id) as Promise<CallInfo> | null;
    const created = new CallController({
      consultationId: id,
      loadCall: () => {
        const prefetched = ahead;
        ahead = null;
        return prefetched ?? callsApi.call(id);
      },
      loadConsultation: () => callsApi.consultation(id),
      endConsultation: () => callsApi.end(id),
      createConnection: createCallConnection,
      getUserMedia,
      listDevices,
      onGuestsChanged: () => void queryClient.invalidateQueries({ queryKey: guestsKey(id) }),
      onRecordingChanged: () => void queryClient.invalidateQueries({ queryKey: recordingKeys.state(id) }),
    });
    setController(created);
    void created.start();
    const stopWatching = onDeviceChange(() => void created.refreshDevices());
    return () => {
      stopWatching();
      created.dispose();
    };
  }, [id, queryClient]);

  const snap = useCallSnapshot(controller);
  const { ready: panelsReady, onRemotePlaying } = useMediaFirst(snap);
  const asDoctor = snap.role ? snap.role === "caller" : Boolean(user?.roles.includes("Doctor"));
  const otherName = asDoctor ? consultation.patientName : consultation.doctorName;
  const inCall = snap.phase === "inCall";
  const reconnecting = inCall && (snap.signaling === "reconnecting" || snap.signaling === "offline" || snap.peerState === "reconnecting");
  const hasVideo = (snap.localStream?.getVideoTracks().length ?? 0) > 0;
  const hasAudio = (snap.localStream?.getAudioTracks().length ?? 0) > 0;

  let overlay: string | null = null;
  const peerLeft = inCall && !snap.peerPresent && snap.peerLeft;
  if (snap.phase === "starting") overlay = t("calls.call.connecting");
  else if (peerLeft) overlay = t(asDoctor ? "calls.call.patientLeft" : "calls.call.doctorLeft");
  else if (inCall && !snap.peerPresent) overlay = t("calls.call.waitingForPeer");
  else if (inCall && !snap.remoteStream) overlay = t("calls.call.connecting");

  // Either side asks first: the doctor ends the consultation, the patient leaves the call (and may rejoin).
  const onEnd = () => {
    if (controller) setConfirming(true);
  };

  const controls = (
    <>
      <div className="call-controls">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => controller?.toggleCamera()}
          disabled={!hasVideo}
          aria-describedby={hasVideo ? undefined : "call-camera-why"}
        >
          {snap.cameraOn ? t("calls.call.cameraOff") : t("calls.call.cameraOn")}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => controller?.toggleMicrophone()}
          disabled={!hasAudio}
          aria-describedby={hasAudio ? undefined : "call-microphone-why"}
        >
          {snap.micOn ? t("calls.call.mute") : t("calls.call.unmute")}
        </button>
        <button type="button" className="button button--danger" onClick={onEnd} disabled={!controller}>
          {t("calls.call.endCall")}
        </button>
      </div>
      <DisabledReason id="call-camera-why" reason={hasVideo ? null : t("calls.call.noCameraWhy")} testId="call-camera-why" />
      <DisabledReason id="call-microphone-why" reason={hasAudio ? null : t("calls.call.noMicrophoneWhy")} testId="call-microphone-why" />

      <div className="call-devices">
        <DeviceSelect
          label={t("calls.call.camera")}
          value={snap.cameraId}
          options={snap.cameras}
          onChange={(deviceId) => void controller?.selectDevice("video", deviceId)}
        />
        <DeviceSelect
          label={t("calls.call.microphone")}
          value={snap.microphoneId}
          options={snap.microphones}
          onChange={(deviceId) => void controller?.selectDevice("audio", deviceId)}
        />
      </div>
    </>
  );
  const sfu = snap.media === "sfu" ? snap.sfu : null;
  // Through Janus there is no peer connection to read: the remote camera feeds' qualities say it (SfuStage).
  const quality: NetworkQuality = sfu ? (snap.phase === "inCall" ? sfuQuality : "unknown") : snap.quality;

  return (
    <div className="call-page">
      <header className="call-header">
        <div>
          <h1>{t("calls.call.heading")}</h1>
          {otherName ? (
            <p className="call-header__with">
              <UserSentence i18nKey="calls.call.withName" user={{ name: otherName }} />
            </p>
          ) : null}
          {/* A guardian in a child's call is told whose it is; the doctor's line above already names the patient. */}
          {asDoctor ? null : <ForDependant name={consultation.patientName} />}
        </div>
        {snap.phase !== "ended" ? (
          <p className={`network-quality network-quality--${quality}`} data-testid="network-quality" data-quality={quality}>
            <span className="network-quality__dot" aria-hidden="true" />
            {t("calls.call.quality.label")}: {t(`calls.call.quality.${quality}`)}
          </p>
        ) : null}
      </header>

      {snap.recording && inCall ? <CallRecordingBar consultationId={id} initial={snap.recording} asDoctor={asDoctor} /> : null}

      {reconnecting ? (
        <p className="alert alert--warning call-banner" role="status" data-testid="call-reconnecting">
          {t("calls.call.reconnecting")}
        </p>
      ) : null}

      {snap.mediaError && snap.phase !== "ended" && snap.phase !== "left" ? (
        <div className="alert alert--warning" role="alert" data-testid="media-error" data-reason={snap.mediaError}>
          <p>{t(`calls.media.${snap.mediaError}`)}</p>
          <p>{t("calls.call.receiveOnly")}</p>
        </div>
      ) : null}

      {snap.phase === "failed" ? (
        <ProblemMessage error={snap.joinError ?? "unknown"} namespace="calls" testId="call-join-error" lead={t("calls.call.joinFailed")} onRetry={onRetry} retryLabel={t("calls.call.tryAgain")} />
      ) : null}

      {snap.phase === "ended" && snap.ended ? (
        <CallEnded
          status={snap.ended.status}
          durationSeconds={snap.ended.durationSeconds}
          asDoctor={asDoctor}
          patientId={consultation.patientId}
          kind={consultation.kind}
          consultationId={consultation.id}
        />
      ) : null}

      {snap.phase === "left" ? (
        <section className="card call-left" data-testid="call-left">
          <h2>{t("calls.call.leftTitle")}</h2>
          <button type="button" className="button" onClick={() => void controller?.rejoin()}>
            {t("calls.call.rejoin")}
          </button>
        </section>
      ) : null}

      <div className="call-layout">
        {sfu && snap.phase === "inCall" ? (
          <SfuStage
            join={sfu.info}
            iceServers={sfu.iceServers}
            iceTransportPolicy={sfu.iceTransportPolicy}
            localStream={snap.localStream}
            canShareScreen={asDoctor || snap.patientMayShareScreen}
            onQualityChange={setSfuQuality}
          >
            {asDoctor && controller ? (
              <PatientScreenSharingToggle
                consultationId={id}
                allowed={snap.patientMayShareScreen}
                onChanged={(allowed) => controller.setPatientMayShareScreen(allowed)}
              />
            ) : null}
            {controls}
          </SfuStage>
        ) : null}
        {!sfu && (snap.phase === "starting" || snap.phase === "inCall") ? (
          <section className="call-stage" aria-label={t("calls.call.heading")}>
            <div className="call-videos">
              <div className="call-videos__remote">
                <VideoView
                  stream={snap.remoteStream}
                  testId="remote-video"
                  label={t("calls.call.remoteVideo")}
                  framesDecoded={snap.framesDecoded}
                  onPlaying={onRemotePlaying}
                />
                {overlay ? (
                  <p
                    className={`call-overlay${peerLeft ? " call-peer-left" : ""}`}
                    role="status"
                    data-testid={peerLeft ? "peer-left" : "call-overlay"}
                  >
                    {overlay}
                  </p>
                ) : null}
              </div>
              <VideoView stream={snap.localStream} local testId="local-video" label={t("calls.call.localVideo")} />
            </div>

            {controls}
          </section>
        ) : null}

        <aside className="call-side" aria-label={t("calls.call.sidePanels")}>
          {/* Without an SFU every invitation would fail: no invite form at all. */}
          {asDoctor && snap.groupCalls ? <ParticipantsPanel consultationId={id} /> : null}
          {asDoctor ? null : <CallGuestsNotice consultationId={id} />}
          {asDoctor ? <ComplaintPanel consultation={consultation} /> : null}
          {asDoctor && panelsReady ? <PatientRecordPanel consultation={consultation} /> : null}
          {asDoctor && panelsReady ? <NotesPanel consultationId={id} /> : null}
          {asDoctor && panelsReady ? <ProtocolPanel consultationId={id} /> : null}
          {asDoctor && panelsReady ? <PrescriptionsPanel consultationId={id} /> : null}
          {panelsReady ? <ConsultationChat consultationId={id} /> : <Loading />}
        </aside>
      </div>

      {confirming && controller ? (
        asDoctor ? (
          <ConfirmEndDialog
            title={t("calls.call.confirmEndTitle")}
            text={t("calls.call.confirmEndText")}
            confirmLabel={t("calls.call.confirmEnd")}
            onConfirm={() => controller.end()}
            onClose={() => setConfirming(false)}
          />
        ) : (
          <ConfirmEndDialog
            title={t("calls.call.confirmLeaveTitle")}
            text={t("calls.call.confirmLeaveText")}
            confirmLabel={t("calls.call.confirmLeave")}
            onConfirm={() => controller.leave()}
            onClose={() => setConfirming(false)}
          />
        )
      ) : null}
    </div>
  );
}

export function DeviceSelect({ label, value, options, onChange }: { label: string; value: string; options: { deviceId: string; label: string }[]; onChange: (deviceId: string) => void }) {
  const { t } = useTranslation();
  const id = `device-${label.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={options.length === 0} onChange={(e) => onChange(e.target.value)}>
        {options.length === 0 ? <option value="">{t("calls.call.noDevices")}</option> : null}
        {options.map((o) => (
          <option key={o.deviceId} value={o.deviceId}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
