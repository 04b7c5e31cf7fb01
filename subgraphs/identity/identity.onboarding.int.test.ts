import { uidFromDigits } from "./services/secrets";
import { ANONYMOUS, errorCode, officer, portalUser } from "../../test/support/graphql";
import { IdentityHarness, ONBOARDING, onboardedPartner, REDEEM, registerCompany, securedUser, startIdentity } from "../../test/support/identity-harness";

/**
 * Identity on MariaDB, ePortal steps 1 to 5 (DOMAIN.md §2.3), through the subgraph's own HTTP
 * endpoint with gateway-signed principals. Every refusal is checked for its stable code and for
 * leaving the database exactly as it was.
 */
let h: IdentityHarness;

beforeAll(async () => {
  h = await startIdentity("customs_test_identity_onboarding");
});
afterAll(async () => {
  await h?.stop();
});

/** Runs a refused operation and proves it changed nothing. */
async function expectRefused(principal: Parameters<IdentityHarness["as"]>[0], query: string, variables: Record<string, unknown>, code: string) {
  const before = await h.fingerprint();
  const res = await h.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(await h.fingerprint()).toBe(before);
  return res.errors![0];
}

const REGISTER_PARTNER = `mutation ($input: RegisterBusinessPartnerInput!) { registerBusinessPartner(input: $input) { businessPartner { id name uid berNumber partnerType entryMode status registerAddress { city country } headOffice { id } } } }`;

describe("ePortal step 1: the portal user", () => {
  it("registers a CH-LOGIN account once (ID-R01, ePortal step 1)", async () => {
    const user = portalUser("chlogin|step1");
    const ok = await h.as(user, `mutation { registerPortalUser(input: { email: "Step1@Example.ch" }) { portalUser { email status secondFactor emailNotificationsEnabled } } }`);
    expect(ok.data?.registerPortalUser.portalUser).toEqual({ email: "step1@example.ch", status: "REGISTERED", secondFactor: "NONE", emailNotificationsEnabled: true });
    await expectRefused(user, `mutation { registerPortalUser(input: { email: "x@example.ch" }) { portalUser { id } } }`, {}, "PORTAL_USER_ALREADY_REGISTERED");
    await expectRefused(ANONYMOUS, `mutation { registerPortalUser(input: { email: "y@example.ch" }) { portalUser { id } } }`, {}, "UNAUTHENTICATED");
  });

  it("refuses an invalid e-mail address with BAD_USER_INPUT naming the field (ID-R01)", async () => {
    const err = await expectRefused(portalUser("chlogin|bad-mail"), `mutation { registerPortalUser(input: { email: "not-an-email" }) { portalUser { id } } }`, {}, "BAD_USER_INPUT");
    expect(err.extensions?.field).toBe("email");
  });

  it("requires a second factor before any business partner action (ID-R02, ePortal step 1)", async () => {
    const uid = await registerCompany(h, "10000001", "Unsecured AG");
    const user = portalUser("chlogin|unsecured");
    await h.as(user, `mutation { registerPortalUser(input: { email: "unsecured@example.ch" }) { portalUser { id } } }`);
    await expectRefused(user, REGISTER_PARTNER, { input: { uid } }, "SECOND_FACTOR_REQUIRED");
    const secured = await h.as(user, `mutation { addSecondFactor(input: { kind: AUTHENTICATOR_APP }) { portalUser { status secondFactor } } }`);
    expect(secured.data?.addSecondFactor.portalUser).toEqual({ status: "SECURED", secondFactor: "AUTHENTICATOR_APP" });
    await expectRefused(user, `mutation { addSecondFactor(input: { kind: NONE }) { portalUser { id } } }`, {}, "BAD_USER_INPUT");
  });

  it("keeps e-mail notifications as the user sets them (ID-R38, ePortal step 1)", async () => {
    const user = await securedUser(h, "chlogin|notify");
    const res = await h.as(user, `mutation { updatePortalUserProfile(input: { emailNotificationsEnabled: false }) { portalUser { emailNotificationsEnabled } } }`);
    expect(res.data?.updatePortalUserProfile.portalUser.emailNotificationsEnabled).toBe(false);
    const me = await h.as(user, `{ me { emailNotificationsEnabled chLoginSubject } }`);
    expect(me.data?.me).toEqual({ emailNotificationsEnabled: false, chLoginSubject: "chlogin|notify" });
  });
});

