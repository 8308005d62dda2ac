/**
 * Time-zone helpers for scheduling. Instants are UTC ISO strings; "dates" are YYYY-MM-DD calendar
 * dates. Everything is formatted with Intl in an explicit IANA zone, never the machine's offset.
 */
import { zoneName } from "./zoneNames";

/** The browser's zone and clock, in one object so tests can replace them (vi.spyOn(clock, "timeZone")). */
export const clock = {
  now: (): Date => new Date(),
  timeZone: (): string => {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
    } catch {
      return "UTC";
    }
  },
};

export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    partsFormatters.set(zone, f);
  }
  return f;
}

function toDate(instant: Date | string): Date {
  return instant instanceof Date ? instant : new Date(instant);
}

/** Wall-clock parts of an instant in a zone. */
export function zonedParts(instant: Date | string, zone: string): ZonedParts {
  const parts = partsFormatter(zone).formatToParts(toDate(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour") % 24, minute: get("minute") };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function dateInZone(instant: Date | string, zone: string): string {
  const p = zonedParts(instant, zone);
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Today in a zone (the browser's by default). */
export function today(zone: string = clock.timeZone()): string {
  return dateInZone(clock.now(), zone);
}

/** A calendar date plus days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday of the week holding a calendar date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const offset = (d.getUTCDay() + 6) % 7; // Monday → 0 … Sunday → 6
  return addDays(date, -offset);
}

export function isIsoDate(value: string | null | undefined): value is string {
  return !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}

/**
 * Clock times follow the interface language (docs/localisation.md): English reads 12-hour with AM/PM, US style
 * ("9:00 AM"); Russian reads 24-hour ("09:00").
 */
export function usesTwelveHourClock(locale: string): boolean {
  return locale.toLowerCase().startsWith("en");
}

/** Intl puts a narrow no-break space before AM/PM; a plain space reads and searches the same everywhere. */
const plainSpaces = (text: string) => text.replace(/[\u202f\u00a0]/g, " ");

/** "9:00 AM" in English, "09:00" in Russian: the instant's wall-clock time in the zone. */
export function formatTime(instant: Date | string, zone: string, locale: string): string {
  const twelve = usesTwelveHourClock(locale);
  return plainSpaces(
    new Intl.DateTimeFormat(locale, { timeZone: zone, hour: twelve ? "numeric" : "2-digit", minute: "2-digit", hourCycle: twelve ? "h12" : "h23" }).format(
      toDate(instant),
    ),
  );
}

/** An hour of the day (0–23) as a row label: "9 AM" in English, "09:00" in Russian. */
export function formatHourOfDay(hour: number, locale: string): string {
  if (!usesTwelveHourClock(locale)) return `${String(hour).padStart(2, "0")}:00`;
  return `${hour % 12 === 0 ? 12 : hour % 12} ${hour < 12 ? "AM" : "PM"}`;
}

/** "Sunday, March 29, 2026" in the zone. */
export function formatDayLong(instant: Date | string, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(toDate(instant));
}

/** "Sun, Mar 29" in the zone. */
export function formatDayShort(instant: Date | string, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone: zone, weekday: "short", day: "numeric", month: "short" }).format(
    toDate(instant),
  );
}

/** A calendar date (YYYY-MM-DD) as "Mon, Nov 23". */
export function formatCalendarDate(date: string, locale: string, style: "short" | "long" = "short"): string {
  const d = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(d.getTime())) return date;
  return style === "long" ? formatDayLong(d, "UTC", locale) : formatDayShort(d, "UTC", locale);
}

/**
 * The zone's city in the locale (default: the page's language): "Asia/Novosibirsk" → "Novosibirsk" in English,
 * "Новосибирск" in Russian; "America/New_York" → "New York". See zoneNames.ts.
 */
export function cityOfZone(zone: string, locale?: string): string {
  return zoneName(zone, locale ?? (typeof document !== "undefined" ? document.documentElement.lang || "en" : "en"));
}

/** Whether an instant shows the same date and time on the wall clocks of two zones. */
export function sameWallClock(instant: Date | string, zoneA: string, zoneB: string): boolean {
  if (zoneA === zoneB) return true;
  const a = zonedParts(instant, zoneA);
  const b = zonedParts(instant, zoneB);
  return a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute;
}

/** Minutes between two instants. */
export function minutesBetween(start: string, end: string): number {
  return Math.round((Date.parse(end) - Date.parse(start)) / 60000);
}

/** "HH:MM" → minutes after midnight; NaN when malformed. */
export function parseHhMm(value: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::\d{2})?$/.exec(value.trim());
  if (!m) return Number.NaN;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return Number.NaN;
  return h * 60 + min;
}

/** "09:00:00" (TimeOnly from the server) → "09:00". */
export function shortHhMm(value: string | null | undefined): string {
  if (!value) return "";
  return value.length > 5 ? value.slice(0, 5) : value;
}
