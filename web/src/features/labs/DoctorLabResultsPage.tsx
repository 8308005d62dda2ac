import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TextAreaField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { LabValuesTable } from "./LabFlag";
import { labKeys, labsApi, type LabReport } from "./labsApi";
import { UserText } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/**
 * The doctor's lab results: received ones first (critical ones alerted at the top), each with a note and "Release to patient"; one the lab
 * withdrew after it was stored (status withdrawn: its values were wrong) says so, its values struck out, with no note and no release.
 */
export function DoctorLabResultsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("labs.doctor.title");
  const { id } = useParams();
  const results = useQuery({ queryKey: labKeys.doctorResults, queryFn: () => labsApi.doctorResults(i18n.language) });
  const shown = id ? (results.data ?? []).filter((r) => r.id === id) : (results.data ?? []);
  return (
    <div className="stack">
      <h1>{t("labs.doctor.title")}</h1>
      {results.isPending ? <Loading /> : null}
      <ErrorAlert error={results.error} onRetry={() => void results.refetch()} />
      {results.data && shown.length === 0 ? <EmptyState>{t("labs.doctor.none")}</EmptyState> : null}
      {shown.map((r) => (
        <ReportCard key={r.id} report={r} />
      ))}
    </div>
  );
}

function ReportCard({ report }: { report: LabReport }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [note, setNote] = useState(report.doctorNote ?? "");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const release = async () => {
    setBusy(true);
    setError(null);
    try {
      await labsApi.release(report.id, note.trim(), i18n.language);
      await queryClient.invalidateQueries({ queryKey: labKeys.doctorResults });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const released = report.status === "released";
  if (report.status === "withdrawn") {
    return (
      <article className="card stack" aria-labelledby={`lab-${report.id}`}>
        <h2 id={`lab-${report.id}`}>
          <UserText>{report.patientName ?? ""}</UserText> · {formatDateTime(report.receivedAt, i18n.language)}
        </h2>
        <p className="alert alert--error" role="alert">
          {t(report.releasedAt ? "labs.doctor.withdrawnSeen" : "labs.doctor.withdrawn")}
        </p>
        <div data-testid="withdrawn-values" style={{ textDecoration: "line-through" }}>
          <LabValuesTable values={report.values} />
        </div>
      </article>
    );
  }
  return (
    <article className="card stack" aria-labelledby={`lab-${report.id}`}>
      <h2 id={`lab-${report.id}`}>
        <UserText>{report.patientName ?? ""}</UserText> · {formatDateTime(report.receivedAt, i18n.language)}
      </h2>
      {report.criticalCount > 0 ? (
        <p className="alert alert--error" role="alert">
          {t("labs.doctor.critical", { count: report.criticalCount })}
        </p>
      ) : null}
      <p>{released ? t("labs.doctor.released", { when: formatDateTime(report.releasedAt ?? report.receivedAt, i18n.language) }) : t("labs.doctor.received")}</p>
      <LabValuesTable values={report.values} />
      <TextAreaField dir="auto" label={t("labs.doctor.note")} value={note} maxLength={2000} rows={3} onChange={(e) => setNote(e.target.value)} />
      <ProblemMessage error={error} />
      <div>
        <BusyButton type="button" className="button" busy={busy} onClick={() => void release()}>
          {released ? t("labs.doctor.saveNote") : t("labs.doctor.release")}
        </BusyButton>
      </div>
    </article>
  );
}
