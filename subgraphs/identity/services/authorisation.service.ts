import { randomInt, randomUUID } from "node:crypto";
import { DataSource, EntityManager, In, IsNull } from "typeorm";
import { addCalendarDays, Clock, ConnectionArgs, ConnectionShape, endOfZurichDay, EventPublisher, findForUpdate, NotFoundError, pageAsOf, paginate, Principal, recordedInstant, ValidationError, zurichDate, transaction } from "../../kit";
import { CustomsSystemAuthorisation } from "../entities/authorisation.entity";
import { BusinessPartner } from "../entities/business-partner.entity";
import { CoveringSecurity } from "../entities/covering-security.entity";
import { AuthorisationScope, AuthorisationStatus, CustomsSystem, PartnerStatus, WithdrawalGround } from "../entities/enums";
import { IdentityAccess } from "./access";
import { asOfInstantOf, partnerRowsAsOf } from "./as-of";
import { IdentityErrors } from "./errors";
import { withdrawOnReferrals } from "./withdrawal-referral.service";

export interface ApplyForAuthorisationInput {
  partnerId: string;
  systems: CustomsSystem[];
  scope: AuthorisationScope;
  transitOnly?: boolean | null;
  writtenApplicationReference: string;
  itEquipmentConfirmed: boolean;
  properConductGuaranteed: boolean;
  notificationDomicile?: string | null;
  dataAccessGranted?: boolean | null;
  juxtaposedOfficePremises?: string | null;
}

/** ID-R29 (OD-AFD art. 8 para. 6): days the DGD has to decide. DESIGN CHOICE: calendar days (T6). */
export const AUTHORISATION_DECISION_DAYS = 10;

const OPEN = [AuthorisationStatus.APPLIED, AuthorisationStatus.DOCUMENTS_COMPLETE, AuthorisationStatus.GRANTED];
/** Applications not yet decided: the ones a security provided or ended still matters to. */
const UNDECIDED = [AuthorisationStatus.APPLIED, AuthorisationStatus.DOCUMENTS_COMPLETE];

/** Payload of debt's X03 event. */
export interface SecurityProvidedPayload {
  partnerId: string;
  securityId?: string;
  kind?: string;
  reference?: string;
  maxAmount?: string;
}

/** Payload of debt's SecurityEnded event. */
export interface SecurityEndedPayload {
  partnerId: string;
  securityId: string;
  reason: "CANCELLED" | "TERMINATION_RECEIVED";
  endedAt?: string;
}

