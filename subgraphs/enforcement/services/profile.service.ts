import { DataSource, In } from "typeorm";
import { Clock } from "../../kit";
import { DeclarantProhibition, WithdrawalReferral } from "../entities/decision.entity";
import { CaseStatus, LeadStatus, PENALISED_STATUSES, ProhibitionScope, ProhibitionStatus } from "../entities/enums";
import { CaseParty, Lead, OffenceCase } from "../entities/offence-case.entity";
import { prohibitionStatus, repeatWindowStart, REPEATED_OFFENCES } from "./decision.service";

export interface ComplianceFacts {
  partnerId: string;
  openCases: number;
  casesLastFiveYears: number;
  penaltiesLastFiveYears: number;
  repeatedOffences: boolean;
  lastOffenceAt: Date | null;
  activeProhibition: boolean;
  openReferral: boolean;
  openLeads: number;
}

const OPEN: readonly CaseStatus[] = [CaseStatus.OPENED, CaseStatus.UNDER_INVESTIGATION, CaseStatus.PENALTY_DECIDED];

/**
 * Each partner's compliance profile (issue 11; ENF-R06, ENF-R21): counts and flags over its cases,
 * prohibitions, referrals and leads, for any officer. Four statements for any number of partners.
 */
export class ProfileService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async profilesOf(partnerIds: readonly string[]): Promise<ComplianceFacts[]> {
    const ids = [...new Set(partnerIds)];
    if (!ids.length) return [];
    const now = this.clock.now();
    const since = repeatWindowStart(now);
    // One row per partner and case: a partner that is both suspect and undertaking of a case has
    // two parties in it, but one case and at most one penalty (ENF-R06, ENF-R21).
    const cases: { partnerId: string; caseId: string; status: CaseStatus; openedAt: Date | string; decidedAt: Date | string | null; finePayerId: string | null }[] = await this.dataSource
      .getRepository(CaseParty)
      .createQueryBuilder("p")
      .innerJoin(OffenceCase, "c", "c.id = p.case_id")
      .select(["p.partner_id AS partnerId", "c.id AS caseId", "c.status AS status", "c.opened_at AS openedAt", "c.decided_at AS decidedAt", "c.fine_payer_id AS finePayerId"])
      .distinct(true)
      .where("p.partner_id IN (:...ids)", { ids })
      .getRawMany();
    const prohibitions = await this.dataSource.getRepository(DeclarantProhibition).findBy({ partnerId: In(ids) });
    const referrals = await this.dataSource.getRepository(WithdrawalReferral).findBy({ openKey: In(ids) });
    const leads: { partnerId: string; n: string | number }[] = await this.dataSource
      .getRepository(Lead)
      .createQueryBuilder("l")
      .select(["l.partner_id AS partnerId", "COUNT(*) AS n"])
      .where("l.partner_id IN (:...ids) AND l.status = :open", { ids, open: LeadStatus.OPEN })
      .groupBy("l.partner_id")
      .getRawMany();
    const date = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(v.includes("T") ? v : `${v.replace(" ", "T")}Z`));
    return partnerIds.map(partnerId => {
      const own = cases.filter(c => c.partnerId === partnerId);
      const penalties = own.filter(c => c.finePayerId === partnerId && PENALISED_STATUSES.includes(c.status) && date(c.decidedAt)! >= since);
      const opened = own.map(c => date(c.openedAt)!).sort((a, b) => b.getTime() - a.getTime());
      return {
        partnerId,
        openCases: own.filter(c => OPEN.includes(c.status)).length,
        casesLastFiveYears: opened.filter(d => d >= since).length,
        penaltiesLastFiveYears: penalties.length,
        repeatedOffences: penalties.length >= REPEATED_OFFENCES,
        lastOffenceAt: opened[0] ?? null,
        activeProhibition: prohibitions.some(p => p.partnerId === partnerId && p.scope.includes(ProhibitionScope.DECLARATIONS) && prohibitionStatus(p, now) === ProhibitionStatus.ACTIVE),
        openReferral: referrals.some(r => r.partnerId === partnerId),
        openLeads: Number(leads.find(l => l.partnerId === partnerId)?.n ?? 0),
      };
    });
  }
}
