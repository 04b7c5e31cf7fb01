import { FixedClock } from "../../kit";
import { CustomsSystemAuthorisation } from "../entities/authorisation.entity";
import { BusinessPartner } from "../entities/business-partner.entity";
import { AuthorisationScope, AuthorisationStatus, CustomsSystem, OnboardingCodeStatus, PartnerRoleType, RoleStatus } from "../entities/enums";
import { OnboardingCode } from "../entities/onboarding-code.entity";
import { PartnerRole } from "../entities/partner-role.entity";
import { AuthorisationService } from "./authorisation.service";
import { identityConfig } from "./config";
import { PartnerService } from "./partner.service";
import { RoleService } from "./role.service";
import { hashOnboardingCode, newOnboardingCode, normaliseOnboardingCode, normaliseUid, uidFromDigits } from "./secrets";

/**
 * Identity's rules that need no database (DOMAIN.md §2.3): UID check digits, onboarding codes and
 * their 14 days (ID-R11), the 10-day decision of the DGD and the conditions of OD-AFD art. 8
 * (ID-R25 to ID-R29), and when API self-service opens (ID-R21). The services are built with a
 * FixedClock; these methods never touch their data source.
 */
const config = identityConfig({});

describe("UID (CHE-123.456.789, background: the UID ordinance's mod-11 check digit)", () => {
  it("accepts UIDs whose check digit is right and prints them in the canonical form", () => {
    expect(normaliseUid("CHE-123.456.788")).toBe("CHE-123.456.788");
    expect(normaliseUid("CHE-116.281.710")).toBe("CHE-116.281.710"); // 11 - 0: check digit 0
    expect(normaliseUid("CHE-105.805.081")).toBe("CHE-105.805.081");
  });

  it("accepts the usual ways of typing a UID: without separators, lower case, spaces", () => {
    expect(normaliseUid("CHE123456788")).toBe("CHE-123.456.788");
    expect(normaliseUid("che-123.456.788")).toBe("CHE-123.456.788");
    expect(normaliseUid("CHE 123 456 788")).toBe("CHE-123.456.788");
    expect(normaliseUid("  CHE-123456788 ")).toBe("CHE-123.456.788");
  });

  it("refuses a wrong check digit", () => {
    for (const wrong of ["CHE-123.456.789", "CHE-123.456.780", "CHE-116.281.711", "CHE-105.805.080"]) expect(normaliseUid(wrong)).toBeNull();
  });

  it("refuses eight digits whose check digit would be 10: no UID exists for them", () => {
    for (let last = 0; last <= 9; last++) expect(normaliseUid(`CHE-100.000.16${last}`)).toBeNull();
    expect(() => uidFromDigits("10000016")).toThrow(/no check digit/);
  });

  it("refuses a UID without the CHE prefix or with too few or too many digits", () => {
    for (const bad of ["123.456.788", "CHE-123.456.78", "CHE-123.456.7888", "DE-123.456.788", "", "CHE"]) expect(normaliseUid(bad)).toBeNull();
  });

  it("builds a UID with the right check digit from eight digits", () => {
    expect(uidFromDigits("12345678")).toBe("CHE-123.456.788");
    expect(uidFromDigits("11628171")).toBe("CHE-116.281.710");
    for (const digits of ["10000001", "11223344", "98765432"]) {
      const uid = uidFromDigits(digits);
      expect(normaliseUid(uid)).toBe(uid);
      expect(uid.replace(/\D/g, "").slice(0, 8)).toBe(digits);
    }
  });
});

