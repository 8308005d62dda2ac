import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import { formatMoney } from "../../shared/ui/format";
import { useSpecialties } from "../patient/useSpecialties";
import type { AnalyticsFilter } from "./analyticsApi";
import { formatPeriod, toMajor } from "./analyticsFormat";
import type { AnalyticsInterval, ClinicAnalytics, CurrencyRevenue } from "./analyticsTypes";
import { CHART_COLOURS, ChartBox, ReportSection } from "./AnalyticsParts";

/** Money per currency (never summed across currencies): totals, net per period (chart and table), by clinic and by specialty. */
export function RevenueSection({ data, filter }: { data: ClinicAnalytics; filter: AnalyticsFilter }) {
  const { t } = useTranslation();
  return (
    <ReportSection id="revenue" title={t("analytics.revenue.title")} exportTable="revenue" filter={filter}>
      {data.revenue.length === 0 ? (
        <p className="muted">{t("analytics.none")}</p>
      ) : (
        <>
          <p className="muted">{t("analytics.revenue.intro")}</p>
          {data.revenue.map((r) => (
            <CurrencyRevenueView key={r.currency} revenue={r} interval={data.interval} />
          ))}
        </>
      )}
    </ReportSection>
  );
}

function CurrencyRevenueView({ revenue: r, interval }: { revenue: CurrencyRevenue; interval: AnalyticsInterval }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const specialties = useSpecialties();
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: r.currency }, locale);
  const major = (value: unknown) => {
    try {
      return new Intl.NumberFormat(locale, { style: "currency", currency: r.currency }).format(Number(value));
    } catch {
      return `${String(value)} ${r.currency}`;
    }
  };
  const compact = (value: unknown) => new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(Number(value));
  const rows = r.byPeriod.map((p) => ({ label: formatPeriod(p.periodStart, interval, t, locale, "short"), net: toMajor(p.netMinor, r.currency) }));
  const id = `revenue-${r.currency}`;

  return (
    <div className="stack analytics-currency" data-currency={r.currency} data-testid={id}>
      <h3 id={id}>{r.currency}</h3>
      <dl className="analytics-totals">
        <div>
          <dt>{t("analytics.revenue.captured")}</dt>
          <dd>{money(r.capturedMinor)}</dd>
        </div>
        <div>
          <dt>{t("analytics.revenue.refunded")}</dt>
          <dd>{money(r.refundedMinor)}</dd>
        </div>
        <div>
          <dt>{t("analytics.revenue.net")}</dt>
          <dd data-figure="net">{money(r.netMinor)}</dd>
        </div>
      </dl>

      <h4>{t("analytics.revenue.perPeriod", { currency: r.currency })}</h4>
      <ChartBox label={t("analytics.revenue.chart", { currency: r.currency })} height={240}>
        <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} minTickGap={8} />
          <YAxis tick={{ fontSize: 12 }} tickFormatter={compact} width={48} />
          <Tooltip formatter={major} />
          <Bar dataKey="net" name={t("analytics.revenue.net")} fill={CHART_COLOURS.net} isAnimationActive={false} />
        </BarChart>
      </ChartBox>
      <div className="table-wrap" role="region" aria-label={t("analytics.revenue.perPeriod", { currency: r.currency })} tabIndex={0}>
        <table className="table analytics-table" data-testid={`${id}-periods`}>
          <thead>
            <tr>
              <th scope="col">{t("analytics.revenue.period")}</th>
              <th scope="col" className="analytics-number">
                {t("analytics.revenue.net")}
              </th>
            </tr>
          </thead>
          <tbody>
            {r.byPeriod.map((p) => (
              <tr key={p.periodStart}>
                <th scope="row">{formatPeriod(p.periodStart, interval, t, locale, "long")}</th>
                <td className="analytics-number">{money(p.netMinor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="analytics-pair">
        <NetTable
          title={t("analytics.revenue.byClinic", { currency: r.currency })}
          nameHeader={t("analytics.revenue.clinic")}
          netHeader={t("analytics.revenue.net")}
          testId={`${id}-clinics`}
          rows={r.byClinic.map((c) => ({ key: c.clinicId, name: c.clinicName, net: money(c.netMinor) }))}
        />
        <NetTable
          title={t("analytics.revenue.bySpecialty", { currency: r.currency })}
          nameHeader={t("analytics.revenue.specialty")}
          netHeader={t("analytics.revenue.net")}
          testId={`${id}-specialties`}
          rows={r.bySpecialty.map((s) => ({ key: s.specialty, name: specialties.nameOf(s.specialty), net: money(s.netMinor) }))}
        />
      </div>
    </div>
  );
}

/** A two-column table of names and net amounts (already formatted) under its own heading. */
function NetTable({ title, nameHeader, netHeader, testId, rows }: {
  title: string;
  nameHeader: string;
  netHeader: string;
  testId: string;
  rows: { key: string; name: string; net: string }[];
}) {
  return (
    <div className="stack">
      <h4>{title}</h4>
      <div className="table-wrap" role="region" aria-label={title} tabIndex={0}>
        <table className="table analytics-table" data-testid={testId}>
          <thead>
            <tr>
              <th scope="col">{nameHeader}</th>
              <th scope="col" className="analytics-number">
                {netHeader}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row" dir="auto">{row.name}</th>
                <td className="analytics-number">{row.net}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
