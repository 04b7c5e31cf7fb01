import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "../../kit";
import { AssistanceRequest, BorderConstructionPermit } from "../entities/assistance.entity";
import { DeclarantProhibition, EnforcementAppeal, WithdrawalReferral } from "../entities/decision.entity";
import { ProhibitionStatus } from "../entities/enums";
import { OffenceCase } from "../entities/offence-case.entity";
import { prohibitionStatus } from "../services/decision.service";
import {
  ApplyForBorderConstructionInput,
  AssistanceRequestIdInput,
  CancelWithdrawalReferralInput,
  CompleteAssistanceRequestInput,
  DecideBorderConstructionInput,
  DecideEnforcementAppealInput,
  FileEnforcementAppealInput,
  IssueAssistanceFinalDecisionInput,
  LiftProhibitionInput,
  ProhibitDeclarantInput,
  RaiseWithdrawalReferralInput,
  RecordAssistanceConsentInput,
  RecordAssistanceRequestInput,
  RecordCooperationRefusalInput,
} from "./inputs";
import { loaders } from "./loaders";
import { AppealPayload, AssistancePayload, AssistanceRequestConnection, BusinessPartner, EnforcementContext, PermitPayload, ProhibitionPayload, ReferralPayload } from "./types";

@Resolver(() => DeclarantProhibition)
export class ProhibitionResolver {
  @Mutation(() => ProhibitionPayload, {
    description: "ENF-R05 (LD art. 109 para. 2): an anti-fraud officer or the DGD forbids professional declarations or other activities, for a fixed or indefinite period (BREACH_NOT_ESTABLISHED without a penalty decided against the person for that ground). Published to declarations (X25).",
  })
  async prohibitProfessionalDeclarant(@Arg("input", { description: "Who is prohibited, on which grounds, from what and for how long." }) input: ProhibitDeclarantInput, @Ctx() ctx: EnforcementContext): Promise<ProhibitionPayload> {
    return { prohibition: await ctx.services.decisions.prohibit(ctx.principal, input) };
  }

