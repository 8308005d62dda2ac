import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { prescriptionsApi, prescriptionsKeys } from "./prescriptionsApi";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { formatCalendarDate } from "../../shared/time/zonedTime";
import { UserSentence } from "../../shared/ui/UserText";
import { ForDependant } from "../../shared/ui/ForDependant";

/**
 * The patient's prescriptions (/patient/prescriptions): active first, each with its dosing, validity, the PDF to print or
 * show at a pharmacy, and where to send it.
 */
export function MyPrescriptionsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("prescriptions.mine.title");
  const mine = useQuery({ queryKey: prescriptionsKeys.mine, queryFn: prescriptionsApi.mine });
  const date = (instant: string) => formatCalendarDate(instant.slice(0, 10), i18n.language, "long");
  const items = [...(mine.data ?? [])].sort((a, b) => Number(b.status === "active") - Number(a.status === "active"));
  return (
    <div className="stack">
      <h1>{t("prescriptions.mine.title")}</h1>
      {mine.isPending ? <Loading /> : null}
      <ErrorAlert error={mine.error} onRetry={() => void mine.refetch()} />
      {mine.data?.length === 0 ? <EmptyState>{t("prescriptions.mine.none")}</EmptyState> : null}
      <ul className="stack" aria-label={t("prescriptions.mine.title")}>
        {items.map((rx) => (
          <li key={rx.id} className="card stack" data-testid="my-prescription" data-prescription-id={rx.id}>
            <h2>
              {rx.medicineName} <span className="badge">{t(`prescriptions.status.${rx.status}`, rx.status)}</span>
            </h2>
            <ForDependant name={rx.patientName} />
            <p dir="auto">{rx.dosageText}</p>
            <p data-testid="prescription-dispensing" data-dispensing={rx.dispensing}>
              {rx.pharmacyName
                ? <UserSentence i18nKey="prescriptions.mine.dispensingAt" user={{ pharmacy: rx.pharmacyName }} values={{ status: t(`verification.dispensingStatus.${rx.dispensing}`, rx.dispensing) }} />
                : t(`verification.dispensingStatus.${rx.dispensing}`, rx.dispensing)}
            </p>
            <p className="muted">
              <UserSentence
                i18nKey="prescriptions.mine.details"
                user={{ prescriber: rx.prescriberName }}
                values={{ quantity: rx.quantityText, issued: date(rx.issuedAt), until: date(rx.validUntil) }}
              />
            </p>
            <div className="button-row">
              <a className="button button--secondary" href={prescriptionsApi.documentUrl(rx.id, i18n.language)} download data-testid="prescription-pdf">
                {t("prescriptions.mine.pdf")}
              </a>
              {rx.status === "active" ? (
                <Link className="button button--secondary" to={`/patient/prescriptions/${encodeURIComponent(rx.id)}/pharmacy`}>
                  {t("prescriptions.mine.pharmacy")}
                </Link>
              ) : null}
              {rx.status === "active" ? (
                <Link className="button button--secondary" to="/patient/refills">
                  {t("prescriptions.mine.refill")}
                </Link>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
