import { endOfCalendarDaysAfter, OfficeCalendar, OfficeCalendarError, OpeningInterval, publicHolidays } from "./calendar";

/**
 * The office calendar (DOMAIN.md §0.4 T2–T6) on real 2026 dates. Expected instants are written
 * with their Zurich offset (+01:00 winter, +02:00 summer from 29 March to 25 October), so that a
 * slip of a day or of an hour shows. Holidays are what date-holidays 3.37.0 returns (type `public`).
 */
const MS = 1;
const HOUR = 60 * 60 * 1000;

/** The same intervals Monday to Friday. */
function weekdays(...intervals: Array<[string, string]>): OpeningInterval[] {
  return ([1, 2, 3, 4, 5] as const).flatMap(weekday => intervals.map(([opens, closes]) => ({ weekday, opens, closes })));
}

/** A counter with a lunch break, as most offices publish it. */
const LUNCH_BREAK = weekdays(["08:00", "12:00"], ["13:30", "17:00"]);
const office = (canton: string, closedDays?: string[]) => new OfficeCalendar({ canton, openingHours: LUNCH_BREAK, closedDays });
const at = (iso: string) => new Date(iso);
const later = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe("public holidays of the office's canton (T2, date-holidays type public)", () => {
  it("closes Zurich on New Year, Good Friday, Easter Monday, Ascension, Whit Monday and Christmas 2026 (T2)", () => {
    const zh = office("ZH");
    for (const day of ["2026-01-01", "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25", "2026-12-25"]) {
      expect({ day, working: zh.isWorkingDay(day) }).toEqual({ day, working: false });
    }
    expect(zh.publicHoliday("2026-04-03")).toBe("Karfreitag");
    expect(zh.publicHoliday("2026-04-02")).toBeUndefined();
    expect(zh.isWorkingDay("2026-04-02")).toBe(true); // Maundy Thursday is an observance only
    expect(zh.isWorkingDay("2026-04-07")).toBe(true);
  });

  it("counts Labour Day (Friday 1 May 2026) as a holiday in Zurich and Basel-Stadt but not in Geneva or Bern (T2)", () => {
    expect(office("ZH").isWorkingDay("2026-05-01")).toBe(false);
    expect(office("BS").isWorkingDay("2026-05-01")).toBe(false);
    expect(office("GE").isWorkingDay("2026-05-01")).toBe(true);
    expect(office("BE").isWorkingDay("2026-05-01")).toBe(true);
  });

  it("closes Geneva on the Jeûne genevois (Thursday 10 September) and Restoration Day (Thursday 31 December), Zurich on neither (T2)", () => {
    const ge = office("GE");
    const zh = office("ZH");
    expect(ge.publicHoliday("2026-09-10")).toBe("Jeûne Genevois");
    expect(ge.isWorkingDay("2026-09-10")).toBe(false);
    expect(ge.isWorkingDay("2026-12-31")).toBe(false);
    expect(zh.isWorkingDay("2026-09-10")).toBe(true);
    expect(zh.isWorkingDay("2026-12-31")).toBe(true);
  });

  it("closes Ticino on San Giuseppe (Thursday 19 March 2026) but not on Good Friday, the reverse of Zurich (T2)", () => {
    const ti = office("TI");
    const zh = office("ZH");
    expect(ti.isWorkingDay("2026-03-19")).toBe(false);
    expect(zh.isWorkingDay("2026-03-19")).toBe(true);
    expect(ti.isWorkingDay("2026-04-03")).toBe(true);
    expect(zh.isWorkingDay("2026-04-03")).toBe(false);
  });

  it("keeps date-holidays' optional and bank days as working days unless the office closes them: Berchtoldstag in Zurich, Easter Monday in Lucerne (T2)", () => {
    expect(office("ZH").isWorkingDay("2026-01-02")).toBe(true); // `optional` in Zurich
    expect(office("BE").isWorkingDay("2026-01-02")).toBe(false); // `public` in Bern
    expect(office("LU").isWorkingDay("2026-04-06")).toBe(true); // `optional` in Lucerne
    expect(office("GE").isWorkingDay("2026-12-28")).toBe(true);
    const zhClosed = office("ZH", ["2026-01-02"]);
    expect(zhClosed.isWorkingDay("2026-01-02")).toBe(false);
    expect(zhClosed.publicHoliday("2026-01-02")).toBeUndefined();
    expect(zhClosed.nextWorkingDay("2025-12-31")).toBe("2026-01-05");
  });

  it("makes Valais's Christmas Eve afternoon holiday a whole non-working day, with no counter time (T2, T5, DESIGN CHOICE)", () => {
    const vs = office("VS");
    expect(vs.isWorkingDay("2026-12-24")).toBe(false);
    expect(office("ZH").isWorkingDay("2026-12-24")).toBe(true);
    expect(vs.isOpen(at("2026-12-24T09:00:00+01:00"))).toBe(false);
    // 25 December is Christmas, 26-27 the weekend.
    expect(vs.nextOpening(at("2026-12-24T09:00:00+01:00"))).toEqual(at("2026-12-28T08:00:00+01:00"));
  });

  it("computes a canton's holidays for a year once and reuses them, for each year a count crosses into", () => {
    const zh2026 = publicHolidays("ZH", 2026);
    expect(publicHolidays("ZH", 2026)).toBe(zh2026);
    expect([...zh2026.keys()]).toContain("2026-05-01");
    expect([...zh2026.keys()]).not.toContain("2026-01-02");
    expect(publicHolidays("ZH", 2027).get("2027-01-01")).toBe("Neujahr");
  });

  it("refuses an unknown canton instead of falling back to the federal holidays as date-holidays does (T2)", () => {
    expect(() => new OfficeCalendar({ canton: "XX", openingHours: LUNCH_BREAK })).toThrow(/Unknown canton "XX"/);
    expect(() => new OfficeCalendar({ canton: "zh", openingHours: LUNCH_BREAK })).toThrow(OfficeCalendarError);
    expect(() => publicHolidays("CH", 2026)).toThrow(/Unknown canton "CH"/);
  });
});

