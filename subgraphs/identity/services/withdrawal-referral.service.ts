import { DataSource, EntityManager, In } from "typeorm";
import { Clock, EventPublisher, findForUpdate, NotFoundError, Principal, transaction } from "../../kit";
import { WithdrawalReferralStatus } from "../entities/enums";
import { WithdrawalReferral } from "../entities/withdrawal-referral.entity";
import { IdentityAccess } from "./access";
import { IdentityErrors } from "./errors";

/** Payload of enforcement's X24 event. */
export interface RepeatedOffencesReferralPayload {
  referralId: string;
  partnerId: string;
  caseIds: string[];
  caseNumbers: string[];
  reason: string;
  raisedAt: string;
}

/** Payload of enforcement's RepeatedOffencesReferralCancelled event. */
export interface RepeatedOffencesReferralCancelledPayload {
  referralId: string;
  partnerId: string;
  cancelledAt: string;
  reason: string;
}

/** Who decided a referral, when and why. */
export interface ReferralDecision {
  decidedAt: Date;
  decidedBy: string;
  decisionReason: string;
}

/** The officers who see referrals: those who work the authorisations (ENF-R21 DESIGN CHOICE: not every officer). */
export const REFERRAL_READERS = ["DGD", "AUDITOR"] as const;

/** The article every referral rule cites. */
const RULE = { rule: "ENF-R06", article: "OD-AFD art. 9 let. c" };

/**
 * ID-R31 let. c (OD-AFD art. 9 let. c), ENF-R06: the DGD withdraws an e-dec/NCTS authorisation
 * when its holder commits repeated offences. Enforcement finds them and refers them (X24); here a
 * DGD officer sees the referral and decides. DESIGN CHOICE (ENF-R06): nothing is automatic.
 */
