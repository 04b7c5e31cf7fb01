import type { Principal } from "../../subgraphs/kit";
import { CUSTOMS, Declarant, DeclarationsHarness, importInput, LODGE } from "./declarations-harness";
import type { GraphQLResponse } from "./graphql";

/**
 * Building blocks for declarations scenarios: the operations as a client sends them, and the
 * short paths to a declaration in a given state (presented and lodged, pre-declared, taxed,
 * removed). Each step fails loudly, so that a scenario's assertions only ever see the state it
 * asked for.
 */

export const PRESENT = /* GraphQL */ `
  mutation ($input: PresentGoodsInput!) {
    presentGoods(input: $input) { presentation { id status presentedAt } }
  }`;

/** What the scenarios read back of a declaration. */
export const DECLARATION = /* GraphQL */ `
  id declarationNumber status version direction channel isPreDeclaration acceptedAt crossedBorderAt
  selectionResult releasedAt removedAt incorrectParticularsFoundAt
  presentation { id status }
  items { position tariffNumber description grossMassKg quantity }
  documents { edges { node { kind identificationMark dueAt dueRule submittedAt } } }`;

export const GET = `query ($id: ID!) { declaration(id: $id) { ${DECLARATION} } }`;
export const LODGE_FULL = `mutation ($input: LodgeDeclarationInput!) { lodgeDeclaration(input: $input) { declaration { ${DECLARATION} } } }`;
export const WITHDRAW = `mutation ($id: ID!) { withdrawDeclaration(input: { declarationId: $id }) { declaration { id status version } } }`;
export const RECTIFY = `mutation ($id: ID!, $items: [DeclarationItemInput!]!) { rectifyDeclaration(input: { declarationId: $id, items: $items }) { declaration { id status version items { position tariffNumber grossMassKg } } } }`;
export const REFUSE = `mutation ($id: ID!, $reasons: [String!]!) { refuseDeclaration(input: { declarationId: $id, reasons: $reasons }) { refusal { id refusedAt reasons resubmittedAt } } }`;
export const RESUBMIT = `mutation ($id: ID!, $items: [DeclarationItemInput!]!) { resubmitDeclaration(input: { declarationId: $id, items: $items }) { declaration { id status version } } }`;
export const EXTEND_RESUBMISSION = `mutation ($id: ID!, $until: DateTime!, $reason: String!) { extendResubmission(input: { declarationId: $id, until: $until, reason: $reason }) { refusal { id resubmissionDueBy } } }`;
export const SUBMIT = `mutation ($m: String!) { submitDocument(input: { identificationMark: $m }) { document { identificationMark submittedAt } } }`;
export const OVERRIDE_DOCUMENT = `mutation ($m: String!, $at: DateTime!, $reason: String!) { overrideDocumentDeadline(input: { identificationMark: $m, newDueAt: $at, reason: $reason }) { override { deadlineKind newValue reason officer } } }`;
export const ORDER_VERIFICATION = `mutation ($id: ID!, $scope: VerificationScope!, $sample: [String!]) { orderVerification(input: { declarationId: $id, scope: $scope, sampledTariffNumbers: $sample }) { verification { id scope requestedFullByDeclarant sampledTariffNumbers coveredItems { position tariffNumber } } } }`;
export const REQUEST_FULL = `mutation ($id: ID!) { requestFullVerification(input: { declarationId: $id }) { verification { id scope requestedFullByDeclarant coveredItems { position } } } }`;
export const RECORD_VERIFICATION = `mutation ($id: ID!, $conforms: Boolean!) { recordVerificationResult(input: { verificationId: $id, conforms: $conforms, result: "Inspected at the ramp" }) { verification { id conforms result recordedAt } } }`;
export const RELEASE = `mutation ($id: ID!) { releaseGoods(input: { declarationId: $id }) { declaration { id releasedAt } } }`;
export const REMOVE = `mutation ($id: ID!) { recordRemoval(input: { declarationId: $id }) { declaration { id removedAt } } }`;
export const EXTEND_REMOVAL = `mutation ($id: ID!, $until: DateTime!, $reason: String!) { extendRemovalDeadline(input: { declarationId: $id, until: $until, reason: $reason }) { override { deadlineKind newValue } } }`;

