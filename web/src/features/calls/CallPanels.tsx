import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { Loading } from "../../shared/ui/feedback";
import { TextAreaField } from "../../shared/ui/fields";
import { AttachmentImage } from "../chat/AttachmentView";
import { ChatPanel } from "../chat/ChatPanel";
import { chatApi } from "../chat/chatApi";
import { useProblemText } from "../../shared/ui/problemText";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { callsApi, type ComplaintForm, type ConsultationView } from "./callsApi";

/**
 * The complaint in one line in the reader's language ("Голова · 4/10 · Несколько дней"), from the form's codes. The server
 * writes its summary in English (with the duration's code, "days"), so a reader of another language gets this one when
 * every code has a text here; otherwise (and for an English reader) null, and the server's summary stands.
 */
export function localComplaintSummary(form: ComplaintForm | undefined, { t, exists, language }: { t: (key: string) => string; exists: (key: string) => boolean; language: string }): string | null {
  if (!form || language.startsWith("en")) return null;
  const keys = [
    ...form.regions.map((code) => `consultations.regions.${code}`),
    `consultations.durations.${form.duration}`,
    ...(form.symptoms ?? []).map((code) => `consultations.symptoms.${code}`),
  ];
  if (form.regions.length === 0 || !keys.every(exists)) return null;
  const regions = form.regions.map((code) => t(`consultations.regions.${code}`)).join(", ");
  const symptoms = (form.symptoms ?? []).map((code) => t(`consultations.symptoms.${code}`)).join(", ");
  return [regions, `${form.severity}/10`, t(`consultations.durations.${form.duration}`), symptoms].filter(Boolean).join(" · ");
}

