import { randomUUID } from "node:crypto";
import { isKitMutation, Principal } from "../kit";
import { ANONYMOUS, officer, portalUser } from "../../test/support/graphql";
import { DGD, IdentityHarness, ONBOARDING, onboardedPartner, REDEEM, REGISTER_ENTRY, registerCompany, securedUser, startIdentity } from "../../test/support/identity-harness";
import { uidFromDigits } from "./services/secrets";

/**
 * Identity on MariaDB: completes the proof that every identity mutation has an accepted path and
 * a refused path with a stable `extensions.code` that leaves the database unchanged. The
 * onboarding and authorisations suites cover the rest; this file takes the paths they leave out,
 * and refuses every mutation that needs a caller to callers with no portal account (anonymous,
 * partner software) or without the fitting officer role.
 */
let h: IdentityHarness;

beforeAll(async () => {
  h = await startIdentity("customs_test_identity_mutations");
});
afterAll(async () => {
  await h?.stop();
});

/** Runs a refused operation and proves it changed nothing. */
async function expectRefused(principal: Principal, query: string, variables: Record<string, unknown>, code: string) {
  const before = await h.fingerprint();
  const res = await h.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(Object.values(res.data ?? {}).filter(v => v !== null)).toEqual([]);
  expect(await h.fingerprint()).toBe(before);
  return res.errors![0];
}

