import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { PatientDocumentsPanel } from "./PatientDocumentsPanel";
import { TimelineSection } from "./TimelineSection";
import "./record.css";

/**
 * /doctor/patients/:id/record: a patient's record for a doctor with a care relationship (or break-glass, shown as a banner):
 * the documents shared with this doctor and the timeline. Without access both read "no access".
 */
export function DoctorRecordPage() {
  const { t } = useTranslation();
  useDocumentTitle("record.doctor.title");
  const { id = "" } = useParams();
  return (
    <div className="stack">
      <h1>{t("record.doctor.title")}</h1>
      <PatientDocumentsPanel patientId={id} showRecordLink={false} />
      <TimelineSection viewer={{ kind: "doctor", patientId: id }} />
    </div>
  );
}
