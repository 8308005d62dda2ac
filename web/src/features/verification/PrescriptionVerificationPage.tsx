import { useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { verificationApi, verificationKeys } from "./verificationApi";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { formatCalendarDate } from "../../shared/time/zonedTime";
import { UserSentence, UserText } from "../../shared/ui/UserText";

/**
 * The page a prescription's QR code opens (/verify/rx/:code), for a pharmacy without an integration: valid or not, and
 * why; the medicine, quantity and dates; the prescriber and clinic; the patient only as initials and birth year.
 */
export function PrescriptionVerificationPage() {
  const { code = "" } = useParams();
  const { t, i18n } = useTranslation();
  useDocumentTitle("verification.title");
  const result = useQuery({ queryKey: verificationKeys.prescription(code), queryFn: () => verificationApi.prescription(code), retry: false });
  const rx = result.data;
  const date = (instant: string) => formatCalendarDate(instant.slice(0, 10), i18n.language, "long");
  return (
    <div className="stack">
      <h1>{t("verification.title")}</h1>
      {result.isPending ? <Loading /> : null}
      <ErrorAlert error={result.error} />
      {rx ? (
        <section className="card stack" data-testid="prescription-verification" aria-labelledby="rx-verdict">
          <div className={`alert ${rx.valid ? "alert--success" : "alert--error"}`}>
            <h2 id="rx-verdict">{rx.valid ? t("verification.valid") : t("verification.invalid")}</h2>
            {!rx.valid ? <p>{!rx.signatureValid ? t("verification.signatureBroken") : t(`verification.status.${rx.status}`, rx.status)}</p> : null}
          </div>
          <dl className="details">
            <dt>{t("verification.medicine")}</dt>
            {/* The name as the prescription words it already carries strength and form ("Amoxicillin 500 mg capsules"). */}
            <dd>{rx.medicineName}</dd>
            <dt>{t("verification.quantity")}</dt>
            <dd>
              {rx.quantityText}
              {rx.refills > 0 ? ` · ${t("verification.refills", { count: rx.refills })}` : ""}
            </dd>
            <dt>{t("verification.issuedOn")}</dt>
            <dd>{date(rx.issuedAt)}</dd>
            <dt>{t("verification.validUntil")}</dt>
            <dd>{date(rx.validUntil)}</dd>
            <dt>{t("verification.patient")}</dt>
            <dd><UserSentence i18nKey="verification.patientValue" user={{ initials: rx.patientInitials }} values={{ year: rx.patientBirthYear }} /></dd>
            <dt>{t("verification.prescriber")}</dt>
            <dd>
              <UserText>{rx.prescriberName}</UserText>, <UserText>{rx.clinicName}</UserText>
            </dd>
            <dt>{t("verification.signature")}</dt>
            <dd>{rx.signatureValid ? t("verification.signatureOk") : t("verification.signatureBroken")}</dd>
            <dt>{t("verification.dispensing")}</dt>
            <dd>{t(`verification.dispensingStatus.${rx.dispensing}`, rx.dispensing)}</dd>
          </dl>
        </section>
      ) : null}
    </div>
  );
}
