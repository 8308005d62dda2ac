import { useTranslation } from "react-i18next";
import { formatCount, formatPercent, formatScore, formatWait } from "./analyticsFormat";
import type { ClinicAnalytics } from "./analyticsTypes";

interface Figure {
  key: string;
  label: string;
  value: string;
  hint: string;
}

/** The period's key figures as cards: visits, completed, conversion, no-show rate, average wait and NPS ("—" when undefined). */
export function KeyFigures({ data }: { data: ClinicAnalytics }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const n = (value: number) => formatCount(value, locale);
  const { visits, waiting, nps } = data;
  const figures: Figure[] = [
    { key: "total", label: t("analytics.figures.total"), value: n(visits.total), hint: t("analytics.figures.totalHint", { upcoming: n(visits.upcoming) }) },
    {
      key: "completed",
      label: t("analytics.figures.completed"),
      value: n(visits.completed),
      hint: t("analytics.figures.completedHint", { cancelled: n(visits.cancelled), noShows: n(visits.noShows) }),
    },
    {
      key: "conversion",
      label: t("analytics.figures.conversion"),
      value: formatPercent(visits.conversionPercent, locale),
      hint: t("analytics.figures.conversionHint"),
    },
    {
      key: "noShowRate",
      label: t("analytics.figures.noShowRate"),
      value: formatPercent(visits.noShowRatePercent, locale),
      hint: t("analytics.figures.noShowRateHint"),
    },
    {
      key: "averageWait",
      label: t("analytics.figures.averageWait"),
      value: formatWait(waiting.averageWaitSeconds, t, locale),
      hint: t("analytics.figures.averageWaitHint", { count: waiting.accepted }),
    },
    {
      key: "nps",
      label: t("analytics.figures.nps"),
      value: formatScore(nps.score, locale),
      hint: t("analytics.figures.npsHint", { count: nps.answers, promoters: n(nps.promoters), passives: n(nps.passives), detractors: n(nps.detractors) }),
    },
  ];

  return (
    <section className="stack" aria-labelledby="analytics-figures">
      <h2 id="analytics-figures" className="visually-hidden">
        {t("analytics.figures.title")}
      </h2>
      <dl className="analytics-figures" data-testid="analytics-figures">
        {figures.map((f) => (
          <div key={f.key} className="card analytics-figure">
            <dt>{f.label}</dt>
            <dd className="analytics-figure__value" data-figure={f.key}>
              {f.value}
            </dd>
            <dd className="analytics-figure__hint">{f.hint}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
