import "./frontoffice.css";
import { useId, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { patientApi, patientKeys } from "../patient/patientApi";
import { SelectField, TextAreaField } from "../../shared/ui/fields";
import { EmptyState, ErrorAlert, Loading, SuccessMessage } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { ClinicThreadView } from "./ClinicThreadView";
import { frontOfficeApi, frontOfficeKeys } from "./frontOfficeApi";
import { UserText, isolate } from "../../shared/ui/UserText";
import { DisabledReason } from "../../shared/ui/DisabledReason";
import { useRequestKey } from "../../shared/api/requestKey";
import { BusyButton } from "../../shared/ui/BusyButton";

/** On the front desk's patient page: the clinic's thread with the patient and review requests to doctors (the contact history). */
export function DeskContactPanel({ patientId }: { patientId: string }) {
  return (
    <>
      <DeskThread patientId={patientId} />
      <ReviewRequests patientId={patientId} />
    </>
  );
}

function DeskThread({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const thread = useQuery({ queryKey: frontOfficeKeys.deskThread(patientId), queryFn: () => frontOfficeApi.deskThread(patientId) });
  return (
    <section className="card stack" aria-labelledby="desk-thread-title">
      <h2 id="desk-thread-title">{t("frontOffice.thread.deskTitle")}</h2>
      <p className="muted">{t("frontOffice.thread.deskIntro")}</p>
      {thread.isPending ? <Loading /> : null}
      <ErrorAlert error={thread.error} onRetry={() => void thread.refetch()} />
      {thread.data ? (
        <ClinicThreadView
          messages={thread.data.messages}
          viewer="clinic"
          onSend={async (body, idempotencyKey) => {
            await frontOfficeApi.writeToPatient(patientId, body, idempotencyKey);
            await queryClient.invalidateQueries({ queryKey: frontOfficeKeys.deskThread(patientId) });
          }}
        />
      ) : null}
    </section>
  );
}

function ReviewRequests({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const flags = useQuery({ queryKey: frontOfficeKeys.patientFlags(patientId), queryFn: () => frontOfficeApi.patientFlags(patientId) });
  const doctors = useQuery({ queryKey: patientKeys.doctors({ pageSize: 100 }), queryFn: () => patientApi.doctors({ pageSize: 100 }) });
  const [doctorId, setDoctorId] = useState("");
  const [reason, setReason] = useState("");
  const raiseWhyId = useId();
  const raiseWhy = !doctorId ? t("frontOffice.flags.raiseWhyDoctor") : !reason.trim() ? t("frontOffice.flags.raiseWhyReason") : null;
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [raising, setRaising] = useState(false);
  // One key per request (doctor and reason) until it is raised: sent again after an error or a lost answer, it is raised once.
  const raiseKey = useRequestKey();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setRaising(true);
    setError(null);
    setDone(false);
    try {
      const trimmed = reason.trim();
      await frontOfficeApi.raiseFlag(patientId, doctorId, trimmed, raiseKey.keyFor(JSON.stringify([doctorId, trimmed])));
      raiseKey.done();
      setReason("");
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: frontOfficeKeys.patientFlags(patientId) });
    } catch (e) {
      setError(e);
    } finally {
      setRaising(false);
    }
  };

  return (
    <section className="card stack" aria-labelledby="review-requests-title">
      <h2 id="review-requests-title">{t("frontOffice.flags.title")}</h2>
      <p className="muted">{t("frontOffice.flags.deskIntro")}</p>
      {flags.isPending ? <Loading /> : null}
      <ErrorAlert error={flags.error} onRetry={() => void flags.refetch()} />
      {flags.data && flags.data.length === 0 ? <EmptyState>{t("frontOffice.flags.none")}</EmptyState> : null}
      {flags.data && flags.data.length > 0 ? (
        <ul className="plain-list" aria-label={t("frontOffice.flags.title")}>
          {flags.data.map((f) => (
            <li key={f.id} className="review-flag">
              <p>
                <strong>
                  <UserText>{f.doctorName}</UserText>
                </strong>{" "}
                · {t(`frontOffice.flags.${f.status}`)} · {t("frontOffice.flags.raisedAt", { when: formatDateTime(f.raisedAt, i18n.language) })}
              </p>
              <p dir="auto">{f.reason}</p>
              {f.resolvedAt ? (
                <p className="muted">
                  {t("frontOffice.flags.resolvedAt", { when: formatDateTime(f.resolvedAt, i18n.language) })}
                  {f.resolutionNote ? (
                    <>
                      {" — "}
                      <UserText>{f.resolutionNote}</UserText>
                    </>
                  ) : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label={t("frontOffice.flags.raise")}>
        <SelectField
          label={t("frontOffice.flags.doctor")}
          value={doctorId}
          onChange={(e) => setDoctorId(e.target.value)}
          options={[
            { value: "", label: t("frontOffice.flags.chooseDoctor") },
            ...(doctors.data?.items ?? []).map((d) => ({ value: d.id, label: isolate(d.displayName) })),
          ]}
        />
        <TextAreaField dir="auto" label={t("frontOffice.flags.reason")} value={reason} maxLength={1000} rows={2} onChange={(e) => setReason(e.target.value)} />
        <ProblemMessage error={error} namespace="frontOffice" />
        {done ? <SuccessMessage>{t("frontOffice.flags.raised")}</SuccessMessage> : null}
        <div>
          <BusyButton type="submit" className="button button--secondary" busy={raising} disabled={!!raiseWhy} aria-describedby={raiseWhy ? raiseWhyId : undefined}>
            {t("frontOffice.flags.raise")}
          </BusyButton>
          <DisabledReason id={raiseWhyId} reason={raiseWhy} />
        </div>
      </form>
    </section>
  );
}
