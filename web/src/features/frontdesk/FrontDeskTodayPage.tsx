import { useCallback, useMemo } from "react";
import { Link, useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { schedulingApi, type Appointment } from "../../shared/api/scheduling";
import { SelectField, TextField } from "../../shared/ui/fields";
import { EmptyState, Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { formatCalendarDate, formatTime, isIsoDate } from "../../shared/time/zonedTime";
import { zoneName } from "../../shared/time/zoneNames";
import { clinicNameFor, ProblemAlert, StatusBadge, useClinics, useKindLabel } from "../scheduling/common";
import { useClinicLive, type LiveStatus } from "./useClinicLive";
import { DayFigures } from "./DayFigures";
import { PaymentStatusBadge } from "../billing/PaymentStatusBadge";
import { usePaymentStatuses } from "../billing/usePaymentStatuses";
import { billingKeys } from "../billing/billingApi";
import { rereadQueries } from "../../shared/realtime/rereadQueries";
import { Form } from "../../shared/ui/Form";
import { UserText, isolate } from "../../shared/ui/UserText";
import { BusyButton } from "../../shared/ui/BusyButton";

const CLINIC_KEY = "telemed.frontDesk.clinic";

function rememberedClinic(): string {
  try {
    return localStorage.getItem(CLINIC_KEY) ?? "";
  } catch {
    return "";
  }
}

export function LiveBadge({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`live-badge live-badge--${status}`} data-testid="live-status" data-state={status} role="status">
      <span className="live-badge__dot" aria-hidden="true" />
      {t(`scheduling.live.${status}`)}
    </span>
  );
}

/** Front desk: today's appointments of a clinic, updated live over SignalR. */
export function FrontDeskTodayPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle("titles.frontDeskToday");
  const queryClient = useQueryClient();
  const kindLabel = useKindLabel();
  const clinics = useClinics();
  const [params, setParams] = useSearchParams();
  const clinicId = params.get("clinic") || rememberedClinic() || clinics.data?.[0]?.id || "";
  const dateParam = params.get("date");
  const date = isIsoDate(dateParam) ? dateParam : undefined;

  const day = useQuery({
    queryKey: ["clinic-day", clinicId, date ?? "today"],
    queryFn: () => schedulingApi.clinicDay(clinicId, date),
    enabled: !!clinicId,
    placeholderData: keepPreviousData,
  });
  const refresh = useCallback(() => {
    void rereadQueries(queryClient, { queryKey: ["clinic-day", clinicId] });
    // A visit that ended or was cancelled settles its payment: the day's statuses are read again with it.
    void rereadQueries(queryClient, { queryKey: billingKeys.paymentStatusesAll });
  }, [queryClient, clinicId]);
  const live = useClinicLive(clinicId || undefined, refresh);

  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: "check-in" | "no-show" }) => schedulingApi.transition(id, action),
    onSuccess: () => refresh(),
  });

  // One transition at a time for the whole day: every row's actions wait, only the clicked one says it is working.
  const acting = (id: string, action: "check-in" | "no-show") => act.isPending && act.variables.id === id && act.variables.action === action;

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === "clinic") {
      try {
        localStorage.setItem(CLINIC_KEY, value);
      } catch {
        /* storage unavailable */
      }
    }
    setParams(next);
  };

  const zone = day.data?.timeZone ?? "UTC";
  const rows = [...(day.data?.appointments ?? [])].sort((a, b) => a.start.localeCompare(b.start));
  // One request for every row's payment status (not one per row).
  const dayIds = useMemo(() => (day.data?.appointments ?? []).map((a) => a.id), [day.data]);
  const { statuses: paymentStatuses } = usePaymentStatuses(dayIds);
  const canAct = (a: Appointment) => a.status === "booked" || a.status === "confirmed";
  return (
    <div className="stack">
      <div className="section-header section-header--wrap">
        <h1>{t("scheduling.todayTitle")}</h1>
        <LiveBadge status={live} />
      </div>
      <Form className="card filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t("scheduling.clinic")}
          value={clinicId}
          onChange={(e) => setParam("clinic", e.target.value)}
          options={(clinics.data ?? []).map((c) => ({ value: c.id, label: `${isolate(c.name)} (${isolate(c.city)})` }))}
        />
        <TextField label={t("scheduling.date")} type="date" value={date ?? day.data?.date ?? ""} onChange={(e) => setParam("date", e.target.value)} />
      </Form>
      <ProblemAlert error={clinics.error} />
      {day.data ? (
        <p className="muted">
          <UserText>{clinicNameFor(clinics.clinicById(day.data.clinicId), day.data.clinicName)}</UserText> ·{" "}
          {formatCalendarDate(day.data.date, i18n.language, "long")} · {t("scheduling.timesShownIn", { zone: zoneName(zone, i18n.language) })}
        </p>
      ) : null}
      {day.data ? <DayFigures appointments={day.data.appointments} /> : null}
      {clinicId && day.isPending ? <Loading /> : null}
      <ProblemAlert error={day.error} onRetry={() => void day.refetch()} />
      <ProblemAlert error={act.error} />
      {day.data && rows.length === 0 ? <EmptyState>{t("scheduling.noAppointmentsToday")}</EmptyState> : null}
      {day.data && rows.length > 0 ? (
        <div className="table-wrap" role="region" aria-label={t("scheduling.todayTitle")} tabIndex={0}>
          <table className="table table--stack" data-testid="front-desk-day">
            <caption className="visually-hidden">{t("scheduling.todayTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("scheduling.time")}</th>
                <th scope="col">{t("scheduling.patient")}</th>
                <th scope="col">{t("scheduling.doctor")}</th>
                <th scope="col">{t("scheduling.kind")}</th>
                <th scope="col">{t("scheduling.statusLabel")}</th>
                <th scope="col">{t("scheduling.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((a) => {
                const who = a.patientName ?? a.patientId;
                return (
                  <tr key={a.id} data-appointment-id={a.id} data-status={a.status}>
                    <td data-label={t("scheduling.time")}>
                      {formatTime(a.start, zone, i18n.language)}–{formatTime(a.end, zone, i18n.language)}
                    </td>
                    <td data-label={t("scheduling.patient")}>
                      <Link to={`/front-desk/appointments/${encodeURIComponent(a.id)}`}>{who}</Link>
                    </td>
                    <td data-label={t("scheduling.doctor")} dir="auto">{a.doctorName}</td>
                    <td data-label={t("scheduling.kind")}>{kindLabel(a.kind)}</td>
                    <td data-label={t("scheduling.statusLabel")}>
                      <span className="badges">
                        <StatusBadge status={a.status} />
                        {a.late ? <span className="badge badge--warning">{t("scheduling.late")}</span> : null}
                        {a.lateCancellation ? <span className="badge badge--danger">{t("scheduling.lateCancellation")}</span> : null}
                        <PaymentStatusBadge status={paymentStatuses.get(a.id)} />
                      </span>
                    </td>
                    <td data-label={t("scheduling.actions")}>
                      {canAct(a) ? (
                        <div className="button-row">
                          <BusyButton
                            type="button"
                            className="button button--small"
                            busy={acting(a.id, "check-in")}
                            disabled={act.isPending}
                            aria-label={t("scheduling.checkInPatient", { patient: isolate(who) })}
                            onClick={() => act.mutate({ id: a.id, action: "check-in" })}
                          >
                            {t("scheduling.checkIn")}
                          </BusyButton>
                          {a.allowedActions?.includes("noShow") ? (
                          <BusyButton
                            type="button"
                            className="button button--secondary button--small"
                            busy={acting(a.id, "no-show")}
                            disabled={act.isPending}
                            aria-label={t("scheduling.noShowPatient", { patient: isolate(who) })}
                            onClick={() => act.mutate({ id: a.id, action: "no-show" })}
                          >
                            {t("scheduling.noShow")}
                          </BusyButton>
                          ) : null}
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
