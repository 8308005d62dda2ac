import { useId } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { RecordProblem } from "./RecordProblem";
import { recordApi, recordKeys } from "./recordApi";
import "./record.css";
import { UserText } from "../../shared/ui/UserText";

/**
 * Doctor, before and during the visit: the patient's clean documents shared with this doctor (by name or with the care team),
 * each to download, and a link to the whole record. Used on the appointment page, in the consultation room and on the record page.
 */
export function PatientDocumentsPanel({ patientId, showRecordLink = true }: { patientId: string; showRecordLink?: boolean }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const documents = useQuery({
    queryKey: recordKeys.patientDocuments(patientId),
    queryFn: () => recordApi.patientDocuments(patientId),
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
  return (
    <section className="card stack" aria-labelledby={headingId} data-testid="patient-documents">
      <h2 id={headingId}>{t("record.doctor.documents")}</h2>
      {documents.isPending ? <Loading /> : null}
      <RecordProblem error={documents.error} onRetry={() => void documents.refetch()} />
      {documents.data && documents.data.length === 0 ? <EmptyState>{t("record.doctor.noDocuments")}</EmptyState> : null}
      {documents.data && documents.data.length > 0 ? (
        <ul className="record-documents">
          {documents.data.map((d) => (
            <li key={d.id} className="record-documents__item" data-testid="document-item" data-document-id={d.id}>
              <p className="record-documents__title">
                <a href={recordApi.patientContentUrl(patientId, d.id)} download={d.fileName}>
                  <UserText>{d.description || d.fileName}</UserText>
                </a>
              </p>
              <p className="muted">
                {t(`record.types.${d.type}`, { defaultValue: d.type })} · {formatDate(d.documentDate, i18n.language)} · <UserText>{d.fileName}</UserText>
              </p>
            </li>
          ))}
        </ul>
      ) : null}
      {showRecordLink && !documents.error ? (
        <p>
          <Link to={`/doctor/patients/${encodeURIComponent(patientId)}/record`}>{t("record.doctor.openRecord")}</Link>
        </p>
      ) : null}
    </section>
  );
}
