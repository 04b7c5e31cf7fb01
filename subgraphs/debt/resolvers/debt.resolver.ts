import { ArrayMaxSize, ArrayMinSize, IsEnum, IsIn, IsOptional, IsUUID, Length, Matches } from "class-validator";
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { Connection, ConnectionArgs, ConnectionShape, MoneyScalar, SubgraphContext, UnauthenticatedError } from "../../kit";
import { CustomsDebt, DebtorLiability, Payment } from "../entities/debt.entity";
import { CollectionErrorType, DebtBirthTrigger, DebtStatus, PaymentMethod, RemissionGround, SecurityKind } from "../entities/enums";
import { Security, SecurityRequisition, SecurityReservation } from "../entities/security.entity";
import { SuretyReceipt } from "../entities/pledge.entity";
import type { DebtServices } from "../services";
import { offenceCaseOf } from "../services/enforcement-debt.service";
import { recordedAsOf } from "../services/history.service";
import { loaders, requireVisibleDebt, visibleDebt } from "./loaders";
import { CustomsDebtPayload, PaymentPayload, RemissionRequestPayload, SecurityPayload, SecurityRequisitionPayload, SecurityReservationPayload, SubsequentCollectionPayload, SuretyReceiptPayload } from "./payloads";

export type DebtContext = SubgraphContext<DebtServices>;

// Entities of other subgraphs, as this one knows them: their key, and the fields it adds.
@ObjectType({ description: "A business partner (owned by identity: ePortal step 2). This subgraph adds what the partner owes and provides as security; only officers and the partner's own users and software may read these fields." })
@Directive('@key(fields: "id")')
export class BusinessPartner {
  @Field(() => ID, { description: "The business partner's id in identity." })
  id: string;
}

@ObjectType({ description: "A taxation decision (owned by declarations): this subgraph adds the customs debt it fixed." })
@Directive('@key(fields: "id")')
export class TaxationDecision {
  @Field(() => ID, { description: "The taxation decision's id in declarations." })
  id: string;
}

// A declarations procedure case (DEC-R65 to DEC-R76): debt adds the conditional debt it gave rise to.
@ObjectType({ description: "A procedure case with a conditional payment obligation (owned by declarations: transit, temporary admission, inward or outward processing): this subgraph adds its conditional debt." })
@Directive('@key(fields: "id")')
export class ProcedureCase {
  @Field(() => ID, { description: "The procedure case's id in declarations." })
  id: string;
}

// A warehousing stored lot (WH-R03): debt adds the conditional debt of a consumer goods warehouse's lot.
@ObjectType({ description: "A lot stored in a customs warehouse or free deposit (owned by warehousing): this subgraph adds its customs debt." })
@Directive('@key(fields: "id")')
export class StoredLot {
  @Field(() => ID, { description: "The stored lot's id in warehousing." })
  id: string;
}

@ObjectType({ description: "A customs declaration (owned by declarations), referenced as the origin of a debt." })
@Directive('@key(fields: "id", resolvable: false)')
export class CustomsDeclaration {
  @Field(() => ID, { description: "The declaration's id in declarations." })
  id: string;
}

// Enforcement's offence case (ENF-R07): the case a fine or prohibited traffic's duties come from.
@ObjectType({ description: "An offence case (owned by enforcement), referenced as the origin of a fine or of prohibited traffic's duties." })
@Directive('@key(fields: "id", resolvable: false)')
export class OffenceCase {
  @Field(() => ID, { description: "The offence case's id in enforcement." })
  id: string;
}

// Enforcement's seizure of goods presumed smuggled (X21): the seizure a customs pledge comes from.
@ObjectType({ description: "A seizure of goods presumed smuggled (owned by enforcement, X21): this subgraph adds the customs pledge it became." })
@Directive('@key(fields: "id")')
export class Seizure {
  @Field(() => ID, { description: "The seizure's id in enforcement." })
  id: string;
}

@ObjectType({ description: "A general bond's cover: its maximum, what is attached, and what is left (DEBT-R14)." })
export class BondHeadroom {
  @Field(() => Security, { description: "The general bond (ACTIVE, or TERMINATION_RECEIVED and still covering the claims born up to its cut-off: DEBT-R16, LD art. 79 para. 2)." })
  security: Security;

  @Field(() => MoneyScalar, { description: "The maximum amount the surety guarantees, as on the official form (LD art. 77 para. 3); CHF." })
  maxAmount: number;

  @Field(() => MoneyScalar, { description: "The sum of the claims attached to the bond (its reservations); CHF." })
  reserved: number;

  @Field(() => MoneyScalar, { description: "What the bond can still cover: maximum minus reserved; CHF. A claim above it is covered up to it, the rest needs more security (DEBT-R14 DESIGN CHOICE, LD art. 76 para. 2)." })
  headroom: number;
}

export const BondHeadroomConnection = Connection(BondHeadroom, "BondHeadroom");

