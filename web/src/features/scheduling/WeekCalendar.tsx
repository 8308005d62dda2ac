import { useState } from "react";
import { Link } from "react-router";
import { useTranslation } from "react-i18next";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { schedulingApi, type Appointment, type DoctorCalendar } from "../../shared/api/scheduling";
import { Loading } from "../../shared/ui/feedback";
import { addDays, formatCalendarDate, formatHourOfDay, formatTime, dateInZone, today, zonedParts } from "../../shared/time/zonedTime";
import { ProblemAlert, StatusBadge, useKindLabel } from "./common";
import { zoneName } from "../../shared/time/zoneNames";
import { UserText } from "../../shared/ui/UserText";
import { NARROW_SCREEN, useMediaQuery } from "../../shared/ui/useMediaQuery";

const DEFAULT_FIRST_HOUR = 8;
const DEFAULT_LAST_HOUR = 18;

export interface PlacedAppointment {
  appointment: Appointment;
  date: string;
  hour: number;
}

/** Puts each appointment on its day (YYYY-MM-DD) and starting hour in the calendar's zone. */
export function placeAppointments(calendar: DoctorCalendar): PlacedAppointment[] {
  const placed: PlacedAppointment[] = [];
  for (const day of calendar.days) {
    for (const appointment of day.appointments) {
      placed.push({
        appointment,
        date: dateInZone(appointment.start, calendar.timeZone),
        hour: zonedParts(appointment.start, calendar.timeZone).hour,
      });
    }
  }
  return placed.sort((a, b) => a.appointment.start.localeCompare(b.appointment.start));
}

/** The hours the grid shows: working day by default, stretched to every appointment. */
export function hourRange(placed: PlacedAppointment[]): number[] {
  let first = DEFAULT_FIRST_HOUR;
  let last = DEFAULT_LAST_HOUR;
  for (const p of placed) {
    first = Math.min(first, p.hour);
    last = Math.max(last, p.hour);
  }
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/**
 * The day a phone's day view shows when the doctor has not picked one in this week: today when it is in the week, else the
 * week's first day (Monday). A picked day outside the week (the week was changed) no longer counts.
 */
export function shownDay(weekStart: string, picked: string | null, todayDate: string): string {
  const inWeek = (date: string | null): date is string => !!date && date >= weekStart && date <= addDays(weekStart, 6);
  if (inWeek(picked)) return picked;
  return inWeek(todayDate) ? todayDate : weekStart;
}

type Links = { patientHref?: (patientId: string) => string; appointmentHref?: (appointmentId: string) => string };

/**
 * A doctor's week (Monday–Sunday): per-day load and a grid of hours × days with each appointment
 * as a block in the cell of its day and starting hour (in the calendar's zone). On a narrow screen (a phone) the seven
 * columns would be 832 px scrolled sideways inside a 356 px frame, so it shows one day at a time with previous/next day
 * buttons instead; stepping past Sunday or before Monday moves to the next or previous week.
 */
export function WeekCalendar({
  doctorId,
  weekStart,
  onWeekChange,
  todayMonday,
  patientHref,
  appointmentHref,
}: {
  doctorId: string;
  weekStart: string;
  onWeekChange: (monday: string) => void;
  todayMonday: string;
} & Links) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const narrow = useMediaQuery(NARROW_SCREEN);
  const [picked, setPicked] = useState<string | null>(null);
  const weekEnd = addDays(weekStart, 6);
  const calendar = useQuery({
    queryKey: ["doctor-calendar", doctorId, weekStart, weekEnd],
    queryFn: () => schedulingApi.calendar(doctorId, weekStart, weekEnd),
    placeholderData: keepPreviousData,
  });
  const weekDates = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const data = calendar.data;
  const zone = data?.timeZone ?? "UTC";
  const todayDate = today(data?.timeZone);
  const day = shownDay(weekStart, picked, todayDate);
  const dates = narrow ? [day] : weekDates;

  /** One day on from the shown one (or back): into the next (previous) week past its edge, which reloads as the week buttons do. */
  const stepDay = (days: 1 | -1) => {
    const next = addDays(day, days);
    setPicked(next);
    if (next < weekStart || next > weekEnd) onWeekChange(addDays(weekStart, 7 * days));
  };

  return (
    <section className="stack week-calendar" aria-labelledby="week-title" aria-busy={calendar.isFetching}>
      <div className="week-calendar__toolbar">
        <h2 id="week-title">
          {t("scheduling.weekOf", { from: formatCalendarDate(weekStart, locale), to: formatCalendarDate(weekEnd, locale) })}
        </h2>
        <div className="button-row">
          <button type="button" className="button button--secondary button--small" onClick={() => onWeekChange(addDays(weekStart, -7))}>
            ← {t("scheduling.previousWeek")}
          </button>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={() => {
              setPicked(null);
              if (weekStart !== todayMonday) onWeekChange(todayMonday);
            }}
            disabled={weekStart === todayMonday && (!narrow || day === todayDate)}
          >
            {t("scheduling.thisWeek")}
          </button>
          <button type="button" className="button button--secondary button--small" onClick={() => onWeekChange(addDays(weekStart, 7))}>
            {t("scheduling.nextWeek")} →
          </button>
        </div>
      </div>
      {narrow ? (
        <div className="day-nav" data-testid="day-nav">
          <h3 id="day-title" className="day-nav__title" data-testid="day-title" data-date={day} aria-live="polite">
            {formatCalendarDate(day, locale, "long")}
          </h3>
          <div className="day-nav__buttons">
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t("scheduling.previousDayOf", { day: formatCalendarDate(addDays(day, -1), locale) })}
              onClick={() => stepDay(-1)}
            >
              ← {t("scheduling.previousDay")}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              aria-label={t("scheduling.nextDayOf", { day: formatCalendarDate(addDays(day, 1), locale) })}
              onClick={() => stepDay(1)}
            >
              {t("scheduling.nextDay")} →
            </button>
          </div>
        </div>
      ) : null}
      {data ? <p className="muted">{t("scheduling.timesShownIn", { zone: zoneName(zone, i18n.language) })}</p> : null}
      {calendar.isPending ? <Loading /> : null}
      <ProblemAlert error={calendar.error} onRetry={() => void calendar.refetch()} />
      {data ? (
        <>
          <DayLoad calendar={data} dates={dates} />
          {narrow ? (
            <CalendarGrid calendar={data} dates={dates} caption={t("scheduling.dayGridCaption")} testId="day-grid" patientHref={patientHref} appointmentHref={appointmentHref} />
          ) : (
            <div className="table-wrap week-grid-wrap" role="region" aria-label={t("scheduling.weekGridCaption")} tabIndex={0}>
              <CalendarGrid
                calendar={data}
                dates={dates}
                caption={t("scheduling.weekGridCaption")}
                testId="week-grid"
                patientHref={patientHref}
                appointmentHref={appointmentHref}
              />
            </div>
          )}
        </>
      ) : null}
    </section>
  );
}

