import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, IsNull } from "typeorm";
import { Clock, DomainError, endOfCalendarDaysAfter, endOfZurichDay, EventEnvelope, EventPublisher, findForUpdate, isOfficer, Logger, NotFoundError, Principal, toRappen, transaction, ValidationError } from "../../kit";
import { CustomsDebt, DebtorLiability } from "../entities/debt.entity";
import { DebtBirthTrigger, DebtStatus, LiabilityBasis } from "../entities/enums";
import { Security, SecurityRequisition } from "../entities/security.entity";
import { claimOrigin, DebtConfig, debtAlreadyRecorded, DebtService, lockWithRequisition, releaseSecurities } from "./debt.service";
import type { SecurityService } from "./security.service";

const refuse = (code: string, message: string, details: Record<string, unknown>) => new DomainError(code, message, details);

/** A debt that still binds its debtors: neither paid nor otherwise ended. */
const BINDING = [DebtStatus.CONDITIONAL, DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT];

/**
 * A moment of a warehousing event: an ISO instant, or a day (YYYY-MM-DD) read as its end in
 * Zurich (DOMAIN.md §0.4 T3, T8), as a storage period runs to the end of its last day.
 */
function instantOf(value: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? endOfZurichDay(value) : new Date(value);
}

/** Where a conditional debt comes from, and what its requisition for additional security says. */
interface ConditionalOrigin {
  /** The debt's origin key: `procedure:<case or reference>` or `lot:<lot id>`. */
  key: string;
  trigger: DebtBirthTrigger.PROCEDURE | DebtBirthTrigger.WAREHOUSING;
  declarationNumber: string | null;
  /** DEBT-R18 (LD art. 81 para. 1): the body where the additional security is deposited. */
  depositBody: string;
}

const PROCEDURE_OFFICE = "the customs office that opened the procedure";
const WAREHOUSE_OFFICE = "the control office of the consumer goods warehouse";

/**
 * Conditional debts (DEBT-R12; LD art. 49 para. 2 let. a, 51 para. 2 let. b, 58-60, 76 para. 1):
 * duties fixed with a conditional payment obligation, secured when the procedure opens, CONDITIONAL
 * while it runs, EXTINGUISHED when it is discharged, DUE when it is not. One lifecycle for the
 * procedures the office records, the procedure cases of declarations (X11, X12) and the lots of a
 * consumer goods warehouse (X14 to X18).
 */