@ObjectType({
  description:
    "A partner's exposure: open debts (with default interest to date), conditional debts, and bond headroom. Computed at the time of the request (Europe/Zurich clock of the subgraph), or read as of a past instant from the kept history (`BusinessPartner.exposure(asOf:)`, issue 15); officers and the partner's own users and software only.",
})
export class Exposure {
  /** Whose exposure this is: the bonds are paged by it. */
  partnerId: string;

  /** The instant it was read as of (issue 15): its bonds are read as of it too. Absent for now. */
  asOf?: Date;

  @Field(() => MoneyScalar, { description: "Principal and default interest to date still owed on the partner's DUE, OVERDUE and IN_ENFORCEMENT debts for which it is jointly and severally liable (DEBT-R03, DEBT-R04, DEBT-R10; LD art. 70, 74); CHF." })
  openDebts: number;

  @Field(() => MoneyScalar, { description: "The sum of the partner's CONDITIONAL debts, owed only if their procedure is not discharged (DEBT-R12, LD art. 49, 51, 58-60, 76 para. 1); CHF." })
  conditionalDebts: number;
}

export const CustomsDebtConnection = Connection(CustomsDebt, "CustomsDebt");
export const PaymentConnection = Connection(Payment, "Payment");
export const SecurityConnection = Connection(Security, "Security");
export const SecurityReservationConnection = Connection(SecurityReservation, "SecurityReservation");
export const SecurityRequisitionConnection = Connection(SecurityRequisition, "SecurityRequisition");

@ArgsType()
class DebtFilterArgs {
  @Field(() => [DebtStatus], { nullable: true, description: "Only debts in one of these statuses; all statuses when absent or empty." })
  @IsOptional()
  statuses?: DebtStatus[] | null;
}

@InputType({ description: "A payment on a customs debt (DEBT-R09, LD art. 73)." })
class RecordPaymentInput {
  @Field(() => ID, { description: "The customs debt paid." }) @IsUUID() debtId: string;
  @Field(() => ID, { description: "A debtor, or the surety of a security covering the debt (DEBT-R15)." }) @IsUUID() payerId: string;
  @Field(() => MoneyScalar, { description: "The amount paid, CHF (decimal string with 2 fraction digits); settles default interest first, then the principal." }) amount: number;
  @Field(() => PaymentMethod, { description: "How it was paid; CASH is refused from a debtor with an active PCD account (DEC-R62, OD-AFD art. 39)." }) @IsEnum(PaymentMethod) method: PaymentMethod;
}

@InputType({ description: "A security the office records (DEBT-R12, DEBT-R14; LD art. 76 para. 1, 77)." })
class ProvideSecurityInput {
  @Field(() => ID, { description: "The debtor whose customs claims the security covers." }) @IsUUID() debtorId: string;
  @Field(() => SecurityKind, { description: "Cash deposit, securities, individual or general bond." }) @IsEnum(SecurityKind) kind: SecurityKind;
  @Field(() => MoneyScalar, { description: "Amount deposited, or the bond's maximum amount." }) maxAmount: number;
  @Field(() => ID, { nullable: true, description: "The surety that signed the bond's official form; required for a bond, refused otherwise, never the debtor itself (LD art. 77)." }) @IsOptional() @IsUUID() suretyId?: string | null;
  @Field(() => ID, { nullable: true, description: "The decision requiring security this answers (DEBT-R18)." }) @IsOptional() @IsUUID() requisitionId?: string | null;
}

@InputType({ description: "A claim to attach to a security (DEBT-R14, LD art. 77)." })
class ReserveInput {
  @Field(() => ID, { description: "The security: one of the debt's debtors' securities." }) @IsUUID() securityId: string;
  @Field(() => ID, { description: "The open (DUE, OVERDUE or CONDITIONAL) customs debt to attach." }) @IsUUID() debtId: string;
  @Field(() => MoneyScalar, { description: "The amount attached, CHF; never more than the security's headroom (BOND_HEADROOM_EXCEEDED)." }) amount: number;
}

@InputType({ description: "The payment of a surety a receipt is asked for (DEBT-R15, LD art. 78 para. 1)." })
class SuretyReceiptInput {
  @Field(() => ID, { description: "The surety's payment." }) @IsUUID() paymentId: string;
}

@InputType({ description: "The security a bond termination or a cancellation is about." })
class SecurityIdInput {
  @Field(() => ID, { description: "The security's id." }) @IsUUID() securityId: string;
}

@InputType({ description: "A recovery action or rectification that interrupts limitation (DEBT-R11, LD art. 75 para. 3)." })
class InterruptInput {
  @Field(() => ID, { description: "The customs debt whose limitation is interrupted." }) @IsUUID() debtId: string;
  @Field({ description: "The recovery action or rectification, 5 to 300 characters." }) @Length(5, 300) reason: string;
}

@InputType({ description: "The intention to collect what was by mistake not collected, set too low or refunded too much (DEBT-R22, LD art. 85)." })
class SubsequentCollectionInput {
  @Field(() => ID, { description: "The customs debt of the taxation decision concerned." }) @IsUUID() debtId: string;
  @Field(() => CollectionErrorType, { description: "What went wrong." }) @IsEnum(CollectionErrorType) errorType: CollectionErrorType;
  @Field(() => MoneyScalar, { description: "The amount to collect, CHF." }) amount: number;
}

