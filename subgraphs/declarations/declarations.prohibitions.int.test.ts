import { randomUUID } from "node:crypto";
import type { Principal } from "../kit";
import { CUSTOMS, Declarant, DeclarationsHarness, importInput, LODGE, startDeclarations } from "../../test/support/declarations-harness";

/**
 * ENF-R05 (LD art. 109 para. 2) on MariaDB: enforcement's prohibitions on professional declarants
 * (X25) and their lifting, and the lodging they refuse. Basel (canton BS), from Monday 2 March
 * 2026, 09:00 Zurich time (08:00 UTC).
 */
let h: DeclarationsHarness;
const NOW = "2026-03-02T09:00:00+01:00";

beforeAll(async () => {
  h = await startDeclarations("customs_test_declarations_prohibitions", NOW);
});
afterAll(async () => {
  await h?.stop();
});
beforeEach(() => {
  h.clock.set(NOW);
  h.subgraph.services.selection.random = () => 0.5;
});

type EnforcementEvent = "ProfessionalDeclarantProhibited" | "ProfessionalDeclarantProhibitionLifted";
const deliver = (type: EnforcementEvent, payload: Record<string, unknown>, id?: string) => h.deliver("enforcement", type, payload, id);

const prohibition = (partnerId: string, overrides: Record<string, unknown> = {}) => ({
  prohibitionId: randomUUID(),
  partnerId,
  personalNumber: null,
  scope: ["DECLARATIONS"],
  grounds: "BREACH_OF_CUSTOMS_LAW",
  validFrom: "2026-03-01T00:00:00.000Z",
  validUntil: null,
  ...overrides,
});

/** An electronic pre-declaration of `d`, its goods crossing three hours from now (DEC-R08). */
const lodgeInput = (d: Declarant, overrides: Record<string, unknown> = {}) =>
  importInput(d, { plannedCrossingAt: new Date(h.clock.now().getTime() + 3 * 3600_000).toISOString(), ...overrides });

async function lodge(principal: Principal, input: Record<string, unknown>) {
  return h.as(principal, LODGE, { input });
}

const rows = (sql: string, params: unknown[] = []) => h.subgraph.runtime.dataSource.query(sql, params);
const declarationsOf = async (declarantId: string) => Number((await rows("SELECT COUNT(*) AS n FROM customs_declaration WHERE declarant_id = ?", [declarantId]))[0].n);
const outboxCount = async () => Number((await rows("SELECT COUNT(*) AS n FROM outbox_event"))[0].n);

/** Lodging refused with DECLARANT_PROHIBITED: no declaration, no event, nothing else changed. */
async function expectProhibited(d: Declarant, input: Record<string, unknown>, details: Record<string, unknown> = {}) {
  const before = await h.fingerprint();
  const [declarations, events] = [await declarationsOf(d.partnerId), await outboxCount()];
  const res = await lodge(d.software, input);
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: "DECLARANT_PROHIBITED", rule: "ENF-R05", article: "LD art. 109 para. 2", ...details });
  expect(res.data).toBeNull();
  expect(await declarationsOf(d.partnerId)).toBe(declarations);
  expect(await outboxCount()).toBe(events);
  expect(await h.fingerprint()).toBe(before);
  return res.errors![0];
}

async function expectLodged(d: Declarant, input: Record<string, unknown>) {
  const res = await lodge(d.software, input);
  expect(res.errors).toBeUndefined();
  expect(res.data?.lodgeDeclaration.declaration.status).toBe("ACCEPTED");
  return res.data?.lodgeDeclaration.declaration as { id: string };
}

