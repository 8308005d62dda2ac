import { useSearchParams } from "react-router";
import { useTranslation } from "react-i18next";
import { useQuery } from "@tanstack/react-query";
import { schedulingApi } from "../../shared/api/scheduling";
import { Loading } from "../../shared/ui/feedback";
import { useDocumentTitle } from "../../shared/ui/useDocumentTitle";
import { isIsoDate, mondayOf, today } from "../../shared/time/zonedTime";
import { AvailabilityEditor } from "./AvailabilityEditor";
import { CalendarFeedPanel } from "./CalendarFeedPanel";
import { ProblemAlert } from "./common";
import { WeekCalendar } from "./WeekCalendar";

export function useMyDoctor() {
  return useQuery({ queryKey: ["me-doctor"], queryFn: schedulingApi.myDoctor, staleTime: Infinity });
}

/** The week shown, from ?week= (any date in it), else this week. */
export function useWeekParam(): [string, (monday: string) => void, string] {
  const [params, setParams] = useSearchParams();
  const thisMonday = mondayOf(today());
  const raw = params.get("week");
  const week = isIsoDate(raw) ? mondayOf(raw) : thisMonday;
  const setWeek = (monday: string) => {
    const next = new URLSearchParams(params);
    if (monday === thisMonday) next.delete("week");
    else next.set("week", monday);
    setParams(next);
  };
  return [week, setWeek, thisMonday];
}

/** Doctor: "My schedule" — the week calendar. */
export function DoctorSchedulePage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.mySchedule");
  const me = useMyDoctor();
  const [week, setWeek, thisMonday] = useWeekParam();
  return (
    <div className="stack">
      <h1>{t("scheduling.myScheduleTitle")}</h1>
      {me.isPending ? <Loading /> : null}
      <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />
      {me.data ? (
        <WeekCalendar
          doctorId={me.data.doctorId}
          weekStart={week}
          onWeekChange={setWeek}
          todayMonday={thisMonday}
          patientHref={(id) => `/doctor/patients/${encodeURIComponent(id)}`}
          appointmentHref={(id) => `/doctor/appointments/${encodeURIComponent(id)}`}
        />
      ) : null}
    </div>
  );
}

/** Doctor: "Availability" — hours, appointment types, exceptions and the calendar feed. */
export function DoctorAvailabilityPage() {
  const { t } = useTranslation();
  useDocumentTitle("titles.availability");
  const me = useMyDoctor();
  return (
    <div className="stack">
      <h1>{t("scheduling.availabilityTitle")}</h1>
      {me.isPending ? <Loading /> : null}
      <ProblemAlert error={me.error} onRetry={() => void me.refetch()} />
      {me.data ? (
        <>
          <AvailabilityEditor doctorId={me.data.doctorId} />
          <CalendarFeedPanel doctorId={me.data.doctorId} />
        </>
      ) : null}
    </div>
  );
}
