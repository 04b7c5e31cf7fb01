import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, ForbiddenError, UnauthenticatedError } from "../../kit";
import { AdvanceAnnouncement, CrossingFacilityAuthorisation } from "../entities/channel.entity";
import { CustomsDeclaration } from "../entities/declaration.entity";
import { ProcedureCase, ProcessingAuthorisation } from "../entities/procedure-case.entity";
import {
  AnnounceRuralBorderImportInput,
  AnnouncementIdInput,
  AuthoriseCrossingFacilityInput,
  AuthoriseRuralBorderTrafficInput,
  ChangeRuralBorderAnnouncementInput,
  RecordBoxDeclarationInput,
  RecordFacilityCrossingInput,
  RecordOralDeclarationInput,
  RecordPaperDeclarationInput,
} from "./channel.inputs";
import { DeclarationsContext } from "./context";
import { DeclarationIdInput } from "./inputs";
import { loaders, pageLoaders } from "./loaders";
import {
  AnnouncementPayload,
  BusinessPartner,
  CrossingFacilityPayload,
  DeclarationPayload,
  FacilityCrossingPayload,
  ProcedureCaseConnection,
  ProcedureCasePayload,
  ProcessingAuthorisationConnection,
  ProcessingAuthorisationPayload,
  RuralTrafficAuthorisationPayload,
} from "./payloads";
import {
  ApplyForProcedureReliefInput,
  DecideProcedureReliefInput,
  DischargeProcedureCaseInput,
  ExtendProcedureCaseInput,
  GrantProcessingAuthorisationInput,
  OpenProcedureCaseInput,
  ProcedureCaseFilterArgs,
  RevokeExportRegimeInput,
} from "./procedure.inputs";

