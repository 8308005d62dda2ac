import type { TFunction } from "i18next";
import { minorUnitFactor } from "../../shared/ui/format";
import { addDays } from "../../shared/time/zonedTime";
import type { AnalyticsInterval } from "./analyticsTypes";

/** The shown value of a missing figure (no settled visits, no answers, no working time). */
export const NO_VALUE = "—";

/** The default period: the last 30 days, today included. */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: addDays(today, -29), to: today };
}

/** A count in the locale ("1,234" / "1 234"). */
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** A percent the server rounded to one decimal ("81.8%" / "81,8 %"); "—" when null. */
export function formatPercent(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
}

/** An NPS score (−100…100, whole); "—" when null. */
export function formatScore(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return NO_VALUE;
  return new Intl.NumberFormat(locale).format(value);
}

/** A wait as "5 min 12 s" (under a minute "45 s", from an hour "1 h 2 min"); "—" when null. */
export function formatWait(seconds: number | null | undefined, t: TFunction, locale: string): string {
  if (seconds === null || seconds === undefined) return NO_VALUE;
  const whole = Math.max(0, Math.round(seconds));
  const n = (v: number) => formatCount(v, locale);
  if (whole < 60) return t("analytics.duration.seconds", { seconds: n(whole) });
  if (whole < 3600) return t("analytics.duration.minutesSeconds", { minutes: n(Math.floor(whole / 60)), seconds: n(whole % 60) });
  return t("analytics.duration.hoursMinutes", { hours: n(Math.floor(whole / 3600)), minutes: n(Math.floor((whole % 3600) / 60)) });
}

/** Minor units as a number in major units, for a chart's axis ("RUB 9,500.00" is the table's job). */
export function toMajor(amountMinor: number, currency: string): number {
  return amountMinor / minorUnitFactor(currency);
}

/**
 * A bucket's start (YYYY-MM-DD) as a label. Short (a chart's axis): "Nov 2" / "2 нояб." for days and weeks, "Nov 2026" for
 * months. Long (a table's row): the full date, "Week of …" for weeks, "November 2026" for months.
 */
export function formatPeriod(periodStart: string, interval: AnalyticsInterval, t: TFunction, locale: string, style: "short" | "long"): string {
  const date = new Date(`${periodStart}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return periodStart;
  const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone: "UTC" }).format(date);
  if (interval === "month") return format(style === "short" ? { month: "short", year: "numeric" } : { month: "long", year: "numeric" });
  if (style === "short") return format({ day: "numeric", month: "short" });
  const day = format({ dateStyle: "medium" });
  return interval === "week" ? t("analytics.weekOf", { day }) : day;
}
