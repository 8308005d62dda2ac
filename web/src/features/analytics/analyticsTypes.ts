// The clinic analytics answers, typed by hand from the contract (docs: briefs/s8/analytics-contract.md) until the lead
// regenerates the OpenAPI client; then these give way to the generated types. Keep them exactly as the server sends them.

/** How the series and the revenue per period are bucketed: days (≤ 62 days), weeks starting Monday (≤ 366 days), else months. */
export type AnalyticsInterval = "day" | "week" | "month";

/** The tables the CSV export serves (GET /admin/analytics/export?table=…). */
export type AnalyticsExportTable = "doctors" | "specialties" | "series" | "revenue";

/** Appointments starting in the period, by status. */
export interface VisitFigures {
  /** Any status. */
  total: number;
  /** Booked, confirmed or checked in: not settled yet. */
  upcoming: number;
  completed: number;
  cancelled: number;
  noShows: number;
  /** completed ÷ (completed + cancelled + noShows) × 100, one decimal; null when nothing settled. */
  conversionPercent: number | null;
  /** noShows ÷ (completed + noShows) × 100, one decimal; null when both are 0. */
  noShowRatePercent: number | null;
}

/** On-demand consultations: how many a doctor accepted and how long the patients waited on average. */
export interface WaitingFigures {
  accepted: number;
  /** null when accepted = 0. */
  averageWaitSeconds: number | null;
}

/** Consultations of one specialty. */
export interface SpecialtyCount {
  specialty: string;
  completed: number;
  total: number;
}

/** One bucket of the series (periodStart a YYYY-MM-DD date: the day, the week's Monday or the month's first). */
export interface SeriesPoint {
  periodStart: string;
  completed: number;
  cancelled: number;
  noShows: number;
  upcoming: number;
}

export interface ClinicRevenue {
  clinicId: string;
  clinicName: string;
  netMinor: number;
}

export interface SpecialtyRevenue {
  specialty: string;
  netMinor: number;
}

export interface PeriodRevenue {
  periodStart: string;
  netMinor: number;
}

/** One currency's money (never summed across currencies), in minor units. */
export interface CurrencyRevenue {
  currency: string;
  capturedMinor: number;
  refundedMinor: number;
  netMinor: number;
  byClinic: ClinicRevenue[];
  bySpecialty: SpecialtyRevenue[];
  /** Same buckets as the series, no gaps. */
  byPeriod: PeriodRevenue[];
}

/** Net promoter score of the answers: promoters % − detractors %; score null when there are no answers. */
export interface NpsFigures {
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
  score: number | null;
}

export interface DoctorFigures {
  doctorId: string;
  displayName: string;
  specialty: string;
  completed: number;
  noShows: number;
  cancelled: number;
  bookedMinutes: number;
  workingMinutes: number;
  /** bookedMinutes ÷ workingMinutes × 100; null when workingMinutes = 0. */
  utilisationPercent: number | null;
  nps: NpsFigures;
}

/**
 * GET /admin/analytics: a clinic's (or all clinics') figures over a period. from/to are inclusive local dates (YYYY-MM-DD),
 * in the clinic's time zone when clinicId is given, else UTC.
 */
export interface ClinicAnalytics {
  from: string;
  to: string;
  clinicId: string | null;
  timeZone: string;
  interval: AnalyticsInterval;
  visits: VisitFigures;
  waiting: WaitingFigures;
  /** Sorted by completed, most first. */
  bySpecialty: SpecialtyCount[];
  /** One per interval, no gaps. */
  series: SeriesPoint[];
  /** One per currency. */
  revenue: CurrencyRevenue[];
  nps: NpsFigures;
  /** Sorted by displayName. */
  doctors: DoctorFigures[];
}
