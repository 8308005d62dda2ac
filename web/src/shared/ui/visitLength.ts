/** A visit's length in whole minutes, from its UTC start and end instants. */
export function visitMinutes(start: string, end: string): number {
  return Math.max(0, Math.round((Date.parse(end) - Date.parse(start)) / 60_000));
}

