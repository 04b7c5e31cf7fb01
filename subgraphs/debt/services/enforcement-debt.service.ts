import { randomUUID } from "node:crypto";
import { EntityManager } from "typeorm";
import { Clock, endOfCalendarDaysAfter, EventEnvelope, EventPublisher, findForUpdate, toRappen } from "../../kit";
import { CustomsDebt, DebtorLiability } from "../entities/debt.entity";
import { DebtBirthTrigger, DebtStatus, LiabilityBasis } from "../entities/enums";
import { CustomsPledge, PledgeObjectKind, PledgeStatus, SequestrationMode } from "../entities/pledge.entity";
import { claimOrigin, DebtConfig } from "./debt.service";

/** X21 as enforcement publishes it (aggregate: the seizure). */
export interface GoodsSequesteredAsSmuggled {
  seizureId: string;
  caseId: string | null;
  declarationId: string | null;
  ownerId: string | null;
  holderId: string | null;
  description: string;
  objectKind: PledgeObjectKind;
  perishable: boolean;
  crossedAt: string | null;
  seizedAt: string;
}

/** X23 as enforcement publishes it (aggregate: the offence case). */
export interface ProhibitedTrafficEstablished {
  caseId: string;
  caseNumber: string;
  suspectIds: string[];
  declarationIds: string[];
  authorisedImportOrExport: boolean;
  goodsTurnedBackOrDestroyed: boolean;
  duties: string | null;
  establishedAt: string;
}

/** FineImposed as enforcement publishes it (aggregate: the offence case). */
export interface FineImposed {
  caseId: string;
  caseNumber: string;
  offenceType: string;
  payerId: string;
  payerKind: "PERSON" | "UNDERTAKING";
  amount: string;
  decidedAt: string;
  finalAt: string;
}

/** The origin keys of the debts and pledges enforcement's events give rise to: one each. */
export const enforcementKeys = {
  seizure: (seizureId: string) => `seizure:${seizureId}`,
  prohibitedTraffic: (caseId: string) => `prohibited-traffic:${caseId}`,
  fine: (caseId: string) => `fine:${caseId}`,
};

/** The offence case a debt's key names (`prohibited-traffic:<case>`, `fine:<case>`), else null. */
export function offenceCaseOf(key: string): string | null {
  const match = /^(?:prohibited-traffic|fine):(.+)$/.exec(key);
  return match ? match[1] : null;
}

interface Origin {
  key: string;
  trigger: DebtBirthTrigger;
  at: Date;
  /** Null for the office to establish (X21), else fixed by the event (X23, a fine). */
  amount: number | null;
  establishedAt: Date | null;
  paymentDeadline: Date | null;
  debtors: { partnerId: string; basis: LiabilityBasis }[];
}

/**
 * Pledge `pledge` is inserted unless its origin key is taken, and says whether it was (as
 * `claimOrigin` does for a debt): never fails on the key; a transaction inserting the same key at
 * the same moment makes this one wait for its commit, then find the key taken.
 */
async function claimPledgeOrigin(m: EntityManager, pledge: CustomsPledge): Promise<boolean> {
  await m.createQueryBuilder().insert().into(CustomsPledge).values(pledge).orUpdate(["origin_key"], ["origin_key"]).execute();
  return (await findForUpdate(m, CustomsPledge, { originKey: pledge.originKey! }))?.id === pledge.id;
}

/**
 * What enforcement's decisions mean for debt (DOMAIN.md §6.4, §7): goods presumed smuggled are
 * sequestered as customs pledge (X21), prohibited traffic makes an authorised import's or export's
 * duties payable (X23), and a final fine is collected like a customs debt (FineImposed). Each
 * event runs in the receiver's transaction and has one effect however often, and however
 * concurrently, it comes: the debt's origin key (`claimOrigin`) and the pledge's.
 */