describe("X25 ProfessionalDeclarantProhibited (ENF-R05; LD art. 109 para. 2)", () => {
  it("X25 ProfessionalDeclarantProhibited: a professional declaration by a prohibited declarant is refused, its own goods are not (ENF-R05; LD art. 109 para. 2)", async () => {
    const d = await h.declarant();
    const importer = randomUUID();
    const p = prohibition(d.partnerId);
    expect(await deliver("ProfessionalDeclarantProhibited", p)).toBe("PROCESSED");

    const refused = await expectProhibited(d, lodgeInput(d, { onBehalfOfId: importer }), { field: "input.declarantId", prohibitionId: p.prohibitionId, validUntil: null });
    expect(refused.message).toContain("prohibited from making declarations professionally");
    // Its own goods: not a professional declaration (LD art. 109 para. 1), also when it names itself.
    await expectLodged(d, lodgeInput(d));
    await expectLodged(d, lodgeInput(d, { onBehalfOfId: d.partnerId }));
    // Another declarant lodging for the same importer is not concerned.
    const other = await h.declarant();
    await expectLodged(other, lodgeInput(other, { onBehalfOfId: importer }));
  });

  it("X25 ProfessionalDeclarantProhibited: a prohibition naming a personal number is of that employee of that partner: its professional declarations are refused, its colleagues' are not, nor another partner's employee with the same number (ENF-R05; LD art. 109 para. 2; OD-AFD art. 11)", async () => {
    const d = await h.declarant();
    await h.identityEvent("DeclarantEmployeeAnnounced", { partnerId: d.partnerId, personalNumber: "Z777" });
    const p = prohibition(d.partnerId, { personalNumber: "Z777", grounds: "LACKS_SKILLS" });
    await deliver("ProfessionalDeclarantProhibited", p);
    await expectProhibited(d, lodgeInput(d, { personalNumber: "Z777", onBehalfOfId: randomUUID() }), { field: "input.personalNumber", prohibitionId: p.prohibitionId });
    // Another employee of the same declarant may declare for others; Z777 its employer's own goods.
    await expectLodged(d, lodgeInput(d, { onBehalfOfId: randomUUID() }));
    await expectLodged(d, lodgeInput(d, { personalNumber: "Z777" }));
    // Personal numbers are unique per partner only (ID-R32): Z777 of another declarant is someone else.
    const other = await h.declarant();
    await h.identityEvent("DeclarantEmployeeAnnounced", { partnerId: other.partnerId, personalNumber: "Z777" });
    await expectLodged(other, lodgeInput(other, { personalNumber: "Z777", onBehalfOfId: randomUUID() }));
  });

  it("X25 ProfessionalDeclarantProhibited: in force from validFrom (refused at validFrom, accepted one millisecond before) until validUntil (refused one millisecond before, accepted at validUntil) (ENF-R05; LD art. 109 para. 2)", async () => {
    const d = await h.declarant();
    const importer = randomUUID();
    const p = prohibition(d.partnerId, { validFrom: "2026-03-02T10:00:00.000Z", validUntil: "2026-03-03T10:00:00.000Z" });
    await deliver("ProfessionalDeclarantProhibited", p);
    h.clock.set("2026-03-02T09:59:59.999Z");
    await expectLodged(d, lodgeInput(d, { onBehalfOfId: importer }));
    h.clock.set("2026-03-02T10:00:00.000Z");
    await expectProhibited(d, lodgeInput(d, { onBehalfOfId: importer }), { validUntil: "2026-03-03T10:00:00.000Z" });
    h.clock.set("2026-03-03T09:59:59.999Z");
    await expectProhibited(d, lodgeInput(d, { onBehalfOfId: importer }));
    h.clock.set("2026-03-03T10:00:00.000Z");
    await expectLodged(d, lodgeInput(d, { onBehalfOfId: importer }));
  });

  it("X25 ProfessionalDeclarantProhibited: without validUntil it is indefinite; scope OTHER_ACTIVITIES alone refuses no declaration (ENF-R05; LD art. 109 para. 2)", async () => {
    const indefinite = await h.declarant();
    await deliver("ProfessionalDeclarantProhibited", prohibition(indefinite.partnerId));
    const other = await h.declarant();
    await deliver("ProfessionalDeclarantProhibited", prohibition(other.partnerId, { scope: ["OTHER_ACTIVITIES"] }));
    h.clock.set("2031-06-03T08:00:00.000Z");
    await expectProhibited(indefinite, lodgeInput(indefinite, { onBehalfOfId: randomUUID() }), { validUntil: null });
    await expectLodged(other, lodgeInput(other, { onBehalfOfId: randomUUID() }));
    // Both scopes: declarations are refused.
    await deliver("ProfessionalDeclarantProhibited", prohibition(other.partnerId, { scope: ["OTHER_ACTIVITIES", "DECLARATIONS"] }));
    await expectProhibited(other, lodgeInput(other, { onBehalfOfId: randomUUID() }));
  });

  it("ProfessionalDeclarantProhibitionLifted: refused until the instant of the lifting, accepted from it; a later lifting or a redelivered prohibition changes nothing (ENF-R05; LD art. 109 para. 2)", async () => {
    const d = await h.declarant();
    const importer = randomUUID();
    const p = prohibition(d.partnerId);
    await deliver("ProfessionalDeclarantProhibited", p);
    const lifted = { prohibitionId: p.prohibitionId, partnerId: d.partnerId, liftedAt: "2026-03-02T12:00:00.000Z" };
    expect(await deliver("ProfessionalDeclarantProhibitionLifted", lifted)).toBe("PROCESSED");
    h.clock.set("2026-03-02T11:59:59.999Z");
    await expectProhibited(d, lodgeInput(d, { onBehalfOfId: importer }));
    h.clock.set("2026-03-02T12:00:00.000Z");
    await expectLodged(d, lodgeInput(d, { onBehalfOfId: importer }));

    const row = async () => (await rows("SELECT * FROM declarant_prohibition WHERE id = ?", [p.prohibitionId]))[0];
    const before = await row();
    expect(await deliver("ProfessionalDeclarantProhibitionLifted", { ...lifted, liftedAt: "2026-03-05T12:00:00.000Z" })).toBe("PROCESSED");
    expect(await deliver("ProfessionalDeclarantProhibited", p)).toBe("PROCESSED");
    expect(await row()).toEqual(before);
    await expectLodged(d, lodgeInput(d, { onBehalfOfId: importer }));

    // A lifting that overtakes its prohibition: the prohibition counts only up to the lifting.
    const late = prohibition(d.partnerId, { validFrom: "2026-03-02T13:00:00.000Z" });
    await deliver("ProfessionalDeclarantProhibitionLifted", { prohibitionId: late.prohibitionId, partnerId: d.partnerId, liftedAt: "2026-03-02T14:00:00.000Z" });
    h.clock.set("2026-03-02T13:30:00.000Z");
    await expectLodged(d, lodgeInput(d, { onBehalfOfId: importer }));
    await deliver("ProfessionalDeclarantProhibited", late);
    await expectProhibited(d, lodgeInput(d, { onBehalfOfId: importer }), { prohibitionId: late.prohibitionId });
    h.clock.set("2026-03-02T14:00:00.000Z");
    await expectLodged(d, lodgeInput(d, { onBehalfOfId: importer }));
  });

  it("X25 ProfessionalDeclarantProhibited: redelivered under the same or a new envelope id, or 20 times at once, it records one prohibition (ENF-R05; LD art. 109 para. 2)", async () => {
    const d = await h.declarant();
    const p = prohibition(d.partnerId, { validUntil: "2026-09-01T00:00:00.000Z" });
    const envelope = randomUUID();
    expect(await deliver("ProfessionalDeclarantProhibited", p, envelope)).toBe("PROCESSED");
    const recorded = await rows("SELECT * FROM declarant_prohibition WHERE partner_id = ?", [d.partnerId]);
    expect(recorded).toHaveLength(1);
    expect(await deliver("ProfessionalDeclarantProhibited", p, envelope)).toBe("DUPLICATE");
    expect(await deliver("ProfessionalDeclarantProhibited", p)).toBe("PROCESSED");
    expect(await rows("SELECT * FROM declarant_prohibition WHERE partner_id = ?", [d.partnerId])).toEqual(recorded);

    const concurrent = prohibition(d.partnerId, { personalNumber: "C020" });
    const envelopes = Array.from({ length: 10 }, () => randomUUID());
    const outcomes = await Promise.allSettled([...envelopes, ...envelopes].map(id => deliver("ProfessionalDeclarantProhibited", concurrent, id)));
    const values = outcomes.map(o => (o.status === "fulfilled" ? o.value : String(o.reason)));
    expect(values.filter(v => v !== "PROCESSED" && v !== "DUPLICATE")).toEqual([]);
    expect(values.filter(v => v === "PROCESSED")).toHaveLength(10);
    expect(await rows("SELECT id, personal_number FROM declarant_prohibition WHERE id = ?", [concurrent.prohibitionId])).toEqual([{ id: concurrent.prohibitionId, personal_number: "C020" }]);

    // Its lifting, 20 times at once: lifted once, at the instant it names.
    const lifted = { prohibitionId: concurrent.prohibitionId, partnerId: d.partnerId, liftedAt: "2026-03-04T08:00:00.000Z" };
    const liftings = await Promise.allSettled(Array.from({ length: 20 }, () => deliver("ProfessionalDeclarantProhibitionLifted", lifted)));
    expect(liftings.map(o => (o.status === "fulfilled" ? o.value : String(o.reason)))).toEqual(Array(20).fill("PROCESSED"));
    const [row] = await rows("SELECT lifted_at FROM declarant_prohibition WHERE id = ?", [concurrent.prohibitionId]);
    expect(new Date(row.lifted_at).toISOString()).toBe("2026-03-04T08:00:00.000Z");
  });

  it("X25 ProfessionalDeclarantProhibited: the paper and oral declarations the office records for others, and a resubmission, are refused too, and change nothing (ENF-R05; LD art. 109 para. 2)", async () => {
    const d = await h.declarant();
    const importer = randomUUID();
    // Lodged and refused for correction before the prohibition (DEC-R38, DEC-R40).
    const lodged = await expectLodged(d, lodgeInput(d, { onBehalfOfId: importer }));
    const refusal = await h.as(CUSTOMS, `mutation ($id: ID!) { refuseDeclaration(input: { declarationId: $id, reasons: ["Commercial invoice missing"] }) { refusal { refusedAt } } }`, { id: lodged.id });
    expect(refusal.errors).toBeUndefined();
    const p = prohibition(d.partnerId);
    await deliver("ProfessionalDeclarantProhibited", p);

    const refusedBy = async (principal: Principal, query: string, variables: Record<string, unknown>, field: string) => {
      const before = await h.fingerprint();
      const res = await h.as(principal, query, variables);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "DECLARANT_PROHIBITED", rule: "ENF-R05", article: "LD art. 109 para. 2", field, prohibitionId: p.prohibitionId });
      expect(await h.fingerprint()).toBe(before);
    };
    const items = importInput(d).items;
    await refusedBy(d.software, `mutation ($id: ID!, $items: [DeclarationItemInput!]!) { resubmitDeclaration(input: { declarationId: $id, items: $items }) { declaration { status } } }`, { id: lodged.id, items }, "input.declarationId");

    const PAPER = `mutation ($input: RecordPaperDeclarationInput!) { recordPaperDeclaration(input: $input) { declaration { id status } } }`;
    const paper = { declarantId: d.partnerId, officeId: "1001", direction: "IMPORT", procedure: "FREE_CIRCULATION", language: "de", paperCase: "FREE_CIRCULATION_LISTED_GOODS", paperCategory: 5, officialForm: true, signedBy: "Anna Muster", filling: "HANDWRITTEN_INK", items: [{ tariffNumber: "9403.6000", description: "Household furniture (removal goods)", netMassKg: "800.000", grossMassKg: "800.000", value: "300.00", origin: "DE" }] };
    await refusedBy(CUSTOMS, PAPER, { input: { ...paper, onBehalfOfId: importer } }, "input.declarantId");
    expect((await h.as(CUSTOMS, PAPER, { input: paper })).data?.recordPaperDeclaration.declaration.status).toBe("ACCEPTED");

    const ORAL = `mutation ($input: RecordOralDeclarationInput!) { recordOralDeclaration(input: $input) { declaration { id status } } }`;
    const oral = { declarantId: d.partnerId, officeId: "1001", direction: "IMPORT", procedure: "FREE_CIRCULATION", language: "fr", oralGoods: "TOURIST_TRAFFIC_GOODS", items: [{ tariffNumber: "2204.2150", description: "Wine, 12 bottles", netMassKg: "12.000", grossMassKg: "12.000", value: "300.00", origin: "DE" }] };
    await refusedBy(CUSTOMS, ORAL, { input: { ...oral, onBehalfOfId: importer } }, "input.declarantId");
    expect((await h.as(CUSTOMS, ORAL, { input: oral })).data?.recordOralDeclaration.declaration.status).toBe("ACCEPTED");

    // Lifted: the resubmission goes through.
    await deliver("ProfessionalDeclarantProhibitionLifted", { prohibitionId: p.prohibitionId, partnerId: d.partnerId, liftedAt: "2026-03-02T08:00:00.000Z" });
    const resubmitted = await h.as(d.software, `mutation ($id: ID!, $items: [DeclarationItemInput!]!) { resubmitDeclaration(input: { declarationId: $id, items: $items }) { declaration { status } } }`, { id: lodged.id, items });
    expect(resubmitted.data?.resubmitDeclaration.declaration.status).toBe("ACCEPTED");
  });

  it("X25 ProfessionalDeclarantProhibited: the check costs one statement, inside the lodging transaction (ENF-R05; LD art. 109 para. 2)", async () => {
    const d = await h.declarant();
    // Warm up both paths once (statement caches, sequences), then measure.
    await expectLodged(d, lodgeInput(d));
    await expectLodged(d, lodgeInput(d, { onBehalfOfId: randomUUID() }));
    const own = await h.subgraph.runtime.sql.measure(() => lodge(d.software, lodgeInput(d)));
    const professional = await h.subgraph.runtime.sql.measure(() => lodge(d.software, lodgeInput(d, { onBehalfOfId: randomUUID() })));
    expect(own.result.errors).toBeUndefined();
    expect(professional.result.errors).toBeUndefined();
    expect(professional.statements).toBe(own.statements + 1);
  });
});
