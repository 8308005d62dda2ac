import { useEffect, useId, useRef, type KeyboardEvent } from "react";
import { keepTabInside } from "../../shared/ui/focusTrap";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { recordingKeys, recordingsApi, type CallRecordingState } from "../../shared/api/recordings";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { BusyButton } from "../../shared/ui/BusyButton";

/**
 * Call recording with the patient's consent (issue 16 item 4). Everything follows the CallRecordingState: first the one in
 * GET /call, then GET /recording, read again when the call hub says recordingChanged (or, for a guest without the hub, on a
 * poll) and set from the answers of the doctor's and patient's own actions.
 */


/** The consent texts this app can show, by version (calls.recording.consent.<version>). */
export const CONSENT_TEXT_PARTS = ["what", "who", "storage", "withdraw"] as const;

/** The recording state of a call: starts from `initial` (GET /call) and follows GET /recording. */
export function useRecordingState(consultationId: string, initial: CallRecordingState, pollMs?: number): CallRecordingState {
  const queryClient = useQueryClient();
  // A fresh GET /call (a rejoin, the move to Janus) is as new as anything the cache has.
  useEffect(() => {
    queryClient.setQueryData(recordingKeys.state(consultationId), initial);
  }, [queryClient, consultationId, initial]);
  const query = useQuery({
    queryKey: recordingKeys.state(consultationId),
    queryFn: () => recordingsApi.state(consultationId),
    initialData: initial,
    staleTime: Infinity,
    retry: false,
    // A guest has no call hub: look again now and then, unless the server refuses.
    refetchInterval: pollMs ? (query) => (query.state.error ? false : pollMs) : false,
  });
  return query.data ?? initial;
}

/** "● Recording", for everyone in the call, only while the recording runs. */
export function RecordingIndicator({ state }: { state: CallRecordingState }) {
  const { t } = useTranslation();
  if (state.status !== "recording") return null;
  return (
    <p className="recording-indicator" role="status" aria-live="polite" data-testid="recording-indicator">
      <span className="recording-indicator__dot" aria-hidden="true">
        ●
      </span>{" "}
      {t("calls.recording.indicator")}
    </p>
  );
}

/** A guest on the Janus stage: only the indicator, the state polled (guests have no call hub). */
export function GuestRecordingIndicator({ consultationId, initial, pollMs }: { consultationId: string; initial: CallRecordingState; pollMs: number }) {
  const state = useRecordingState(consultationId, initial, pollMs);
  return <RecordingIndicator state={state} />;
}

/**
 * The doctor's and the patient's recording bar in the call: the indicator, the doctor's "Ask to record" / waiting / stop,
 * the patient's consent dialog and "Stop recording (withdraw consent)".
 */
