import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { AnalyticsFilter } from "./analyticsApi";
import { formatCount, formatPeriod } from "./analyticsFormat";
import type { ClinicAnalytics } from "./analyticsTypes";
import { CHART_COLOURS, ChartBox, ReportSection } from "./AnalyticsParts";

const STATUSES = ["completed", "cancelled", "noShows", "upcoming"] as const;

/** Visits per period by status: a stacked bar chart and the same numbers as a table. */
export function VisitsSection({ data, filter }: { data: ClinicAnalytics; filter: AnalyticsFilter }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const rows = data.series.map((p) => ({ ...p, label: formatPeriod(p.periodStart, data.interval, t, locale, "short") }));
  const count = (value: unknown) => formatCount(Number(value), locale);

  return (
    <ReportSection id="series" title={t("analytics.series.title")} exportTable="series" filter={filter}>
      {data.visits.total === 0 ? (
        <p className="muted">{t("analytics.none")}</p>
      ) : (
        <>
          <ChartBox label={t("analytics.series.chart")}>
            <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={8} />
              <YAxis allowDecimals={false} tick={{ fontSize: 12 }} tickFormatter={count} />
              <Tooltip formatter={count} />
              <Legend itemSorter={null} />
              {STATUSES.map((s) => (
                <Bar key={s} dataKey={s} name={t(`analytics.status.${s}`)} stackId="visits" fill={CHART_COLOURS[s]} isAnimationActive={false} />
              ))}
            </BarChart>
          </ChartBox>
          <div className="table-wrap" role="region" aria-label={t("analytics.series.title")} tabIndex={0}>
            <table className="table analytics-table" data-testid="analytics-series-table">
              <thead>
                <tr>
                  <th scope="col">{t("analytics.series.period")}</th>
                  {STATUSES.map((s) => (
                    <th key={s} scope="col" className="analytics-number">
                      {t(`analytics.status.${s}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.series.map((p) => (
                  <tr key={p.periodStart}>
                    <th scope="row">{formatPeriod(p.periodStart, data.interval, t, locale, "long")}</th>
                    {STATUSES.map((s) => (
                      <td key={s} className="analytics-number">
                        {formatCount(p[s], locale)}
                      </td>
                    ))}
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