describe("ePortal step 2: the business partner", () => {
  it("finds companies in the UID register by name or UID, for anyone (ID-R05, ePortal step 2)", async () => {
    const uid = await registerCompany(h, "10000002", "Searchable Spedition AG");
    const byName = await h.as(ANONYMOUS, `{ uidRegisterSearch(query: "searchable") { uid name } }`);
    expect(byName.data?.uidRegisterSearch).toEqual([{ uid, name: "Searchable Spedition AG" }]);
    const byUid = await h.as(ANONYMOUS, `query ($q: String!) { uidRegisterSearch(query: $q) { name } }`, { q: uid.replace(/[-.]/g, "") });
    expect(byUid.data?.uidRegisterSearch).toEqual([{ name: "Searchable Spedition AG" }]);
    expect(errorCode(await h.as(ANONYMOUS, `{ uidRegisterSearch(query: "x") { uid } }`))).toBe("BAD_USER_INPUT");
  });

  it("registers a partner found by UID and sends the letter to its UID register address (ID-R04, ID-R05, ID-R06, ePortal step 2)", async () => {
    const uid = await registerCompany(h, "10000003", "Letter AG", { city: "Bern" });
    const user = await securedUser(h, "chlogin|letter");
    const res = await h.as(user, REGISTER_PARTNER, { input: { uid } });
    const partner = res.data?.registerBusinessPartner.businessPartner;
    expect(partner).toMatchObject({ name: "Letter AG", uid, partnerType: "LEGAL_ENTITY", entryMode: "UID_REGISTER", status: "VERIFICATION_PENDING", registerAddress: { city: "Bern" } });
    const letters = await h.spool.lettersFor(partner.id);
    expect(letters).toHaveLength(1);
    expect(letters[0].address.city).toBe("Bern");
    expect(letters[0].onboardingCode).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);
    // Only a keyed hash is stored, never the code.
    const stored = await h.subgraph.runtime.dataSource.query("SELECT code_hash FROM onboarding_code");
    expect(JSON.stringify(stored)).not.toContain(letters[0].onboardingCode.replace(/-/g, ""));
    await expectRefused(await securedUser(h, "chlogin|letter2"), REGISTER_PARTNER, { input: { uid } }, "PARTNER_ALREADY_REGISTERED");
  });

  it("refuses a UID with a wrong check digit or absent from the register (ID-R05, ePortal step 2)", async () => {
    const user = await securedUser(h, "chlogin|baduid");
    const valid = uidFromDigits("10000004");
    const wrongDigit = valid.slice(0, -1) + String((Number(valid.slice(-1)) + 1) % 10);
    const bad = await expectRefused(user, REGISTER_PARTNER, { input: { uid: wrongDigit } }, "BAD_USER_INPUT");
    expect(bad.extensions).toMatchObject({ field: "input.uid", rule: "ID-R05" });
    await expectRefused(user, REGISTER_PARTNER, { input: { uid: valid } }, "UID_NOT_IN_REGISTER");
    await expectRefused(user, REGISTER_PARTNER, { input: {} }, "BAD_USER_INPUT");
  });

  it("enters a partner manually and sends the letter to the address entered (ID-R05, ID-R06, ePortal step 2)", async () => {
    const user = await securedUser(h, "chlogin|manual");
    const input = { manual: { partnerType: "NATURAL_PERSON", name: "Hans Privat", address: { street: "Dorfweg 2", postalCode: "3920", city: "Zermatt", country: "CH" }, domicileInCustomsTerritory: true } };
    const res = await h.as(user, REGISTER_PARTNER, { input });
    const partner = res.data?.registerBusinessPartner.businessPartner;
    expect(partner).toMatchObject({ partnerType: "NATURAL_PERSON", entryMode: "MANUAL", uid: null, status: "VERIFICATION_PENDING" });
    expect((await h.spool.lettersFor(partner.id))[0].address.city).toBe("Zermatt");
    await expectRefused(user, REGISTER_PARTNER, { input: { manual: { ...input.manual, partnerType: "BRANCH" } } }, "BAD_USER_INPUT");
    const badAddress = await expectRefused(user, REGISTER_PARTNER, { input: { manual: { ...input.manual, address: { ...input.manual.address, country: "Switzerland" } } } }, "BAD_USER_INPUT");
    expect(JSON.stringify(badAddress.extensions)).toContain("address");
  });

  it("registers a branch by BER number and sends its code to the head office (ID-R07, ePortal step 2)", async () => {
    const headUid = await registerCompany(h, "10000005", "Head Office AG", { city: "Luzern" });
    const branchEntry = await h.as(ONBOARDING, `mutation ($input: RecordBerRegisterEntryInput!) { recordBerRegisterEntry(input: $input) { berRegisterEntry { berNumber } } }`, {
      input: { berNumber: "12345678", headOfficeUid: headUid, name: "Head Office AG, Filiale Chur", address: { street: "Postgasse 1", postalCode: "7000", city: "Chur", country: "CH" } },
    });
    expect(branchEntry.errors).toBeUndefined();
    const user = await securedUser(h, "chlogin|branch");
    const res = await h.as(user, REGISTER_PARTNER, { input: { berNumber: "12345678" } });
    const branch = res.data?.registerBusinessPartner.businessPartner;
    expect(branch).toMatchObject({ partnerType: "BRANCH", berNumber: "12345678", registerAddress: { city: "Chur" } });
    const [letter] = await h.spool.lettersFor(branch.id);
    expect(letter.address.city).toBe("Luzern");
    await expectRefused(user, REGISTER_PARTNER, { input: { berNumber: "99999999" } }, "BER_NUMBER_INVALID");
  });
});

