/**
 * Timestamps are stored in UTC (DOMAIN.md §0.4 T1). TypeORM writes a `datetime` as
 * `YYYY-MM-DD HH:MM:SS.mmm` (UTC) on both MySQL (with `timezone: "Z"`) and SQLite; comparisons in
 * hand-written conditions pass the same text so that both engines compare alike.
 */
export function sqlTime(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

export const MS_PER_DAY = 24 * 60 * 60 * 1000;

const ZONE = "Europe/Zurich";
const partsFormatter = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

function zurichParts(instant: Date): Record<string, number> {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(instant)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  return parts;
}

/** The calendar day (YYYY-MM-DD) of an instant in Europe/Zurich (T1). */
export function zurichDate(instant: Date): string {
  const p = zurichParts(instant);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

/** Adds calendar days to a YYYY-MM-DD day. */
export function addCalendarDays(day: string, days: number): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Zurich's offset from UTC at an instant, in ms: +1 h in winter (CET), +2 h in summer (CEST). */
function zurichOffset(epochMs: number): number {
  const p = zurichParts(new Date(epochMs));
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - wholeSecond;
}

/**
 * The instant at which a Zurich wall-clock time occurs (DST-aware, T1).
 *
 * Two wall-clock times are not one instant each, and a deadline must not depend on chance there
 * (the same rule as `java.time`'s `ZonedDateTime.of` and Temporal's `disambiguation: "compatible"`):
 * - a time in the spring-forward gap (02:00–02:59 on the last Sunday of March) does not exist; it
 *   moves forward by the gap, so 02:30 is 03:30 CEST, read with the offset in force before the gap;
 * - a time in the repeated autumn hour (02:00–02:59 on the last Sunday of October) occurs twice;
 *   it is the EARLIER occurrence, 02:30 CEST, not 02:30 CET an hour later.
 */
export function zurichInstant(day: string, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const [y, m, d] = day.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute, second, ms);
  // Zurich changes its offset at most once in any 48 hours, so the offsets a day either side of
  // the wall time are the only candidates.
  const before = zurichOffset(wall - MS_PER_DAY);
  const after = zurichOffset(wall + MS_PER_DAY);
  if (before === after) return new Date(wall - before);
  const withBefore = wall - before;
  const withAfter = wall - after;
  const beforeFits = zurichOffset(withBefore) === before;
  const afterFits = zurichOffset(withAfter) === after;
  if (beforeFits && afterFits) return new Date(Math.min(withBefore, withAfter)); // repeated hour: the earlier
  if (afterFits) return new Date(withAfter);
  // Fits with the offset before the switch, or in the gap, where no offset fits: the offset before
  // the switch puts a gap time exactly as far past the gap's end as it was past its start.
  return new Date(withBefore);
}

/** The last moment of a Zurich day: 23:59:59.999 local (T3, T6). */
export function endOfZurichDay(day: string): Date {
  return zurichInstant(day, 23, 59, 59, 999);
}

/** The first moment of a Zurich day: 00:00:00.000 local. */
export function startOfZurichDay(day: string): Date {
  return zurichInstant(day, 0, 0, 0, 0);
}

/** The end (Europe/Zurich) of the same calendar date `years` later (DOMAIN.md §0.4 T8; 29 February → 28 February). */
export function endOfSameDateYearsLater(at: Date, years: number): Date {
  const [y, m, d] = zurichDate(at).split("-").map(Number);
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return endOfZurichDay(`${y + years}-${String(m).padStart(2, "0")}-${String(Math.min(d, lastDay)).padStart(2, "0")}`);
}
