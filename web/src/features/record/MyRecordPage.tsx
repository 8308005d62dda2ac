import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { consultationsApi } from "../../shared/api/consultations";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { SelectField } from "../../shared/ui/fields";
import { isolate } from "../../shared/ui/UserText";
import { patientApi, patientKeys } from "../patient/patientApi";
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

/**
 * /patient/record: the patient's documents (upload, scan status, download, sharing) and the record timeline. A guardian with
 * dependants (children on the account) first picks whose record: their own, or a child's, which every section below then reads and
 * keeps with `?patientId=` (the server checks the guardianship on each call).
 */
export function MyRecordPage() {
  const { t } = useTranslation();
  useDocumentTitle("record.patient.title");
  const doctors = useMyDoctors();
  const dependents = useQuery({ queryKey: patientKeys.myDependents, queryFn: patientApi.myDependents });
  // "" is the reader's own record; otherwise a dependant's id.
  const [whose, setWhose] = useState("");
  const patientId = whose || undefined;
  return (
    <div className="stack">
      <h1>{t("record.patient.title")}</h1>
      <p className="muted">{t("record.patient.intro")}</p>
      {dependents.data && dependents.data.length > 0 ? (
        <SelectField
          label={t("record.patient.whose")}
          value={whose}
          onChange={(e) => setWhose(e.target.value)}
          data-testid="record-whose"
          options={[
            { value: "", label: t("record.patient.mine") },
            ...dependents.data.map((d) => ({ value: d.id, label: isolate(`${d.givenName} ${d.familyName}`) })),
          ]}
        />
      ) : null}
      {/* Keyed by whose record: a half-filled upload or a timeline filter never carries over to another patient's record. */}
      <UploadDocumentForm key={`upload-${whose}`} doctors={doctors} patientId={patientId} />
      <MyDocumentsList doctors={doctors} patientId={patientId} />
      <TimelineSection key={`timeline-${whose}`} viewer={{ kind: "patient", patientId }} />
    </div>
  );
}
