import { getNamedType, GraphQLObjectType, isCompositeType, Kind, parse } from "graphql";
import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as enforcementDefinition } from "../subgraphs/enforcement/enforcement.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { definition as notificationsDefinition } from "../subgraphs/notifications/notifications.subgraph";
import { definition as warehousingDefinition } from "../subgraphs/warehousing/warehousing.subgraph";
import { ANONYMOUS, Principal, PRINCIPAL_HEADER, signingSecret, signPrincipal } from "../subgraphs/kit";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 7, "access on every entry": every entity type that any subgraph resolves, as the composed
 * supergraph lists them, is asked for through that subgraph's `_entities` with a valid signed
 * principal of another partner; each of its fields must then be refused (or the entity withheld),
 * unless it is listed below as public with the reason. The owner's own principal is the control:
 * it reads every one of these fields. A new entity type or field without an access check fails
 * here, and so does a new entity type without a fixture.
 */

/** Who reads an entity as its owner, where it is not every principal of the owning partner. */
const OWNED_BY_THE_USER_ONLY: Record<string, string> = {
  "identity.PortalUser": "a user's profile is the user's own: the partner's software reads no user's e-mail or second factor",
  "notifications.PortalUser": "a user's inbox view (read marks, unread count) is the user's own: the partner's software reads partnerNotifications",
};

/**
 * Fields no partner reads, not even the one concerned, by `subgraph.Type` (`*`: the whole type),
 * with why: for these, every partner principal and anonymous callers are the outsiders, and an
 * officer with the roles given is the control that reads them.
 */
const OFFICERS_ONLY: Record<string, { fields: string[] | "*"; why: string }> = {
  "enforcement.OffenceCase": { fields: "*", why: "the investigation is the administration's (ENF-R21); the person punished sees its PenaltyDecision" },
  "enforcement.Control": { fields: "*", why: "controls are made without prior notice (LD art. 31); their findings are the administration's" },
  "enforcement.Seizure": { fields: "*", why: "evidence and seizures belong to the investigation (ENF-R21)" },
  "debt.Seizure": { fields: "*", why: "customs pledges are the officers' in debt" },
  "enforcement.BusinessPartner": { fields: ["offenceCases", "complianceProfile"], why: "cases and the compliance profile are the administration's (ENF-R21); the partner reads its decisions" },
  "enforcement.CustomsDeclaration": { fields: ["offenceCases"], why: "cases are for enforcement roles (ENF-R21)" },
};
const ENFORCEMENT_OFFICER: Principal = { kind: "OFFICER", subject: "officer-access-enforcement", partners: [], officerRoles: ["BORDER_GUARD", "ANTI_FRAUD"] };

/** Fields any authenticated caller may read, by `subgraph.Type`, with why. `*`: the whole type. */
const PUBLIC: Record<string, { fields: string[] | "*"; why: string }> = {
  "identity.BusinessPartner": {
    fields: ["partnerType", "name", "uid", "berNumber", "registerAddress", "entryMode", "domicileInCustomsTerritory", "status", "createdAt", "headOffice", "apiSelfServiceAvailable"],
    why: "the UID register's public facts (ID-R05), and whether the partner can use API self-service at all; its roles, users, keys and authorisations are private",
  },
  "declarations.CustomsOffice": { fields: "*", why: "reference data: the offices, their canton and counter hours are published" },
  "warehousing.StorageFacility": {
    fields: ["kind", "name", "address", "inventoryKeeper", "createdAt", "operator", "controlOffice"],
    why: "where a warehouse or free deposit is and who runs it, for depositors choosing one (a free deposit is open to all on equal terms, LD art. 64); its authorisation, stock and inventory are private",
  },
};

