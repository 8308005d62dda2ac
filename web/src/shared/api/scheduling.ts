import { api, apiFetch } from "./client";
import type { Money, Paged } from "./types";

/** Scheduling API (docs/api-scheduling.md). Instants are UTC ISO strings; local times have no offset. */

export type AppointmentKind = "video" | "inPerson" | "chat";
export const APPOINTMENT_KINDS: readonly AppointmentKind[] = ["video", "inPerson", "chat"];

export type AppointmentStatus = "booked" | "confirmed" | "checkedIn" | "completed" | "cancelled" | "noShow";

export type DayOfWeek = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
export const DAYS_OF_WEEK: readonly DayOfWeek[] = [
  "monday",
  "tuesday",
  "wednesday",
  "thursday",
  "friday",
  "saturday",
  "sunday",
];

export interface Clinic {
  id: string;
  name: string;
  address?: string;
  city: string;
  latitude?: number;
  longitude?: number;
  timeZone: string;
}

export interface Slot {
  start: string;
  end: string;
  kind: AppointmentKind;
  clinicId: string;
  clinicName: string;
  clinicTimeZone: string;
  clinicLocal: string;
  patientTimeZone: string;
  patientLocal: string;
}

export interface DoctorSlots {
  doctorId: string;
  displayName: string;
  specialties: string[];
  languages: string[];
  hourlyRate: Money;
  slots: Slot[];
}

export interface Appointment {
  id: string;
  doctorId: string;
  doctorName: string;
  patientId: string;
  patientName?: string | null;
  clinicId: string;
  clinicName: string;
  clinicTimeZone: string;
  kind: AppointmentKind;
  start: string;
  end: string;
  clinicLocal: string;
  status: AppointmentStatus;
  lateCancellation: boolean;
  /** What a person typed when cancelling; null when the system cancelled (see cancellationCode). */
  cancellationReason?: string | null;
  /** A reason the system gave (e.g. "doctor_unavailable"), worded by the app in the reader's language. */
  cancellationCode?: string | null;
  confirmedAt?: string | null;
  checkedInAt?: string | null;
  late: boolean;
  /** What the asking user can do now, by the server's own rules (empty on one-tap link pages and calendars). */
  allowedActions?: AppointmentAction[];
}

/** An action the server says can succeed now (see docs/api-scheduling.md). */
export type AppointmentAction = "confirm" | "reschedule" | "cancel" | "checkIn" | "noShow" | "complete";

export interface WeeklyHours {
  clinicId: string;
  dayOfWeek: DayOfWeek;
  start: string;
  end: string;
}

export interface AppointmentType {
  kind: AppointmentKind;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minimumNoticeMinutes: number;
  maximumHorizonDays: number;
  enabled: boolean;
}

export type ExceptionKind = "dayOff" | "extraHours";

export interface AvailabilityException {
  id: string;
  clinicId: string;
  date: string;
  kind: ExceptionKind;
  start?: string | null;
  end?: string | null;
}

export interface Availability {
  doctorId: string;
  clinics: Pick<Clinic, "id" | "name" | "city" | "timeZone">[];
  weeklyHours: WeeklyHours[];
  appointmentTypes: AppointmentType[];
  exceptions: AvailabilityException[];
}

export interface CalendarDay {
  date: string;
  workingMinutes: number;
  bookedMinutes: number;
  appointments: Appointment[];
}

export interface DoctorCalendar {
  doctorId: string;
  timeZone: string;
  days: CalendarDay[];
  /** The server's today in the doctor's zone (YYYY-MM-DD). */
  today: string;
}

export interface ClinicDay {
  clinicId: string;
  clinicName: string;
  timeZone: string;
  date: string;
  appointments: Appointment[];
}

export interface WaitlistOffer {
  id: string;
  start: string;
  end: string;
  doctorId: string;
  doctorName: string;
  clinicId: string;
  clinicName: string;
  clinicTimeZone: string;
  clinicLocal: string;
  expiresAt: string;
}

export interface WaitlistEntry {
  id: string;
  doctorId?: string | null;
  doctorName?: string | null;
  specialty?: string | null;
  kind: AppointmentKind;
  from: string;
  to: string;
  status: "waiting" | "booked" | "left";
  offer?: WaitlistOffer | null;
}

export interface ReminderAction {
  action: "confirm" | "cancel";
  appointmentStart: string;
  clinicTimeZone: string;
  clinicLocal: string;
  doctorName: string;
  kind: AppointmentKind;
  status: AppointmentStatus;
}

export interface ClinicPolicy {
  cancellationCutoffHours: number;
  reminderOffsetsHours: number[];
  waitlistHoldMinutes: number;
}

export interface SlotQuery {
  specialty?: string;
  doctorId?: string;
  language?: string;
  kind?: AppointmentKind | "";
  clinicId?: string;
  from: string;
  to: string;
  timeZone: string;
  perDoctor?: number;
  page?: number;
  pageSize?: number;
}

export interface BookingRequest {
  doctorId: string;
  clinicId: string;
  kind: AppointmentKind;
  start: string;
  patientId?: string;
}

export interface WaitlistRequest {
  doctorId?: string;
  specialty?: string;
  kind: AppointmentKind;
  from: string;
  to: string;
}

const enc = encodeURIComponent;
const S = "/scheduling";

