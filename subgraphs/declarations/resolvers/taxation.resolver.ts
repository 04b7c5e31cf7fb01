import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { CustomsOffice } from "../entities/customs-office.entity";
import { CustomsDeclaration } from "../entities/declaration.entity";
import { Appeal, TaxationDecision } from "../entities/procedure.entity";
import { SelectionRuleSet } from "../entities/selection.entity";
import { TariffRate } from "../entities/tariff-rate.entity";
import { DeclarationsContext } from "./context";
import {
  CancelTaxationInput,
  FlagTaxationAbuseInput,
  DecideTaxationChangeInput,
  DecideAppealInput,
  FileAppealInput,
  FurtherAppealInput,
  PublishSelectionRuleSetInput,
  RecordCustomsOfficeInput,
  RecordTariffRateInput,
  RequestTaxationChangeInput,
  TaxationDecisionIdInput,
  TaxDeclarationInput,
} from "./inputs";
import { loaders } from "./loaders";
import { AppealPayload, TaxationChangeRequestPayload, TaxationDecisionPayload, TaxationDecisionsPayload } from "./payloads";

@Resolver(() => TaxationDecision)
export class TaxationDecisionResolver {
  @Mutation(() => TaxationDecisionPayload, {
    description:
      "DEC-R52 (LD art. 38): tax a declaration FINAL, PROVISIONAL (DEC-R55, LD art. 39) or EX_OFFICIO after a missed resubmission (DEC-R41, OD-AFD art. 20 para. 3: imports at the highest rate and bases). Notified when put online (DEC-R53); CHF 5 or less is not collected (DEC-R59); 60 days to appeal (DEC-R60).",
  })
  async taxDeclaration(@Arg("input") input: TaxDeclarationInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationDecisionPayload> {
    return { taxationDecision: await ctx.services.taxation.tax(ctx.principal, input) };
  }

  @Mutation(() => TaxationDecisionPayload, { description: "DEC-R53 (OD-AFD art. 20a): record the declarant's download (the first one counts)." })
  async recordTaxationDownload(@Arg("input") input: TaxationDecisionIdInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationDecisionPayload> {
    return { taxationDecision: await ctx.services.taxation.recordDownload(ctx.principal, input.taxationDecisionId) };
  }

  @Mutation(() => TaxationDecisionPayload, { description: "DEC-R54 (OD-AFD art. 20b): cancel with a notice; a paper decision returns by the next business day." })
  async cancelTaxationDecision(@Arg("input") input: CancelTaxationInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationDecisionPayload> {
    return { taxationDecision: await ctx.services.taxation.cancel(ctx.principal, input.taxationDecisionId, input.notice) };
  }

  @Mutation(() => TaxationDecisionsPayload, {
    description:
      "DEC-R59 (OD-AFD art. 58 para. 2): the office flags abuse on taxation decisions in force (e.g. one consignment split into several): CHF 5 or less is then collected, and the debt falls due (DEBT-R07). Each decision once (ABUSE_ALREADY_FLAGGED).",
  })
  async flagTaxationAbuse(@Arg("input") input: FlagTaxationAbuseInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationDecisionsPayload> {
    return { taxationDecisions: await ctx.services.taxation.flagAbuse(ctx.principal, input) };
  }

  @Mutation(() => TaxationChangeRequestPayload, { description: "DEC-R44 (LD art. 34 para. 3): ask for a change of taxation within 30 days after the goods left custody, with the corrected declaration." })
  async requestTaxationChange(@Arg("input") input: RequestTaxationChangeInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationChangeRequestPayload> {
    return { request: await ctx.services.taxation.requestChange(ctx.principal, input) };
  }

  @Mutation(() => TaxationChangeRequestPayload, { description: "DEC-R44 (LD art. 34 para. 4): grant on proof of one of the two grounds (an AMENDED decision supersedes), or reject." })
  async decideTaxationChange(@Arg("input") input: DecideTaxationChangeInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationChangeRequestPayload> {
    return { request: await ctx.services.taxation.decideChange(ctx.principal, input) };
  }

  @Mutation(() => AppealPayload, { description: "DEC-R60 (LD art. 116): appeal to the district directorate within 60 days; a late appeal is recorded as INADMISSIBLE_LATE." })
  async fileAppeal(@Arg("input") input: FileAppealInput, @Ctx() ctx: DeclarationsContext): Promise<AppealPayload> {
    return { appeal: await ctx.services.taxation.fileAppeal(ctx.principal, input) };
  }

  @Mutation(() => AppealPayload, { description: "DEC-R60 (LD art. 116 para. 1): the appeal instance decides (district directorate, or DGD for a further appeal)." })
  async decideAppeal(@Arg("input") input: DecideAppealInput, @Ctx() ctx: DeclarationsContext): Promise<AppealPayload> {
    return { appeal: await ctx.services.taxation.decideAppeal(ctx.principal, input) };
  }

  @Mutation(() => AppealPayload, { description: "DEC-R60 (LD art. 116 para. 1): appeal a district directorate's first-instance decision to the DGD." })
  async appealToDgd(@Arg("input") input: FurtherAppealInput, @Ctx() ctx: DeclarationsContext): Promise<AppealPayload> {
    return { appeal: await ctx.services.taxation.appealToDgd(ctx.principal, input) };
  }

  @FieldResolver(() => CustomsDeclaration)
  async declaration(@Root() t: TaxationDecision, @Ctx() ctx: DeclarationsContext): Promise<CustomsDeclaration> {
    return (await loaders.declaration(ctx).load(t.declarationId))!;
  }

  @FieldResolver(() => [Appeal])
  async appeals(@Root() t: TaxationDecision, @Ctx() ctx: DeclarationsContext): Promise<Appeal[]> {
    return loaders.appeals(ctx).load(t.id);
  }
}

@Resolver(() => CustomsOffice)
export class ReferenceResolver {
  @Query(() => [CustomsOffice], { description: "Customs offices (public reference data)." })
  async customsOffices(@Ctx() ctx: DeclarationsContext): Promise<CustomsOffice[]> {
    return ctx.services.runtime.dataSource.getRepository(CustomsOffice).find({ order: { id: "ASC" } });
  }

  @Query(() => [TariffRate], { description: "The customs tariff (public reference data), optionally for one number or heading prefix." })
  async tariffRates(@Arg("prefix", () => String, { nullable: true }) prefix: string | null, @Ctx() ctx: DeclarationsContext): Promise<TariffRate[]> {
    const qb = ctx.services.runtime.dataSource.getRepository(TariffRate).createQueryBuilder("t");
    if (prefix) qb.where("t.tariff_number LIKE :p", { p: `${prefix}%` });
    return qb.orderBy("t.tariff_number", "ASC").addOrderBy("t.valid_from", "ASC").take(500).getMany();
  }

  @Query(() => [SelectionRuleSet], { description: "Selection rule sets, newest first. Officers only." })
  async selectionRuleSets(@Ctx() ctx: DeclarationsContext): Promise<SelectionRuleSet[]> {
    ctx.services.access.requireOfficer(ctx.principal, "CUSTOMS_OFFICE", "AUDITOR", "DGD");
    return ctx.services.runtime.dataSource.getRepository(SelectionRuleSet).find({ order: { version: "DESC" } });
  }

  @Mutation(() => CustomsOffice, { description: "DEC-R83 (LD art. 29): the administration sets an office's competences, hours and place of taxation." })
  async recordCustomsOffice(@Arg("input") input: RecordCustomsOfficeInput, @Ctx() ctx: DeclarationsContext): Promise<CustomsOffice> {
    ctx.services.access.requireOfficer(ctx.principal, "DGD");
    return ctx.services.reference.recordOffice(Object.assign(new CustomsOffice(), { ...input, openingHours: input.openingHours.map(i => ({ ...i })) }) as CustomsOffice);
  }

  @Mutation(() => SelectionRuleSet, { description: "DEC-R29: publish a new version of the selection rules and random rate (DGD)." })
  async publishSelectionRuleSet(@Arg("input") input: PublishSelectionRuleSetInput, @Ctx() ctx: DeclarationsContext): Promise<SelectionRuleSet> {
    ctx.services.access.requireOfficer(ctx.principal, "DGD");
    const now = ctx.services.runtime.clock.now();
    return ctx.services.reference.publishRuleSet(ctx.principal, { randomRate: input.randomRate, rules: input.rules.map(r => ({ ...r, when: { ...r.when } })), activeFrom: input.activeFrom ?? now }, now);
  }

  @Mutation(() => TariffRate, { description: "Officers maintain the tariff: a rate from a day on." })
  async recordTariffRate(@Arg("input") input: RecordTariffRateInput, @Ctx() ctx: DeclarationsContext): Promise<TariffRate> {
    ctx.services.access.requireOfficer(ctx.principal, "DGD");
    return ctx.services.reference.recordRate(input);
  }
}