describe("ePortal step 3: the onboarding code", () => {
  it("makes the redeemer the portal administrator and onboards the partner (ID-R08, ID-R10, ePortal step 3)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|redeemer", "10000006", "Redeemed AG");
    const res = await h.as(admin, `query ($id: ID!) { businessPartner(id: $id) { status memberships { edges { node { portalRole user { chLoginSubject } } } } } }`, { id: partnerId });
    expect(res.data?.businessPartner).toEqual({ status: "ONBOARDED", memberships: { edges: [{ node: { portalRole: "ADMINISTRATOR", user: { chLoginSubject: "chlogin|redeemer" } } }] } });
  });

  it("requires the current terms of use to be accepted (ID-R09, ePortal step 3)", async () => {
    const uid = await registerCompany(h, "10000007", "Terms AG");
    const user = await securedUser(h, "chlogin|terms");
    const reg = await h.as(user, REGISTER_PARTNER, { input: { uid } });
    const code = await h.latestCode(reg.data!.registerBusinessPartner.businessPartner.id);
    const version = h.subgraph.services.config.termsOfUseVersion;
    await expectRefused(user, REDEEM, { code, version, accept: false }, "TERMS_OF_USE_NOT_ACCEPTED");
    await expectRefused(user, REDEEM, { code, version: "1999-01" }, "TERMS_OF_USE_OUTDATED");
    const ok = await h.as(user, REDEEM, { code, version });
    expect(ok.data?.redeemOnboardingCode.membership.portalRole).toBe("ADMINISTRATOR");
  });

  it("accepts a code until 23:59:59 of the 14th day after issue and refuses it from midnight on (ID-R11, ePortal step 3)", async () => {
    h.clock.set("2026-03-02T10:00:00+01:00");
    const uid = await registerCompany(h, "10000008", "Deadline AG");
    const early = await securedUser(h, "chlogin|deadline");
    const reg = await h.as(early, REGISTER_PARTNER, { input: { uid } });
    const partnerId = reg.data!.registerBusinessPartner.businessPartner.id;
    const code = await h.latestCode(partnerId);
    const codes = await h.as(early, `query ($id: ID!) { businessPartner(id: $id) { onboardingCodes { edges { node { validUntil status } } } } }`, { id: partnerId });
    // Issued 2 March: last valid moment 16 March 23:59:59 in Zurich (UTC+1).
    expect(codes.data?.businessPartner.onboardingCodes.edges[0].node).toEqual({ validUntil: "2026-03-16T22:59:59.999Z", status: "ISSUED" });
    h.clock.set("2026-03-17T00:00:00+01:00");
    const expired = await expectRefused(early, REDEEM, { code, version: h.subgraph.services.config.termsOfUseVersion }, "ONBOARDING_CODE_EXPIRED");
    expect(expired.extensions).toMatchObject({ rule: "ID-R11", article: "ePortal step 3" });
    const after = await h.as(early, `query ($id: ID!) { businessPartner(id: $id) { onboardingCodes { edges { node { status } } } } }`, { id: partnerId });
    expect(after.data?.businessPartner.onboardingCodes.edges[0].node.status).toBe("EXPIRED");
    h.clock.set("2026-03-16T23:59:59.999+01:00");
    const last = await h.as(early, REDEEM, { code, version: h.subgraph.services.config.termsOfUseVersion });
    expect(last.errors).toBeUndefined();
    h.clock.set("2026-03-02T09:00:00+01:00");
  });

  it("counts 14 days across the switch to summer time in Zurich (ID-R11, ePortal step 3)", () => {
    // Issued 20 March (UTC+1): the 14th day, 3 April, is in summer time (UTC+2).
    expect(h.subgraph.services.partners.codeValidUntil(new Date("2026-03-20T08:00:00Z")).toISOString()).toBe("2026-04-03T21:59:59.999Z");
  });

  it("supersedes earlier codes with a new one, and uses each code once (ID-R12, ePortal step 3)", async () => {
    const uid = await registerCompany(h, "10000009", "Lost Letter AG");
    const user = await securedUser(h, "chlogin|lost");
    const reg = await h.as(user, REGISTER_PARTNER, { input: { uid } });
    const partnerId = reg.data!.registerBusinessPartner.businessPartner.id;
    const oldCode = await h.latestCode(partnerId);
    const stranger = await securedUser(h, "chlogin|stranger");
    h.clock.advance(60_000);
    await expectRefused(stranger, `mutation ($id: ID!) { requestNewOnboardingCode(input: { partnerId: $id }) { onboardingCode { id } } }`, { id: partnerId }, "NOT_PARTNER_ADMINISTRATOR");
    const renewed = await h.as(user, `mutation ($id: ID!) { requestNewOnboardingCode(input: { partnerId: $id }) { onboardingCode { status deliveryAddress { city } } } }`, { id: partnerId });
    expect(renewed.data?.requestNewOnboardingCode.onboardingCode.status).toBe("ISSUED");
    const newCode = await h.latestCode(partnerId);
    expect(newCode).not.toBe(oldCode);
    const version = h.subgraph.services.config.termsOfUseVersion;
    await expectRefused(user, REDEEM, { code: oldCode, version }, "ONBOARDING_CODE_SUPERSEDED");
    expect((await h.as(user, REDEEM, { code: newCode.toLowerCase(), version })).errors).toBeUndefined();
    await expectRefused(user, REDEEM, { code: newCode, version }, "ONBOARDING_CODE_ALREADY_REDEEMED");
    h.clock.set("2026-03-02T09:00:00+01:00");
  });

  it("locks redemption for 30 minutes after 5 wrong codes in a row (ID-R12, ePortal step 3, DESIGN CHOICE)", async () => {
    const uid = await registerCompany(h, "10000010", "Guessing AG");
    const user = await securedUser(h, "chlogin|guesser");
    const reg = await h.as(user, REGISTER_PARTNER, { input: { uid } });
    const code = await h.latestCode(reg.data!.registerBusinessPartner.businessPartner.id);
    const version = h.subgraph.services.config.termsOfUseVersion;
    for (let i = 0; i < 4; i++) expect(errorCode(await h.as(user, REDEEM, { code: "AAAA-BBBB-CCCC-DDDD", version }))).toBe("ONBOARDING_CODE_INVALID");
    const fifth = await h.as(user, REDEEM, { code: "AAAA-BBBB-CCCC-DDDD", version });
    expect(fifth.errors?.[0].extensions).toMatchObject({ code: "ONBOARDING_CODE_INVALID", lockedUntil: "2026-03-02T08:30:00.000Z" });
    await expectRefused(user, REDEEM, { code, version }, "ONBOARDING_CODE_LOCKED");
    h.clock.advance(30 * 60_000 + 1);
    expect((await h.as(user, REDEEM, { code, version })).errors).toBeUndefined();
    h.clock.set("2026-03-02T09:00:00+01:00");
  });
});

