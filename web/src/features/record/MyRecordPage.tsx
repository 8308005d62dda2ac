import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { consultationsApi } from "../../shared/api/consultations";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { MyDocumentsList } from "./MyDocumentsList";
import { TimelineSection } from "./TimelineSection";
import { UploadDocumentForm } from "./UploadDocumentForm";
import type { DoctorChoice } from "./SharingFields";
import "./record.css";

/** The patient's doctors to share a document with: everyone they have had a consultation with, by name. */
function useMyDoctors(): DoctorChoice[] {
  const consultations = useQuery({ queryKey: ["consultations", "mine"], queryFn: consultationsApi.mine });
  return useMemo(() => {
    const byId = new Map<string, string>();
    for (const c of consultations.data ?? []) {
      if (c.doctorUserId && c.doctorName && !byId.has(c.doctorUserId)) byId.set(c.doctorUserId, c.doctorName);
    }
    return [...byId].map(([userId, name]) => ({ userId, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [consultations.data]);
}

/** /patient/record: the patient's documents (upload, scan status, download, sharing) and the record timeline. */
export function MyRecordPage() {
  const { t } = useTranslation();
  useDocumentTitle("record.patient.title");
  const doctors = useMyDoctors();
  return (
    <div className="stack">
      <h1>{t("record.patient.title")}</h1>
      <p className="muted">{t("record.patient.intro")}</p>
      <UploadDocumentForm doctors={doctors} />
      <MyDocumentsList doctors={doctors} />
      <TimelineSection viewer={{ kind: "patient" }} />
    </div>
  );
}
