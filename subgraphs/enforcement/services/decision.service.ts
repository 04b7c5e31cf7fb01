import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In, MoreThanOrEqual } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, EventPublisher, findForUpdate, NotFoundError, OfficeCalendar, paginateByParent, Principal, transaction, ValidationError, endOfSameDateYearsLater, startOfZurichDay, zurichDate } from "../../kit";
import { AssistanceRequest } from "../entities/assistance.entity";
import { DeclarantProhibition, EnforcementAppeal, WithdrawalReferral } from "../entities/decision.entity";
import { AppealableDecision, AppealInstance, AppealStatus, AssistanceStatus, CaseStatus, PENALISED_STATUSES, ProhibitionGrounds, ProhibitionScope, ProhibitionStatus, ReferralStatus } from "../entities/enums";
import { OffenceCase } from "../entities/offence-case.entity";
import type { EnforcementAccess } from "./access";
import { CaseService, ENFORCEMENT_APPEAL_DAYS } from "./case.service";
import { refused } from "./errors";

/** ENF-R06 DESIGN CHOICE: "repeated" offences are this many penalty decisions within `REPEAT_WINDOW_YEARS`. */
export const REPEATED_OFFENCES = 2;
export const REPEAT_WINDOW_YEARS = 5;

/**
 * ENF-R06 (OD-AFD art. 9 let. c; DOMAIN.md §0.4 T8): the first instant of the five years before
 * `now`: the START of the same calendar date five years back (Zurich; 29 February → 28 February),
 * so that a penalty decided on that date, at any hour, is within them.
 */
export function repeatWindowStart(now: Date): Date {
  return startOfZurichDay(zurichDate(endOfSameDateYearsLater(now, -REPEAT_WINDOW_YEARS)));
}

export function prohibitionStatus(p: Pick<DeclarantProhibition, "validFrom" | "validUntil" | "liftedAt">, at: Date): ProhibitionStatus {
  if (p.liftedAt && p.liftedAt <= at) return ProhibitionStatus.LIFTED;
  if (at < p.validFrom) return ProhibitionStatus.PENDING;
  if (p.validUntil && at >= p.validUntil) return ProhibitionStatus.EXPIRED;
  return ProhibitionStatus.ACTIVE;
}