describe("onboarding codes (ID-R08, ID-R12, ePortal step 3)", () => {
  it("prints a code as four groups of four characters without 0, O, 1, I or L, which are misread on paper", () => {
    const codes = Array.from({ length: 200 }, () => newOnboardingCode());
    for (const code of codes) expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$/);
    expect(codes.join("")).not.toMatch(/[01OIL]/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("normalises a typed code: dashes and spaces dropped, upper case", () => {
    expect(normaliseOnboardingCode("abcd-efgh-jkmn-pqrs")).toBe("ABCDEFGHJKMNPQRS");
    expect(normaliseOnboardingCode(" ABCD EFGH\tJKMN-pqrs ")).toBe("ABCDEFGHJKMNPQRS");
  });

  it("hashes the same code typed with or without dashes and in any case to the same value", () => {
    const printed = "W7XK-3MQP-R9TZ-H2DV";
    const hash = hashOnboardingCode(printed, "pepper-a");
    for (const typed of ["w7xk-3mqp-r9tz-h2dv", "W7XK3MQPR9TZH2DV", " w7xk 3mqp r9tz h2dv "]) expect(hashOnboardingCode(typed, "pepper-a")).toBe(hash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("hashes with the server pepper: another pepper or another code gives another hash", () => {
    const printed = "W7XK-3MQP-R9TZ-H2DV";
    expect(hashOnboardingCode(printed, "pepper-b")).not.toBe(hashOnboardingCode(printed, "pepper-a"));
    expect(hashOnboardingCode("W7XK-3MQP-R9TZ-H2DW", "pepper-a")).not.toBe(hashOnboardingCode(printed, "pepper-a"));
  });
});

describe("PartnerService.codeValidUntil: valid 14 days (ID-R11, ePortal step 3)", () => {
  const partners = (now = "2026-03-02T09:00:00+01:00") => new PartnerService(null as never, new FixedClock(now), null as never, config, null as never, null as never);
  const validUntil = (issuedAt: string) => partners().codeValidUntil(new Date(issuedAt)).toISOString();

  it("ends at 23:59:59 of 16 March for a code issued on 2 March, the domain's example (ID-R11, ePortal step 3)", () => {
    expect(config.onboardingCodeValidityDays).toBe(14);
    expect(validUntil("2026-03-02T09:00:00+01:00")).toBe("2026-03-16T22:59:59.999Z");
    expect(validUntil("2026-03-02T23:59:00+01:00")).toBe("2026-03-16T22:59:59.999Z");
  });

  it("counts from the Zurich issue day, not the UTC one (ID-R11, ePortal step 3; T1)", () => {
    // 1 March 23:30 UTC is already 2 March in Zurich.
    expect(validUntil("2026-03-01T23:30:00Z")).toBe("2026-03-16T22:59:59.999Z");
    expect(validUntil("2026-06-30T22:30:00Z")).toBe("2026-07-15T21:59:59.999Z");
  });

  it("counts 14 days across a month end and the year end (ID-R11, ePortal step 3)", () => {
    expect(validUntil("2026-01-20T10:00:00+01:00")).toBe("2026-02-03T22:59:59.999Z");
    expect(validUntil("2026-02-20T10:00:00+01:00")).toBe("2026-03-06T22:59:59.999Z");
    expect(validUntil("2026-04-25T10:00:00+02:00")).toBe("2026-05-09T21:59:59.999Z");
    expect(validUntil("2026-12-20T10:00:00+01:00")).toBe("2027-01-03T22:59:59.999Z");
  });

  it("ends in summer time for a code issued in winter time before 29 March (ID-R11, ePortal step 3; T1)", () => {
    expect(validUntil("2026-03-15T10:00:00+01:00")).toBe("2026-03-29T21:59:59.999Z"); // the 23-hour day itself
    expect(validUntil("2026-03-20T09:00:00+01:00")).toBe("2026-04-03T21:59:59.999Z");
  });

  it("ends in winter time for a code issued in summer time before 25 October (ID-R11, ePortal step 3; T1)", () => {
    expect(validUntil("2026-10-11T10:00:00+02:00")).toBe("2026-10-25T22:59:59.999Z"); // the 25-hour day itself
    expect(validUntil("2026-10-20T10:00:00+02:00")).toBe("2026-11-03T22:59:59.999Z");
  });

  it("shows an issued code as EXPIRED from the first millisecond after its last valid moment (ID-R11, ePortal step 3)", () => {
    const code = Object.assign(new OnboardingCode(), { status: OnboardingCodeStatus.ISSUED, validUntil: new Date("2026-03-16T22:59:59.999Z") });
    expect(partners("2026-03-16T22:59:59.999Z").codeStatus(code)).toBe(OnboardingCodeStatus.ISSUED);
    expect(partners("2026-03-16T23:00:00.000Z").codeStatus(code)).toBe(OnboardingCodeStatus.EXPIRED);
    const redeemed = Object.assign(new OnboardingCode(), { ...code, status: OnboardingCodeStatus.REDEEMED });
    expect(partners("2026-04-30T12:00:00Z").codeStatus(redeemed)).toBe(OnboardingCodeStatus.REDEEMED);
  });
});

function authorisation(fields: Partial<CustomsSystemAuthorisation>): CustomsSystemAuthorisation {
  return Object.assign(new CustomsSystemAuthorisation(), {
    id: "a-1",
    partnerId: "p-1",
    systems: [CustomsSystem.EDEC],
    scope: AuthorisationScope.DOMESTIC,
    transitOnly: false,
    status: AuthorisationStatus.DOCUMENTS_COMPLETE,
    writtenApplicationReference: "letter 2026/17",
    appliedAt: new Date("2026-03-02T08:00:00Z"),
    itEquipmentConfirmed: true,
    properConductGuaranteed: true,
    securityProvidedAt: new Date("2026-03-03T08:00:00Z"),
    securityReference: "S-1",
    notificationDomicile: null,
    dataAccessGranted: false,
    juxtaposedOfficePremises: null,
    documentsCompleteAt: new Date("2026-03-04T08:00:00Z"),
    decisionDueBy: "2026-03-14",
    decidedAt: null,
    businessNumber: null,
    refusalReason: null,
    withdrawalGround: null,
    withdrawalReason: null,
    withdrawnAt: null,
    ...fields,
  });
}

const partner = (domicileInCustomsTerritory: boolean | null) => Object.assign(new BusinessPartner(), { id: "p-1", name: "Test AG", domicileInCustomsTerritory });
const service = (now = "2026-03-02T09:00:00+01:00") => new AuthorisationService(null as never, new FixedClock(now), null as never, null as never);
const articles = (missing: { article: string }[]) => missing.map(m => m.article).sort();

describe("AuthorisationService.decisionDueBy: the DGD decides within 10 days (ID-R29, OD-AFD art. 8 para. 6)", () => {
  const due = (documentsCompleteAt: string) => service().decisionDueBy(new Date(documentsCompleteAt));

  it("is the 10th calendar day after the day the last document arrived (ID-R29, OD-AFD art. 8 para. 6)", () => {
    expect(due("2026-03-02T10:00:00+01:00")).toBe("2026-03-12");
    expect(due("2026-03-06T16:00:00+01:00")).toBe("2026-03-16"); // a Friday: calendar days, weekends count
  });

  it("counts from the Zurich day of receipt, not the UTC one (ID-R29, OD-AFD art. 8 para. 6; T1)", () => {
    expect(due("2026-03-24T23:30:00Z")).toBe("2026-04-04"); // 25 March 00:30 in Zurich
    expect(due("2026-06-30T22:30:00Z")).toBe("2026-07-11"); // 1 July 00:30 in Zurich
  });

  it("counts across month ends, the DST switches and the year end (ID-R29, OD-AFD art. 8 para. 6)", () => {
    expect(due("2026-01-25T10:00:00+01:00")).toBe("2026-02-04");
    expect(due("2026-02-20T10:00:00+01:00")).toBe("2026-03-02");
    expect(due("2026-03-25T10:00:00+01:00")).toBe("2026-04-04");
    expect(due("2026-10-20T10:00:00+02:00")).toBe("2026-10-30");
    expect(due("2026-12-28T10:00:00+01:00")).toBe("2027-01-07");
  });
});

describe("AuthorisationService.isDecisionOverdue (ID-R29, OD-AFD art. 8 para. 6)", () => {
  it("is overdue from the first millisecond after the due day ends in Zurich, summer time (ID-R29, OD-AFD art. 8 para. 6)", () => {
    const a = authorisation({ decisionDueBy: "2026-04-04" });
    expect(service("2026-04-04T21:59:59.999Z").isDecisionOverdue(a)).toBe(false);
    expect(service("2026-04-04T22:00:00.000Z").isDecisionOverdue(a)).toBe(true);
  });

  it("is overdue from the first millisecond after the due day ends in Zurich, winter time after 25 October (ID-R29, OD-AFD art. 8 para. 6)", () => {
    const a = authorisation({ decisionDueBy: "2026-10-30" });
    expect(service("2026-10-30T22:59:59.999Z").isDecisionOverdue(a)).toBe(false);
    expect(service("2026-10-30T23:00:00.000Z").isDecisionOverdue(a)).toBe(true);
  });

  it("is never overdue once decided, before the documents are complete, or without a due day (ID-R29, OD-AFD art. 8 para. 6)", () => {
    const late = service("2026-05-01T12:00:00Z");
    expect(late.isDecisionOverdue(authorisation({ decisionDueBy: "2026-04-04" }))).toBe(true); // the control
    for (const status of [AuthorisationStatus.APPLIED, AuthorisationStatus.GRANTED, AuthorisationStatus.REFUSED, AuthorisationStatus.WITHDRAWN]) {
      expect({ status, overdue: late.isDecisionOverdue(authorisation({ status, decisionDueBy: "2026-04-04" })) }).toEqual({ status, overdue: false });
    }
    expect(late.isDecisionOverdue(authorisation({ decisionDueBy: null }))).toBe(false);
  });
});

describe("AuthorisationService.missingConditions: OD-AFD art. 8 by scope", () => {
  const missing = (fields: Partial<CustomsSystemAuthorisation>, domicile: boolean | null = true) => service().missingConditions(authorisation(fields), partner(domicile));

  it("needs nothing more when a domestic declarant meets let. a to d (ID-R25, OD-AFD art. 8 para. 1)", () => {
    expect(missing({ scope: AuthorisationScope.DOMESTIC })).toEqual([]);
  });

  it("lists each of let. a to d a domestic declarant lacks (ID-R25, OD-AFD art. 8 para. 1)", () => {
    const all = missing({ scope: AuthorisationScope.DOMESTIC, itEquipmentConfirmed: false, properConductGuaranteed: false, securityProvidedAt: null }, false);
    expect(all.every(m => m.rule === "ID-R25")).toBe(true);
    expect(articles(all)).toEqual(["OD-AFD art. 8 para. 1 let. a", "OD-AFD art. 8 para. 1 let. b", "OD-AFD art. 8 para. 1 let. c", "OD-AFD art. 8 para. 1 let. d"]);
    expect(articles(missing({ scope: AuthorisationScope.DOMESTIC }, false))).toEqual(["OD-AFD art. 8 para. 1 let. a"]);
    expect(articles(missing({ scope: AuthorisationScope.DOMESTIC }, null))).toEqual(["OD-AFD art. 8 para. 1 let. a"]);
    expect(articles(missing({ scope: AuthorisationScope.DOMESTIC, itEquipmentConfirmed: false }))).toEqual(["OD-AFD art. 8 para. 1 let. b"]);
    expect(articles(missing({ scope: AuthorisationScope.DOMESTIC, securityProvidedAt: null }))).toEqual(["OD-AFD art. 8 para. 1 let. c"]);
    expect(articles(missing({ scope: AuthorisationScope.DOMESTIC, properConductGuaranteed: false }))).toEqual(["OD-AFD art. 8 para. 1 let. d"]);
  });

  it("drops the seat condition, and only it, for transit declarations (ID-R28, OD-AFD art. 8 para. 5)", () => {
    expect(missing({ scope: AuthorisationScope.DOMESTIC, systems: [CustomsSystem.NCTS], transitOnly: true }, false)).toEqual([]);
    expect(articles(missing({ scope: AuthorisationScope.DOMESTIC, systems: [CustomsSystem.NCTS], transitOnly: true, securityProvidedAt: null, itEquipmentConfirmed: false }, false))).toEqual([
      "OD-AFD art. 8 para. 1 let. b",
      "OD-AFD art. 8 para. 1 let. c",
    ]);
  });

  it("asks a foreign border-region importer for let. b to d, a notification domicile and data access, not a seat (ID-R26, OD-AFD art. 8 para. 2)", () => {
    const complete = { scope: AuthorisationScope.FOREIGN_BORDER_REGION_IMPORT, notificationDomicile: "c/o Treuhand AG, 8200 Schaffhausen", dataAccessGranted: true };
    expect(missing(complete, false)).toEqual([]);
    const none = missing({ ...complete, notificationDomicile: null, dataAccessGranted: false, securityProvidedAt: null, itEquipmentConfirmed: false, properConductGuaranteed: false }, false);
    expect(none.map(m => m.condition).sort()).toEqual(
      [
        "AFD access to data and documents (OD art. 94-98)",
        "IT equipment",
        "domicile for notifications in the customs territory",
        "guarantee of a proper procedure and data security",
        "security for the expected levies",
      ].sort(),
    );
    expect(none.filter(m => m.rule === "ID-R26").every(m => m.article === "OD-AFD art. 8 para. 2")).toBe(true);
    expect(none.filter(m => m.rule === "ID-R26")).toHaveLength(3);
    expect(missing({ ...complete, securityProvidedAt: null }, false)).toEqual([{ condition: "security for the expected levies", rule: "ID-R26", article: "OD-AFD art. 8 para. 2" }]);
  });

  it("asks a declarant in a juxtaposed office for let. b and d, the premises and data access, but no security and no seat (ID-R27, OD-AFD art. 8 para. 3)", () => {
    const complete = {
      scope: AuthorisationScope.FOREIGN_JUXTAPOSED_OFFICE_EXPORT,
      systems: [CustomsSystem.EDEC, CustomsSystem.NCTS],
      juxtaposedOfficePremises: "Office 4, juxtaposed control office Basel/Weil am Rhein",
      dataAccessGranted: true,
      securityProvidedAt: null,
    };
    expect(missing(complete, false)).toEqual([]);
    const none = missing({ ...complete, juxtaposedOfficePremises: null, dataAccessGranted: false, itEquipmentConfirmed: false, properConductGuaranteed: false }, false);
    expect(none.map(m => m.condition).sort()).toEqual(
      ["AFD access to data and documents (OD art. 94-98)", "IT equipment", "guarantee of a proper procedure and data security", "premises inside a juxtaposed national control office"].sort(),
    );
    expect(none.filter(m => m.rule === "ID-R27").map(m => m.article)).toEqual(["OD-AFD art. 8 para. 3", "OD-AFD art. 8 para. 3"]);
  });
});

describe("RoleService.apiSelfServiceAvailable (ID-R21, ePortal step 5)", () => {
  const roles = new RoleService(null as never, new FixedClock("2026-03-02T09:00:00+01:00"), null as never, config, null as never);
  const role = (roleType: PartnerRoleType, status: RoleStatus) => Object.assign(new PartnerRole(), { id: `${roleType}-${status}`, partnerId: "p-1", roleType, status });
  const opening = [PartnerRoleType.AUTHORISED_CONSIGNEE, PartnerRoleType.AUTHORISED_CONSIGNOR, PartnerRoleType.FREIGHT];

  it.each(opening)("opens with an ACTIVE %s role and with no other status of it (ID-R21, ePortal step 5)", roleType => {
    const byStatus = Object.fromEntries(Object.values(RoleStatus).map(status => [status, roles.apiSelfServiceAvailable([role(roleType, status)])]));
    expect(byStatus).toEqual({ REQUESTED: false, IN_CLARIFICATION: false, ACTIVE: true, REJECTED: false, REMOVED: false });
  });

  it("stays closed with the TRANSPORT role in any status (ID-R21, ePortal step 5)", () => {
    for (const status of Object.values(RoleStatus)) expect({ status, open: roles.apiSelfServiceAvailable([role(PartnerRoleType.TRANSPORT, status)]) }).toEqual({ status, open: false });
  });

  it("stays closed without roles and opens as soon as one of the partner's roles qualifies (ID-R21, ePortal step 5)", () => {
    expect(roles.apiSelfServiceAvailable([])).toBe(false);
    const others = [role(PartnerRoleType.TRANSPORT, RoleStatus.ACTIVE), role(PartnerRoleType.FREIGHT, RoleStatus.REQUESTED), role(PartnerRoleType.AUTHORISED_CONSIGNEE, RoleStatus.REMOVED)];
    expect(roles.apiSelfServiceAvailable(others)).toBe(false);
    expect(roles.apiSelfServiceAvailable([...others, role(PartnerRoleType.AUTHORISED_CONSIGNOR, RoleStatus.ACTIVE)])).toBe(true);
  });
});
