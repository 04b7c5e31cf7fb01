import { addCalendarDays, endOfZurichDay, MS_PER_DAY, sqlTime, zurichDate, zurichInstant } from "./time";

/**
 * The kit's calendar arithmetic (DOMAIN.md §0.4 T1, T3, T6): every deadline of every subgraph is
 * a Zurich day turned into an instant, so the two DST switches of 2026 (29 March, 02:00 CET →
 * 03:00 CEST; 25 October, 03:00 CEST → 02:00 CET), month ends and the year end are where a slip
 * would show.
 */
const HOUR = 60 * 60 * 1000;

describe("zurichDate", () => {
  it("puts an instant on its Zurich day, not its UTC day, in winter time (T1)", () => {
    expect(zurichDate(new Date("2026-01-15T22:59:59.999Z"))).toBe("2026-01-15");
    expect(zurichDate(new Date("2026-01-15T23:00:00.000Z"))).toBe("2026-01-16");
  });

  it("puts an instant on its Zurich day in summer time, two hours ahead of UTC (T1)", () => {
    expect(zurichDate(new Date("2026-07-15T21:59:59.999Z"))).toBe("2026-07-15");
    expect(zurichDate(new Date("2026-07-15T22:00:00.000Z"))).toBe("2026-07-16");
  });

  it("starts 29 March 2026 at 23:00 UTC and 30 March at 22:00 UTC across the spring switch (T1)", () => {
    expect(zurichDate(new Date("2026-03-28T22:59:59.999Z"))).toBe("2026-03-28");
    expect(zurichDate(new Date("2026-03-28T23:00:00.000Z"))).toBe("2026-03-29");
    // 01:00 UTC is 03:00 CEST: the clocks have jumped, the day is the same.
    expect(zurichDate(new Date("2026-03-29T01:00:00.000Z"))).toBe("2026-03-29");
    expect(zurichDate(new Date("2026-03-29T21:59:59.999Z"))).toBe("2026-03-29");
    expect(zurichDate(new Date("2026-03-29T22:00:00.000Z"))).toBe("2026-03-30");
  });

  it("starts 25 October 2026 at 22:00 UTC and 26 October at 23:00 UTC across the autumn switch (T1)", () => {
    expect(zurichDate(new Date("2026-10-24T21:59:59.999Z"))).toBe("2026-10-24");
    expect(zurichDate(new Date("2026-10-24T22:00:00.000Z"))).toBe("2026-10-25");
    expect(zurichDate(new Date("2026-10-25T22:59:59.999Z"))).toBe("2026-10-25");
    expect(zurichDate(new Date("2026-10-25T23:00:00.000Z"))).toBe("2026-10-26");
  });

  it("moves to the next month and the next year at Zurich midnight (T1)", () => {
    expect(zurichDate(new Date("2026-06-30T22:00:00.000Z"))).toBe("2026-07-01");
    expect(zurichDate(new Date("2026-02-28T23:00:00.000Z"))).toBe("2026-03-01");
    expect(zurichDate(new Date("2026-12-31T22:59:59.999Z"))).toBe("2026-12-31");
    expect(zurichDate(new Date("2026-12-31T23:00:00.000Z"))).toBe("2027-01-01");
  });
});