function holderFilter(ctx: DeclarationsContext): string[] | null {
  if (ctx.services.access.isOfficer(ctx.principal)) return null;
  if (ctx.principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
  return ctx.services.access.partnerIds(ctx.principal);
}

/** The declaration channels outside the electronic systems (DEC-R12 to DEC-R28). */
@Resolver()
export class ChannelResolver {
  @Query(() => [CrossingFacilityAuthorisation], {
    description:
      "Bounded: at most one authorisation per facility kind (6) and office, and the offices are reference data (DEC-R83). DEC-R21, DEC-R26: the facilities authorised at each office, by office code then facility (public reference data).",
  })
  async crossingFacilities(@Arg("officeId", () => ID, { nullable: true, description: "Only the facilities of this office (office code); every office's when omitted." }) officeId: string | null, @Ctx() ctx: DeclarationsContext): Promise<CrossingFacilityAuthorisation[]> {
    return ctx.services.channels.facilities(officeId);
  }

  @Mutation(() => DeclarationPayload, {
    description:
      "DEC-R18 (OD-AFD art. 20c, 20d): the office that received an e-dec web printout with the goods and their documents does the summary control and accepts the declaration now. Officers (CUSTOMS_OFFICE). GOODS_NOT_PRESENTED until the goods are.",
  })
  async attestEdecWebAcceptance(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `DeclarationIdInput` for each field and the rule it serves." }) input: DeclarationIdInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.lodging.attestEdecWebAcceptance(ctx.principal, input.declarationId) };
  }

  @Mutation(() => DeclarationPayload, {
    description:
      "DEC-R19, DEC-R20, DEC-R22 (OD-AFD art. 21-24): the office stamps and signs a paper declaration, accepted at that moment. Only in the cases of art. 21 (PAPER_DECLARATION_NOT_ALLOWED), on the official form, signed with the full name, in ink or ballpoint (PAPER_FORM_NOT_OFFICIAL, SIGNATURE_MISSING, PAPER_FORM_IRREGULAR, CORRECTIONS_NOT_CERTIFIED). ENF-R05 (LD art. 109 para. 2): refused with DECLARANT_PROHIBITED when made professionally (DESIGN CHOICE: on behalf of another partner, onBehalfOfId set and not the declarant; a partner declaring its own goods is not a professional declarant, LD art. 109 para. 1) by a declarant prohibited from making declarations at that moment. Officers (CUSTOMS_OFFICE).",
  })
  async recordPaperDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RecordPaperDeclarationInput` for each field and the rule it serves." }) input: RecordPaperDeclarationInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.channels.recordPaper(ctx.principal, input) };
  }

  @Mutation(() => DeclarationPayload, {
    description:
      "DEC-R24, DEC-R25 (OD-AFD art. 25, 26): an oral declaration, accepted when made at the office; for tourist traffic goods, Annex C means of transport, foreign trailers and frontier-water fish only (ORAL_DECLARATION_NOT_ALLOWED), excluded for other procedures and non-customs acts (ORAL_DECLARATION_EXCLUDED). ENF-R05 (LD art. 109 para. 2): refused with DECLARANT_PROHIBITED when made professionally (DESIGN CHOICE: on behalf of another partner, onBehalfOfId set and not the declarant; a partner declaring its own goods is not a professional declarant, LD art. 109 para. 1) by a declarant prohibited from making declarations at that moment. Officers (CUSTOMS_OFFICE).",
  })
  async recordOralDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RecordOralDeclarationInput` for each field and the rule it serves." }) input: RecordOralDeclarationInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.channels.recordOral(ctx.principal, input) };
  }

  @Mutation(() => DeclarationPayload, {
    description:
      "DEC-R21, DEC-R22 let. b (OD-AFD art. 23a, 24 let. b): a declaration of tourist traffic goods found in an authorised declaration box, accepted when it was dropped in (FACILITY_NOT_AUTHORISED, BOX_DECLARATION_NOT_ALLOWED). Officers (CUSTOMS_OFFICE).",
  })
  async recordBoxDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RecordBoxDeclarationInput` for each field and the rule it serves." }) input: RecordBoxDeclarationInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.channels.recordBox(ctx.principal, input) };
  }

  @Mutation(() => FacilityCrossingPayload, {
    description:
      "DEC-R26 to DEC-R28 (OD-AFD art. 27-35): a traveller's crossing by a green lane, green view, green plate or panel is the declaration of the qualifying goods (tourist traffic, duty-free, not restricted, no certificate or permit), accepted on passage, on crossing, or when the public transport left its last stop; the facility's conditions are refused (FACILITY_CONDITIONS_NOT_MET, FACILITY_NOT_AUTHORISED); the other goods are undeclared (X07), taxed ex officio at the highest rate, the debt arising at the crossing. Officers (CUSTOMS_OFFICE).",
  })
  async recordFacilityCrossing(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RecordFacilityCrossingInput` for each field and the rule it serves." }) input: RecordFacilityCrossingInput, @Ctx() ctx: DeclarationsContext): Promise<FacilityCrossingPayload> {
    return ctx.services.channels.recordCrossing(ctx.principal, input);
  }

  @Mutation(() => CrossingFacilityPayload, { description: "DEC-R26 (OD-AFD art. 23a, 27, 29, 31, 33): a district directorate (the DGD for green view) authorises a facility at an office." })
  async authoriseCrossingFacility(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `AuthoriseCrossingFacilityInput` for each field and the rule it serves." }) input: AuthoriseCrossingFacilityInput, @Ctx() ctx: DeclarationsContext): Promise<CrossingFacilityPayload> {
    return { facility: await ctx.services.channels.authoriseFacility(ctx.principal, input) };
  }

  @Mutation(() => RuralTrafficAuthorisationPayload, { description: "DEC-R23 (OD-AFD art. 24a para. 1, 6; OD art. 118), DEC-R82 (LD art. 43): an operator's rural border traffic authorisation. Officers." })
  async authoriseRuralBorderTraffic(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `AuthoriseRuralBorderTrafficInput` for each field and the rule it serves." }) input: AuthoriseRuralBorderTrafficInput, @Ctx() ctx: DeclarationsContext): Promise<RuralTrafficAuthorisationPayload> {
    return { authorisation: await ctx.services.channels.authoriseRuralTraffic(ctx.principal, input) };
  }

  @Mutation(() => AnnouncementPayload, {
    description:
      "DEC-R23 (OD-AFD art. 24a): announce a rural border traffic import; the announcement is the declaration, accepted now. At least two hours before the crossing (ANNOUNCEMENT_TOO_LATE), to the office of the authorisation, by an empowered person, for land within the border area (DEC-R82, OUTSIDE_BORDER_AREA). The operator's users and software, or the office for one handed in.",
  })
  async announceRuralBorderImport(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `AnnounceRuralBorderImportInput` for each field and the rule it serves." }) input: AnnounceRuralBorderImportInput, @Ctx() ctx: DeclarationsContext): Promise<AnnouncementPayload> {
    return { announcement: await ctx.services.channels.announce(ctx.principal, input) };
  }

  @Mutation(() => AnnouncementPayload, { description: "DEC-R23 (OD-AFD art. 24a para. 5): change time, place or quantity before the import; by phone, written confirmation is required." })
  async changeRuralBorderAnnouncement(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `ChangeRuralBorderAnnouncementInput` for each field and the rule it serves." }) input: ChangeRuralBorderAnnouncementInput, @Ctx() ctx: DeclarationsContext): Promise<AnnouncementPayload> {
    return { announcement: await ctx.services.channels.changeAnnouncement(ctx.principal, input) };
  }

  @Mutation(() => AnnouncementPayload, { description: "DEC-R23 (OD-AFD art. 24a para. 4): the office records the announced import, within one hour of the announced time (IMPORT_OUTSIDE_ANNOUNCED_WINDOW); the debt arises (X06)." })
  async recordAnnouncedImport(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `AnnouncementIdInput` for each field and the rule it serves." }) input: AnnouncementIdInput, @Ctx() ctx: DeclarationsContext): Promise<AnnouncementPayload> {
    return { announcement: await ctx.services.channels.recordAnnouncedImport(ctx.principal, input.announcementId) };
  }
}

