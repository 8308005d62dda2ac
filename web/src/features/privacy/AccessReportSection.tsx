import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { EmptyState, ErrorAlert, Loading } from "../../shared/ui/feedback";
import { formatDateTime } from "../../shared/ui/format";
import { Pager } from "../../shared/ui/Pager";
import { privacyApi, privacyKeys } from "./privacyApi";

/** Who of the clinic's staff opened the patient's record and when, newest first, from the audit trail. */
export function AccessReportSection() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [refusals, setRefusals] = useState(false);
  const report = useQuery({ queryKey: privacyKeys.accessReport(page, refusals), queryFn: () => privacyApi.accessReport(page, refusals) });
  return (
    <section className="card stack" aria-labelledby="access-report-title">
      <h2 id="access-report-title">{t("privacy.accessReport.title")}</h2>
      <p className="muted">{t("privacy.accessReport.intro")}</p>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={refusals}
          onChange={(e) => {
            setRefusals(e.target.checked);
            setPage(1);
          }}
        />{" "}
        {t("privacy.accessReport.includeRefusals")}
      </label>
      {report.isPending ? <Loading /> : null}
      <ErrorAlert error={report.error} onRetry={() => void report.refetch()} />
      {report.data && report.data.items.length === 0 ? <EmptyState>{t("privacy.accessReport.none")}</EmptyState> : null}
      {report.data && report.data.items.length > 0 ? (
        // Focusable and named, so a keyboard user can scroll it should it still overflow (axe: scrollable-region-focusable). On a phone
        // the five columns were 474 px scrolled sideways in a 324 px frame (440 in Russian): each row stacks into a labelled card instead.
        <div className="table-scroll" role="region" aria-label={t("privacy.accessReport.title")} tabIndex={0}>
          <table className="table table--stack" data-testid="access-report">
            <caption className="visually-hidden">{t("privacy.accessReport.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("privacy.accessReport.when")}</th>
                <th scope="col">{t("privacy.accessReport.who")}</th>
                <th scope="col">{t("privacy.accessReport.role")}</th>
                <th scope="col">{t("privacy.accessReport.what")}</th>
                <th scope="col">{t("privacy.accessReport.how")}</th>
              </tr>
            </thead>
            <tbody>
              {report.data.items.map((e) => (
                <tr key={e.id}>
                  <td data-label={t("privacy.accessReport.when")}>{formatDateTime(e.occurredAt, i18n.language)}</td>
                  <td data-label={t("privacy.accessReport.who")} dir="auto">{e.staffName ?? t("privacy.accessReport.unknownStaff")}</td>
                  <td data-label={t("privacy.accessReport.role")}>{e.staffRoles.filter((r) => r !== "Patient").map((r) => t(`administration.audit.roles.${r}`, { defaultValue: r })).join(", ")}</td>
                  <td data-label={t("privacy.accessReport.what")}>{e.recordType ? t(`administration.audit.recordTypes.${e.recordType}`, { defaultValue: e.recordType }) : "—"}</td>
                  <td data-label={t("privacy.accessReport.how")}>
                    {t(`privacy.accessReport.kinds.${e.kind}`, { defaultValue: e.kind })}
                    {e.breakGlass && e.kind !== "emergencyAccess" ? ` · ${t("privacy.accessReport.breakGlass")}` : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.data && report.data.total > report.data.pageSize ? (
        <Pager page={report.data.page} pageSize={report.data.pageSize} total={report.data.total} onPage={setPage} />
      ) : null}
    </section>
  );
}
