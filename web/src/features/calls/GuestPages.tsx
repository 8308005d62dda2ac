import { useEffect, useRef, useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { callsApi, toRtcIceServers, type CallInfo } from "./callsApi";
import { DeviceSelect } from "./CallPage";
import { getUserMedia, listDevices, mediaProblem, stopStream, trackDeviceId, type DeviceLists, type MediaProblem } from "./media";
import { SfuStage } from "./sfu/SfuStage";
import { GuestRecordingIndicator } from "./CallRecording";
import type { SfuSessionOptions } from "./sfu/sfuSession";
import "./calls.css";
import { UserSentence } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { BusyButton } from "../../shared/ui/BusyButton";

/** How often the guest page asks whether the doctor let the guest in (or removed them). */
export const GUEST_POLL_MS = 2000;
/** How often a guest in the call re-reads whether it is being recorded (guests have no call hub). */
export const GUEST_RECORDING_POLL_MS = 5000;

/** /call-invitations: the consultations in progress the signed-in user is invited to as a guest. */
export function CallInvitationsPage() {
  const { t } = useTranslation();
  useDocumentTitle("calls.guest.invitationsTitle");
  const invitations = useQuery({ queryKey: ["call-invitations"], queryFn: callsApi.myInvitations, refetchInterval: 10_000 });
  return (
    <div className="stack">
      <h1>{t("calls.guest.invitationsTitle")}</h1>
      <p>{t("calls.guest.invitationsIntro")}</p>
      {invitations.isPending ? <Loading /> : null}
      <ProblemMessage error={invitations.error} namespace="calls" onRetry={() => void invitations.refetch()} retryLabel={t("calls.call.tryAgain")} />
      {invitations.data && invitations.data.length === 0 ? <p data-testid="no-call-invitations">{t("calls.guest.noInvitations")}</p> : null}
      {invitations.data && invitations.data.length > 0 ? (
        <ul className="guest-invitations">
          {invitations.data.map((inv) => (
            <li key={inv.guestId} className="card" data-testid="call-invitation" data-consultation-id={inv.consultationId} data-status={inv.status}>
              <p>
                <strong>
                  <UserSentence i18nKey="calls.guest.invitedBy" user={{ doctor: inv.doctorName }} />
                </strong>
              </p>
              <p>
                {t("calls.guest.asRole", { role: t(`calls.participants.roles.${inv.role}`, { defaultValue: inv.role }) })} ·{" "}
                {t(`calls.participants.status.${inv.status}`, { defaultValue: inv.status })}
              </p>
              <Link className="button button--small" to={`/consultations/${encodeURIComponent(inv.consultationId)}/join`} data-testid="open-call-invitation">
                {t("calls.guest.open")}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

const meKey = (id: string) => ["call-guest-me", id] as const;

/**
 * /consultations/:id/join — the guest's side: ask to join (knock), wait for the doctor (polling every 2 s),
 * then the group call through Janus; removed by the doctor → leave Janus and say so.
 */
export function GuestJoinPage({ connect }: { connect?: SfuSessionOptions["connect"] } = {}) {
  const { t } = useTranslation();
  useDocumentTitle("calls.guest.joinTitle");
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const [left, setLeft] = useState(false);
  const [kicked, setKicked] = useState(false);

  const me = useQuery({
    queryKey: meKey(id),
    queryFn: () => callsApi.myGuest(id),
    retry: false,
    refetchInterval: (query) => (left || kicked || query.state.data?.status === "removed" || query.state.error ? false : GUEST_POLL_MS),
  });
  const status = me.data?.status;
  const removed = kicked || status === "removed";
  const gone = isApiError(me.error) && me.error.status === 404;
  const admitted = status === "admitted" && !removed && !gone && !left;
  const call = useQuery({
    queryKey: ["call-guest-call", id],
    queryFn: () => callsApi.call(id),
    enabled: admitted,
    retry: false,
    staleTime: Infinity,
  });
  const knock = useMutation({
    mutationFn: () => callsApi.knock(id),
    onSuccess: (guest) => queryClient.setQueryData(meKey(id), guest),
  });
  // Not yet admitted on the server when the page asked: ask again on the next poll.
  const notAdmittedYet = isApiError(call.error) && call.error.code === "consultation.guest_not_admitted";
  const refetchCall = call.refetch;
  useEffect(() => {
    if (!notAdmittedYet) return;
    const timer = setTimeout(() => void refetchCall(), GUEST_POLL_MS);
    return () => clearTimeout(timer);
  }, [notAdmittedYet, refetchCall, call.errorUpdatedAt]);

  const back = (
    <Link to="/call-invitations" className="button button--secondary button--small">
      {t("calls.guest.backToInvitations")}
    </Link>
  );

  let body;
  if (removed) {
    body = (
      <div className="stack">
        <p className="alert alert--warning" role="alert" data-testid="guest-removed">
          {t("calls.guest.removed")}
        </p>
        {back}
      </div>
    );
  } else if (left) {
    body = (
      <div className="stack">
        <p role="status" data-testid="guest-left">
          {t("calls.guest.left")}
        </p>
        {back}
      </div>
    );
  } else if (gone) {
    body = (
      <div className="stack">
        <p className="alert alert--warning" role="alert" data-testid="guest-call-gone">
          {t("calls.guest.ended")}
        </p>
        {back}
      </div>
    );
  } else if (me.isPending) {
    body = <Loading />;
  } else if (me.error) {
    body = (
      <ProblemMessage error={me.error} namespace="calls" onRetry={() => void me.refetch()} retryLabel={t("calls.call.tryAgain")} />
    );
  } else if (status === "invited") {
    body = (
      <div className="stack">
        <BusyButton type="button" className="button" data-testid="guest-knock" busy={knock.isPending} onClick={() => knock.mutate()}>
          {t("calls.guest.askToJoin")}
        </BusyButton>
        <ProblemMessage error={knock.error} namespace="calls" testId="guest-knock-error" />
      </div>
    );
  } else if (status === "waiting" || notAdmittedYet || (call.data && (call.data.media !== "sfu" || !call.data.sfu))) {
    body = (
      <p className="alert alert--info" role="status" data-testid="guest-waiting">
        {t("calls.guest.waiting")}
      </p>
    );
  } else if (call.error) {
    body = (
      <ProblemMessage error={call.error} namespace="calls" testId="guest-call-error" onRetry={() => void call.refetch()} retryLabel={t("calls.call.tryAgain")} />
    );
  } else if (admitted && call.data) {
    body = <GuestRoom consultationId={id} call={call.data} connect={connect} onLeave={() => setLeft(true)} onKicked={() => setKicked(true)} />;
  } else {
    body = <Loading />;
  }

  return (
    <div className="call-page guest-call" data-testid="guest-join" data-status={status ?? ""}>
      <h1>{t("calls.guest.joinTitle")}</h1>
      {body}
    </div>
  );
}

/** The guest in the Janus room: own camera and microphone (the same helpers as the call page), devices, leave. */
function GuestRoom({
  consultationId,
  call,
  connect,
  onLeave,
  onKicked,
}: {
  consultationId: string;
  call: CallInfo;
  connect?: SfuSessionOptions["connect"];
  onLeave: () => void;
  onKicked: () => void;
}) {
  const { t } = useTranslation();
  const [media, setMedia] = useState<{ stream: MediaStream | null; problem: MediaProblem | null } | null>(null);
  const [cameraOn, setCameraOn] = useState(true);
  const [micOn, setMicOn] = useState(true);
  const [devices, setDevices] = useState<DeviceLists>({ cameras: [], microphones: [] });
  // The stream in use now (a device switch replaces it), stopped when the guest leaves the room.
  const current = useRef<{ stream: MediaStream | null }>({ stream: null });
  useEffect(() => {
    current.current.stream = media?.stream ?? null;
  }, [media]);

  useEffect(() => {
    let cancelled = false;
    const holder = current.current;
    void (async () => {
      let stream: MediaStream | null = null;
      let problem: MediaProblem | null = null;
      try {
        stream = await getUserMedia({ video: true, audio: true });
      } catch (error) {
        problem = mediaProblem(error);
        if (problem !== "permissionDenied" && problem !== "insecure" && problem !== "unsupported") {
          for (const constraints of [{ audio: true }, { video: true }] as MediaStreamConstraints[]) {
            try {
              stream = await getUserMedia(constraints);
              break;
            } catch {
              /* next */
            }
          }
        }
      }
      if (cancelled) {
        stopStream(stream);
        return;
      }
      holder.stream = stream;
      setMedia({ stream, problem });
      setDevices(await listDevices());
    })();
    return () => {
      cancelled = true;
      stopStream(holder.stream);
    };
  }, []);

  const stream = media?.stream ?? null;
  const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
  const hasAudio = (stream?.getAudioTracks().length ?? 0) > 0;
  const toggle = (kind: "video" | "audio") => {
    const on = kind === "video" ? !cameraOn : !micOn;
    for (const track of (kind === "video" ? stream?.getVideoTracks() : stream?.getAudioTracks()) ?? []) track.enabled = on;
    if (kind === "video") setCameraOn(on);
    else setMicOn(on);
  };
  const selectDevice = async (kind: "video" | "audio", deviceId: string) => {
    let fresh: MediaStream;
    try {
      fresh = await getUserMedia(kind === "video" ? { video: { deviceId: { exact: deviceId } } } : { audio: { deviceId: { exact: deviceId } } });
    } catch (error) {
      setMedia((m) => (m ? { ...m, problem: mediaProblem(error) } : m));
      return;
    }
    const track = (kind === "video" ? fresh.getVideoTracks() : fresh.getAudioTracks())[0];
    if (!track) return;
    track.enabled = kind === "video" ? cameraOn : micOn;
    const kept = (stream?.getTracks() ?? []).filter((tr) => tr.kind !== kind);
    for (const tr of stream?.getTracks() ?? []) if (tr.kind === kind) tr.stop();
    setMedia({ stream: new MediaStream([...kept, track]), problem: null });
  };
  const leave = () => {
    stopStream(stream);
    onLeave();
  };

  if (!media) return <Loading />;
  const sfu = call.sfu!;
  return (
    <>
      {media.problem ? (
        <div className="alert alert--warning" role="alert" data-testid="media-error" data-reason={media.problem}>
          <p>{t(`calls.media.${media.problem}`)}</p>
          <p>{t("calls.call.receiveOnly")}</p>
        </div>
      ) : null}
      {call.recording ? <GuestRecordingIndicator consultationId={consultationId} initial={call.recording} pollMs={GUEST_RECORDING_POLL_MS} /> : null}
      <SfuStage
        join={sfu}
        iceServers={toRtcIceServers(call.iceServers)}
        iceTransportPolicy={call.iceTransportPolicy === "relay" ? "relay" : "all"}
        localStream={stream}
        connect={connect}
        onStateChange={(state) => {
          if (state === "kicked") onKicked();
        }}
      >
        <div className="call-controls">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => toggle("video")}
            disabled={!hasVideo}
            aria-describedby={hasVideo ? undefined : "guest-camera-why"}
          >
            {cameraOn ? t("calls.call.cameraOff") : t("calls.call.cameraOn")}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => toggle("audio")}
            disabled={!hasAudio}
            aria-describedby={hasAudio ? undefined : "guest-microphone-why"}
          >
            {micOn ? t("calls.call.mute") : t("calls.call.unmute")}
          </button>
          <button type="button" className="button button--danger" onClick={leave} data-testid="guest-leave">
            {t("calls.guest.leave")}
          </button>
        </div>
        <DisabledReason id="guest-camera-why" reason={hasVideo ? null : t("calls.call.noCameraWhy")} testId="guest-camera-why" />
        <DisabledReason id="guest-microphone-why" reason={hasAudio ? null : t("calls.call.noMicrophoneWhy")} testId="guest-microphone-why" />
        <div className="call-devices">
          <DeviceSelect
            label={t("calls.call.camera")}
            value={trackDeviceId(stream?.getVideoTracks()[0]) ?? devices.cameras[0]?.deviceId ?? ""}
            options={devices.cameras}
            onChange={(deviceId) => void selectDevice("video", deviceId)}
          />
          <DeviceSelect
            label={t("calls.call.microphone")}
            value={trackDeviceId(stream?.getAudioTracks()[0]) ?? devices.microphones[0]?.deviceId ?? ""}
            options={devices.microphones}
            onChange={(deviceId) => void selectDevice("audio", deviceId)}
          />
        </div>
      </SfuStage>
    </>
  );
}
