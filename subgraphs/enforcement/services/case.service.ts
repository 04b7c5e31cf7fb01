import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, EventPublisher, findForUpdate, formatRappen, mapConnection, NotFoundError, OfficeCalendar, paginate, paginateByParent, Principal, sqlTime, toRappen, transaction, ValidationError, zurichDate } from "../../kit";
import { EnforcementAppeal } from "../entities/decision.entity";
import {
  AggravatingCircumstance,
  AppealableDecision,
  AppealStatus,
  CaseLinkKind,
  CasePartyRole,
  CaseStatus,
  Culpability,
  CUSTOMS_OFFENCES,
  FinePayer,
  GoodsValueBasis,
  LeadStatus,
  OffenceType,
  OrderBreach,
  PriorOffence,
} from "../entities/enums";
import { CaseLink, CaseParty, Lead, OffenceCase } from "../entities/offence-case.entity";
import type { EnforcementAccess } from "./access";
import { refused } from "./errors";
import { fineRange, FineRange, UNDERTAKING_FINE_LIMIT } from "./fines";

/** DESIGN CHOICE (not in our sources): the 30 days of general federal procedure (PA art. 50 para. 1) for appeals against enforcement decisions. */
export const ENFORCEMENT_APPEAL_DAYS = 30;

const ARTICLE_OF: Record<OffenceType, { rule: string; article: string }> = {
  [OffenceType.CUSTOMS_EVASION]: { rule: "ENF-R08", article: "LD art. 118" },
  [OffenceType.CUSTOMS_ENDANGERMENT]: { rule: "ENF-R09", article: "LD art. 119" },
  [OffenceType.PROHIBITED_TRAFFIC]: { rule: "ENF-R10", article: "LD art. 120" },
  [OffenceType.RECEIVING]: { rule: "ENF-R11", article: "LD art. 121" },
  [OffenceType.PLEDGE_MISAPPROPRIATION]: { rule: "ENF-R12", article: "LD art. 122" },
  [OffenceType.ORDER_VIOLATION]: { rule: "ENF-R17", article: "LD art. 127 para. 1" },
  [OffenceType.VERBAL_INJUNCTION_VIOLATION]: { rule: "ENF-R17", article: "LD art. 127 para. 2" },
};

export interface OpenCaseInput {
  offenceType: OffenceType;
  priorOffence?: PriorOffence | null;
  orderBreach?: OrderBreach | null;
  culpability?: Culpability | null;
  attempt?: boolean | null;
  facts: string;
  suspectIds?: string[] | null;
  undertakingId?: string | null;
  declarationIds?: string[] | null;
  lotIds?: string[] | null;
  pledgeIds?: string[] | null;
  leadId?: string | null;
}

export interface AssessCaseInput {
  caseId: string;
  culpability?: Culpability | null;
  priorOffence?: PriorOffence | null;
  dutiesAtStake?: number | null;
  dutiesEstimated?: boolean | null;
  goodsValue?: number | null;
  goodsValueBasis?: GoodsValueBasis | null;
  aggravatingCircumstances?: AggravatingCircumstance[] | null;
  concurrentOffences?: OffenceType[] | null;
  otherConcurrentOffence?: string | null;
  otherConcurrentMaxFine?: number | null;
  concurrenceIncrease?: number | null;
  concurrenceIncreaseReason?: string | null;
  authorisedImportOrExport?: boolean | null;
  goodsTurnedBackOrDestroyed?: boolean | null;
}

export interface DecidePenaltyInput {
  caseId: string;
  fine: number;
  payer: FinePayer;
  payerId?: string | null;
  custodialMonths?: number | null;
  reasons: string;
  disproportionateInvestigation?: boolean | null;
}

/** The articles a penalty decision rests on: the offence's, those of its computation, and the prosecuting authority's (LD art. 128). */
export function legalBasisOf(c: OffenceCase): string {
  const articles = [ARTICLE_OF[c.offenceType].article, ...fineRange(c).steps.map(s => s.article)];
  if (c.attempt) articles.push("LD art. 123");
  if (c.finePayer === FinePayer.UNDERTAKING) articles.push("LD art. 125");
  articles.push("LD art. 128");
  return [...new Set(articles)].join("; ");
}

const isOpen = (c: OffenceCase) => c.status === CaseStatus.OPENED || c.status === CaseStatus.UNDER_INVESTIGATION;
const involvesProhibitedTraffic = (c: Pick<OffenceCase, "offenceType" | "concurrentOffences" | "priorOffence">) =>
  c.offenceType === OffenceType.PROHIBITED_TRAFFIC || c.concurrentOffences.includes(OffenceType.PROHIBITED_TRAFFIC);

