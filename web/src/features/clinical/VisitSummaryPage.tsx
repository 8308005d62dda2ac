import { Link, useParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { isApiError } from "../../shared/api/errors";
import { ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDate, formatDateTime } from "../../shared/ui/format";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { clinicalApi, clinicalKeys } from "./clinicalApi";
import { LeaveReviewSection } from "../feedback/LeaveReviewSection";
import { CallRecordingsSection } from "./CallRecordingsSection";
import "./clinical.css";
import { UserSentence, UserText } from "../../shared/ui/UserText";
import { useSpecialties } from "../patient/useSpecialties";

/**
 * One visit summary for the patient, in plain language: /patient/visit-summaries/:id (the consultation id). Shows the
 * signed protocol's diagnoses, recommendations, referrals, follow-up date, the signer and the doctor's signed addenda.
 */
export function VisitSummaryPage() {
  const { t, i18n } = useTranslation();
  // A specialist referral names a specialty code: shown by its name in the reader's language.
  const { nameOf: specialtyName } = useSpecialties();
  useDocumentTitle("clinical.titles.summary");
  const { id = "" } = useParams();
  const summary = useQuery({ queryKey: [...clinicalKeys.summary(id), i18n.language], queryFn: () => clinicalApi.mySummary(id) });
  const s = summary.data;
  const back = (
    <p>
      <Link to="/patient/visit-summaries">{t("clinical.summaries.backToList")}</Link>
    </p>
  );
  if (summary.isPending) return <Loading />;
  if (summary.error) {
    return (
      <div className="stack">
        <h1>{t("clinical.titles.summary")}</h1>
        {isApiError(summary.error) && summary.error.status === 404 ? (
          <p className="alert alert--info" data-testid="visit-summary-missing">
            {t("clinical.summaries.notAvailable")}
          </p>
        ) : (
          <ErrorAlert error={summary.error} onRetry={() => void summary.refetch()} />
        )}
        {/* Recordings do not wait for the doctor's signature. */}
        <CallRecordingsSection consultationId={id} />
        {back}
      </div>
    );
  }
  if (!s) return null;
  return (
    <article className="stack visit-summary" data-testid="visit-summary">
      <h1>{t("clinical.summaries.visitOn", { date: formatDate(s.visitedAt, i18n.language) })}</h1>
      <p data-testid="visit-summary-signed"><UserSentence i18nKey="clinical.summaries.signedBy" user={{ name: s.doctorName }} values={{ time: formatDateTime(s.signedAt, i18n.language) }} /></p>
      <section className="card" aria-labelledby="summary-diagnoses">
        <h2 id="summary-diagnoses">{t("clinical.summaries.diagnoses")}</h2>
        <ul data-testid="visit-summary-diagnoses">
          {s.diagnoses.map((d) => (
            <li key={d.code}>
              <strong>{d.title}</strong> ({d.code}
              {d.primary ? `, ${t("clinical.summaries.primary")}` : ""}, {d.confirmed ? t("clinical.summaries.confirmed") : t("clinical.summaries.preliminary")})
            </li>
          ))}
        </ul>
      </section>
      {s.recommendations ? (
        <section className="card" aria-labelledby="summary-recommendations">
          <h2 id="summary-recommendations">{t("clinical.summaries.recommendations")}</h2>
          <p className="protocol-text" data-testid="visit-summary-recommendations" dir="auto">
            {s.recommendations}
          </p>
        </section>
      ) : null}
      {s.referrals.length > 0 ? (
        <section className="card" aria-labelledby="summary-referrals">
          <h2 id="summary-referrals">{t("clinical.summaries.referrals")}</h2>
          <ul data-testid="visit-summary-referrals">
            {s.referrals.map((r, i) => (
              <li key={i}>
                <strong>{t(`clinical.protocol.kind.${r.kind}`)}</strong>
                {r.target ? <>: <UserText>{r.kind === "specialist" ? specialtyName(r.target) : r.target}</UserText></> : null}
                {r.note ? <> — <UserText>{r.note}</UserText></> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p data-testid="visit-summary-follow-up">
        {s.followUpOn ? `${t("clinical.summaries.followUpOn")} ${formatDate(s.followUpOn, i18n.language)}` : t("clinical.summaries.noFollowUp")}
      </p>
      {s.addenda.length > 0 ? (
        <section className="card" aria-labelledby="summary-addenda">
          <h2 id="summary-addenda">{t("clinical.summaries.addenda")}</h2>
          <ol data-testid="visit-summary-addenda">
            {s.addenda.map((a) => (
              <li key={a.id}>
                <p className="protocol-text" dir="auto">{a.text}</p>
                <p className="field-hint">
                  <UserSentence i18nKey="clinical.protocol.addendumBy" user={{ name: a.signedBy }} values={{ time: formatDateTime(a.createdAt, i18n.language) }} />
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <LeaveReviewSection consultationId={id} />
      <CallRecordingsSection consultationId={id} />
      {back}
    </article>
  );
}