export class WithdrawalReferralService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: IdentityAccess,
    private readonly events: EventPublisher,
  ) {}

  /**
   * X24 RepeatedOffencesReferral: recorded OPEN, once per referral id: an insert that, when the id
   * is taken (a redelivery, a concurrent delivery, or a cancellation that overtook it), only
   * writes the same particulars again and never touches the status or a decision. A transaction
   * inserting the same id at the same moment makes this one wait for its commit, so twenty
   * concurrent deliveries all succeed and leave one row. A partner identity does not know is
   * recorded all the same: the row is harmless, and no authorisation shows it.
   */
  async onRaised(m: EntityManager, p: RepeatedOffencesReferralPayload, occurredAt?: string): Promise<void> {
    const referral = m.create(WithdrawalReferral, {
      id: String(p.referralId),
      partnerId: String(p.partnerId),
      caseIds: (p.caseIds ?? []).map(String),
      caseNumbers: (p.caseNumbers ?? []).map(String),
      reason: String(p.reason ?? ""),
      raisedAt: this.dateOr(p.raisedAt ?? occurredAt),
      receivedAt: this.clock.now(),
      status: WithdrawalReferralStatus.OPEN,
      decidedAt: null,
      decidedBy: null,
      decisionReason: null,
    });
    await m
      .createQueryBuilder()
      .insert()
      .into(WithdrawalReferral)
      .values(referral)
      .orUpdate(["partner_id", "case_ids", "case_numbers", "reason", "raised_at"], ["id"])
      .execute();
  }

  /**
   * RepeatedOffencesReferralCancelled: an OPEN referral becomes CANCELLED; a decided one stays as
   * the DGD decided it. A cancellation that arrives before its referral (the relay keeps each
   * subscriber's order, so only a producer's own disorder would do this) is recorded CANCELLED,
   * so the late referral does not open.
   */
  async onCancelled(m: EntityManager, p: RepeatedOffencesReferralCancelledPayload, occurredAt?: string): Promise<void> {
    const decision: ReferralDecision = { decidedAt: this.dateOr(p.cancelledAt ?? occurredAt), decidedBy: "enforcement", decisionReason: String(p.reason ?? "") };
    // Insert first, lock after: two deliveries never hold gap locks on a missing key and deadlock.
    await m
      .createQueryBuilder()
      .insert()
      .into(WithdrawalReferral)
      .values(
        m.create(WithdrawalReferral, {
          id: String(p.referralId),
          partnerId: String(p.partnerId),
          caseIds: [],
          caseNumbers: [],
          reason: decision.decisionReason,
          raisedAt: decision.decidedAt,
          receivedAt: this.clock.now(),
          status: WithdrawalReferralStatus.CANCELLED,
          ...decision,
        }),
      )
      .orUpdate(["id"], ["id"])
      .execute();
    const referral = await findForUpdate(m, WithdrawalReferral, { id: String(p.referralId) });
    if (!referral || referral.status !== WithdrawalReferralStatus.OPEN) return;
    Object.assign(referral, { status: WithdrawalReferralStatus.CANCELLED, ...decision });
    await m.save(referral);
  }

  /** ENF-R06: the DGD decides not to withdraw. Only an OPEN referral is dismissed. */
  async dismiss(principal: Principal, referralId: string, reason: string): Promise<WithdrawalReferral> {
    this.access.requireOfficer(principal, "DGD");
    return transaction(this.dataSource, async m => {
      const referral = await findForUpdate(m, WithdrawalReferral, { id: referralId });
      if (!referral) throw new NotFoundError("WithdrawalReferral", referralId, "input.referralId");
      if (referral.status !== WithdrawalReferralStatus.OPEN) {
        throw IdentityErrors.refused("WITHDRAWAL_REFERRAL_NOT_OPEN", `The referral is ${referral.status} already; only an OPEN referral is decided.`, { ...RULE, field: "input.referralId", status: referral.status });
      }
      Object.assign(referral, { status: WithdrawalReferralStatus.DISMISSED, decidedAt: this.clock.now(), decidedBy: principal.subject ?? "DGD", decisionReason: reason.trim() });
      await m.save(referral);
      await publishDecided(this.events, m, referral);
      return referral;
    });
  }

  /** The referrals about each partner, newest first: one statement for any number of partners. */
  /** ENF-R21 DESIGN CHOICE: referrals are for the officers who work the authorisations, never for a partner. */
  canRead(principal: Principal): boolean {
    return principal.kind === "OFFICER" && REFERRAL_READERS.some(role => principal.officerRoles.includes(role));
  }

  private dateOr(value: string | undefined): Date {
    const date = value ? new Date(value) : null;
    return date && !Number.isNaN(date.getTime()) ? date : this.clock.now();
  }
}

/**
 * ID-R31 let. c: the DGD withdrew the holder's authorisation on the ground of repeated offences;
 * the holder's OPEN referrals are decided by it, in the same transaction.
 */
export async function withdrawOnReferrals(events: EventPublisher, m: EntityManager, partnerId: string, decision: ReferralDecision): Promise<void> {
  const open = await m.findBy(WithdrawalReferral, { partnerId, status: WithdrawalReferralStatus.OPEN });
  if (!open.length) return;
  await m.update(WithdrawalReferral, { id: In(open.map(r => r.id)), status: WithdrawalReferralStatus.OPEN }, { status: WithdrawalReferralStatus.WITHDRAWN, ...decision });
  for (const referral of open) await publishDecided(events, m, { ...referral, status: WithdrawalReferralStatus.WITHDRAWN, ...decision });
}

/** Tells enforcement how the DGD decided its referral (ENF-R06), so its compliance profile no longer shows it open. */
async function publishDecided(events: EventPublisher, m: EntityManager, r: Pick<WithdrawalReferral, "id" | "partnerId" | "status" | "decidedAt" | "decisionReason">): Promise<void> {
  await events.publish(m, "WithdrawalReferralDecided", r.id, { referralId: r.id, partnerId: r.partnerId, outcome: r.status, decidedAt: r.decidedAt!.toISOString(), reason: r.decisionReason });
}