/** Offence cases from opening to their end, and the fine the law allows (ENF-R07 to ENF-R19). */
export class CaseService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: EnforcementAccess,
    private readonly events: EventPublisher,
    private readonly appealCalendar: OfficeCalendar,
  ) {}

  // ------------------------------------------------------------------ reads

  async byIds(ids: readonly string[]): Promise<(OffenceCase | null)[]> {
    const rows = await this.dataSource.getRepository(OffenceCase).findBy({ id: In([...new Set(ids)]) });
    const byId = new Map(rows.map(r => [r.id, r]));
    return ids.map(id => byId.get(id) ?? null);
  }

  async get(principal: Principal, id: string): Promise<OffenceCase> {
    this.access.requireInvestigator(principal);
    const found = await this.dataSource.getRepository(OffenceCase).findOneBy({ id });
    if (!found) throw new NotFoundError("OffenceCase", id, "id");
    return found;
  }

  /** Every party of the cases, in one statement. */
  async partiesOf(caseIds: readonly string[]): Promise<CaseParty[][]> {
    const rows = await this.dataSource.getRepository(CaseParty).find({ where: { caseId: In([...new Set(caseIds)]) }, order: { id: "ASC" } });
    return caseIds.map(id => rows.filter(r => r.caseId === id));
  }

  async linksOf(caseIds: readonly string[]): Promise<CaseLink[][]> {
    const rows = await this.dataSource.getRepository(CaseLink).find({ where: { caseId: In([...new Set(caseIds)]) }, order: { id: "ASC" } });
    return caseIds.map(id => rows.filter(r => r.caseId === id));
  }

  /**
   * A page of the cases linked to each declaration, oldest opened first: a window query over the
   * links, one for the cases, and one count if asked, for any number of declarations.
   */
  async pagesOfDeclarations(declarationIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<OffenceCase>[]> {
    const pages = await paginateByParent(
      this.dataSource.getRepository(CaseLink),
      { parentProperty: "refId", timeProperty: "openedAt", where: (qb, alias) => qb.andWhere(`${alias}.kind = :linkKind`, { linkKind: CaseLinkKind.DECLARATION }) },
      declarationIds,
      args,
    );
    const caseIds = [...new Set(pages.flatMap(p => p.edges.map(e => e.node.caseId)))];
    const cases = new Map((caseIds.length ? await this.dataSource.getRepository(OffenceCase).findBy({ id: In(caseIds) }) : []).map(c => [c.id, c]));
    return pages.map(p => mapConnection(p, link => cases.get(link.caseId)!));
  }

  async list(principal: Principal, filter: { statuses?: CaseStatus[] | null; offenceTypes?: OffenceType[] | null }, args: ConnectionArgs) {
    this.access.requireInvestigator(principal);
    const qb = this.dataSource.getRepository(OffenceCase).createQueryBuilder("c");
    if (filter.statuses?.length) qb.andWhere("c.status IN (:...statuses)", { statuses: filter.statuses });
    if (filter.offenceTypes?.length) qb.andWhere("c.offence_type IN (:...types)", { types: filter.offenceTypes });
    return paginate(qb, args, { alias: "c", timeColumn: "opened_at", timeProperty: "openedAt" });
  }

  /**
   * A page of the cases naming each partner as suspect or undertaking, oldest opened first: a
   * window query over the partners' index ranges of `case_party`, one for the cases, and one count
   * if asked, for any number of partners.
   */
  async pagesOfPartners(partnerIds: readonly string[], args: ConnectionArgs, filter: { statuses?: CaseStatus[] | null; offenceTypes?: OffenceType[] | null }): Promise<ConnectionShape<OffenceCase>[]> {
    const pages = await paginateByParent(
      this.dataSource.getRepository(CaseParty),
      {
        parentProperty: "partnerId",
        timeProperty: "openedAt",
        where: (qb, p) => {
          // A partner that is both suspect and undertaking of a case lists it once.
          qb.andWhere(`NOT (${p}.role = :undertakingRole AND EXISTS (SELECT 1 FROM case_party s WHERE s.case_id = ${p}.case_id AND s.partner_id = ${p}.partner_id AND s.role = :suspectRole))`, {
            undertakingRole: CasePartyRole.UNDERTAKING,
            suspectRole: CasePartyRole.SUSPECT,
          });
          if (filter.statuses?.length) qb.andWhere(`${p}.case_id IN (SELECT c.id FROM offence_case c WHERE c.status IN (:...caseStatuses))`, { caseStatuses: filter.statuses });
          if (filter.offenceTypes?.length) qb.andWhere(`${p}.case_id IN (SELECT c.id FROM offence_case c WHERE c.offence_type IN (:...caseTypes))`, { caseTypes: filter.offenceTypes });
        },
      },
      partnerIds,
      args,
    );
    const caseIds = [...new Set(pages.flatMap(p => p.edges.map(e => e.node.caseId)))];
    const cases = new Map((caseIds.length ? await this.dataSource.getRepository(OffenceCase).findBy({ id: In(caseIds) }) : []).map(c => [c.id, c]));
    return pages.map(p => mapConnection(p, party => cases.get(party.caseId)!));
  }

  /**
   * A page of the cases whose penalty decision is addressed to each partner (the person punished or
   * the undertaking ordered to pay), oldest decision first, in a constant number of statements.
   */
  async decisionPages(partnerIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<OffenceCase>[]> {
    return paginateByParent(
      this.dataSource.getRepository(OffenceCase),
      { parentProperty: "finePayerId", timeProperty: "decidedAt", where: (qb, alias) => qb.andWhere(`${alias}.status IN (:...decidedStatuses)`, { decidedStatuses: [CaseStatus.PENALTY_DECIDED, CaseStatus.FINAL, CaseStatus.CLOSED] }) },
      partnerIds,
      args,
    );
  }

  /** The legal maximum of the case's fine, explained (ENF-R08 to ENF-R17). */
  range(c: OffenceCase): FineRange {
    return fineRange(c);
  }

  // ------------------------------------------------------------------ opening

  /**
   * Opens a case (ENF-R07, LD art. 117; ENF-R18, LD art. 128): by an officer with an enforcement
   * role, or from a lead (X16), which is then taken.
   */
  async open(principal: Principal, input: OpenCaseInput): Promise<OffenceCase> {
    this.access.requireInvestigator(principal);
    this.checkQualification(input.offenceType, input.culpability ?? null, Boolean(input.attempt), input.orderBreach ?? null, input.priorOffence ?? null);
    if (!input.facts.trim()) throw new ValidationError("Say what was found.", { field: "input.facts" });
    return transaction(this.dataSource, async m => {
      const suspects = [...(input.suspectIds ?? [])];
      const lots = [...(input.lotIds ?? [])];
      let leadId: string | null = null;
      if (input.leadId) {
        const lead = await findForUpdate(m, Lead, { id: input.leadId });
        if (!lead) throw new NotFoundError("Lead", input.leadId, "input.leadId");
        if (lead.status !== LeadStatus.OPEN) throw refused("LEAD_ALREADY_DECIDED", `The lead is ${lead.status}: a lead gives one case at most.`, { field: "input.leadId", caseId: lead.caseId });
        if (!suspects.includes(lead.partnerId)) suspects.push(lead.partnerId);
        if (lead.lotId && !lots.includes(lead.lotId)) lots.push(lead.lotId);
        leadId = lead.id;
      }
      if (!suspects.length && !input.undertakingId) throw new ValidationError("A case names at least one suspect or an undertaking.", { field: "input.suspectIds" });
      const c = await this.create(m, {
        offenceType: input.offenceType,
        priorOffence: input.priorOffence ?? null,
        orderBreach: input.orderBreach ?? null,
        culpability: input.culpability ?? null,
        attempt: Boolean(input.attempt),
        facts: input.facts.trim(),
        openedBy: principal.subject ?? principal.kind,
        originKey: null,
        suspects,
        undertakingId: input.undertakingId ?? null,
        links: [
          ...(input.declarationIds ?? []).map(refId => ({ kind: CaseLinkKind.DECLARATION, refId })),
          ...lots.map(refId => ({ kind: CaseLinkKind.LOT, refId })),
          ...(input.pledgeIds ?? []).map(refId => ({ kind: CaseLinkKind.PLEDGE, refId })),
        ],
      });
      if (leadId) await m.update(Lead, { id: leadId }, { status: LeadStatus.CASE_OPENED, caseId: c!.id });
      return c!;
    });
  }

  /** ENF-R13 (LD art. 123), ENF-R17 (LD art. 127), ENF-R11 (LD art. 121): what the qualification needs and excludes. */
  private checkQualification(type: OffenceType, culpability: Culpability | null, attempt: boolean, orderBreach: OrderBreach | null, prior: PriorOffence | null): void {
    const customs = CUSTOMS_OFFENCES.includes(type);
    if (attempt && !customs) throw refused("ATTEMPT_NOT_PUNISHABLE", "LD art. 123 makes the attempt of a customs offence punishable, not that of a breach of order rules.", { field: "input.attempt", rule: "ENF-R13", article: "LD art. 123" });
    if (attempt && culpability === Culpability.NEGLIGENCE) throw refused("NEGLIGENT_ATTEMPT", "An attempt is intentional: there is no negligent attempt (DESIGN CHOICE, Swiss criminal law).", { field: "input.culpability", rule: "ENF-R13", article: "LD art. 123" });
    if (type === OffenceType.ORDER_VIOLATION && !orderBreach) throw new ValidationError("A breach of order rules is of a provision declared punishable or of a decision served with the threat of the penalty.", { field: "input.orderBreach", rule: "ENF-R17", article: "LD art. 127 para. 1 let. a-b" });
    if (type !== OffenceType.ORDER_VIOLATION && orderBreach) throw new ValidationError("orderBreach is for a breach of order rules (LD art. 127 para. 1).", { field: "input.orderBreach", rule: "ENF-R17", article: "LD art. 127 para. 1" });
    if (type !== OffenceType.RECEIVING && prior) throw new ValidationError("priorOffence is for receiving (LD art. 121).", { field: "input.priorOffence", rule: "ENF-R11", article: "LD art. 121" });
  }

  /**
   * Inserts a case with its parties and links. With an `originKey` (a fact reported by an event),
   * a concurrent insert of the same fact waits for this one and leaves it: null is returned to it.
   */
  private async create(
    m: EntityManager,
    f: Pick<OffenceCase, "offenceType" | "priorOffence" | "orderBreach" | "culpability" | "attempt" | "facts" | "openedBy" | "originKey"> & {
      suspects: string[];
      undertakingId: string | null;
      links: { kind: CaseLinkKind; refId: string }[];
    },
  ): Promise<OffenceCase | null> {
    const now = this.clock.now();
    const id = randomUUID();
    const c = m.create(OffenceCase, {
      id,
      caseNumber: `ENF-${zurichDate(now).slice(0, 4)}-${id.slice(0, 8).toUpperCase()}`,
      offenceType: f.offenceType,
      priorOffence: f.priorOffence,
      orderBreach: f.orderBreach,
      culpability: f.culpability,
      attempt: f.attempt,
      status: CaseStatus.OPENED,
      facts: f.facts,
      originKey: f.originKey,
      dutiesAtStake: null,
      dutiesSetByOfficer: false,
      dutiesEstimated: false,
      goodsValue: null,
      goodsValueBasis: null,
      aggravatingCircumstances: [],
      concurrentOffences: [],
      otherConcurrentOffence: null,
      otherConcurrentMaxFine: null,
      concurrenceIncrease: null,
      concurrenceIncreaseReason: null,
      authorisedImportOrExport: null,
      goodsTurnedBackOrDestroyed: null,
      fineImposed: null,
      finePayer: null,
      finePayerId: null,
      custodialMonths: null,
      decisionReasons: null,
      openedAt: now,
      openedBy: f.openedBy,
      decidedAt: null,
      decidedBy: null,
      appealDeadline: null,
      finalAt: null,
      endedAt: null,
      endReason: null,
    });
    if (f.originKey) {
      // One case per reported fact: a concurrent insert of the same key waits, then finds it taken.
      await m.createQueryBuilder().insert().into(OffenceCase).values(c).orUpdate(["origin_key"], ["origin_key"]).execute();
      const holder = await findForUpdate(m, OffenceCase, { originKey: f.originKey });
      if (holder?.id !== id) return null;
    } else {
      await m.insert(OffenceCase, c);
    }
    const parties = [
      ...[...new Set(f.suspects)].map(partnerId => ({ partnerId, role: CasePartyRole.SUSPECT })),
      ...(f.undertakingId ? [{ partnerId: f.undertakingId, role: CasePartyRole.UNDERTAKING }] : []),
    ];
    if (parties.length) await m.insert(CaseParty, parties.map(p => ({ id: randomUUID(), caseId: id, openedAt: now, ...p })));
    const links = f.links.filter((l, i) => f.links.findIndex(o => o.kind === l.kind && o.refId === l.refId) === i);
    if (links.length) await m.insert(CaseLink, links.map(l => ({ id: randomUUID(), caseId: id, kind: l.kind, refId: l.refId, duties: null, openedAt: now })));
    return c;
  }

  // ------------------------------------------------------------------ investigation

  /**
   * Establishes the basis of the fine; an OPENED case is then UNDER_INVESTIGATION. Refused once a
   * penalty is decided (CASE_NOT_OPEN).
   */
  async assess(principal: Principal, input: AssessCaseInput): Promise<OffenceCase> {
    this.access.requireInvestigator(principal);
    return transaction(this.dataSource, async m => {
      const c = await this.lock(m, input.caseId);
      if (!isOpen(c)) throw refused("CASE_NOT_OPEN", `The case is ${c.status}: its basis can no longer change.`, { field: "input.caseId", status: c.status });
      const next: OffenceCase = { ...c };
      if (input.culpability !== undefined) next.culpability = input.culpability;
      if (input.priorOffence !== undefined) next.priorOffence = input.priorOffence;
      if (input.dutiesAtStake !== undefined) {
        if (input.dutiesAtStake !== null && input.dutiesAtStake < 0) throw new ValidationError("Duties are not negative.", { field: "input.dutiesAtStake" });
        next.dutiesAtStake = input.dutiesAtStake;
        // ENF-R08, ENF-R09 (LD art. 118 para. 1, 119 para. 1): the duties evaded or endangered the officer
        // established (e.g. only the inaccurately declared part) stay, whatever a later taxation of the
        // whole declaration gives; cleared (null), the taxations give them again.
        next.dutiesSetByOfficer = input.dutiesAtStake !== null;
        // ENF-R08, ENF-R09 (LD art. 118 para. 4, 119 para. 3): an amount that cannot be determined exactly is estimated.
        next.dutiesEstimated = input.dutiesAtStake !== null && Boolean(input.dutiesEstimated);
      } else if (input.dutiesEstimated !== undefined && input.dutiesEstimated !== null) {
        next.dutiesEstimated = input.dutiesEstimated && next.dutiesAtStake !== null;
      }
      if (input.goodsValue !== undefined) {
        if (input.goodsValue !== null && input.goodsValue < 0) throw new ValidationError("A value is not negative.", { field: "input.goodsValue" });
        if (input.goodsValue !== null && !input.goodsValueBasis) {
          throw new ValidationError("Say how the value was set: internal-market price at discovery, or by experts.", { field: "input.goodsValueBasis", rule: "ENF-R10", article: "LD art. 120 para. 4, 122 para. 2" });
        }
        next.goodsValue = input.goodsValue;
        next.goodsValueBasis = input.goodsValue === null ? null : input.goodsValueBasis!;
      }
      if (input.aggravatingCircumstances) next.aggravatingCircumstances = [...new Set(input.aggravatingCircumstances)];
      if (input.concurrentOffences) next.concurrentOffences = [...new Set(input.concurrentOffences)].filter(o => o !== c.offenceType);
      if (input.otherConcurrentOffence !== undefined) next.otherConcurrentOffence = input.otherConcurrentOffence?.trim() || null;
      if (input.otherConcurrentMaxFine !== undefined) next.otherConcurrentMaxFine = input.otherConcurrentMaxFine;
      if (input.concurrenceIncrease !== undefined) next.concurrenceIncrease = input.concurrenceIncrease || null;
      if (input.concurrenceIncreaseReason !== undefined) next.concurrenceIncreaseReason = input.concurrenceIncreaseReason?.trim() || null;
      if (input.authorisedImportOrExport !== undefined) next.authorisedImportOrExport = input.authorisedImportOrExport;
      if (input.goodsTurnedBackOrDestroyed !== undefined) next.goodsTurnedBackOrDestroyed = input.goodsTurnedBackOrDestroyed;
      this.checkBasis(next);
      next.status = CaseStatus.UNDER_INVESTIGATION;
      return m.save(OffenceCase, next);
    });
  }

  private checkBasis(c: OffenceCase): void {
    this.checkQualification(c.offenceType, c.culpability, c.attempt, c.orderBreach, c.priorOffence);
    const customs = CUSTOMS_OFFENCES.includes(c.offenceType);
    if (c.aggravatingCircumstances.length && !customs) {
      throw refused("AGGRAVATION_NOT_APPLICABLE", "Aggravating circumstances are those of customs offences; a breach of order rules has a fixed maximum.", { field: "input.aggravatingCircumstances", rule: "ENF-R14", article: "LD art. 124, 127" });
    }
    if (c.concurrentOffences.length) {
      // ENF-R16 (LD art. 126 para. 1): evasion or endangerment together with prohibited traffic.
      const all = [c.offenceType, ...c.concurrentOffences];
      const duty = all.filter(o => o === OffenceType.CUSTOMS_EVASION || o === OffenceType.CUSTOMS_ENDANGERMENT);
      const ok = all.length === 2 && duty.length === 1 && all.includes(OffenceType.PROHIBITED_TRAFFIC);
      if (!ok) throw refused("CONCURRENCE_NOT_PROVIDED", "LD art. 126 para. 1 joins customs evasion or endangerment with prohibited traffic; other customs offences are separate cases.", { field: "input.concurrentOffences", rule: "ENF-R16", article: "LD art. 126 para. 1" });
    }
    if (c.otherConcurrentOffence && !customs) throw refused("CONCURRENCE_NOT_PROVIDED", "LD art. 126 para. 2 is for a customs offence that is also another offence.", { field: "input.otherConcurrentOffence", rule: "ENF-R16", article: "LD art. 126 para. 2" });
    if (c.otherConcurrentMaxFine !== null && c.otherConcurrentMaxFine < 0) throw new ValidationError("A maximum is not negative.", { field: "input.otherConcurrentMaxFine" });
    if (c.concurrenceIncrease !== null) {
      if (c.concurrenceIncrease < 0) throw new ValidationError("An increase is not negative.", { field: "input.concurrenceIncrease" });
      if (!c.concurrentOffences.length && !c.otherConcurrentOffence) throw refused("CONCURRENCE_NOT_PROVIDED", "An increase is for concurrent offences.", { field: "input.concurrenceIncrease", rule: "ENF-R16", article: "LD art. 126" });
      if (!c.concurrenceIncreaseReason) throw new ValidationError("An increase for concurrence is entered with its reason.", { field: "input.concurrenceIncreaseReason", rule: "ENF-R16", article: "LD art. 126" });
    }
    if ((c.authorisedImportOrExport !== null || c.goodsTurnedBackOrDestroyed !== null) && !involvesProhibitedTraffic(c)) {
      throw new ValidationError("Whether the import or export could be authorised, and the goods turned back or destroyed, matter for prohibited traffic (LD art. 120 para. 5).", { field: "input.authorisedImportOrExport", rule: "ENF-R10", article: "LD art. 120 para. 5" });
    }
  }

  // ------------------------------------------------------------------ decision and end

  /**
   * The penalty (ENF-R08 to ENF-R17; ENF-R18, LD art. 128): a fine up to the legal maximum, custody
   * only where aggravation allows it, an undertaking ordered to pay only up to CHF 100,000 when
   * investigating the individuals would be out of proportion (ENF-R15, LD art. 125). Prohibited
   * traffic publishes X23 (LD art. 120 para. 5). The fine is collected once the decision is final.
   */
  async decidePenalty(principal: Principal, input: DecidePenaltyInput): Promise<OffenceCase> {
    this.access.requireAntiFraud(principal);
    if (!Number.isInteger(input.fine) || input.fine < 0) throw new ValidationError("A fine is an amount of at least CHF 0.00.", { field: "input.fine" });
    if (!input.reasons.trim()) throw new ValidationError("A penalty decision gives its reasons.", { field: "input.reasons" });
    return transaction(this.dataSource, async m => {
      const c = await this.lock(m, input.caseId);
      const { rule, article } = ARTICLE_OF[c.offenceType];
      if (c.status !== CaseStatus.UNDER_INVESTIGATION) throw refused("CASE_NOT_UNDER_INVESTIGATION", `A penalty is decided on a case under investigation; this one is ${c.status}.`, { field: "input.caseId", status: c.status, rule: "ENF-R18", article: "LD art. 128" });
      if (!c.culpability) throw refused("CULPABILITY_NOT_ESTABLISHED", "Establish whether the act was intentional or negligent first.", { field: "input.caseId", rule, article });
      const range = fineRange(c);
      if (range.maxFine === null) throw refused("FINE_BASIS_INCOMPLETE", `The legal maximum cannot be computed yet: ${range.missing.join(", ")} missing.`, { field: "input.caseId", missing: range.missing, rule, article });
      if (input.fine > range.maxFine) {
        throw refused("FINE_ABOVE_LEGAL_MAXIMUM", `The fine may not exceed CHF ${formatRappen(range.maxFine)}.`, { field: "input.fine", maxFine: formatRappen(range.maxFine), rule, article: range.steps.at(-1)?.article ?? article });
      }
      const custody = input.custodialMonths ?? null;
      if (custody !== null && (custody < 1 || custody > range.custodialMonthsMax)) {
        throw refused("CUSTODY_NOT_PROVIDED", range.custodialMonthsMax ? `Custody is at most ${range.custodialMonthsMax} months.` : "A custodial sentence needs aggravating circumstances of LD art. 118-120.", { field: "input.custodialMonths", custodialMonthsMax: range.custodialMonthsMax, rule, article });
      }
      const parties = await m.findBy(CaseParty, { caseId: c.id });
      let payerId: string;
      if (input.payer === FinePayer.UNDERTAKING) {
        const undertaking = parties.find(p => p.role === CasePartyRole.UNDERTAKING);
        if (!undertaking) throw refused("NO_UNDERTAKING", "The case names no undertaking to order to pay.", { field: "input.payer", rule: "ENF-R15", article: "LD art. 125" });
        if (input.fine > UNDERTAKING_FINE_LIMIT) throw refused("UNDERTAKING_FINE_ABOVE_LIMIT", "An undertaking is ordered to pay a fine of at most CHF 100,000.00.", { field: "input.fine", limit: formatRappen(UNDERTAKING_FINE_LIMIT), rule: "ENF-R15", article: "LD art. 125" });
        if (!input.disproportionateInvestigation) {
          throw refused("UNDERTAKING_ORDER_NOT_JUSTIFIED", "The undertaking pays instead of the persons responsible only when investigating them would need measures out of proportion to the penalty.", { field: "input.disproportionateInvestigation", rule: "ENF-R15", article: "LD art. 125" });
        }
        if (custody !== null) throw refused("CUSTODY_NOT_PROVIDED", "An undertaking is not sentenced to custody.", { field: "input.custodialMonths", rule: "ENF-R15", article: "LD art. 125" });
        if (input.payerId && input.payerId !== undertaking.partnerId) throw new ValidationError("The payer is the case's undertaking.", { field: "input.payerId" });
        payerId = undertaking.partnerId;
      } else {
        const suspects = parties.filter(p => p.role === CasePartyRole.SUSPECT).map(p => p.partnerId);
        payerId = input.payerId ?? (suspects.length === 1 ? suspects[0] : "");
        if (!suspects.includes(payerId)) throw new ValidationError("The person punished is one of the case's suspects.", { field: "input.payerId", suspects });
      }
      const now = this.clock.now();
      Object.assign(c, {
        status: CaseStatus.PENALTY_DECIDED,
        fineImposed: input.fine,
        finePayer: input.payer,
        finePayerId: payerId,
        custodialMonths: custody,
        decisionReasons: input.reasons.trim(),
        decidedAt: now,
        decidedBy: principal.subject ?? principal.kind,
        appealDeadline: this.appealCalendar.appealPeriodEndsAt(now, ENFORCEMENT_APPEAL_DAYS),
      });
      await m.save(c);
      if (involvesProhibitedTraffic(c)) {
        // X23 (LD art. 120 para. 5): the duties of an authorised import or export are payable, none if the goods are turned back or destroyed.
        const declarationIds = (await m.findBy(CaseLink, { caseId: c.id, kind: CaseLinkKind.DECLARATION })).map(l => l.refId);
        await this.events.publish(m, "ProhibitedTrafficEstablished", c.id, {
          caseId: c.id,
          caseNumber: c.caseNumber,
          suspectIds: parties.filter(p => p.role === CasePartyRole.SUSPECT).map(p => p.partnerId),
          declarationIds,
          authorisedImportOrExport: Boolean(c.authorisedImportOrExport),
          goodsTurnedBackOrDestroyed: Boolean(c.goodsTurnedBackOrDestroyed),
          duties: c.dutiesAtStake === null ? null : formatRappen(c.dutiesAtStake),
          establishedAt: now.toISOString(),
        });
      }
      return c;
    });
  }

  /**
   * The penalty decision becomes final once its appeal period passed with no appeal pending
   * (DESIGN CHOICE: DPA procedure, not in our sources); its fine then becomes a debt (FineImposed).
   */
  async finalise(principal: Principal, caseId: string): Promise<OffenceCase> {
    this.access.requireAntiFraud(principal);
    return transaction(this.dataSource, async m => {
      const c = await this.lock(m, caseId);
      if (c.status !== CaseStatus.PENALTY_DECIDED) throw refused("PENALTY_NOT_DECIDED", `Only a decided penalty becomes final; the case is ${c.status}.`, { field: "input.caseId", status: c.status });
      const now = this.clock.now();
      if (now <= c.appealDeadline!) throw refused("APPEAL_PERIOD_RUNNING", "The appeal period has not passed.", { field: "input.caseId", appealDeadline: c.appealDeadline!.toISOString(), rule: "ENF-R23", article: "LD art. 116" });
      const pending = await m.findOneBy(EnforcementAppeal, { decisionKind: AppealableDecision.PENALTY, decisionId: c.id, status: AppealStatus.PENDING });
      if (pending) throw refused("APPEAL_PENDING", "An appeal against the decision is pending.", { field: "input.caseId", appealId: pending.id, rule: "ENF-R23", article: "LD art. 116" });
      Object.assign(c, { status: CaseStatus.FINAL, finalAt: now });
      await m.save(c);
      if (c.fineImposed) {
        await this.events.publish(m, "FineImposed", c.id, {
          caseId: c.id,
          caseNumber: c.caseNumber,
          offenceType: c.offenceType,
          payerId: c.finePayerId,
          payerKind: c.finePayer,
          amount: formatRappen(c.fineImposed),
          decidedAt: c.decidedAt!.toISOString(),
          finalAt: now.toISOString(),
        });
      }
      return c;
    });
  }

  /** FINAL → CLOSED once the penalty is executed; OPENED or UNDER_INVESTIGATION → DISMISSED or TIME_BARRED (ENF-R19: DPA art. 11 para. 2, LD art. 129; the period is not in our sources, so an officer records it). */
  async end(principal: Principal, input: { caseId: string; outcome: CaseStatus.CLOSED | CaseStatus.DISMISSED | CaseStatus.TIME_BARRED; reason: string }): Promise<OffenceCase> {
    this.access.requireAntiFraud(principal);
    if (!input.reason.trim()) throw new ValidationError("Give the reason.", { field: "input.reason" });
    return transaction(this.dataSource, async m => {
      const c = await this.lock(m, input.caseId);
      const allowed = input.outcome === CaseStatus.CLOSED ? c.status === CaseStatus.FINAL : isOpen(c);
      if (!allowed) {
        const details = input.outcome === CaseStatus.TIME_BARRED ? { rule: "ENF-R19", article: "LD art. 129; DPA art. 11 para. 2" } : {};
        throw refused("CASE_TRANSITION_REFUSED", `A ${c.status} case cannot become ${input.outcome}.`, { field: "input.caseId", status: c.status, ...details });
      }
      Object.assign(c, { status: input.outcome, endedAt: this.clock.now(), endReason: input.reason.trim() });
      return m.save(c);
    });
  }

  /** An appeal decided (AppealService): upheld, the decision is annulled and the case is investigated again; a reduced fine replaces the fine. */
  async applyAppealOutcome(m: EntityManager, caseId: string, outcome: AppealStatus, reducedFine: number | null): Promise<void> {
    const c = await this.lock(m, caseId);
    if (c.status !== CaseStatus.PENALTY_DECIDED) return;
    if (outcome === AppealStatus.UPHELD) {
      Object.assign(c, { status: CaseStatus.UNDER_INVESTIGATION, fineImposed: null, finePayer: null, finePayerId: null, custodialMonths: null, decisionReasons: null, decidedAt: null, decidedBy: null, appealDeadline: null });
    } else if (outcome === AppealStatus.FINE_REDUCED) {
      if (reducedFine === null || reducedFine >= (c.fineImposed ?? 0)) {
        throw new ValidationError(`A reduced fine is lower than the fine decided, CHF ${formatRappen(c.fineImposed ?? 0)}.`, { field: "input.reducedFine", fineImposed: formatRappen(c.fineImposed ?? 0), rule: "ENF-R23", article: "LD art. 116" });
      }
      if (reducedFine < 0) throw new ValidationError("A reduced fine is an amount of at least CHF 0.00.", { field: "input.reducedFine", rule: "ENF-R23", article: "LD art. 116, 118 para. 1" });
      c.fineImposed = reducedFine;
    }
    await m.save(c);
  }

  async lock(m: EntityManager, id: string): Promise<OffenceCase> {
    const c = await findForUpdate(m, OffenceCase, { id });
    if (!c) throw new NotFoundError("OffenceCase", id, "input.caseId");
    return c;
  }

  // ------------------------------------------------------------------ events

  /** X07 (LD art. 118; DOMAIN.md §7): undeclared goods open an evasion case against the declarant, once per declaration. */
  async onUndeclaredGoodsDetected(m: EntityManager, p: { declarationId: string; declarationNumber?: string | null; declarantId: string; onBehalfOfId?: string | null; channel?: string; crossedAt: string | null; detectedAt: string; reasons?: string[]; goods?: { description: string; tariffNumber?: string }[] }): Promise<void> {
    const goods = (p.goods ?? []).map(g => g.description).join("; ");
    await this.create(m, {
      offenceType: OffenceType.CUSTOMS_EVASION,
      priorOffence: null,
      orderBreach: null,
      culpability: null,
      attempt: false,
      facts: `Undeclared goods detected ${p.detectedAt}${p.channel ? ` (${p.channel})` : ""}${p.declarationNumber ? `, placed ex officio under ${p.declarationNumber}` : ""}${goods ? `: ${goods}` : ""}${p.reasons?.length ? `. ${p.reasons.join("; ")}` : ""}`.slice(0, 4000),
      openedBy: "declarations (X07)",
      originKey: `x07:${p.declarationId}`,
      suspects: [p.declarantId, ...(p.onBehalfOfId ? [p.onBehalfOfId] : [])],
      undertakingId: null,
      links: [{ kind: CaseLinkKind.DECLARATION, refId: p.declarationId }],
    });
  }

  /** X22 (LD art. 122): a misappropriated pledge opens a case against its owner, once per pledge. */
  async onPledgeMisappropriated(m: EntityManager, p: { pledgeId: string; ownerId: string | null; description: string; facts: string; reportedAt: string }): Promise<void> {
    await this.create(m, {
      offenceType: OffenceType.PLEDGE_MISAPPROPRIATION,
      priorOffence: null,
      orderBreach: null,
      culpability: null,
      attempt: false,
      facts: `Customs pledge misappropriated (reported ${p.reportedAt}): ${p.description}. ${p.facts}`.slice(0, 4000),
      openedBy: "debt (X22)",
      originKey: `x22:${p.pledgeId}`,
      suspects: p.ownerId ? [p.ownerId] : [],
      undertakingId: null,
      links: [{ kind: CaseLinkKind.PLEDGE, refId: p.pledgeId }],
    });
  }

  /**
   * X08, X09 (LD art. 118 para. 1, 119 para. 1): a taxation of a linked declaration gives the
   * duties at stake of the open cases whose duties no officer entered (exactly or as an estimate):
   * the sum of their linked declarations' latest duties. Latest by `establishedAt`: a taxation
   * established before the one a link holds, delivered late (at-least-once, out of order), changes
   * nothing; one without the instant counts as older than any known. The condition is evaluated by
   * the UPDATE on each link's current row, so two taxations delivered at the same moment leave the
   * later one, whatever their order.
   */
  async onTaxation(m: EntityManager, p: { declarationId: string; totalDuties: string; establishedAt?: string | null }): Promise<void> {
    const links = await m.findBy(CaseLink, { kind: CaseLinkKind.DECLARATION, refId: p.declarationId });
    if (!links.length) return;
    const established = p.establishedAt ? new Date(p.establishedAt) : null;
    const update = m
      .createQueryBuilder()
      .update(CaseLink)
      .set(established ? { duties: toRappen(p.totalDuties), dutiesEstablishedAt: established } : { duties: toRappen(p.totalDuties) })
      .where("kind = :kind AND ref_id = :refId", { kind: CaseLinkKind.DECLARATION, refId: p.declarationId });
    if (established) update.andWhere("(duties_established_at IS NULL OR duties_established_at <= :established)", { established: sqlTime(established) });
    else update.andWhere("duties_established_at IS NULL");
    await update.execute();
    for (const caseId of [...new Set(links.map(l => l.caseId))]) {
      const c = await findForUpdate(m, OffenceCase, { id: caseId });
      // The duties an officer entered or estimated are the duties evaded, not the declaration's total.
      if (!c || !isOpen(c) || c.dutiesSetByOfficer || c.dutiesEstimated) continue;
      const all = await m.findBy(CaseLink, { caseId, kind: CaseLinkKind.DECLARATION });
      const known = all.filter(l => l.duties !== null);
      c.dutiesAtStake = known.length ? known.reduce((sum, l) => sum + l.duties!, 0) : null;
      await m.save(c);
    }
  }

  /** X16 (LD art. 69 let. d; DOMAIN.md §6.4): a lot released without a declaration is a lead, once per lot. */
  async onLotReleasedWithoutDeclaration(m: EntityManager, p: { lotId: string; facilityId: string; facilityKind?: string; depositorId: string; releasedAt: string | null; goodsDescription?: string }): Promise<void> {
    await m
      .createQueryBuilder()
      .insert()
      .into(Lead)
      .values({
        id: randomUUID(),
        source: "LOT_RELEASED_WITHOUT_DECLARATION" as Lead["source"],
        originKey: `x16:${p.lotId}`,
        partnerId: p.depositorId,
        lotId: p.lotId,
        facts: `Lot ${p.lotId} left ${p.facilityKind ?? "a facility"} ${p.facilityId} without a declaration${p.goodsDescription ? `: ${p.goodsDescription}` : ""}.`,
        occurredAt: p.releasedAt ? new Date(p.releasedAt) : null,
        receivedAt: this.clock.now(),
        status: LeadStatus.OPEN,
        caseId: null,
        dismissalReason: null,
      })
      .orIgnore()
      .execute();
  }

  async leads(principal: Principal, status: LeadStatus | null, args: ConnectionArgs) {
    this.access.requireInvestigator(principal);
    const qb = this.dataSource.getRepository(Lead).createQueryBuilder("l");
    if (status) qb.where("l.status = :status", { status });
    return paginate(qb, args, { alias: "l", timeColumn: "received_at", timeProperty: "receivedAt" });
  }

  async dismissLead(principal: Principal, input: { leadId: string; reason: string }): Promise<Lead> {
    this.access.requireInvestigator(principal);
    if (!input.reason.trim()) throw new ValidationError("Give the reason.", { field: "input.reason" });
    return transaction(this.dataSource, async m => {
      const lead = await findForUpdate(m, Lead, { id: input.leadId });
      if (!lead) throw new NotFoundError("Lead", input.leadId, "input.leadId");
      if (lead.status !== LeadStatus.OPEN) throw refused("LEAD_ALREADY_DECIDED", `The lead is ${lead.status}.`, { field: "input.leadId" });
      Object.assign(lead, { status: LeadStatus.DISMISSED, dismissalReason: input.reason.trim() });
      return m.save(lead);
    });
  }
}