export const schedulingApi = {
  clinics: () => api.get<Clinic[]>("/clinics"),
  myDoctor: () => api.get<{ doctorId: string; displayName: string }>(`${S}/me/doctor`),

  availability: (doctorId: string) => api.get<Availability>(`${S}/doctors/${enc(doctorId)}/availability`),
  /** Open visits the proposed weekly hours would leave uncovered (with patient names). */
  visitsOutsideHours: (doctorId: string, body: { weeklyHours: WeeklyHours[]; appointmentTypes: AppointmentType[] }) =>
    api.post<Appointment[]>(`${S}/doctors/${enc(doctorId)}/availability/affected-visits`, body),
  saveAvailability: (
    doctorId: string,
    body: { weeklyHours: WeeklyHours[]; appointmentTypes: AppointmentType[]; affectedVisits?: "move" | "cancel" },
  ) =>
    api.put<Availability>(`${S}/doctors/${enc(doctorId)}/availability`, body),
  /** Open visits a day off at the clinic on the clinic-local date would cover (with patient names). */
  affectedVisits: (doctorId: string, clinicId: string, date: string) =>
    api.get<Appointment[]>(`${S}/doctors/${enc(doctorId)}/availability/affected-visits?clinicId=${enc(clinicId)}&date=${enc(date)}`),
  addException: (doctorId: string, body: Omit<AvailabilityException, "id"> & { affectedVisits?: "move" | "cancel" }) =>
    api.post<AvailabilityException>(`${S}/doctors/${enc(doctorId)}/availability/exceptions`, body),
  removeException: (doctorId: string, exceptionId: string) =>
    api.del(`${S}/doctors/${enc(doctorId)}/availability/exceptions/${enc(exceptionId)}`),

  slots: (q: SlotQuery) => api.get<Paged<DoctorSlots>>(`${S}/slots`, { ...q }),
  doctorSlots: (doctorId: string, q: { kind?: AppointmentKind | ""; from: string; to: string; timeZone: string }) =>
    api.get<DoctorSlots>(`${S}/doctors/${enc(doctorId)}/slots`, { ...q }),

  book: (body: BookingRequest, idempotencyKey: string) =>
    apiFetch<Appointment>(`${S}/appointments`, { method: "POST", body, headers: { "Idempotency-Key": idempotencyKey } }),
  myAppointments: () => api.get<Appointment[]>(`${S}/appointments/mine`),
  appointment: (id: string) => api.get<Appointment>(`${S}/appointments/${enc(id)}`),
  reschedule: (id: string, start: string) => api.post<Appointment>(`${S}/appointments/${enc(id)}/reschedule`, { start }),
  cancel: (id: string, reason: string) => api.post<Appointment>(`${S}/appointments/${enc(id)}/cancel`, { reason }),
  transition: (id: string, action: "confirm" | "check-in" | "complete" | "no-show") =>
    api.post<Appointment>(`${S}/appointments/${enc(id)}/${action}`),
  /** The calendar file in the app's language (a plain link carries the browser's languages, not the app's). */
  calendarIcsUrl: (id: string, language: string) => `/api/v1${S}/appointments/${enc(id)}/calendar.ics?language=${enc(language)}`,

  calendar: (doctorId: string, from: string, to: string) =>
    api.get<DoctorCalendar>(`${S}/doctors/${enc(doctorId)}/calendar`, { from, to }),
  clinicDay: (clinicId: string, date?: string) => api.get<ClinicDay>(`${S}/clinics/${enc(clinicId)}/day`, { date }),
  /** The doctor's feed: whether one exists and its URL (null for a feed made before URLs could be shown again). */
  calendarFeed: (doctorId: string) => api.get<{ exists: boolean; url: string | null }>(`${S}/doctors/${enc(doctorId)}/calendar-feed`),
  createCalendarFeed: (doctorId: string) => api.post<{ url: string }>(`${S}/doctors/${enc(doctorId)}/calendar-feed`),
  revokeCalendarFeed: (doctorId: string) => api.del(`${S}/doctors/${enc(doctorId)}/calendar-feed`),

  /** `idempotencyKey`: the same wish sent again with it joins once (docs/api-v1.md, "Retrying a create"). */
  joinWaitlist: (body: WaitlistRequest, idempotencyKey: string) =>
    apiFetch<WaitlistEntry>(`${S}/waitlist`, { method: "POST", body, headers: { "Idempotency-Key": idempotencyKey } }),
  myWaitlist: () => api.get<WaitlistEntry[]>(`${S}/waitlist/mine`),
  leaveWaitlist: (id: string) => api.del(`${S}/waitlist/${enc(id)}`),
  acceptOffer: (offerId: string) => api.post<Appointment>(`${S}/waitlist/offers/${enc(offerId)}/accept`),
  declineOffer: (offerId: string) => api.post(`${S}/waitlist/offers/${enc(offerId)}/decline`),

  reminderAction: (token: string) => api.get<ReminderAction>(`${S}/reminder-actions/${enc(token)}`),
  performReminderAction: (token: string, reason?: string) =>
    api.post<{ action: "confirm" | "cancel"; status: AppointmentStatus }>(
      `${S}/reminder-actions/${enc(token)}`,
      reason ? { reason } : {},
    ),

  policy: (clinicId: string) => api.get<ClinicPolicy>(`${S}/clinics/${enc(clinicId)}/policy`),
  savePolicy: (clinicId: string, body: ClinicPolicy) => api.put<ClinicPolicy>(`${S}/clinics/${enc(clinicId)}/policy`, body),
};

/** A fresh idempotency key; falls back to getRandomValues where randomUUID is missing (plain-http origins). */
export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === "function") return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c && typeof c.getRandomValues === "function") c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
