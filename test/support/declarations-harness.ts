import { randomUUID } from "node:crypto";
import { FixedClock, Principal, RunningHost, Subgraph } from "../../subgraphs/kit";
import { definition } from "../../subgraphs/declarations/declarations.subgraph";
import type { DeclarationServices } from "../../subgraphs/declarations/services";
import { GraphQLResponse, officer } from "./graphql";
import { startTestSubgraph } from "./subgraph-harness";

export interface DeclarationsHarness {
  subgraph: Subgraph<DeclarationServices>;
  host: RunningHost;
  url: string;
  clock: FixedClock;
  as<T = Record<string, any>>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /** Delivers an identity event through the subgraph's real handler, as the relay would. */
  identityEvent(type: string, payload: Record<string, unknown>): Promise<void>;
  /** Delivers any producer's event through the subgraph's real handler, once per envelope id. */
  deliver(producer: string, type: string, payload: Record<string, unknown>, id?: string): Promise<"PROCESSED" | "DUPLICATE" | "IGNORED">;
  /** A declarant as identity would have made it: an authorisation, an employee, the Freight role. */
  declarant(options?: { systems?: string[]; scope?: string }): Promise<Declarant>;
  fingerprint(): Promise<string>;
  /** Stops the subgraph and drops its database, unless `keepDatabase` (a restart opens it again). */
  stop(options?: { keepDatabase?: boolean }): Promise<void>;
}

export interface Declarant {
  partnerId: string;
  businessNumber: string;
  personalNumber: string;
  /** The partner's clearance software (an API application principal). */
  software: Principal;
}

export const CUSTOMS = officer("CUSTOMS_OFFICE");

let businessNumbers = 100000;

/**
 * Starts the declarations subgraph on a fresh MariaDB database with a clock that stands still;
 * with `reuseDatabase`, on the database a stopped instance left (a restart).
 */
export async function startDeclarations(database: string, now = "2026-03-02T09:00:00+01:00", options: { reuseDatabase?: boolean } = {}): Promise<DeclarationsHarness> {
  const t = await startTestSubgraph(definition, database, { now, reuseDatabase: options.reuseDatabase });
  const { subgraph, clock } = t;
  const identityEvent = async (type: string, payload: Record<string, unknown>) => {
    await t.deliver("identity", type, payload);
  };
  return {
    subgraph,
    host: t.host,
    url: t.url,
    clock,
    as: t.as,
    identityEvent,
    deliver: t.deliver,
    async declarant(options = {}) {
      const partnerId = randomUUID();
      const businessNumber = String((businessNumbers += 1));
      await identityEvent("CustomsSystemAuthorisationGranted", { partnerId, businessNumber, systems: options.systems ?? ["EDEC", "NCTS"], scope: options.scope ?? "DOMESTIC", transitOnly: false });
      await identityEvent("DeclarantEmployeeAnnounced", { partnerId, personalNumber: "P001" });
      await identityEvent("PartnerRoleActivated", { partnerId, roleType: "FREIGHT" });
      return {
        partnerId,
        businessNumber,
        personalNumber: "P001",
        software: { kind: "API_APPLICATION", applicationId: randomUUID(), subject: "app", partners: [{ partnerId, portalRole: null, roles: ["FREIGHT"] }], officerRoles: [] },
      };
    },
    fingerprint: t.fingerprint,
    stop: t.stop,
  };
}

export const LODGE = /* GraphQL */ `
  mutation ($input: LodgeDeclarationInput!) {
    lodgeDeclaration(input: $input) {
      declaration {
        id declarationNumber status isPreDeclaration transmittedAt receiptConfirmedAt acceptedAt selectionResult selectionCommunicatedAt releasedAt removalDueBy
        selection { result }
        documents { edges { node { kind identificationMark dueAt dueRule submittedAt } } }
      }
    }
  }`;

/** The nodes of a page of a Relay connection, in order. */
export function nodes<T = any>(connection: { edges: { node: T }[] }): T[] {
  return connection.edges.map(edge => edge.node);
}

/** An e-dec import of T-shirts by `d` (any declarant with a business and a personal number), with `overrides`. */
export function importInput(d: Pick<Declarant, "partnerId" | "businessNumber" | "personalNumber">, overrides: Record<string, unknown> = {}) {
  return {
    declarantId: d.partnerId,
    officeId: "1001",
    direction: "IMPORT",
    procedure: "FREE_CIRCULATION",
    destination: "CUSTOMS_PROCEDURE",
    channel: "PASSAR_B2B",
    businessNumber: d.businessNumber,
    personalNumber: d.personalNumber,
    language: "de",
    items: [{ tariffNumber: "6109.1000", description: "T-shirts, cotton", netMassKg: "950.000", grossMassKg: "1000.500", value: "25000.00", origin: "PT" }],
    ...overrides,
  };
}
