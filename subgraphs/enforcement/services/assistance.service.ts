import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, findForUpdate, NotFoundError, OfficeCalendar, paginate, paginateByParent, Principal, transaction, ValidationError } from "../../kit";
import { AssistanceRequest, BorderConstructionPermit } from "../entities/assistance.entity";
import { EnforcementAppeal } from "../entities/decision.entity";
import { AppealableDecision, AppealStatus, AssistanceDirection, AssistanceLanguage, AssistanceProcedure, AssistanceStatus, ConsentScope, CooperationRefusalGround, PermitStatus } from "../entities/enums";
import type { EnforcementAccess } from "./access";
import { ENFORCEMENT_APPEAL_DAYS } from "./case.service";
import { refused } from "./errors";

const OFFICIAL_OR_ENGLISH = [AssistanceLanguage.DE, AssistanceLanguage.FR, AssistanceLanguage.IT, AssistanceLanguage.RM, AssistanceLanguage.EN];
const R22 = (article: string) => ({ rule: "ENF-R22", article });

export interface RecordAssistanceInput {
  direction: AssistanceDirection;
  foreignAuthority: string;
  country: string;
  treatyBasis?: string | null;
  spontaneous?: boolean | null;
  language: AssistanceLanguage;
  inWriting: boolean;
  particularsComplete: boolean;
  subject: string;
  personConcernedId?: string | null;
  otherActAuthority?: string | null;
}

