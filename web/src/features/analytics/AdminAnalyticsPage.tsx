import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { schedulingApi } from "../../shared/api/scheduling";
import { cityOfZone, today } from "../../shared/time/zonedTime";
import { SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { formatDate } from "../../shared/ui/format";
import { ProblemMessage } from "../../shared/ui/ProblemMessage";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { analyticsApi, analyticsKeys, type AnalyticsFilter } from "./analyticsApi";
import { defaultPeriod } from "./analyticsFormat";
import type { ClinicAnalytics } from "./analyticsTypes";
import { DoctorsSection } from "./DoctorsSection";
import { KeyFigures } from "./KeyFigures";
import { RevenueSection } from "./RevenueSection";
import { SpecialtiesSection } from "./SpecialtiesSection";
import { VisitsSection } from "./VisitsSection";
import "./analytics.css";
import { Form } from "../../shared/ui/Form";
import { isolate } from "../../shared/ui/UserText";

/** Nothing happened at all in the period: no visits, no on-demand consultations, no money, no feedback. */
function isEmpty(data: ClinicAnalytics): boolean {
  return data.visits.total === 0 && data.waiting.accepted === 0 && data.bySpecialty.length === 0 && data.revenue.length === 0 && data.nps.answers === 0;
}

/**
 * Admin: a clinic's (or all clinics') figures over a period (default: the last 30 days up to today): key figures, visits over
 * time, consultations by specialty, revenue per currency and each doctor's figures, every table downloadable as CSV.
 * The filters live in the page's state like the other admin pages' (dates and a clinic id, no patient data).
 */
export function AdminAnalyticsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("analytics.title");
  const [initial] = useState(() => defaultPeriod(today()));
  const [draft, setDraft] = useState(initial);
  const [filter, setFilter] = useState<AnalyticsFilter>(initial);
  const clinics = useQuery({ queryKey: ["clinics"], queryFn: schedulingApi.clinics, staleTime: 10 * 60_000 });
  const analytics = useQuery({ queryKey: analyticsKeys.clinic(filter), queryFn: () => analyticsApi.clinicAnalytics(filter) });
  const data = analytics.data;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to) setFilter({ ...filter, from: draft.from, to: draft.to });
  };

  return (
    <div className="stack analytics-page">
      <h1>{t("analytics.title")}</h1>
      <p className="muted">{t("analytics.intro")}</p>
      <Form className="card filters" onSubmit={submit} aria-label={t("analytics.title")}>
        <TextField
          type="date"
          label={t("analytics.filters.from")}
          value={draft.from}
          onChange={(e) => setDraft({ ...draft, from: e.target.value })}
        />
        <TextField type="date" label={t("analytics.filters.to")} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
        <SelectField
          label={t("analytics.filters.clinic")}
          value={filter.clinicId ?? ""}
          onChange={(e) => setFilter({ from: draft.from || filter.from, to: draft.to || filter.to, clinicId: e.target.value || undefined })}
          options={[{ value: "", label: t("analytics.filters.allClinics") }, ...(clinics.data ?? []).map((c) => ({ value: c.id, label: isolate(c.name) }))]}
        />
        <div className="filters__actions">
          <button type="submit" className="button button--secondary">
            {t("analytics.filters.show")}
          </button>
        </div>
      </Form>
      {analytics.isPending ? <Loading /> : null}
      <ProblemMessage error={analytics.error} namespace="analytics" onRetry={() => void analytics.refetch()} retryLabel={t("app.retry")} />
      {data ? (
        <>
          <p className="muted" data-testid="analytics-period">
            {t("analytics.periodSummary", {
              from: formatDate(data.from, i18n.language),
              to: formatDate(data.to, i18n.language),
              zone: cityOfZone(data.timeZone, i18n.language),
              interval: t(`analytics.intervals.${data.interval}`, { defaultValue: data.interval }),
            })}
          </p>
          {isEmpty(data) ? (
            <EmptyState>{t("analytics.empty")}</EmptyState>
          ) : (
            <>
              <KeyFigures data={data} />
              <VisitsSection data={data} filter={filter} />
              <SpecialtiesSection data={data} filter={filter} />
              <RevenueSection data={data} filter={filter} />
              <DoctorsSection data={data} filter={filter} />
            </>
          )}
        </>
      ) : null}
    </div>
  );
}
