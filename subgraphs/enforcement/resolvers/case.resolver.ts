import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "../../kit";
import { EnforcementAppeal } from "../entities/decision.entity";
import { CaseLinkKind, CasePartyRole, CaseStatus } from "../entities/enums";
import { Lead, OffenceCase } from "../entities/offence-case.entity";
import { UNDERTAKING_FINE_LIMIT } from "../services/fines";
import { AssessOffenceCaseInput, CaseIdInput, DecidePenaltyInput, DismissLeadInput, EndOffenceCaseInput, OpenOffenceCaseInput } from "./inputs";
import { loaders } from "./loaders";
import { BusinessPartner, CaseFilterArgs, ControlConnection, CustomsDeclaration, EnforcementContext, FineRange, LeadConnection, LeadFilterArgs, LeadPayload, OffenceCaseConnection, OffenceCasePayload, SeizureConnection, StoredLot } from "./types";

/** The prosecuting and judging authority of every customs offence (ENF-R18, LD art. 128 para. 2). */
export const PROSECUTING_AUTHORITY = "Federal Office for Customs and Border Security (the customs administration)";

@Resolver(() => OffenceCase)
export class OffenceCaseResolver {
  @Query(() => OffenceCase, { description: "A case, for officers with an enforcement role (ENF-R21)." })
  async offenceCase(@Arg("id", () => ID, { description: "The case's id." }) id: string, @Ctx() ctx: EnforcementContext): Promise<OffenceCase> {
    return ctx.services.cases.get(ctx.principal, id);
  }

