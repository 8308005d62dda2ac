import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { useSpecialties } from "../patient/useSpecialties";
import type { AnalyticsFilter } from "./analyticsApi";
import { formatCount } from "./analyticsFormat";
import type { ClinicAnalytics } from "./analyticsTypes";
import { CHART_COLOURS, ChartBox, ReportSection } from "./AnalyticsParts";

/** Consultations by specialty (most completed first): a horizontal bar chart (long names fit a phone) and the table. */
export function SpecialtiesSection({ data, filter }: { data: ClinicAnalytics; filter: AnalyticsFilter }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const specialties = useSpecialties();
  const rows = data.bySpecialty.map((s) => ({ ...s, name: specialties.nameOf(s.specialty) }));
  const count = (value: unknown) => formatCount(Number(value), locale);

  return (
    <ReportSection id="specialties" title={t("analytics.specialties.title")} exportTable="specialties" filter={filter}>
      {rows.length === 0 ? (
        <p className="muted">{t("analytics.none")}</p>
      ) : (
        <>
          <ChartBox label={t("analytics.specialties.chart")} height={Math.max(160, rows.length * 44 + 64)}>
            <BarChart data={rows} layout="vertical" accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} tickFormatter={count} />
              <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
              <Tooltip formatter={count} />
              <Legend itemSorter={null} />
              <Bar dataKey="completed" name={t("analytics.specialties.completed")} fill={CHART_COLOURS.completed} isAnimationActive={false} />
              <Bar dataKey="total" name={t("analytics.specialties.total")} fill={CHART_COLOURS.total} isAnimationActive={false} />
            </BarChart>
          </ChartBox>
          <div className="table-wrap" role="region" aria-label={t("analytics.specialties.title")} tabIndex={0}>
            <table className="table analytics-table" data-testid="analytics-specialties-table">
              <thead>
                <tr>
                  <th scope="col">{t("analytics.specialties.specialty")}</th>
                  <th scope="col" className="analytics-number">
                    {t("analytics.specialties.completed")}
                  </th>
                  <th scope="col" className="analytics-number">
                    {t("analytics.specialties.total")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((s) => (
                  <tr key={s.specialty}>
                    <th scope="row" dir="auto">{s.name}</th>
                    <td className="analytics-number">{formatCount(s.completed, locale)}</td>
                    <td className="analytics-number">{formatCount(s.total, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ReportSection>
  );
}