/** Runs an operation that must succeed and returns its data. */
async function accepted(principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const res = await h.as(principal, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data!;
}

/** The same UID with a check digit that does not fit (exactly one digit fits). */
function withWrongCheckDigit(uid: string): string {
  return uid.slice(0, -1) + String((Number(uid.slice(-1)) + 1) % 10);
}

const apiApplication = (applicationId: string, partnerId: string): Principal => ({
  kind: "API_APPLICATION",
  subject: applicationId,
  applicationId,
  partners: [{ partnerId, portalRole: null, roles: ["FREIGHT"] }],
  officerRoles: [],
});

const address = { street: "Rheinweg 8", postalCode: "4058", city: "Basel", country: "CH" };

const UPDATE_PROFILE = `mutation ($input: UpdatePortalUserProfileInput!) { updatePortalUserProfile(input: $input) { portalUser { email emailNotificationsEnabled } } }`;
const ADD_SECOND_FACTOR = `mutation ($kind: SecondFactor!) { addSecondFactor(input: { kind: $kind }) { portalUser { status secondFactor } } }`;
const REGISTER_PARTNER = `mutation ($uid: String!) { registerBusinessPartner(input: { uid: $uid }) { businessPartner { id status } } }`;
const NEW_CODE = `mutation ($id: ID!) { requestNewOnboardingCode(input: { partnerId: $id }) { onboardingCode { id } } }`;
const RECORD_BER = `mutation ($input: RecordBerRegisterEntryInput!) { recordBerRegisterEntry(input: $input) { berRegisterEntry { berNumber headOfficeUid } } }`;
const ADD_USER = `mutation ($p: ID!, $email: String!, $role: PortalRole!) { addPartnerUser(input: { partnerId: $p, email: $email, portalRole: $role }) { membership { id portalRole } } }`;
const CHANGE_USER_ROLE = `mutation ($id: ID!, $role: PortalRole!) { changePartnerUserRole(input: { membershipId: $id, portalRole: $role }) { membership { id portalRole } } }`;
const REMOVE_USER = `mutation ($id: ID!) { removePartnerUser(input: { membershipId: $id }) { membership { id portalRole } } }`;
const MEMBERS = `query ($id: ID!) { businessPartner(id: $id) { memberships { edges { node { portalRole user { chLoginSubject } } } } } }`;
const REQUEST_ROLE = `mutation ($p: ID!, $r: PartnerRoleType!) { requestPartnerRole(input: { partnerId: $p, roleType: $r }) { role { id roleType status } } }`;
const REMOVE_ROLE = `mutation ($id: ID!) { removePartnerRole(input: { roleId: $id }) { role { status } } }`;
const DECIDE_ROLE = (name: string) => `mutation ($id: ID!, $note: String) { ${name}(input: { roleId: $id, note: $note }) { role { status decisionNote } } }`;
const SUBSCRIBE = `mutation ($p: ID!, $api: String! = "B2B HuB Partner API for Passar declarations") { subscribeToApi(input: { partnerId: $p, apiName: $api }) { subscription { id status } } }`;
const CREATE_APP = `mutation ($s: ID!) { createApiApplication(input: { subscriptionId: $s, softwareName: "ClearWay 5" }) { application { id } credentials { accessToken } } }`;
const REGENERATE = `mutation ($id: ID!) { regenerateApiKeys(input: { applicationId: $id }) { application { id status } credentials { accessToken } } }`;
const DELETE_APP = `mutation ($id: ID!) { deleteApiApplication(input: { applicationId: $id }) { application { id status } credentials { accessToken } } }`;
const APPLY = `mutation ($input: ApplyForCustomsSystemAuthorisationInput!) { applyForCustomsSystemAuthorisation(input: $input) { authorisation { id status missingConditions } } }`;
const AUTHORISATION_STEP = (name: string) => `mutation ($id: ID!) { ${name}(input: { authorisationId: $id }) { authorisation { id status } } }`;
const RECORD_SECURITY = `mutation ($id: ID!, $ref: String!) { recordAuthorisationSecurity(input: { authorisationId: $id, securityReference: $ref }) { authorisation { status securityReference missingConditions } } }`;
const REFUSE_AUTHORISATION = `mutation ($id: ID!, $reason: String!) { refuseCustomsSystemAuthorisation(input: { authorisationId: $id, reason: $reason }) { authorisation { status refusalReason } } }`;
const WITHDRAW = `mutation ($id: ID!) { withdrawCustomsSystemAuthorisation(input: { authorisationId: $id, ground: REPEATED_OFFENCES, reason: "Three evasion cases" }) { authorisation { status } } }`;
const ANNOUNCE = `mutation ($p: ID!, $n: String!) { announceDeclarantEmployee(input: { partnerId: $p, personalNumber: $n, name: "Dora Deklarant" }) { employee { id active } } }`;
const DEACTIVATE = `mutation ($id: ID!) { deactivateDeclarantEmployee(input: { employeeId: $id }) { employee { active deactivatedAt } } }`;
const APPLY_AEO = `mutation ($p: ID!) { applyForAeoStatus(input: { partnerId: $p }) { aeoStatus { id status } } }`;
const DECIDE_AEO = (name: string) =>
  `mutation ($input: DecideAeoStatusInput!) { ${name}(input: $input) { aeoStatus { id status grantedAt refusalReason criteria { complianceRecord recordsManagement solvency safetyAndSecurity } } } }`;

const baseApplication = (partnerId: string) => ({
  partnerId,
  systems: ["EDEC", "NCTS"],
  scope: "DOMESTIC",
  writtenApplicationReference: "DGD-2026-0800",
  itEquipmentConfirmed: true,
  properConductGuaranteed: true,
});
const allCriteria = { complianceRecord: true, recordsManagement: true, solvency: true, safetyAndSecurity: true };

/** An onboarded partner with a registered, secured user added under the given portal role. */
async function withMember(subject: string, digits: string, name: string, memberSubject: string, role: "DEPUTY" | "USER") {
  const partner = await onboardedPartner(h, subject, digits, name);
  const email = `${memberSubject.replace(/\W/g, ".")}@example.ch`;
  const member = await securedUser(h, memberSubject, email);
  const added = await accepted(partner.admin, ADD_USER, { p: partner.partnerId, email, role });
  return { ...partner, member, membershipId: added.addPartnerUser.membership.id as string };
}

/** An onboarded partner with an active Freight role, a subscription and an application (ePortal step 5). */
async function withApplication(subject: string, digits: string, name: string) {
  const partner = await onboardedPartner(h, subject, digits, name);
  const freight = await accepted(partner.admin, REQUEST_ROLE, { p: partner.partnerId, r: "FREIGHT" });
  const sub = await accepted(partner.admin, SUBSCRIBE, { p: partner.partnerId });
  const app = await accepted(partner.admin, CREATE_APP, { s: sub.subscribeToApi.subscription.id });
  return { ...partner, freightRoleId: freight.requestPartnerRole.role.id as string, subscriptionId: sub.subscribeToApi.subscription.id as string, applicationId: app.createApiApplication.application.id as string };
}

describe("ePortal step 1: the portal user's profile and second factor", () => {
  it("refuses to update the profile of a CH-LOGIN account not registered in ePortal (ID-R01, ID-R38, ePortal step 1)", async () => {
    const err = await expectRefused(portalUser("chlogin|m-unregistered"), UPDATE_PROFILE, { input: { emailNotificationsEnabled: false } }, "PORTAL_USER_NOT_REGISTERED");
    expect(err.extensions).toMatchObject({ rule: "ID-R01", article: "ePortal step 1" });
  });

  it("changes the profile e-mail address, stored in lower case, and refuses an invalid one naming the field (ID-R38, ePortal step 1)", async () => {
    const user = await securedUser(h, "chlogin|m-profile", "m-profile@example.ch");
    const changed = await accepted(user, UPDATE_PROFILE, { input: { email: "New.Address@Example.ch" } });
    expect(changed.updatePortalUserProfile.portalUser).toEqual({ email: "new.address@example.ch", emailNotificationsEnabled: true });
    const err = await expectRefused(user, UPDATE_PROFILE, { input: { email: "not-an-email", emailNotificationsEnabled: false } }, "BAD_USER_INPUT");
    expect(err.extensions?.field).toBe("email");
    expect((await accepted(user, `{ me { email emailNotificationsEnabled } }`)).me).toEqual({ email: "new.address@example.ch", emailNotificationsEnabled: true });
  });

  it("refuses a second factor for a CH-LOGIN account not registered in ePortal (ID-R01, ID-R02, ePortal step 1)", async () => {
    const err = await expectRefused(portalUser("chlogin|m-nofactor"), ADD_SECOND_FACTOR, { kind: "MTAN" }, "PORTAL_USER_NOT_REGISTERED");
    expect(err.extensions).toMatchObject({ rule: "ID-R01" });
  });
});

describe("ePortal step 4: the users of a partner (ID-R17)", () => {
  it("lets the administrator turn a deputy into a user, who then may no longer request roles, and back (ID-R17, ID-R13, ePortal step 4)", async () => {
    const { partnerId, admin, member: deputy, membershipId } = await withMember("chlogin|m-admin-a", "80000001", "Deputy Change AG", "chlogin|m-deputy-a", "DEPUTY");
    const demoted = await accepted(admin, CHANGE_USER_ROLE, { id: membershipId, role: "USER" });
    expect(demoted.changePartnerUserRole.membership).toEqual({ id: membershipId, portalRole: "USER" });
    // The change counts from the next request on: memberships are read from the database, not the token.
    const err = await expectRefused(deputy, REQUEST_ROLE, { p: partnerId, r: "TRANSPORT" }, "NOT_PARTNER_ADMINISTRATOR");
    expect(err.extensions).toMatchObject({ rule: "ID-R13", partnerId });
    await accepted(admin, CHANGE_USER_ROLE, { id: membershipId, role: "DEPUTY" });
    expect((await accepted(deputy, REQUEST_ROLE, { p: partnerId, r: "TRANSPORT" })).requestPartnerRole.role.status).toBe("ACTIVE");
  });

  it("refuses a role change asked by a mere user or by another partner's administrator, of an unknown membership, or to administrator (ID-R13, ID-R10, ID-R17, ePortal step 4)", async () => {
    const { admin, member: clerk, membershipId: clerkMembership } = await withMember("chlogin|m-admin-b", "80000002", "Clerk AG", "chlogin|m-clerk-b", "USER");
    const other = await withMember("chlogin|m-admin-c", "80000003", "Other Partner AG", "chlogin|m-deputy-c", "DEPUTY");
    await expectRefused(clerk, CHANGE_USER_ROLE, { id: clerkMembership, role: "DEPUTY" }, "NOT_PARTNER_ADMINISTRATOR");
    await expectRefused(admin, CHANGE_USER_ROLE, { id: other.membershipId, role: "USER" }, "NOT_PARTNER_ADMINISTRATOR");
    const missing = await expectRefused(admin, CHANGE_USER_ROLE, { id: randomUUID(), role: "USER" }, "NOT_FOUND");
    expect(missing.extensions?.field).toBe("input.membershipId");
    const promote = await expectRefused(other.admin, CHANGE_USER_ROLE, { id: other.membershipId, role: "ADMINISTRATOR" }, "BAD_USER_INPUT");
    expect(promote.extensions).toMatchObject({ rule: "ID-R10", field: "input.portalRole" });
  });

  it("lets the administrator remove a deputy, who from then on can no longer request roles (ID-R17, ID-R13, ePortal step 4)", async () => {
    const { partnerId, admin, member: deputy, membershipId } = await withMember("chlogin|m-admin-d", "80000005", "Removal AG", "chlogin|m-deputy-d", "DEPUTY");
    expect((await accepted(deputy, REQUEST_ROLE, { p: partnerId, r: "TRANSPORT" })).requestPartnerRole.role.status).toBe("ACTIVE");
    const removed = await accepted(admin, REMOVE_USER, { id: membershipId });
    expect(removed.removePartnerUser.membership).toEqual({ id: membershipId, portalRole: "DEPUTY" });
    expect((await accepted(admin, MEMBERS, { id: partnerId })).businessPartner.memberships.edges).toEqual([{ node: { portalRole: "ADMINISTRATOR", user: { chLoginSubject: "chlogin|m-admin-d" } } }]);
    await expectRefused(deputy, REQUEST_ROLE, { p: partnerId, r: "FREIGHT" }, "NOT_PARTNER_ADMINISTRATOR");
    await expectRefused(admin, REMOVE_USER, { id: membershipId }, "NOT_FOUND");
  });

  it("refuses to remove a member when asked by a mere user or by another partner's administrator (ID-R13, ID-R17, ePortal step 4)", async () => {
    const { partnerId, admin, member: clerk } = await withMember("chlogin|m-admin-e", "80000006", "Keep Members AG", "chlogin|m-clerk-e", "USER");
    const deputyEmail = "m-deputy-e@example.ch";
    await securedUser(h, "chlogin|m-deputy-e", deputyEmail);
    const deputy = await accepted(admin, ADD_USER, { p: partnerId, email: deputyEmail, role: "DEPUTY" });
    await expectRefused(clerk, REMOVE_USER, { id: deputy.addPartnerUser.membership.id }, "NOT_PARTNER_ADMINISTRATOR");
    const stranger = await onboardedPartner(h, "chlogin|m-admin-f", "80000007", "Stranger AG");
    await expectRefused(stranger.admin, REMOVE_USER, { id: deputy.addPartnerUser.membership.id }, "NOT_PARTNER_ADMINISTRATOR");
  });
});

describe("ePortal step 4: FOCBS decisions on roles (ID-R15)", () => {
  it("refuses to reject a role without a reason, by anyone but the onboarding service, or once it is active or rejected (ID-R15, ePortal step 4, DESIGN CHOICE DOMAIN.md §2.2)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|m-reject", "80000008", "Rejected Role AG");
    const consignee = (await accepted(admin, REQUEST_ROLE, { p: partnerId, r: "AUTHORISED_CONSIGNEE" })).requestPartnerRole.role;
    expect(consignee.status).toBe("REQUESTED");
    const noNote = await expectRefused(ONBOARDING, DECIDE_ROLE("rejectPartnerRole"), { id: consignee.id }, "BAD_USER_INPUT");
    expect(noNote.extensions).toMatchObject({ field: "input.note", rule: "ID-R15" });
    await expectRefused(admin, DECIDE_ROLE("rejectPartnerRole"), { id: consignee.id, note: "No premises" }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(DGD, DECIDE_ROLE("rejectPartnerRole"), { id: consignee.id, note: "No premises" }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(ONBOARDING, DECIDE_ROLE("rejectPartnerRole"), { id: randomUUID(), note: "No premises" }, "NOT_FOUND");

    const freight = (await accepted(admin, REQUEST_ROLE, { p: partnerId, r: "FREIGHT" })).requestPartnerRole.role;
    expect(freight.status).toBe("ACTIVE");
    const active = await expectRefused(ONBOARDING, DECIDE_ROLE("rejectPartnerRole"), { id: freight.id, note: "Too late" }, "ROLE_TRANSITION_NOT_ALLOWED");
    expect(active.extensions).toMatchObject({ rule: "ID-R15", status: "ACTIVE" });

    const rejected = await accepted(ONBOARDING, DECIDE_ROLE("rejectPartnerRole"), { id: consignee.id, note: "No premises" });
    expect(rejected.rejectPartnerRole.role).toEqual({ status: "REJECTED", decisionNote: "No premises" });
    await expectRefused(ONBOARDING, DECIDE_ROLE("rejectPartnerRole"), { id: consignee.id, note: "Again" }, "ROLE_TRANSITION_NOT_ALLOWED");
    await expectRefused(ONBOARDING, DECIDE_ROLE("releasePartnerRole"), { id: consignee.id }, "ROLE_TRANSITION_NOT_ALLOWED");
  });
});

describe("ePortal step 5: API keys", () => {
  it("refuses to regenerate keys for a mere user, for an unknown application or for a deleted one (ID-R13, ID-R23, ePortal step 5)", async () => {
    const { partnerId, admin, applicationId } = await withApplication("chlogin|m-keys", "80000009", "Regenerate AG");
    const clerkEmail = "m-keys-clerk@example.ch";
    const clerk = await securedUser(h, "chlogin|m-keys-clerk", clerkEmail);
    await accepted(admin, ADD_USER, { p: partnerId, email: clerkEmail, role: "USER" });
    await expectRefused(clerk, REGENERATE, { id: applicationId }, "NOT_PARTNER_ADMINISTRATOR");
    const unknown = await expectRefused(admin, REGENERATE, { id: randomUUID() }, "NOT_FOUND");
    expect(unknown.extensions?.field).toBe("input.applicationId");
    await expectRefused(clerk, DELETE_APP, { id: applicationId }, "NOT_PARTNER_ADMINISTRATOR");
    const deleted = await accepted(admin, DELETE_APP, { id: applicationId });
    expect(deleted.deleteApiApplication).toEqual({ application: { id: applicationId, status: "DELETED" }, credentials: null });
    await expectRefused(admin, REGENERATE, { id: applicationId }, "NOT_FOUND");
  });

  it("refuses to delete an application twice (ePortal step 5, DESIGN CHOICE: deleting revokes the keys)", async () => {
    const { admin, applicationId } = await withApplication("chlogin|m-delete", "80000011", "Delete Twice AG");
    await accepted(admin, DELETE_APP, { id: applicationId });
    await expectRefused(admin, DELETE_APP, { id: applicationId }, "NOT_FOUND");
    await expectRefused(admin, DELETE_APP, { id: randomUUID() }, "NOT_FOUND");
  });

  it("refuses new keys once the partner lost its last ACee, ACor or Freight role, but still lets it delete the application (ID-R21, ID-R23, ePortal step 5)", async () => {
    const { admin, applicationId, freightRoleId } = await withApplication("chlogin|m-lost", "80000012", "Lost Freight AG");
    await accepted(admin, REMOVE_ROLE, { id: freightRoleId });
    const err = await expectRefused(admin, REGENERATE, { id: applicationId }, "API_SELF_SERVICE_UNAVAILABLE");
    expect(err.extensions).toMatchObject({ rule: "ID-R21", article: "ePortal step 5" });
    expect((await accepted(admin, DELETE_APP, { id: applicationId })).deleteApiApplication.application.status).toBe("DELETED");
  });

  it("refuses a subscription asked by partner software itself: an API application has no portal role (ID-R13, ID-R22, ePortal step 5)", async () => {
    const { partnerId, applicationId } = await withApplication("chlogin|m-software", "80000013", "Software AG");
    // The auth check comes first: partner software gets no further than "log in", whatever the API.
    await expectRefused(apiApplication(applicationId, partnerId), SUBSCRIBE, { p: partnerId }, "UNAUTHENTICATED");
  });
});

describe("e-dec/NCTS authorisations (OD-AFD art. 8)", () => {
  it("refuses an application by a mere user, by a stranger, or for a partner not yet onboarded (ID-R13, ID-R25, OD-AFD art. 8 para. 1)", async () => {
    const { partnerId, member: clerk } = await withMember("chlogin|m-apply", "80000014", "Apply AG", "chlogin|m-apply-clerk", "USER");
    await expectRefused(clerk, APPLY, { input: baseApplication(partnerId) }, "NOT_PARTNER_ADMINISTRATOR");
    await expectRefused(await securedUser(h, "chlogin|m-apply-stranger"), APPLY, { input: baseApplication(partnerId) }, "NOT_PARTNER_ADMINISTRATOR");

    // The one who entered a partner is not its administrator until the code is redeemed (ID-R10).
    const pendingUid = await registerCompany(h, "80000015", "Not Yet Onboarded AG");
    const registrant = await securedUser(h, "chlogin|m-apply-pending");
    const pending = (await accepted(registrant, REGISTER_PARTNER, { uid: pendingUid })).registerBusinessPartner.businessPartner;
    expect(pending.status).toBe("VERIFICATION_PENDING");
    await expectRefused(registrant, APPLY, { input: baseApplication(pending.id) }, "NOT_PARTNER_ADMINISTRATOR");
  });

  it("records the security for the expected levies, which meets condition c, until the decision (ID-R25, OD-AFD art. 8 para. 1 let. c)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|m-security", "80000016", "Security AG");
    const applied = (await accepted(admin, APPLY, { input: baseApplication(partnerId) })).applyForCustomsSystemAuthorisation.authorisation;
    expect(applied.missingConditions).toEqual(["security for the expected levies (OD-AFD art. 8 para. 1 let. c)"]);
    await expectRefused(ONBOARDING, RECORD_SECURITY, { id: applied.id, ref: "BOND-8016" }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(admin, RECORD_SECURITY, { id: applied.id, ref: "BOND-8016" }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(DGD, RECORD_SECURITY, { id: applied.id, ref: "B" }, "BAD_USER_INPUT");
    await expectRefused(DGD, RECORD_SECURITY, { id: randomUUID(), ref: "BOND-8016" }, "NOT_FOUND");

    const recorded = await accepted(DGD, RECORD_SECURITY, { id: applied.id, ref: "BOND-8016" });
    expect(recorded.recordAuthorisationSecurity.authorisation).toEqual({ status: "APPLIED", securityReference: "BOND-8016", missingConditions: [] });
    await accepted(DGD, AUTHORISATION_STEP("recordAuthorisationDocumentsComplete"), { id: applied.id });
    expect((await accepted(DGD, AUTHORISATION_STEP("grantCustomsSystemAuthorisation"), { id: applied.id })).grantCustomsSystemAuthorisation.authorisation.status).toBe("GRANTED");
    const granted = await expectRefused(DGD, RECORD_SECURITY, { id: applied.id, ref: "BOND-9999" }, "AUTHORISATION_TRANSITION_NOT_ALLOWED");
    expect(granted.extensions).toMatchObject({ rule: "ID-R25", status: "GRANTED" });
  });

  it("refuses a refusal without a reason of at least 5 characters, by anyone but the DGD, or of an application already refused (ID-R29, OD-AFD art. 8 para. 6)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|m-refuse", "80000017", "Refused AG");
    const id = (await accepted(admin, APPLY, { input: baseApplication(partnerId) })).applyForCustomsSystemAuthorisation.authorisation.id;
    const short = await expectRefused(DGD, REFUSE_AUTHORISATION, { id, reason: "No" }, "BAD_USER_INPUT");
    expect(short.extensions?.field).toBe("reason");
    await expectRefused(ONBOARDING, REFUSE_AUTHORISATION, { id, reason: "No IT equipment on site" }, "OFFICER_ROLE_REQUIRED");
    const refused = await accepted(DGD, REFUSE_AUTHORISATION, { id, reason: "No IT equipment on site" });
    expect(refused.refuseCustomsSystemAuthorisation.authorisation).toEqual({ status: "REFUSED", refusalReason: "No IT equipment on site" });
    const again = await expectRefused(DGD, REFUSE_AUTHORISATION, { id, reason: "Still no IT equipment" }, "AUTHORISATION_TRANSITION_NOT_ALLOWED");
    expect(again.extensions).toMatchObject({ rule: "ID-R29", article: "OD-AFD art. 8 para. 6", status: "REFUSED" });
  });
});

