import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { useProblemText } from "../../shared/ui/problemText";
import { Loading } from "../../shared/ui/feedback";
import { clock, formatDayLong } from "../../shared/time/zonedTime";
import { callsApi, type ConsultationView } from "./callsApi";
import { PatientDocumentsPanel } from "../record/PatientDocumentsPanel";
import { UserText } from "../../shared/ui/UserText";

/**
 * Doctor, beside the call: the patient's allergies and chronic conditions (GET /patients/{id}/clinical, open to the
 * doctor of a consultation in progress) and their earlier completed consultations (GET /consultations/{id}/history).
 */
export function PatientRecordPanel({ consultation }: { consultation: ConsultationView }) {
  const { t, i18n } = useTranslation();
  const problemText = useProblemText("calls");
  const dayText = (iso: string) => formatDayLong(new Date(iso.endsWith("Z") || /[+-]\d\d:\d\d$/.test(iso) ? iso : `${iso}Z`), clock.timeZone(), i18n.language);
  const patientId = consultation.patientId ?? "";
  const clinical = useQuery({
    queryKey: ["patients", patientId, "clinical"],
    queryFn: () => callsApi.clinical(patientId),
    enabled: patientId !== "",
    retry: (count, error) => !(isApiError(error) && error.status < 500) && count < 2,
  });
  const history = useQuery({ queryKey: ["consultation-history", consultation.id], queryFn: () => callsApi.history(consultation.id) });
  const none = t("calls.record.none");

  return (
    <section className="call-panel" data-testid="patient-record" aria-labelledby="patient-record-title">
      <h2 id="patient-record-title">{t("calls.record.title")}</h2>
      {clinical.isPending && patientId ? <Loading /> : null}
      {clinical.error ? <p className="field-hint">{problemText.withFields(clinical.error)}</p> : null}
      {clinical.data ? (
        <dl className="details">
          <dt>{t("calls.record.allergies")}</dt>
          <dd data-testid="patient-allergies">{clinical.data.allergies.length ? clinical.data.allergies.join(", ") : none}</dd>
          <dt>{t("calls.record.conditions")}</dt>
          <dd data-testid="patient-conditions">{clinical.data.chronicConditions.length ? clinical.data.chronicConditions.join(", ") : none}</dd>
        </dl>
      ) : null}
      <h3>{t("calls.record.pastVisits")}</h3>
      {history.isPending ? <Loading /> : null}
      {history.error ? <p className="field-hint">{problemText.withFields(history.error)}</p> : null}
      {history.data && history.data.length === 0 ? <p>{t("calls.record.noPastVisits")}</p> : null}
      {history.data && history.data.length > 0 ? (
        <ul className="past-visits" data-testid="past-visits">
          {history.data.map((v) => (
            <li key={v.id}>
              <strong>{v.endedAt ? dayText(v.endedAt) : "—"}</strong>
              {v.doctorName ? (
                <>
                  {" · "}
                  <UserText>{v.doctorName}</UserText>
                </>
              ) : null} · {t(`calls.record.kinds.${v.kind}`, { defaultValue: v.kind })}
              <br />
              <span className="muted" dir="auto">{v.complaintSummary}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {/* During the visit: what the patient shared with this doctor or the care team. */}
      {patientId ? <PatientDocumentsPanel patientId={patientId} /> : null}
    </section>
  );
}