@InputType({ description: "A request for remission of duties (DEBT-R23, LD art. 86)." })
class RemissionInput {
  @Field(() => ID, { description: "The customs debt whose duties are to be remitted." }) @IsUUID() debtId: string;
  @Field(() => RemissionGround, { description: "The ground of LD art. 86 para. 1 let. a-d." }) @IsEnum(RemissionGround) ground: RemissionGround;
  @Field({ description: "Why the ground applies, 10 to 2000 characters." }) @Length(10, 2000) justification: string;
}

@InputType({ description: "The DGD's decision on a remission request (DEBT-R23, OD-AFD art. 59)." })
class DecideRemissionInput {
  @Field(() => ID, { description: "The pending remission request." }) @IsUUID() requestId: string;
  @Field({ description: "True to grant (fully, or up to `amount`), false to refuse." }) grant: boolean;
  @Field(() => MoneyScalar, { nullable: true, description: "Partial remission; the whole outstanding principal when absent." }) @IsOptional() amount?: number | null;
}

@InputType({ description: "The debt of an omitted declaration, established by the office (DEBT-R02 let. c-d, LD art. 69)." })
class OmittedDebtInput {
  @Field({ description: "The office's case reference." }) @Matches(/^[A-Za-z0-9-]{3,26}$/) reference: string;
  @Field(() => [ID], { description: "The debtors: business partners' ids (DEBT-R03, LD art. 70)." }) @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID("all", { each: true }) debtorIds: string[];
  @Field(() => DebtBirthTrigger, { description: "The moment the debt arose: one of the OMITTED_DECLARATION_* triggers or WAREHOUSE_RELEASE_WITHOUT_DECLARATION (LD art. 69 let. c-d)." }) @IsEnum(DebtBirthTrigger) trigger: DebtBirthTrigger;
  @Field({ description: "When the debt arose (ISO 8601 with offset); not in the future, nor beyond the 15-year limit (DEBT-R11, LD art. 75 para. 4)." }) arisenAt: Date;
  @Field(() => MoneyScalar, { description: "The duties, CHF." }) amount: number;
}

@InputType({ description: "A procedure's conditional debt the office records outside any declaration (DEBT-R12, LD art. 49, 51, 58-60, 76 para. 1)." })
class ConditionalDebtInput {
  @Field({ description: "The procedure's reference." }) @Matches(/^[A-Za-z0-9-]{3,26}$/) reference: string;
  @Field(() => ID, { description: "The holder of the procedure, who owes the debt." }) @IsUUID() debtorId: string;
  @Field({ description: "TRANSIT, TEMPORARY_ADMISSION, INWARD_PROCESSING, OUTWARD_PROCESSING or CONSUMER_GOODS_WAREHOUSE." }) @IsIn(["TRANSIT", "TEMPORARY_ADMISSION", "INWARD_PROCESSING", "OUTWARD_PROCESSING", "CONSUMER_GOODS_WAREHOUSE"]) procedure: string;
  @Field(() => MoneyScalar, { description: "The duties owed if the procedure is not discharged, CHF." }) amount: number;
  @Field(() => [ID], { description: "DEBT-R12, DEBT-R14 (LD art. 76): the securities of the debtor that secure the duties, used in this order, each up to its headroom; the rest is asked for by a security requisition." })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsUUID("all", { each: true })
  securityIds: string[];
}

@InputType({ description: "The end of the procedure of a conditional debt (LD art. 49 para. 3, 58-60)." })
class SettleProcedureInput {
  @Field(() => ID, { description: "The CONDITIONAL customs debt." }) @IsUUID() debtId: string;
  @Field({ description: "True: the procedure was properly discharged, the debt is extinguished; false: it was not, the debt falls due." }) discharged: boolean;
}

function mine(ctx: DebtContext): string[] | null {
  return ctx.services.access.partnerScope(ctx.principal);
}

function requirePartner(ctx: DebtContext, partnerId: string): void {
  ctx.services.access.requirePartner(ctx.principal, partnerId);
}

@Resolver(() => CustomsDebt)
export class CustomsDebtResolver {
  @Query(() => CustomsDebt, { description: "A customs debt: for its debtors and officers." })
  async customsDebt(@Arg("id", () => ID, { description: "The customs debt's id." }) id: string, @Ctx() ctx: DebtContext): Promise<CustomsDebt> {
    if (ctx.principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    return requireVisibleDebt(ctx, await ctx.services.debts.get(id));
  }

  @Query(() => CustomsDebtConnection, { description: "Officers: all debts; partners: the debts they owe." })
  async customsDebts(@Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => DebtFilterArgs) filter: DebtFilterArgs, @Ctx() ctx: DebtContext) {
    return ctx.services.debts.list({ debtorIds: mine(ctx), statuses: filter.statuses }, args);
  }

  @Query(() => SecurityRequisitionConnection, {
    description: "Decisions requiring security (DEBT-R18, LD art. 81), oldest decision first: officers see all, partners their own. Not one withdrawn unmet because the conditional debt it secured ended (LD art. 49 para. 3-4).",
  })
  async securityRequisitions(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DebtContext): Promise<ConnectionShape<SecurityRequisition>> {
    return ctx.services.securities.requisitions(mine(ctx), args);
  }