describe("declaring employees (OD-AFD art. 10)", () => {
  it("refuses to report an employee as no longer declaring twice, for a stranger, or for an unknown employee (ID-R32, OD-AFD art. 10)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|m-employees", "80000018", "Employer AG");
    const stranger = await onboardedPartner(h, "chlogin|m-employees-other", "80000019", "Other Employer AG");
    const employeeId = (await accepted(admin, ANNOUNCE, { p: partnerId, n: "E80" })).announceDeclarantEmployee.employee.id;
    await expectRefused(stranger.admin, DEACTIVATE, { id: employeeId }, "NOT_PARTNER_ADMINISTRATOR");
    await expectRefused(admin, DEACTIVATE, { id: randomUUID() }, "NOT_FOUND");
    expect((await accepted(admin, DEACTIVATE, { id: employeeId })).deactivateDeclarantEmployee.employee.active).toBe(false);
    const twice = await expectRefused(admin, DEACTIVATE, { id: employeeId }, "EMPLOYEE_ALREADY_INACTIVE");
    expect(twice.extensions).toMatchObject({ rule: "ID-R32", article: "OD-AFD art. 10" });
  });
});

describe("AEO status (LD art. 42a)", () => {
  it("refuses AEO status with the assessed criteria and the reason, after which the partner may request it again (ID-R36, LD art. 42a para. 1)", async () => {
    const { partnerId, admin } = await onboardedPartner(h, "chlogin|m-aeo", "80000020", "Not Yet Trusted AG");
    const id = (await accepted(admin, APPLY_AEO, { p: partnerId })).applyForAeoStatus.aeoStatus.id;
    const criteria = { ...allCriteria, solvency: false };
    await expectRefused(ONBOARDING, DECIDE_AEO("refuseAeoStatus"), { input: { aeoStatusId: id, criteria, reason: "Solvency not proven" } }, "OFFICER_ROLE_REQUIRED");
    await expectRefused(DGD, DECIDE_AEO("refuseAeoStatus"), { input: { aeoStatusId: randomUUID(), criteria, reason: "Solvency not proven" } }, "NOT_FOUND");
    const refused = await accepted(DGD, DECIDE_AEO("refuseAeoStatus"), { input: { aeoStatusId: id, criteria, reason: "Solvency not proven" } });
    expect(refused.refuseAeoStatus.aeoStatus).toEqual({ id, status: "REFUSED", grantedAt: null, refusalReason: "Solvency not proven", criteria });
    const seen = await accepted(admin, `query ($id: ID!) { businessPartner(id: $id) { aeoStatus { status refusalReason } } }`, { id: partnerId });
    expect(seen.businessPartner.aeoStatus).toEqual({ status: "REFUSED", refusalReason: "Solvency not proven" });
    await expectRefused(DGD, DECIDE_AEO("grantAeoStatus"), { input: { aeoStatusId: id, criteria: allCriteria } }, "AEO_ALREADY_DECIDED");
    const again = await accepted(admin, APPLY_AEO, { p: partnerId });
    expect(again.applyForAeoStatus.aeoStatus).toMatchObject({ status: "REQUESTED" });
    expect(again.applyForAeoStatus.aeoStatus.id).not.toBe(id);
  });
});