let g: Graph;
let owner: OnboardedDeclarant;
let outsider: OnboardedDeclarant;
let officer: string;
/** The representation of one instance owned by `owner`, by `subgraph.Type`. */
const fixtures: Record<string, { id: string }> = {};

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_access", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, warehousingDefinition, debtDefinition, enforcementDefinition, notificationsDefinition]);
  officer = await mintDevToken({ kind: "officer", sub: "officer-access", roles: ["CUSTOMS_OFFICE", "DISTRICT_DIRECTORATE"] });
  const enforcer = await mintDevToken({ kind: "officer", sub: "officer-access-enforcement", roles: ["BORDER_GUARD", "ANTI_FRAUD"] });
  owner = await onboardDeclarant(g.gatewayUrl, g.spool, "94000001", "Owner Logistik AG");
  outsider = await onboardDeclarant(g.gatewayUrl, g.spool, "94000002", "Outsider Transport AG");
  await g.drainEvents();
  g.clock.set("2026-03-02T09:00:00+01:00");
  await owner.renew();
  await outsider.renew();

  const call = (query: string, variables: Record<string, unknown>, bearer: string) => gql(g.gatewayUrl, query, variables, { bearer });
  const presentation = ok(await call(`mutation ($p: ID!) { presentGoods(input: { officeId: "1001", presenterId: $p, summaryForm: ELECTRONIC, place: "Basel", goodsDescription: "Shoes" }) { presentation { id } } }`, { p: owner.partnerId }, owner.software())).presentGoods.presentation.id;
  const declaration = ok(
    await call(
      `mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id } } }`,
      { input: { declarantId: owner.partnerId, officeId: "1001", direction: "IMPORT", procedure: "FREE_CIRCULATION", destination: "CUSTOMS_PROCEDURE", channel: "PASSAR_B2B", businessNumber: owner.businessNumber, personalNumber: owner.personalNumber, language: "de", presentationId: presentation, items: [{ tariffNumber: "6109.1000", description: "Shoes", netMassKg: "90.000", grossMassKg: "100.000", value: "5000.00", origin: "IT" }] } },
      owner.software(),
    ),
  ).lodgeDeclaration.declaration.id;
  const taxation = ok(await call(`mutation ($id: ID!) { taxDeclaration(input: { declarationId: $id, kind: FINAL }) { taxationDecision { id } } }`, { id: declaration }, officer)).taxDeclaration.taxationDecision.id;
  await g.drainEvents();
  const debt = ok(await call(`query ($id: ID!) { declaration(id: $id) { taxationDecision { customsDebt { id } } } }`, { id: declaration }, officer)).declaration.taxationDecision.customsDebt.id;
  const security = ok(await call(`mutation ($d: ID!) { provideSecurity(input: { debtorId: $d, kind: CASH_DEPOSIT, maxAmount: "1000.00" }) { security { id } } }`, { d: owner.partnerId }, officer)).provideSecurity.security.id;
  const me = ok(await call(`{ me { id } }`, {}, owner.admin)).me.id;
  // Issue 9: a temporary admission's case and a processing authorisation of the owner.
  const admitted = ok(
    await call(
      `mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { id } } }`,
      { input: { declarantId: owner.partnerId, officeId: "1001", direction: "IMPORT", procedure: "TEMPORARY_ADMISSION", destination: "CUSTOMS_PROCEDURE", channel: "PASSAR_B2B", businessNumber: owner.businessNumber, personalNumber: owner.personalNumber, language: "de", plannedCrossingAt: "2026-03-02T15:00:00+01:00", items: [{ tariffNumber: "8703.2300", description: "Exhibition car", netMassKg: "1400.000", grossMassKg: "1500.000", value: "60000.00", origin: "DE" }] } },
      owner.software(),
    ),
  ).lodgeDeclaration.declaration.id;
  const procedureCase = ok(await call(`mutation ($id: ID!) { openProcedureCase(input: { declarationId: $id, timeLimit: "2026-06-30T18:00:00+02:00", transport: ROAD, identification: "VIN WDB1234567" }) { procedureCase { id } } }`, { id: admitted }, officer)).openProcedureCase.procedureCase.id;
  const processing = ok(
    await call(`mutation ($h: ID!) { grantProcessingAuthorisation(input: { holderId: $h, kind: OUTWARD, system: SUSPENSION, issuer: CUSTOMS_OFFICE, issuingOfficeId: "1001", annexCategory: COMMERCIAL_GOODS_REPAIR, processing: "Repair of textile machines", tariffHeadings: ["8445"], validUntil: "2026-12-31T23:59:59+01:00" }) { authorisation { id } } }`, { h: owner.partnerId }, officer),
  ).grantProcessingAuthorisation.authorisation.id;
  // Issue 10: a consumer goods warehouse the owner operates, with its lot (whose conditional debt is in debt).
  const silo = ok(await call(`mutation ($p: ID!) { applyForStorageFacility(input: { operatorId: $p, kind: CONSUMER_GOODS_WAREHOUSE, name: "Silo Owner", address: "Hafen 1, 4057 Basel", controlOfficeId: "1001", domiciledInSwitzerland: true, properOperationGuaranteed: true }) { facility { id } } }`, { p: owner.partnerId }, owner.software())).applyForStorageFacility.facility.id;
  ok(await call(`mutation ($f: ID!) { decideStorageFacility(input: { facilityId: $f, grant: true, disproportionateAdministrativeCost: false, admittedGoods: ["1001"] }) { authorisation { status } } }`, { f: silo }, officer));
  const lot = ok(
    await call(`mutation ($f: ID!, $p: ID!, $d: ID!) { recordLotEntry(input: { facilityId: $f, officeId: "1001", depositorId: $p, entryDeclarationId: $d, presentedAt: "2026-03-02T08:30:00+01:00", goodsDescription: "Wheat", tariffNumber: "1001.9900", netMassKg: "12000.000", suitableForBulkTransport: true, conditionalDuties: "5040.00" }) { lot { id } } }`, { f: silo, p: owner.partnerId, d: declaration }, officer),
  ).recordLotEntry.lot.id;
  // Issue 11: a case against the owner about its declaration, a control at it, its goods seized as pledge (X21).
  const offenceCase = ok(await call(`mutation ($p: ID!, $d: ID!) { openOffenceCase(input: { offenceType: CUSTOMS_EVASION, suspectIds: [$p], declarationIds: [$d], facts: "Shoes declared as T-shirts" }) { offenceCase { id } } }`, { p: owner.partnerId, d: declaration }, enforcer)).openOffenceCase.offenceCase.id;
  const control = ok(await call(`mutation ($p: ID!, $c: ID!) { planControl(input: { kind: BORDER_AREA_CONTROL, targetId: $p, place: "Basel", caseId: $c }) { control { id } } }`, { p: owner.partnerId, c: offenceCase }, enforcer)).planControl.control.id;
  const seizure = ok(await call(`mutation ($p: ID!, $c: ID!, $d: ID!) { seizeGoods(input: { kind: SMUGGLED_GOODS, objects: "Shoes", caseId: $c, declarationId: $d, ownerId: $p }) { seizure { id } } }`, { p: owner.partnerId, c: offenceCase, d: declaration }, enforcer)).seizeGoods.seizure.id;
  // The case's conditional debt (X11), the lot's (X14) and the seized goods' pledge (X21) exist in debt before their access is checked.
  await g.drainEvents();
  // The owner's notice of its taxation decision (X08 → notifications).
  const notification = ok(await call(`{ me { notifications(first: 1) { edges { node { id kind } } } } }`, {}, owner.admin)).me.notifications.edges[0].node.id;

  Object.assign(fixtures, {
    "identity.BusinessPartner": { id: owner.partnerId },
    "identity.PortalUser": { id: me },
    "declarations.BusinessPartner": { id: owner.partnerId },
    "declarations.CustomsDeclaration": { id: declaration },
    "declarations.TaxationDecision": { id: taxation },
    "declarations.CustomsOffice": { id: "1001" },
    "declarations.ProcedureCase": { id: procedureCase },
    "declarations.ProcessingAuthorisation": { id: processing },
    "debt.ProcedureCase": { id: procedureCase },
    "debt.StoredLot": { id: lot },
    "warehousing.StorageFacility": { id: silo },
    "warehousing.StoredLot": { id: lot },
    "warehousing.BusinessPartner": { id: owner.partnerId },
    "warehousing.CustomsDeclaration": { id: declaration },
    "debt.BusinessPartner": { id: owner.partnerId },
    "debt.CustomsDebt": { id: debt },
    "debt.Security": { id: security },
    "debt.TaxationDecision": { id: taxation },
    "debt.Seizure": { id: seizure },
    "enforcement.OffenceCase": { id: offenceCase },
    "enforcement.Control": { id: control },
    "enforcement.Seizure": { id: seizure },
    "enforcement.BusinessPartner": { id: owner.partnerId },
    "enforcement.CustomsDeclaration": { id: declaration },
    "notifications.Notification": { id: notification },
    "notifications.PortalUser": { id: me },
  });
});
afterAll(async () => {
  await g?.stop();
});