/** The decisions enforcement addresses to partners or to identity: prohibitions (ENF-R05), referrals (ENF-R06), appeals (ENF-R23). */
export class DecisionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: EnforcementAccess,
    private readonly events: EventPublisher,
    private readonly cases: CaseService,
    private readonly appealCalendar: OfficeCalendar,
  ) {}

  // ------------------------------------------------------------------ ENF-R05 prohibitions

  /** A page of the prohibitions addressed to each partner, earliest start first, in a constant number of statements. */
  async prohibitionPages(partnerIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<DeclarantProhibition>[]> {
    return paginateByParent(this.dataSource.getRepository(DeclarantProhibition), { parentProperty: "partnerId", timeProperty: "validFrom" }, partnerIds, args);
  }

  /**
   * ENF-R05 (LD art. 109 para. 2): forbids a person, for a fixed or indefinite period, to declare
   * professionally or to carry out other activities in the customs procedure. On the ground of a
   * breach of customs law, DESIGN CHOICE: a penalty decided against the partner is named.
   * Published to declarations (X25).
   */
  async prohibit(
    principal: Principal,
    input: { partnerId: string; personalNumber?: string | null; grounds: ProhibitionGrounds; scope: ProhibitionScope[]; validFrom: Date; validUntil?: Date | null; reasons: string; caseIds?: string[] | null },
  ): Promise<DeclarantProhibition> {
    this.access.require(principal, ["ANTI_FRAUD", "DGD"], "ENF-R05", "LD art. 109 para. 2");
    const scope = [...new Set(input.scope)];
    if (!scope.length) throw new ValidationError("Say what is forbidden: professional declarations, other activities, or both.", { field: "input.scope", rule: "ENF-R05", article: "LD art. 109 para. 2" });
    if (input.validUntil && input.validUntil <= input.validFrom) throw new ValidationError("A fixed term ends after it starts.", { field: "input.validUntil", rule: "ENF-R05", article: "LD art. 109 para. 2" });
    if (!input.reasons.trim()) throw new ValidationError("The decision gives its reasons.", { field: "input.reasons" });
    const caseIds = [...new Set(input.caseIds ?? [])];
    return transaction(this.dataSource, async m => {
      if (caseIds.length) {
        const cases = await m.findBy(OffenceCase, { id: In(caseIds) });
        if (cases.length !== caseIds.length) throw new NotFoundError("OffenceCase", caseIds.filter(id => !cases.some(c => c.id === id)).join(", "), "input.caseIds");
      }
      if (input.grounds === ProhibitionGrounds.BREACH_OF_CUSTOMS_LAW) {
        const penalised = caseIds.length ? await m.findBy(OffenceCase, { id: In(caseIds), finePayerId: input.partnerId, status: In([...PENALISED_STATUSES]) }) : [];
        if (!penalised.length) {
          throw refused("BREACH_NOT_ESTABLISHED", "A prohibition for breach of customs law names a case in which a penalty was decided against the person.", { field: "input.caseIds", rule: "ENF-R05", article: "LD art. 109 para. 2" });
        }
      }
      const now = this.clock.now();
      const p = m.create(DeclarantProhibition, {
        id: randomUUID(),
        partnerId: input.partnerId,
        personalNumber: input.personalNumber?.trim() || null,
        grounds: input.grounds,
        scope,
        validFrom: input.validFrom,
        validUntil: input.validUntil ?? null,
        reasons: input.reasons.trim(),
        caseIds,
        decidedAt: now,
        decidedBy: principal.subject ?? principal.kind,
        appealDeadline: this.appealCalendar.appealPeriodEndsAt(now, ENFORCEMENT_APPEAL_DAYS),
        liftedAt: null,
        liftReason: null,
      });
      await m.insert(DeclarantProhibition, p);
      await this.events.publish(m, "ProfessionalDeclarantProhibited", p.id, {
        prohibitionId: p.id,
        partnerId: p.partnerId,
        personalNumber: p.personalNumber,
        scope: p.scope,
        grounds: p.grounds,
        validFrom: p.validFrom.toISOString(),
        validUntil: p.validUntil?.toISOString() ?? null,
      });
      return p;
    });
  }

  /** DESIGN CHOICE (DOMAIN.md §6.2, not in sources): a prohibition not yet expired may be lifted, with a reason. */
  async lift(principal: Principal, input: { prohibitionId: string; reason: string }): Promise<DeclarantProhibition> {
    this.access.require(principal, ["ANTI_FRAUD", "DGD"], "ENF-R05", "LD art. 109 para. 2");
    if (!input.reason.trim()) throw new ValidationError("Give the reason.", { field: "input.reason" });
    return transaction(this.dataSource, async m => {
      const p = await findForUpdate(m, DeclarantProhibition, { id: input.prohibitionId });
      if (!p) throw new NotFoundError("DeclarantProhibition", input.prohibitionId, "input.prohibitionId");
      const now = this.clock.now();
      const status = prohibitionStatus(p, now);
      if (status === ProhibitionStatus.LIFTED || status === ProhibitionStatus.EXPIRED) throw refused("PROHIBITION_ENDED", `The prohibition is ${status}.`, { field: "input.prohibitionId" });
      Object.assign(p, { liftedAt: now, liftReason: input.reason.trim() });
      await m.save(p);
      await this.events.publish(m, "ProfessionalDeclarantProhibitionLifted", p.id, { prohibitionId: p.id, partnerId: p.partnerId, liftedAt: now.toISOString() });
      return p;
    });
  }

  // ------------------------------------------------------------------ ENF-R06 referrals

  async referralsOf(partnerIds: readonly string[]): Promise<WithdrawalReferral[][]> {
    const rows = await this.dataSource.getRepository(WithdrawalReferral).find({ where: { partnerId: In([...new Set(partnerIds)]) }, order: { raisedAt: "DESC", id: "ASC" } });
    return partnerIds.map(id => rows.filter(r => r.partnerId === id));
  }

  /**
   * ENF-R06 (OD-AFD art. 9 let. c): refers a partner with repeated offences (two or more penalty
   * decisions within five years, DESIGN CHOICE) to the DGD, which decides in identity (X24). One
   * open referral per partner, kept by a unique key.
   */
  async refer(principal: Principal, input: { partnerId: string; reason: string }): Promise<WithdrawalReferral> {
    this.access.requireAntiFraud(principal);
    if (!input.reason.trim()) throw new ValidationError("Give the reason.", { field: "input.reason" });
    return transaction(this.dataSource, async m => {
      const now = this.clock.now();
      const since = repeatWindowStart(now);
      const penalised = await m.find(OffenceCase, { where: { finePayerId: input.partnerId, status: In([...PENALISED_STATUSES]), decidedAt: MoreThanOrEqual(since) }, order: { decidedAt: "ASC" } });
      if (penalised.length < REPEATED_OFFENCES) {
        throw refused("OFFENCES_NOT_REPEATED", `A referral needs ${REPEATED_OFFENCES} penalty decisions within ${REPEAT_WINDOW_YEARS} years; the partner has ${penalised.length}.`, { field: "input.partnerId", rule: "ENF-R06", article: "OD-AFD art. 9 let. c" });
      }
      const r = m.create(WithdrawalReferral, {
        id: randomUUID(),
        partnerId: input.partnerId,
        openKey: input.partnerId,
        caseIds: penalised.map(c => c.id),
        reason: input.reason.trim(),
        status: ReferralStatus.RAISED,
        raisedAt: now,
        raisedBy: principal.subject ?? principal.kind,
        cancelledAt: null,
        decidedAt: null,
        decisionReason: null,
      });
      await m.insert(WithdrawalReferral, r);
      await this.events.publish(m, "RepeatedOffencesReferral", r.id, { referralId: r.id, partnerId: r.partnerId, caseIds: r.caseIds, caseNumbers: penalised.map(c => c.caseNumber), reason: r.reason, raisedAt: now.toISOString() });
      return r;
    });
  }

  async cancelReferral(principal: Principal, input: { referralId: string; reason: string }): Promise<WithdrawalReferral> {
    this.access.requireAntiFraud(principal);
    if (!input.reason.trim()) throw new ValidationError("Give the reason.", { field: "input.reason" });
    return transaction(this.dataSource, async m => {
      const r = await findForUpdate(m, WithdrawalReferral, { id: input.referralId });
      if (!r) throw new NotFoundError("WithdrawalReferral", input.referralId, "input.referralId");
      if (r.status !== ReferralStatus.RAISED) throw refused("REFERRAL_NOT_OPEN", `The referral is ${r.status}.`, { field: "input.referralId" });
      const now = this.clock.now();
      Object.assign(r, { status: ReferralStatus.CANCELLED, openKey: null, cancelledAt: now });
      await m.save(r);
      await this.events.publish(m, "RepeatedOffencesReferralCancelled", r.id, { referralId: r.id, partnerId: r.partnerId, cancelledAt: now.toISOString(), reason: input.reason.trim() });
      return r;
    });
  }

  /**
   * Identity reports the DGD's decision on a referral (ENF-R06): the referral is no longer open,
   * and another may be raised. A cancelled or already decided referral stays as it is.
   */
  async onReferralDecided(m: EntityManager, p: { referralId: string; outcome: string; decidedAt: string; reason?: string | null }): Promise<void> {
    const r = await findForUpdate(m, WithdrawalReferral, { id: p.referralId });
    if (!r || r.status !== ReferralStatus.RAISED) return;
    const status = p.outcome === "WITHDRAWN" ? ReferralStatus.AUTHORISATION_WITHDRAWN : ReferralStatus.DISMISSED;
    Object.assign(r, { status, openKey: null, decidedAt: new Date(p.decidedAt), decisionReason: p.reason ?? null });
    await m.save(r);
  }

  // ------------------------------------------------------------------ ENF-R22, ENF-R23 appeals

  /** A page of each partner's appeals, oldest filed first, in a constant number of statements. */
  async appealPages(appellantIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<EnforcementAppeal>[]> {
    return paginateByParent(this.dataSource.getRepository(EnforcementAppeal), { parentProperty: "appellantId", timeProperty: "filedAt" }, appellantIds, args);
  }

  async appealsAgainst(decisionIds: readonly string[]): Promise<EnforcementAppeal[][]> {
    const rows = await this.dataSource.getRepository(EnforcementAppeal).find({ where: { decisionId: In([...new Set(decisionIds)]) }, order: { filedAt: "ASC", id: "ASC" } });
    return decisionIds.map(id => rows.filter(r => r.decisionId === id));
  }

  /**
   * ENF-R23 (LD art. 116), ENF-R22 (LD art. 115i): the addressee appeals a decision within its
   * period, filed by the partner itself or recorded by an officer. A penalty decision and a
   * prohibition go to the DGD; an assistance final decision to the Federal Administrative Tribunal.
   * One appeal per decision and appellant (unique key on the decision's kind, id and instant): a
   * new penalty decision, after an upheld appeal annulled the first, is appealed on its own.
   *
   * ENF-R21 (LD art. 110-113; DESIGN CHOICE): a partner is told it is not the addressee
   * (NOT_ADDRESSEE) before anything about the case or the request: that an investigation runs, or
   * an assistance request is not decided, is for officers with an enforcement role, who get the
   * status (DECISION_NOT_APPEALABLE).
   */
  async fileAppeal(principal: Principal, input: { decisionKind: AppealableDecision; decisionId: string; appellantId: string; grounds: string }): Promise<EnforcementAppeal> {
    this.access.requireSignedIn(principal);
    const officer = this.access.investigates(principal);
    if (!officer && !this.access.actsFor(principal, input.appellantId)) {
      throw refused("FORBIDDEN", "An appeal is filed by the addressee of the decision, or recorded by an officer with an enforcement role.", { field: "input.appellantId", rule: "ENF-R23", article: "LD art. 116" });
    }
    if (!input.grounds.trim()) throw new ValidationError("An appeal states its grounds.", { field: "input.grounds" });
    const requireAddressee = (addressees: string[]) => {
      if (!addressees.includes(input.appellantId)) throw refused("NOT_ADDRESSEE", "Only the addressee of the decision appeals it.", { field: "input.appellantId", rule: "ENF-R23", article: "LD art. 116 para. 4" });
    };
    return transaction(this.dataSource, async m => {
      const now = this.clock.now();
      let deadline: Date | null;
      let addressees: string[];
      // With the decision's id, its instant names the decision appealed (ENF-R23, LD art. 116).
      let takenAt: Date;
      let instance = AppealInstance.DGD;
      if (input.decisionKind === AppealableDecision.PENALTY) {
        const c = await this.cases.lock(m, input.decisionId);
        addressees = c.finePayerId ? [c.finePayerId] : [];
        if (!officer) requireAddressee(addressees);
        if (c.status !== CaseStatus.PENALTY_DECIDED) throw refused("DECISION_NOT_APPEALABLE", `The case is ${c.status}: only a decided penalty not yet final is appealed.`, { field: "input.decisionId", rule: "ENF-R23", article: "LD art. 116" });
        deadline = c.appealDeadline;
        takenAt = c.decidedAt!;
      } else if (input.decisionKind === AppealableDecision.PROHIBITION) {
        const p = await findForUpdate(m, DeclarantProhibition, { id: input.decisionId });
        if (!p) throw new NotFoundError("DeclarantProhibition", input.decisionId, "input.decisionId");
        deadline = p.appealDeadline;
        addressees = [p.partnerId];
        takenAt = p.decidedAt;
      } else {
        const a = await findForUpdate(m, AssistanceRequest, { id: input.decisionId });
        if (!a) throw new NotFoundError("AssistanceRequest", input.decisionId, "input.decisionId");
        addressees = a.personConcernedId ? [a.personConcernedId] : [];
        if (!officer) requireAddressee(addressees);
        // LD art. 115i para. 1-3: interlocutory decisions have no separate remedy; the final decision goes to the Federal Administrative Tribunal.
        if (a.status !== AssistanceStatus.FINAL_DECISION_ISSUED) throw refused("DECISION_NOT_APPEALABLE", "Only the final decision of the ordinary procedure is appealed; interlocutory decisions are immediately enforceable.", { field: "input.decisionId", rule: "ENF-R22", article: "LD art. 115i para. 1, 3" });
        deadline = a.appealDeadline;
        takenAt = a.finalDecisionAt!;
        instance = AppealInstance.FEDERAL_ADMINISTRATIVE_TRIBUNAL;
      }
      requireAddressee(addressees);
      if (deadline && now > deadline) throw refused("APPEAL_PERIOD_EXPIRED", `The appeal period ended ${deadline.toISOString()}.`, { field: "input.decisionId", appealDeadline: deadline.toISOString(), rule: "ENF-R23", article: "LD art. 116" });
      const appeal = m.create(EnforcementAppeal, {
        id: randomUUID(),
        decisionKind: input.decisionKind,
        decisionId: input.decisionId,
        decisionTakenAt: takenAt,
        appellantId: input.appellantId,
        instance,
        grounds: input.grounds.trim(),
        filedAt: now,
        status: AppealStatus.PENDING,
        reducedFine: null,
        decidedAt: null,
        decisionReasons: null,
      });
      await m.insert(EnforcementAppeal, appeal);
      return appeal;
    });
  }

  /**
   * The instance decides (ENF-R23): the DGD itself, or an anti-fraud officer recording the
   * Federal Administrative Tribunal's judgment. Upheld, a penalty decision is annulled and its case
   * investigated again, a prohibition is lifted; a fine may be reduced.
   */
  async decideAppeal(principal: Principal, input: { appealId: string; outcome: AppealStatus; reducedFine?: number | null; reasons: string }): Promise<EnforcementAppeal> {
    this.access.require(principal, ["DGD", "ANTI_FRAUD"], "ENF-R23", "LD art. 116");
    if (input.outcome === AppealStatus.PENDING) throw new ValidationError("Decide: DISMISSED, UPHELD or FINE_REDUCED.", { field: "input.outcome" });
    if (!input.reasons.trim()) throw new ValidationError("Give the reasons.", { field: "input.reasons" });
    if (input.outcome === AppealStatus.FINE_REDUCED) {
      // ENF-R23, ENF-R08 (LD art. 116, 118 para. 1): a reduced fine is still a fine, an amount of at least CHF 0.00 (as `decidePenalty`).
      const reduced = input.reducedFine;
      if (reduced === null || reduced === undefined) throw new ValidationError("FINE_REDUCED sets the new fine.", { field: "input.reducedFine", rule: "ENF-R23", article: "LD art. 116" });
      if (!Number.isInteger(reduced) || reduced < 0) throw new ValidationError("A reduced fine is an amount of at least CHF 0.00.", { field: "input.reducedFine", rule: "ENF-R23", article: "LD art. 116, 118 para. 1" });
    }
    return transaction(this.dataSource, async m => {
      const appeal = await findForUpdate(m, EnforcementAppeal, { id: input.appealId });
      if (!appeal) throw new NotFoundError("EnforcementAppeal", input.appealId, "input.appealId");
      if (appeal.instance === AppealInstance.DGD) this.access.require(principal, ["DGD"], "ENF-R23", "LD art. 116 para. 1bis");
      else this.access.requireAntiFraud(principal);
      if (appeal.status !== AppealStatus.PENDING) throw refused("APPEAL_ALREADY_DECIDED", `The appeal is ${appeal.status}.`, { field: "input.appealId" });
      if (input.outcome === AppealStatus.FINE_REDUCED && appeal.decisionKind !== AppealableDecision.PENALTY) throw new ValidationError("Only a penalty's fine is reduced.", { field: "input.outcome" });
      const now = this.clock.now();
      if (appeal.decisionKind === AppealableDecision.PENALTY) await this.cases.applyAppealOutcome(m, appeal.decisionId, input.outcome, input.reducedFine ?? null);
      if (appeal.decisionKind === AppealableDecision.PROHIBITION && input.outcome === AppealStatus.UPHELD) {
        const p = (await findForUpdate(m, DeclarantProhibition, { id: appeal.decisionId }))!;
        if (!p.liftedAt) {
          Object.assign(p, { liftedAt: now, liftReason: `Appeal upheld: ${input.reasons.trim()}` });
          await m.save(p);
          await this.events.publish(m, "ProfessionalDeclarantProhibitionLifted", p.id, { prohibitionId: p.id, partnerId: p.partnerId, liftedAt: now.toISOString() });
        }
      }
      if (appeal.decisionKind === AppealableDecision.ASSISTANCE && input.outcome === AppealStatus.UPHELD) {
        await m.update(AssistanceRequest, { id: appeal.decisionId }, { status: AssistanceStatus.REFUSED });
      }
      Object.assign(appeal, { status: input.outcome, reducedFine: input.outcome === AppealStatus.FINE_REDUCED ? input.reducedFine : null, decidedAt: now, decisionReasons: input.reasons.trim() });
      return m.save(appeal);
    });
  }
}
