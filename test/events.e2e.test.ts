import { randomBytes } from "node:crypto";
import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { CustomsDestination, CustomsProcedure, DeclarationChannel, Direction, SummaryForm, TaxationKind } from "../subgraphs/declarations/entities/enums";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { JetStreamBus, jetStreamSettings, Principal } from "../subgraphs/kit";
import { gql } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";
import { ok, OnboardedDeclarant, onboardDeclarant } from "./support/onboarding";

/**
 * Issue 14: the event suite on both transports, HTTP (the embedded default) and NATS JetStream
 * (`NATS_URL`; 127.0.0.1:4222 here and in CI). Taxations (X08) flow from declarations to debt
 * while debt is stopped and restarted mid-stream: nothing lost, nothing doubled. An event that
 * cannot be applied is parked as a dead letter after its attempts (HTTP: at the producer, which
 * could not deliver it; JetStream: at the consumer, which could not apply it) and replayed
 * through the graph by an officer: the effect happens once.
 */
const NATS_URL = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
const OFFICE: Principal = { kind: "OFFICER", subject: "officer-events", partners: [], officerRoles: ["CUSTOMS_OFFICE"] };

describe.each(["http", "jetstream"] as const)("events over %s", transport => {
  let g: Graph;
  let trader: OnboardedDeclarant;
  let dgd: string;
  const run = randomBytes(4).toString("hex");
  const natsEnv = transport === "jetstream" ? { NATS_URL, EVENT_STREAM: `CUSTOMS_TEST_${run}`, EVENT_SUBJECT_PREFIX: `customs.test.${run}` } : {};

  beforeAll(async () => {
    g = await startGraph(`customs_test_e2e_events_${transport}`, "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, debtDefinition], {
      ...natsEnv,
      EVENT_MAX_ATTEMPTS: "3",
      EVENT_MAX_BACKOFF_MS: "50",
    });
    trader = await onboardDeclarant(g.gatewayUrl, g.spool, transport === "http" ? "96100001" : "96100002", `Events ${transport} AG`);
    await g.drainEvents(20_000);
    dgd = await mintDevToken({ kind: "officer", sub: "officer-dgd-events", roles: ["DGD"] });
  }, 120_000);
  afterAll(async () => {
    await g?.stop();
    const settings = jetStreamSettings(natsEnv);
    if (settings) await JetStreamBus.deleteStream(settings);
  });

  /**
   * The graph's clock stands still, and the HTTP relay's retries are due on it: while events are
   * awaited, time moves on by a second every 20 ms (JetStream's redeliveries wait in real time).
   */
  async function drain(timeoutMs = 60_000): Promise<void> {
    const ticking = setInterval(() => g.clock.advance(1000), 20);
    try {
      await g.drainEvents(timeoutMs);
    } finally {
      clearInterval(ticking);
    }
  }

  /** Presents, lodges and taxes one import of the trader (X05, X08 to debt). */
  async function taxOne(i: number): Promise<string> {
    const declarations = g.subgraphs.declarations.subgraph.services;
    const software = await g.subgraphs.identity.subgraph.services.principals.forAccessToken(trader.software());
    const presentation = await declarations.lodging.present(software, { officeId: "1001", presenterId: trader.partnerId, summaryForm: SummaryForm.ELECTRONIC, place: "Basel", goodsDescription: `Consignment ${i}` });
    const declaration = await declarations.lodging.lodge(software, {
      declarantId: trader.partnerId,
      officeId: "1001",
      direction: Direction.IMPORT,
      procedure: CustomsProcedure.FREE_CIRCULATION,
      destination: CustomsDestination.CUSTOMS_PROCEDURE,
      channel: DeclarationChannel.PASSAR_B2B,
      businessNumber: trader.businessNumber,
      personalNumber: trader.personalNumber,
      language: "de",
      presentationId: presentation.id,
      items: [{ tariffNumber: "6109.1000", description: "T-shirts", netMassKg: "95.000", grossMassKg: "100.000", value: 100_000 + i * 100, origin: "PT" }],
    });
    await declarations.taxation.tax(OFFICE, { declarationId: declaration.id, kind: TaxationKind.FINAL });
    return declaration.id;
  }

  /** The `event_dead_letters` gauge of a subgraph's /metrics. */
  const parkedGauge = async (subgraph: string) => {
    const text = await (await fetch(`${g.subgraphs[subgraph].host.url}/metrics`)).text();
    return Number(/^event_dead_letters\{[^}]*\} (\d+)$/m.exec(text)?.[1]);
  };

  const debtsOf = async (declarationIds: string[]) =>
    (await g.subgraphs.debt.subgraph.runtime.dataSource.query(
      `SELECT declaration_id AS id, COUNT(*) AS n FROM customs_debt WHERE declaration_id IN (${declarationIds.map(() => "?").join(",")}) GROUP BY declaration_id`,
      declarationIds,
    )) as { id: string; n: number | string }[];

  it("loses and doubles nothing when the consumer is stopped and restarted mid-stream (X08 → one debt per taxation)", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      if (i === 20) await g.restart("debt");
      ids.push(await taxOne(i));
    }
    await drain();
    const debts = await debtsOf(ids);
    expect(debts).toHaveLength(40);
    expect(debts.every(d => Number(d.n) === 1)).toBe(true);
  }, 120_000);

  it("parks an event it could not apply after its attempts, and an officer's replay through the graph applies it once, whoever races to replay it", async () => {
    const declarationId = await taxOne(100);
    await drain();
    // Debt's table is away: applying a taxation fails until it is back.
    const debtDb = g.subgraphs.debt.subgraph.runtime.dataSource;
    await debtDb.query("RENAME TABLE customs_debt TO customs_debt_away");
    let parkedIn: "declarations" | "debt";
    let taxed: string;
    try {
      taxed = await taxOne(101);
      parkedIn = transport === "http" ? "declarations" : "debt";
      const deadLetters = (token: string) =>
        gql(g.gatewayUrl, `{ ${parkedIn}DeadLetters(status: PARKED, first: 20) { totalCount edges { node { id direction type subscriber attempts lastError payload } } } }`, {}, { bearer: token });
      const until = Date.now() + 30_000;
      let parked: any[] = [];
      while (Date.now() < until) {
        g.clock.advance(1000);
        parked = ok(await deadLetters(dgd))[`${parkedIn}DeadLetters`].edges.map((e: any) => e.node).filter((n: any) => n.type === "TaxationDecisionIssued");
        if (parked.length) break;
        await new Promise(resolve => setTimeout(resolve, 100));
      }
      expect(parked).toHaveLength(1);
      expect(parked[0]).toMatchObject({ direction: transport === "http" ? "OUTGOING" : "INCOMING", subscriber: "debt", attempts: 3 });
      expect(parked[0].lastError).toMatch(/customs_debt|500/);
      // The gauge counts every parked event of the subgraph (the lodging's X05 may be parked beside the X08).
      const parkedCount = ok(await deadLetters(dgd))[`${parkedIn}DeadLetters`].totalCount;
      expect(parkedCount).toBeGreaterThanOrEqual(1);
      expect(await parkedGauge(parkedIn)).toBe(parkedCount);
      // Only officers of the DGD may see them.
      const partnerTry = await deadLetters(trader.admin);
      expect(partnerTry.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    } finally {
      await debtDb.query("RENAME TABLE customs_debt_away TO customs_debt");
    }
    // Nothing retries a parked event by itself.
    await drain();
    expect(await debtsOf([taxed])).toEqual([]);
    const letters = ok(await gql(g.gatewayUrl, `{ ${parkedIn}DeadLetters(status: PARKED) { edges { node { id type } } } }`, {}, { bearer: dgd }))[`${parkedIn}DeadLetters`].edges.map((e: any) => e.node);
    const Name = parkedIn.charAt(0).toUpperCase() + parkedIn.slice(1);
    const REPLAY = `mutation ($id: ID!) { replay${Name}DeadLetter(input: { id: $id }) { deadLetter { status resolvedBy } } }`;
    // The others first, in the order they were parked (the lodging's X05 before its taxation).
    const taxation = letters.find((l: any) => l.type === "TaxationDecisionIssued");
    for (const letter of letters.filter((l: any) => l !== taxation)) {
      expect(ok(await gql(g.gatewayUrl, REPLAY, { id: letter.id }, { bearer: dgd }))[`replay${Name}DeadLetter`].deadLetter.status).toBe("REPLAYED");
    }
    // 50 officers' replays of the taxation at once: one wins, the others are refused with the typed error.
    const race = await Promise.all(Array.from({ length: 50 }, () => gql(g.gatewayUrl, REPLAY, { id: taxation.id }, { bearer: dgd })));
    const winners = race.filter(r => !r.errors);
    expect(winners).toHaveLength(1);
    expect(winners[0].data?.[`replay${Name}DeadLetter`].deadLetter).toEqual({ status: "REPLAYED", resolvedBy: "officer-dgd-events" });
    expect(race.filter(r => r.errors).map(r => r.errors?.[0].extensions?.code)).toEqual(Array(49).fill("DEAD_LETTER_ALREADY_RESOLVED"));
    await drain();
    expect((await debtsOf([taxed])).map(d => Number(d.n))).toEqual([1]);
    expect(await parkedGauge(parkedIn)).toBe(0);
    // A later replay is refused and changes nothing.
    const again = await gql(g.gatewayUrl, `mutation ($id: ID!) { replay${Name}DeadLetter(input: { id: $id }) { deadLetter { status } } }`, { id: taxation.id }, { bearer: dgd });
    expect(again.errors?.[0].extensions?.code).toBe("DEAD_LETTER_ALREADY_RESOLVED");
    await drain();
    expect((await debtsOf([taxed, declarationId])).map(d => Number(d.n))).toEqual([1, 1]);
  }, 120_000);
});