describe("onboarding service: the register mirrors (ePortal step 2)", () => {
  it("updates a UID register entry in place, whatever the UID's spelling: the search shows the new name (ID-R05, ePortal step 2)", async () => {
    const uid = await registerCompany(h, "80000021", "Altname Handels AG");
    const compact = uid.replace(/[-.]/g, "");
    const updated = await accepted(ONBOARDING, REGISTER_ENTRY, {
      input: { uid: compact, name: "Neuname Handels AG", partnerType: "LEGAL_ENTITY", address, domicileInCustomsTerritory: true },
    });
    expect(updated.recordUidRegisterEntry.uidRegisterEntry).toEqual({ uid, name: "Neuname Handels AG" });
    expect((await accepted(ANONYMOUS, `query ($q: String!) { uidRegisterSearch(query: $q) { uid name address { city } } }`, { q: uid })).uidRegisterSearch).toEqual([
      { uid, name: "Neuname Handels AG", address: { city: "Basel" } },
    ]);
    expect((await accepted(ANONYMOUS, `{ uidRegisterSearch(query: "Altname Handels") { uid } }`)).uidRegisterSearch).toEqual([]);
  });

  it("refuses a UID register entry with a wrong check digit, for a branch, or from anyone but the onboarding service (ID-R05, ID-R07, ePortal step 2)", async () => {
    const valid = uidFromDigits("80000022");
    const entry = (uid: string, partnerType = "LEGAL_ENTITY") => ({ input: { uid, name: "Prüfziffer AG", partnerType, address, domicileInCustomsTerritory: true } });
    const bad = await expectRefused(ONBOARDING, REGISTER_ENTRY, entry(withWrongCheckDigit(valid)), "BAD_USER_INPUT");
    expect(bad.extensions?.field).toBe("input.uid");
    const branch = await expectRefused(ONBOARDING, REGISTER_ENTRY, entry(valid, "BRANCH"), "BAD_USER_INPUT");
    expect(branch.extensions?.field).toBe("input.partnerType");
    await expectRefused(DGD, REGISTER_ENTRY, entry(valid), "OFFICER_ROLE_REQUIRED");
    await expectRefused(await securedUser(h, "chlogin|m-register"), REGISTER_ENTRY, entry(valid), "OFFICER_ROLE_REQUIRED");
    expect((await accepted(ANONYMOUS, `query ($q: String!) { uidRegisterSearch(query: $q) { uid } }`, { q: valid })).uidRegisterSearch).toEqual([]);
  });

  it("refuses a BER branch whose head office is not in the UID register or has a wrong check digit, or from anyone but the onboarding service (ID-R07, ePortal step 2)", async () => {
    const absent = uidFromDigits("80000023");
    const branch = (headOfficeUid: string) => ({ input: { berNumber: "80000023", headOfficeUid, name: "Filiale Basel", address } });
    const notInRegister = await expectRefused(ONBOARDING, RECORD_BER, branch(absent), "BAD_USER_INPUT");
    expect(notInRegister.extensions?.field).toBe("input.headOfficeUid");
    const badCheck = await expectRefused(ONBOARDING, RECORD_BER, branch(withWrongCheckDigit(absent)), "BAD_USER_INPUT");
    expect(badCheck.extensions?.field).toBe("input.headOfficeUid");
    const head = await registerCompany(h, "80000024", "Hauptsitz AG");
    await expectRefused(await securedUser(h, "chlogin|m-ber"), RECORD_BER, branch(head), "OFFICER_ROLE_REQUIRED");
    await expectRefused(DGD, RECORD_BER, branch(head), "OFFICER_ROLE_REQUIRED");
    expect((await accepted(ONBOARDING, RECORD_BER, branch(head))).recordBerRegisterEntry.berRegisterEntry).toEqual({ berNumber: "80000023", headOfficeUid: head });
  });
});