@Resolver(() => AdvanceAnnouncement)
export class AnnouncementResolver {
  @FieldResolver(() => CustomsDeclaration, { nullable: true, description: "The declaration the announcement is." })
  async declaration(@Root() a: AdvanceAnnouncement, @Ctx() ctx: DeclarationsContext): Promise<CustomsDeclaration | null> {
    const d = await loaders.declaration(ctx).load(a.declarationId);
    return d && ctx.services.access.canSee(ctx.principal, d) ? d : null;
  }

  @FieldResolver(() => BusinessPartner, { description: "The operator who announced: the holder of the rural border traffic authorisation (OD-AFD art. 24a para. 1)." })
  operator(@Root() a: AdvanceAnnouncement): BusinessPartner {
    return { id: a.operatorId };
  }
}

/** The customs procedures that must be discharged (DEC-R65 to DEC-R76). */
@Resolver(() => ProcedureCase)
export class ProcedureCaseResolver {
  @Query(() => ProcedureCase, { description: "A procedure case: for whoever may see its declaration (the holder, the party it acts for) and officers." })
  async procedureCase(@Arg("id", () => ID, { description: "The procedure case's id." }) id: string, @Ctx() ctx: DeclarationsContext): Promise<ProcedureCase> {
    if (ctx.principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    const c = await ctx.services.procedures.get(id);
    const d = await loaders.declaration(ctx).load(c.declarationId);
    if (!d || !ctx.services.access.canSee(ctx.principal, d)) throw new ForbiddenError("You do not act for this procedure's declarant or the party it acts for.", { caseId: id });
    return c;
  }

  @Query(() => ProcedureCaseConnection, { description: "Officers: every procedure case; partners: the cases they hold. Oldest first, by opening." })
  async procedureCases(@Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => ProcedureCaseFilterArgs) filter: ProcedureCaseFilterArgs, @Ctx() ctx: DeclarationsContext) {
    return ctx.services.procedures.list({ ...filter, holderIds: holderFilter(ctx) }, args);
  }