  @Mutation(() => PaymentPayload, {
    description:
      "DEBT-R09, DEBT-R15 (LD art. 73, 78): record a payment by a debtor or a surety; default interest first (DEBT-R10). DEC-R62 (OD-AFD art. 39): a debtor with an active PCD account pays without cash, against invoice (PCD_PAYMENT_REQUIRED for CASH).",
  })
  async recordPayment(@Arg("input", { description: "The debt, the payer, the amount and the method." }) input: RecordPaymentInput, @Ctx() ctx: DebtContext): Promise<PaymentPayload> {
    return { payment: await ctx.services.debts.pay(ctx.principal, input) };
  }

  @Mutation(() => SuretyReceiptPayload, {
    description:
      "DEBT-R15 (LD art. 78 para. 1): the surety that paid asks for the receipt for its recourse against the debtors and the final lifting of an opposition; the surety's users or software, or the office, ask; one per payment (RECEIPT_ALREADY_ISSUED).",
  })
  async issueSuretyReceipt(@Arg("input", { description: "The surety's payment." }) input: SuretyReceiptInput, @Ctx() ctx: DebtContext): Promise<SuretyReceiptPayload> {
    return { suretyReceipt: await ctx.services.debts.issueSuretyReceipt(ctx.principal, input.paymentId) };
  }

  @Mutation(() => CustomsDebtPayload, { description: "DEBT-R11 (LD art. 75 para. 3): a recovery action interrupts limitation (DESIGN CHOICE: a new 5-year period runs from the end of the year of the interruption, within the 15-year limit)." })
  async interruptLimitation(@Arg("input", { description: "The debt and the recovery action." }) input: InterruptInput, @Ctx() ctx: DebtContext): Promise<CustomsDebtPayload> {
    return { customsDebt: await ctx.services.debts.interruptLimitation(ctx.principal, input.debtId, input.reason) };
  }

  @Mutation(() => SubsequentCollectionPayload, { description: "DEBT-R22 (LD art. 85): notify the intention to collect what was by mistake not collected, within one year of the taxation decision." })
  async decideSubsequentCollection(@Arg("input", { description: "The debt, the kind of error and the amount." }) input: SubsequentCollectionInput, @Ctx() ctx: DebtContext): Promise<SubsequentCollectionPayload> {
    return { subsequentCollection: await ctx.services.debts.subsequentCollection(ctx.principal, input) };
  }

  @Mutation(() => RemissionRequestPayload, { description: "DEBT-R23 (LD art. 86): a debtor, or a surety of the debt, asks for remission within one year of the taxation decision; for a conditional taxation (a procedure's or a stored lot's debt), within one year from the end of the procedure (for a lot destroyed in the warehouse, X18: from its destruction, LD art. 86 para. 1 let. a)." })
  async requestRemission(@Arg("input", { description: "The debt, the ground and the justification." }) input: RemissionInput, @Ctx() ctx: DebtContext): Promise<RemissionRequestPayload> {
    return { remissionRequest: await ctx.services.debts.requestRemission(ctx.principal, input) };
  }

  @Mutation(() => RemissionRequestPayload, { description: "DEBT-R23 (OD-AFD art. 59): the DGD decides on remission. A full remission ends the debt and releases its securities (DEBT-R16, LD art. 79 para. 1)." })
  async decideRemission(@Arg("input", { description: "The request and the DGD's decision." }) input: DecideRemissionInput, @Ctx() ctx: DebtContext): Promise<RemissionRequestPayload> {
    return { remissionRequest: await ctx.services.debts.decideRemission(ctx.principal, input) };
  }

