import Holidays from "date-holidays";
import { addCalendarDays, endOfZurichDay, zurichDate, zurichInstant } from "./time";

/**
 * The working-day and counter-opening calendar of a customs office: every deadline the sources
 * count in working days, business days or "hours of counter opening" is computed here, so that all
 * subgraphs count alike (DOMAIN.md §0.4 T2–T6, §8).
 *
 * Days are Zurich calendar days written `YYYY-MM-DD`; instants are `Date`s (T1). Every deadline
 * returned as an instant is the LAST allowed instant: a step is in time when `at <= deadline`, late
 * from `deadline + 1 ms`. Every earliest instant is the FIRST allowed one: in time when
 * `at >= earliest`. Nothing here reads the clock or a database.
 */

/** ISO weekday: Monday = 1 … Sunday = 7. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One published counter opening, in Europe/Zurich wall-clock time; `closes` may be "24:00". */
export interface OpeningInterval {
  weekday: IsoWeekday;
  opens: string;
  closes: string;
}

export interface OfficeCalendarConfig {
  /** The canton whose public holidays the office keeps, e.g. `ZH`, `BS`, `TI`, `GE`. */
  canton: string;
  /** Several intervals per weekday are allowed (a lunch break); none makes counter time unknown. */
  openingHours: readonly OpeningInterval[];
  /** Further days the office is closed (e.g. Berchtoldstag in Zurich, which is no public holiday). */
  closedDays?: readonly string[];
}

/** A misconfigured calendar or a call outside its domain: a fault of the caller, never of the user. */
export class OfficeCalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OfficeCalendarError";
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^(\d{2}):(\d{2})$/;
const MS_PER_MINUTE = 60 * 1000;
/** A run of days without a working day (or an opening) this long means a calendar that never opens. */
const SEARCH_LIMIT_DAYS = 3660;

// One `Holidays` per canton and one holiday map per canton-year: building them parses the
// library's rule set, and every deadline of every request asks again.
const CANTONS: Readonly<Record<string, string>> = new Holidays().getStates("CH") ?? {};
const holidaysByCanton = new Map<string, Holidays>();
const holidaysByCantonYear = new Map<string, ReadonlyMap<string, string>>();

/** The codes of the 26 cantons (`ZH`, `BE`, … `JU`) with their names, as date-holidays knows them. */
export function swissCantons(): Readonly<Record<string, string>> {
  return CANTONS;
}

function assertCanton(canton: string): void {
  // date-holidays quietly falls back to the federal holidays for an unknown state ("XX") and
  // accepts lower case: refuse both, or an office would silently lose its cantonal holidays.
  if (!Object.prototype.hasOwnProperty.call(CANTONS, canton)) {
    throw new OfficeCalendarError(`Unknown canton "${canton}": expected one of ${Object.keys(CANTONS).join(", ")}.`);
  }
}

/**
 * The public holidays of a canton in a year, day → name (T2). Only date-holidays' type `public`
 * counts: its `optional` (Berchtoldstag in Zurich, Easter Monday in Lucerne), `bank` (St Stephen's
 * Day in Geneva) and `observance` days are ordinary working days unless an office lists them in
 * `closedDays`. DESIGN CHOICE: a half-day public holiday (1 May afternoon in Solothurn and Valais,
 * Christmas Eve afternoon in Valais) makes the whole day a holiday: T2 knows only whole days, and
 * the declarant gets the longer period.
 */
export function publicHolidays(canton: string, year: number): ReadonlyMap<string, string> {
  assertCanton(canton);
  const key = `${canton}:${year}`;
  let days = holidaysByCantonYear.get(key);
  if (!days) {
    let library = holidaysByCanton.get(canton);
    if (!library) {
      library = new Holidays("CH", canton);
      holidaysByCanton.set(canton, library);
    }
    const found = new Map<string, string>();
    for (const holiday of library.getHolidays(year)) {
      if (holiday.type === "public") found.set(holiday.date.slice(0, 10), holiday.name);
    }
    days = found;
    holidaysByCantonYear.set(key, days);
  }
  return days;
}