export class EnforcementDebtService {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventPublisher,
    private readonly config: DebtConfig,
  ) {}

  /**
   * X21 (ENF-R20; DEBT-R19, DEBT-R20; LD art. 82 para. 1, 83 para. 3): goods presumed smuggled are
   * sequestered as customs pledge, already taken into control at the seizure. The pledge secures
   * the debt of the goods' undeclared-goods declaration (X07) when enforcement names it and debt
   * has it; otherwise the goods' own debt, under `seizure:<seizureId>`, arisen when they crossed
   * the border, or at the seizure (the discovery) when that moment is unknown (DEBT-R02 let. c,
   * LD art. 69 let. c), its amount null for the office to establish, owed by the holder (as
   * conveyor, LD art. 70 para. 2 let. a) and the owner (as the person for whose account they came,
   * let. c), jointly and severally (DESIGN CHOICE: the bases). A declaration's debt recorded after
   * the seizure does not replace that debt. The pledge arises with the debt (LD art. 82 para. 3)
   * and is published as sequestered (PledgeSequestered), as an office's sequestration is.
   *
   * Once per seizure: a redelivery finds the pledge (`seizure:<seizureId>`). Concurrent deliveries
   * queue on the declaration's debt, or on the seizure debt's key, then on the pledge's key.
   */
  async onGoodsSequesteredAsSmuggled(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as unknown as GoodsSequesteredAsSmuggled;
    const originKey = enforcementKeys.seizure(p.seizureId);
    if (await m.findOneBy(CustomsPledge, { originKey })) return;
    // Locked by its primary key once found: a locking read of a key not recorded would take a gap
    // lock, on which concurrent deliveries recording the seizure's debt could deadlock.
    const recorded = p.declarationId ? await m.findOneBy(CustomsDebt, { declarationId: p.declarationId }) : null;
    const declared = recorded && (await findForUpdate(m, CustomsDebt, { id: recorded.id }));
    const debt = declared ?? (await this.ariseOnce(m, this.seizureDebt(p)));
    const seizedAt = new Date(p.seizedAt);
    const pledge = m.create(CustomsPledge, {
      id: randomUUID(),
      objectKind: p.objectKind,
      // The column's length (enforcement's own): an event is a fact, never refused, so a longer text is cut.
      description: p.description.slice(0, 1000),
      ownerId: p.ownerId,
      securedDebtIds: [debt.id],
      arisenAt: debt.arisenAt,
      perishable: p.perishable,
      isSecurities: false,
      status: PledgeStatus.SEQUESTERED,
      sequestrationMode: SequestrationMode.TAKEN_INTO_CONTROL,
      sequesteredAt: seizedAt,
      releasedAt: null,
      releaseReason: null,
      handedToId: null,
      realisationMode: null,
      proceeds: null,
      allocation: null,
      surplus: null,
      realisedAt: null,
      originKey,
      seizureId: p.seizureId,
    });
    if (!(await claimPledgeOrigin(m, pledge))) return;
    await this.events.publish(m, "PledgeSequestered", pledge.id, { pledgeId: pledge.id, ownerId: pledge.ownerId, mode: SequestrationMode.TAKEN_INTO_CONTROL, debtIds: pledge.securedDebtIds });
  }

  private seizureDebt(p: GoodsSequesteredAsSmuggled): Origin {
    const [trigger, at] = p.crossedAt ? [DebtBirthTrigger.OMITTED_DECLARATION_CROSSING, p.crossedAt] : [DebtBirthTrigger.OMITTED_DECLARATION_DISCOVERY, p.seizedAt];
    const debtors: Origin["debtors"] = [];
    if (p.holderId) debtors.push({ partnerId: p.holderId, basis: LiabilityBasis.CONVEYOR });
    if (p.ownerId && p.ownerId !== p.holderId) debtors.push({ partnerId: p.ownerId, basis: LiabilityBasis.PRINCIPAL });
    return { key: enforcementKeys.seizure(p.seizureId), trigger, at: new Date(at), amount: null, establishedAt: null, paymentDeadline: null, debtors };
  }

  /**
   * X23 (DEBT-R29, ENF-R10; LD art. 120 para. 5): after prohibited traffic the duties an authorised
   * import or export would have incurred are payable; none when the goods were turned back or
   * destroyed. One debt under `prohibited-traffic:<caseId>`, arisen and established when
   * enforcement established the offence, due at once (LD art. 72 para. 1), payable within the
   * payment period (DEBT-R09), owed by every suspect jointly and severally (OFFENDER). Nothing is
   * recorded for goods turned back or destroyed, for traffic that could not have been authorised,
   * or without duties (none given, or nil); such an event, coming after a debt was recorded, leaves
   * it as it is. Once per case.
   *
   * DESIGN CHOICE: the CHF 5 rule (DEBT-R07, OD-AFD art. 58) speaks of a taxation decision and
   * excepts abuse; these duties follow an offence, and are levied whatever their amount.
   */
  async onProhibitedTrafficEstablished(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as unknown as ProhibitedTrafficEstablished;
    if (!p.authorisedImportOrExport || p.goodsTurnedBackOrDestroyed || p.duties === null) return;
    const amount = toRappen(p.duties);
    if (amount <= 0) return;
    const at = new Date(p.establishedAt);
    await this.ariseOnce(m, {
      key: enforcementKeys.prohibitedTraffic(p.caseId),
      trigger: DebtBirthTrigger.PROHIBITED_TRAFFIC,
      at,
      amount,
      establishedAt: at,
      paymentDeadline: endOfCalendarDaysAfter(at, this.config.paymentPeriodDays),
      debtors: [...new Set(p.suspectIds)].map(partnerId => ({ partnerId, basis: LiabilityBasis.OFFENDER })),
    });
  }

  /**
   * FineImposed (LD art. 118-127; DPA; DESIGN CHOICE: the fine of a final penalty decision is
   * collected like a customs debt): one debt under `fine:<caseId>`, arisen and established when
   * the decision became final, due at once and payable within the payment period (DEBT-R09), with
   * default interest after it (DEBT-R10), owed by the person fined (OFFENDER) or by the undertaking
   * ordered to pay instead of the individuals responsible (UNDERTAKING_ORDERED_TO_PAY, LD art. 125).
   * A fine is not a duty: the CHF 5 rule (DEBT-R07, OD-AFD art. 58) does not apply to it. No amount
   * (nil), no debt. Once per case.
   */
  async onFineImposed(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as unknown as FineImposed;
    const amount = toRappen(p.amount);
    if (amount <= 0) return;
    const at = new Date(p.finalAt);
    const basis = p.payerKind === "UNDERTAKING" ? LiabilityBasis.UNDERTAKING_ORDERED_TO_PAY : LiabilityBasis.OFFENDER;
    await this.ariseOnce(m, {
      key: enforcementKeys.fine(p.caseId),
      trigger: DebtBirthTrigger.PENALTY_DECISION,
      at,
      amount,
      establishedAt: at,
      paymentDeadline: endOfCalendarDaysAfter(at, this.config.paymentPeriodDays),
      debtors: [{ partnerId: p.payerId, basis }],
    });
  }

  /**
   * The debt under its origin key, DUE from its birth (DEBT-R08, LD art. 72 para. 1), with its
   * debtors jointly and severally liable (DEBT-R03); the one already recorded under the key
   * otherwise, locked (`claimOrigin`: of concurrent deliveries, one records it).
   */
  private async ariseOnce(m: EntityManager, o: Origin): Promise<CustomsDebt> {
    const existing = await m.findOneBy(CustomsDebt, { declarationId: o.key });
    if (existing) return existing;
    const debt = m.create(CustomsDebt, {
      id: randomUUID(),
      declarationId: o.key,
      declarationNumber: null,
      taxationDecisionId: null,
      birthTrigger: o.trigger,
      arisenAt: o.at,
      conditional: false,
      amount: o.amount,
      principalPaid: 0,
      interestPaid: 0,
      establishedAt: o.establishedAt,
      dueAt: o.at,
      paymentDeadline: o.paymentDeadline,
      status: DebtStatus.DUE,
      suspensions: [],
      interruptions: [],
      createdAt: this.clock.now(),
      procedureEndedAt: null,
    });
    if (!(await claimOrigin(m, debt))) return (await findForUpdate(m, CustomsDebt, { declarationId: o.key }))!;
    for (const d of o.debtors) await m.save(m.create(DebtorLiability, { id: randomUUID(), debtId: debt.id, partnerId: d.partnerId, basis: d.basis, jointAndSeveral: true }));
    return debt;
  }
}
