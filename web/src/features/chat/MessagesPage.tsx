import { useState, type FormEvent } from "react";
import { Link, useLocation, useNavigate } from "react-router";
import { useTranslation } from "react-i18next";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { schedulingApi } from "../../shared/api/scheduling";
import { useRequestKey } from "../../shared/api/requestKey";
import { isApiError } from "../../shared/api/errors";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { SelectField, TextAreaField, TextField, type FieldErrorLike } from "../../shared/ui/fields";
import { formatDateTime } from "../../shared/ui/format";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { AttachmentPicker } from "./AttachmentPicker";
import { chatApi, type ConversationView } from "./chatApi";
import { useProblemText } from "../../shared/ui/problemText";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useAttachmentUploads } from "./useAttachmentUploads";
import "./chat.css";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { UserSentence, UserText, isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";
import { FieldErrorList } from "../../shared/ui/fieldErrors";
import { patientApi, patientKeys } from "../patient/patientApi";

/** "/patient" or "/doctor" from the current path (both portals share these pages). */
export function usePortalBase(): "/patient" | "/doctor" {
  const { pathname } = useLocation();
  return pathname.startsWith("/doctor") ? "/doctor" : "/patient";
}

/** Conversations of the signed-in patient or doctor; patients can start a thread with a doctor. */
export function MessagesPage() {
  const { t } = useTranslation();
  useDocumentTitle("calls.titles.messages");
  const base = usePortalBase();
  const conversations = useQuery({ queryKey: ["conversations"], queryFn: chatApi.conversations, refetchInterval: 60_000 });
  const list = [...(conversations.data ?? [])].sort((a, b) => (b.lastMessageAt ?? "").localeCompare(a.lastMessageAt ?? ""));

  return (
    <div className="stack">
      <h1>{t("calls.titles.messages")}</h1>
      <section aria-labelledby="conversations-title" className="stack">
        <h2 id="conversations-title">{t("calls.chat.conversations")}</h2>
        {conversations.isPending ? <Loading /> : null}
        <ProblemMessage error={conversations.error} namespace="calls" onRetry={() => void conversations.refetch()} retryLabel={t("calls.chat.retry")} />
        {conversations.data && list.length === 0 ? <EmptyState>{t("calls.chat.noConversations")}</EmptyState> : null}
        <ul className="conversation-list" data-testid="conversation-list">
          {list.map((c) => (
            <ConversationItem key={c.id} conversation={c} href={`${base}/messages/${encodeURIComponent(c.id)}`} viewer={base === "/doctor" ? "doctor" : "patient"} />
          ))}
        </ul>
      </section>
      {base === "/patient" ? <NewConversationForm /> : null}
    </div>
  );
}

function ConversationItem({ conversation: c, href, viewer }: { conversation: ConversationView; href: string; viewer: "doctor" | "patient" }) {
  const { t, i18n } = useTranslation();
  const other = viewer === "doctor" ? c.patientName : c.doctorName;
  const title = c.subject || t(c.kind === "consultation" ? "calls.chat.consultationThread" : "calls.chat.careTeamThread");
  return (
    <li
      className={`conversation-item${c.unread > 0 ? " conversation-item--unread" : ""}`}
      data-testid="conversation-item"
      data-conversation-id={c.id}
      data-unread={c.unread}
    >
      <Link to={href}>
        <span>
          <span className="conversation-item__subject">{c.subject ? <UserText>{title}</UserText> : title}</span>
          {other ? (
            <span className="conversation-item__meta">
              {" · "}
              <UserSentence i18nKey="calls.chat.with" user={{ name: other }} />
            </span>
          ) : null}
          {viewer === "patient" && c.forDependant && c.patientName ? (
            <span className="conversation-item__meta" data-testid="item-for">
              {" · "}
              <UserSentence i18nKey="patient.forDependant" user={{ name: c.patientName }} />
            </span>
          ) : null}
        </span>
        <span className="conversation-item__meta">
          {c.lastMessageAt ? <time dateTime={c.lastMessageAt}>{formatDateTime(c.lastMessageAt, i18n.language)}</time> : null}{" "}
          {c.unread > 0 ? (
            <span className="badge badge--active" data-testid="unread-badge">
              {t("calls.chat.unread", { count: c.unread })}
            </span>
          ) : null}
        </span>
      </Link>
    </li>
  );
}

interface FormErrors {
  doctorId?: FieldErrorLike;
  subject?: FieldErrorLike;
  body?: FieldErrorLike;
}

function serverField(error: unknown, field: string): FieldErrorLike {
  if (!isApiError(error)) return undefined;
  const messages = error.fieldErrors[field];
  return messages?.length ? { type: "server", message: messages.join(" ") } : undefined;
}

/**
 * Patient: "New message to a doctor" (doctors of the patient's appointments). A guardian first picks whom it is about: their own
 * record, or a child's, whose appointments' doctors are then offered (the server checks the guardianship on `patientId`).
 */
function NewConversationForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const problemText = useProblemText("calls");
  const appointments = useQuery({ queryKey: ["my-appointments"], queryFn: schedulingApi.myAppointments });
  const dependents = useQuery({ queryKey: patientKeys.myDependents, queryFn: patientApi.myDependents });
  const uploads = useAttachmentUploads();
  // "" is the account's own record; otherwise a dependant's id.
  const [whose, setWhose] = useState("");
  const [doctorId, setDoctorId] = useState("");
  const [subject, setSubject] = useState("");
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<FormErrors>({});

  const dependantIds = new Set((dependents.data ?? []).map((d) => d.id));
  const doctors = new Map<string, string>();
  for (const a of appointments.data ?? []) {
    const forChosen = whose ? a.patientId === whose : !dependantIds.has(a.patientId);
    if (forChosen && a.doctorId && !doctors.has(a.doctorId)) doctors.set(a.doctorId, a.doctorName);
  }
  const options = [
    { value: "", label: t("calls.chat.chooseDoctor") },
    ...[...doctors.entries()].sort((a, b) => a[1].localeCompare(b[1])).map(([value, label]) => ({ value, label: isolate(label) })),
  ];

  // One key per message until it is sent: a second click, or a send again after an error, starts one conversation.
  const requestKey = useRequestKey();
  const create = useMutation({
    mutationFn: () => {
      const message = { doctorId, subject: subject.trim(), body: body.trim(), attachmentIds: uploads.ready.map((a) => a.id), patientId: whose || undefined };
      return chatApi.create(message, requestKey.keyFor(JSON.stringify(message)));
    },
    onSuccess: (conversation) => {
      requestKey.done();
      void queryClient.invalidateQueries({ queryKey: ["conversations"] });
      uploads.clear();
      void navigate(`/patient/messages/${encodeURIComponent(conversation.id)}`);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next: FormErrors = {
      doctorId: doctorId ? undefined : { message: "calls.chat.doctorRequired" },
      subject: subject.trim() ? undefined : { message: "calls.chat.subjectRequired" },
      body: body.trim() ? undefined : { message: "calls.chat.bodyRequired" },
    };
    setErrors(next);
    if (next.doctorId || next.subject || next.body || uploads.busy) return;
    create.mutate();
  };

  const error = create.error;
  return (
    <section aria-labelledby="new-message-title" className="card stack">
      <h2 id="new-message-title">{t("calls.chat.newTitle")}</h2>
      <p>{t("calls.chat.newIntro")}</p>
      {appointments.isPending ? <Loading /> : null}
      {appointments.data && doctors.size === 0 ? <EmptyState>{t("calls.chat.noDoctors")}</EmptyState> : null}
      <form className="form" onSubmit={onSubmit} noValidate>
        {dependents.data && dependents.data.length > 0 ? (
          <SelectField
            label={t("calls.chat.forWhom")}
            value={whose}
            data-testid="new-conversation-whose"
            onChange={(e) => {
              // Another patient's doctors: the doctor chosen for the previous one may not be among them.
              setWhose(e.target.value);
              setDoctorId("");
            }}
            options={[
              { value: "", label: t("calls.chat.forMe") },
              ...dependents.data.map((d) => ({ value: d.id, label: isolate(`${d.givenName} ${d.familyName}`) })),
            ]}
          />
        ) : null}
        <SelectField
          label={t("calls.chat.doctor")}
          options={options}
          value={doctorId}
          onChange={(e) => setDoctorId(e.target.value)}
          error={errors.doctorId ?? serverField(error, "doctorId")}
        />
        <TextField
          label={t("calls.chat.subject")}
          dir="auto"
          value={subject}
          maxLength={200}
          onChange={(e) => setSubject(e.target.value)}
          error={errors.subject ?? serverField(error, "subject")}
        />
        <TextAreaField
          label={t("calls.chat.message")}
          dir="auto"
          value={body}
          rows={5}
          maxLength={4000}
          onChange={(e) => setBody(e.target.value)}
          error={errors.body ?? serverField(error, "body")}
        />
        <AttachmentPicker items={uploads.items} onAdd={uploads.add} onRemove={uploads.remove} />
        {error ? (
          <div className="alert alert--error" role="alert">
            <p>{problemText(error)}</p>
            <FieldErrorList error={error} shownFields={["doctorId", "subject", "body"]} />
          </div>
        ) : null}
        <div className="button-row">
          <BusyButton
            type="submit"
            className="button"
            busy={create.isPending} disabled={uploads.busy}
            aria-describedby={uploads.busy ? "new-conversation-send-why" : undefined}
          >
            {t("calls.chat.send")}
          </BusyButton>
        </div>
        <DisabledReason id="new-conversation-send-why" reason={uploads.busy ? t("calls.chat.sendWhyUploading") : null} testId="new-conversation-send-why" />
      </form>
    </section>
  );
}
