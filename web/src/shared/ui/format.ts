import type { Money } from "../api/types";

/** Minor units per major unit for a currency, as Intl knows it (RUB, EUR → 100; JPY → 1). */
export function minorUnitFactor(currency: string): number {
  try {
    const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    return 10 ** digits;
  } catch {
    return 100;
  }
}

export function formatMoney(money: Money, locale: string): string {
  const factor = minorUnitFactor(money.currency);
  try {
    return new Intl.NumberFormat(locale, { style: "currency", currency: money.currency }).format(
      money.amountMinor / factor,
    );
  } catch {
    return `${(money.amountMinor / factor).toFixed(2)} ${money.currency}`;
  }
}

/** How many digits a currency's minor unit has after the decimal point (2 for RUB, 0 for JPY, 3 for KWD), from its factor. */
function fractionDigits(factor: number): number {
  return Math.max(0, Math.round(Math.log10(factor)));
}

/**
 * Parses a price typed in major units ("4500", "4 500,50") into minor units, exactly (no floating point).
 * Empty → undefined; not a number, negative, or with more decimals than the currency has ("1.005" RUB) → NaN so validation
 * can flag it: an amount is never silently rounded to one the person did not type.
 */
export function majorToMinor(input: string, factor = 100): number | undefined {
  const cleaned = input.replace(/[\s\u00a0]/g, "").replace(",", ".");
  if (cleaned === "") return undefined;
  const parts = /^(\d+)(?:\.(\d+))?$/.exec(cleaned);
  if (!parts) return Number.NaN;
  const digits = fractionDigits(factor);
  const fraction = (parts[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits) return Number.NaN;
  return Number(parts[1]) * factor + Number(fraction.padEnd(digits, "0") || "0");
}

export function minorToMajorString(amountMinor: number | undefined, factor = 100): string {
  if (amountMinor === undefined || Number.isNaN(amountMinor)) return "";
  const major = amountMinor / factor;
  return Number.isInteger(major) ? String(major) : major.toFixed(fractionDigits(factor));
}

export function formatDate(isoDate: string | null | undefined, locale: string): string {
  if (!isoDate) return "";
  // Dates (YYYY-MM-DD) are calendar dates: format them in UTC so no time zone shifts the day.
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

export function formatDateTime(instant: string | null | undefined, locale: string): string {
  if (!instant) return "";
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(date);
}
