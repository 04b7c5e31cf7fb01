import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ConnectionArgs, ForbiddenError, mapConnection } from "../../kit";
import { CaseStatus } from "../entities/enums";
import { OffenceCase } from "../entities/offence-case.entity";
import { legalBasisOf } from "../services/case.service";
import { loaders } from "./loaders";
import { BorderConstructionPermitConnection, BusinessPartner, CaseFilterArgs, ComplianceProfile, CustomsDeclaration, DeclarantProhibitionConnection, EnforcementAppealConnection, EnforcementContext, OffenceCaseConnection, PenaltyDecision, PenaltyDecisionConnection } from "./types";

function requireAddressee(ctx: EnforcementContext, partnerId: string): void {
  ctx.services.access.requireAddresseeOrOfficer(ctx.principal, partnerId);
}

@Resolver(() => BusinessPartner)
export class PartnerEnforcementResolver {
  @FieldResolver(() => OffenceCaseConnection, { nullable: true, description: "The cases naming the partner as suspect or undertaking, oldest first: officers with an enforcement role only (ENF-R21); FORBIDDEN for anyone else, the partner included." })
  async offenceCases(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => CaseFilterArgs) filter: CaseFilterArgs, @Ctx() ctx: EnforcementContext) {
    ctx.services.access.requireInvestigatorFor(ctx.principal, "Offence cases");
    return loaders.casesOfPartner(ctx, args, filter).load(partner.id);
  }

  @FieldResolver(() => ComplianceProfile, { nullable: true, description: "Counts and flags for every officer (ENF-R21 DESIGN CHOICE); FORBIDDEN for partners." })
  async complianceProfile(@Root() partner: BusinessPartner, @Ctx() ctx: EnforcementContext): Promise<ComplianceProfile> {
    if (!ctx.services.access.isOfficer(ctx.principal)) throw new ForbiddenError("A compliance profile is the administration's.", { rule: "ENF-R21", article: "LD art. 110-112" });
    const f = await loaders.profile(ctx).load(partner.id);
    return { ...f, openWithdrawalReferral: f.openReferral };
  }

  @FieldResolver(() => PenaltyDecisionConnection, {
    nullable: true,
    description:
      "The penalty decisions addressed to the partner (punished, or ordered to pay as undertaking, LD art. 125), oldest decision first; a decision annulled on appeal leaves the list. Read by the partner itself and by officers; FORBIDDEN for another partner (ENF-R21).",
  })
  async penaltyDecisions(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    requireAddressee(ctx, partner.id);
    return mapConnection(await loaders.decisionsOfPartner(ctx, args).load(partner.id), toDecision);
  }

  @FieldResolver(() => DeclarantProhibitionConnection, {
    nullable: true,
    description: "ENF-R05 (LD art. 109 para. 2): the prohibitions addressed to the partner, active or not, earliest `validFrom` first. Read by the partner itself and by officers; FORBIDDEN for another partner.",
  })
  async declarantProhibitions(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    requireAddressee(ctx, partner.id);
    return loaders.prohibitions(ctx, args).load(partner.id);
  }

  @FieldResolver(() => EnforcementAppealConnection, {
    nullable: true,
    description: "ENF-R23 (LD art. 116), ENF-R22 (LD art. 115i): the partner's appeals against enforcement decisions, oldest filed first. Read by the partner itself and by officers; FORBIDDEN for another partner.",
  })
  async enforcementAppeals(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    requireAddressee(ctx, partner.id);
    return loaders.appealsOfPartner(ctx, args).load(partner.id);
  }

  @FieldResolver(() => BorderConstructionPermitConnection, {
    nullable: true,
    description: "ENF-R24 (LD art. 4): the partner's applications to build or alter near the customs border, oldest first. Read by the partner itself and by officers; FORBIDDEN for another partner.",
  })
  async borderConstructionPermits(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    requireAddressee(ctx, partner.id);
    return loaders.permits(ctx, args).load(partner.id);
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
  @FieldResolver(() => OffenceCaseConnection, {
    nullable: true,
    description: "The cases concerning the declaration (opened from undeclared goods, X07, or by an officer naming it), oldest opened first: officers with an enforcement role only; FORBIDDEN for anyone else (ENF-R21).",
  })
  async offenceCases(@Root() d: CustomsDeclaration, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    ctx.services.access.requireInvestigatorFor(ctx.principal, "Offence cases");
    return loaders.casesOfDeclaration(ctx, args).load(d.id);
  }
}