/**
 * Everything the callers below might name exists, so that each refusal is the caller check and
 * not a missing row: with an unknown id, the mutations that load a membership, role,
 * subscription, application or employee answer NOT_FOUND before they ask who is calling.
 */
interface Fixture {
  partnerId: string;
  pendingPartnerId: string;
  freeUid: string;
  headOfficeUid: string;
  deputyMembershipId: string;
  userEmail: string;
  freightRoleId: string;
  consigneeRoleId: string;
  subscriptionId: string;
  applicationId: string;
  authorisationId: string;
  employeeId: string;
  aeoStatusId: string;
}

interface CallerCase {
  mutation: string;
  code: "UNAUTHENTICATED" | "OFFICER_ROLE_REQUIRED";
  query: string;
  variables: (f: Fixture) => Record<string, unknown>;
}

const CALLER_CASES: CallerCase[] = [
  { mutation: "registerPortalUser", code: "UNAUTHENTICATED", query: `mutation { registerPortalUser(input: { email: "nobody@example.ch" }) { portalUser { id } } }`, variables: () => ({}) },
  { mutation: "addSecondFactor", code: "UNAUTHENTICATED", query: ADD_SECOND_FACTOR, variables: () => ({ kind: "MTAN" }) },
  { mutation: "updatePortalUserProfile", code: "UNAUTHENTICATED", query: UPDATE_PROFILE, variables: () => ({ input: { emailNotificationsEnabled: false } }) },
  { mutation: "registerBusinessPartner", code: "UNAUTHENTICATED", query: REGISTER_PARTNER, variables: f => ({ uid: f.freeUid }) },
  { mutation: "requestNewOnboardingCode", code: "UNAUTHENTICATED", query: NEW_CODE, variables: f => ({ id: f.pendingPartnerId }) },
  { mutation: "redeemOnboardingCode", code: "UNAUTHENTICATED", query: REDEEM, variables: () => ({ code: "AAAA-BBBB-CCCC-DDDD", version: h.subgraph.services.config.termsOfUseVersion }) },
  {
    mutation: "recordUidRegisterEntry",
    code: "OFFICER_ROLE_REQUIRED",
    query: REGISTER_ENTRY,
    variables: f => ({ input: { uid: f.freeUid, name: "Intruder AG", partnerType: "LEGAL_ENTITY", address, domicileInCustomsTerritory: true } }),
  },
  { mutation: "recordBerRegisterEntry", code: "OFFICER_ROLE_REQUIRED", query: RECORD_BER, variables: f => ({ input: { berNumber: "80000099", headOfficeUid: f.headOfficeUid, name: "Intruder Branch", address } }) },
  { mutation: "addPartnerUser", code: "UNAUTHENTICATED", query: ADD_USER, variables: f => ({ p: f.partnerId, email: f.userEmail, role: "USER" }) },
  { mutation: "changePartnerUserRole", code: "UNAUTHENTICATED", query: CHANGE_USER_ROLE, variables: f => ({ id: f.deputyMembershipId, role: "USER" }) },
  { mutation: "removePartnerUser", code: "UNAUTHENTICATED", query: REMOVE_USER, variables: f => ({ id: f.deputyMembershipId }) },
  { mutation: "requestPartnerRole", code: "UNAUTHENTICATED", query: REQUEST_ROLE, variables: f => ({ p: f.partnerId, r: "TRANSPORT" }) },
  { mutation: "releasePartnerRole", code: "OFFICER_ROLE_REQUIRED", query: DECIDE_ROLE("releasePartnerRole"), variables: f => ({ id: f.consigneeRoleId }) },
  { mutation: "clarifyPartnerRole", code: "OFFICER_ROLE_REQUIRED", query: DECIDE_ROLE("clarifyPartnerRole"), variables: f => ({ id: f.consigneeRoleId, note: "Send the premises plan" }) },
  { mutation: "rejectPartnerRole", code: "OFFICER_ROLE_REQUIRED", query: DECIDE_ROLE("rejectPartnerRole"), variables: f => ({ id: f.consigneeRoleId, note: "No premises" }) },
  { mutation: "removePartnerRole", code: "UNAUTHENTICATED", query: REMOVE_ROLE, variables: f => ({ id: f.freightRoleId }) },
  { mutation: "subscribeToApi", code: "UNAUTHENTICATED", query: SUBSCRIBE, variables: f => ({ p: f.partnerId }) },
  { mutation: "createApiApplication", code: "UNAUTHENTICATED", query: CREATE_APP, variables: f => ({ s: f.subscriptionId }) },
  { mutation: "regenerateApiKeys", code: "UNAUTHENTICATED", query: REGENERATE, variables: f => ({ id: f.applicationId }) },
  { mutation: "deleteApiApplication", code: "UNAUTHENTICATED", query: DELETE_APP, variables: f => ({ id: f.applicationId }) },
  { mutation: "applyForCustomsSystemAuthorisation", code: "UNAUTHENTICATED", query: APPLY, variables: f => ({ input: { ...baseApplication(f.partnerId), scope: "FOREIGN_JUXTAPOSED_OFFICE_EXPORT" } }) },
  {
    mutation: "recordAuthorisationDocumentsComplete",
    code: "OFFICER_ROLE_REQUIRED",
    query: AUTHORISATION_STEP("recordAuthorisationDocumentsComplete"),
    variables: f => ({ id: f.authorisationId }),
  },
  { mutation: "recordAuthorisationSecurity", code: "OFFICER_ROLE_REQUIRED", query: RECORD_SECURITY, variables: f => ({ id: f.authorisationId, ref: "BOND-1" }) },
  { mutation: "grantCustomsSystemAuthorisation", code: "OFFICER_ROLE_REQUIRED", query: AUTHORISATION_STEP("grantCustomsSystemAuthorisation"), variables: f => ({ id: f.authorisationId }) },
  { mutation: "refuseCustomsSystemAuthorisation", code: "OFFICER_ROLE_REQUIRED", query: REFUSE_AUTHORISATION, variables: f => ({ id: f.authorisationId, reason: "No IT equipment" }) },
  { mutation: "withdrawCustomsSystemAuthorisation", code: "OFFICER_ROLE_REQUIRED", query: WITHDRAW, variables: f => ({ id: f.authorisationId }) },
  { mutation: "announceDeclarantEmployee", code: "UNAUTHENTICATED", query: ANNOUNCE, variables: f => ({ p: f.partnerId, n: "E99" }) },
  { mutation: "deactivateDeclarantEmployee", code: "UNAUTHENTICATED", query: DEACTIVATE, variables: f => ({ id: f.employeeId }) },
  { mutation: "applyForAeoStatus", code: "UNAUTHENTICATED", query: APPLY_AEO, variables: f => ({ p: f.partnerId }) },
  {
    mutation: "dismissWithdrawalReferral",
    code: "OFFICER_ROLE_REQUIRED",
    query: `mutation ($input: DismissWithdrawalReferralInput!) { dismissWithdrawalReferral(input: $input) { withdrawalReferral { id } } }`,
    variables: () => ({ input: { referralId: "7b0e5c1a-0000-4000-8000-0000000000aa", reason: "Not repeated." } }),
  },
  { mutation: "grantAeoStatus", code: "OFFICER_ROLE_REQUIRED", query: DECIDE_AEO("grantAeoStatus"), variables: f => ({ input: { aeoStatusId: f.aeoStatusId, criteria: allCriteria } }) },
  {
    mutation: "refuseAeoStatus",
    code: "OFFICER_ROLE_REQUIRED",
    query: DECIDE_AEO("refuseAeoStatus"),
    variables: f => ({ input: { aeoStatusId: f.aeoStatusId, criteria: allCriteria, reason: "Solvency not proven" } }),
  },
];