describe("office configuration", () => {
  const make = (openingHours: OpeningInterval[], closedDays?: string[]) => () => new OfficeCalendar({ canton: "ZH", openingHours, closedDays });

  it("refuses malformed times and closing times not after the opening, naming the interval", () => {
    expect(make([{ weekday: 1, opens: "8:00", closes: "12:00" }])).toThrow(/openingHours\[0\]\.opens: "8:00"/);
    expect(make([{ weekday: 1, opens: "08:00", closes: "24:30" }])).toThrow(/openingHours\[0\]\.closes/);
    expect(make([{ weekday: 1, opens: "08:60", closes: "12:00" }])).toThrow(/openingHours\[0\]\.opens/);
    expect(make([{ weekday: 1, opens: "24:00", closes: "24:00" }])).toThrow(/openingHours\[0\]\.opens/);
    expect(make([{ weekday: 1, opens: "12:00", closes: "12:00" }])).toThrow(/closes \(12:00\) must be after opens \(12:00\)/);
    expect(make([{ weekday: 2, opens: "13:00", closes: "12:00" }])).toThrow(/must be after/);
  });

  it("refuses overlapping intervals on one weekday but accepts touching ones and the same hours on other days", () => {
    expect(make([{ weekday: 1, opens: "08:00", closes: "12:00" }, { weekday: 1, opens: "11:30", closes: "17:00" }])).toThrow(/overlap on weekday 1 \(08:00–12:00 and 11:30–17:00\)/);
    expect(make([{ weekday: 3, opens: "13:00", closes: "17:00" }, { weekday: 3, opens: "08:00", closes: "13:01" }])).toThrow(/overlap on weekday 3/);
    expect(make([{ weekday: 1, opens: "08:00", closes: "12:00" }, { weekday: 1, opens: "12:00", closes: "17:00" }])).not.toThrow();
    expect(make([{ weekday: 1, opens: "08:00", closes: "12:00" }, { weekday: 2, opens: "08:00", closes: "12:00" }])).not.toThrow();
  });

  it("refuses weekend hours, which T2 and T5 never count, and weekdays outside 1 to 7", () => {
    expect(make([{ weekday: 6, opens: "08:00", closes: "12:00" }])).toThrow(/weekend opening hours cannot count as counter time/);
    expect(make([{ weekday: 0 as never, opens: "08:00", closes: "12:00" }])).toThrow(/weekday must be 1 \(Monday\) to 7/);
    expect(make([{ weekday: 8 as never, opens: "08:00", closes: "12:00" }])).toThrow(/weekday must be 1/);
  });

  it("refuses a closed day that is not a real calendar day, and days or counts the methods cannot read", () => {
    expect(make(LUNCH_BREAK, ["2026-02-30"])).toThrow(/closedDays entry must be a calendar day/);
    const zh = office("ZH");
    expect(() => zh.isWorkingDay("2026-3-2")).toThrow(OfficeCalendarError);
    expect(() => zh.endOfWorkingDaysAfter("2026-03-02T10:00:00Z", 1)).toThrow(/pass a Date for an instant/);
    expect(() => zh.addWorkingDays("2026-03-02", 0)).toThrow(/n must be a whole number of at least 1, got 0/);
    expect(() => zh.subtractWorkingDays("2026-03-02", 1.5)).toThrow(/got 1.5/);
    expect(() => zh.addCounterTime(at("2026-03-02T10:00:00+01:00"), 0)).toThrow(/minutes must be/);
    expect(() => zh.isOpen(new Date(NaN))).toThrow(/valid Date/);
  });

  it("refuses to count counter time for an office without opening hours, but still counts its working days", () => {
    const noCounter = new OfficeCalendar({ canton: "ZH", openingHours: [] });
    expect(noCounter.nextWorkingDay("2026-04-02")).toBe("2026-04-07");
    expect(noCounter.isOpen(at("2026-03-03T10:00:00+01:00"))).toBe(false);
    expect(() => noCounter.addCounterTime(at("2026-03-03T10:00:00+01:00"), 120)).toThrow(/no opening hours/);
    expect(() => noCounter.nextOpening(at("2026-03-03T10:00:00+01:00"))).toThrow(/no opening hours/);
  });
});