/** `subgraph.Type` of every entity a subgraph resolves, read from the composed supergraph's join directives. */
function entityTypesFromSupergraph(supergraphSdl: string): string[] {
  const doc = parse(supergraphSdl);
  const graphs = new Map<string, string>();
  const found: string[] = [];
  for (const def of doc.definitions) {
    if (def.kind === Kind.ENUM_TYPE_DEFINITION && def.name.value === "join__Graph") {
      for (const value of def.values ?? []) {
        const name = value.directives?.find(d => d.name.value === "join__graph")?.arguments?.find(a => a.name.value === "name")?.value;
        if (name?.kind === Kind.STRING) graphs.set(value.name.value, name.value);
      }
    }
  }
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    for (const d of def.directives ?? []) {
      if (d.name.value !== "join__type") continue;
      const arg = (n: string) => d.arguments?.find(a => a.name.value === n)?.value;
      const graph = arg("graph");
      const key = arg("key");
      const resolvable = arg("resolvable");
      if (graph?.kind !== Kind.ENUM || !key || (resolvable?.kind === Kind.BOOLEAN && !resolvable.value)) continue;
      found.push(`${graphs.get(graph.value)}.${def.name.value}`);
    }
  }
  return found.sort();
}

/** The fields of an entity type in one subgraph's own schema, each with a selection that resolves it. */
function fieldsOf(subgraph: string, type: string): { name: string; selection: string }[] {
  const schemaType = g.subgraphs[subgraph].subgraph.schema.getType(type) as GraphQLObjectType;
  return Object.values(schemaType.getFields())
    .filter(f => f.name !== "id")
    .map(f => {
      const required = f.args.filter(a => a.type.toString().endsWith("!") && a.defaultValue === undefined);
      if (required.length) throw new Error(`${subgraph}.${type}.${f.name} has required arguments: give the test a selection for it`);
      return { name: f.name, selection: isCompositeType(getNamedType(f.type)) ? `${f.name} { __typename }` : f.name };
    });
}

