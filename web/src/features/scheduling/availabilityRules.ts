import type { AppointmentType, DayOfWeek, WeeklyHours } from "../../shared/api/scheduling";
import { parseHhMm } from "../../shared/time/zonedTime";

export interface HoursRow extends WeeklyHours {
  /** client-side key for React lists */
  key: string;
}

/** Error keys (i18n) per row key; "form" for errors that belong to no row. */
export type AvailabilityErrors = Record<string, string>;

/**
 * Weekly hours must have end after start, and ranges on the same weekday must not overlap
 * (a doctor is in one place at a time, so this holds across clinics too).
 */
export function validateWeeklyHours(rows: HoursRow[]): AvailabilityErrors {
  const errors: AvailabilityErrors = {};
  const byDay = new Map<DayOfWeek, { row: HoursRow; start: number; end: number }[]>();
  for (const row of rows) {
    const start = parseHhMm(row.start);
    const end = parseHhMm(row.end);
    if (Number.isNaN(start) || Number.isNaN(end)) {
      errors[row.key] = "scheduling.errors.timeFormat";
      continue;
    }
    if (end <= start) {
      errors[row.key] = "scheduling.errors.endAfterStart";
      continue;
    }
    const list = byDay.get(row.dayOfWeek) ?? [];
    list.push({ row, start, end });
    byDay.set(row.dayOfWeek, list);
  }
  for (const list of byDay.values()) {
    list.sort((a, b) => a.start - b.start);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (cur.start < prev.end) {
        errors[cur.row.key] = "scheduling.errors.overlap";
        errors[prev.row.key] ??= "scheduling.errors.overlap";
      }
    }
  }
  return errors;
}

/** Appointment types: duration 5–240 minutes, non-negative buffers and notice, horizon ≥ 1 day. */
export function validateAppointmentTypes(types: AppointmentType[]): AvailabilityErrors {
  const errors: AvailabilityErrors = {};
  for (const type of types) {
    const whole = (n: number) => Number.isInteger(n) && n >= 0;
    if (!Number.isInteger(type.durationMinutes) || type.durationMinutes < 5 || type.durationMinutes > 240)
      errors[type.kind] = "scheduling.errors.duration";
    else if (![type.bufferBeforeMinutes, type.bufferAfterMinutes, type.minimumNoticeMinutes].every(whole))
      errors[type.kind] = "validation.nonNegative";
    else if (!Number.isInteger(type.maximumHorizonDays) || type.maximumHorizonDays < 1) errors[type.kind] = "scheduling.errors.horizon";
  }
  return errors;
}

/** An exception's extra hours need end after start. */
export function validateExceptionHours(kind: "dayOff" | "extraHours", start: string, end: string): string | null {
  if (kind === "dayOff") return null;
  const s = parseHhMm(start);
  const e = parseHhMm(end);
  if (Number.isNaN(s) || Number.isNaN(e)) return "scheduling.errors.timeFormat";
  if (e <= s) return "scheduling.errors.endAfterStart";
  return null;
}