describe("ePortal step 4: roles and users", () => {
  const REQUEST_ROLE = `mutation ($input: RequestPartnerRoleInput!) { requestPartnerRole(input: $input) { role { id roleType status releasedAt contactPerson { name } } } }`;

  it("lets only the administrator or a deputy request roles, and only for an onboarded partner (ID-R13, ID-R17, ePortal step 4)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|admin13", "10000011", "Roles AG");
    const deputy = await securedUser(h, "chlogin|deputy13", "deputy13@example.ch");
    const clerk = await securedUser(h, "chlogin|clerk13", "clerk13@example.ch");
    const add = `mutation ($input: AddPartnerUserInput!) { addPartnerUser(input: $input) { membership { id portalRole } } }`;
    expect((await h.as(admin, add, { input: { partnerId, email: "deputy13@example.ch", portalRole: "DEPUTY" } })).data?.addPartnerUser.membership.portalRole).toBe("DEPUTY");
    // ID-R17: the deputy has the same rights, including adding users (ID-R18: a user of the clearance software is optional).
    expect((await h.as(deputy, add, { input: { partnerId, email: "clerk13@example.ch", portalRole: "USER" } })).errors).toBeUndefined();
    await expectRefused(clerk, REQUEST_ROLE, { input: { partnerId, roleType: "FREIGHT" } }, "NOT_PARTNER_ADMINISTRATOR");
    await expectRefused(admin, add, { input: { partnerId, email: "nobody@example.ch", portalRole: "USER" } }, "PORTAL_USER_NOT_FOUND");
    await expectRefused(admin, add, { input: { partnerId, email: "clerk13@example.ch", portalRole: "ADMINISTRATOR" } }, "BAD_USER_INPUT");
    const byDeputy = await h.as(deputy, REQUEST_ROLE, { input: { partnerId, roleType: "FREIGHT", contactPerson: { name: "Dana Deputy", email: "dana@example.ch" } } });
    expect(byDeputy.data?.requestPartnerRole.role).toMatchObject({ roleType: "FREIGHT", status: "ACTIVE", contactPerson: { name: "Dana Deputy" } });

    const pendingUid = await registerCompany(h, "10000012", "Pending AG");
    const pendingUser = await securedUser(h, "chlogin|pending13");
    const reg = await h.as(pendingUser, REGISTER_PARTNER, { input: { uid: pendingUid } });
    await expectRefused(pendingUser, REQUEST_ROLE, { input: { partnerId: reg.data!.registerBusinessPartner.businessPartner.id, roleType: "FREIGHT" } }, "NOT_PARTNER_ADMINISTRATOR");
  });

  it("takes one role per request and refuses a second open request of the same role (ID-R14, ePortal step 4)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|admin14", "10000013", "One Role AG");
    expect((await h.as(admin, REQUEST_ROLE, { input: { partnerId, roleType: "TRANSPORT" } })).data?.requestPartnerRole.role.status).toBe("ACTIVE");
    await expectRefused(admin, REQUEST_ROLE, { input: { partnerId, roleType: "TRANSPORT" } }, "ROLE_ALREADY_REQUESTED");
    await expectRefused(admin, `mutation ($p: ID!) { requestPartnerRole(input: { partnerId: $p, roleType: [FREIGHT, TRANSPORT] }) { role { id } } }`, { p: partnerId }, "GRAPHQL_VALIDATION_FAILED");
  });

  it("releases most roles at once and others after FOCBS clarification, publishing the release, the question and the refusal for the partner's inbox (ID-R15, ePortal step 4)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|admin15", "10000014", "Consignee AG");
    const req = await h.as(admin, REQUEST_ROLE, { input: { partnerId, roleType: "AUTHORISED_CONSIGNEE" } });
    const role = req.data?.requestPartnerRole.role;
    expect(role).toMatchObject({ status: "REQUESTED", releasedAt: null });
    const decide = (name: string) => `mutation ($input: RoleDecisionInput!) { ${name}(input: $input) { role { status decisionNote releasedAt } } }`;
    await expectRefused(admin, decide("releasePartnerRole"), { input: { roleId: role.id } }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(officer("DGD"), decide("releasePartnerRole"), { input: { roleId: role.id } }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(ONBOARDING, decide("clarifyPartnerRole"), { input: { roleId: role.id } }, "BAD_USER_INPUT");
    const clarify = await h.as(ONBOARDING, decide("clarifyPartnerRole"), { input: { roleId: role.id, note: "Send the consignee premises plan" } });
    expect(clarify.data?.clarifyPartnerRole.role).toMatchObject({ status: "IN_CLARIFICATION", decisionNote: "Send the consignee premises plan" });
    // ID-R15: FOCBS's question reaches the partner's ePortal inbox (the notifications subgraph).
    const told = (type: string) => h.subgraph.runtime.dataSource.query("SELECT payload FROM outbox_event WHERE type = ? AND aggregate_id = ?", [type, partnerId]) as Promise<{ payload: string }[]>;
    expect((await told("PartnerRoleClarificationRequested")).map(e => JSON.parse(e.payload))).toEqual([{ partnerId, roleId: role.id, roleType: "AUTHORISED_CONSIGNEE", reason: "Send the consignee premises plan" }]);
    await expectRefused(ONBOARDING, decide("clarifyPartnerRole"), { input: { roleId: role.id, note: "again?" } }, "ROLE_TRANSITION_NOT_ALLOWED");
    const release = await h.as(ONBOARDING, decide("releasePartnerRole"), { input: { roleId: role.id } });
    expect(release.data?.releasePartnerRole.role.status).toBe("ACTIVE");
    expect(release.data?.releasePartnerRole.role.releasedAt).toBe("2026-03-02T08:00:00.000Z");
    const outbox = await h.subgraph.runtime.dataSource.query("SELECT type, aggregate_id FROM outbox_event WHERE type = 'PartnerRoleActivated' AND aggregate_id = ?", [partnerId]);
    expect(outbox).toHaveLength(1);

    const second = await h.as(admin, REQUEST_ROLE, { input: { partnerId, roleType: "AUTHORISED_CONSIGNOR" } });
    const rejected = await h.as(ONBOARDING, decide("rejectPartnerRole"), { input: { roleId: second.data?.requestPartnerRole.role.id, note: "No ACor licence" } });
    expect(rejected.data?.rejectPartnerRole.role.status).toBe("REJECTED");
    expect((await told("PartnerRoleRejected")).map(e => JSON.parse(e.payload))).toEqual([{ partnerId, roleId: second.data?.requestPartnerRole.role.id, roleType: "AUTHORISED_CONSIGNOR", reason: "No ACor licence" }]);
    const queue = await h.as(ONBOARDING, `{ partnerRoleRequests(first: 100) { edges { node { id status partner { id } } } } }`);
    expect(queue.data?.partnerRoleRequests.edges.map((e: any) => e.node.partner.id)).not.toContain(partnerId);
  });

  it("shows the role overview and lets the administrator remove a role (ID-R16, ePortal step 4)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|admin16", "10000015", "Adjust AG");
    const freight = await h.as(admin, REQUEST_ROLE, { input: { partnerId, roleType: "FREIGHT" } });
    const removed = await h.as(admin, `mutation ($id: ID!) { removePartnerRole(input: { roleId: $id }) { role { status endedAt } } }`, { id: freight.data?.requestPartnerRole.role.id });
    expect(removed.data?.removePartnerRole.role.status).toBe("REMOVED");
    await expectRefused(admin, `mutation ($id: ID!) { removePartnerRole(input: { roleId: $id }) { role { status } } }`, { id: freight.data?.requestPartnerRole.role.id }, "ROLE_NOT_OPEN");
    const overview = await h.as(admin, `query ($id: ID!) { businessPartner(id: $id) { status roles { totalCount edges { node { roleType status } } } } }`, { id: partnerId });
    expect(overview.data?.businessPartner).toEqual({ status: "ONBOARDED", roles: { totalCount: 1, edges: [{ node: { roleType: "FREIGHT", status: "REMOVED" } }] } });
  });

  it("keeps at least one administrator and needs no further users for interface partners (ID-R17, ID-R18, ePortal step 4)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|admin17", "10000019", "Last Admin AG");
    const members = await h.as(admin, `query ($id: ID!) { businessPartner(id: $id) { memberships { edges { node { id portalRole } } } } }`, { id: partnerId });
    const adminMembership = members.data?.businessPartner.memberships.edges[0].node.id;
    await expectRefused(admin, `mutation ($id: ID!) { removePartnerUser(input: { membershipId: $id }) { membership { id } } }`, { id: adminMembership }, "LAST_ADMINISTRATOR");
    await expectRefused(admin, `mutation ($id: ID!) { changePartnerUserRole(input: { membershipId: $id, portalRole: USER }) { membership { id } } }`, { id: adminMembership }, "LAST_ADMINISTRATOR");
  });
});