export const TAXATION = `id kind status establishedAt notifiedAt downloadedAt paperIssued totalDuties nonCollected documentsDueBy lines { position tariffNumber rateApplied basis amount note }`;
export const TAX = `mutation ($id: ID!, $kind: TaxationKind!, $due: DateTime, $highest: Boolean) { taxDeclaration(input: { declarationId: $id, kind: $kind, documentsDueBy: $due, applyHighestRate: $highest }) { taxationDecision { ${TAXATION} } } }`;
export const DOWNLOAD = `mutation ($id: ID!) { recordTaxationDownload(input: { taxationDecisionId: $id }) { taxationDecision { id downloadedAt } } }`;
export const CANCEL = `mutation ($id: ID!, $notice: String!) { cancelTaxationDecision(input: { taxationDecisionId: $id, notice: $notice }) { taxationDecision { id status cancelledAt cancellationNotice } } }`;
export const REQUEST_CHANGE = `mutation ($id: ID!, $items: [DeclarationItemInput!]!) { requestTaxationChange(input: { declarationId: $id, ground: WRONG_PROCEDURE_BY_ERROR, justification: "Declared under the wrong tariff number by error", correctedItems: $items }) { request { id status ground goodsLeftCustodyAt } } }`;
export const DECIDE_CHANGE = `mutation ($id: ID!, $grant: Boolean!) { decideTaxationChange(input: { requestId: $id, grant: $grant, reason: "Invoice and packing list checked" }) { request { id status decisionReason } } }`;
export const APPEAL = `mutation ($id: ID!) { fileAppeal(input: { taxationDecisionId: $id, grounds: "The rate applied is not the one in force." }) { appeal { id contestedType contestedId instance status deadline } } }`;
export const DECIDE_APPEAL = `mutation ($id: ID!, $outcome: String!) { decideAppeal(input: { appealId: $id, outcome: $outcome }) { appeal { id instance status decidedAt outcome furtherAppealDeadline } } }`;
export const APPEAL_TO_DGD = `mutation ($id: ID!) { appealToDgd(input: { appealId: $id, grounds: "The district directorate misread the tariff." }) { appeal { id contestedType contestedId instance status deadline } } }`;
export const TAXATIONS = `query ($id: ID!) { declaration(id: $id) { version taxationDecision { id kind } taxationDecisions { edges { node { id kind status totalDuties lines { tariffNumber amount } } } } } }`;

/** A line of goods; masses in kg as the API takes them (exact decimal strings). */
export function item(tariffNumber: string, grossMassKg: string, extra: Record<string, unknown> = {}) {
  return { tariffNumber, description: `Goods of ${tariffNumber}`, netMassKg: grossMassKg, grossMassKg, value: "1000.00", origin: "DE", ...extra };
}

/** An export through e-dec, otherwise like `importInput`. */
export function exportInput(d: Pick<Declarant, "partnerId" | "businessNumber" | "personalNumber">, overrides: Record<string, unknown> = {}) {
  return importInput(d, { direction: "EXPORT", procedure: "EXPORT", channel: "EDEC", ...overrides });
}

/** Transit through NCTS (DEC-R13: transit is declared through NCTS, or Passar by analogy). */
export function transitInput(d: Declarant, overrides: Record<string, unknown> = {}) {
  return importInput(d, { direction: "TRANSIT", procedure: "TRANSIT", channel: "NCTS", ...overrides });
}

/** The data of a response that must have succeeded; otherwise the scenario stops with the errors. */
export function ok<T = Record<string, any>>(res: GraphQLResponse<T>, what: string): T {
  if (res.errors?.length || !res.data) throw new Error(`${what} failed: ${JSON.stringify(res.errors)}`);
  return res.data;
}