describe("working days after an event (T3)", () => {
  it("skips the weekend: after Friday 6 March 2026 comes Monday 9 March, and before it Friday again (T2)", () => {
    const zh = office("ZH");
    expect(zh.isWorkingDay("2026-03-07")).toBe(false);
    expect(zh.isWorkingDay("2026-03-08")).toBe(false);
    expect(zh.nextWorkingDay("2026-03-06")).toBe("2026-03-09");
    expect(zh.previousWorkingDay("2026-03-09")).toBe("2026-03-06");
    expect(zh.addWorkingDays("2026-03-06", 1)).toBe("2026-03-09");
  });

  it("ends the declaration deadline at 23:59:59.999 of the next business day, skipping Good Friday and Easter Monday in Basel (DEC-R06, OD-AFD art. 4 para. 1)", () => {
    const presented = at("2026-04-02T15:00:00+02:00");
    const deadline = office("BS").endOfWorkingDaysAfter(presented, 1);
    expect(deadline).toEqual(at("2026-04-07T23:59:59.999+02:00")); // the last allowed instant
    expect(later(deadline, MS)).toEqual(at("2026-04-08T00:00:00.000+02:00")); // the first refused one
  });

  it("counts from the Zurich day of the event, not its UTC day: 23:30 UTC on Thursday 5 March is Friday in Zurich, so the next business day is Monday (T1, T3)", () => {
    const zh = office("ZH");
    expect(zh.endOfWorkingDaysAfter(at("2026-03-05T23:30:00Z"), 1)).toEqual(at("2026-03-09T23:59:59.999+01:00"));
    expect(zh.endOfWorkingDaysAfter(at("2026-03-05T22:59:59.999Z"), 1)).toEqual(at("2026-03-06T23:59:59.999+01:00"));
  });

  it("counts an event on a non-working day from the day after it: presented on Saturday 4 April, due Tuesday 7 April in Zurich (T3, DEC-R06)", () => {
    expect(office("ZH").endOfWorkingDaysAfter(at("2026-04-04T10:00:00+02:00"), 1)).toEqual(at("2026-04-07T23:59:59.999+02:00"));
    expect(office("ZH").endOfWorkingDaysAfter("2026-04-04", 1)).toEqual(at("2026-04-07T23:59:59.999+02:00"));
  });

  it("gives until the 10th working day after a refusal across Easter: Friday 17 April in Zurich, Thursday 16 April in Ticino where Good Friday is worked (DEC-R40, OD-AFD art. 20 para. 2)", () => {
    const refused = at("2026-04-01T10:00:00+02:00");
    expect(office("ZH").endOfWorkingDaysAfter(refused, 10)).toEqual(at("2026-04-17T23:59:59.999+02:00"));
    expect(office("TI").endOfWorkingDaysAfter(refused, 10)).toEqual(at("2026-04-16T23:59:59.999+02:00"));
  });

  it("gives an authorised consignee until the 30th working day, skipping Labour Day, Ascension and Whit Monday in Zurich (DEC-R61, OD-AFD art. 38 para. 1)", () => {
    const presented = at("2026-04-27T09:00:00+02:00");
    expect(office("ZH").endOfWorkingDaysAfter(presented, 30)).toEqual(at("2026-06-11T23:59:59.999+02:00"));
    // Geneva works on 1 May: one day sooner.
    expect(office("GE").endOfWorkingDaysAfter(presented, 30)).toEqual(at("2026-06-10T23:59:59.999+02:00"));
  });

  it("gives ACor/ACee documents until the working day after the selection result, over Ascension (DEC-R63, OD-AFD art. 40 para. 1 let. b)", () => {
    expect(office("ZH").endOfWorkingDaysAfter(at("2026-05-13T16:00:00+02:00"), 1)).toEqual(at("2026-05-15T23:59:59.999+02:00"));
  });

  it("sets the removal deadline for goods released on Christmas Eve to Monday 28 December in winter time (DEC-R58, OD-AFD art. 37 para. 1)", () => {
    expect(office("ZH").endOfWorkingDaysAfter(at("2026-12-24T11:00:00+01:00"), 1)).toEqual(at("2026-12-28T23:59:59.999+01:00"));
  });

  it("counts into the next year with that year's holidays: 3 working days after Monday 28 December 2026 in Geneva is Monday 4 January 2027 (T2, T3)", () => {
    // 31 December (Restauration de la République) and 1 January are Geneva holidays; 2 January 2027 is a Saturday.
    expect(office("GE").addWorkingDays("2026-12-28", 3)).toBe("2027-01-04");
    expect(office("ZH").addWorkingDays("2026-12-28", 3)).toBe("2026-12-31");
  });
});