describe("help", () => {
  it("names the onboarding help contacts to anyone (ID-R39, ePortal contact section)", async () => {
    const res = await h.as(ANONYMOUS, `{ onboardingSupport { email phone hours } }`);
    expect(res.data?.onboardingSupport[0]).toEqual({ email: "onboarding@bazg.admin.ch", phone: "+41 58 462 60 00", hours: "Monday to Friday 08:00-12:00 and 13:00-17:00" });
  });
});

describe("who sees what", () => {
  it("shows public register data to any authenticated caller and the private parts only to the partner's people and officers", async () => {
    const { partnerId } = await onboardedPartner(h, "chlogin|private", "10000017", "Private Parts AG");
    const other = await securedUser(h, "chlogin|nosy");
    const q = `query ($id: ID!) { businessPartner(id: $id) { name roles { edges { node { roleType } } } } }`;
    const res = await h.as(other, q, { id: partnerId });
    expect(res.data?.businessPartner).toEqual({ name: "Private Parts AG", roles: null });
    expect(errorCode(res)).toBe("FORBIDDEN");
    expect(errorCode(await h.as(ANONYMOUS, q, { id: partnerId }))).toBe("UNAUTHENTICATED");
    expect((await h.as(officer("AUDITOR"), q, { id: partnerId })).data?.businessPartner.roles).toEqual({ edges: [] });
    const mine = await h.as(other, `{ businessPartners { totalCount } }`);
    expect(mine.data?.businessPartners.totalCount).toBe(0);
  });

  it("pages through partners with stable cursors", async () => {
    for (const digits of ["10000021", "10000023", "10000024", "10000025"]) await onboardedPartner(h, `chlogin|pager-${digits}`, digits, `Pager ${digits} AG`);
    const auditor = officer("AUDITOR");
    const all = await h.as(auditor, `{ businessPartners(first: 100) { totalCount edges { node { id } } } }`);
    const total = all.data?.businessPartners.totalCount as number;
    expect(total).toBeGreaterThan(3);
    const ids: string[] = [];
    let after: string | null = null;
    do {
      const page: any = await h.as(auditor, `query ($after: String) { businessPartners(first: 2, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
      ids.push(...page.data.businessPartners.edges.map((e: any) => e.node.id));
      after = page.data.businessPartners.pageInfo.hasNextPage ? page.data.businessPartners.pageInfo.endCursor : null;
    } while (after);
    expect(ids).toEqual(all.data?.businessPartners.edges.map((e: any) => e.node.id));
    expect(errorCode(await h.as(auditor, `{ businessPartners(first: 101) { totalCount } }`))).toBe("BAD_USER_INPUT");
    // The count costs a statement only when asked for.
    const without = await h.subgraph.runtime.sql.measure(() => h.as(auditor, `{ businessPartners(first: 5) { edges { node { id } } } }`));
    const withCount = await h.subgraph.runtime.sql.measure(() => h.as(auditor, `{ businessPartners(first: 5) { totalCount edges { node { id } } } }`));
    expect(withCount.statements).toBe(without.statements + 1);
    expect(errorCode(await h.as(auditor, `{ businessPartners(after: "garbage") { totalCount } }`))).toBe("BAD_USER_INPUT");
  });
});
