import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ConnectionArgs, ForbiddenError } from "../../kit";
import { BorderConstructionPermit } from "../entities/assistance.entity";
import { DeclarantProhibition, EnforcementAppeal } from "../entities/decision.entity";
import { CaseStatus } from "../entities/enums";
import { OffenceCase } from "../entities/offence-case.entity";
import { legalBasisOf } from "../services/case.service";
import { loaders } from "./loaders";
import { BusinessPartner, CaseFilterArgs, ComplianceProfile, CustomsDeclaration, EnforcementContext, OffenceCaseConnection, PenaltyDecision } from "./types";

function requireAddressee(ctx: EnforcementContext, partnerId: string): void {
  ctx.services.access.requireAddresseeOrOfficer(ctx.principal, partnerId);
}

@Resolver(() => BusinessPartner)
export class PartnerEnforcementResolver {
  @FieldResolver(() => OffenceCaseConnection, { nullable: true, description: "The cases naming the partner as suspect or undertaking, oldest first: officers with an enforcement role only (ENF-R21); FORBIDDEN for anyone else, the partner included." })
  async offenceCases(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => CaseFilterArgs) filter: CaseFilterArgs, @Ctx() ctx: EnforcementContext) {
    ctx.services.access.requireInvestigatorFor(ctx.principal, "Offence cases");
    return ctx.services.cases.ofPartner(partner.id, args, filter.statuses);
  }

  @FieldResolver(() => ComplianceProfile, { nullable: true, description: "Counts and flags for every officer (ENF-R21 DESIGN CHOICE); FORBIDDEN for partners." })
  async complianceProfile(@Root() partner: BusinessPartner, @Ctx() ctx: EnforcementContext): Promise<ComplianceProfile> {
    if (!ctx.services.access.isOfficer(ctx.principal)) throw new ForbiddenError("A compliance profile is the administration's.", { rule: "ENF-R21", article: "LD art. 110-112" });
    const f = await loaders.profile(ctx).load(partner.id);
    return { ...f, openWithdrawalReferral: f.openReferral };
  }

  @FieldResolver(() => [PenaltyDecision], { nullable: true, description: "The penalty decisions addressed to the partner (punished, or ordered to pay as undertaking), newest first: the partner's and officers'." })
  async penaltyDecisions(@Root() partner: BusinessPartner, @Ctx() ctx: EnforcementContext): Promise<PenaltyDecision[]> {
    requireAddressee(ctx, partner.id);
    return (await loaders.decisionsOfPartner(ctx).load(partner.id)).map(toDecision);
  }

  @FieldResolver(() => [DeclarantProhibition], { nullable: true, description: "ENF-R05 (LD art. 109 para. 2): prohibitions addressed to the partner, newest first: the partner's and officers'." })
  async declarantProhibitions(@Root() partner: BusinessPartner, @Ctx() ctx: EnforcementContext): Promise<DeclarantProhibition[]> {
    requireAddressee(ctx, partner.id);
    return loaders.prohibitions(ctx).load(partner.id);
  }

  @FieldResolver(() => [EnforcementAppeal], { nullable: true, description: "ENF-R23: the partner's appeals against enforcement decisions, newest first." })
  async enforcementAppeals(@Root() partner: BusinessPartner, @Ctx() ctx: EnforcementContext): Promise<EnforcementAppeal[]> {
    requireAddressee(ctx, partner.id);
    return loaders.appealsOfPartner(ctx).load(partner.id);
  }

  @FieldResolver(() => [BorderConstructionPermit], { nullable: true, description: "ENF-R24 (LD art. 4): the partner's applications to build near the border, newest first." })
  async borderConstructionPermits(@Root() partner: BusinessPartner, @Ctx() ctx: EnforcementContext): Promise<BorderConstructionPermit[]> {
    requireAddressee(ctx, partner.id);
    return loaders.permits(ctx).load(partner.id);
  }
}

export function toDecision(c: OffenceCase): PenaltyDecision {
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    offenceType: c.offenceType,
    legalBasis: legalBasisOf(c),
    fine: c.fineImposed ?? 0,
    payer: c.finePayer!,
    custodialMonths: c.custodialMonths,
    reasons: c.decisionReasons ?? "",
    decidedAt: c.decidedAt!,
    appealDeadline: c.appealDeadline!,
    final: c.status === CaseStatus.FINAL || c.status === CaseStatus.CLOSED,
  };
}

@Resolver(() => CustomsDeclaration)
export class DeclarationEnforcementResolver {
  @FieldResolver(() => [OffenceCase], { nullable: true, description: "The cases concerning the declaration, oldest first: officers with an enforcement role only (ENF-R21)." })
  async offenceCases(@Root() d: CustomsDeclaration, @Ctx() ctx: EnforcementContext): Promise<OffenceCase[]> {
    ctx.services.access.requireInvestigatorFor(ctx.principal, "Offence cases");
    return loaders.casesOfDeclaration(ctx).load(d.id);
  }
}
