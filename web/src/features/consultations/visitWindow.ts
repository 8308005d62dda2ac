import type { Appointment } from "../../shared/api/scheduling";

/** The waiting room of a booked visit opens this long before its start (docs/api-consultations.md). */
export const JOIN_EARLY_MS = 15 * 60_000;

export type VisitWindow = "notOnline" | "early" | "open" | "ended";

/** Whether a booked video or chat visit can be joined now: from 15 minutes before its start until its end. */
export function visitWindow(a: Pick<Appointment, "kind" | "status" | "start" | "end">, now: Date): VisitWindow {
  if (a.kind !== "video" && a.kind !== "chat") return "notOnline";
  if (a.status !== "booked" && a.status !== "confirmed" && a.status !== "checkedIn") return "notOnline";
  const t = now.getTime();
  if (t >= Date.parse(a.end)) return "ended";
  if (t < Date.parse(a.start) - JOIN_EARLY_MS) return "early";
  return "open";
}

/** When the window opens, as an instant. */
export function windowOpensAt(a: Pick<Appointment, "start">): Date {
  return new Date(Date.parse(a.start) - JOIN_EARLY_MS);
}