async function entities(subgraph: string, principal: Principal, type: string, id: string, selection: string): Promise<GraphQLResponse> {
  return gql(`${g.subgraphs[subgraph].host.url}/graphql`, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on ${type} { ${selection} } } }`, { r: [{ __typename: type, id }] }, { principal, audience: subgraph });
}

/** The principals identity gives the gateway for a portal user and for partner software. */
async function principalsOf(d: OnboardedDeclarant): Promise<Principal[]> {
  const principals = g.subgraphs.identity.subgraph.services.principals;
  return [await principals.forPortalUser(d.adminSubject), await principals.forAccessToken(d.software())];
}

it("knows every entity type of the composed supergraph, and has an instance of each for the test", () => {
  const types = entityTypesFromSupergraph(g.supergraphSdl);
  expect(types.length).toBeGreaterThanOrEqual(10);
  expect(types.filter(t => !fixtures[t])).toEqual([]);
});

it("refuses every private field of every entity, through _entities, to another partner's user and software and to anonymous callers; the owner reads them all", async () => {
  const leaks: string[] = [];
  const broken: string[] = [];
  const outsiders = [...(await principalsOf(outsider)), ANONYMOUS];
  const owners = await principalsOf(owner);
  for (const entity of entityTypesFromSupergraph(g.supergraphSdl)) {
    const [subgraph, type] = entity.split(".");
    const pub = PUBLIC[entity];
    if (pub?.fields === "*") continue;
    const officersOnly = OFFICERS_ONLY[entity];
    for (const field of fieldsOf(subgraph, type)) {
      if (pub?.fields.includes(field.name)) continue;
      const forOfficers = officersOnly && (officersOnly.fields === "*" || officersOnly.fields.includes(field.name));
      for (const principal of forOfficers ? [...outsiders, ...owners] : outsiders) {
        const res = await entities(subgraph, principal, type, fixtures[entity].id, field.selection);
        const value = res.data?._entities?.[0];
        const refused = value === null || value === undefined || (value[field.name] === null && res.errors?.some(e => ["FORBIDDEN", "UNAUTHENTICATED"].includes(e.extensions?.code)));
        if (!refused || res.errors?.some(e => e.extensions?.code === "INTERNAL_SERVER_ERROR")) leaks.push(`${entity}.${field.name} as ${principal.kind}: ${JSON.stringify(res)}`);
      }
      const readers = forOfficers ? [ENFORCEMENT_OFFICER] : OWNED_BY_THE_USER_ONLY[entity] ? owners.filter(p => p.kind === "PORTAL_USER") : owners;
      for (const principal of readers) {
        const res = await entities(subgraph, principal, type, fixtures[entity].id, field.selection);
        if (res.errors || !res.data?._entities?.[0]) broken.push(`${entity}.${field.name} as owner ${principal.kind}: ${JSON.stringify(res)}`);
      }
    }
  }
  expect(leaks).toEqual([]);
  expect(broken).toEqual([]);
});

it("withholds every entity from anonymous callers, its public fields included, and serves the public ones to any signed-in caller", async () => {
  for (const [entity, { fields }] of Object.entries(PUBLIC)) {
    const [subgraph, type] = entity.split(".");
    const field = fields === "*" ? fieldsOf(subgraph, type)[0] : fieldsOf(subgraph, type).find(f => f.name === fields[0])!;
    const [outsiderUser] = await principalsOf(outsider);
    const res = await entities(subgraph, outsiderUser, type, fixtures[entity].id, field.selection);
    expect(res.errors).toBeUndefined();
    expect(res.data?._entities?.[0]?.[field.name]).toBeDefined();
  }
  const anonymous = await entities("identity", ANONYMOUS, "BusinessPartner", fixtures["identity.BusinessPartner"].id, "name");
  expect(anonymous.data?._entities).toEqual([null]);
});

it("refuses a principal signed for another subgraph, and one past its lifetime (UNSIGNED_REQUEST)", async () => {
  const [ownerUser] = await principalsOf(owner);
  const url = `${g.subgraphs.debt.host.url}/graphql`;
  const body = JSON.stringify({ query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Security { maxAmount } } }`, variables: { r: [{ __typename: "Security", id: fixtures["debt.Security"].id }] } });
  const send = async (token: string) => {
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", [PRINCIPAL_HEADER]: token }, body });
    return { status: res.status, body: (await res.json()) as GraphQLResponse };
  };
  // The control: signed for debt, fresh.
  expect((await send(await signPrincipal(ownerUser, signingSecret(), "debt"))).body.data?._entities).toEqual([{ maxAmount: "1000.00" }]);
  const forIdentity = await send(await signPrincipal(ownerUser, signingSecret(), "identity"));
  expect(forIdentity).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: "UNSIGNED_REQUEST" } }] } });
  const shortLived = await signPrincipal(ownerUser, signingSecret(), "debt", 1);
  await new Promise(resolve => setTimeout(resolve, 7000));
  expect(await send(shortLived)).toMatchObject({ status: 401, body: { errors: [{ extensions: { code: "UNSIGNED_REQUEST" } }] } });
}, 20_000);
