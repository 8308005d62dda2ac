import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TextAreaField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { refillKeys, refillsApi, type MyPrescription } from "./refillsApi";
import { UserSentence } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

/** The patient's prescriptions with "Request a refill" on each active one, and their refill requests with the doctor's answer. */
export function PatientRefillsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("refills.patient.title");
  const prescriptions = useQuery({ queryKey: refillKeys.myPrescriptions, queryFn: refillsApi.myPrescriptions });
  const refills = useQuery({ queryKey: refillKeys.myRefills, queryFn: refillsApi.myRefills });
  const openFor = new Set((refills.data ?? []).filter((r) => r.status === "requested").map((r) => r.prescriptionId));
  return (
    <div className="stack">
      <h1>{t("refills.patient.title")}</h1>
      {prescriptions.isPending ? <Loading /> : null}
      <ErrorAlert error={prescriptions.error} onRetry={() => void prescriptions.refetch()} />
      {prescriptions.data && prescriptions.data.length === 0 ? <EmptyState>{t("refills.patient.none")}</EmptyState> : null}
      {prescriptions.data?.map((p) => (
        <PrescriptionCard key={p.id} prescription={p} waiting={openFor.has(p.id)} />
      ))}
      {refills.data && refills.data.length > 0 ? (
        <section className="card stack" aria-labelledby="my-refills-title">
          <h2 id="my-refills-title">{t("refills.patient.requests")}</h2>
          <ul className="plain-list">
            {refills.data.map((r) => (
              <li key={r.id}>
                <strong>{r.medicineName}</strong> · {t(`refills.status.${r.status}`)} ·{" "}
                {formatDateTime(r.decidedAt ?? r.requestedAt, i18n.language)}
                {r.declineReason ? (
                  <p>
                    <UserSentence i18nKey="refills.patient.reason" user={{ reason: r.declineReason }} />
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

function PrescriptionCard({ prescription, waiting }: { prescription: MyPrescription; waiting: boolean }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const headingId = `rx-${prescription.id}`;

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      await refillsApi.request(prescription.id, note.trim());
      setAsking(false);
      setNote("");
      await queryClient.invalidateQueries({ queryKey: refillKeys.myRefills });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className="card stack" aria-labelledby={headingId}>
      <h2 id={headingId}>{prescription.medicineName}</h2>
      <p dir="auto">{prescription.dosageText}</p>
      <p className="muted">
        <UserSentence i18nKey="refills.patient.issued" user={{ who: prescription.prescriberName }} values={{ when: formatDateTime(prescription.issuedAt, i18n.language) }} /> ·{" "}
        {t(`refills.prescriptionStatus.${prescription.status}`, { defaultValue: prescription.status })}
      </p>
      {waiting ? <p role="status">{t("refills.patient.waiting")}</p> : null}
      {prescription.status === "active" && !waiting && !asking ? (
        <div>
          <button type="button" className="button" onClick={() => setAsking(true)}>
            {t("refills.patient.request")}
          </button>
        </div>
      ) : null}
      {asking ? (
        <>
          <TextAreaField dir="auto" label={t("refills.patient.note")} value={note} maxLength={500} rows={2} onChange={(e) => setNote(e.target.value)} />
          <ProblemMessage error={error} />
          <div className="button-row">
            <BusyButton type="button" className="button" busy={busy} onClick={() => void send()}>
              {t("refills.patient.send")}
            </BusyButton>
            <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
              {t("refills.cancel")}
            </button>
          </div>
        </>
      ) : null}
    </article>
  );
}

