import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { ForDependant } from "../../shared/ui/ForDependant";
import { clinicalApi, clinicalKeys } from "./clinicalApi";
import "./clinical.css";

/** The patient's signed visit summaries, newest first: /patient/visit-summaries. */
export function VisitSummariesPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("clinical.titles.summaries");
  const list = useQuery({ queryKey: clinicalKeys.summaries, queryFn: clinicalApi.mySummaries });
  return (
    <div className="stack">
      <h1>{t("clinical.summaries.heading")}</h1>
      <p>{t("clinical.summaries.intro")}</p>
      {list.isPending ? <Loading /> : null}
      <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      {list.data && list.data.length === 0 ? <EmptyState>{t("clinical.summaries.empty")}</EmptyState> : null}
      <ul className="protocol-list" data-testid="visit-summaries">
        {list.data?.map((s) => {
          const date = formatDate(s.visitedAt, i18n.language);
          return (
            <li key={s.consultationId} className="card" data-testid="visit-summary-item">
              <h2>
                <Link to={`/patient/visit-summaries/${s.consultationId}`}>{t("clinical.summaries.open", { date })}</Link>
              </h2>
              <ForDependant name={s.patientName} />
              <dl className="details">
                <dt>{t("clinical.summaries.doctor")}</dt>
                <dd dir="auto">{s.doctorName}</dd>
                {s.primaryDiagnosis ? (
                  <>
                    <dt>{t("clinical.summaries.primaryDiagnosis")}</dt>
                    <dd>{s.primaryDiagnosis}</dd>
                  </>
                ) : null}
              </dl>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
