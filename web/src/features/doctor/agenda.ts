import type { DoctorQueue } from "../../shared/api/consultations";
import type { Appointment, DoctorCalendar } from "../../shared/api/scheduling";

/** What the agenda offers on a visit: return to its call, join it (its patient is waiting), or open it. */
export type AgendaAction = { kind: "return"; consultationId: string } | { kind: "join"; consultationId: string } | { kind: "open" };

/**
 * Offers only what can succeed: "return" to the visit in progress; "join" when the visit's patient waits in the doctor's
 * booked queue and no other consultation is in progress (accepting would be refused); otherwise "open" the appointment.
 */
export function agendaAction(appointment: Appointment, queue: DoctorQueue | undefined): AgendaAction {
  if (queue?.inProgress?.appointmentId === appointment.id) return { kind: "return", consultationId: queue.inProgress.id };
  const waiting = queue?.booked.find((i) => i.appointmentId === appointment.id);
  if (waiting && !queue?.inProgress) return { kind: "join", consultationId: waiting.consultationId };
  return { kind: "open" };
}

/** Today's visits (the server's today in the doctor's own zone), in order of time. */
export function todaysVisits(calendar: DoctorCalendar): Appointment[] {
  const day = calendar.days.find((d) => d.date === calendar.today);
  return [...(day?.appointments ?? [])].sort((a, b) => a.start.localeCompare(b.start));
}