describe("working days before an event (T4)", () => {
  it("allows an import pre-declaration from 00:00 of the working day before introduction: Friday 27 March for Monday 30 March (DEC-R08, OD-AFD art. 5 para. 1 let. a)", () => {
    const zh = office("ZH");
    const introduced = at("2026-03-30T10:00:00+02:00");
    expect(zh.earliestWorkingDayBefore(introduced, 1)).toBe("2026-03-27");
    const earliest = zh.startOfWorkingDaysBefore(introduced, 1);
    expect(earliest).toEqual(at("2026-03-27T00:00:00.000+01:00")); // the first allowed instant
    expect(later(earliest, -MS)).toEqual(at("2026-03-26T23:59:59.999+01:00")); // the last refused one
  });

  it("allows an import pre-declaration for Tuesday 7 April from Thursday 2 April in Zurich, over Easter (DEC-R08, T4)", () => {
    expect(office("ZH").earliestWorkingDayBefore("2026-04-07", 1)).toBe("2026-04-02");
    expect(office("TI").earliestWorkingDayBefore("2026-04-07", 1)).toBe("2026-04-03");
  });

  it("allows an export pre-declaration for a Friday shipment from the Monday of the same week (DEC-R09, OD-AFD art. 5 para. 1 let. b)", () => {
    expect(office("ZH").earliestWorkingDayBefore(at("2026-03-06T14:00:00+01:00"), 4)).toBe("2026-03-02");
  });

  it("counts four working days back across Easter and its weekend: shipment Wednesday 8 April → Tuesday 31 March in Zurich, Wednesday 1 April in Ticino (DEC-R09, T4)", () => {
    expect(office("ZH").earliestWorkingDayBefore("2026-04-08", 4)).toBe("2026-03-31");
    expect(office("TI").earliestWorkingDayBefore("2026-04-08", 4)).toBe("2026-04-01");
    expect(office("ZH").startOfWorkingDaysBefore("2026-04-08", 4)).toEqual(at("2026-03-31T00:00:00.000+02:00"));
  });

  it("counts four working days back across a weekend and Labour Day: shipment Tuesday 5 May → Tuesday 28 April in Zurich, Wednesday 29 April in Geneva (DEC-R09, T4)", () => {
    expect(office("ZH").earliestWorkingDayBefore("2026-05-05", 4)).toBe("2026-04-28");
    expect(office("GE").earliestWorkingDayBefore("2026-05-05", 4)).toBe("2026-04-29");
  });

  it("never counts the event's own day, forwards or backwards (T3, T4)", () => {
    const zh = office("ZH");
    expect(zh.addWorkingDays("2026-03-04", 1)).toBe("2026-03-05");
    expect(zh.subtractWorkingDays("2026-03-04", 1)).toBe("2026-03-03");
    expect(zh.previousWorkingDay("2026-04-07")).toBe("2026-04-02");
  });
});