export class ConditionalDebtService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly events: EventPublisher,
    private readonly config: DebtConfig,
    private readonly debts: DebtService,
    private readonly securities: SecurityService,
    private readonly log: Logger,
  ) {}

  // ------------------------------------------------------------ procedures the office records

  /**
   * DEBT-R12 (LD art. 76 para. 1; LD art. 49 para. 2 let. a, 51 para. 2 let. b, 58-60): a procedure
   * fixes the duties with a conditional payment obligation, which must be secured. The debt is
   * CONDITIONAL until the procedure is discharged (EXTINGUISHED) or not (DUE). The office records
   * one here for a case outside any declaration, naming its securities; a declaration's procedure
   * case records its own (X11, `onProcedureCaseOpened`).
   *
   * Several securities may secure it (DEBT-R14, LD art. 76 para. 2): each, in the order given,
   * covers what it can up to its headroom; a rest no security covers stays unsecured, and the
   * administration asks for additional security for it at once (a security requisition, DEBT-R18)
   * that another security (a cash deposit, say) meets. Until the whole amount is secured the goods
   * are not released (`goodsReleasable`). With no cover at all the debt is refused (SECURITY_REQUIRED).
   */
  async recordConditionalDebt(principal: Principal, input: { reference: string; debtorId: string; procedure: string; amount: number; securityIds: string[] }): Promise<CustomsDebt> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office opens the procedure's debt.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    if (input.amount <= 0) throw new ValidationError("The conditional duties are positive.", { field: "input.amount" });
    const securityIds = [...new Set(input.securityIds)];
    if (!securityIds.length) throw new ValidationError("A conditional debt is secured: name its securities.", { field: "input.securityIds", rule: "DEBT-R12", article: "LD art. 76 para. 1" });
    return transaction(this.dataSource, async m => {
      const key = `procedure:${input.reference}`;
      if (await m.findOneBy(CustomsDebt, { declarationId: key })) throw debtAlreadyRecorded();
      // Locked in id order, whatever order they are used in, so that parallel procedures do not deadlock.
      const locked = new Map<string, Security>();
      for (const id of [...securityIds].sort()) {
        const security = await findForUpdate(m, Security, { id });
        if (!security || security.debtorId !== input.debtorId) {
          throw refuse("SECURITY_REQUIRED", "A conditional debt must be secured by securities of the debtor.", { field: "input.securityIds", rule: "DEBT-R12", article: "LD art. 76 para. 1", securityId: id });
        }
        locked.set(id, security);
      }
      const now = this.clock.now();
      const securities = securityIds.map(id => locked.get(id)!);
      const origin: ConditionalOrigin = { key, trigger: DebtBirthTrigger.PROCEDURE, declarationNumber: input.procedure, depositBody: PROCEDURE_OFFICE };
      const debt = await this.openConditionalDebt(m, { origin, debtorId: input.debtorId, amount: input.amount, at: now, securities, uncovered: "refuse" });
      if (!debt) throw debtAlreadyRecorded();
      return debt;
    });
  }

  /** LD art. 49 para. 3, 58 para. 3, 59 para. 4, 60 para. 4: discharged, the conditional debt is extinguished; not discharged, it falls due now. */
  async settleProcedure(principal: Principal, input: { debtId: string; discharged: boolean }): Promise<CustomsDebt> {
    if (!isOfficer(principal, "CUSTOMS_OFFICE")) throw refuse("OFFICER_ROLE_REQUIRED", "A customs office records the discharge.", { requiredRoles: ["CUSTOMS_OFFICE"] });
    return transaction(this.dataSource, async m => {
      const debt = await lockWithRequisition(m, { id: input.debtId });
      if (!debt) throw new NotFoundError("CustomsDebt", input.debtId, "debtId");
      if (debt.status !== DebtStatus.CONDITIONAL) throw refuse("NOT_CONDITIONAL", `A ${debt.status} debt is not a procedure's conditional debt.`, { rule: "DEBT-R12", article: "LD art. 49" });
      const now = this.clock.now();
      if (!input.discharged) {
        this.fallDue(debt, now);
        return m.save(debt);
      }
      debt.procedureEndedAt = now;
      return this.extinguish(m, debt, now);
    });
  }

  // ------------------------------------------------------------ declarations' procedure cases (X11, X12)

  /**
   * X11 (LD art. 49 para. 2, 58-60, 76 para. 1): declarations opened a procedure case (transit,
   * temporary admission, inward or outward processing) with its conditional duties. Its conditional
   * debt is recorded under `procedure:<caseId>`, owed by the holder, and secured at once by the
   * holder's active general bonds, oldest first, each up to its headroom; the rest is requisitioned
   * (DEBT-R14, DEBT-R18; LD art. 76 para. 2), the whole amount when the holder has no bond: an event
   * is a fact, never refused. No duties (zero), no debt.
   *
   * Once per case: a redelivery, or a retry under a new envelope id, finds the debt. Concurrent
   * deliveries queue on the holder's bonds (which also keeps two cases from spending the same
   * headroom), then on the debt's key (`claimOrigin`): the first records the debt, the others find it.
   */
  async onProcedureCaseOpened(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { caseId: string; declarationId: string; declarationNumber?: string | null; procedure: string; holderId: string; officeId: string; conditionalDuties: string; openedAt: string; timeLimit: string | null };
    const origin: ConditionalOrigin = { key: `procedure:${p.caseId}`, trigger: DebtBirthTrigger.PROCEDURE, declarationNumber: p.declarationNumber ?? null, depositBody: PROCEDURE_OFFICE };
    await this.openSecuredByGeneralBonds(m, origin, p.holderId, p.conditionalDuties, new Date(p.openedAt));
  }

  /**
   * X12 (LD art. 49 para. 3, 58 para. 3, 59 para. 4, 60 para. 4): the procedure was not discharged
   * in time: its conditional debt falls due now, payable within the payment period (DEBT-R09). The
   * securities stay attached: they now secure a due debt. Once: a debt no longer CONDITIONAL is left
   * alone. A case without a debt (no duties, or the export regime) changes nothing.
   */
  async onProcedureNotDischarged(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { caseId: string; declarationId: string; procedure: string; holderId: string; timeLimit: string | null; notDischargedAt: string; reliefApplicationDeadline: string | null };
    const debt = await findForUpdate(m, CustomsDebt, { declarationId: `procedure:${p.caseId}` });
    if (debt) await this.fallDueIfConditional(m, debt, new Date(p.notDischargedAt));
  }

  /**
   * LD art. 49 para. 3, 58-61; OD-AFD art. 44: the procedure was properly discharged: its conditional
   * debt is extinguished, its securities released (the bonds' headroom comes back) and a requisition
   * for its rest, still unmet, withdrawn. Once: a debt no longer CONDITIONAL is left alone.
   */
  async onProcedureCaseDischarged(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { caseId: string; declarationId: string; procedure: string; dischargedAt: string; mode: string };
    await this.discharge(m, `procedure:${p.caseId}`, new Date(p.dischargedAt));
  }

  /**
   * LD art. 49 para. 4, 58 para. 3, 59 para. 4, 60 para. 4: relief applied for within 60 days of the
   * time limit and granted: the debt that fell due (X12) is extinguished, its securities released and
   * an unmet requisition withdrawn, unless it already ended otherwise (extinguished, cancelled,
   * remitted, time-barred). Once: an extinguished debt is left alone.
   *
   * DESIGN CHOICE: as an amended taxation replaces the amount and shows what was paid too much as a
   * refund (`onTaxation`; `outstanding` is negative by that much), relief sets the duties owed to
   * nil: what the debtor or a surety paid towards the principal, a debt PAID in full included, shows
   * as the refund due. Default interest paid while the debt was due is not part of it (LD art. 74
   * para. 3 leaves open whether it was collected wrongly).
   */
  async onProcedureReliefGranted(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { caseId: string; declarationId: string; grantedAt: string };
    const debt = await lockWithRequisition(m, { declarationId: `procedure:${p.caseId}` });
    if (!debt || [DebtStatus.EXTINGUISHED, DebtStatus.CANCELLED, DebtStatus.REMITTED, DebtStatus.TIME_BARRED].includes(debt.status)) return;
    const at = new Date(p.grantedAt);
    Object.assign(debt, { amount: 0, procedureEndedAt: debt.procedureEndedAt ?? at });
    await this.extinguish(m, debt, at);
  }

  // ------------------------------------------------------------ stored lots (X14 to X18)

  /**
   * X14 (LD art. 51 para. 2 let. b, 76 para. 1; WH-R03): a lot stored in a consumer goods warehouse
   * has its import duties fixed with a conditional payment obligation. Its conditional debt is
   * recorded under `lot:<lotId>`, arisen when the lot was stored, owed by the depositor (who is
   * bound by the placement declaration, LD art. 52 para. 2), and secured as a procedure case's is:
   * the depositor's active general bonds up to their headroom, a requisition for the rest (DEBT-R14,
   * DEBT-R18; LD art. 76 para. 2). No duties (zero), no debt; a lot of an open customs warehouse or a
   * free deposit fixes none (WH-R03, WH-R20) and gives none, whatever its payload says. Once per
   * lot, under redelivery and concurrent delivery alike (see `onProcedureCaseOpened`).
   */
  async onLotStored(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { lotId: string; facilityId: string; facilityKind: string; depositorId: string; operatorId: string; entryDeclarationId: string | null; tariffNumber: string; netMassKg: string | number; conditionalDuties: string; storedAt: string; storageEnd: string | null };
    if (p.facilityKind !== "CONSUMER_GOODS_WAREHOUSE") return;
    const origin: ConditionalOrigin = { key: `lot:${p.lotId}`, trigger: DebtBirthTrigger.WAREHOUSING, declarationNumber: null, depositBody: WAREHOUSE_OFFICE };
    await this.openSecuredByGeneralBonds(m, origin, p.depositorId, p.conditionalDuties, new Date(p.storedAt));
  }

  /**
   * LD art. 52 para. 2 let. b: whoever takes over the depositor's rights and obligations becomes the
   * depositor. The lot's debt, unless paid or otherwise ended, binds the new depositor instead of
   * the old: the old one's liability moves to the new one (as a declarant, jointly and severally),
   * and so does a requisition for additional security that is still unmet (DEBT-R18: the new debtor
   * secures the rest). Once: the old depositor no longer owes it on a redelivery.
   *
   * DESIGN CHOICE (not in sources): the old depositor's securities attached to the debt stay
   * attached. The transfer does not release them: the surety's liability ends with the debt
   * (LD art. 79 para. 1), not with a change of debtor the surety was not asked about; the office
   * cancels a security (LD art. 79 para. 3) once the new depositor has secured the debt.
   */
  async onLotDepositorTransferred(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { lotId: string; fromId: string; toId: string; effectiveAt: string };
    if (p.fromId === p.toId) return;
    const debt = await lockWithRequisition(m, { declarationId: `lot:${p.lotId}` });
    if (!debt || !BINDING.includes(debt.status)) return;
    const liabilities = await m.findBy(DebtorLiability, { debtId: debt.id });
    const old = liabilities.find(l => l.partnerId === p.fromId);
    if (!old) return;
    if (liabilities.some(l => l.partnerId === p.toId)) await m.delete(DebtorLiability, { id: old.id });
    else await m.update(DebtorLiability, { id: old.id }, { partnerId: p.toId, basis: LiabilityBasis.DECLARANT_OR_AGENT, jointAndSeveral: true });
    await m.update(SecurityRequisition, { originKey: `conditional:${debt.id}`, debtorId: p.fromId, securityId: IsNull(), withdrawnAt: IsNull() }, { debtorId: p.toId });
  }

  /**
   * WH-R12, WH-R17, WH-R25 (LD art. 57, 67): the lot left against an accepted exit declaration,
   * placed under another procedure: the warehousing procedure is discharged and the lot's
   * conditional debt extinguished, as a procedure case's is (`onProcedureCaseDischarged`). The
   * duties of a release for free circulation are the exit declaration's own debt (X05, X15;
   * LD art. 57 para. 2, 69 let. a). Once: a debt no longer CONDITIONAL is left alone.
   */
  async onLotReleased(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { lotId: string; facilityId: string; exitDeclarationId: string; procedure: string; releasedAt: string };
    await this.discharge(m, `lot:${p.lotId}`, new Date(p.releasedAt));
  }

  /**
   * X16 (WH-R13; LD art. 69 let. d): the lot left without a declaration. A consumer goods lot's
   * conditional debt falls due at the release, or at the discovery when the release cannot be
   * dated, as a procedure not discharged (X12). Any other lot had no duties fixed (an open
   * customs warehouse, WH-R03): its debt arises now, under `lot:<lotId>`, at the release
   * (WAREHOUSE_RELEASE_WITHOUT_DECLARATION), else at the discovery (OMITTED_DECLARATION_DISCOVERY),
   * owed by the depositor, its amount null until the office establishes it. Once per lot.
   */
  async onLotReleasedWithoutDeclaration(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { lotId: string; facilityId: string; facilityKind: string; depositorId: string; operatorId: string; releasedAt: string | null; discoveredAt: string; tariffNumber: string; netMassKg: string | number };
    const key = `lot:${p.lotId}`;
    const existing = await findForUpdate(m, CustomsDebt, { declarationId: key });
    if (existing) {
      await this.fallDueIfConditional(m, existing, new Date(p.releasedAt ?? p.discoveredAt));
      return;
    }
    const [trigger, at] = p.releasedAt ? [DebtBirthTrigger.WAREHOUSE_RELEASE_WITHOUT_DECLARATION, p.releasedAt] : [DebtBirthTrigger.OMITTED_DECLARATION_DISCOVERY, p.discoveredAt];
    await this.debts.arise(m, key, null, trigger, new Date(at), p.depositorId, null);
  }

  /**
   * X17 (WH-R04; LD art. 51 para. 3): the lot's storage period ended. The warehousing procedure has
   * ended then (`procedureEndedAt`, DEBT-R23); the debt stays CONDITIONAL while the goods may still
   * be placed under another procedure, within 60 days: placed, it is extinguished (`onLotReleased`);
   * not, it falls due (`onLotDutiesDue`). Once: an end already recorded stays.
   */
  async onStoragePeriodExpired(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { lotId: string; storageEnd: string; placementDeadline: string };
    const debt = await findForUpdate(m, CustomsDebt, { declarationId: `lot:${p.lotId}` });
    if (!debt || debt.status !== DebtStatus.CONDITIONAL || debt.procedureEndedAt) return;
    await m.update(CustomsDebt, { id: debt.id }, { procedureEndedAt: instantOf(p.storageEnd) });
  }

  /**
   * WH-R04 (LD art. 51 para. 3): 60 days after the end of the storage period the goods were not
   * placed under another procedure: the conditional debt falls due at `dueAt`, payable within the
   * payment period from then (DEBT-R09). The procedure ended with the storage (X17), whose end
   * stays recorded. Once: a debt no longer CONDITIONAL is left alone.
   */
  async onLotDutiesDue(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { lotId: string; storageEnd: string; dueAt: string };
    const debt = await findForUpdate(m, CustomsDebt, { declarationId: `lot:${p.lotId}` });
    if (debt) await this.fallDueIfConditional(m, debt, instantOf(p.dueAt), instantOf(p.storageEnd));
  }

  /**
   * WH-R04 (LD art. 51 para. 3): warehousing learnt, after it had made the lot's duties due
   * (`onLotDutiesDue`), that the goods had been placed under another procedure within the 60 days:
   * the exit declaration was accepted in time, its event delivered late. The duties were never due:
   * the debt is conditional again (as LotStored fixed it, secured as it was), and the lot's release
   * (`onLotReleased`) extinguishes it. Only while nothing has followed from the fall: a debt already
   * paid in part, overdue (X20 told enforcement) or in enforcement is left to the office, which
   * corrects it by remission (DEBT-R23) or cancellation, and a warning says so. Once: a debt no
   * longer DUE is left alone.
   */
  async onLotPlacedInTime(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { lotId: string; exitDeclarationId: string; acceptedAt: string; placementDeadline: string };
    const debt = await findForUpdate(m, CustomsDebt, { declarationId: `lot:${p.lotId}` });
    if (!debt || debt.birthTrigger !== DebtBirthTrigger.WAREHOUSING || debt.conditional) return;
    if (debt.status !== DebtStatus.DUE || debt.principalPaid > 0 || debt.interestPaid > 0) {
      this.log.warn({ debtId: debt.id, lotId: p.lotId, status: debt.status, exitDeclarationId: p.exitDeclarationId }, "lot placed in time after its duties fell due: the debt is left for the office to correct");
      return;
    }
    Object.assign(debt, { status: DebtStatus.CONDITIONAL, conditional: true, dueAt: debt.arisenAt, paymentDeadline: null });
    await m.save(debt);
  }

  /**
   * X18 (WH-R28; LD art. 86 para. 1 let. a; OD-AFD art. 60): the stored goods were destroyed by
   * accident, force majeure or with the authorities' consent. The procedure ended with them: the
   * one-year window for a remission request runs from the destruction (DEBT-R23, LD art. 86 para. 2,
   * `DebtService.remissionDeadline`), and the depositor may ask (DESTROYED_IN_CUSTODY_OR_PROCEDURE).
   * The debt's status stays: only the DGD's remission ends it (OD-AFD art. 59). A debt already
   * extinguished or cancelled (the lot left) is left alone, as is an open warehouse's lot, which
   * fixed no duties. Once: the same destruction records the same end.
   */
  async onLotDestroyed(m: EntityManager, e: EventEnvelope): Promise<void> {
    const p = e.payload as { lotId: string; depositorId: string; destroyedAt: string; cause: string };
    const debt = await findForUpdate(m, CustomsDebt, { declarationId: `lot:${p.lotId}` });
    if (!debt || debt.birthTrigger !== DebtBirthTrigger.WAREHOUSING || [DebtStatus.EXTINGUISHED, DebtStatus.CANCELLED].includes(debt.status)) return;
    await m.update(CustomsDebt, { id: debt.id }, { procedureEndedAt: new Date(p.destroyedAt) });
  }

  // ------------------------------------------------------------ the lifecycle, once for all

  /**
   * A conditional debt opened by an event (X11, X14), secured by the debtor's general bonds that
   * cover a claim born `at` (active, or terminated with `at` by the cut-off: DEBT-R16, LD art. 79
   * para. 2), oldest first, each up to its headroom, and a requisition for the rest: an event is a fact,
   * never refused. No duties, no debt; a debt already recorded under the key, nothing more.
   */
  private async openSecuredByGeneralBonds(m: EntityManager, origin: ConditionalOrigin, debtorId: string, conditionalDuties: string, at: Date): Promise<void> {
    const amount = toRappen(conditionalDuties);
    if (amount <= 0 || (await m.findOneBy(CustomsDebt, { declarationId: origin.key }))) return;
    const bonds = await this.securities.lockGeneralBonds(m, debtorId, at);
    await this.openConditionalDebt(m, { origin, debtorId, amount, at, securities: bonds, uncovered: "requisition" });
  }

  /**
   * The one way a conditional debt is opened (DEBT-R12, DEBT-R14; LD art. 76): the debt under its
   * key, arisen `at`, owed by the debtor jointly and severally; then each security (locked by the
   * caller, in id order), in the order given, covers what it can up to its headroom. The rest is
   * asked for at once by a security requisition (`conditional:<debt>`, DEBT-R18, LD art. 76 para. 2)
   * that the security provided in answer meets (SecurityService.onRequisitionMet); with nothing
   * left, the producer learns that the goods may be released (ConditionalDebtSecured). A debt no
   * security covers at all is refused (`uncovered: "refuse"`, the office's choice of securities) or
   * requisitioned whole (`"requisition"`, an event). Null when the key was taken meanwhile.
   */
  private async openConditionalDebt(
    m: EntityManager,
    c: { origin: ConditionalOrigin; debtorId: string; amount: number; at: Date; securities: Security[]; uncovered: "refuse" | "requisition" },
  ): Promise<CustomsDebt | null> {
    const debt = m.create(CustomsDebt, {
      id: randomUUID(), declarationId: c.origin.key, declarationNumber: c.origin.declarationNumber, taxationDecisionId: null, birthTrigger: c.origin.trigger, arisenAt: c.at, conditional: true,
      amount: c.amount, principalPaid: 0, interestPaid: 0, establishedAt: c.at, dueAt: c.at, paymentDeadline: null, status: DebtStatus.CONDITIONAL, suspensions: [], interruptions: [], createdAt: this.clock.now(),
      procedureEndedAt: null,
    });
    if (!(await claimOrigin(m, debt))) return null;
    await m.save(m.create(DebtorLiability, { id: randomUUID(), debtId: debt.id, partnerId: c.debtorId, basis: LiabilityBasis.DECLARANT_OR_AGENT, jointAndSeveral: true }));
    let secured = 0;
    for (const security of c.securities) {
      if (secured >= c.amount) break;
      const reservation = await this.securities.attach(m, security, debt, c.amount - secured, "upToHeadroom");
      secured += reservation?.amount ?? 0;
    }
    if (secured === 0 && c.uncovered === "refuse") throw refuse("SECURITY_REQUIRED", "No headroom is left on these securities: the conditional debt would be unsecured.", { field: "input.securityIds", rule: "DEBT-R12", article: "LD art. 76 para. 1" });
    const now = this.clock.now();
    if (secured < c.amount) {
      await m.save(
        m.create(SecurityRequisition, {
          id: randomUUID(),
          debtorId: c.debtorId,
          legalGround: "LD art. 76 para. 2: additional security for the part of a procedure's conditional duties the securities given do not cover (DEBT-R14)",
          amount: c.amount - secured,
          depositBody: c.origin.depositBody,
          decidedAt: now,
          originKey: `conditional:${debt.id}`,
          securityId: null,
          withdrawnAt: null,
        }),
      );
    } else {
      await this.events.publish(m, "ConditionalDebtSecured", debt.id, { debtId: debt.id, reference: c.origin.key, securedAt: now.toISOString() });
    }
    return debt;
  }

  /** Not discharged (X12, X16, LD art. 51 para. 3): a CONDITIONAL debt (locked) falls due at `at`; any other is left alone. */
  private async fallDueIfConditional(m: EntityManager, debt: CustomsDebt, at: Date, procedureEndedAt = at): Promise<void> {
    if (debt.status !== DebtStatus.CONDITIONAL) return;
    this.fallDue(debt, at, procedureEndedAt);
    await m.save(debt);
  }

  /**
   * LD art. 49 para. 3, 51 para. 3, 58 para. 3, 59 para. 4, 60 para. 4: not discharged, the
   * conditional debt is payable from `at`, within the payment period (DEBT-R09). The procedure ended
   * then, unless its end was recorded before (a lot's storage period, X17).
   */
  private fallDue(debt: CustomsDebt, at: Date, procedureEndedAt = at): void {
    Object.assign(debt, { status: DebtStatus.DUE, conditional: false, dueAt: at, paymentDeadline: endOfCalendarDaysAfter(at, this.config.paymentPeriodDays), procedureEndedAt: debt.procedureEndedAt ?? procedureEndedAt });
  }

  /** Discharged (LD art. 49 para. 3, 57, 58-61, 67; OD-AFD art. 44): a CONDITIONAL debt ends at `at`, its securities released; any other is left alone. */
  private async discharge(m: EntityManager, key: string, at: Date): Promise<void> {
    const debt = await lockWithRequisition(m, { declarationId: key });
    if (!debt || debt.status !== DebtStatus.CONDITIONAL) return;
    debt.procedureEndedAt = at;
    await this.extinguish(m, debt, at);
  }

  /**
   * LD art. 49 para. 3-4, 58-60: the debt (locked with `lockWithRequisition`) ends: its securities
   * are released, and a requisition for its rest that no security met yet no longer applies (DEBT-R18).
   */
  private async extinguish(m: EntityManager, debt: CustomsDebt, at: Date): Promise<CustomsDebt> {
    debt.status = DebtStatus.EXTINGUISHED;
    await releaseSecurities(m, debt, at);
    return m.save(debt);
  }
}
