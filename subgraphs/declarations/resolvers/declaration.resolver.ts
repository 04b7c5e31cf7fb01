import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, ForbiddenError, UnauthenticatedError } from "../../kit";
import { CustomsOffice } from "../entities/customs-office.entity";
import { CustomsDeclaration, DeclarationItem } from "../entities/declaration.entity";
import { GoodsPresentation } from "../entities/presentation.entity";
import { MatchedCriterion, DocumentRequirement, SelectionDecision } from "../entities/selection.entity";
import { Refusal, TaxationDecision, Verification } from "../entities/procedure.entity";
import { DeclarationTimelineEntry } from "../entities/timeline.entity";
import { deadlineKey } from "../services/deadline.service";
import { DeclarationsContext } from "./context";
import {
  CorrectDeclarationInput,
  DeclarationFilterArgs,
  DeclarationIdInput,
  ExtendRemovalInput,
  ExtendResubmissionInput,
  ItemsInput,
  LodgeDeclarationInput,
  OrderVerificationInput,
  OverrideDeclarationDeadlineInput,
  OverrideDocumentDeadlineInput,
  PresentGoodsInput,
  RecordVerificationInput,
  RefuseDeclarationInput,
  RequestAdditionalDocumentInput,
  SubmitDocumentInput,
} from "./inputs";
import { loaders, overrideLoader, pageLoaders, timelineRecordsLoader } from "./loaders";
import {
  BusinessPartner,
  CustomsDeclarationConnection,
  DeadlineOverridePayload,
  DeclarationCorrectionConnection,
  DeclarationPayload,
  DocumentPayload,
  DocumentRequirementConnection,
  GoodsPresentationConnection,
  PresentationPayload,
  RefusalConnection,
  RefusalPayload,
  TaxationDecisionConnection,
  VerificationConnection,
  VerificationPayload,
} from "./payloads";