describe("addCalendarDays", () => {
  it("counts calendar days across month ends, leap days and the year end (T6)", () => {
    expect(addCalendarDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addCalendarDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-04-30", 14)).toBe("2026-05-14");
    expect(addCalendarDays("2026-12-25", 10)).toBe("2027-01-04");
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
  });

  it("counts whole days over the 23-hour and the 25-hour day of the DST switches (T6)", () => {
    expect(addCalendarDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addCalendarDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addCalendarDays("2026-03-20", 14)).toBe("2026-04-03");
    expect(addCalendarDays("2026-10-24", 1)).toBe("2026-10-25");
    expect(addCalendarDays("2026-10-25", 1)).toBe("2026-10-26");
    expect(addCalendarDays("2026-10-20", 10)).toBe("2026-10-30");
  });

  it("goes backwards for a negative count and stays put for zero", () => {
    expect(addCalendarDays("2026-01-05", -10)).toBe("2025-12-26");
    expect(addCalendarDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addCalendarDays("2026-03-29", 0)).toBe("2026-03-29");
  });
});

describe("zurichInstant", () => {
  it("turns a Zurich wall-clock time into UTC at +01:00 in winter and +02:00 in summer (T1)", () => {
    expect(zurichInstant("2026-01-15", 9, 30).toISOString()).toBe("2026-01-15T08:30:00.000Z");
    expect(zurichInstant("2026-07-15", 9, 30).toISOString()).toBe("2026-07-15T07:30:00.000Z");
    expect(zurichInstant("2026-07-15", 9, 30, 15, 250).toISOString()).toBe("2026-07-15T07:30:15.250Z");
  });

  it("places midnight of a day on the previous UTC day (T1)", () => {
    expect(zurichInstant("2026-03-02").toISOString()).toBe("2026-03-01T23:00:00.000Z");
    expect(zurichInstant("2027-01-01").toISOString()).toBe("2026-12-31T23:00:00.000Z");
    expect(zurichInstant("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
  });

  it("uses +01:00 before and +02:00 after 02:00 on 29 March 2026 (spring switch, T1)", () => {
    expect(zurichInstant("2026-03-29").toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(zurichInstant("2026-03-29", 1, 59, 59, 999).toISOString()).toBe("2026-03-29T00:59:59.999Z");
    expect(zurichInstant("2026-03-29", 3).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(zurichInstant("2026-03-30").toISOString()).toBe("2026-03-29T22:00:00.000Z");
  });

  it("uses +02:00 before and +01:00 after the repeated hour on 25 October 2026 (autumn switch, T1)", () => {
    expect(zurichInstant("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
    expect(zurichInstant("2026-10-25", 1, 59).toISOString()).toBe("2026-10-24T23:59:00.000Z");
    expect(zurichInstant("2026-10-25", 3).toISOString()).toBe("2026-10-25T02:00:00.000Z");
    expect(zurichInstant("2026-10-26").toISOString()).toBe("2026-10-25T23:00:00.000Z");
  });

  it("gives back the wall-clock time it was asked for at every existing hour of both switch days", () => {
    const wall = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const mismatches: string[] = [];
    for (const day of ["2026-03-29", "2026-10-25"]) {
      for (let hour = 0; hour < 24; hour++) {
        if (day === "2026-03-29" && hour === 2) continue; // 02:00-02:59 does not exist that night
        const shown = wall.format(zurichInstant(day, hour, 15));
        if (shown !== `${day}, ${String(hour).padStart(2, "0")}:15`) mismatches.push(`${day} ${hour}:15 -> ${shown}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("makes 29 March 2026 23 hours long and 25 October 2026 25 hours long", () => {
    expect(zurichInstant("2026-03-30").getTime() - zurichInstant("2026-03-29").getTime()).toBe(23 * HOUR);
    expect(zurichInstant("2026-10-26").getTime() - zurichInstant("2026-10-25").getTime()).toBe(25 * HOUR);
    expect(zurichInstant("2026-03-28").getTime() - zurichInstant("2026-03-27").getTime()).toBe(MS_PER_DAY);
  });

  it("moves a time in the spring-forward gap forward by the gap: 02:30 on 29 March 2026 is 03:30 CEST (T1)", () => {
    // 02:00-02:59 does not exist that night; each such time lands as far past 03:00 as it was past 02:00.
    expect(zurichInstant("2026-03-29", 2).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(zurichInstant("2026-03-29", 2, 30).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(zurichInstant("2026-03-29", 2, 59, 59, 999).toISOString()).toBe("2026-03-29T01:59:59.999Z");
    expect(zurichInstant("2026-03-29", 2, 30).getTime()).toBe(zurichInstant("2026-03-29", 3, 30).getTime());
    // The neighbours of the gap are untouched: 01:59:59.999 CET and 03:00 CEST are one ms apart.
    expect(zurichInstant("2026-03-29", 3).getTime() - zurichInstant("2026-03-29", 1, 59, 59, 999).getTime()).toBe(1);
  });

  it("takes the earlier, summer-time occurrence of a time in the repeated hour on 25 October 2026 (T1)", () => {
    expect(zurichInstant("2026-10-25", 2).toISOString()).toBe("2026-10-25T00:00:00.000Z");
    expect(zurichInstant("2026-10-25", 2, 30).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(zurichInstant("2026-10-25", 2, 59, 59, 999).toISOString()).toBe("2026-10-25T00:59:59.999Z");
    // The later 02:30 (CET) exists one hour on, and shows the same wall-clock time: the choice is real.
    const wall = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Zurich", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const earlier = zurichInstant("2026-10-25", 2, 30);
    expect(wall.format(earlier)).toBe("02:30");
    expect(wall.format(new Date(earlier.getTime() + HOUR))).toBe("02:30");
  });

  it("applies the same rule to the 2027 switches (28 March and 31 October), not to fixed dates", () => {
    expect(zurichInstant("2027-03-28", 2, 15).toISOString()).toBe("2027-03-28T01:15:00.000Z");
    expect(zurichInstant("2027-10-31", 2, 15).toISOString()).toBe("2027-10-31T00:15:00.000Z");
    expect(zurichInstant("2027-10-31", 3).toISOString()).toBe("2027-10-31T02:00:00.000Z");
  });

  it("resolves gap and repeated times alike whatever the host's time zone is", () => {
    const before = process.env.TZ;
    const expected = [zurichInstant("2026-03-29", 2, 30), zurichInstant("2026-10-25", 2, 30)].map(d => d.toISOString());
    expect(expected).toEqual(["2026-03-29T01:30:00.000Z", "2026-10-25T00:30:00.000Z"]);
    try {
      for (const tz of ["Europe/Zurich", "America/New_York", "Australia/Lord_Howe", "UTC"]) {
        process.env.TZ = tz;
        expect([zurichInstant("2026-03-29", 2, 30), zurichInstant("2026-10-25", 2, 30)].map(d => d.toISOString())).toEqual(expected);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });

  it("gives the same instants whatever the host's time zone is", () => {
    const before = process.env.TZ;
    const expected = [zurichInstant("2026-03-29", 3), zurichInstant("2026-10-25", 3), endOfZurichDay("2026-12-31")].map(d => d.toISOString());
    try {
      for (const tz of ["America/New_York", "Asia/Tokyo", "UTC"]) {
        process.env.TZ = tz;
        expect([zurichInstant("2026-03-29", 3), zurichInstant("2026-10-25", 3), endOfZurichDay("2026-12-31")].map(d => d.toISOString())).toEqual(expected);
        expect(zurichDate(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe("endOfZurichDay", () => {
  it("ends a winter day at 22:59:59.999 UTC and a summer day at 21:59:59.999 UTC (T3, T6)", () => {
    expect(endOfZurichDay("2026-01-15").toISOString()).toBe("2026-01-15T22:59:59.999Z");
    expect(endOfZurichDay("2026-07-15").toISOString()).toBe("2026-07-15T21:59:59.999Z");
  });

  it("ends 28 March in winter time and 29 March in summer time (spring switch, T3)", () => {
    expect(endOfZurichDay("2026-03-28").toISOString()).toBe("2026-03-28T22:59:59.999Z");
    expect(endOfZurichDay("2026-03-29").toISOString()).toBe("2026-03-29T21:59:59.999Z");
  });

  it("ends 24 October in summer time and 25 October in winter time (autumn switch, T3)", () => {
    expect(endOfZurichDay("2026-10-24").toISOString()).toBe("2026-10-24T21:59:59.999Z");
    expect(endOfZurichDay("2026-10-25").toISOString()).toBe("2026-10-25T22:59:59.999Z");
  });

  it("ends the month and the year one millisecond before the next Zurich day starts (T3, T7)", () => {
    for (const [day, next] of [
      ["2026-01-31", "2026-02-01"],
      ["2026-02-28", "2026-03-01"],
      ["2026-03-28", "2026-03-29"],
      ["2026-03-29", "2026-03-30"],
      ["2026-06-30", "2026-07-01"],
      ["2026-10-25", "2026-10-26"],
      ["2026-12-31", "2027-01-01"],
    ]) {
      const end = endOfZurichDay(day);
      expect({ day, gap: zurichInstant(next).getTime() - end.getTime() }).toEqual({ day, gap: 1 });
      expect(zurichDate(end)).toBe(day);
      expect(zurichDate(new Date(end.getTime() + 1))).toBe(next);
    }
    expect(endOfZurichDay("2026-12-31").toISOString()).toBe("2026-12-31T22:59:59.999Z");
  });
});

describe("sqlTime", () => {
  it("writes UTC as 'YYYY-MM-DD HH:MM:SS.mmm', the text TypeORM stores for datetime(3)", () => {
    expect(sqlTime(new Date("2026-03-02T09:00:00+01:00"))).toBe("2026-03-02 08:00:00.000");
    expect(sqlTime(new Date("2026-10-25T02:30:00.5+01:00"))).toBe("2026-10-25 01:30:00.500");
    expect(sqlTime(endOfZurichDay("2026-12-31"))).toBe("2026-12-31 22:59:59.999");
  });

  it("sorts as text in the same order as the instants it writes", () => {
    const instants = [new Date("2026-12-31T22:59:59.999Z"), new Date("2026-01-01T00:00:00Z"), new Date("2026-10-25T01:00:00Z"), new Date("2026-03-29T00:59:59.999Z")];
    const byText = [...instants].sort((a, b) => (sqlTime(a) < sqlTime(b) ? -1 : 1));
    const byTime = [...instants].sort((a, b) => a.getTime() - b.getTime());
    expect(byText).toEqual(byTime);
    for (const d of instants) expect(sqlTime(d)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/);
  });
});
