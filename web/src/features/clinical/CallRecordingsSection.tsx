import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { recordingKeys, recordingsApi, recordingTrackUrl, type CallRecordingView, type RecordingTrack } from "../../shared/api/recordings";
import { ErrorAlert } from "../../shared/ui/feedback";
import { formatDate, formatDateTime } from "../../shared/ui/format";
import "./clinical.css";
import { UserText, isolate } from "../../shared/ui/UserText";

/** "12:05" from seconds. */
export function formatTrackDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${secs}` : `${minutes}:${secs}`;
}

const notFound = (error: unknown) => isApiError(error) && error.status === 404;

/**
 * "Call recordings" of a past consultation, for the patient and the consultation's doctor (GET /consultations/{id}/recordings):
 * each recording with its state, and every track of an available one as a video. Hidden when there is none, or when the
 * server has no recordings for this consultation (404).
 */
export function CallRecordingsSection({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const list = useQuery({
    queryKey: recordingKeys.list(consultationId),
    queryFn: () => recordingsApi.list(consultationId),
    retry: (count, error) => !notFound(error) && count < 2,
    // A recording being prepared becomes available in a while: look again until none is.
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "processing" || r.status === "stopped") ? 15_000 : false),
  });
  if (list.isPending || notFound(list.error)) return null;
  if (list.error) {
    return (
      <section className="card stack" aria-labelledby="call-recordings-title" data-testid="call-recordings">
        <h2 id="call-recordings-title">{t("clinical.recordings.title")}</h2>
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      </section>
    );
  }
  const recordings = list.data ?? [];
  if (recordings.length === 0) return null;
  return (
    <section className="card stack" aria-labelledby="call-recordings-title" data-testid="call-recordings">
      <h2 id="call-recordings-title">{t("clinical.recordings.title")}</h2>
      <ul className="recording-list">
        {recordings.map((recording) => (
          <RecordingRow key={recording.recordingId} consultationId={consultationId} recording={recording} />
        ))}
      </ul>
    </section>
  );
}

function RecordingRow({ consultationId, recording }: { consultationId: string; recording: CallRecordingView }) {
  const { t, i18n } = useTranslation();
  const { status } = recording;
  const started = recording.consentedAt ?? recording.requestedAt;
  return (
    <li className="recording-row" data-testid="recording-row" data-status={status} data-recording-id={recording.recordingId}>
      <p>
        <strong>{t("clinical.recordings.recordedAt", { time: formatDateTime(started, i18n.language) })}</strong> ·{" "}
        <span data-testid="recording-status">{t(`clinical.recordings.status.${status}`, { defaultValue: status })}</span>
        {recording.stopReason ? <> · {t(`clinical.recordings.stopReason.${recording.stopReason}`, { defaultValue: recording.stopReason })}</> : null}
      </p>
      {status === "processing" || status === "stopped" ? <p className="field-hint">{t("clinical.recordings.preparing")}</p> : null}
      {status === "deleted" ? <p className="field-hint">{t("clinical.recordings.deleted")}</p> : null}
      {status === "available" && recording.retainUntil ? (
        <p className="field-hint" data-testid="recording-retain-until">
          {t("clinical.recordings.retainUntil", { date: formatDate(recording.retainUntil, i18n.language) })}
        </p>
      ) : null}
      {status === "available" ? (
        recording.tracks.length > 0 ? (
          <div className="recording-tracks">
            {recording.tracks.map((track) => (
              <TrackVideo key={track.index} consultationId={consultationId} recordingId={recording.recordingId} track={track} />
            ))}
          </div>
        ) : (
          <p className="field-hint">{t("clinical.recordings.noTracks")}</p>
        )
      ) : null}
    </li>
  );
}

function TrackVideo({ consultationId, recordingId, track }: { consultationId: string; recordingId: string; track: RecordingTrack }) {
  const { t } = useTranslation();
  const duration = formatTrackDuration(track.durationSeconds);
  return (
    <figure className="recording-track" data-testid="recording-track" data-index={track.index}>
      <video
        controls
        preload="metadata"
        src={recordingTrackUrl(consultationId, recordingId, track.index)}
        aria-label={t("clinical.recordings.trackLabel", { name: isolate(track.display), duration })}
        data-testid="recording-video"
      />
      <figcaption>
        <UserText>{track.display}</UserText> · <span data-testid="recording-duration">{duration}</span>
      </figcaption>
    </figure>
  );
}
