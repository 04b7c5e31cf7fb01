import { randomUUID } from "node:crypto";
import { FixedClock, Principal, RunningHost, Subgraph, toRappen } from "../../subgraphs/kit";
import { definition } from "../../subgraphs/debt/debt.subgraph";
import type { DebtServices } from "../../subgraphs/debt/services";
import { GraphQLResponse, officer } from "./graphql";
import { startTestSubgraph } from "./subgraph-harness";

export type DeliveryOutcome = "PROCESSED" | "DUPLICATE" | "IGNORED";

export interface TaxedDebtOptions {
  declarantId: string;
  onBehalfOfId?: string | null;
  totalDuties: string;
  /** When the declaration was accepted (the debt's birth); default: the clock's now. */
  acceptedAt?: string;
  /** When the taxation decision was established; default: `acceptedAt`. */
  establishedAt?: string;
  /** OD-AFD art. 58; default as declarations decides it: CHF 5.00 or less. */
  nonCollected?: boolean;
  declarationId?: string;
  taxationDecisionId?: string;
}

export interface DebtHarness {
  subgraph: Subgraph<DebtServices>;
  host: RunningHost;
  url: string;
  clock: FixedClock;
  as<T = Record<string, any>>(principal: Principal, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>>;
  /**
   * Delivers a declarations event through the debt subgraph's real handler, as the relay would.
   * Pass `id` to redeliver the same envelope.
   */
  declarationEvent(type: string, payload: Record<string, unknown>, id?: string): Promise<DeliveryOutcome>;
  /** Delivers a warehousing event (stored lots, X14 to X18; operators' securities) the same way. */
  warehousingEvent(type: string, payload: Record<string, unknown>, id?: string): Promise<DeliveryOutcome>;
  /** Delivers an enforcement event (X21 seizures, X23 prohibited traffic, final fines) the same way. */
  enforcementEvent(type: string, payload: Record<string, unknown>, id?: string): Promise<DeliveryOutcome>;
  /** DeclarationAccepted, then TaxationDecisionIssued, as declarations publishes them; the debt's id. */
  taxedDebt(options: TaxedDebtOptions): Promise<string>;
  /** The debt's row as stored (declaration and taxation decision ids, JSON columns raw). */
  debtRow(id: string): Promise<Record<string, any>>;
  /** How many events of a type the subgraph wrote to its outbox for an aggregate. */
  outboxCount(type: string, aggregateId: string): Promise<number>;
  fingerprint(): Promise<string>;
  stop(): Promise<void>;
}

export const CUSTOMS = officer("CUSTOMS_OFFICE");
export const DGD = officer("DGD");

/** A portal user acting for these partners (an ePortal administrator of each). */
export function partnerUser(...partnerIds: string[]): Principal {
  return { kind: "PORTAL_USER", subject: `user-${partnerIds[0]?.slice(0, 8) ?? "none"}`, partners: partnerIds.map(partnerId => ({ partnerId, portalRole: "ADMINISTRATOR", roles: [] })), officerRoles: [] };
}

let declarationNumbers = 0;

/** Starts the debt subgraph on a fresh MariaDB database with a clock that stands still. */
export async function startDebt(database: string, now = "2026-03-02T09:00:00+01:00"): Promise<DebtHarness> {
  const t = await startTestSubgraph(definition, database, { now });
  const { subgraph, clock } = t;
  const ds = subgraph.runtime.dataSource;
  const declarationEvent = (type: string, payload: Record<string, unknown>, id?: string) => t.deliver("declarations", type, payload, id);

  return {
    subgraph,
    host: t.host,
    url: t.url,
    clock,
    as: t.as,
    declarationEvent,
    warehousingEvent: (type, payload, id) => t.deliver("warehousing", type, payload, id),
    enforcementEvent: (type, payload, id) => t.deliver("enforcement", type, payload, id),
    async taxedDebt(o) {
      const declarationId = o.declarationId ?? randomUUID();
      const acceptedAt = o.acceptedAt ?? clock.now().toISOString();
      const declarationNumber = `26CH1001${String((declarationNumbers += 1)).padStart(8, "0")}`;
      const accepted = await declarationEvent("DeclarationAccepted", {
        declarationId,
        declarationNumber,
        declarantId: o.declarantId,
        onBehalfOfId: o.onBehalfOfId ?? null,
        direction: "IMPORT",
        procedure: "FREE_CIRCULATION",
        officeId: "1001",
        acceptedAt,
        isPreDeclaration: false,
      });
      const taxed = await declarationEvent("TaxationDecisionIssued", {
        taxationDecisionId: o.taxationDecisionId ?? randomUUID(),
        declarationId,
        declarationNumber,
        declarantId: o.declarantId,
        onBehalfOfId: o.onBehalfOfId ?? null,
        kind: "FINAL",
        totalDuties: o.totalDuties,
        nonCollected: o.nonCollected ?? toRappen(o.totalDuties) <= 500,
        establishedAt: o.establishedAt ?? acceptedAt,
        supersedesId: null,
      });
      if (accepted !== "PROCESSED" || taxed !== "PROCESSED") throw new Error(`taxedDebt: ${accepted}, ${taxed}`);
      const rows = (await ds.query("SELECT id FROM customs_debt WHERE declaration_id = ?", [declarationId])) as { id: string }[];
      if (rows.length !== 1) throw new Error(`taxedDebt: ${rows.length} debts for declaration ${declarationId}`);
      return rows[0].id;
    },
    async debtRow(id) {
      const rows = (await ds.query("SELECT * FROM customs_debt WHERE id = ?", [id])) as Record<string, any>[];
      if (rows.length !== 1) throw new Error(`no debt ${id}`);
      return rows[0];
    },
    async outboxCount(type, aggregateId) {
      const rows = (await ds.query("SELECT COUNT(*) AS n FROM outbox_event WHERE type = ? AND aggregate_id = ?", [type, aggregateId])) as { n: string | number }[];
      return Number(rows[0].n);
    },
    fingerprint: t.fingerprint,
    stop: t.stop,
  };
}