export class AuthorisationService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: IdentityAccess,
    private readonly events: EventPublisher,
  ) {}

  /**
   * ID-R25 to ID-R28 (OD-AFD art. 8 para. 1-3, 5): the declarant applies in writing. The scope
   * fixes which systems and which conditions apply; they are checked again at the grant.
   */
  async apply(principal: Principal, input: ApplyForAuthorisationInput): Promise<CustomsSystemAuthorisation> {
    const systems = [...new Set(input.systems)];
    if (!systems.length) throw new ValidationError("Choose e-dec, NCTS or both.", { field: "input.systems", rule: "ID-R25", article: "OD-AFD art. 8 para. 1" });
    if (input.scope === AuthorisationScope.FOREIGN_BORDER_REGION_IMPORT && (systems.length !== 1 || systems[0] !== CustomsSystem.EDEC)) {
      throw IdentityErrors.refused("AUTHORISATION_SCOPE_SYSTEMS", "A declarant from a foreign border region may use e-dec for import declarations only.", {
        field: "input.systems",
        rule: "ID-R26",
        article: "OD-AFD art. 8 para. 2",
      });
    }
    if (input.transitOnly && (input.scope !== AuthorisationScope.DOMESTIC || systems.includes(CustomsSystem.EDEC))) {
      throw IdentityErrors.refused("AUTHORISATION_SCOPE_SYSTEMS", "A transit-only authorisation covers NCTS transit declarations.", {
        field: "input.transitOnly",
        rule: "ID-R28",
        article: "OD-AFD art. 8 para. 5",
      });
    }
    return transaction(this.dataSource, async m => {
      await this.access.requirePartnerAdministrator(m, principal, input.partnerId);
      const partner = await this.access.lockPartner(m, input.partnerId);
      if (partner.status !== PartnerStatus.ONBOARDED) {
        throw IdentityErrors.refused("PARTNER_NOT_ONBOARDED", "Only an onboarded business partner can apply.", { rule: "ID-R25", article: "OD-AFD art. 8 para. 1" });
      }
      const open = await m.findOneBy(CustomsSystemAuthorisation, { partnerId: input.partnerId, scope: input.scope, status: In(OPEN) });
      if (open) {
        throw IdentityErrors.refused("AUTHORISATION_ALREADY_OPEN", `An authorisation for this scope is already ${open.status}.`, { field: "input.scope", authorisationId: open.id });
      }
      // ID-R25 let. c: a security already covering the declarant when it applies counts at once.
      const [cover] = await this.activeCovers(m, input.partnerId);
      const now = this.clock.now();
      const authorisation = m.create(CustomsSystemAuthorisation, {
        id: randomUUID(),
        partnerId: input.partnerId,
        systems,
        scope: input.scope,
        transitOnly: Boolean(input.transitOnly),
        status: AuthorisationStatus.APPLIED,
        writtenApplicationReference: input.writtenApplicationReference.trim(),
        appliedAt: now,
        itEquipmentConfirmed: input.itEquipmentConfirmed,
        properConductGuaranteed: input.properConductGuaranteed,
        securityProvidedAt: cover ? now : null,
        securityReference: cover?.reference ?? null,
        securityId: cover?.securityId ?? null,
        notificationDomicile: input.notificationDomicile ?? null,
        dataAccessGranted: Boolean(input.dataAccessGranted),
        juxtaposedOfficePremises: input.juxtaposedOfficePremises ?? null,
        documentsCompleteAt: null,
        decisionDueBy: null,
        decidedAt: null,
        businessNumber: null,
        refusalReason: null,
        withdrawalGround: null,
        withdrawalReason: null,
        withdrawnAt: null,
      });
      return m.save(authorisation);
    });
  }

  /** ID-R29 (OD-AFD art. 8 para. 6): the last supporting document arrived; the 10 days start. */
  async recordDocumentsComplete(principal: Principal, id: string): Promise<CustomsSystemAuthorisation> {
    this.access.requireOfficer(principal, "DGD");
    return this.transition(id, [AuthorisationStatus.APPLIED], "ID-R29", "OD-AFD art. 8 para. 6", async (m, a) => {
      const now = this.clock.now();
      Object.assign(a, { status: AuthorisationStatus.DOCUMENTS_COMPLETE, documentsCompleteAt: now, decisionDueBy: this.decisionDueBy(now) });
      await m.save(a);
    });
  }

  /**
   * ID-R25 let. c: the security for the expected levies, recorded by the DGD. It names no security
   * of the debt subgraph (securityId null), so debt's events leave it alone.
   */
  async recordSecurity(principal: Principal, id: string, reference: string): Promise<CustomsSystemAuthorisation> {
    this.access.requireOfficer(principal, "DGD");
    return this.transition(id, [AuthorisationStatus.APPLIED, AuthorisationStatus.DOCUMENTS_COMPLETE], "ID-R25", "OD-AFD art. 8 para. 1 let. c", async (m, a) => {
      Object.assign(a, { securityProvidedAt: this.clock.now(), securityReference: reference, securityId: null });
      await m.save(a);
    });
  }

  /**
   * X03 SecurityProvided (debt): the security joins the partner's covering securities, and condition
   * c is fulfilled for the partner's undecided applications. A re-announced security changes
   * nothing; an ended one is not revived.
   */
  async onSecurityProvided(m: EntityManager, payload: SecurityProvidedPayload, occurredAt?: string): Promise<void> {
    if (payload.securityId) {
      const known = await m.findOneBy(CoveringSecurity, { securityId: payload.securityId });
      if (known?.endedAt) return;
      if (!known) {
        await m.insert(CoveringSecurity, {
          securityId: payload.securityId,
          partnerId: payload.partnerId,
          kind: payload.kind ?? "UNSPECIFIED",
          reference: payload.reference ?? payload.securityId,
          providedAt: this.dateOr(occurredAt),
          endedAt: null,
          endReason: null,
        });
      }
    }
    const open = await m.findBy(CustomsSystemAuthorisation, { partnerId: payload.partnerId, status: In(UNDECIDED) });
    for (const a of open) {
      if (a.securityProvidedAt) continue;
      Object.assign(a, { securityProvidedAt: this.clock.now(), securityReference: payload.reference ?? payload.securityId ?? "debt subgraph", securityId: payload.securityId ?? null });
      await m.save(a);
    }
  }

  /**
   * Debt's SecurityEnded: the administration cancelled the security, or (DESIGN CHOICE) a general
   * bond's termination was received; either way it no longer counts for a decision to come. The
   * undecided applications that relied on it take another security still covering the partner,
   * or lose condition c: the security must cover at the decision (ID-R25 let. c).
   */
  async onSecurityEnded(m: EntityManager, payload: SecurityEndedPayload, occurredAt?: string): Promise<void> {
    // Locked: a grant deciding on this security at the same moment waits, then sees the end.
    const known = await findForUpdate(m, CoveringSecurity, { securityId: payload.securityId });
    // Unknown: announced before identity kept covering securities; no application names it.
    if (!known || known.endedAt) return;
    Object.assign(known, { endedAt: this.dateOr(payload.endedAt ?? occurredAt), endReason: payload.reason ?? "CANCELLED" });
    await m.save(known);
    const relying = await m.findBy(CustomsSystemAuthorisation, { partnerId: known.partnerId, securityId: known.securityId, status: In(UNDECIDED) });
    if (!relying.length) return;
    const covers = await this.activeCovers(m, known.partnerId);
    for (const a of relying) {
      if (this.takeCover(a, covers)) await m.save(a);
    }
  }

  /**
   * ID-R29: the DGD grants once all documents are in and the conditions of the scope hold
   * (ID-R25 to ID-R28), and assigns the business number. Publishes X04.
   */
  async grant(principal: Principal, id: string): Promise<CustomsSystemAuthorisation> {
    this.access.requireOfficer(principal, "DGD");
    return this.transition(id, [AuthorisationStatus.DOCUMENTS_COMPLETE], "ID-R29", "OD-AFD art. 8 para. 6", async (m, a) => {
      const partner = await m.findOneByOrFail(BusinessPartner, { id: a.partnerId });
      // ID-R25 let. c: what counts is a security covering the declarant at the decision, also one
      // the application did not record (an event raced it). Locked, so a concurrent end is seen.
      this.takeCover(a, await this.activeCovers(m, a.partnerId, true));
      const missing = this.missingConditions(a, partner);
      if (missing.length) {
        throw IdentityErrors.refused("AUTHORISATION_CONDITIONS_NOT_MET", `Conditions not met: ${missing.map(c => c.condition).join("; ")}.`, {
          rule: missing[0].rule,
          article: missing[0].article,
          missing,
        });
      }
      Object.assign(a, { status: AuthorisationStatus.GRANTED, decidedAt: this.clock.now(), businessNumber: await this.newBusinessNumber(m) });
      await m.save(a);
      await this.events.publish(m, "CustomsSystemAuthorisationGranted", a.partnerId, {
        partnerId: a.partnerId,
        authorisationId: a.id,
        businessNumber: a.businessNumber,
        systems: a.systems,
        scope: a.scope,
        transitOnly: a.transitOnly,
      });
    });
  }

  async refuse(principal: Principal, id: string, reason: string): Promise<CustomsSystemAuthorisation> {
    this.access.requireOfficer(principal, "DGD");
    return this.transition(id, [AuthorisationStatus.APPLIED, AuthorisationStatus.DOCUMENTS_COMPLETE], "ID-R29", "OD-AFD art. 8 para. 6", async (m, a) => {
      Object.assign(a, { status: AuthorisationStatus.REFUSED, decidedAt: this.clock.now(), refusalReason: reason });
      await m.save(a);
    });
  }

  /**
   * ID-R31 (OD-AFD art. 9): withdrawal on one of three grounds. Publishes X04. On the ground of
   * repeated offences (let. c) the DGD decides the holder's OPEN referrals (ENF-R06) with it.
   */
  async withdraw(principal: Principal, id: string, ground: WithdrawalGround, reason: string): Promise<CustomsSystemAuthorisation> {
    this.access.requireOfficer(principal, "DGD");
    return this.transition(id, [AuthorisationStatus.GRANTED], "ID-R31", "OD-AFD art. 9", async (m, a) => {
      const now = this.clock.now();
      Object.assign(a, { status: AuthorisationStatus.WITHDRAWN, withdrawnAt: now, withdrawalGround: ground, withdrawalReason: reason });
      await m.save(a);
      if (ground === WithdrawalGround.REPEATED_OFFENCES) await withdrawOnReferrals(this.events, m, a.partnerId, { decidedAt: now, decidedBy: principal.subject ?? "DGD", decisionReason: reason });
      await this.events.publish(m, "CustomsSystemAuthorisationWithdrawn", a.partnerId, {
        partnerId: a.partnerId,
        authorisationId: a.id,
        businessNumber: a.businessNumber,
        ground,
      });
    });
  }

  /** ID-R29: the due day: 10 calendar days after the day the documents were complete (T6). */
  decisionDueBy(documentsCompleteAt: Date): string {
    return addCalendarDays(zurichDate(documentsCompleteAt), AUTHORISATION_DECISION_DAYS);
  }

  /** Past the end of the due day without a decision: now, or, for an authorisation read as of a date (issue 15), at that instant. */
  isDecisionOverdue(a: CustomsSystemAuthorisation): boolean {
    if (a.status !== AuthorisationStatus.DOCUMENTS_COMPLETE || !a.decisionDueBy) return false;
    return (asOfInstantOf(a) ?? this.clock.now()).getTime() > endOfZurichDay(a.decisionDueBy).getTime();
  }

  /**
   * Condition c from the covering securities in force: keeps the one the application relies on,
   * else takes another, else clears it. A DGD record (no securityId) stands. True when changed.
   */
  private takeCover(a: CustomsSystemAuthorisation, covers: CoveringSecurity[]): boolean {
    if (a.securityProvidedAt && !a.securityId) return false;
    if (a.securityId && covers.some(c => c.securityId === a.securityId)) return false;
    const [cover] = covers;
    if (!cover && !a.securityProvidedAt) return false;
    Object.assign(a, { securityProvidedAt: cover ? this.clock.now() : null, securityReference: cover?.reference ?? null, securityId: cover?.securityId ?? null });
    return true;
  }

  /** The partner's securities in force, oldest first; `lock` takes their rows (no-op on SQLite, which serialises writers). */
  private activeCovers(m: EntityManager, partnerId: string, lock = false): Promise<CoveringSecurity[]> {
    const forUpdate = lock && m.connection.options.type !== "better-sqlite3";
    return m.find(CoveringSecurity, { where: { partnerId, endedAt: IsNull() }, order: { providedAt: "ASC", securityId: "ASC" }, ...(forUpdate ? { lock: { mode: "pessimistic_write" as const } } : {}) });
  }

  /** An event's date, or now when it carries none (or an unreadable one). */
  private dateOr(value: string | undefined): Date {
    const date = value ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? date : this.clock.now();
  }

  /** The conditions of OD-AFD art. 8 for the scope, and which of them are missing. */
  missingConditions(a: CustomsSystemAuthorisation, partner: BusinessPartner): { condition: string; rule: string; article: string }[] {
    const missing: { condition: string; rule: string; article: string }[] = [];
    const need = (ok: boolean, condition: string, rule: string, article: string) => {
      if (!ok) missing.push({ condition, rule, article });
    };
    need(a.itEquipmentConfirmed, "IT equipment", "ID-R25", "OD-AFD art. 8 para. 1 let. b");
    need(a.properConductGuaranteed, "guarantee of a proper procedure and data security", "ID-R25", "OD-AFD art. 8 para. 1 let. d");
    if (a.scope === AuthorisationScope.DOMESTIC) {
      // ID-R28: for transit declarations the seat condition (let. a) does not apply.
      if (!a.transitOnly) need(partner.domicileInCustomsTerritory === true, "seat or domicile in the customs territory", "ID-R25", "OD-AFD art. 8 para. 1 let. a");
      need(Boolean(a.securityProvidedAt), "security for the expected levies", "ID-R25", "OD-AFD art. 8 para. 1 let. c");
    } else if (a.scope === AuthorisationScope.FOREIGN_BORDER_REGION_IMPORT) {
      need(Boolean(a.securityProvidedAt), "security for the expected levies", "ID-R26", "OD-AFD art. 8 para. 2");
      need(Boolean(a.notificationDomicile), "domicile for notifications in the customs territory", "ID-R26", "OD-AFD art. 8 para. 2");
      need(a.dataAccessGranted, "AFD access to data and documents (OD art. 94-98)", "ID-R26", "OD-AFD art. 8 para. 2");
    } else {
      // ID-R27: art. 8 para. 3 lists let. b and d only: no security condition.
      need(Boolean(a.juxtaposedOfficePremises), "premises inside a juxtaposed national control office", "ID-R27", "OD-AFD art. 8 para. 3");
      need(a.dataAccessGranted, "AFD access to data and documents (OD art. 94-98)", "ID-R27", "OD-AFD art. 8 para. 3");
    }
    return missing;
  }

  async byBusinessNumber(businessNumber: string): Promise<CustomsSystemAuthorisation | null> {
    return this.dataSource.getRepository(CustomsSystemAuthorisation).findOneBy({ businessNumber });
  }

  /** The DGD's work list, optionally only the overdue ones (ID-R29). */
  async list(principal: Principal, status: AuthorisationStatus | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<CustomsSystemAuthorisation>> {
    this.access.requireOfficer(principal, "DGD", "AUDITOR");
    const qb = this.dataSource.getRepository(CustomsSystemAuthorisation).createQueryBuilder("a");
    if (status) qb.where("a.status = :status", { status });
    return paginate(qb, args, { alias: "a", timeColumn: "applied_at", timeProperty: "appliedAt" });
  }

  /**
   * Issue 15 (OD-AFD art. 8-9): each partner's authorisations as the DGD had recorded them at
   * `at`, from the kept history, a page per partner in the order and with the cursors of the live
   * list. One applied for after `at` is not there. One statement for all partners; refused for an
   * instant after the clock's now (AS_OF_IN_THE_FUTURE).
   */
  async pagesAsOf(partnerIds: readonly string[], at: Date, args: ConnectionArgs): Promise<ConnectionShape<CustomsSystemAuthorisation>[]> {
    recordedInstant(at, this.clock.now());
    const authorisations = await partnerRowsAsOf(this.dataSource.manager, CustomsSystemAuthorisation, partnerIds, at);
    return authorisations.map(rows => pageAsOf(rows, a => a.appliedAt, args));
  }

  private async transition(
    id: string,
    from: AuthorisationStatus[],
    rule: string,
    article: string,
    apply: (m: EntityManager, a: CustomsSystemAuthorisation) => Promise<void>,
  ): Promise<CustomsSystemAuthorisation> {
    return transaction(this.dataSource, async m => {
      // Locked before the status is checked: of two decisions at once, the second waits and finds
      // the first one's status (one grant, one business number, one X04 event).
      const a = await findForUpdate(m, CustomsSystemAuthorisation, { id });
      if (!a) throw new NotFoundError("CustomsSystemAuthorisation", id, "input.authorisationId");
      if (!from.includes(a.status)) {
        throw IdentityErrors.refused("AUTHORISATION_TRANSITION_NOT_ALLOWED", `An authorisation that is ${a.status} cannot move this way (allowed from ${from.join(", ")}).`, { rule, article, status: a.status });
      }
      await apply(m, a);
      return a;
    });
  }

  /**
   * DESIGN CHOICE (format not in sources): business numbers are 6 digits, drawn at random among
   * the unused ones so that they reveal nothing about the number of declarants.
   */
  private async newBusinessNumber(m: EntityManager): Promise<string> {
    for (let i = 0; i < 20; i++) {
      const candidate = String(randomInt(100000, 1000000));
      if (!(await m.findOneBy(CustomsSystemAuthorisation, { businessNumber: candidate }))) return candidate;
    }
    throw new Error("could not draw a free business number");
  }
}