  @Mutation(() => ProcedureCasePayload, {
    description:
      "DEC-R65 to DEC-R76: the office places the goods of an accepted declaration under transit, temporary admission, inward or outward processing or the export regime: identification, time limit, and the duties fixed with a conditional payment obligation (X11). Debt secures them (the holder's general bonds up to their headroom, a requisition for the rest); conditional goods are released once secured. Officers (CUSTOMS_OFFICE).",
  })
  async openProcedureCase(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `OpenProcedureCaseInput` for each field and the rule it serves." }) input: OpenProcedureCaseInput, @Ctx() ctx: DeclarationsContext): Promise<ProcedureCasePayload> {
    return { procedureCase: await ctx.services.procedures.open(ctx.principal, input) };
  }

  @Mutation(() => ProcedureCasePayload, { description: "DEC-R72 (OD-AFD art. 53, 54 para. 2): extend a temporary admission by at most a year; a horse's once. Officers." })
  async extendProcedureCase(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `ExtendProcedureCaseInput` for each field and the rule it serves." }) input: ExtendProcedureCaseInput, @Ctx() ctx: DeclarationsContext): Promise<ProcedureCasePayload> {
    return { procedureCase: await ctx.services.procedures.extend(ctx.principal, input) };
  }

  @Mutation(() => ProcedureCasePayload, { description: "DEC-R70, DEC-R72 to DEC-R74, DEC-R76: record the discharge, no later than the time limit; debt ends the conditional debt. Officers." })
  async dischargeProcedureCase(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `DischargeProcedureCaseInput` for each field and the rule it serves." }) input: DischargeProcedureCaseInput, @Ctx() ctx: DeclarationsContext): Promise<ProcedureCasePayload> {
    return { procedureCase: await ctx.services.procedures.discharge(ctx.principal, input) };
  }

  @Mutation(() => ProcedureCasePayload, { description: "DEC-R68, DEC-R72 to DEC-R74 (LD art. 49 para. 4, 58 para. 3, 59 para. 4, 60 para. 4): apply for relief within 60 days of the time limit. The holder, or an officer for it." })
  async applyForProcedureRelief(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `ApplyForProcedureReliefInput` for each field and the rule it serves." }) input: ApplyForProcedureReliefInput, @Ctx() ctx: DeclarationsContext): Promise<ProcedureCasePayload> {
    return { procedureCase: await ctx.services.procedures.applyForRelief(ctx.principal, input) };
  }

  @Mutation(() => ProcedureCasePayload, { description: "The office grants relief (the due duties end in debt) or refuses it (DUTIES_DUE). Officers." })
  async decideProcedureRelief(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `DecideProcedureReliefInput` for each field and the rule it serves." }) input: DecideProcedureReliefInput, @Ctx() ctx: DeclarationsContext): Promise<ProcedureCasePayload> {
    return { procedureCase: await ctx.services.procedures.decideRelief(ctx.principal, input) };
  }

