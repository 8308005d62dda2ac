import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { useProblemText } from "../../shared/ui/problemText";
import { RecordProblem } from "./RecordProblem";
import { SharingFields, type DoctorChoice } from "./SharingFields";
import { recordApi, recordKeys, type RecordDocument, type Sharing } from "./recordApi";
import { UserText, isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/** While a document waits in quarantine the list looks again this often (ms) until the scanner has decided. */
export const SCAN_POLL_MS = 2000;

/**
 * The patient's own documents, every status: pending scan (polled until scanned), available (download), rejected; sharing can
 * change. `patientId`: a dependant's record, for a guardian (absent: the reader's own); `patientName` that dependant's given name, so
 * the heading reads "Sofia's documents".
 */
export function MyDocumentsList({ doctors, patientId, patientName }: { doctors: DoctorChoice[]; patientId?: string; patientName?: string }) {
  const { t } = useTranslation();
  const headingId = useId();
  const documents = useQuery({
    queryKey: recordKeys.myDocuments(patientId),
    queryFn: () => recordApi.myDocuments(patientId),
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === "pending_scan") ? SCAN_POLL_MS : false),
  });
  // The timeline shows the same documents with their status: once the scanner decides on one, it is read again too.
  const queryClient = useQueryClient();
  const pending = useRef<Set<string>>(new Set());
  useEffect(() => {
    if (!documents.data) return;
    const decided = documents.data.some((d) => pending.current.has(d.id) && d.status !== "pending_scan");
    pending.current = new Set(documents.data.filter((d) => d.status === "pending_scan").map((d) => d.id));
    if (decided) void queryClient.invalidateQueries({ queryKey: ["record", "me", "timeline"] });
  }, [documents.data, queryClient]);
  return (
    <section className="card stack" aria-labelledby={headingId} data-testid="my-documents">
      <h2 id={headingId}>{patientName ? t("record.documents.titleFor", { name: isolate(patientName) }) : t("record.documents.title")}</h2>
      {documents.isPending ? <Loading /> : null}
      <RecordProblem error={documents.error} onRetry={() => void documents.refetch()} />
      {documents.data && documents.data.length === 0 ? <EmptyState>{t("record.documents.none")}</EmptyState> : null}
      {documents.data && documents.data.length > 0 ? (
        <ul className="record-documents">
          {documents.data.map((d) => (
            <MyDocumentItem key={d.id} document={d} doctors={doctors} patientId={patientId} patientName={patientName} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** The status as words, and what the patient can do with it. */
export function DocumentStatus({ status }: { status: string }) {
  const { t } = useTranslation();
  const tone = status === "available" ? "badge--active" : status === "rejected" ? "badge--danger" : "badge--unverified";
  return (
    <span className={`badge ${tone}`} data-testid="document-status" data-status={status}>
      {t(`record.status.${status}`, { defaultValue: status })}
    </span>
  );
}

/** Who sees the document, in words; on a dependant's record (`patientName`) the care team is the child's ("Sofia's care team …"). */
function sharingText(d: RecordDocument, doctors: DoctorChoice[], t: (key: string, o?: Record<string, unknown>) => string, patientName?: string): string {
  if (d.sharing === "doctor") {
    const name = doctors.find((x) => x.userId === d.sharedWithDoctorUserId)?.name ?? t("record.sharing.aDoctor");
    return t("record.sharing.withDoctor", { name: isolate(name) });
  }
  const sharing = d.sharing ?? "private";
  return patientName && sharing === "care_team" ? t("record.sharing.care_teamFor", { name: isolate(patientName) }) : t(`record.sharing.${sharing}`);
}

function MyDocumentItem({
  document: d,
  doctors,
  patientId,
  patientName,
}: {
  document: RecordDocument;
  doctors: DoctorChoice[];
  patientId?: string;
  patientName?: string;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const problemText = useProblemText("record");
  const [editing, setEditing] = useState(false);
  const [sharing, setSharing] = useState<Sharing>((d.sharing as Sharing | null) ?? "care_team");
  const [doctorUserId, setDoctorUserId] = useState(d.sharedWithDoctorUserId ?? "");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const title = d.description || d.fileName;

  const save = async () => {
    if (sharing === "doctor" && !doctorUserId) return setError(t("record.sharing.pickDoctorFirst"));
    setBusy(true);
    setError(null);
    try {
      await recordApi.changeSharing(d.id, sharing, doctorUserId, patientId);
      setEditing(false);
      await queryClient.invalidateQueries({ queryKey: ["record"] });
    } catch (e) {
      setError(problemText.withFields(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <li className="record-documents__item" id={`document-${d.id}`} data-testid="document-item" data-document-id={d.id}>
      <p className="record-documents__title">
        <strong dir="auto">{title}</strong> <DocumentStatus status={d.status} />
      </p>
      <p className="muted">
        {t(`record.types.${d.type}`, { defaultValue: d.type })} · {formatDate(d.documentDate, i18n.language)} · <UserText>{d.fileName}</UserText>
      </p>
      {d.status === "pending_scan" ? <p className="field-hint">{t("record.documents.pendingHint")}</p> : null}
      {d.status === "rejected" ? <p className="field-hint">{t("record.documents.rejectedHint")}</p> : null}
      <p data-testid="document-sharing">{sharingText(d, doctors, t, patientName)}</p>
      <div className="button-row">
        {d.status === "available" ? (
          <a className="button button--secondary button--small" href={recordApi.myContentUrl(d.id, patientId)} download={d.fileName}>
            {t("record.documents.download")}
            <span className="visually-hidden">: {title}</span>
          </a>
        ) : null}
        {d.status !== "rejected" ? (
          <button type="button" className="button button--secondary button--small" aria-expanded={editing} onClick={() => setEditing((e) => !e)}>
            {t("record.sharing.change")}
            <span className="visually-hidden">: {title}</span>
          </button>
        ) : null}
      </div>
      {editing ? (
        <div className="stack">
          <SharingFields
            sharing={sharing}
            doctorUserId={doctorUserId}
            doctors={doctors}
            onSharing={setSharing}
            onDoctor={setDoctorUserId}
            patientName={patientName}
          />
          {error ? (
            <p className="alert alert--error" role="alert">
              {error}
            </p>
          ) : null}
          <div>
            <BusyButton type="button" className="button button--small" busy={busy} onClick={() => void save()}>
              {t("record.sharing.save")}
            </BusyButton>
          </div>
        </div>
      ) : null}
    </li>
  );
}