describe("callers who may not act: no portal account, or no fitting officer role", () => {
  const f = {} as Fixture;

  beforeAll(async () => {
    const partner = await withApplication("chlogin|m-callers", "80000025", "Callers AG");
    const deputyEmail = "m-callers-deputy@example.ch";
    await securedUser(h, "chlogin|m-callers-deputy", deputyEmail);
    const deputy = await accepted(partner.admin, ADD_USER, { p: partner.partnerId, email: deputyEmail, role: "DEPUTY" });
    f.userEmail = "m-callers-user@example.ch";
    await securedUser(h, "chlogin|m-callers-user", f.userEmail);
    const pendingUid = await registerCompany(h, "80000026", "Callers Pending AG");
    const pending = await accepted(await securedUser(h, "chlogin|m-callers-pending"), REGISTER_PARTNER, { uid: pendingUid });
    Object.assign(f, {
      partnerId: partner.partnerId,
      subscriptionId: partner.subscriptionId,
      applicationId: partner.applicationId,
      freightRoleId: partner.freightRoleId,
      deputyMembershipId: deputy.addPartnerUser.membership.id,
      pendingPartnerId: pending.registerBusinessPartner.businessPartner.id,
      freeUid: await registerCompany(h, "80000028", "Callers Free AG"),
      headOfficeUid: partner.uid,
      consigneeRoleId: (await accepted(partner.admin, REQUEST_ROLE, { p: partner.partnerId, r: "AUTHORISED_CONSIGNEE" })).requestPartnerRole.role.id,
      authorisationId: (await accepted(partner.admin, APPLY, { input: baseApplication(partner.partnerId) })).applyForCustomsSystemAuthorisation.authorisation.id,
      employeeId: (await accepted(partner.admin, ANNOUNCE, { p: partner.partnerId, n: "E1" })).announceDeclarantEmployee.employee.id,
      aeoStatusId: (await accepted(partner.admin, APPLY_AEO, { p: partner.partnerId })).applyForAeoStatus.aeoStatus.id,
    });
  });

  it("names every identity mutation that needs a caller: all but renewApiAccessToken, where the keys are the proof", () => {
    const all = Object.keys(h.subgraph.schema.getMutationType()!.getFields()).filter(name => !isKitMutation(name)).sort();
    expect([...CALLER_CASES.map(c => c.mutation), "renewApiAccessToken"].sort()).toEqual(all);
  });

  const callers: [string, () => Principal][] = [
    ["an anonymous caller", () => ANONYMOUS],
    ["partner software (an API application of the partner)", () => apiApplication(f.applicationId, f.partnerId)],
  ];

  describe.each(callers)("%s", (_name, caller) => {
    it.each(CALLER_CASES)("is refused $mutation with $code, and nothing changes", async ({ query, variables, code }) => {
      await expectRefused(caller(), query, variables(f), code);
    });
  });

  describe("an auditor (a read-only officer)", () => {
    it.each(CALLER_CASES.filter(c => c.code === "OFFICER_ROLE_REQUIRED"))("is refused $mutation with $code, and nothing changes", async ({ query, variables, code }) => {
      await expectRefused(officer("AUDITOR"), query, variables(f), code);
    });
  });
});

