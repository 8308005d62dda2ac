import "./frontoffice.css";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TextAreaField } from "../../shared/ui/fields";
import { EmptyState } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { useProblemText } from "../../shared/ui/problemText";
import type { ClinicMessage } from "./frontOfficeApi";
import { UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";
import { useRequestKey } from "../../shared/api/requestKey";

const MAX_LENGTH = 4000;

/**
 * A clinic–patient thread, oldest first, with a composer. `viewer` decides whose messages read as "You".
 * The composer keeps its text when sending fails, so nothing typed is lost; `onSend` gets the text and its Idempotency-Key, the
 * same for the same text until it is sent, so a message sent again after an error or a lost answer is written once.
 */
export function ClinicThreadView({
  messages,
  viewer,
  onSend,
}: {
  messages: ClinicMessage[];
  viewer: "clinic" | "patient";
  onSend: (body: string, idempotencyKey: string) => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const problemText = useProblemText("frontOffice");
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const sendKey = useRequestKey();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = draft.trim();
    if (!body) {
      setError(new Error("empty"));
      return;
    }
    setSending(true);
    setError(null);
    try {
      await onSend(body, sendKey.keyFor(body));
      sendKey.done();
      setDraft("");
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  const authorLabel = (m: ClinicMessage) =>
    m.author === viewer ? t("frontOffice.thread.you") : m.author === "clinic" ? t("frontOffice.thread.clinic") : m.authorName || t("frontOffice.thread.patient");

  return (
    <div className="stack">
      {messages.length === 0 ? <EmptyState>{t("frontOffice.thread.empty")}</EmptyState> : null}
      {messages.length > 0 ? (
        <ol className="clinic-thread" aria-label={t(viewer === "clinic" ? "frontOffice.thread.deskTitle" : "frontOffice.thread.title")}>
          {messages.map((m) => (
            <li key={m.id} className={`clinic-thread__message clinic-thread__message--${m.author === viewer ? "mine" : "theirs"}`}>
              <p className="clinic-thread__meta">
                <strong>{m.author !== viewer && m.author !== "clinic" && m.authorName ? <UserText>{m.authorName}</UserText> : authorLabel(m)}</strong> · <time dateTime={m.sentAt}>{formatDateTime(m.sentAt, i18n.language)}</time>
                {m.author === viewer && m.readAt ? ` · ${t("frontOffice.thread.read")}` : null}
              </p>
              <p className="clinic-thread__body" dir="auto">{m.body}</p>
            </li>
          ))}
        </ol>
      ) : null}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField
          dir="auto"
          label={t("frontOffice.thread.message")}
          value={draft}
          maxLength={MAX_LENGTH}
          rows={3}
          onChange={(e) => setDraft(e.target.value)}
          error={
            error instanceof Error && error.message === "empty"
              ? { message: "frontOffice.errors.front_office.empty_message" }
              : error
                ? { message: problemText.withFields(error), type: "server" }
                : undefined
          }
        />
        <div>
          <BusyButton type="submit" className="button" busy={sending}>
            {t("frontOffice.thread.send")}
          </BusyButton>
        </div>
      </form>
    </div>
  );
}