  @Mutation(() => ProhibitionPayload, { description: "DESIGN CHOICE (not in sources): a prohibition is lifted with a reason (PROHIBITION_ENDED once expired or lifted); declarations is told." })
  async liftProfessionalDeclarantProhibition(@Arg("input", { description: "The prohibition and why it is lifted." }) input: LiftProhibitionInput, @Ctx() ctx: EnforcementContext): Promise<ProhibitionPayload> {
    return { prohibition: await ctx.services.decisions.lift(ctx.principal, input) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The partner the prohibition is addressed to." })
  partner(@Root() p: DeclarantProhibition): BusinessPartner {
    return { id: p.partnerId };
  }

  @FieldResolver(() => ProhibitionStatus, { description: "At the instant asked (now unless given)." })
  status(@Root() p: DeclarantProhibition, @Ctx() ctx: EnforcementContext, @Arg("at", () => Date, { nullable: true, description: "The instant to evaluate the prohibition at (DateTime with offset); now when omitted." }) at: Date | null): ProhibitionStatus {
    return prohibitionStatus(p, at ?? ctx.services.runtime.clock.now());
  }

  @FieldResolver(() => [EnforcementAppeal], { description: "Bounded: at most one: only the partner the prohibition is addressed to appeals it, once (ENF-R23, LD art. 116; one appeal per decision and appellant)." })
  async appeals(@Root() p: DeclarantProhibition, @Ctx() ctx: EnforcementContext): Promise<EnforcementAppeal[]> {
    return loaders.appealsAgainst(ctx).load(p.id);
  }
}

@Resolver(() => WithdrawalReferral)
export class ReferralResolver {
  @Mutation(() => ReferralPayload, {
    description: "ENF-R06 (OD-AFD art. 9 let. c): refers a partner with repeated offences to the DGD (X24). OFFENCES_NOT_REPEATED below two penalties in five years; REFERRAL_ALREADY_OPEN while one is open.",
  })
  async raiseWithdrawalReferral(@Arg("input", { description: "The partner and the reason." }) input: RaiseWithdrawalReferralInput, @Ctx() ctx: EnforcementContext): Promise<ReferralPayload> {
    return { referral: await ctx.services.decisions.refer(ctx.principal, input) };
  }

  @Mutation(() => ReferralPayload, { description: "Cancels an open referral; identity is told." })
  async cancelWithdrawalReferral(@Arg("input", { description: "The referral and why it is cancelled." }) input: CancelWithdrawalReferralInput, @Ctx() ctx: EnforcementContext): Promise<ReferralPayload> {
    return { referral: await ctx.services.decisions.cancelReferral(ctx.principal, input) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The partner referred, whose e-dec/NCTS authorisation the DGD may withdraw." })
  partner(@Root() r: WithdrawalReferral): BusinessPartner {
    return { id: r.partnerId };
  }

  @FieldResolver(() => [OffenceCase], {
    description:
      "Bounded: the penalised cases the referral rests on, fixed when it is raised and never added to: the partner's penalty decisions of the five years before (ENF-R06 DESIGN CHOICE, OD-AFD art. 9 let. c), the same list the X24 event gave identity.",
  })
  async cases(@Root() r: WithdrawalReferral, @Ctx() ctx: EnforcementContext): Promise<OffenceCase[]> {
    return (await loaders.offenceCase(ctx).loadMany(r.caseIds)).filter((c): c is OffenceCase => c !== null && !(c instanceof Error));
  }
}

@Resolver(() => EnforcementAppeal)
export class AppealResolver {
  @Mutation(() => AppealPayload, {
    description:
      "ENF-R23 (LD art. 116), ENF-R22 (LD art. 115i): the addressee appeals a penalty decision, a prohibition or an assistance final decision within 30 days (DESIGN CHOICE, general federal procedure): APPEAL_PERIOD_EXPIRED, NOT_ADDRESSEE, DECISION_NOT_APPEALABLE, APPEAL_ALREADY_FILED.",
  })
  async fileEnforcementAppeal(@Arg("input", { description: "The decision appealed, the appellant and the grounds." }) input: FileEnforcementAppealInput, @Ctx() ctx: EnforcementContext): Promise<AppealPayload> {
    return { appeal: await ctx.services.decisions.fileAppeal(ctx.principal, input) };
  }

  @Mutation(() => AppealPayload, { description: "ENF-R23: the DGD decides (LD art. 116 para. 1bis); the Federal Administrative Tribunal's judgment is recorded by an anti-fraud officer (LD art. 115i para. 3)." })
  async decideEnforcementAppeal(@Arg("input", { description: "The appeal, the outcome and the reasons." }) input: DecideEnforcementAppealInput, @Ctx() ctx: EnforcementContext): Promise<AppealPayload> {
    return { appeal: await ctx.services.decisions.decideAppeal(ctx.principal, input) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The appellant: the addressee of the decision appealed." })
  appellant(@Root() a: EnforcementAppeal): BusinessPartner {
    return { id: a.appellantId };
  }
}

@Resolver(() => AssistanceRequest)
export class AssistanceResolver {
  @Query(() => AssistanceRequest, { description: "ENF-R22: for officers with an enforcement role." })
  async assistanceRequest(@Arg("id", () => ID, { description: "The request's id." }) id: string, @Ctx() ctx: EnforcementContext): Promise<AssistanceRequest> {
    return ctx.services.assistance.get(ctx.principal, id);
  }

  @Query(() => AssistanceRequestConnection, { description: "ENF-R22: oldest first." })
  async assistanceRequests(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    return ctx.services.assistance.list(ctx.principal, args);
  }

  @Mutation(() => AssistancePayload, {
    description:
      "ENF-R21, ENF-R22 (LD art. 113, 115, 115a, 115b): TREATY_REQUIRED without a treaty; a foreign request not in writing, not in a Swiss official language or English, or without the treaty's particulars is INCOMPLETE; one in another act's area is FORWARDED.",
  })
  async recordAssistanceRequest(@Arg("input", { description: "The request: direction, foreign authority, treaty, form and subject." }) input: RecordAssistanceRequestInput, @Ctx() ctx: EnforcementContext): Promise<AssistancePayload> {
    return { request: await ctx.services.assistance.record(ctx.principal, input) };
  }

  @Mutation(() => AssistancePayload, { description: "LD art. 115b para. 2: the requesting authority completed its request (ASSISTANCE_REQUEST_INCOMPLETE if still not)." })
  async completeAssistanceRequest(@Arg("input", { description: "The request and what the requesting authority completed." }) input: CompleteAssistanceRequestInput, @Ctx() ctx: EnforcementContext): Promise<AssistancePayload> {
    return { request: await ctx.services.assistance.complete(ctx.principal, input) };
  }

  @Mutation(() => AssistancePayload, { description: "LD art. 115g: the person's written consent to the simplified procedure, irrevocable (CONSENT_IRREVOCABLE, CONSENT_NOT_IN_WRITING)." })
  async recordAssistanceConsent(@Arg("input", { description: "The request and the scope of the written consent." }) input: RecordAssistanceConsentInput, @Ctx() ctx: EnforcementContext): Promise<AssistancePayload> {
    return { request: await ctx.services.assistance.consent(ctx.principal, input) };
  }

  @Mutation(() => AssistancePayload, { description: "LD art. 115d para. 2: the person refuses to cooperate under a professional secret or a right to refuse testimony." })
  async recordCooperationRefusal(@Arg("input", { description: "The request and the ground of the refusal." }) input: RecordCooperationRefusalInput, @Ctx() ctx: EnforcementContext): Promise<AssistancePayload> {
    return { request: await ctx.services.assistance.recordCooperationRefusal(ctx.principal, input) };
  }

  @Mutation(() => AssistancePayload, { description: "LD art. 115h: the final decision of the ordinary procedure, notified to the person concerned (SIMPLIFIED_PROCEDURE when it consented to all)." })
  async issueAssistanceFinalDecision(@Arg("input", { description: "The request and the scope of what is transmitted." }) input: IssueAssistanceFinalDecisionInput, @Ctx() ctx: EnforcementContext): Promise<AssistancePayload> {
    return { request: await ctx.services.assistance.issueFinalDecision(ctx.principal, input) };
  }

  @Mutation(() => AssistancePayload, { description: "LD art. 115g para. 2, 115h, 115i: transmission to the requesting authority (FINAL_DECISION_REQUIRED, APPEAL_PERIOD_RUNNING, APPEAL_PENDING)." })
  async transmitAssistance(@Arg("input", { description: "The request to transmit." }) input: AssistanceRequestIdInput, @Ctx() ctx: EnforcementContext): Promise<AssistancePayload> {
    return { request: await ctx.services.assistance.transmit(ctx.principal, input.requestId) };
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "The person the request concerns, who may consent, refuse to cooperate and appeal; null if none is named." })
  personConcerned(@Root() a: AssistanceRequest): BusinessPartner | null {
    return a.personConcernedId ? { id: a.personConcernedId } : null;
  }

  @FieldResolver(() => [EnforcementAppeal], {
    description: "Bounded: at most one: only the person concerned appeals the final decision, once, to the Federal Administrative Tribunal (ENF-R22, LD art. 115i para. 3; one appeal per decision and appellant).",
  })
  async appeals(@Root() a: AssistanceRequest, @Ctx() ctx: EnforcementContext): Promise<EnforcementAppeal[]> {
    return loaders.appealsAgainst(ctx).load(a.id);
  }
}

@Resolver(() => BorderConstructionPermit)
export class PermitResolver {
  @Mutation(() => PermitPayload, { description: "ENF-R24 (LD art. 4 para. 2): the owner applies to build or alter near the customs border or the shore of boundary waters." })
  async applyForBorderConstruction(@Arg("input", { description: "The owner, the place and the works." }) input: ApplyForBorderConstructionInput, @Ctx() ctx: EnforcementContext): Promise<PermitPayload> {
    return { permit: await ctx.services.assistance.applyForPermit(ctx.principal, input) };
  }

  @Mutation(() => PermitPayload, { description: "ENF-R24 (LD art. 4): the Border Guard Corps grants with conditions or refuses (PERMIT_ALREADY_DECIDED)." })
  async decideBorderConstruction(@Arg("input", { description: "The application, the decision, its conditions and reasons." }) input: DecideBorderConstructionInput, @Ctx() ctx: EnforcementContext): Promise<PermitPayload> {
    return { permit: await ctx.services.assistance.decidePermit(ctx.principal, input) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The owner who applied." })
  applicant(@Root() p: BorderConstructionPermit): BusinessPartner {
    return { id: p.applicantId };
  }
}