describe("an unknown id", () => {
  it.each([
    ["changePartnerUserRole", `mutation ($id: ID!) { changePartnerUserRole(input: { membershipId: $id, portalRole: USER }) { membership { id } } }`],
    ["removePartnerUser", `mutation ($id: ID!) { removePartnerUser(input: { membershipId: $id }) { membership { id } } }`],
    ["removePartnerRole", `mutation ($id: ID!) { removePartnerRole(input: { roleId: $id }) { role { id } } }`],
    ["createApiApplication", `mutation ($id: ID!) { createApiApplication(input: { subscriptionId: $id, softwareName: "Probe" }) { application { id } } }`],
    ["regenerateApiKeys", `mutation ($id: ID!) { regenerateApiKeys(input: { applicationId: $id }) { application { id } } }`],
    ["deleteApiApplication", `mutation ($id: ID!) { deleteApiApplication(input: { applicationId: $id }) { application { id } } }`],
    ["deactivateDeclarantEmployee", `mutation ($id: ID!) { deactivateDeclarantEmployee(input: { employeeId: $id }) { employee { id } } }`],
  ])("tells an anonymous caller of %s only to log in, not whether the id exists", async (_name, query) => {
    await expectRefused(ANONYMOUS, query, { id: randomUUID() }, "UNAUTHENTICATED");
  });
});
