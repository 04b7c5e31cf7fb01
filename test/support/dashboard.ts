import { Direction, CustomsDestination, CustomsProcedure, DeclarationChannel, SummaryForm, TaxationKind, TransportMode } from "../../subgraphs/declarations/entities/enums";
import { SecurityKind } from "../../subgraphs/debt/entities/enums";
import { Principal } from "../../subgraphs/kit";
import type { Graph } from "./graph";
import type { OnboardedDeclarant } from "./onboarding";

/**
 * The partner dashboard of issue 7: a partner, its roles, its declarations with their taxation
 * decisions and debts (status, outstanding, interest, debtors), its securities and its exposure.
 * Three subgraphs answer it; `test/sql-per-request.e2e.test.ts` counts its statements and
 * `npm run bench` times it.
 */
export const DASHBOARD_QUERY = /* GraphQL */ `
  query PartnerDashboard($id: ID!, $first: Int!) {
    businessPartner(id: $id) {
      id name status
      roles { edges { node { roleType status } } }
      declarations(first: $first) {
        edges {
          node {
            id declarationNumber status acceptedAt countsAsPresented corrections { edges { node { id reason } } }
            taxationDecision {
              id kind totalDuties
              customsDebt {
                id status amount outstanding interest paymentDeadline securedAmount goodsReleasable
                debtors { basis partner { id name } }
                payments { edges { node { amount suretyReceipt { number } } } }
              }
            }
          }
        }
      }
      securities { edges { node { id kind maxAmount status } } }
      exposure { openDebts conditionalDebts bonds { edges { node { maxAmount reserved headroom } } } }
    }
  }`;

export const CUSTOMS_OFFICE: Principal = { kind: "OFFICER", subject: "officer-dashboard", partners: [], officerRoles: ["CUSTOMS_OFFICE"] };

/**
 * Gives `declarant` `count` taxed imports (presented, lodged, taxed FINAL) through the real
 * services, lets their debts arise in debt through the relay, and gives it a general bond with a
 * reservation. Every debt is then DUE; move the clock past the payment period and run the jobs to
 * make them OVERDUE.
 */
export async function seedDashboard(g: Graph, declarant: OnboardedDeclarant, count: number, suretyId: string): Promise<void> {
  const declarations = g.subgraphs.declarations.subgraph.services;
  const software = await g.subgraphs.identity.subgraph.services.principals.forAccessToken(declarant.software());
  declarations.selection.random = () => 0.5;
  for (let i = 0; i < count; i++) {
    const presentation = await declarations.lodging.present(software, { officeId: "1001", presenterId: declarant.partnerId, summaryForm: SummaryForm.ELECTRONIC, place: "Basel", goodsDescription: `Consignment ${i + 1}` });
    const declaration = await declarations.lodging.lodge(software, {
      declarantId: declarant.partnerId,
      officeId: "1001",
      direction: Direction.IMPORT,
      procedure: CustomsProcedure.FREE_CIRCULATION,
      destination: CustomsDestination.CUSTOMS_PROCEDURE,
      channel: DeclarationChannel.PASSAR_B2B,
      businessNumber: declarant.businessNumber,
      personalNumber: declarant.personalNumber,
      language: "de",
      presentationId: presentation.id,
      items: [{ tariffNumber: "6109.1000", description: "T-shirts", netMassKg: "95.000", grossMassKg: "100.000", value: 100_000 + i * 100, origin: "PT" }],
    });
    await declarations.taxation.tax(CUSTOMS_OFFICE, { declarationId: declaration.id, kind: TaxationKind.FINAL });
  }
  await g.drainEvents(60_000);
  const debt = g.subgraphs.debt.subgraph.services;
  const bond = await debt.securities.provide(CUSTOMS_OFFICE, { debtorId: declarant.partnerId, kind: SecurityKind.GENERAL_BOND, maxAmount: 10_000_000, suretyId });
  const page = await debt.debts.list({ debtorIds: [declarant.partnerId] }, { first: 1 });
  await debt.securities.reserve(CUSTOMS_OFFICE, { securityId: bond.id, debtId: page.edges[0].node.id, amount: 1_000 });
}

/**
 * Issue 9's read of a partner's procedures: every case with its computed relief deadline, its
 * declaration and items' reliefs, and debt's conditional debt. `test/sql-per-request.e2e.test.ts`
 * counts its statements for 10 and 100 cases.
 */
export const PROCEDURES_QUERY = /* GraphQL */ `
  query PartnerProcedures($id: ID!, $first: Int!) {
    businessPartner(id: $id) {
      id name
      procedureCases(first: $first) {
        edges {
          node {
            id status timeLimit reliefApplicationDeadline conditionalDuties securedAt
            declaration { id channel simplifiedProcedure procedureCase { id } items { position relief { ground } } }
            processingAuthorisation { id }
            conditionalDebt { status amount securedAmount unsecuredAmount goodsReleasable debtors { basis } }
          }
        }
      }
    }
  }`;

/** Gives `declarant` `count` temporary admissions with open cases (their conditional debts requisitioned in debt). */
export async function seedProcedureCases(g: Graph, declarant: OnboardedDeclarant, count: number): Promise<void> {
  const declarations = g.subgraphs.declarations.subgraph.services;
  const software = await g.subgraphs.identity.subgraph.services.principals.forAccessToken(declarant.software());
  for (let i = 0; i < count; i++) {
    const declaration = await declarations.lodging.lodge(software, {
      declarantId: declarant.partnerId,
      officeId: "1001",
      direction: Direction.IMPORT,
      procedure: CustomsProcedure.TEMPORARY_ADMISSION,
      destination: CustomsDestination.CUSTOMS_PROCEDURE,
      channel: DeclarationChannel.PASSAR_B2B,
      businessNumber: declarant.businessNumber,
      personalNumber: declarant.personalNumber,
      language: "de",
      plannedCrossingAt: new Date("2026-03-02T15:00:00+01:00"),
      items: [{ tariffNumber: "8703.2300", description: `Exhibition car ${i + 1}`, netMassKg: "1400.000", grossMassKg: "1500.000", value: 6_000_000, origin: "DE" }],
    });
    await declarations.procedures.open(CUSTOMS_OFFICE, { declarationId: declaration.id, timeLimit: new Date("2026-09-30T18:00:00+02:00"), transport: TransportMode.ROAD, identification: `VIN ${100000 + i}` });
  }
  await g.drainEvents(60_000);
}
