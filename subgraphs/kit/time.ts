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

/** The instant at which a Zurich wall-clock time occurs (DST-aware). */
export function zurichInstant(day: string, hour = 0, minute = 0, second = 0, ms = 0): Date {
  const [y, m, d] = day.split("-").map(Number);
  const wall = Date.UTC(y, m - 1, d, hour, minute, second, ms);
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const p = zurichParts(new Date(guess));
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, ms);
    guess += wall - shown;
  }
  return new Date(guess);
}

/** The last moment of a Zurich day: 23:59:59.999 local (T3, T6). */
export function endOfZurichDay(day: string): Date {
  return zurichInstant(day, 23, 59, 59, 999);
}