  @FieldResolver(() => CustomsDeclaration, {
    nullable: true,
    description:
      "The declaration the debt comes from; null for the debts keyed by something else (`caseReference`): an omitted declaration recorded by the office (`omitted:`), a procedure's conditional debt (`procedure:`), a stored lot's debt (`lot:`), the debt of goods presumed smuggled and seized without a recorded declaration (`seizure:`, X21; LD art. 83 para. 3), prohibited traffic's duties (`prohibited-traffic:`, X23; LD art. 120 para. 5) and a fine (`fine:`; LD art. 118-127).",
  })
  declaration(@Root() debt: CustomsDebt): CustomsDeclaration | null {
    return debt.declarationId.includes(":") ? null : { id: debt.declarationId };
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      "The office's case reference, for a debt it established itself; `procedure:<case id>` for the conditional debt of a declarations procedure case (X11; LD art. 49, 58-60); `lot:<lot id>` for a stored lot's debt: a consumer goods warehouse lot's conditional debt (X14; LD art. 51 para. 2 let. b), or the debt of a lot that left a warehouse without a declaration (X16; LD art. 69 let. d); `seizure:<seizure id>` for the debt of goods presumed smuggled that enforcement seized without a recorded declaration (X21; LD art. 69 let. c, 83 para. 3); `prohibited-traffic:<offence case id>` for the duties payable after prohibited traffic (X23; LD art. 120 para. 5); `fine:<offence case id>` for a final fine (LD art. 118-127).",
  })
  caseReference(@Root() debt: CustomsDebt): string | null {
    return debt.declarationId.includes(":") ? debt.declarationId : null;
  }

  @FieldResolver(() => OffenceCase, {
    nullable: true,
    description:
      "Enforcement's offence case the debt comes from: the case whose final penalty decision imposed the fine (`fine:`; LD art. 118-127, the fine collected like a customs debt: DESIGN CHOICE), or the prohibited traffic whose authorised import or export's duties are payable (`prohibited-traffic:`, X23; DEBT-R29, LD art. 120 para. 5); null for any other debt.",
  })
  offenceCase(@Root() debt: CustomsDebt): OffenceCase | null {
    const caseId = offenceCaseOf(debt.declarationId);
    return caseId ? { id: caseId } : null;
  }

  @Mutation(() => CustomsDebtPayload, {
    description:
      "DEBT-R02 let. c-d (LD art. 69): record the debt of an omitted declaration, born at the crossing, the change of use, the sale outside the free period, the discovery, or the release from an open warehouse. Not for a moment in the future, nor one whose debt the 15-year limit of LD art. 75 para. 4 has barred (DEBT-R11; DESIGN CHOICE: the longer periods it reserves for offences, DPA art. 11-12, belong to the enforcement case).",
  })
  async recordOmittedDeclarationDebt(@Arg("input", { description: "The case reference, the debtors, the trigger, the moment and the amount." }) input: OmittedDebtInput, @Ctx() ctx: DebtContext): Promise<CustomsDebtPayload> {
    return { customsDebt: await ctx.services.debts.recordOmittedDeclarationDebt(ctx.principal, input) };
  }

  @Mutation(() => CustomsDebtPayload, { description: "DEBT-R12 (LD art. 76 para. 1): a procedure's conditional debt, secured on opening, for a case outside any declaration (a declaration's procedure case records its own, X11)." })
  async recordConditionalDebt(@Arg("input", { description: "The procedure, its holder, the duties and the securities that secure them." }) input: ConditionalDebtInput, @Ctx() ctx: DebtContext): Promise<CustomsDebtPayload> {
    return { customsDebt: await ctx.services.conditionalDebts.recordConditionalDebt(ctx.principal, input) };
  }

  @Mutation(() => CustomsDebtPayload, { description: "LD art. 49 para. 3, 58-60: the procedure was discharged (the debt is extinguished, its securities released, an unmet requisition withdrawn) or not (it falls due)." })
  async settleProcedureDebt(@Arg("input", { description: "The conditional debt and whether its procedure was discharged." }) input: SettleProcedureInput, @Ctx() ctx: DebtContext): Promise<CustomsDebtPayload> {
    return { customsDebt: await ctx.services.conditionalDebts.settleProcedure(ctx.principal, input) };
  }

  @FieldResolver(() => [DebtorLiability], {
    description:
      "Bounded: the persons liable for this one debt, a handful by construction: the declarant or agent and the principal from a declaration (two), those the office names for an omitted declaration (at most 20), the persons of one seizure or offence case; a new depositor of a stored lot replaces the former one instead of adding to the list. DEBT-R03 (LD art. 70): the debtors, jointly and severally liable (DEBT-R04: except a professional declarant in the cases of LD art. 70 para. 4).",
  })
  async debtors(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<DebtorLiability[]> {
    const at = recordedAsOf(debt);
    return at ? loaders.debtorsAsOf(ctx, at).load(debt.id) : loaders.debtors(ctx).load(debt.id);
  }

  @FieldResolver(() => MoneyScalar, {
    description:
      "DEBT-R10 (LD art. 74): default interest accrued to now (for a debt read as of a date, to that instant, from the payments made by then), from the due date, when the payment period passed unpaid; none while a cash deposit secures the debt.",
  })
  async interest(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<number> {
    const at = recordedAsOf(debt);
    return at ? loaders.interestAsOf(ctx, at).load(debt) : loaders.interest(ctx).load(debt);
  }

  @FieldResolver(() => MoneyScalar, { description: "Principal and interest still to pay; negative when a refund is due." })
  async outstanding(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<number> {
    if (![DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT].includes(debt.status)) return debt.status === DebtStatus.PAID ? 0 : Math.min(0, ctx.services.debts.outstandingPrincipal(debt));
    return ctx.services.debts.outstandingPrincipal(debt) + (await this.interest(debt, ctx)) - debt.interestPaid;
  }

  @FieldResolver(() => String, { description: "DEBT-R11 (LD art. 75): the day the debt is time-barred: 5 years from the end of the year it became due (restarted by interruptions, prolonged by suspensions), never after 15 years from the end of the year it arose." })
  limitationDate(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): string {
    return ctx.services.debts.limitation(debt, recordedAsOf(debt) ?? ctx.services.runtime.clock.now()).date.toISOString();
  }

  @FieldResolver(() => String, { description: "DEBT-R11: the absolute limit, 15 years from the end of the year the debt arose." })
  absoluteLimitationDate(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): string {
    return ctx.services.debts.limitation(debt, recordedAsOf(debt) ?? ctx.services.runtime.clock.now()).absoluteEnd.toISOString();
  }

  @FieldResolver(() => MoneyScalar, {
    description:
      "DEBT-R14 (LD art. 76-77): what the securities attached to the debt cover; for a debt read as of a date, what was attached then on the securities of its debtors or still attached to it (a security of a stored lot's former depositor released since is not counted, LD art. 52 para. 2 let. b).",
  })
  async securedAmount(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<number> {
    const at = recordedAsOf(debt);
    return at ? loaders.securedAmountAsOf(ctx, at).load(debt.id) : loaders.securedAmount(ctx).load(debt.id);
  }

  @FieldResolver(() => MoneyScalar, { nullable: true, description: "DEBT-R12, DEBT-R14 (LD art. 76 para. 1-2): for a conditional debt, the part no security covers yet (additional security is required for it); null for other debts." })
  async unsecuredAmount(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<number | null> {
    if (debt.status !== DebtStatus.CONDITIONAL) return null;
    return Math.max(0, (debt.amount ?? 0) - (await this.securedAmount(debt, ctx)));
  }

  @FieldResolver(() => Boolean, { nullable: true, description: "DEBT-R12 (LD art. 76 para. 1): for a conditional debt, whether its duties are fully secured, so the goods of the procedure may be released; null for other debts." })
  async goodsReleasable(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<boolean | null> {
    const unsecured = await this.unsecuredAmount(debt, ctx);
    return unsecured === null ? null : unsecured === 0;
  }

  @FieldResolver(() => PaymentConnection, {
    description: "The payments on the debt, oldest first (DEBT-R09, LD art. 73; by a surety: DEBT-R15, LD art. 78); for a debt read as of a date, those made by then. Paged: part payments have no limit.",
  })
  async payments(@Root() debt: CustomsDebt, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DebtContext): Promise<ConnectionShape<Payment>> {
    const at = recordedAsOf(debt);
    return at ? loaders.paymentsAsOf(ctx, args, at).load(debt.id) : loaders.payments(ctx, args).load(debt.id);
  }
}

@Resolver(() => PaymentPayload)
export class PaymentPayloadResolver {
  @FieldResolver(() => CustomsDebt, { nullable: true, description: "The debt paid, as the payment left it (status, outstanding, interest); null when the caller may not see the debt (a surety that is not one of its debtors)." })
  async customsDebt(@Root() p: PaymentPayload, @Ctx() ctx: DebtContext): Promise<CustomsDebt | null> {
    return visibleDebt(ctx, await loaders.debt(ctx).load(p.payment.debtId));
  }
}

@InputType({ description: "A decision requiring security (DEBT-R13, DEBT-R18; LD art. 76 para. 2, 81)." })
class RequireSecurityInput {
  @Field(() => ID, { description: "The debtor required to provide security." }) @IsUUID() debtorId: string;
  @Field({ description: "E.g. LD art. 76 para. 2 let. b: no domicile in Switzerland." }) @Length(5, 300) legalGround: string;
  @Field(() => MoneyScalar, { description: "The security required, CHF." }) amount: number;
  @Field({ description: "The body where the security is to be deposited, 3 to 200 characters." }) @Length(3, 200) depositBody: string;
}

@Resolver(() => SecurityRequisition)
export class SecurityRequisitionResolver {
  @Mutation(() => SecurityRequisitionPayload, { description: "DEBT-R13, DEBT-R18 (LD art. 76 para. 2, 81): a decision requiring security, with its legal ground, amount and deposit body; an appeal has no suspensive effect." })
  async requireSecurity(@Arg("input", { description: "The debtor, the legal ground, the amount and the deposit body." }) input: RequireSecurityInput, @Ctx() ctx: DebtContext): Promise<SecurityRequisitionPayload> {
    return { securityRequisition: await ctx.services.securities.requireSecurity(ctx.principal, input) };
  }
}

@Resolver(() => DebtorLiability)
export class DebtorLiabilityResolver {
  @FieldResolver(() => BusinessPartner, { description: "The business partner liable." })
  partner(@Root() l: DebtorLiability): BusinessPartner {
    return { id: l.partnerId };
  }
}

@Resolver(() => Security)
export class SecurityResolver {
  @Mutation(() => SecurityPayload, { description: "DEBT-R12, DEBT-R14 (LD art. 76-77): record a cash deposit, securities or a bond with its maximum amount." })
  async provideSecurity(@Arg("input", { description: "The debtor, the kind, the amount, the surety of a bond and the requisition it answers." }) input: ProvideSecurityInput, @Ctx() ctx: DebtContext): Promise<SecurityPayload> {
    return { security: await ctx.services.securities.provide(ctx.principal, input) };
  }

  @Mutation(() => SecurityReservationPayload, { description: "DEBT-R14: attach a claim to a security, never beyond its maximum; DEBT-R16: not a claim born after a terminated bond's cover ended." })
  async reserveSecurity(@Arg("input", { description: "The security, the debt and the amount." }) input: ReserveInput, @Ctx() ctx: DebtContext): Promise<SecurityReservationPayload> {
    return { reservation: await ctx.services.securities.reserve(ctx.principal, input) };
  }

  @Mutation(() => SecurityPayload, { description: "DEBT-R16 (LD art. 79 para. 2): the surety terminates a general bond, at the earliest one year after it was established." })
  async terminateBond(@Arg("input", { description: "The general bond." }) input: SecurityIdInput, @Ctx() ctx: DebtContext): Promise<SecurityPayload> {
    return { security: await ctx.services.securities.terminate(ctx.principal, input.securityId) };
  }

  @Mutation(() => SecurityPayload, { description: "DEBT-R16 (LD art. 79 para. 3): the administration cancels a security at any time." })
  async cancelSecurity(@Arg("input", { description: "The security." }) input: SecurityIdInput, @Ctx() ctx: DebtContext): Promise<SecurityPayload> {
    return { security: await ctx.services.securities.cancel(ctx.principal, input.securityId) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The debtor whose customs claims the security covers." })
  debtor(@Root() s: Security): BusinessPartner {
    return { id: s.debtorId };
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "The surety of a bond (LD art. 77); null for a cash deposit or securities." })
  surety(@Root() s: Security): BusinessPartner | null {
    return s.suretyId ? { id: s.suretyId } : null;
  }

  @FieldResolver(() => SecurityReservationConnection, {
    description:
      "The claims attached to the security, oldest first (DEBT-R14); for a security read as of a date, those attached then, one released since included. Paged: a general bond secures all the debtor's customs claims (LD art. 77 para. 2), without limit in number.",
  })
  async reservations(@Root() s: Security, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DebtContext): Promise<ConnectionShape<SecurityReservation>> {
    const at = recordedAsOf(s);
    return at ? loaders.reservationsAsOf(ctx, args, at).load(s.id) : loaders.reservations(ctx, args).load(s.id);
  }
}

@Resolver(() => Exposure)
export class ExposureResolver {
  @FieldResolver(() => BondHeadroomConnection, {
    description:
      "The partner's general bonds in force (ACTIVE or TERMINATION_RECEIVED), oldest first, each with its headroom (DEBT-R14, LD art. 77); for an exposure read as of a date, the bonds in force then with the claims attached then (paged in memory, same order and cursors). Paged: terminated bonds stay listed and a partner may provide new ones over the years.",
  })
  async bonds(@Root() exposure: Exposure, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DebtContext): Promise<ConnectionShape<BondHeadroom>> {
    return exposure.asOf ? loaders.bondsAsOf(ctx, args, exposure.asOf).load(exposure.partnerId) : loaders.bonds(ctx, args).load(exposure.partnerId);
  }
}

// Issue 15, "as of a date": the `asOf` arguments of the partner's page.
const AS_OF_RECORDED =
  "read from the history the subgraph keeps (issue 15). DESIGN CHOICE where the law is silent: as recorded then, so a correction recorded later is not applied to the past. Omitted: now. An instant after now is refused (AS_OF_IN_THE_FUTURE).";
const DEBTS_AS_OF = `The debts as the administration had recorded them at this instant (ISO 8601 with offset), ${AS_OF_RECORDED} The debts the partner owed then, with their status, amounts, paid parts, due date and payment deadline then; \`statuses\` filters on the status then; their interest, outstanding amount and limitation computed at that instant, their payments those made by then, their debtors and secured amount as recorded then. Paged in memory over the partner's debts then, in the same order and with the same cursors as the list of now.`;
const SECURITIES_AS_OF = `The securities as the administration had recorded them at this instant (ISO 8601 with offset), ${AS_OF_RECORDED} Those the partner had provided or stood surety for by then, with their status, maximum amount, termination, cut-off and cancellation then (DEBT-R16, LD art. 79), and the claims attached to them then (DEBT-R14). Paged in memory over the partner's securities then, in the same order and with the same cursors as the list of now.`;
const EXPOSURE_AS_OF = `The exposure as the administration had recorded it at this instant (ISO 8601 with offset), ${AS_OF_RECORDED} Open and conditional debts as they stood then, for which the partner was jointly and severally liable then (DEBT-R03, DEBT-R04; LD art. 70), default interest accrued up to that instant (DEBT-R10, LD art. 74), and the general bonds in force then with the claims attached then: reserved and headroom then (DEBT-R14, LD art. 77 para. 3), paged in memory in the same order and with the same cursors as the bonds of now.`;

@Resolver(() => BusinessPartner)
export class PartnerDebtResolver {
  @FieldResolver(() => CustomsDebtConnection, { nullable: true, description: "The debts the partner owes (DEBT-R03), oldest first, now or as of `asOf`; officers and the partner's own users and software only." })
  async customsDebts(
    @Root() partner: BusinessPartner,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Args(() => DebtFilterArgs) filter: DebtFilterArgs,
    @Arg("asOf", () => Date, { nullable: true, description: DEBTS_AS_OF }) asOf: Date | null | undefined,
    @Ctx() ctx: DebtContext,
  ) {
    requirePartner(ctx, partner.id);
    const at = ctx.services.history.instant(asOf);
    return at ? loaders.debtsOfPartnerAsOf(ctx, args, filter.statuses, at).load(partner.id) : loaders.debtsOfPartner(ctx, args, filter.statuses).load(partner.id);
  }

  @FieldResolver(() => SecurityConnection, {
    nullable: true,
    description: "Securities the partner provides or stands surety for, oldest first, whatever their status (DEBT-R12, DEBT-R14; LD art. 76-77), now or as of `asOf`; officers and the partner's own users and software only.",
  })
  async securities(
    @Root() partner: BusinessPartner,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("asOf", () => Date, { nullable: true, description: SECURITIES_AS_OF }) asOf: Date | null | undefined,
    @Ctx() ctx: DebtContext,
  ): Promise<ConnectionShape<Security>> {
    requirePartner(ctx, partner.id);
    const at = ctx.services.history.instant(asOf);
    return at ? loaders.securitiesOfPartnerAsOf(ctx, args, at).load(partner.id) : loaders.securitiesOfPartner(ctx, args).load(partner.id);
  }

  @FieldResolver(() => Exposure, { nullable: true, description: "What the partner owes now (with interest), owes conditionally, and its general bonds' headroom; or all of it as of `asOf`." })
  async exposure(@Root() partner: BusinessPartner, @Arg("asOf", () => Date, { nullable: true, description: EXPOSURE_AS_OF }) asOf: Date | null | undefined, @Ctx() ctx: DebtContext): Promise<Exposure> {
    requirePartner(ctx, partner.id);
    const at = ctx.services.history.instant(asOf);
    return at ? loaders.exposureAsOf(ctx, at).load(partner.id) : loaders.exposure(ctx).load(partner.id);
  }
}

@Resolver(() => TaxationDecision)
export class TaxationDebtResolver {
  @FieldResolver(() => CustomsDebt, { nullable: true, description: "The customs debt this taxation decision fixed (LD art. 38, 69)." })
  async customsDebt(@Root() t: TaxationDecision, @Ctx() ctx: DebtContext): Promise<CustomsDebt | null> {
    const debt = await loaders.debtByTaxation(ctx).load(t.id);
    return debt && requireVisibleDebt(ctx, debt);
  }
}

@Resolver(() => ProcedureCase)
export class ProcedureCaseDebtResolver {
  @FieldResolver(() => CustomsDebt, {
    nullable: true,
    description:
      "X11 (LD art. 49 para. 2, 58-60, 76 para. 1): the conditional debt of the case's duties, secured by the holder's general bonds and further security; DUE once the case is not discharged (X12), EXTINGUISHED when it is discharged or relief is granted. Null when the case fixed no duties.",
  })
  async conditionalDebt(@Root() c: ProcedureCase, @Ctx() ctx: DebtContext): Promise<CustomsDebt | null> {
    const debt = await loaders.debtByKey(ctx).load(`procedure:${c.id}`);
    return debt && requireVisibleDebt(ctx, debt);
  }
}

@Resolver(() => StoredLot)
export class StoredLotDebtResolver {
  @FieldResolver(() => CustomsDebt, {
    nullable: true,
    description:
      "X14 (WH-R03, LD art. 51 para. 2 let. b, 76 para. 1): the conditional debt of a consumer goods warehouse's lot, secured by the depositor's bonds and further security; EXTINGUISHED when the lot leaves against an exit declaration, DUE when it leaves without one (X16) or its storage ended unplaced (LD art. 51 para. 3). Also the debt of an open warehouse's lot that left without declaration (LD art. 69 let. d). Null otherwise.",
  })
  async customsDebt(@Root() lot: StoredLot, @Ctx() ctx: DebtContext): Promise<CustomsDebt | null> {
    const debt = await loaders.debtByKey(ctx).load(`lot:${lot.id}`);
    return debt && requireVisibleDebt(ctx, debt);
  }
}

@Resolver(() => Payment)
export class PaymentResolver {
  @FieldResolver(() => SuretyReceipt, { nullable: true, description: "DEBT-R15 (LD art. 78 para. 1): the receipt issued to the surety for this payment, once asked for." })
  async suretyReceipt(@Root() p: Payment, @Ctx() ctx: DebtContext): Promise<SuretyReceipt | null> {
    if (!p.bySurety) return null;
    return loaders.suretyReceipt(ctx).load(p.id);
  }
}

@Resolver(() => SuretyReceipt)
export class SuretyReceiptResolver {
  @FieldResolver(() => BusinessPartner, { description: "The surety that paid." })
  surety(@Root() r: SuretyReceipt): BusinessPartner {
    return { id: r.suretyId };
  }

  @FieldResolver(() => [BusinessPartner], { description: "Bounded: the debtors of the one debt paid, as they were when the receipt was issued (see `CustomsDebt.debtors`). The debtors the surety has recourse against (DEBT-R15, LD art. 78 para. 1)." })
  recourseAgainst(@Root() r: SuretyReceipt): BusinessPartner[] {
    return r.debtorIds.map(id => ({ id }));
  }
}
