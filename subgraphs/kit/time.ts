/**
 * Timestamps are stored in UTC (DOMAIN.md §0.4 T1). TypeORM writes a `datetime` as
 * `YYYY-MM-DD HH:MM:SS.mmm` (UTC) on both MySQL (with `timezone: "Z"`) and SQLite; comparisons in
 * hand-written conditions pass the same text so that both engines compare alike.
 */
export function sqlTime(date: Date): string {
  return date.toISOString().replace("T", " ").replace("Z", "");
}

export const MS_PER_DAY = 24 * 60 * 60 * 1000;