  @Query(() => OffenceCaseConnection, { description: "Cases, oldest first, for officers with an enforcement role (ENF-R21)." })
  async offenceCases(@Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => CaseFilterArgs) filter: CaseFilterArgs, @Ctx() ctx: EnforcementContext) {
    return ctx.services.cases.list(ctx.principal, filter, args);
  }

  @Mutation(() => OffenceCasePayload, {
    description:
      "ENF-R07 (LD art. 117), ENF-R13 (LD art. 123: ATTEMPT_NOT_PUNISHABLE for a breach of order rules, NEGLIGENT_ATTEMPT), ENF-R17 (LD art. 127), ENF-R18 (LD art. 128): an enforcement officer opens a case, from a lead if given (LEAD_ALREADY_DECIDED once it gave one).",
  })
  async openOffenceCase(@Arg("input", { description: "The offence, the facts, and who and what the case concerns." }) input: OpenOffenceCaseInput, @Ctx() ctx: EnforcementContext): Promise<OffenceCasePayload> {
    return { offenceCase: await ctx.services.cases.open(ctx.principal, input) };
  }

  @Mutation(() => OffenceCasePayload, {
    description:
      "ENF-R08 to ENF-R16: the basis of the fine: culpability, duties (estimated, LD art. 118 para. 4), value of the goods (LD art. 120 para. 4), aggravating circumstances (AGGRAVATION_NOT_APPLICABLE for LD art. 127), concurrence (CONCURRENCE_NOT_PROVIDED outside LD art. 126), LD art. 120 para. 5. The case is then UNDER_INVESTIGATION; CASE_NOT_OPEN once decided.",
  })
  async assessOffenceCase(@Arg("input", { description: "The case and the parts of its basis established; omitted fields keep their value." }) input: AssessOffenceCaseInput, @Ctx() ctx: EnforcementContext): Promise<OffenceCasePayload> {
    return { offenceCase: await ctx.services.cases.assess(ctx.principal, input) };
  }

  @Mutation(() => OffenceCasePayload, {
    description:
      "ENF-R08 to ENF-R18: the anti-fraud section decides the penalty: FINE_ABOVE_LEGAL_MAXIMUM, FINE_BASIS_INCOMPLETE, CULPABILITY_NOT_ESTABLISHED, CUSTODY_NOT_PROVIDED; for an undertaking (LD art. 125) UNDERTAKING_FINE_ABOVE_LIMIT, UNDERTAKING_ORDER_NOT_JUSTIFIED. Prohibited traffic publishes X23 (LD art. 120 para. 5).",
  })
  async decidePenalty(@Arg("input", { description: "The case, the fine, its payer, custody and the reasons." }) input: DecidePenaltyInput, @Ctx() ctx: EnforcementContext): Promise<OffenceCasePayload> {
    return { offenceCase: await ctx.services.cases.decidePenalty(ctx.principal, input) };
  }

  @Mutation(() => OffenceCasePayload, {
    description: "The penalty becomes final after its appeal period with no appeal pending (APPEAL_PERIOD_RUNNING, APPEAL_PENDING; ENF-R23, LD art. 116); its fine becomes a debt in the debt subgraph (FineImposed).",
  })
  async finaliseOffenceCase(@Arg("input", { description: "The case whose penalty becomes final." }) input: CaseIdInput, @Ctx() ctx: EnforcementContext): Promise<OffenceCasePayload> {
    return { offenceCase: await ctx.services.cases.finalise(ctx.principal, input.caseId) };
  }

  @Mutation(() => OffenceCasePayload, { description: "Closes a final case, dismisses an open one, or records it as time-barred (ENF-R19, LD art. 129; DPA art. 11 para. 2, the period being not in our sources)." })
  async endOffenceCase(@Arg("input", { description: "The case, how it ends, and why." }) input: EndOffenceCaseInput, @Ctx() ctx: EnforcementContext): Promise<OffenceCasePayload> {
    return { offenceCase: await ctx.services.cases.end(ctx.principal, { caseId: input.caseId, outcome: input.outcome as unknown as CaseStatus.CLOSED, reason: input.reason }) };
  }

  @FieldResolver(() => [BusinessPartner], {
    description:
      "Bounded: the suspects are named when the case is opened and never added afterwards: at most 50 from `openOffenceCase.suspectIds`, plus the partner of the lead it was opened from (X16); a case from undeclared goods (X07) names the declarant and the person it acted for, one from a misappropriated pledge (X22) its owner. The undertaking (LD art. 125) is on `undertaking`.",
  })
  async suspects(@Root() c: OffenceCase, @Ctx() ctx: EnforcementContext): Promise<BusinessPartner[]> {
    return (await loaders.parties(ctx).load(c.id)).filter(p => p.role === CasePartyRole.SUSPECT).map(p => ({ id: p.partnerId }));
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "ENF-R15 (LD art. 125): the undertaking in whose business the offence was committed." })
  async undertaking(@Root() c: OffenceCase, @Ctx() ctx: EnforcementContext): Promise<BusinessPartner | null> {
    const u = (await loaders.parties(ctx).load(c.id)).find(p => p.role === CasePartyRole.UNDERTAKING);
    return u ? { id: u.partnerId } : null;
  }

  @FieldResolver(() => [CustomsDeclaration], {
    description: "Bounded: the declarations the case concerns, fixed when it is opened: at most 200 (`openOffenceCase.declarationIds`), one for a case from undeclared goods (X07). Their taxation gives `dutiesAtStake` (X08, X09).",
  })
  async declarations(@Root() c: OffenceCase, @Ctx() ctx: EnforcementContext): Promise<CustomsDeclaration[]> {
    return (await loaders.links(ctx).load(c.id)).filter(l => l.kind === CaseLinkKind.DECLARATION).map(l => ({ id: l.refId }));
  }

  @FieldResolver(() => [StoredLot], {
    description: "Bounded: the stored lots (warehousing subgraph) the case concerns, fixed when it is opened: at most 200 (`openOffenceCase.lotIds`) plus the lot of the lead it was opened from (X16).",
  })
  async lots(@Root() c: OffenceCase, @Ctx() ctx: EnforcementContext): Promise<StoredLot[]> {
    return (await loaders.links(ctx).load(c.id)).filter(l => l.kind === CaseLinkKind.LOT).map(l => ({ id: l.refId }));
  }

  @FieldResolver(() => [ID], { description: "The customs pledges concerned (a misappropriated pledge, X22); the pledges that seizures created are on `seizures`." })
  async pledgeIds(@Root() c: OffenceCase, @Ctx() ctx: EnforcementContext): Promise<string[]> {
    return (await loaders.links(ctx).load(c.id)).filter(l => l.kind === CaseLinkKind.PLEDGE).map(l => l.refId);
  }

  @FieldResolver(() => SeizureConnection, {
    description: "The goods and things seized for this case (ENF-R20, LD art. 82-83; ENF-R04, LD art. 104), oldest seizure first. Each pledge they created is on `Seizure.customsPledge` (debt subgraph).",
  })
  async seizures(@Root() c: OffenceCase, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    return loaders.seizuresOfCase(ctx, args).load(c.id);
  }

  @FieldResolver(() => ControlConnection, { description: "The controls planned for this criminal investigation (it keeps them possible after the right to control expired, LD art. 30 para. 3, 31 para. 3), oldest planned first." })
  async controls(@Root() c: OffenceCase, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    return loaders.controlsOfCase(ctx, args).load(c.id);
  }

  @FieldResolver(() => FineRange, { description: "The legal range of the fine, computed from the case's basis and explained with its articles (ENF-R08 to ENF-R17)." })
  fineRange(@Root() c: OffenceCase, @Ctx() ctx: EnforcementContext): FineRange {
    const r = ctx.services.cases.range(c);
    return { minFine: 0, maxFine: r.maxFine, custodialMonthsMax: r.custodialMonthsMax, undertakingLimit: UNDERTAKING_FINE_LIMIT, steps: r.steps, missing: r.missing };
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "Who pays the fine decided: the person punished or the undertaking (LD art. 125)." })
  finePayerPartner(@Root() c: OffenceCase): BusinessPartner | null {
    return c.finePayerId ? { id: c.finePayerId } : null;
  }

  @FieldResolver(() => [EnforcementAppeal], {
    description:
      "Bounded: the appeals against this case's penalty decisions, oldest filed first. Only the addressee of a decision appeals it, once (ENF-R23, LD art. 116; one appeal per decision and appellant), and the addressee is one of the case's suspects or its undertaking: at most one appeal per penalty decision, and a case is decided again only after an upheld appeal annulled its penalty.",
  })
  async appeals(@Root() c: OffenceCase, @Ctx() ctx: EnforcementContext): Promise<EnforcementAppeal[]> {
    return loaders.appealsAgainst(ctx).load(c.id);
  }

  @FieldResolver(() => String, { description: "ENF-R18 (LD art. 128): the customs administration prosecutes and judges, under the LD and the DPA." })
  prosecutingAuthority(): string {
    return PROSECUTING_AUTHORITY;
  }
}

