/**
 * Display formats. Money travels as an exact decimal string (CHF) and is formatted as a string,
 * never through a float; instants are shown in Europe/Zurich, whatever the browser's zone.
 */
export const ZONE = "Europe/Zurich";

const DASH = "—";

/** "1234567.5" → "CHF 1’234’567.50"; "-12" → "CHF -12.00"; more than two decimals are kept. */
export function formatMoney(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return DASH;
  const match = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!match) return `CHF ${value}`;
  const [, sign, integer, fraction = ""] = match;
  const digits = integer.replace(/^0+(?=\d)/, "");
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, "’");
  const cents = fraction.padEnd(2, "0");
  return `CHF ${sign === "-" ? "-" : ""}${grouped}.${cents}`;
}

const dateTimeFormat = new Intl.DateTimeFormat("de-CH", {
  timeZone: ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An ISO 8601 instant, as Zurich's wall clock: "31.03.2025, 14:05". */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return DASH;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dateTimeFormat.format(date);
}

const dayFormat = new Intl.DateTimeFormat("de-CH", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * A day, as "31.03.2025": a calendar day "YYYY-MM-DD" as it is (it is already Zurich's), or the
 * Zurich day of an instant (some day fields travel as the day's last instant, e.g. a debt's
 * limitationDate "2031-12-31T22:59:59.999Z").
 */
export function formatDay(value: string | null | undefined): string {
  if (!value) return DASH;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match) return `${match[3]}.${match[2]}.${match[1]}`;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dayFormat.format(date);
}

/** Words of enum values that stay as they are written in the domain. */
const PROPER_WORDS: Record<string, string> = { UID: "UID", AEO: "AEO", EDEC: "e-dec", NCTS: "NCTS", PASSAR: "Passar", B2B: "B2B", ALAD: "ALAD", WEB: "web" };

/** "RESUBMISSION_OVERDUE" → "Resubmission overdue"; "UID_REGISTER" → "UID register". */
export function humanize(value: string | null | undefined): string {
  if (!value) return DASH;
  const words = value.split("_").map((word, i) => PROPER_WORDS[word] ?? (i === 0 ? word.charAt(0) + word.slice(1).toLowerCase() : word.toLowerCase()));
  return words.join(" ");
}

export function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  return value ? "yes" : "no";
}

/** Zurich's UTC offset on a calendar day, "+01:00" or "+02:00" (read at noon: DST changes at night). */
export function zurichOffset(day: string): string {
  const noonUtc = new Date(`${day}T12:00:00Z`);
  const hour = Number(new Intl.DateTimeFormat("en-GB", { timeZone: ZONE, hour: "2-digit", hourCycle: "h23" }).format(noonUtc));
  const offset = hour - 12;
  return `${offset < 0 ? "-" : "+"}${String(Math.abs(offset)).padStart(2, "0")}:00`;
}

/** The last instant of a Zurich calendar day, ISO 8601 with its offset: "2025-03-31T23:59:59.999+02:00". */
export function endOfZurichDay(day: string): string {
  return `${day}T23:59:59.999${zurichOffset(day)}`;
}

/** Today's date in Zurich, "YYYY-MM-DD". */
export function zurichToday(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: ZONE, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export function isDay(value: string | null | undefined): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}
