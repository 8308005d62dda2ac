import { useState } from "react";
import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { doctorApi, doctorKeys } from "./doctorApi";
import { isApiError } from "../../shared/api/errors";
import { ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { BreakGlassForm } from "./BreakGlassForm";
import { ClinicalList, DemographicsList } from "./PatientDetails";
import { FollowUpForm } from "./FollowUpForm";

/** 403 and 404 from the clinical endpoint both mean: no care relationship (yet). */
export function isNoCareRelationship(error: unknown): boolean {
  return isApiError(error) && (error.status === 403 || error.status === 404);
}

export function DoctorPatientPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.doctorPatient");
  const { id = "" } = useParams();
  const queryClient = useQueryClient();
  const [grantedUntil, setGrantedUntil] = useState<string | null>(null);
  const demographics = useQuery({ queryKey: doctorKeys.demographics(id), queryFn: () => doctorApi.demographics(id), retry: false });
  const clinical = useQuery({ queryKey: doctorKeys.clinical(id), queryFn: () => doctorApi.clinical(id), retry: false });
  // A follow-up needs a care relationship: emergency (break-glass) access lets the doctor read, not book.
  const patients = useQuery({ queryKey: doctorKeys.myPatients, queryFn: doctorApi.doctorPatients });
  const inCare = patients.data?.some((p) => p.id === id && p.relationship !== "break-glass") ?? false;

  const name = demographics.data ? `${demographics.data.givenName} ${demographics.data.familyName}` : t("doctor.patientTitle");

  return (
    <div className="stack">
      <p>
        <Link to="/doctor">← {t("doctor.backToPatients")}</Link>
      </p>
      <h1 dir={demographics.data ? "auto" : undefined}>{name}</h1>
      <section className="card" aria-labelledby="demographics-title">
        <h2 id="demographics-title">{t("doctor.demographics")}</h2>
        {demographics.isPending ? <Loading /> : null}
        {demographics.error && !isNoCareRelationship(demographics.error) ? <ErrorAlert error={demographics.error} /> : null}
        {demographics.error && isNoCareRelationship(demographics.error) ? <p className="muted">{t("errors.not_found")}</p> : null}
        {demographics.data ? <DemographicsList data={demographics.data} /> : null}
      </section>
      <section className="card" aria-labelledby="clinical-title">
        <h2 id="clinical-title">{t("doctor.clinical")}</h2>
        {grantedUntil ? <SuccessMessage>{t("doctor.accessGranted", { time: formatDateTime(grantedUntil, i18n.language) })}</SuccessMessage> : null}
        {clinical.isPending ? <Loading /> : null}
        {clinical.data ? <ClinicalList data={clinical.data} /> : null}
        {clinical.error && !isNoCareRelationship(clinical.error) ? (
          <ErrorAlert error={clinical.error} onRetry={() => void clinical.refetch()} />
        ) : null}
        {clinical.error && isNoCareRelationship(clinical.error) ? (
          <div className="stack" data-testid="no-care-relationship">
            <h3>{t("doctor.noCareRelationship")}</h3>
            <p>{t("doctor.noCareText")}</p>
            <BreakGlassForm
              patientId={id}
              onGranted={(expiresAt) => {
                setGrantedUntil(expiresAt);
                void queryClient.invalidateQueries({ queryKey: doctorKeys.clinical(id) });
                void queryClient.invalidateQueries({ queryKey: doctorKeys.demographics(id) });
                void queryClient.invalidateQueries({ queryKey: doctorKeys.myPatients });
              }}
            />
          </div>
        ) : null}
      </section>
      {inCare ? <FollowUpForm patientId={id} /> : null}
    </div>
  );
}
