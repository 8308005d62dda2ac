import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ResponsiveContainer } from "recharts";
import { exportUrl, type AnalyticsFilter } from "./analyticsApi";
import type { AnalyticsExportTable } from "./analyticsTypes";

/** Chart colours (contrast ≥ 3:1 on white); the tables beside the charts carry the same numbers in words. */
export const CHART_COLOURS = {
  completed: "#0f766e",
  cancelled: "#b45309",
  noShows: "#b42318",
  upcoming: "#64748b",
  total: "#94a3b8",
  net: "#1d4ed8",
} as const;

/**
 * A chart as one image for assistive technology: the label says what it shows and that the table next to it holds the
 * numbers; the chart's own keyboard layer is off (the table is the accessible alternative). Fills the width at any size.
 */
export function ChartBox({ label, height = 280, children }: { label: string; height?: number; children: ReactNode }) {
  return (
    <div className="analytics-chart" role="img" aria-label={label}>
      <ResponsiveContainer width="100%" height={height}>
        {children}
      </ResponsiveContainer>
    </div>
  );
}

/** A section of the report: a card with a heading, an optional CSV download and its content. */
export function ReportSection({
  id,
  title,
  exportTable,
  filter,
  children,
}: {
  id: string;
  title: string;
  exportTable?: AnalyticsExportTable;
  filter: AnalyticsFilter;
  children: ReactNode;
}) {
  const headingId = `analytics-${id}`;
  return (
    <section className="card stack analytics-section" aria-labelledby={headingId} data-testid={headingId}>
      <div className="analytics-section__head">
        <h2 id={headingId}>{title}</h2>
        {exportTable ? <ExportLink table={exportTable} filter={filter} /> : null}
      </div>
      {children}
    </section>
  );
}

/** A plain download link: the session cookie authenticates it, and it carries the page's filters. */
export function ExportLink({ table, filter }: { table: AnalyticsExportTable; filter: AnalyticsFilter }) {
  const { t } = useTranslation();
  return (
    <a className="button button--secondary button--small" href={exportUrl(table, filter)} download data-export={table}>
      {t(`analytics.export.${table}`)}
    </a>
  );
}