@Resolver(() => Lead)
export class LeadResolver {
  @Query(() => LeadConnection, { description: "Leads raised by other subgraphs (X16), oldest first, for officers with an enforcement role." })
  async enforcementLeads(@Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => LeadFilterArgs) filter: LeadFilterArgs, @Ctx() ctx: EnforcementContext) {
    return ctx.services.cases.leads(ctx.principal, filter.status ?? null, args);
  }

  @Mutation(() => LeadPayload, { description: "A lead that is no offence is dismissed with a reason (LEAD_ALREADY_DECIDED once decided)." })
  async dismissLead(@Arg("input", { description: "The lead and why it is no offence." }) input: DismissLeadInput, @Ctx() ctx: EnforcementContext): Promise<LeadPayload> {
    return { lead: await ctx.services.cases.dismissLead(ctx.principal, input) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The partner the reported fact concerns (for X16, the lot's depositor); it becomes a suspect of a case opened from the lead." })
  partner(@Root() l: Lead): BusinessPartner {
    return { id: l.partnerId };
  }

  @FieldResolver(() => StoredLot, { nullable: true, description: "The stored lot concerned (warehousing), if any." })
  lot(@Root() l: Lead): StoredLot | null {
    return l.lotId ? { id: l.lotId } : null;
  }

  @FieldResolver(() => OffenceCase, { nullable: true, description: "The case opened from the lead; null while OPEN or when DISMISSED." })
  async offenceCase(@Root() l: Lead, @Ctx() ctx: EnforcementContext): Promise<OffenceCase | null> {
    return l.caseId ? loaders.offenceCase(ctx).load(l.caseId) : null;
  }
}
