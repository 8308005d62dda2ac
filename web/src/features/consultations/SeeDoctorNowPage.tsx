import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useMutation } from "@tanstack/react-query";
import {
  CONSULTATION_KINDS,
  consultationsApi,
  type ComplaintForm as Complaint,
  type ConsultationKind,
} from "../../shared/api/consultations";
import { SelectField } from "../../shared/ui/fields";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { useSpecialties } from "../patient/useSpecialties";
import { ComplaintForm } from "./ComplaintForm";
import { ConsultationProblem } from "./common";
import { RefusedScreen, useEnterResult } from "./VisitEntryPage";

/** /patient/see-a-doctor-now — an on-demand request to the on-duty doctors of a specialty. */
export function SeeDoctorNowPage() {
  const { t } = useTranslation();
  useDocumentTitle("consultations.titles.seeDoctorNow");
  const specialties = useSpecialties();
  const kindLegend = useId();
  const [specialty, setSpecialty] = useState("");
  const [kind, setKind] = useState<ConsultationKind>("video");
  const [attempted, setAttempted] = useState(false);
  const specialtyError = attempted && !specialty;
  const result = useEnterResult();
  const request = useMutation({
    mutationFn: (complaint: Complaint) => consultationsApi.onDemand({ specialty, kind, complaint }),
    onSuccess: result.handle,
  });


  return (
    <div className="stack">
      <h1>{t("consultations.onDemand.title")}</h1>
      <p className="lead">{t("consultations.onDemand.intro")}</p>
      {result.refused ? <RefusedScreen triage={result.refused} onEdit={result.clear} /> : null}
      <section className="card stack" hidden={!!result.refused} aria-label={t("consultations.onDemand.title")}>
        <ComplaintForm
          submitLabel={t("consultations.onDemand.submit")}
          submittingLabel={t("consultations.onDemand.submitting")}
          submitting={request.isPending}
          onSubmit={(complaint) => request.mutate(complaint)}
          extraErrors={specialty ? [] : [t("consultations.form.errors.specialty")]}
          onInvalid={() => setAttempted(true)}
          footer={<ConsultationProblem error={request.error} />}
        >
          <div className="complaint-grid">
            <SelectField
              label={t("consultations.onDemand.specialty")}
              value={specialty}
              onChange={(e) => setSpecialty(e.target.value)}
              error={specialtyError ? { message: t("consultations.form.errors.specialty"), type: "server" } : undefined}
              options={[
                { value: "", label: t("consultations.onDemand.chooseSpecialty") },
                ...(specialties.data ?? []).map((s) => ({ value: s.code, label: s.name })),
              ]}
            />
            <fieldset className="kind-field" aria-labelledby={kindLegend}>
              <legend id={kindLegend}>
                {t("consultations.onDemand.kind")}
              </legend>
              <div className="kind-choice">
                {CONSULTATION_KINDS.map((k) => (
                  <label key={k}>
                    <input type="radio" name="consultation-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                    {t(`consultations.kinds.${k}`)}
                  </label>
                ))}
              </div>
            </fieldset>
          </div>
          <ConsultationProblem error={specialties.error} onRetry={() => void specialties.refetch()} />
        </ComplaintForm>
      </section>
    </div>
  );
}
