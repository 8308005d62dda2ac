import { useTranslation } from "react-i18next";
import type { Appointment, AppointmentStatus } from "../../shared/api/scheduling";

/** Counts of a day's appointments by what the front desk acts on; cancelled ones count apart from the day's visits. */
export function dayFigures(appointments: readonly Appointment[]) {
  const count = (...statuses: AppointmentStatus[]) => appointments.filter((a) => statuses.includes(a.status)).length;
  return {
    visits: appointments.length - count("cancelled"),
    expected: count("booked", "confirmed"),
    checkedIn: count("checkedIn"),
    completed: count("completed"),
    noShows: count("noShow"),
    cancelled: count("cancelled"),
  };
}

/** The day's figures above the front desk's list; they follow the live list, so they update with it. */
export function DayFigures({ appointments }: { appointments: readonly Appointment[] }) {
  const { t } = useTranslation();
  const figures = dayFigures(appointments);
  const items = [
    ["visits", figures.visits],
    ["expected", figures.expected],
    ["checkedIn", figures.checkedIn],
    ["completed", figures.completed],
    ["noShows", figures.noShows],
    ["cancelled", figures.cancelled],
  ] as const;
  return (
    <dl className="day-figures" aria-label={t("frontOffice.figures.title")} data-testid="day-figures">
      {items.map(([key, value]) => (
        <div key={key} className="day-figures__item">
          <dt>{t(`frontOffice.figures.${key}`)}</dt>
          <dd data-figure={key}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