/** International administrative assistance (ENF-R21, ENF-R22; LD art. 113, 115-115i) and border construction permits (ENF-R24, LD art. 4). */
export class AssistanceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: EnforcementAccess,
    private readonly appealCalendar: OfficeCalendar,
  ) {}

  async get(principal: Principal, id: string): Promise<AssistanceRequest> {
    this.access.requireInvestigator(principal);
    const a = await this.dataSource.getRepository(AssistanceRequest).findOneBy({ id });
    if (!a) throw new NotFoundError("AssistanceRequest", id, "id");
    return a;
  }

  async list(principal: Principal, args: ConnectionArgs) {
    this.access.requireInvestigator(principal);
    return paginate(this.dataSource.getRepository(AssistanceRequest).createQueryBuilder("a"), args, { alias: "a", timeColumn: "received_at", timeProperty: "receivedAt" });
  }

  /**
   * Records a request from abroad or a Swiss request. Only where a treaty provides for it
   * (LD art. 113, 115 para. 1), of the administration's own motion only outbound (LD art. 115
   * para. 2). A foreign request in another language, not in writing or without the treaty's
   * particulars is INCOMPLETE: the requesting authority is told in writing (LD art. 115b para. 2).
   * A request in the area of another act is forwarded to its authority (LD art. 115a para. 2).
   */
  async record(principal: Principal, input: RecordAssistanceInput): Promise<AssistanceRequest> {
    this.access.requireAntiFraud(principal);
    const treaty = input.treatyBasis?.trim();
    if (!treaty) throw refused("TREATY_REQUIRED", "Administrative assistance, and data to a foreign authority, only where an international treaty provides for it.", { field: "input.treatyBasis", ...R22("LD art. 113, 115 para. 1") });
    if (!/^[A-Z]{2}$/.test(input.country)) throw new ValidationError("The country is an ISO 3166 alpha-2 code.", { field: "input.country" });
    if (!input.foreignAuthority.trim() || !input.subject.trim()) throw new ValidationError("Name the foreign authority and what is asked.", { field: input.foreignAuthority.trim() ? "input.subject" : "input.foreignAuthority" });
    if (input.spontaneous && input.direction === AssistanceDirection.INBOUND) throw new ValidationError("Assistance of the administration's own motion is given, not received.", { field: "input.spontaneous", ...R22("LD art. 115 para. 2") });
    const now = this.clock.now();
    let status = AssistanceStatus.IN_PROGRESS;
    if (input.direction === AssistanceDirection.INBOUND) {
      if (input.otherActAuthority?.trim()) status = AssistanceStatus.FORWARDED;
      else if (!input.inWriting || !OFFICIAL_OR_ENGLISH.includes(input.language) || !input.particularsComplete) status = AssistanceStatus.INCOMPLETE;
    }
    const a = this.dataSource.getRepository(AssistanceRequest).create({
      id: randomUUID(),
      direction: input.direction,
      foreignAuthority: input.foreignAuthority.trim(),
      country: input.country,
      treatyBasis: treaty,
      spontaneous: Boolean(input.spontaneous),
      language: input.language,
      inWriting: input.inWriting,
      particularsComplete: input.particularsComplete,
      subject: input.subject.trim(),
      personConcernedId: input.personConcernedId ?? null,
      forwardedTo: status === AssistanceStatus.FORWARDED ? input.otherActAuthority!.trim() : null,
      status,
      procedure: null,
      consentScope: null,
      consentGivenAt: null,
      cooperationRefused: null,
      completionRequestedAt: status === AssistanceStatus.INCOMPLETE ? now : null,
      finalDecisionAt: null,
      finalDecisionScope: null,
      appealDeadline: null,
      transmittedAt: null,
      receivedAt: now,
      recordedBy: principal.subject ?? principal.kind,
    });
    return this.dataSource.getRepository(AssistanceRequest).save(a);
  }

  /** LD art. 115b para. 2: the requesting authority completed its request in writing. */
  async complete(principal: Principal, input: { requestId: string; language: AssistanceLanguage; inWriting: boolean; particularsComplete: boolean }): Promise<AssistanceRequest> {
    this.access.requireAntiFraud(principal);
    return this.change(input.requestId, a => {
      if (a.status !== AssistanceStatus.INCOMPLETE) throw refused("ASSISTANCE_NOT_INCOMPLETE", `The request is ${a.status}.`, { field: "input.requestId" });
      Object.assign(a, { language: input.language, inWriting: input.inWriting, particularsComplete: input.particularsComplete });
      if (input.inWriting && OFFICIAL_OR_ENGLISH.includes(input.language) && input.particularsComplete) a.status = AssistanceStatus.IN_PROGRESS;
      else throw refused("ASSISTANCE_REQUEST_INCOMPLETE", "A foreign request is in writing, in a Swiss official language or English, with the treaty's particulars.", { field: "input.language", ...R22("LD art. 115b para. 1") });
    });
  }

  /**
   * LD art. 115g: the person concerned consents in writing to the simplified procedure,
   * irrevocably. A consent to part only leaves the rest to the ordinary procedure (para. 3). A
   * consent once given is neither withdrawn nor narrowed (CONSENT_IRREVOCABLE).
   */
  async consent(principal: Principal, input: { requestId: string; scope: ConsentScope; inWriting: boolean }): Promise<AssistanceRequest> {
    this.access.requireAntiFraud(principal);
    if (!input.inWriting) throw refused("CONSENT_NOT_IN_WRITING", "The person concerned informs the authority of its consent in writing.", { field: "input.inWriting", ...R22("LD art. 115g para. 1") });
    return this.change(input.requestId, a => {
      this.requireInProgressInbound(a);
      if (a.consentScope) {
        if (a.consentScope === ConsentScope.FULL || input.scope === ConsentScope.PARTIAL) throw refused("CONSENT_IRREVOCABLE", "The consent was given and is irrevocable.", { field: "input.scope", ...R22("LD art. 115g para. 1") });
      }
      Object.assign(a, {
        consentScope: input.scope,
        consentGivenAt: a.consentGivenAt ?? this.clock.now(),
        procedure: input.scope === ConsentScope.FULL ? AssistanceProcedure.SIMPLIFIED : AssistanceProcedure.SIMPLIFIED_AND_ORDINARY,
      });
    });
  }

  /** LD art. 115d para. 2: the person refuses to cooperate under a professional secret or a right to refuse testimony; the administration then decides on the duty (para. 3). */
  async recordCooperationRefusal(principal: Principal, input: { requestId: string; ground: CooperationRefusalGround }): Promise<AssistanceRequest> {
    this.access.requireAntiFraud(principal);
    return this.change(input.requestId, a => {
      this.requireInProgressInbound(a);
      a.cooperationRefused = input.ground;
      a.procedure = a.procedure ?? AssistanceProcedure.ORDINARY;
    });
  }

  /** LD art. 115h: the final decision of the ordinary procedure, with its reasons and the scope of what is transmitted; open to appeal (LD art. 115i para. 3). */
  async issueFinalDecision(principal: Principal, input: { requestId: string; scope: string }): Promise<AssistanceRequest> {
    this.access.requireAntiFraud(principal);
    if (!input.scope.trim()) throw new ValidationError("The final decision gives its reasons and the scope of what is transmitted.", { field: "input.scope", ...R22("LD art. 115h para. 1") });
    return this.change(input.requestId, a => {
      this.requireInProgressInbound(a);
      if (a.procedure === AssistanceProcedure.SIMPLIFIED) throw refused("SIMPLIFIED_PROCEDURE", "The person consented to all: the simplified procedure ends by transmission, without a final decision.", { field: "input.requestId", ...R22("LD art. 115g para. 2") });
      const now = this.clock.now();
      Object.assign(a, {
        status: AssistanceStatus.FINAL_DECISION_ISSUED,
        procedure: a.procedure ?? AssistanceProcedure.ORDINARY,
        finalDecisionAt: now,
        finalDecisionScope: input.scope.trim(),
        appealDeadline: this.appealCalendar.appealPeriodEndsAt(now, ENFORCEMENT_APPEAL_DAYS),
      });
    });
  }

  /**
   * Transmission to the requesting authority: at once in the simplified procedure (LD art. 115g
   * para. 2); in the ordinary procedure once the final decision's appeal period passed with no
   * appeal pending (DESIGN CHOICE: the appeal to the Federal Administrative Tribunal, LD art. 115i
   * para. 3, would be moot otherwise). An outbound request is sent at once.
   */
  async transmit(principal: Principal, requestId: string): Promise<AssistanceRequest> {
    this.access.requireAntiFraud(principal);
    return transaction(this.dataSource, async m => {
      const a = await findForUpdate(m, AssistanceRequest, { id: requestId });
      if (!a) throw new NotFoundError("AssistanceRequest", requestId, "input.requestId");
      const now = this.clock.now();
      if (a.direction === AssistanceDirection.INBOUND) {
        if (a.status === AssistanceStatus.IN_PROGRESS) {
          if (a.procedure !== AssistanceProcedure.SIMPLIFIED) throw refused("FINAL_DECISION_REQUIRED", "Without the person's consent to all, a final decision comes first.", { field: "input.requestId", ...R22("LD art. 115g para. 3, 115h") });
        } else if (a.status === AssistanceStatus.FINAL_DECISION_ISSUED) {
          if (now <= a.appealDeadline!) throw refused("APPEAL_PERIOD_RUNNING", "The appeal period of the final decision has not passed.", { field: "input.requestId", appealDeadline: a.appealDeadline!.toISOString(), ...R22("LD art. 115i para. 3") });
          const pending = await m.findOneBy(EnforcementAppeal, { decisionKind: AppealableDecision.ASSISTANCE, decisionId: a.id, status: AppealStatus.PENDING });
          if (pending) throw refused("APPEAL_PENDING", "An appeal against the final decision is pending.", { field: "input.requestId", appealId: pending.id, ...R22("LD art. 115i para. 3") });
        } else {
          throw refused("ASSISTANCE_NOT_TRANSMITTABLE", `The request is ${a.status}.`, { field: "input.requestId" });
        }
      } else if (a.status !== AssistanceStatus.IN_PROGRESS) {
        throw refused("ASSISTANCE_NOT_TRANSMITTABLE", `The request is ${a.status}.`, { field: "input.requestId" });
      }
      Object.assign(a, { status: AssistanceStatus.TRANSMITTED, transmittedAt: now });
      return m.save(a);
    });
  }

  private requireInProgressInbound(a: AssistanceRequest): void {
    if (a.direction !== AssistanceDirection.INBOUND) throw refused("NOT_INBOUND", "Consent, cooperation and the final decision concern a request from abroad.", { field: "input.requestId", ...R22("LD art. 115d-115h") });
    if (a.status !== AssistanceStatus.IN_PROGRESS) throw refused("ASSISTANCE_NOT_IN_PROGRESS", `The request is ${a.status}.`, { field: "input.requestId" });
    if (!a.personConcernedId) throw new ValidationError("The request names no person concerned.", { field: "input.requestId" });
  }

  private change(id: string, apply: (a: AssistanceRequest) => void): Promise<AssistanceRequest> {
    return transaction(this.dataSource, async m => {
      const a = await findForUpdate(m, AssistanceRequest, { id });
      if (!a) throw new NotFoundError("AssistanceRequest", id, "input.requestId");
      apply(a);
      return m.save(a);
    });
  }

  // ------------------------------------------------------------------ ENF-R24 permits

  /** A page of each partner's applications, oldest first, in a constant number of statements. */
  async permitPages(applicantIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<BorderConstructionPermit>[]> {
    return paginateByParent(this.dataSource.getRepository(BorderConstructionPermit), { parentProperty: "applicantId", timeProperty: "appliedAt" }, applicantIds, args);
  }

  /** ENF-R24 (LD art. 4 para. 2): the owner (or an officer for it) applies to build near the border. */
  async applyForPermit(principal: Principal, input: { applicantId: string; location: string; works: string; boundaryWaters?: boolean | null }): Promise<BorderConstructionPermit> {
    this.access.requireAddresseeOrOfficer(principal, input.applicantId);
    if (!input.location.trim() || !input.works.trim()) throw new ValidationError("Say where, and what is built or altered.", { field: input.location.trim() ? "input.works" : "input.location" });
    const repo = this.dataSource.getRepository(BorderConstructionPermit);
    return repo.save(
      repo.create({ id: randomUUID(), applicantId: input.applicantId, location: input.location.trim(), works: input.works.trim(), boundaryWaters: Boolean(input.boundaryWaters), status: PermitStatus.APPLIED, conditions: [], appliedAt: this.clock.now(), decidedAt: null, decisionReasons: null }),
    );
  }

  /** ENF-R24 (LD art. 4): the Border Guard Corps grants, with conditions that keep surveillance free, or refuses. */
  async decidePermit(principal: Principal, input: { permitId: string; grant: boolean; conditions?: string[] | null; reasons: string }): Promise<BorderConstructionPermit> {
    this.access.require(principal, ["BORDER_GUARD"], "ENF-R24", "LD art. 4 para. 2");
    if (!input.reasons.trim()) throw new ValidationError("Give the reasons.", { field: "input.reasons" });
    return transaction(this.dataSource, async m => {
      const p = await findForUpdate(m, BorderConstructionPermit, { id: input.permitId });
      if (!p) throw new NotFoundError("BorderConstructionPermit", input.permitId, "input.permitId");
      if (p.status !== PermitStatus.APPLIED) throw refused("PERMIT_ALREADY_DECIDED", `The application is ${p.status}.`, { field: "input.permitId", rule: "ENF-R24", article: "LD art. 4 para. 2" });
      Object.assign(p, { status: input.grant ? PermitStatus.GRANTED : PermitStatus.REFUSED, conditions: input.grant ? (input.conditions ?? []).map(c => c.trim()).filter(Boolean) : [], decidedAt: this.clock.now(), decisionReasons: input.reasons.trim() });
      return m.save(p);
    });
  }
}
