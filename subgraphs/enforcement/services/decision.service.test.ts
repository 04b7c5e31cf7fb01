import { repeatWindowStart } from "./decision.service";

describe("the five years of repeated offences", () => {
  const iso = (at: string) => new Date(at).toISOString();

  it("ENF-R06 start at the first instant (Zurich) of the same calendar date five years back, whatever the hour now (OD-AFD art. 9 let. c; DOMAIN.md §0.4 T8)", () => {
    expect(repeatWindowStart(new Date("2026-03-02T09:00:00+01:00")).toISOString()).toBe(iso("2021-03-02T00:00:00+01:00"));
    expect(repeatWindowStart(new Date("2026-03-02T00:00:00+01:00")).toISOString()).toBe(iso("2021-03-02T00:00:00+01:00"));
    expect(repeatWindowStart(new Date("2026-03-02T23:59:59.999+01:00")).toISOString()).toBe(iso("2021-03-02T00:00:00+01:00"));
  });

  it("ENF-R06 take the Zurich date, not the UTC one, and the offset in force five years back: summer now, winter then and the reverse (DOMAIN.md §0.4 T1, T8)", () => {
    // 00:30 CEST on 1 July 2026 is 30 June in UTC: the window starts on 1 July 2021, 00:00 CEST.
    expect(repeatWindowStart(new Date("2026-07-01T00:30:00+02:00")).toISOString()).toBe(iso("2021-07-01T00:00:00+02:00"));
    expect(repeatWindowStart(new Date("2026-12-01T00:30:00+01:00")).toISOString()).toBe(iso("2021-12-01T00:00:00+01:00"));
  });

  it("ENF-R06 from 29 February, start on 28 February five years back (DOMAIN.md §0.4 T8)", () => {
    expect(repeatWindowStart(new Date("2028-02-29T12:00:00+01:00")).toISOString()).toBe(iso("2023-02-28T00:00:00+01:00"));
  });
});