/** Doctor: what the patient wrote, the triage level and the rules that fired, the photos. */
export function ComplaintPanel({ consultation }: { consultation: ConsultationView }) {
  const { t, i18n } = useTranslation();
  const complaint = useQuery({ queryKey: ["consultation-complaint", consultation.id], queryFn: () => callsApi.complaint(consultation.id) });
  const triage = consultation.triage;
  const form = complaint.data?.complaint;
  const photos = form?.photoIds ?? [];
  const english = i18n.language.startsWith("en");
  const translator = { t: (key: string) => t(key), exists: (key: string) => i18n.exists(key), language: i18n.language };
  const summary = localComplaintSummary(form, translator) ?? consultation.complaintSummary;
  // The server titles its rules in English; another reader gets the title written for the rule's code, when there is one.
  const ruleTitle = (rule: { code: string; title: string }) =>
    !english && i18n.exists(`consultations.rules.${rule.code}`) ? t(`consultations.rules.${rule.code}`) : rule.title;

  return (
    <section className="call-panel" data-testid="complaint-summary" aria-labelledby="complaint-title">
      <h2 id="complaint-title">{t("calls.complaint.title")}</h2>
      {summary ? (
        <p className="call-panel__summary" dir="auto" data-testid="complaint-line">
          {summary}
        </p>
      ) : null}
      {triage ? (
        <>
          <p>
            {t("calls.complaint.triage")}:{" "}
            <span className={`badge triage-badge triage-badge--${triage.level}`} data-testid="triage-level" data-level={triage.level}>
              {t(`calls.complaint.levels.${triage.level}`, { defaultValue: triage.level })}
            </span>
          </p>
          <h3>{t("calls.complaint.rules")}</h3>
          {triage.firedRules.length === 0 ? (
            <p>{t("calls.complaint.noRules")}</p>
          ) : (
            <ul className="fired-rules">
              {triage.firedRules.map((rule) => (
                <li key={rule.code} data-rule-code={rule.code}>
                  <span className={`badge triage-badge triage-badge--${rule.level}`}>{t(`calls.complaint.levels.${rule.level}`, { defaultValue: rule.level })}</span>{" "}
                  {ruleTitle(rule)}
                  {rule.source ? <span className="fired-rules__source"> — {rule.source}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
      {form?.description ? (
        <>
          <h3>{t("calls.complaint.description")}</h3>
          <p className="call-panel__description" data-testid="complaint-description" dir="auto">
            {form.description}
          </p>
        </>
      ) : null}
      {photos.length > 0 ? (
        <>
          <h3>{t("calls.complaint.photos")}</h3>
          <div className="complaint-photos">
            {photos.map((id, index) => (
              <AttachmentImage key={id} id={id} alt={t("calls.complaint.photoAlt", { number: index + 1 })} testId="complaint-photo" />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}

export const NOTES_DEBOUNCE_MS = 800;
type SaveState = "idle" | "saving" | "saved" | "failed";

/** Doctor: consultation notes, saved (PUT /notes) a moment after typing stops. */
export function NotesPanel({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation();
  const problemText = useProblemText("calls");
  const notes = useQuery({
    queryKey: ["consultation-notes", consultationId],
    queryFn: async () => {
      try {
        return await callsApi.notes(consultationId);
      } catch (error) {
        if (isApiError(error) && error.status === 404) return { text: "" };
        throw error;
      }
    },
    staleTime: Infinity,
  });
  const [text, setText] = useState<string | null>(null);
  const [state, setState] = useState<SaveState>("idle");
  const [saveError, setSaveError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pendingText = useRef<string | null>(null);
  const chain = useRef<Promise<void>>(Promise.resolve());
  const mounted = useRef(true);

  useEffect(() => {
    if (notes.data && text === null) setText(notes.data.text ?? "");
  }, [notes.data, text]);

  const save = (value: string) => {
    pendingText.current = null;
    if (mounted.current) setState("saving");
    chain.current = chain.current.then(async () => {
      try {
        await callsApi.saveNotes(consultationId, value);
        if (mounted.current && pendingText.current === null) {
          setState("saved");
          setSaveError(null);
        }
      } catch (error) {
        if (mounted.current) {
          setState("failed");
          setSaveError(error);
        }
      }
    });
  };

  // The unmount cleanup below needs the latest save (it closes over this render's consultation).
  const saveRef = useRef(save);
  useEffect(() => {
    saveRef.current = save;
  });

  // Leaving the page saves what is still waiting for the debounce.
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      clearTimeout(timer.current);
      if (pendingText.current !== null) saveRef.current(pendingText.current);
    };
  }, []);

  const onChange = (value: string) => {
    setText(value);
    pendingText.current = value;
    setState("idle");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => save(value), NOTES_DEBOUNCE_MS);
  };

  const statusText = state === "saving" ? t("calls.notes.saving") : state === "saved" ? t("calls.notes.saved") : state === "failed" ? t("calls.notes.failed") : "";
  return (
    <section className="call-panel call-notes">
      {notes.isPending ? <Loading /> : null}
      <ProblemMessage error={notes.error} namespace="calls" onRetry={() => void notes.refetch()} retryLabel={t("calls.chat.retry")} />
      <TextAreaField
        dir="auto"
        label={t("calls.notes.label")}
        hint={t("calls.notes.hint")}
        data-testid="consultation-notes"
        rows={8}
        maxLength={20000}
        value={text ?? ""}
        disabled={text === null}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="notes-status" role="status" data-testid="notes-status" data-status={state}>
        {statusText}
        {state === "failed" && saveError ? ` — ${problemText.withFields(saveError)}` : null}
      </p>
    </section>
  );
}

function chatInitiallyOpen(): boolean {
  if (typeof window === "undefined" || typeof window.matchMedia !== "function") return true;
  return window.matchMedia("(min-width: 48rem)").matches;
}

/** The consultation's chat, collapsible beside a video call (closed at first on phones); always open when it is the consultation itself. */
export function ConsultationChat({ consultationId, alwaysOpen = false }: { consultationId: string; alwaysOpen?: boolean }) {
  const { t } = useTranslation();
  const [initiallyOpen] = useState(chatInitiallyOpen);
  const open = alwaysOpen || initiallyOpen;
  const conversation = useQuery({
    queryKey: ["consultation-conversation", consultationId],
    queryFn: () => chatApi.ofConsultation(consultationId),
    staleTime: Infinity,
  });
  return (
    <details className="call-panel call-chat" open={open} data-testid="call-chat" onToggle={alwaysOpen ? (e) => (e.currentTarget.open = true) : undefined}>
      <summary>{t("calls.call.chat")}</summary>
      {conversation.isPending ? <Loading /> : null}
      <ProblemMessage error={conversation.error} namespace="calls" onRetry={() => void conversation.refetch()} retryLabel={t("calls.chat.retry")} />
      {conversation.data ? <ChatPanel conversationId={conversation.data.id} /> : null}
    </details>
  );
}