describe("counter opening time (T5)", () => {
  const zh = office("ZH");

  it("counts two hours of counter time within a morning, to the millisecond (DEC-R36, OD-AFD art. 19 para. 1 let. a)", () => {
    expect(zh.addCounterTime(at("2026-03-03T09:15:30.250+01:00"), 120)).toEqual(at("2026-03-03T11:15:30.250+01:00"));
  });

  it("stops counting over the lunch break: 11:00 plus two hours is 14:30 (DEC-R36, T5)", () => {
    expect(zh.addCounterTime(at("2026-03-03T11:00:00+01:00"), 120)).toEqual(at("2026-03-03T14:30:00+01:00"));
  });

  it("stops counting overnight: 16:00 plus two hours is 09:00 the next morning (DEC-R37, OD-AFD art. 19a para. 1 let. a)", () => {
    expect(zh.addCounterTime(at("2026-03-03T16:00:00+01:00"), 120)).toEqual(at("2026-03-04T09:00:00+01:00"));
  });

  it("stops counting over the weekend: Friday 16:30 plus two hours is Monday 09:30 (T5)", () => {
    expect(zh.addCounterTime(at("2026-03-06T16:30:00+01:00"), 120)).toEqual(at("2026-03-09T09:30:00+01:00"));
  });

  it("stops counting over Good Friday and Easter Monday in Zurich, but not over Good Friday in Ticino (T5)", () => {
    const communicated = at("2026-04-02T16:00:00+02:00");
    expect(zh.addCounterTime(communicated, 120)).toEqual(at("2026-04-07T09:00:00+02:00"));
    expect(office("TI").addCounterTime(communicated, 120)).toEqual(at("2026-04-03T09:00:00+02:00"));
  });

  it("starts counting at the reopening when the result comes during the lunch break (T5)", () => {
    expect(zh.addCounterTime(at("2026-03-03T12:30:00+01:00"), 120)).toEqual(at("2026-03-03T15:30:00+01:00"));
  });

  it("starts counting at the opening when the result comes before it, or at night on a Sunday (T5)", () => {
    expect(zh.addCounterTime(at("2026-03-03T06:45:00+01:00"), 120)).toEqual(at("2026-03-03T10:00:00+01:00"));
    expect(zh.addCounterTime(at("2026-03-08T23:59:59.999+01:00"), 120)).toEqual(at("2026-03-09T10:00:00+01:00"));
    expect(zh.addCounterTime(at("2026-03-03T17:00:00+01:00"), 1)).toEqual(at("2026-03-04T08:01:00+01:00")); // closing time is closed
  });

  it("ends at the lunch closing, not at the reopening, when the count runs out exactly then; the next millisecond is late (T5)", () => {
    const deadline = zh.addCounterTime(at("2026-03-03T10:00:00+01:00"), 120);
    expect(deadline).toEqual(at("2026-03-03T12:00:00.000+01:00")); // the last allowed instant
    expect(zh.isOpen(later(deadline, MS))).toBe(false);
    expect(zh.addCounterTime(at("2026-03-03T10:00:00+01:00"), 121)).toEqual(at("2026-03-03T13:31:00+01:00"));
  });

  it("finds Monday's 08:00 opening in summer time after the spring DST weekend: Friday 27 March 16:00 plus two hours is 07:00 UTC on Monday 30 March (T1, T5)", () => {
    // The EU switches on a Sunday, which T2 never counts: the switch lies between two counted
    // spans, and the Monday bounds must come from Monday's own offset.
    const deadline = zh.addCounterTime(at("2026-03-27T16:00:00+01:00"), 120);
    expect(deadline).toEqual(at("2026-03-30T09:00:00+02:00"));
    expect(deadline.toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("finds Monday's 08:00 opening in winter time after the autumn DST weekend: Friday 23 October 16:00 plus two hours is 08:00 UTC on Monday 26 October (T1, T5)", () => {
    const deadline = zh.addCounterTime(at("2026-10-23T16:00:00+02:00"), 120);
    expect(deadline).toEqual(at("2026-10-26T09:00:00+01:00"));
    expect(deadline.toISOString()).toBe("2026-10-26T08:00:00.000Z");
  });

  it("counts a round-the-clock weekday counter across the 23-hour Sunday of 29 March and the 25-hour Sunday of 25 October (T1, T5)", () => {
    const allDay = new OfficeCalendar({ canton: "ZH", openingHours: weekdays(["00:00", "24:00"]) });
    // Friday 23:00 to midnight (1 h), then the weekend does not count, then Monday 00:00 to 01:00 (1 h).
    const spring = at("2026-03-27T23:00:00+01:00");
    const springDeadline = allDay.addCounterTime(spring, 120);
    expect(springDeadline).toEqual(at("2026-03-30T01:00:00+02:00"));
    expect(springDeadline.getTime() - spring.getTime()).toBe((1 + 24 + 23 + 1) * HOUR);
    const autumn = at("2026-10-23T23:00:00+02:00");
    const autumnDeadline = allDay.addCounterTime(autumn, 120);
    expect(autumnDeadline).toEqual(at("2026-10-26T01:00:00+01:00"));
    expect(autumnDeadline.getTime() - autumn.getTime()).toBe((1 + 24 + 25 + 1) * HOUR);
    // Monday opens at its own midnight, 22:00 UTC in summer time.
    expect(allDay.isOpen(at("2026-03-29T21:59:59.999Z"))).toBe(false);
    expect(allDay.isOpen(at("2026-03-29T22:00:00.000Z"))).toBe(true);
    expect(allDay.nextOpening(at("2026-03-28T12:00:00+01:00"))).toEqual(at("2026-03-30T00:00:00+02:00"));
  });

  it("counts exactly the asked minutes of opening time between the event and the deadline, from any start in the Easter fortnight (T5)", () => {
    const spans: Array<{ opens: Date; closes: Date }> = [];
    for (let day = "2026-03-30"; day <= "2026-04-30"; day = zh.nextWorkingDay(day)) spans.push(...zh.openingsOn(day));
    const openMs = (from: Date, to: Date) =>
      spans.reduce((total, { opens, closes }) => total + Math.max(0, Math.min(closes.getTime(), to.getTime()) - Math.max(opens.getTime(), from.getTime())), 0);
    const wrong: string[] = [];
    for (let t = at("2026-03-30T00:00:00+02:00").getTime(); t < at("2026-04-10T00:00:00+02:00").getTime(); t += 37 * 60 * 1000 + 123) {
      for (const minutes of [1, 120, 500]) {
        const from = new Date(t);
        const deadline = zh.addCounterTime(from, minutes);
        const counted = openMs(from, deadline);
        // The deadline is the end of a counted minute: inside an opening, or at its closing.
        const atCounter = zh.isOpen(later(deadline, -MS));
        if (counted !== minutes * 60 * 1000 || !atCounter) wrong.push(`${from.toISOString()} + ${minutes} -> ${deadline.toISOString()} (${counted} ms)`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it("is open from the opening minute to the millisecond before closing, and never on a holiday or a weekend (T5)", () => {
    expect(zh.isOpen(at("2026-03-03T07:59:59.999+01:00"))).toBe(false);
    expect(zh.isOpen(at("2026-03-03T08:00:00.000+01:00"))).toBe(true);
    expect(zh.isOpen(at("2026-03-03T11:59:59.999+01:00"))).toBe(true);
    expect(zh.isOpen(at("2026-03-03T12:00:00.000+01:00"))).toBe(false);
    expect(zh.isOpen(at("2026-03-03T13:30:00.000+01:00"))).toBe(true);
    expect(zh.isOpen(at("2026-04-03T10:00:00+02:00"))).toBe(false); // Good Friday
    expect(zh.isOpen(at("2026-03-07T10:00:00+01:00"))).toBe(false); // Saturday
  });

  it("finds the next opening: the instant itself while open, the reopening after lunch, Monday after Friday's closing, Tuesday after Easter (T5)", () => {
    expect(zh.nextOpening(at("2026-03-03T09:10:00+01:00"))).toEqual(at("2026-03-03T09:10:00+01:00"));
    expect(zh.nextOpening(at("2026-03-03T12:00:00+01:00"))).toEqual(at("2026-03-03T13:30:00+01:00"));
    expect(zh.nextOpening(at("2026-03-06T17:00:00+01:00"))).toEqual(at("2026-03-09T08:00:00+01:00"));
    expect(zh.nextOpening(at("2026-04-02T17:30:00+02:00"))).toEqual(at("2026-04-07T08:00:00+02:00"));
  });

  it("lists a day's openings as instants in that day's offset, and none on a holiday or a closed day (T5)", () => {
    expect(zh.openingsOn("2026-10-26")).toEqual([
      { opens: at("2026-10-26T08:00:00+01:00"), closes: at("2026-10-26T12:00:00+01:00") },
      { opens: at("2026-10-26T13:30:00+01:00"), closes: at("2026-10-26T17:00:00+01:00") },
    ]);
    expect(zh.openingsOn("2026-04-06")).toEqual([]);
    expect(office("ZH", ["2026-03-03"]).openingsOn("2026-03-03")).toEqual([]);
  });
});

describe("appeal periods and calendar-day periods (DEC-R60, T6)", () => {
  it("ends a 60-day appeal period on Monday 4 May in Zurich, because day 60 is Labour Day, but on Friday 1 May in Geneva (DEC-R60, LD art. 116 para. 3)", () => {
    const established = at("2026-03-02T10:00:00+01:00");
    expect(office("ZH").appealPeriodEnd(established, 60)).toBe("2026-05-04");
    expect(office("GE").appealPeriodEnd(established, 60)).toBe("2026-05-01");
  });

  it("moves the end of an appeal period from Sunday 7 June to 23:59:59.999 on Monday 8 June, where plain calendar days do not move (DEC-R60, T6)", () => {
    const zh = office("ZH");
    const established = at("2026-04-08T15:00:00+02:00");
    expect(zh.appealPeriodEnd(established, 60)).toBe("2026-06-08");
    const end = zh.appealPeriodEndsAt(established, 60);
    expect(end).toEqual(at("2026-06-08T23:59:59.999+02:00")); // the last allowed instant
    expect(later(end, MS)).toEqual(at("2026-06-09T00:00:00.000+02:00")); // the first refused one
    expect(endOfCalendarDaysAfter(established, 60)).toEqual(at("2026-06-07T23:59:59.999+02:00"));
  });

  it("moves an appeal period over Saturday, Sunday and Whit Monday to Tuesday 26 May in Zurich (DEC-R60)", () => {
    expect(office("ZH").appealPeriodEnd("2026-03-24", 60)).toBe("2026-05-26");
  });

  it("neither moves an appeal period off a day only the office closes nor skips such a day when moving off a holiday (DEC-R60, LD art. 116 para. 1, 4)", () => {
    expect(office("ZH", ["2026-04-30"]).appealPeriodEnd("2026-03-01", 60)).toBe("2026-04-30");
    expect(office("ZH", ["2026-05-04"]).appealPeriodEnd("2026-03-02", 60)).toBe("2026-05-04");
  });

  it("ends a 30-day period at 23:59:59.999 of day 30 even on a Sunday, across the spring DST switch (T6, LD art. 34 para. 3)", () => {
    const leftCustody = at("2026-03-27T10:00:00+01:00");
    const end = endOfCalendarDaysAfter(leftCustody, 30);
    expect(end).toEqual(at("2026-04-26T23:59:59.999+02:00"));
    expect(endOfCalendarDaysAfter("2026-03-27", 30)).toEqual(end);
    expect(() => endOfCalendarDaysAfter(leftCustody, 0)).toThrow(/days must be/);
  });
});