/** Presents goods at Basel (DEC-R03) and returns the presentation's id. */
export async function present(h: DeclarationsHarness, d: Declarant, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await h.as(d.software, PRESENT, { input: { officeId: "1001", presenterId: d.partnerId, summaryForm: "ELECTRONIC", place: "Basel Weil-Autobahn", goodsDescription: "Goods", ...extra } });
  return ok(res, "presentGoods").presentGoods.presentation.id;
}

/** Presents the goods, then lodges their declaration (a declaration after presentation). */
export async function lodgePresented(h: DeclarationsHarness, d: Declarant, overrides: Record<string, unknown> = {}, input: (d: Declarant, overrides: Record<string, unknown>) => unknown = importInput): Promise<Record<string, any>> {
  const presentationId = await present(h, d);
  const res = await h.as(d.software, LODGE_FULL, { input: input(d, { presentationId, ...overrides }) });
  const lodged = ok(res, "lodgeDeclaration").lodgeDeclaration.declaration;
  // DEC-R18 (OD-AFD art. 20d para. 3): the office accepts an e-dec web declaration it received with the goods.
  if (overrides.channel === "EDEC_WEB") return ok(await h.as(CUSTOMS, ATTEST_EDEC_WEB, { id: lodged.id }), "attestEdecWebAcceptance").attestEdecWebAcceptance.declaration;
  return lodged;
}

export const ATTEST_EDEC_WEB = `mutation ($id: ID!) { attestEdecWebAcceptance(input: { declarationId: $id }) { declaration { ${DECLARATION} } } }`;

/** Lodges a pre-declaration whose goods cross at `plannedCrossingAt` (same day, 15:00, by default). */
export async function preDeclare(h: DeclarationsHarness, d: Declarant, overrides: Record<string, unknown> = {}, input = importInput): Promise<Record<string, any>> {
  const res = await h.as(d.software, LODGE_FULL, { input: input(d, { plannedCrossingAt: "2026-03-02T15:00:00+01:00", ...overrides }) });
  return ok(res, "lodgeDeclaration").lodgeDeclaration.declaration;
}

/**
 * Lodges `count` pre-declarations of the same goods, for volume, one after the other (lodgings
 * at the same moment deadlock on MariaDB, see the rules suite); returns their ids in order.
 */
export async function lodgeMany(h: DeclarationsHarness, d: Declarant, count: number, overrides: Record<string, unknown> = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await h.as(d.software, LODGE, { input: importInput(d, { plannedCrossingAt: "2026-03-02T15:00:00+01:00", ...overrides }) });
    ids.push(ok(res, "lodgeDeclaration").lodgeDeclaration.declaration.id);
  }
  return ids;
}

/** Taxes FINAL as the customs office and returns the decision. */
export async function taxFinal(h: DeclarationsHarness, declarationId: string, principal: Principal = CUSTOMS): Promise<Record<string, any>> {
  return ok(await h.as(principal, TAX, { id: declarationId, kind: "FINAL" }), "taxDeclaration").taxDeclaration.taxationDecision;
}

/** A presented, lodged (FREE_WITHOUT, so deemed released), taxed and removed import: custody has ended. */
export async function removedAndTaxed(h: DeclarationsHarness, d: Declarant, overrides: Record<string, unknown> = {}): Promise<{ declaration: Record<string, any>; decision: Record<string, any> }> {
  const declaration = await lodgePresented(h, d, overrides);
  const decision = await taxFinal(h, declaration.id);
  ok(await h.as(d.software, REMOVE, { id: declaration.id }), "recordRemoval");
  return { declaration, decision };
}

/** The events the subgraph published about one aggregate, oldest first, payloads parsed. */
export async function outbox(h: DeclarationsHarness, aggregateId: string): Promise<{ type: string; payload: Record<string, any> }[]> {
  const rows: { type: string; payload: string | Record<string, any> }[] = await h.subgraph.runtime.dataSource.query("SELECT type, payload FROM outbox_event WHERE aggregate_id = ? ORDER BY seq", [aggregateId]);
  return rows.map(r => ({ type: r.type, payload: typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload }));
}
