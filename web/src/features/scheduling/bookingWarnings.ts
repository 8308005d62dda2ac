/** Specialty codes of doctors for children (the directory's codes; both spellings are accepted). */
export const PAEDIATRIC_SPECIALTIES: readonly string[] = ["pediatrics", "paediatrics"];

/** Full years between a date of birth and a day (both YYYY-MM-DD calendar dates). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * An adult (18 or over on the day of the visit) booked with a doctor whose only specialties are paediatric: not refused
 * (a parent may book for themself by mistake, or a young adult may still see their paediatrician), but said before booking.
 */
export function anAdultIsBookedWithAPaediatrician(specialties: readonly string[], dateOfBirth: string | undefined, visitDay: string): boolean {
  if (!dateOfBirth || specialties.length === 0) return false;
  const onlyPaediatric = specialties.every((s) => PAEDIATRIC_SPECIALTIES.includes(s.toLowerCase()));
  return onlyPaediatric && ageOn(dateOfBirth, visitDay) >= 18;
}
