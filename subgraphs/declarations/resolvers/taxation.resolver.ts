import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "../../kit";
import { CustomsOffice } from "../entities/customs-office.entity";
import { CustomsDeclaration } from "../entities/declaration.entity";
import { TaxationDecision } from "../entities/procedure.entity";
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
import { loaders, pageLoaders } from "./loaders";
import {
  AppealConnection,
  AppealPayload,
  CustomsOfficePayload,
  SelectionRuleSetConnection,
  SelectionRuleSetPayload,
  TariffRateConnection,
  TariffRatePayload,
  TaxationChangeRequestPayload,
  TaxationDecisionPayload,
  TaxationDecisionsPayload,
} from "./payloads";

@Resolver(() => TaxationDecision)
export class TaxationDecisionResolver {
  @Mutation(() => TaxationDecisionPayload, {
    description:
      "DEC-R52 (LD art. 38): tax a declaration FINAL, PROVISIONAL (DEC-R55, LD art. 39) or EX_OFFICIO after a missed resubmission (DEC-R41, OD-AFD art. 20 para. 3: imports at the highest rate and bases). Notified when put online (DEC-R53); CHF 5 or less is not collected (DEC-R59); 60 days to appeal (DEC-R60).",
  })
  async taxDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `TaxDeclarationInput` for each field and the rule it serves." }) input: TaxDeclarationInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationDecisionPayload> {
    return { taxationDecision: await ctx.services.taxation.tax(ctx.principal, input) };
  }

  @Mutation(() => TaxationDecisionPayload, { description: "DEC-R53 (OD-AFD art. 20a): record the declarant's download (the first one counts)." })
  async recordTaxationDownload(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `TaxationDecisionIdInput` for each field and the rule it serves." }) input: TaxationDecisionIdInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationDecisionPayload> {
    return { taxationDecision: await ctx.services.taxation.recordDownload(ctx.principal, input.taxationDecisionId) };
  }

  @Mutation(() => TaxationDecisionPayload, { description: "DEC-R54 (OD-AFD art. 20b): cancel with a notice; a paper decision returns by the next business day." })
  async cancelTaxationDecision(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `CancelTaxationInput` for each field and the rule it serves." }) input: CancelTaxationInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationDecisionPayload> {
    return { taxationDecision: await ctx.services.taxation.cancel(ctx.principal, input.taxationDecisionId, input.notice) };
  }

  @Mutation(() => TaxationDecisionsPayload, {
    description:
      "DEC-R59 (OD-AFD art. 58 para. 2): the office flags abuse on taxation decisions in force (e.g. one consignment split into several): CHF 5 or less is then collected, and the debt falls due (DEBT-R07). Each decision once (ABUSE_ALREADY_FLAGGED).",
  })
  async flagTaxationAbuse(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `FlagTaxationAbuseInput` for each field and the rule it serves." }) input: FlagTaxationAbuseInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationDecisionsPayload> {
    return { taxationDecisions: await ctx.services.taxation.flagAbuse(ctx.principal, input) };
  }

  @Mutation(() => TaxationChangeRequestPayload, { description: "DEC-R44 (LD art. 34 para. 3): ask for a change of taxation within 30 days after the goods left custody, with the corrected declaration." })
  async requestTaxationChange(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RequestTaxationChangeInput` for each field and the rule it serves." }) input: RequestTaxationChangeInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationChangeRequestPayload> {
    return { request: await ctx.services.taxation.requestChange(ctx.principal, input) };
  }

  @Mutation(() => TaxationChangeRequestPayload, { description: "DEC-R44 (LD art. 34 para. 4): grant on proof of one of the two grounds (an AMENDED decision supersedes), or reject." })
  async decideTaxationChange(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `DecideTaxationChangeInput` for each field and the rule it serves." }) input: DecideTaxationChangeInput, @Ctx() ctx: DeclarationsContext): Promise<TaxationChangeRequestPayload> {
    return { request: await ctx.services.taxation.decideChange(ctx.principal, input) };
  }

  @Mutation(() => AppealPayload, { description: "DEC-R60 (LD art. 116): appeal to the district directorate within 60 days; a late appeal is recorded as INADMISSIBLE_LATE." })
  async fileAppeal(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `FileAppealInput` for each field and the rule it serves." }) input: FileAppealInput, @Ctx() ctx: DeclarationsContext): Promise<AppealPayload> {
    return { appeal: await ctx.services.taxation.fileAppeal(ctx.principal, input) };
  }

  @Mutation(() => AppealPayload, { description: "DEC-R60 (LD art. 116 para. 1): the appeal instance decides (district directorate, or DGD for a further appeal)." })
  async decideAppeal(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `DecideAppealInput` for each field and the rule it serves." }) input: DecideAppealInput, @Ctx() ctx: DeclarationsContext): Promise<AppealPayload> {
    return { appeal: await ctx.services.taxation.decideAppeal(ctx.principal, input) };
  }

  @Mutation(() => AppealPayload, { description: "DEC-R60 (LD art. 116 para. 1): appeal a district directorate's first-instance decision to the DGD." })
  async appealToDgd(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `FurtherAppealInput` for each field and the rule it serves." }) input: FurtherAppealInput, @Ctx() ctx: DeclarationsContext): Promise<AppealPayload> {
    return { appeal: await ctx.services.taxation.appealToDgd(ctx.principal, input) };
  }

  @FieldResolver(() => CustomsDeclaration, { description: "The declaration this decision taxes." })
  async declaration(@Root() t: TaxationDecision, @Ctx() ctx: DeclarationsContext): Promise<CustomsDeclaration> {
    return (await loaders.declaration(ctx).load(t.declarationId))!;
  }

  @FieldResolver(() => AppealConnection, { description: "DEC-R60 (LD art. 116): the appeals against this decision to the district directorate, oldest first, late ones included (INADMISSIBLE_LATE); the sources set no limit on their number. Further appeals to the DGD contest the first appeal, not the decision." })
  async appeals(@Root() t: TaxationDecision, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DeclarationsContext) {
    return pageLoaders.appeals(ctx, args).load(t.id);
  }
}

@Resolver(() => CustomsOffice)
export class ReferenceResolver {
  @Query(() => [CustomsOffice], { description: "Bounded: the customs offices the administration set up (DEC-R83, LD art. 29), reference data of a few hundred rows that grows only when the administration opens an office. Public reference data, by office code." })
  async customsOffices(@Ctx() ctx: DeclarationsContext): Promise<CustomsOffice[]> {
    return ctx.services.runtime.dataSource.getRepository(CustomsOffice).find({ order: { id: "ASC" } });
  }

  @Query(() => TariffRateConnection, {
    description:
      "The customs tariff (public reference data), a page at a time by tariff number, then first day of validity: every rate, past, in force and future, so the list grows with each change of rate. DESIGN CHOICE: ordered by tariff number, not by creation like other connections; the cursor is the rate's number and first day.",
  })
  async tariffRates(
    @Arg("prefix", () => String, { nullable: true, description: "Only tariff numbers starting with this, e.g. a heading `0201` or a full number `0201.2000`; the whole tariff when omitted." }) prefix: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: DeclarationsContext,
  ) {
    return ctx.services.reference.tariffRates(prefix, args);
  }

  @Query(() => SelectionRuleSetConnection, { description: "Selection rule sets (DEC-R29), oldest version first; each publication adds a version. Officers only (CUSTOMS_OFFICE, AUDITOR, DGD)." })
  async selectionRuleSets(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DeclarationsContext) {
    ctx.services.access.requireOfficer(ctx.principal, "CUSTOMS_OFFICE", "AUDITOR", "DGD");
    return ctx.services.reference.ruleSets(args);
  }

  @Mutation(() => CustomsOfficePayload, { description: "DEC-R83 (LD art. 29): the administration sets an office's competences, hours and place of taxation. DGD only." })
  async recordCustomsOffice(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RecordCustomsOfficeInput` for each field and the rule it serves." }) input: RecordCustomsOfficeInput, @Ctx() ctx: DeclarationsContext): Promise<CustomsOfficePayload> {
    ctx.services.access.requireOfficer(ctx.principal, "DGD");
    return { office: await ctx.services.reference.recordOffice(Object.assign(new CustomsOffice(), { ...input, openingHours: input.openingHours.map(i => ({ ...i })) }) as CustomsOffice) };
  }

  @Mutation(() => SelectionRuleSetPayload, { description: "DEC-R29: publish a new version of the selection rules and random rate. DGD only." })
  async publishSelectionRuleSet(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `PublishSelectionRuleSetInput` for each field and the rule it serves." }) input: PublishSelectionRuleSetInput, @Ctx() ctx: DeclarationsContext): Promise<SelectionRuleSetPayload> {
    ctx.services.access.requireOfficer(ctx.principal, "DGD");
    const now = ctx.services.runtime.clock.now();
    return { ruleSet: await ctx.services.reference.publishRuleSet(ctx.principal, { randomRate: input.randomRate, rules: input.rules.map(r => ({ ...r, when: { ...r.when } })), activeFrom: input.activeFrom ?? now }, now) };
  }

  @Mutation(() => TariffRatePayload, { description: "Officers of the DGD maintain the tariff: a rate from a day on; the open rate of the same number ends the day before (DEC-R48, LD art. 19 para. 1)." })
  async recordTariffRate(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RecordTariffRateInput` for each field and the rule it serves." }) input: RecordTariffRateInput, @Ctx() ctx: DeclarationsContext): Promise<TariffRatePayload> {
    ctx.services.access.requireOfficer(ctx.principal, "DGD");
    return { tariffRate: await ctx.services.reference.recordRate(input) };
  }
}
