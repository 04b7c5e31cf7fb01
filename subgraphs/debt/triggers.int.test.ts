import { randomUUID } from "node:crypto";
import { Principal } from "../kit";
import { CUSTOMS, DebtHarness, partnerUser, startDebt } from "../../test/support/debt-harness";

/**
 * Debts the office establishes itself: an omitted declaration (LD art. 69 let. c-d) and the
 * conditional debt of a procedure (LD art. 49, 58-60, 76 para. 1), on MariaDB.
 */
let h: DebtHarness;

beforeAll(async () => {
  h = await startDebt("customs_test_debt_triggers", "2026-03-02T09:00:00+01:00");
  await h.subgraph.jobs.stop();
});
afterAll(async () => {
  await h?.stop();
});

async function expectRefused(principal: Principal, query: string, variables: Record<string, unknown>, code: string) {
  const before = await h.fingerprint();
  const res = await h.as(principal, query, variables);
  expect(res.errors?.[0]?.extensions?.code).toBe(code);
  expect(await h.fingerprint()).toBe(before);
}

const OMITTED = `mutation ($input: OmittedDebtInput!) { recordOmittedDeclarationDebt(input: $input) { customsDebt { id status birthTrigger arisenAt amount dueAt caseReference declaration { id } debtors { basis } } } }`;
const CONDITIONAL = `mutation ($input: ConditionalDebtInput!) { recordConditionalDebt(input: $input) { customsDebt { id status conditional amount birthTrigger } } }`;
const SETTLE = `mutation ($id: ID!, $d: Boolean!) { settleProcedureDebt(input: { debtId: $id, discharged: $d }) { customsDebt { status paymentDeadline } } }`;
const PROVIDE = `mutation ($input: ProvideSecurityInput!) { provideSecurity(input: $input) { security { id } } }`;
const EXPOSURE = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on BusinessPartner { exposure { openDebts conditionalDebts bonds { edges { node { headroom } } } } } } }`;

it("records the debt of an omitted declaration, born when the goods crossed the border (DEBT-R02, LD art. 69 let. c)", async () => {
  const smuggler = randomUUID();
  const res = await h.as(CUSTOMS, OMITTED, { input: { reference: "CASE-2026-17", debtorIds: [smuggler], trigger: "OMITTED_DECLARATION_CROSSING", arisenAt: "2026-02-14T06:30:00+01:00", amount: "1250.00" } });
  expect(res.errors).toBeUndefined();
  expect(res.data?.recordOmittedDeclarationDebt?.customsDebt).toMatchObject({ status: "DUE", birthTrigger: "OMITTED_DECLARATION_CROSSING", arisenAt: "2026-02-14T05:30:00.000Z", dueAt: "2026-02-14T05:30:00.000Z", amount: "1250.00", caseReference: "omitted:CASE-2026-17", declaration: null, debtors: [{ basis: "CONVEYOR" }] });
  await expectRefused(CUSTOMS, OMITTED, { input: { reference: "CASE-2026-17", debtorIds: [smuggler], trigger: "OMITTED_DECLARATION_DISCOVERY", arisenAt: "2026-03-01T10:00:00+01:00", amount: "1.00" } }, "DEBT_ALREADY_RECORDED");
  await expectRefused(CUSTOMS, OMITTED, { input: { reference: "CASE-2026-18", debtorIds: [smuggler], trigger: "ACCEPTANCE", arisenAt: "2026-03-01T10:00:00+01:00", amount: "1.00" } }, "BAD_USER_INPUT");
  await expectRefused(CUSTOMS, OMITTED, { input: { reference: "CASE-2026-19", debtorIds: [smuggler], trigger: "OMITTED_DECLARATION_DISCOVERY", arisenAt: "2026-03-03T10:00:00+01:00", amount: "1.00" } }, "BAD_USER_INPUT");
  await expectRefused(partnerUser(smuggler), OMITTED, { input: { reference: "CASE-2026-20", debtorIds: [smuggler], trigger: "OMITTED_DECLARATION_DISCOVERY", arisenAt: "2026-03-01T10:00:00+01:00", amount: "1.00" } }, "OFFICER_ROLE_REQUIRED");
});

it("refuses a debtor id that is not a partner id, and a birth the 15-year limit has barred, writing nothing (DEBT-R03, LD art. 70; DEBT-R11, LD art. 75 para. 4)", async () => {
  const input = { reference: "CASE-2026-30", debtorIds: [randomUUID()], trigger: "OMITTED_DECLARATION_DISCOVERY", arisenAt: "2026-03-01T10:00:00+01:00", amount: "10.00" };
  const malformed = await h.as(CUSTOMS, OMITTED, { input: { ...input, debtorIds: ["Bernasconi & Co"] } });
  expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "debtorIds" });
  await expectRefused(CUSTOMS, OMITTED, { input: { ...input, debtorIds: ["Bernasconi & Co"] } }, "BAD_USER_INPUT");
  // Arisen in 2010: barred at the end of 2025, whatever happened since.
  await expectRefused(CUSTOMS, OMITTED, { input: { ...input, arisenAt: "2010-06-01T10:00:00+02:00" } }, "DEBT_TIME_BARRED");
  await expectRefused(CUSTOMS, OMITTED, { input: { ...input, arisenAt: "2000-01-01T00:00:00Z" } }, "DEBT_TIME_BARRED");
  // The control: arisen in 2011, it is barred only at the end of 2026.
  expect((await h.as(CUSTOMS, OMITTED, { input: { ...input, arisenAt: "2011-01-10T10:00:00+01:00" } })).data?.recordOmittedDeclarationDebt?.customsDebt).toMatchObject({ status: "DUE" });
});

it("records the debt of goods released from an open warehouse without declaration (DEBT-R02, LD art. 69 let. d)", async () => {
  const operator = randomUUID();
  const res = await h.as(CUSTOMS, OMITTED, { input: { reference: "WH-7", debtorIds: [operator], trigger: "WAREHOUSE_RELEASE_WITHOUT_DECLARATION", arisenAt: "2026-02-20T14:00:00+01:00", amount: "300.00" } });
  expect(res.data?.recordOmittedDeclarationDebt?.customsDebt).toMatchObject({ birthTrigger: "WAREHOUSE_RELEASE_WITHOUT_DECLARATION", status: "DUE" });
});

it("secures a procedure's conditional debt on opening, then extinguishes it on discharge or makes it due (DEBT-R12, LD art. 76 para. 1; LD art. 49 para. 3)", async () => {
  const carrier = randomUUID();
  const surety = randomUUID();
  await expectRefused(CUSTOMS, CONDITIONAL, { input: { reference: "T1-0001", debtorId: carrier, procedure: "TRANSIT", amount: "4000.00", securityIds: [randomUUID()] } }, "SECURITY_REQUIRED");
  const bond = (await h.as(CUSTOMS, PROVIDE, { input: { debtorId: carrier, kind: "GENERAL_BOND", maxAmount: "10000.00", suretyId: surety } })).data!.provideSecurity.security.id;
  const first = (await h.as(CUSTOMS, CONDITIONAL, { input: { reference: "T1-0001", debtorId: carrier, procedure: "TRANSIT", amount: "4000.00", securityIds: [bond] } })).data!.recordConditionalDebt.customsDebt;
  expect(first).toMatchObject({ status: "CONDITIONAL", conditional: true, amount: "4000.00", birthTrigger: "PROCEDURE" });
  const second = (await h.as(CUSTOMS, CONDITIONAL, { input: { reference: "T1-0002", debtorId: carrier, procedure: "TEMPORARY_ADMISSION", amount: "5000.00", securityIds: [bond] } })).data!.recordConditionalDebt.customsDebt;
  // A bond with no headroom left secures nothing: the debt would be unsecured.
  const full = (await h.as(CUSTOMS, PROVIDE, { input: { debtorId: carrier, kind: "GENERAL_BOND", maxAmount: "1.00", suretyId: surety } })).data!.provideSecurity.security.id;
  expect((await h.as(CUSTOMS, CONDITIONAL, { input: { reference: "T1-0003", debtorId: carrier, procedure: "TRANSIT", amount: "1.00", securityIds: [full] } })).errors).toBeUndefined();
  await expectRefused(CUSTOMS, CONDITIONAL, { input: { reference: "T1-0004", debtorId: carrier, procedure: "TRANSIT", amount: "1000.00", securityIds: [full] } }, "SECURITY_REQUIRED");
  // Both bonds were given at the same moment: their order is the id's, so compare them by headroom.
  const exposure = async () => {
    const e = (await h.as(partnerUser(carrier), EXPOSURE, { r: [{ __typename: "BusinessPartner", id: carrier }] })).data!._entities[0].exposure;
    return { ...e, bonds: e.bonds.edges.map((edge: any) => edge.node).sort((a: { headroom: string }, b: { headroom: string }) => Number(b.headroom) - Number(a.headroom)) };
  };
  expect(await exposure()).toEqual({ openDebts: "0.00", conditionalDebts: "9001.00", bonds: [{ headroom: "1000.00" }, { headroom: "0.00" }] });

  expect((await h.as(CUSTOMS, SETTLE, { id: first.id, d: true })).data?.settleProcedureDebt?.customsDebt.status).toBe("EXTINGUISHED");
  expect((await h.as(CUSTOMS, SETTLE, { id: second.id, d: false })).data?.settleProcedureDebt?.customsDebt).toEqual({ status: "DUE", paymentDeadline: "2026-04-01T21:59:59.999Z" });
  await expectRefused(CUSTOMS, SETTLE, { id: second.id, d: true }, "NOT_CONDITIONAL");
  expect(await exposure()).toEqual({ openDebts: "5000.00", conditionalDebts: "1.00", bonds: [{ headroom: "5000.00" }, { headroom: "0.00" }] });
});