/** The ISO weekday of a day (Monday = 1). */
export function isoWeekday(day: string): IsoWeekday {
  const [y, m, d] = day.split("-").map(Number);
  return (((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1) as IsoWeekday;
}

function assertDay(day: string, what = "day"): void {
  if (typeof day !== "string" || !DAY.test(day) || addCalendarDays(day, 0) !== day) {
    throw new OfficeCalendarError(`${what} must be a calendar day written YYYY-MM-DD, got "${String(day)}".`);
  }
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new OfficeCalendarError(`${what} must be a whole number of at least 1, got ${n}.`);
}

function instant(at: Date): number {
  const t = at instanceof Date ? at.getTime() : NaN;
  if (Number.isNaN(t)) throw new OfficeCalendarError(`An instant must be a valid Date, got ${String(at)}.`);
  return t;
}

/** The Zurich day of an instant, or the day itself (T1). */
function dayOf(at: Date | string): string {
  if (at instanceof Date) {
    instant(at);
    return zurichDate(at);
  }
  assertDay(at, "A day (pass a Date for an instant)");
  return at;
}

/**
 * "Within N days" in calendar days (T6): day 1 is the day after the event, the deadline is the end
 * of day N, with no shift for a weekend or holiday (e.g. LD art. 34 para. 3, 30 days to request a
 * change of taxation). Appeal periods shift: see `OfficeCalendar.appealPeriodEnd`.
 */
export function endOfCalendarDaysAfter(at: Date | string, days: number): Date {
  assertCount(days, "days");
  return endOfZurichDay(addCalendarDays(dayOf(at), days));
}

/** "HH:MM" → minutes after midnight; "24:00" is allowed only as a closing time. */
function parseTime(text: string, closing: boolean, where: string): number {
  const match = typeof text === "string" ? TIME.exec(text) : null;
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  const valid = match !== null && Number(match[2]) < 60 && (minutes < 24 * 60 || (closing && minutes === 24 * 60));
  if (!valid) throw new OfficeCalendarError(`${where}: "${String(text)}" is not a time "HH:MM" between 00:00 and ${closing ? "24:00" : "23:59"}.`);
  return minutes;
}

interface Opening {
  opens: number;
  closes: number;
}

/** An opening on one day, as instants: [opens, closes). */
export interface OpeningSpan {
  opens: Date;
  closes: Date;
}

export class OfficeCalendar {
  readonly canton: string;
  private readonly openings = new Map<IsoWeekday, Opening[]>();
  private readonly closedDays: ReadonlySet<string>;
  /** Each day's opening spans, once: a count over a weekend revisits the same days on every call. */
  private readonly spansByDay = new Map<string, ReadonlyArray<readonly [number, number]>>();

  constructor(config: OfficeCalendarConfig) {
    assertCanton(config.canton);
    this.canton = config.canton;
    for (const day of config.closedDays ?? []) assertDay(day, "closedDays entry");
    this.closedDays = new Set(config.closedDays ?? []);

    for (const [i, interval] of config.openingHours.entries()) {
      const where = `openingHours[${i}]`;
      const { weekday } = interval;
      if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
        throw new OfficeCalendarError(`${where}: weekday must be 1 (Monday) to 7 (Sunday), got ${weekday}.`);
      }
      if (weekday > 5) {
        // T2 and T5 count no weekend minute: Saturday hours configured here would either be
        // ignored in silence or make isOpen and addCounterTime disagree.
        throw new OfficeCalendarError(`${where}: weekend opening hours cannot count as counter time (DOMAIN.md §0.4 T2, T5); configure Monday (1) to Friday (5) only.`);
      }
      const opens = parseTime(interval.opens, false, `${where}.opens`);
      const closes = parseTime(interval.closes, true, `${where}.closes`);
      if (closes <= opens) throw new OfficeCalendarError(`${where}: closes (${interval.closes}) must be after opens (${interval.opens}).`);
      const list = this.openings.get(weekday) ?? [];
      list.push({ opens, closes });
      this.openings.set(weekday, list);
    }
    for (const [weekday, list] of this.openings) {
      list.sort((a, b) => a.opens - b.opens);
      for (let i = 1; i < list.length; i++) {
        if (list[i].opens < list[i - 1].closes) {
          throw new OfficeCalendarError(`openingHours: two intervals overlap on weekday ${weekday} (${hhmm(list[i - 1])} and ${hhmm(list[i])}).`);
        }
      }
    }
  }

  /** The name of the canton's public holiday on this day, if any (T2). */
  publicHoliday(day: string): string | undefined {
    assertDay(day);
    return this.holidaysOf(day).get(day);
  }

  private holidaysOf(day: string): ReadonlyMap<string, string> {
    return publicHolidays(this.canton, Number(day.slice(0, 4)));
  }

  /** T2: Monday to Friday, not a public holiday of the office's canton, not a day the office closes. */
  isWorkingDay(day: string): boolean {
    assertDay(day);
    return this.working(day);
  }

  private working(day: string): boolean {
    return isoWeekday(day) <= 5 && !this.holidaysOf(day).has(day) && !this.closedDays.has(day);
  }

  /** The first working day after `day` (T2). */
  nextWorkingDay(day: string): string {
    assertDay(day);
    return this.step(day, 1);
  }

  /** The last working day before `day` (T2). */
  previousWorkingDay(day: string): string {
    assertDay(day);
    return this.step(day, -1);
  }

  private step(day: string, direction: 1 | -1): string {
    let current = day;
    for (let i = 0; i < SEARCH_LIMIT_DAYS; i++) {
      current = addCalendarDays(current, direction);
      if (this.working(current)) return current;
    }
    throw new OfficeCalendarError(`No working day within ${SEARCH_LIMIT_DAYS} days of ${day}: check closedDays.`);
  }

  /** T3: the n-th working day after `day`; the 1st is the first working day after it, whatever `day` is. */
  addWorkingDays(day: string, n: number): string {
    assertDay(day);
    assertCount(n, "n");
    let current = day;
    for (let i = 0; i < n; i++) current = this.step(current, 1);
    return current;
  }

  /** T4: the n-th working day counted backwards from `day`, `day` itself not counted. */
  subtractWorkingDays(day: string, n: number): string {
    assertDay(day);
    assertCount(n, "n");
    let current = day;
    for (let i = 0; i < n; i++) current = this.step(current, -1);
    return current;
  }

  /**
   * T3 "no later than the n-th working day after E": the end (23:59:59.999 Zurich) of that day.
   * n = 1: declaration after presentation (DEC-R06, OD-AFD art. 4 para. 1), "free" documents
   * (DEC-R36, OD-AFD art. 19 para. 1–2 let. b), removal after release (DEC-R58, OD-AFD art. 37),
   * ACor/ACee documents (DEC-R63, OD-AFD art. 40 para. 1 let. b); n = 10: resubmission after
   * refusal (DEC-R40, OD-AFD art. 20 para. 2); n = 30: ACee declaration (DEC-R61, OD-AFD art. 38).
   */
  endOfWorkingDaysAfter(at: Date | string, n: number): Date {
    return endOfZurichDay(this.addWorkingDays(dayOf(at), n));
  }

  /**
   * T4 "no earlier than n working days before E": the earliest allowed day. n = 1: import
   * pre-declaration (DEC-R08, OD-AFD art. 5 para. 1 let. a); n = 4: export pre-declaration
   * (DEC-R09, OD-AFD art. 5 para. 1 let. b; shipment on Friday → Monday of the same week).
   */
  earliestWorkingDayBefore(at: Date | string, n: number): string {
    return this.subtractWorkingDays(dayOf(at), n);
  }

  /** T4: the first allowed instant, 00:00 Zurich of `earliestWorkingDayBefore` ("any time on that day"). */
  startOfWorkingDaysBefore(at: Date | string, n: number): Date {
    return zurichInstant(this.earliestWorkingDayBefore(at, n));
  }

  /** The counter's openings on a day, as instants (none on a day that is not a working day, T2, T5). */
  openingsOn(day: string): OpeningSpan[] {
    assertDay(day);
    return this.spans(day).map(([opens, closes]) => ({ opens: new Date(opens), closes: new Date(closes) }));
  }

  // The interval bounds go through zurichInstant on their own day, so a span never assumes a
  // 24-hour day or a fixed offset: the Monday after a DST switch opens at the right UTC instant.
  private spans(day: string): ReadonlyArray<readonly [number, number]> {
    let spans = this.spansByDay.get(day);
    if (!spans) {
      const next = addCalendarDays(day, 1);
      const at = (minutes: number) => (minutes === 24 * 60 ? zurichInstant(next) : zurichInstant(day, Math.floor(minutes / 60), minutes % 60)).getTime();
      spans = this.working(day) ? (this.openings.get(isoWeekday(day)) ?? []).map(o => [at(o.opens), at(o.closes)] as const) : [];
      this.spansByDay.set(day, spans);
    }
    return spans;
  }

  /** The rest of the counter's opening time from `from` on, span by span ([start, end) in ms). */
  private *openTimeFrom(from: Date): Generator<readonly [number, number]> {
    const t = instant(from);
    if (this.openings.size === 0) throw new OfficeCalendarError(`The office (canton ${this.canton}) has no opening hours: counter time cannot be counted (T5).`);
    let day = zurichDate(from);
    for (let i = 0; i < SEARCH_LIMIT_DAYS; i++, day = addCalendarDays(day, 1)) {
      for (const [opens, closes] of this.spans(day)) if (closes > t) yield [Math.max(opens, t), closes];
    }
    throw new OfficeCalendarError(`The counter does not open within ${SEARCH_LIMIT_DAYS} days of ${from.toISOString()}: check closedDays.`);
  }

  /** Whether the counter is open at an instant: inside [opens, closes) on a working day (T5). */
  isOpen(at: Date): boolean {
    const t = instant(at);
    return this.spans(zurichDate(at)).some(([opens, closes]) => opens <= t && t < closes);
  }

  /** The first instant at or after `at` at which the counter is open: `at` itself when it is open. */
  nextOpening(at: Date): Date {
    for (const [start] of this.openTimeFrom(at)) return new Date(start);
    throw new OfficeCalendarError("unreachable");
  }

  /**
   * T5 "within N minutes of counter opening time" (DEC-R36, OD-AFD art. 19 para. 1–2 let. a;
   * DEC-R37, OD-AFD art. 19a para. 1 let. a, e-dec): counts only minutes inside the opening
   * intervals of working days, from `at`, or from the next opening if the counter is closed at `at`.
   * Returns the instant the last counted minute ends: the last allowed instant. When the count runs
   * out exactly at a closing time, that closing time is the deadline, not the next opening.
   */
  addCounterTime(at: Date, minutes: number): Date {
    assertCount(minutes, "minutes");
    let remaining = minutes * MS_PER_MINUTE;
    for (const [start, end] of this.openTimeFrom(at)) {
      if (remaining <= end - start) return new Date(start + remaining);
      remaining -= end - start;
    }
    throw new OfficeCalendarError("unreachable");
  }

  /**
   * DEC-R60 (LD art. 116 para. 3–4) DESIGN CHOICE: the last day of an appeal period of `days`
   * calendar days (T6: day 1 is the day after the decision was established). When that day is a
   * Saturday, Sunday or public holiday of the canton, the period ends on the next day that is none
   * of these, as general federal procedure does (LD art. 116 para. 4; legal check needed).
   * The office's own `closedDays` neither shift nor receive the end: they are no holidays in law,
   * and the appeal goes to the district directorate, not to this counter (LD art. 116 para. 1).
   */
  appealPeriodEnd(establishedAt: Date | string, days: number): string {
    assertCount(days, "days");
    let last = addCalendarDays(dayOf(establishedAt), days);
    while (isoWeekday(last) > 5 || this.holidaysOf(last).has(last)) last = addCalendarDays(last, 1);
    return last;
  }

  /** DEC-R60: the last allowed instant of the appeal period, 23:59:59.999 Zurich of its last day. */
  appealPeriodEndsAt(establishedAt: Date | string, days: number): Date {
    return endOfZurichDay(this.appealPeriodEnd(establishedAt, days));
  }
}

function hhmm(o: Opening): string {
  const f = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  return `${f(o.opens)}–${f(o.closes)}`;
}
