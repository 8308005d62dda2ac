import { useTranslation } from "react-i18next";
import { useSpecialties } from "../patient/useSpecialties";
import type { AnalyticsFilter } from "./analyticsApi";
import { formatCount, formatPercent, formatScore } from "./analyticsFormat";
import type { ClinicAnalytics } from "./analyticsTypes";
import { ReportSection } from "./AnalyticsParts";

/** Each doctor's period (sorted by name as the server sends it): completed, no-shows, utilisation and NPS. */
export function DoctorsSection({ data, filter }: { data: ClinicAnalytics; filter: AnalyticsFilter }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const specialties = useSpecialties();

  return (
    <ReportSection id="doctors" title={t("analytics.doctors.title")} exportTable="doctors" filter={filter}>
      {data.doctors.length === 0 ? (
        <p className="muted">{t("analytics.none")}</p>
      ) : (
        <>
          <div className="table-wrap" role="region" aria-label={t("analytics.doctors.title")} tabIndex={0}>
            <table className="table analytics-table" data-testid="analytics-doctors-table">
              <thead>
                <tr>
                  <th scope="col">{t("analytics.doctors.name")}</th>
                  <th scope="col">{t("analytics.doctors.specialty")}</th>
                  <th scope="col" className="analytics-number">
                    {t("analytics.doctors.completed")}
                  </th>
                  <th scope="col" className="analytics-number">
                    {t("analytics.doctors.noShows")}
                  </th>
                  <th scope="col" className="analytics-number">
                    {t("analytics.doctors.utilisation")}
                  </th>
                  <th scope="col" className="analytics-number">
                    {t("analytics.doctors.nps")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.doctors.map((d) => (
                  <tr key={d.doctorId} data-doctor-id={d.doctorId}>
                    <th scope="row" dir="auto">{d.displayName}</th>
                    <td>{specialties.nameOf(d.specialty)}</td>
                    <td className="analytics-number">{formatCount(d.completed, locale)}</td>
                    <td className="analytics-number">{formatCount(d.noShows, locale)}</td>
                    <td className="analytics-number" data-column="utilisation">
                      {formatPercent(d.utilisationPercent, locale)}
                    </td>
                    <td className="analytics-number" data-column="nps">
                      {formatScore(d.nps.score, locale)}
                      {d.nps.answers > 0 ? <span className="muted analytics-answers"> ({t("analytics.doctors.answers", { count: d.nps.answers })})</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t("analytics.doctors.utilisationHint")}</p>
        </>
      )}
    </ReportSection>
  );
}