  @Mutation(() => ProcedureCasePayload, { description: "DEC-R76 (LD art. 61 para. 4): revoke an export regime not discharged. Officers." })
  async revokeExportRegime(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RevokeExportRegimeInput` for each field and the rule it serves." }) input: RevokeExportRegimeInput, @Ctx() ctx: DeclarationsContext): Promise<ProcedureCasePayload> {
    return { procedureCase: await ctx.services.procedures.revokeExportRegime(ctx.principal, input) };
  }

  @Mutation(() => ProcessingAuthorisationPayload, { description: "DEC-R73 to DEC-R75 (LD art. 59, 60; OD-AFD art. 56, 57): the DGD, or an office for the annex's goods and processing, authorises inward or outward processing." })
  async grantProcessingAuthorisation(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `GrantProcessingAuthorisationInput` for each field and the rule it serves." }) input: GrantProcessingAuthorisationInput, @Ctx() ctx: DeclarationsContext): Promise<ProcessingAuthorisationPayload> {
    return { authorisation: await ctx.services.processing.grant(ctx.principal, input) };
  }

  @FieldResolver(() => CustomsDeclaration, { nullable: true, description: "The declaration that placed the goods under the procedure (DEC-R65); null when the caller may not see it." })
  async declaration(@Root() c: ProcedureCase, @Ctx() ctx: DeclarationsContext): Promise<CustomsDeclaration | null> {
    const d = await loaders.declaration(ctx).load(c.declarationId);
    return d && ctx.services.access.canSee(ctx.principal, d) ? d : null;
  }

  @FieldResolver(() => BusinessPartner, { description: "The holder of the procedure: the declarant, who must discharge it." })
  holder(@Root() c: ProcedureCase): BusinessPartner {
    return { id: c.holderId };
  }

  @FieldResolver(() => ProcessingAuthorisation, { nullable: true, description: "DEC-R73, DEC-R74: the processing authorisation an inward or outward processing runs under; null for other procedures, or when the caller is not its holder nor an officer." })
  async processingAuthorisation(@Root() c: ProcedureCase, @Ctx() ctx: DeclarationsContext): Promise<ProcessingAuthorisation | null> {
    const a = c.processingAuthorisationId ? await loaders.processingAuthorisation(ctx).load(c.processingAuthorisationId) : null;
    // The authorisation may be the principal's rather than the declarant's: each sees its own.
    return a && ctx.services.access.canSeeHolder(ctx.principal, a.holderId) ? a : null;
  }

  @FieldResolver(() => Date, {
    nullable: true,
    description:
      "DEC-R68, DEC-R72 to DEC-R74 (LD art. 49 para. 4, 58 para. 3, 59 para. 4, 60 para. 4): the last moment to apply for relief, 60 days after the time limit (DESIGN CHOICE as DEC-R60: moved to the next working day of the office's canton). None for the export regime or without a time limit.",
  })
  async reliefApplicationDeadline(@Root() c: ProcedureCase, @Ctx() ctx: DeclarationsContext): Promise<Date | null> {
    if (!c.timeLimit || c.procedure === "EXPORT") return null;
    const office = await loaders.office(ctx).load(c.officeId);
    return office ? ctx.services.reference.calendarOf(office).appealPeriodEndsAt(c.timeLimit, 60) : null;
  }
}

@Resolver(() => CustomsDeclaration)
export class DeclarationProcedureResolver {
  @FieldResolver(() => ProcedureCase, { nullable: true, description: "DEC-R65: the procedure the office placed the goods under, once opened." })
  async procedureCase(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<ProcedureCase | null> {
    return loaders.caseOfDeclaration(ctx).load(d.id);
  }

  @FieldResolver(() => AdvanceAnnouncement, { nullable: true, description: "DEC-R23: the rural border traffic announcement this declaration is." })
  async announcement(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<AdvanceAnnouncement | null> {
    return d.channel === "RURAL_BORDER_ANNOUNCEMENT" ? loaders.announcement(ctx).load(d.id) : null;
  }
}

@Resolver(() => BusinessPartner)
export class PartnerProcedureResolver {
  @FieldResolver(() => ProcedureCaseConnection, { nullable: true, description: "The procedure cases the partner holds, oldest first, by opening." })
  async procedureCases(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => ProcedureCaseFilterArgs) filter: ProcedureCaseFilterArgs, @Ctx() ctx: DeclarationsContext) {
    const mine = holderFilter(ctx);
    if (mine && !mine.includes(partner.id)) throw new ForbiddenError("You do not act for this business partner.");
    return pageLoaders.procedureCasesOfHolder(ctx, args, filter).load(partner.id);
  }

  @FieldResolver(() => ProcessingAuthorisationConnection, { nullable: true, description: "DEC-R73 to DEC-R75: the partner's processing authorisations, renewals included, oldest grant first. The partner's own users and officers; FORBIDDEN for others." })
  async processingAuthorisations(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DeclarationsContext) {
    const mine = holderFilter(ctx);
    if (mine && !mine.includes(partner.id)) throw new ForbiddenError("You do not act for this business partner.");
    return pageLoaders.processingAuthorisations(ctx, args).load(partner.id);
  }
}