export function CallRecordingBar({ consultationId, initial, asDoctor }: { consultationId: string; initial: CallRecordingState; asDoctor: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const state = useRecordingState(consultationId, initial);
  const key = recordingKeys.state(consultationId);
  const onState = (next: CallRecordingState) => queryClient.setQueryData(key, next);
  const refetch = () => void queryClient.invalidateQueries({ queryKey: key });

  const request = useMutation({ mutationFn: () => recordingsApi.request(consultationId), onSuccess: onState, onError: refetch });
  const stop = useMutation({ mutationFn: () => recordingsApi.stop(consultationId), onSuccess: onState, onError: refetch });
  const consent = useMutation({
    mutationFn: (body: { consentVersion: string; accept: boolean }) => recordingsApi.consent(consultationId, body),
    onSuccess: onState,
    // An outdated text (or a request already gone): say so and read the state again.
    onError: refetch,
  });
  const error = request.error ?? stop.error ?? consent.error;
  const status = state.status;
  // The status moved on (the hub, an answer): an old error no longer applies. The patient's answer error stays until a
  // new request (an outdated text keeps the status "requested": its message stays above the newer text).
  const { reset: resetRequest } = request;
  const { reset: resetStop } = stop;
  const { reset: resetConsent } = consent;
  useEffect(() => {
    resetRequest();
    resetStop();
    if (status === "requested" || status === "recording") resetConsent();
  }, [status, resetRequest, resetStop, resetConsent]);

  const busy = request.isPending || stop.isPending || consent.isPending;
  const offered = state.offered;
  const showDialog = !asDoctor && offered && status === "requested";

  return (
    <div className="recording-bar" data-testid="recording-bar" data-status={status}>
      <RecordingIndicator state={state} />
      {asDoctor && offered && status !== "requested" && status !== "recording" ? (
        <BusyButton type="button" className="button button--secondary button--small" data-testid="record-call" busy={request.isPending} disabled={busy} onClick={() => request.mutate()}>
          {t("calls.recording.ask")}
        </BusyButton>
      ) : null}
      {asDoctor && offered && status === "declined" ? (
        <span className="field-hint" data-testid="recording-declined">
          {t("calls.recording.declined")}
        </span>
      ) : null}
      {asDoctor && offered && status === "requested" ? (
        <span className="recording-bar__waiting" role="status" data-testid="recording-waiting">
          {t("calls.recording.waiting")}
        </span>
      ) : null}
      {offered && status === "recording" ? (
        <BusyButton type="button" className="button button--danger button--small" data-testid="stop-recording" busy={stop.isPending} disabled={busy} onClick={() => stop.mutate()}>
          {asDoctor ? t("calls.recording.stop") : t("calls.recording.withdraw")}
        </BusyButton>
      ) : null}
      <ProblemMessage error={error && !showDialog ? error : null} namespace="calls" testId="recording-error" />
      {showDialog ? (
        <RecordingConsentDialog
          consentVersion={state.consentVersion}
          answering={consent.isPending ? consent.variables.accept : undefined}
          error={consent.error}
          onAnswer={(accept, consentVersion) => consent.mutate({ consentVersion, accept })}
        />
      ) : null}
    </div>
  );
}

/**
 * The patient's consent: a modal dialog with the consent text of the version the server asks for; the answer carries the
 * version shown. Focus moves in on opening and stays inside; Escape does not answer (the choice is the patient's to make).
 */
export function RecordingConsentDialog({
  consentVersion,
  answering,
  error,
  onAnswer,
}: {
  consentVersion: string;
  /** The answer being sent (true: accept), undefined while none is: only that button shows it is working. */
  answering: boolean | undefined;
  error: unknown;
  onAnswer: (accept: boolean, consentVersion: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const base = `calls.recording.consent.${consentVersion}`;
  const known = /^[\w-]+$/.test(consentVersion) && i18n.exists(`${base}.title`);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    headingRef.current?.focus();
    return () => previous?.focus?.();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.preventDefault();
      return;
    }
    keepTabInside(event, dialogRef.current);
  };

  return (
    <div className="modal-backdrop">
      <div
        ref={dialogRef}
        className="modal recording-consent"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-text`}
        data-testid="recording-consent-dialog"
        data-consent-version={consentVersion}
        onKeyDown={onKeyDown}
      >
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {known ? t(`${base}.title`) : t("calls.recording.consentTitle")}
        </h2>
        <div id={`${id}-text`} className="recording-consent__text" data-testid="recording-consent-text">
          {known ? (
            <>
              <p>{t(`${base}.intro`)}</p>
              <ul>
                {CONSENT_TEXT_PARTS.map((part) => (
                  <li key={part}>{t(`${base}.${part}`)}</li>
                ))}
              </ul>
            </>
          ) : (
            <p className="alert alert--warning" id={`${id}-unknown`} data-testid="recording-consent-unknown">
              {t("calls.recording.unknownVersion")}
            </p>
          )}
          <p className="field-hint">{t("calls.recording.version", { version: consentVersion })}</p>
        </div>
        <ProblemMessage error={error} namespace="calls" testId="recording-error" />
        <div className="button-row">
          <BusyButton
            type="button"
            className="button"
            data-testid="recording-consent-accept"
            busy={answering === true}
            disabled={answering !== undefined || !known}
            aria-describedby={known ? undefined : `${id}-unknown`}
            onClick={() => onAnswer(true, consentVersion)}
          >
            {t("calls.recording.accept")}
          </BusyButton>
          <BusyButton
            type="button"
            className="button button--secondary"
            data-testid="recording-consent-decline"
            busy={answering === false}
            disabled={answering !== undefined}
            onClick={() => onAnswer(false, consentVersion)}
          >
            {t("calls.recording.decline")}
          </BusyButton>
        </div>
      </div>
    </div>
  );
}