function partnerFilter(ctx: DeclarationsContext): string[] | null {
  if (ctx.services.access.isOfficer(ctx.principal)) return null;
  if (ctx.principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
  return ctx.services.access.partnerIds(ctx.principal);
}

async function visible(ctx: DeclarationsContext, id: string): Promise<CustomsDeclaration> {
  const d = await ctx.services.declarations.get(id);
  ctx.services.access.requireSee(ctx.principal, d);
  return d;
}

@Resolver(() => CustomsDeclaration)
export class CustomsDeclarationResolver {
  @Query(() => CustomsDeclaration, { description: "A declaration: for its declarant (and the party it acts for) and officers." })
  async declaration(@Arg("id", () => ID, { description: "The declaration's id." }) id: string, @Ctx() ctx: DeclarationsContext): Promise<CustomsDeclaration> {
    return visible(ctx, id);
  }

  @Query(() => CustomsDeclarationConnection, { description: "Officers: every declaration; partners: their own." })
  async declarations(@Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => DeclarationFilterArgs) filter: DeclarationFilterArgs, @Ctx() ctx: DeclarationsContext) {
    return ctx.services.declarations.list({ ...filter, partnerIds: partnerFilter(ctx) }, args);
  }

  @Query(() => DocumentRequirementConnection, {
    description:
      "Documents past their deadline in force and not submitted (DEC-R36, OD-AFD art. 19; DEC-R37, OD-AFD art. 19a; DEC-R45, LD art. 35; flagged by the overdue-documents job), a page at a time in the order they were required: officers see all, partners those of the declarations they lodged.",
  })
  async overdueDocuments(
    @Arg("officeId", () => ID, { nullable: true, description: "Only the documents of declarations lodged at this office (office code; the office whose counter hours count the deadlines, DEC-R36, OD-AFD art. 19); all offices when omitted." }) officeId: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: DeclarationsContext,
  ) {
    return ctx.services.documents.overdueDocuments(partnerFilter(ctx), officeId, args);
  }

  @Query(() => RefusalConnection, {
    description:
      "DEC-R38 (LD art. 32), DEC-R40 (OD-AFD art. 20 para. 1-2): refusals for correction not yet resubmitted, whose declaration is still REFUSED or RESUBMISSION_OVERDUE (not taxed ex officio, DEC-R41, OD-AFD art. 20 para. 3), earliest resubmission deadline in force first (the 10th working day after the refusal, or as the office extended it for fair reasons, T10), then by id. Officers only (CUSTOMS_OFFICE, AUDITOR).",
  })
  async pendingResubmissions(
    @Arg("officeId", () => ID, { nullable: true, description: "Only the refusals of declarations lodged at this office (office code; its working days count the 10 days of OD-AFD art. 20 para. 2); all offices when omitted." }) officeId: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: DeclarationsContext,
  ) {
    return ctx.services.declarations.pendingResubmissions(ctx.principal, officeId, args);
  }

  @Query(() => GoodsPresentationConnection, { description: "DEC-R06 (OD-AFD art. 4): presented goods still undeclared after their deadline in force (as adapted, T10), oldest presentation first. Officers only (CUSTOMS_OFFICE, AUDITOR)." })
  async undeclaredPresentations(
    @Arg("officeId", () => ID, { nullable: true, description: "Only the presentations at this office (office code); all offices when omitted." }) officeId: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: DeclarationsContext,
  ) {
    return ctx.services.lodging.undeclaredPresentations(ctx.principal, officeId, args);
  }

  @Mutation(() => PresentationPayload, { description: "DEC-R03, DEC-R04 (LD art. 24; OD-AFD art. 3): present goods and declare them summarily; the declaration is due by the next business day (DEC-R06, OD-AFD art. 4)." })
  async presentGoods(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `PresentGoodsInput` for each field and the rule it serves." }) input: PresentGoodsInput, @Ctx() ctx: DeclarationsContext): Promise<PresentationPayload> {
    return { presentation: await ctx.services.lodging.present(ctx.principal, input) };
  }

  @Mutation(() => DeclarationPayload, {
    description:
      "Lodge an electronic declaration: transmitted, receipt confirmed (DEC-R16, OD-AFD art. 12 para. 4), accepted by the summary control (DEC-R17, OD-AFD art. 16), then selected (DEC-R29). Checks the declarant's authorisation, business number and declaring employee (ID-R33, OD-AFD art. 11), the language (DEC-R15), the channel (DEC-R13) and the pre-declaration windows (DEC-R08 to DEC-R10, OD-AFD art. 5). ENF-R05 (LD art. 109 para. 2): refused with DECLARANT_PROHIBITED when the declaration is made professionally and a prohibition to make declarations, in force at the lodging instant and not lifted, names the declarant or the declaring employee's personal number. DESIGN CHOICE: a declaration is made professionally when the declarant lodges it on behalf of another partner (onBehalfOfId set and not the declarant); a partner declaring its own goods is not a professional declarant (LD art. 109 para. 1 speaks of persons who make declarations professionally).",
  })
  async lodgeDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `LodgeDeclarationInput` for each field and the rule it serves." }) input: LodgeDeclarationInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.lodging.lodge(ctx.principal, input, ctx.principal.applicationId ?? null) };
  }

  @Mutation(() => DeadlineOverridePayload, { description: "T10 (OD-AFD art. 4 para. 2): the office adapts the declaration deadline of presented goods, with the reason." })
  async overrideDeclarationDeadline(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `OverrideDeclarationDeadlineInput` for each field and the rule it serves." }) input: OverrideDeclarationDeadlineInput, @Ctx() ctx: DeclarationsContext): Promise<DeadlineOverridePayload> {
    return { override: await ctx.services.lodging.overrideDeclarationDeadline(ctx.principal, input.presentationId, input.until, input.reason) };
  }

  @Mutation(() => DocumentPayload, { description: "DEC-R35 (OD-AFD art. 18): submit a required document by its identification mark." })
  async submitDocument(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `SubmitDocumentInput` for each field and the rule it serves." }) input: SubmitDocumentInput, @Ctx() ctx: DeclarationsContext): Promise<DocumentPayload> {
    return { document: await ctx.services.documents.submitDocument(ctx.principal, input.identificationMark) };
  }

  @Mutation(() => DeadlineOverridePayload, { description: "T10 (OD-AFD art. 19 para. 3, 19a para. 2): the office adapts a document deadline, with the reason." })
  async overrideDocumentDeadline(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `OverrideDocumentDeadlineInput` for each field and the rule it serves." }) input: OverrideDocumentDeadlineInput, @Ctx() ctx: DeclarationsContext): Promise<DeadlineOverridePayload> {
    return { override: await ctx.services.documents.overrideDocumentDeadline(ctx.principal, input.identificationMark, input.newDueAt, input.reason) };
  }

  @Mutation(() => DocumentPayload, { description: "DEC-R45 (LD art. 35): during the taxation procedure the office may check the declaration at any time and ask for further documents, with a deadline." })
  async requestAdditionalDocument(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RequestAdditionalDocumentInput` for each field and the rule it serves." }) input: RequestAdditionalDocumentInput, @Ctx() ctx: DeclarationsContext): Promise<DocumentPayload> {
    return { document: await ctx.services.documents.requestAdditionalDocument(ctx.principal, input) };
  }

  @Mutation(() => RefusalPayload, { description: "DEC-R38 (LD art. 32), DEC-R40 (OD-AFD art. 20 para. 1): refuse for correction; resubmission is due by the 10th working day." })
  async refuseDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RefuseDeclarationInput` for each field and the rule it serves." }) input: RefuseDeclarationInput, @Ctx() ctx: DeclarationsContext): Promise<RefusalPayload> {
    return { refusal: await ctx.services.declarations.refuse(ctx.principal, input.declarationId, input.reasons) };
  }

  @Mutation(() => DeclarationPayload, {
    description:
      "DEC-R40 (OD-AFD art. 20 para. 2): resubmit the corrected declaration in time. ENF-R05 (LD art. 109 para. 2): the resubmission makes the declaration again, so it is refused with DECLARANT_PROHIBITED when the declaration is made professionally (DESIGN CHOICE: on behalf of another partner, see lodgeDeclaration) and a prohibition in force now names the declarant or its personal number.",
  })
  async resubmitDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `ItemsInput` for each field and the rule it serves." }) input: ItemsInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.lodging.resubmit(ctx.principal, input.declarationId, input.items) };
  }

  @Mutation(() => RefusalPayload, { description: "DEC-R40: the office extends the resubmission period for fair reasons (T10)." })
  async extendResubmission(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `ExtendResubmissionInput` for each field and the rule it serves." }) input: ExtendResubmissionInput, @Ctx() ctx: DeclarationsContext): Promise<RefusalPayload> {
    return { refusal: await ctx.services.declarations.extendResubmission(ctx.principal, input.declarationId, input.until, input.reason) };
  }

  @Mutation(() => DeclarationPayload, { description: "DEC-R43 (LD art. 34 para. 1): withdraw while the goods are presented, before incorrect particulars are found or a verification is ordered." })
  async withdrawDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `DeclarationIdInput` for each field and the rule it serves." }) input: DeclarationIdInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.declarations.withdraw(ctx.principal, input.declarationId) };
  }

  @Mutation(() => DeclarationPayload, {
    description:
      "DEC-R39 (LD art. 18 para. 2): the office corrects the declaration's particulars (e.g. after a verification), with the reason; the taxation follows them, the declarant sees the correction (`corrections`) and can no longer rectify (LD art. 34 para. 1 let. a). Only before a taxation decision is in force (TAXATION_IN_FORCE).",
  })
  async correctDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `CorrectDeclarationInput` for each field and the rule it serves." }) input: CorrectDeclarationInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.declarations.correct(ctx.principal, input) };
  }

  @Mutation(() => DeclarationPayload, { description: "DEC-R43 (LD art. 34 para. 1): rectify, within the same limits; the version rises." })
  async rectifyDeclaration(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `ItemsInput` for each field and the rule it serves." }) input: ItemsInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.declarations.rectify(ctx.principal, input.declarationId, input.items) };
  }

  @Mutation(() => VerificationPayload, { description: "DEC-R46 (LD art. 36): order a full or sample verification." })
  async orderVerification(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `OrderVerificationInput` for each field and the rule it serves." }) input: OrderVerificationInput, @Ctx() ctx: DeclarationsContext): Promise<VerificationPayload> {
    return { verification: await ctx.services.declarations.orderVerification(ctx.principal, input) };
  }

  @Mutation(() => VerificationPayload, { description: "DEC-R47 (LD art. 37 para. 2): the declarant asks for a full verification." })
  async requestFullVerification(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `DeclarationIdInput` for each field and the rule it serves." }) input: DeclarationIdInput, @Ctx() ctx: DeclarationsContext): Promise<VerificationPayload> {
    return { verification: await ctx.services.declarations.requestFullVerification(ctx.principal, input.declarationId) };
  }

  @Mutation(() => VerificationPayload, { description: "DEC-R47 (LD art. 37): record the result, the basis of the taxation." })
  async recordVerificationResult(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `RecordVerificationInput` for each field and the rule it serves." }) input: RecordVerificationInput, @Ctx() ctx: DeclarationsContext): Promise<VerificationPayload> {
    return { verification: await ctx.services.declarations.recordVerification(ctx.principal, input) };
  }

  @Mutation(() => DeclarationPayload, { description: "DEC-R30, DEC-R56 (OD-AFD art. 17 para. 2; LD art. 40): the office releases BLOCKED goods." })
  async releaseGoods(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `DeclarationIdInput` for each field and the rule it serves." }) input: DeclarationIdInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.declarations.release(ctx.principal, input.declarationId) };
  }

  @Mutation(() => DeclarationPayload, {
    description:
      "DEC-R56 to DEC-R58 (LD art. 40; OD-AFD art. 36-37): the goods leave customs custody. DEC-R57 (OD-AFD art. 36): for goods released through e-dec, NCTS Export or e-dec web the unstamped release document suffices, so no stamp is recorded.",
  })
  async recordRemoval(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `DeclarationIdInput` for each field and the rule it serves." }) input: DeclarationIdInput, @Ctx() ctx: DeclarationsContext): Promise<DeclarationPayload> {
    return { declaration: await ctx.services.declarations.remove(ctx.principal, input.declarationId) };
  }

  @Mutation(() => DeadlineOverridePayload, { description: "DEC-R58 (OD-AFD art. 37 para. 2): the office extends the removal deadline on request: to a moment in the future and after the deadline in force (BAD_USER_INPUT otherwise)." })
  async extendRemovalDeadline(@Arg("input", { description: "The mutation's one input object (STYLE.md): see `ExtendRemovalInput` for each field and the rule it serves." }) input: ExtendRemovalInput, @Ctx() ctx: DeclarationsContext): Promise<DeadlineOverridePayload> {
    return { override: await ctx.services.declarations.overrideRemovalDeadline(ctx.principal, input.declarationId, input.until, input.reason) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The declarant (LD art. 26)." })
  declarant(@Root() d: CustomsDeclaration): BusinessPartner {
    return { id: d.declarantId };
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "The partner on whose behalf the declarant declares (the principal); null when the declarant declares its own goods." })
  onBehalfOf(@Root() d: CustomsDeclaration): BusinessPartner | null {
    return d.onBehalfOfId ? { id: d.onBehalfOfId } : null;
  }

  @FieldResolver(() => CustomsOffice, { description: "The office the declaration is made to; its calendar counts the declaration's deadlines (T2-T5)." })
  async office(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<CustomsOffice> {
    return (await loaders.office(ctx).load(d.officeId))!;
  }

  @FieldResolver(() => GoodsPresentation, { nullable: true, description: "The presentation of the goods this declaration declares (DEC-R03); null for a pre-declaration until the goods are presented (DEC-R08, DEC-R09)." })
  async presentation(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<GoodsPresentation | null> {
    return d.presentationId ? loaders.presentation(ctx).load(d.presentationId) : null;
  }

  @FieldResolver(() => [DeclarationItem], { description: "Bounded: the declaration's items, in their order; a declaration holds 1 to 200 items (the inputs' limit)." })
  async items(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<DeclarationItem[]> {
    return loaders.items(ctx).load(d.id);
  }

  @FieldResolver(() => SelectionDecision, { nullable: true, description: "The selection; its reasons are for officers only." })
  async selection(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<SelectionDecision | null> {
    return loaders.selection(ctx).load(d.id);
  }

  @FieldResolver(() => DocumentRequirementConnection, {
    description:
      "The documents the selection result requires (DEC-R30 to DEC-R37) and those the office asked for later (DEC-R45, LD art. 35: at any time during the taxation procedure, so the list can grow), in the order they were required, each with its identification mark (DEC-R35).",
  })
  async documents(@Root() d: CustomsDeclaration, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DeclarationsContext) {
    return pageLoaders.documents(ctx, args).load(d.id);
  }

  @FieldResolver(() => RefusalConnection, { description: "DEC-R38, DEC-R40 (LD art. 32; OD-AFD art. 20): every refusal for correction, oldest first; a declaration may be refused again after each resubmission." })
  async refusals(@Root() d: CustomsDeclaration, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DeclarationsContext) {
    return pageLoaders.refusals(ctx, args).load(d.id);
  }

  @FieldResolver(() => VerificationConnection, { description: "DEC-R46, DEC-R47 (LD art. 36, 37): the verifications ordered or requested, oldest first." })
  async verifications(@Root() d: CustomsDeclaration, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DeclarationsContext) {
    return pageLoaders.verifications(ctx, args).load(d.id);
  }

  @FieldResolver(() => DeclarationCorrectionConnection, { description: "DEC-R39 (LD art. 18 para. 2): the office's corrections, oldest first, each with its reason and the particulars it changed." })
  async corrections(@Root() d: CustomsDeclaration, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DeclarationsContext) {
    return pageLoaders.corrections(ctx, args).load(d.id);
  }

  @FieldResolver(() => Boolean, { description: "DEC-R16 (OD-AFD art. 12 para. 4): true once the system confirmed receipt; until then the declaration counts as not presented." })
  countsAsPresented(@Root() d: CustomsDeclaration): boolean {
    return d.receiptConfirmedAt !== null;
  }

  @FieldResolver(() => TaxationDecisionConnection, { description: "Every taxation decision, in force, cancelled (DEC-R54) or superseded (DEC-R44), oldest first by establishment." })
  async taxationDecisions(@Root() d: CustomsDeclaration, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DeclarationsContext) {
    return pageLoaders.taxationDecisions(ctx, args).load(d.id);
  }

  @FieldResolver(() => TaxationDecision, { nullable: true, description: "The taxation decision in force." })
  async taxationDecision(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<TaxationDecision | null> {
    return (await loaders.taxation(ctx).load(d.id)).find(t => t.status === "ISSUED") ?? null;
  }

  @FieldResolver(() => Date, { nullable: true, description: "DEC-R58 (OD-AFD art. 37): end of the next business day after release, or as extended (T10)." })
  async removalDueBy(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<Date | null> {
    if (!d.computedRemovalDueBy) return null;
    return (await overrideLoader(ctx).load(`CustomsDeclaration|REMOVAL_DUE|${d.id}`)) ?? d.computedRemovalDueBy;
  }

  @FieldResolver(() => Boolean, { description: "DEC-R58: removed after the deadline, or still not removed past it." })
  async removalOverdue(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<boolean> {
    const due = await this.removalDueBy(d, ctx);
    if (!due) return false;
    const at = d.removedAt ?? ctx.services.runtime.clock.now();
    return at.getTime() > due.getTime();
  }

  @FieldResolver(() => Date, { nullable: true, description: "DEC-R44 (LD art. 34 para. 3): last moment to ask for a change of taxation, 30 days after the goods left custody." })
  changeOfTaxationDeadline(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Date | null {
    return ctx.services.declarations.changeOfTaxationDeadline(d);
  }

  @FieldResolver(() => [DeclarationTimelineEntry], {
    description:
      "Bounded: the facts and deadlines of this one declaration, at most a few per refusal, document, verification, correction, taxation decision and change request it has, and one per change of its status. Every state change and deadline of the declaration, in time order (at the same instant facts before deadlines), each with its rule and article: presentation (DEC-R03, LD art. 24) and declaration deadline (DEC-R06, OD-AFD art. 4; met at the first receipt), lodging (DEC-R16, DEC-R17; OD-AFD art. 12 para. 4, 16: every receipt and acceptance, the first ones too when a resubmission stamped them again), selection (DEC-R29, OD-AFD art. 17), documents and their deadlines (DEC-R30 to DEC-R37, DEC-R45; OD-AFD art. 17-19a), refusals, resubmission deadlines and resubmissions (DEC-R38, DEC-R40; LD art. 32, OD-AFD art. 20), a missed resubmission (RESUBMISSION_OVERDUE: DEC-R41, OD-AFD art. 20 para. 3), withdrawal (DEC-R43, LD art. 34 para. 1), verifications and corrections (DEC-R39, DEC-R46, DEC-R47; LD art. 18, 36, 37), taxation (DEC-R41, DEC-R52 to DEC-R55, DEC-R59; LD art. 38, 39), release, removal and its deadline (DEC-R56, DEC-R58; LD art. 40, OD-AFD art. 37), and the change-of-taxation period (DEC-R44, LD art. 34 para. 3). Built only from the records the subgraph keeps and the declaration's kept versions (issue 15), which date every change of its status: a change an entry of the same write already states (its REFUSED, RESUBMITTED, ACCEPTED, ex officio TAXED or TAXATION_CANCELLED entry) is not listed twice, any other is its RESUBMISSION_OVERDUE, WITHDRAWN or STATUS_CHANGED entry (DESIGN CHOICE). A declaration created before its history began (migration DeclarationsHistory) has only the version it had then: its earlier changes of status and the receipt and acceptance a resubmission overwrote before are not kept, so its timeline is what its row and records say, as before the history. Deadlines are those in force (T10) and `overdue` is judged by the subgraph's clock.",
  })
  async timeline(@Root() d: CustomsDeclaration, @Ctx() ctx: DeclarationsContext): Promise<DeclarationTimelineEntry[]> {
    const records = await timelineRecordsLoader(ctx).load(`${d.id}|${d.presentationId ?? ""}`);
    const keys = ctx.services.timeline.overrideSubjects(d, records).map(deadlineKey);
    const adapted = await overrideLoader(ctx).loadMany(keys);
    const failed = adapted.find((x): x is Error => x instanceof Error);
    if (failed) throw failed;
    const overrides = new Map(keys.map((key, i) => [key, adapted[i] as Date | null]));
    return ctx.services.timeline.build(d, records, overrides);
  }
}

@Resolver(() => SelectionDecision)
export class SelectionDecisionResolver {
  @FieldResolver(() => [MatchedCriterion], { description: "Bounded: the rules of the rule set version used that matched, at most the rules of that version (at most 100 a version, the limit of publishSelectionRuleSet). Why the result: officers only (FORBIDDEN for partners)." })
  matchedRules(@Root() s: SelectionDecision, @Ctx() ctx: DeclarationsContext): MatchedCriterion[] {
    if (!ctx.services.access.isOfficer(ctx.principal)) throw new ForbiddenError("Selection reasons are for officers only.");
    return s.matchedRules;
  }

  @FieldResolver(() => String, { description: "The random draw. Officers only." })
  randomDraw(@Root() s: SelectionDecision, @Ctx() ctx: DeclarationsContext): string {
    if (!ctx.services.access.isOfficer(ctx.principal)) throw new ForbiddenError("Selection reasons are for officers only.");
    return s.randomDraw;
  }

  @FieldResolver(() => Boolean, { description: "Officers only." })
  randomlySelected(@Root() s: SelectionDecision, @Ctx() ctx: DeclarationsContext): boolean {
    if (!ctx.services.access.isOfficer(ctx.principal)) throw new ForbiddenError("Selection reasons are for officers only.");
    return s.randomlySelected;
  }
}

@Resolver(() => DocumentRequirement)
export class DocumentRequirementResolver {
  @FieldResolver(() => CustomsDeclaration, { description: "DEC-R30 to DEC-R37 (OD-AFD art. 17-19a): the declaration the document is required for; whoever reads the requirement may read it (officers' work queues link each overdue document to it)." })
  async declaration(@Root() doc: DocumentRequirement, @Ctx() ctx: DeclarationsContext): Promise<CustomsDeclaration> {
    const d = await loaders.declaration(ctx).load(doc.declarationId);
    if (!d) throw new Error(`document ${doc.id} without its declaration`);
    ctx.services.access.requireSee(ctx.principal, d);
    return d;
  }

  @FieldResolver(() => Date, { nullable: true, description: "The deadline in force (computed, or as adapted by the office, T10); null for a document due before removal." })
  async dueAt(@Root() doc: DocumentRequirement, @Ctx() ctx: DeclarationsContext): Promise<Date | null> {
    return (await overrideLoader(ctx).load(`DocumentRequirement|DOCUMENT_DUE|${doc.id}`)) ?? doc.computedDueAt;
  }

  @FieldResolver(() => Boolean, { description: "Not submitted and past its deadline." })
  async overdue(@Root() doc: DocumentRequirement, @Ctx() ctx: DeclarationsContext): Promise<boolean> {
    if (doc.submittedAt) return false;
    const due = await this.dueAt(doc, ctx);
    return Boolean(due && due.getTime() < ctx.services.runtime.clock.now().getTime());
  }
}

@Resolver(() => Refusal)
export class RefusalResolver {
  @FieldResolver(() => CustomsDeclaration, { description: "DEC-R38, DEC-R40 (LD art. 32; OD-AFD art. 20): the declaration refused for correction; whoever reads the refusal may read it." })
  async declaration(@Root() r: Refusal, @Ctx() ctx: DeclarationsContext): Promise<CustomsDeclaration> {
    const d = await loaders.declaration(ctx).load(r.declarationId);
    if (!d) throw new Error(`refusal ${r.id} without its declaration`);
    ctx.services.access.requireSee(ctx.principal, d);
    return d;
  }

  @FieldResolver(() => Date, { description: "DEC-R40 (OD-AFD art. 20 para. 2): end of the 10th working day after the refusal, or as extended." })
  async resubmissionDueBy(@Root() r: Refusal, @Ctx() ctx: DeclarationsContext): Promise<Date> {
    return (await overrideLoader(ctx).load(`Refusal|RESUBMISSION_DUE|${r.id}`)) ?? r.computedResubmissionDueBy;
  }
}

@Resolver(() => GoodsPresentation)
export class GoodsPresentationResolver {
  @FieldResolver(() => Date, { description: "DEC-R06 (OD-AFD art. 4): the declaration is due by the end of the next business day, or as adapted (T10)." })
  async declarationDueBy(@Root() p: GoodsPresentation, @Ctx() ctx: DeclarationsContext): Promise<Date> {
    return (await overrideLoader(ctx).load(`GoodsPresentation|DECLARATION_DUE|${p.id}`)) ?? p.computedDeclarationDueBy;
  }

  @FieldResolver(() => Boolean, { description: "DEC-R06: still undeclared after the deadline. DESIGN CHOICE: the sources name no sanction (DOMAIN.md §9 item 14); the flag is for the office." })
  async declarationOverdue(@Root() p: GoodsPresentation, @Ctx() ctx: DeclarationsContext): Promise<boolean> {
    if (p.status !== "PRESENTED") return false;
    return (await this.declarationDueBy(p, ctx)).getTime() < ctx.services.runtime.clock.now().getTime();
  }

  @FieldResolver(() => CustomsOffice, { description: "The office where the goods were presented." })
  async office(@Root() p: GoodsPresentation, @Ctx() ctx: DeclarationsContext): Promise<CustomsOffice> {
    return (await loaders.office(ctx).load(p.officeId))!;
  }

  @FieldResolver(() => BusinessPartner, { description: "Who presented the goods: the person obliged to conduct them, or its agent (LD art. 24 para. 1)." })
  presenter(@Root() p: GoodsPresentation): BusinessPartner {
    return { id: p.presenterId };
  }
}

@Resolver(() => Verification)
export class VerificationResolver {
  @FieldResolver(() => [DeclarationItem], { description: "Bounded: a subset of the declaration's items (at most 200). DEC-R47 (LD art. 37 para. 1): the items the result holds for: all goods of the sampled types." })
  async coveredItems(@Root() v: Verification, @Ctx() ctx: DeclarationsContext): Promise<DeclarationItem[]> {
    return (await loaders.items(ctx).load(v.declarationId)).filter(i => v.sampledTariffNumbers.includes(i.tariffNumber));
  }
}

@Resolver(() => BusinessPartner)
export class PartnerDeclarationsResolver {
  @FieldResolver(() => CustomsDeclarationConnection, { nullable: true, description: "The partner's declarations, as declarant or principal; filter by status and lodging period." })
  async declarations(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => DeclarationFilterArgs) filter: DeclarationFilterArgs, @Ctx() ctx: DeclarationsContext) {
    const mine = partnerFilter(ctx);
    if (mine && !mine.includes(partner.id)) throw new ForbiddenError("You do not act for this business partner.");
    return pageLoaders.declarationsOfPartner(ctx, args, filter).load(partner.id);
  }
}
