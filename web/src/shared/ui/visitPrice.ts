import type { Money } from "../api/types";

/** A visit's length in whole minutes, from its UTC start and end instants. */
export function visitMinutes(start: string, end: string): number {
  return Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 60_000));
}

/**
 * What a visit of `minutes` costs at the doctor's hourly rate, in the rate's minor units (rounded to the nearest
 * minor unit): a patient is shown the price of the visit they book, never a price per hour.
 */
export function visitPrice(hourlyRate: Money, minutes: number): Money {
  return { amountMinor: Math.round((hourlyRate.amountMinor * minutes) / 60), currency: hourlyRate.currency };
}
