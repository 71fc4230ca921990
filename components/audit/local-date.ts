// Calendar days in the viewer's timezone <-> the ISO instants the server filters on. Browser-only: on a server
// "local" would mean the server's timezone. The upper bound is exclusive, so a "to" day ends at the next midnight.

const pad = (n: number) => String(n).padStart(2, "0");

function parseDay(day: string): [number, number, number] {
  const [year, month, date] = day.split("-").map(Number);
  return [year!, month! - 1, date!];
}

/** "2025-03-30" -> that day's local midnight as ISO. */
export function localDayStartIso(day: string): string {
  const [year, month, date] = parseDay(day);
  return new Date(year, month, date).toISOString();
}

/** "2025-03-30" -> the local midnight that ends that day (the exclusive bound). Date handles DST and month ends. */
export function localDayEndIso(day: string): string {
  const [year, month, date] = parseDay(day);
  return new Date(year, month, date + 1).toISOString();
}

function localDay(instant: Date): string {
  return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`;
}

/** An inclusive lower bound back to the calendar day it starts. */
export function startIsoToLocalDay(iso: string): string {
  return localDay(new Date(iso));
}

/** An exclusive upper bound back to the last calendar day it includes. */
export function endIsoToLocalDay(iso: string): string {
  return localDay(new Date(Date.parse(iso) - 1));
}
