import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { consultationsApi, type ConsultationView } from "../../shared/api/consultations";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { SelectField } from "../../shared/ui/fields";
import { isolate } from "../../shared/ui/UserText";
import { patientApi, patientKeys } from "../patient/patientApi";
import { MyDocumentsList } from "./MyDocumentsList";
import { TimelineSection } from "./TimelineSection";
import { UploadDocumentForm } from "./UploadDocumentForm";
import type { DoctorChoice } from "./SharingFields";
import "./record.css";

/**
 * The doctors to share a document of this record with: everyone who has had a consultation with its patient, by name. `patientId`
 * is a dependant's record (only that child's consultations count); absent, the reader's own (every consultation not for one of
 * `dependantIds`; the list names the patient only on a child's). A child's doctor is not offered for the guardian's own papers.
 */
export function doctorsOf(consultations: ConsultationView[], patientId: string | undefined, dependantIds: ReadonlySet<string>): DoctorChoice[] {
  const byId = new Map<string, string>();
  for (const c of consultations) {
    const forThisRecord = patientId ? c.patientId === patientId : !c.patientId || !dependantIds.has(c.patientId);
    if (forThisRecord && c.doctorUserId && c.doctorName && !byId.has(c.doctorUserId)) byId.set(c.doctorUserId, c.doctorName);
  }
  return [...byId].map(([userId, name]) => ({ userId, name })).sort((a, b) => a.name.localeCompare(b.name));
}

function useRecordDoctors(patientId: string | undefined, dependantIds: ReadonlySet<string>): DoctorChoice[] {
  const consultations = useQuery({ queryKey: ["consultations", "mine"], queryFn: consultationsApi.mine });
  return useMemo(() => doctorsOf(consultations.data ?? [], patientId, dependantIds), [consultations.data, patientId, dependantIds]);
}

/**
 * /patient/record: the patient's documents (upload, scan status, download, sharing) and the record timeline. A guardian with
 * dependants (children on the account) first picks whose record: their own, or a child's, which every section below then reads and
 * keeps with `?patientId=` (the server checks the guardianship on each call).
 */
export function MyRecordPage() {
  const { t } = useTranslation();
  useDocumentTitle("record.patient.title");
  const dependents = useQuery({ queryKey: patientKeys.myDependents, queryFn: patientApi.myDependents });
  // "" is the reader's own record; otherwise a dependant's id.
  const [whose, setWhose] = useState("");
  const patientId = whose || undefined;
  const dependantIds = useMemo(() => new Set((dependents.data ?? []).map((d) => d.id)), [dependents.data]);
  const doctors = useRecordDoctors(patientId, dependantIds);
  // The chosen child's given name, for the headings and sharing choices ("Sofia's documents"); absent for the reader's own record.
  const chosen = patientId ? dependents.data?.find((d) => d.id === patientId) : undefined;
  const patientName = chosen ? chosen.givenName : undefined;
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
      <UploadDocumentForm key={`upload-${whose}`} doctors={doctors} patientId={patientId} patientName={patientName} />
      <MyDocumentsList doctors={doctors} patientId={patientId} patientName={patientName} />
      <TimelineSection key={`timeline-${whose}`} viewer={{ kind: "patient", patientId }} />
    </div>
  );
}