/** Each day's visits and booked minutes of its working minutes, with a meter. */
function DayLoad({ calendar, dates }: { calendar: DoctorCalendar; dates: string[] }) {
  const { t, i18n } = useTranslation();
  const placed = placeAppointments(calendar);
  const dayInfo = new Map(calendar.days.map((d) => [d.date, d]));
  return (
    <ul className="day-load" data-testid="day-load">
      {dates.map((date) => {
        const day = dayInfo.get(date);
        const visits = placed.filter((p) => p.date === date && p.appointment.status !== "cancelled").length;
        const booked = day?.bookedMinutes ?? 0;
        const working = day?.workingMinutes ?? 0;
        return (
          <li key={date} className="day-load__item" data-date={date}>
            <span className="day-load__day">{formatCalendarDate(date, i18n.language)}</span>
            <span className="day-load__text">
              {/* No working hours (a day off or a free weekday): never "30 of 0 min" — visits there still need settling. */}
              {working > 0
                ? t("scheduling.dayLoad", { count: visits, booked, working })
                : visits > 0
                  ? t("scheduling.dayOffWithVisits", { count: visits })
                  : t("scheduling.dayOffNoHours")}
            </span>
            <meter className="day-load__meter" min={0} max={Math.max(working, 1)} value={Math.min(booked, Math.max(working, 1))} aria-hidden="true" />
          </li>
        );
      })}
    </ul>
  );
}

/** Hours × the given days (the week, or the one day a phone shows), each appointment a block in its day and starting hour. */
function CalendarGrid({
  calendar,
  dates,
  caption,
  testId,
  patientHref,
  appointmentHref,
}: { calendar: DoctorCalendar; dates: string[]; caption: string; testId: string } & Links) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const kindLabel = useKindLabel();
  const zone = calendar.timeZone;
  const placed = placeAppointments(calendar);
  const hours = hourRange(placed);
  return (
    <table className={`table week-grid${dates.length === 1 ? " week-grid--day" : ""}`} data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("scheduling.hour")}</th>
          {dates.map((date) => (
            <th key={date} scope="col">
              {formatCalendarDate(date, locale)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {hours.map((hour) => (
          <tr key={hour}>
            <th scope="row">{formatHourOfDay(hour, locale)}</th>
            {dates.map((date) => (
              <td key={date} data-date={date} data-hour={hour} className="week-grid__cell">
                {placed
                  .filter((p) => p.date === date && p.hour === hour)
                  .map(({ appointment: a }) => (
                    <div key={a.id} className={`cal-block cal-block--${a.status}`} data-appointment-id={a.id} data-status={a.status}>
                      <span className="cal-block__time">
                        {appointmentHref ? (
                          <Link to={appointmentHref(a.id)}>
                            {formatTime(a.start, zone, locale)}–{formatTime(a.end, zone, locale)}
                          </Link>
                        ) : (
                          <>
                            {formatTime(a.start, zone, locale)}–{formatTime(a.end, zone, locale)}
                          </>
                        )}
                      </span>
                      <span className="cal-block__who">
                        {a.patientName && patientHref ? (
                          <Link to={patientHref(a.patientId)}>
                            <UserText>{a.patientName}</UserText>
                          </Link>
                        ) : (
                          a.patientName ?? kindLabel(a.kind)
                        )}
                      </span>
                      <span className="cal-block__kind">{kindLabel(a.kind)}</span>
                      <StatusBadge status={a.status} />
                    </div>
                  ))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
