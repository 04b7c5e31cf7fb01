import { ArrayMaxSize, ArrayMinSize, IsEnum, IsIn, IsOptional, IsUUID, Length, Matches } from "class-validator";
import { Arg, Args, ArgsType, Ctx, Directive, Field, FieldResolver, ID, InputType, Mutation, ObjectType, Query, Resolver, Root } from "type-graphql";
import { IsNull } from "typeorm";
import { Connection, ConnectionArgs, MoneyScalar, SubgraphContext, UnauthenticatedError } from "../../kit";
import { CustomsDebt, DebtorLiability, Payment } from "../entities/debt.entity";
import { CollectionErrorType, DebtBirthTrigger, DebtStatus, PaymentMethod, RemissionGround, SecurityKind } from "../entities/enums";
import { RemissionRequest, Security, SecurityRequisition, SecurityReservation, SubsequentCollection } from "../entities/security.entity";
import { SuretyReceipt } from "../entities/pledge.entity";
import type { DebtServices } from "../services";
import { offenceCaseOf } from "../services/enforcement-debt.service";
import { loaders, requireVisibleDebt } from "./loaders";

export type DebtContext = SubgraphContext<DebtServices>;

// Entities of other subgraphs, as this one knows them: their key, and the fields it adds.
@ObjectType()
@Directive('@key(fields: "id")')
export class BusinessPartner {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class TaxationDecision {
  @Field(() => ID)
  id: string;
}

// A declarations procedure case (DEC-R65 to DEC-R76): debt adds the conditional debt it gave rise to.
@ObjectType()
@Directive('@key(fields: "id")')
export class ProcedureCase {
  @Field(() => ID)
  id: string;
}

// A warehousing stored lot (WH-R03): debt adds the conditional debt of a consumer goods warehouse's lot.
@ObjectType()
@Directive('@key(fields: "id")')
export class StoredLot {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class CustomsDeclaration {
  @Field(() => ID)
  id: string;
}

// Enforcement's offence case (ENF-R07): the case a fine or prohibited traffic's duties come from.
@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class OffenceCase {
  @Field(() => ID)
  id: string;
}

// Enforcement's seizure of goods presumed smuggled (X21): the seizure a customs pledge comes from.
@ObjectType()
@Directive('@key(fields: "id")')
export class Seizure {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: "A general bond's cover: its maximum, what is attached, and what is left (DEBT-R14)." })
export class BondHeadroom {
  @Field(() => Security)
  security: Security;

  @Field(() => MoneyScalar)
  maxAmount: number;

  @Field(() => MoneyScalar)
  reserved: number;

  @Field(() => MoneyScalar)
  headroom: number;
}

@ObjectType({ description: "A partner's exposure: open debts (with default interest to date), conditional debts, and bond headroom." })
export class Exposure {
  @Field(() => MoneyScalar)
  openDebts: number;

  @Field(() => MoneyScalar)
  conditionalDebts: number;

  @Field(() => [BondHeadroom])
  bonds: BondHeadroom[];
}

export const CustomsDebtConnection = Connection(CustomsDebt, "CustomsDebt");

@ArgsType()
class DebtFilterArgs {
  @Field(() => [DebtStatus], { nullable: true })
  @IsOptional()
  statuses?: DebtStatus[] | null;
}

@InputType()
class RecordPaymentInput {
  @Field(() => ID) @IsUUID() debtId: string;
  @Field(() => ID, { description: "A debtor, or the surety of a security covering the debt (DEBT-R15)." }) @IsUUID() payerId: string;
  @Field(() => MoneyScalar) amount: number;
  @Field(() => PaymentMethod) @IsEnum(PaymentMethod) method: PaymentMethod;
}

@InputType()
class ProvideSecurityInput {
  @Field(() => ID) @IsUUID() debtorId: string;
  @Field(() => SecurityKind) @IsEnum(SecurityKind) kind: SecurityKind;
  @Field(() => MoneyScalar, { description: "Amount deposited, or the bond's maximum amount." }) maxAmount: number;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() suretyId?: string | null;
  @Field(() => ID, { nullable: true, description: "The decision requiring security this answers (DEBT-R18)." }) @IsOptional() @IsUUID() requisitionId?: string | null;
}

@InputType()
class ReserveInput {
  @Field(() => ID) @IsUUID() securityId: string;
  @Field(() => ID) @IsUUID() debtId: string;
  @Field(() => MoneyScalar) amount: number;
}

@InputType()
class SuretyReceiptInput {
  @Field(() => ID, { description: "The surety's payment." }) @IsUUID() paymentId: string;
}

@InputType()
class SecurityIdInput {
  @Field(() => ID) @IsUUID() securityId: string;
}

@InputType()
class InterruptInput {
  @Field(() => ID) @IsUUID() debtId: string;
  @Field() @Length(5, 300) reason: string;
}

@InputType()
class SubsequentCollectionInput {
  @Field(() => ID) @IsUUID() debtId: string;
  @Field(() => CollectionErrorType) @IsEnum(CollectionErrorType) errorType: CollectionErrorType;
  @Field(() => MoneyScalar) amount: number;
}

@InputType()
class RemissionInput {
  @Field(() => ID) @IsUUID() debtId: string;
  @Field(() => RemissionGround) @IsEnum(RemissionGround) ground: RemissionGround;
  @Field() @Length(10, 2000) justification: string;
}

@InputType()
class DecideRemissionInput {
  @Field(() => ID) @IsUUID() requestId: string;
  @Field() grant: boolean;
  @Field(() => MoneyScalar, { nullable: true, description: "Partial remission; the whole outstanding principal when absent." }) @IsOptional() amount?: number | null;
}

@InputType()
class OmittedDebtInput {
  @Field({ description: "The office's case reference." }) @Matches(/^[A-Za-z0-9-]{3,26}$/) reference: string;
  @Field(() => [ID], { description: "The debtors: business partners' ids (DEBT-R03, LD art. 70)." }) @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID("all", { each: true }) debtorIds: string[];
  @Field(() => DebtBirthTrigger) @IsEnum(DebtBirthTrigger) trigger: DebtBirthTrigger;
  @Field() arisenAt: Date;
  @Field(() => MoneyScalar) amount: number;
}

@InputType()
class ConditionalDebtInput {
  @Field({ description: "The procedure's reference." }) @Matches(/^[A-Za-z0-9-]{3,26}$/) reference: string;
  @Field(() => ID) @IsUUID() debtorId: string;
  @Field({ description: "TRANSIT, TEMPORARY_ADMISSION, INWARD_PROCESSING, OUTWARD_PROCESSING or CONSUMER_GOODS_WAREHOUSE." }) @IsIn(["TRANSIT", "TEMPORARY_ADMISSION", "INWARD_PROCESSING", "OUTWARD_PROCESSING", "CONSUMER_GOODS_WAREHOUSE"]) procedure: string;
  @Field(() => MoneyScalar) amount: number;
  @Field(() => [ID], { description: "DEBT-R12, DEBT-R14 (LD art. 76): the securities of the debtor that secure the duties, used in this order, each up to its headroom; the rest is asked for by a security requisition." })
  @ArrayMinSize(1)
  @ArrayMaxSize(5)
  @IsUUID("all", { each: true })
  securityIds: string[];
}

@InputType()
class SettleProcedureInput {
  @Field(() => ID) @IsUUID() debtId: string;
  @Field() discharged: boolean;
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
  async customsDebt(@Arg("id", () => ID) id: string, @Ctx() ctx: DebtContext): Promise<CustomsDebt> {
    if (ctx.principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    return requireVisibleDebt(ctx, await ctx.services.debts.get(id));
  }

  @Query(() => CustomsDebtConnection, { description: "Officers: all debts; partners: the debts they owe." })
  async customsDebts(@Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => DebtFilterArgs) filter: DebtFilterArgs, @Ctx() ctx: DebtContext) {
    return ctx.services.debts.list({ debtorIds: mine(ctx), statuses: filter.statuses }, args);
  }

  @Query(() => [SecurityRequisition], {
    description: "Decisions requiring security (DEBT-R18, LD art. 81): officers see all, partners their own. Not one withdrawn unmet because the conditional debt it secured ended (LD art. 49 para. 3-4).",
  })
  async securityRequisitions(@Ctx() ctx: DebtContext): Promise<SecurityRequisition[]> {
    const own = mine(ctx);
    const repo = ctx.services.runtime.dataSource.getRepository(SecurityRequisition);
    return own ? (own.length ? repo.find({ where: own.map(debtorId => ({ debtorId, withdrawnAt: IsNull() })) }) : []) : repo.find({ where: { withdrawnAt: IsNull() } });
  }

  @Mutation(() => Payment, {
    description:
      "DEBT-R09, DEBT-R15 (LD art. 73, 78): record a payment by a debtor or a surety; default interest first (DEBT-R10). DEC-R62 (OD-AFD art. 39): a debtor with an active PCD account pays without cash, against invoice (PCD_PAYMENT_REQUIRED for CASH).",
  })
  async recordPayment(@Arg("input") input: RecordPaymentInput, @Ctx() ctx: DebtContext): Promise<Payment> {
    return ctx.services.debts.pay(ctx.principal, input);
  }

  @Mutation(() => SuretyReceipt, {
    description:
      "DEBT-R15 (LD art. 78 para. 1): the surety that paid asks for the receipt for its recourse against the debtors and the final lifting of an opposition; the surety's users or software, or the office, ask; one per payment (RECEIPT_ALREADY_ISSUED).",
  })
  async issueSuretyReceipt(@Arg("input") input: SuretyReceiptInput, @Ctx() ctx: DebtContext): Promise<SuretyReceipt> {
    return ctx.services.debts.issueSuretyReceipt(ctx.principal, input.paymentId);
  }

  @Mutation(() => CustomsDebt, { description: "DEBT-R11 (LD art. 75 para. 3): a recovery action interrupts limitation." })
  async interruptLimitation(@Arg("input") input: InterruptInput, @Ctx() ctx: DebtContext): Promise<CustomsDebt> {
    return ctx.services.debts.interruptLimitation(ctx.principal, input.debtId, input.reason);
  }

  @Mutation(() => SubsequentCollection, { description: "DEBT-R22 (LD art. 85): notify the intention to collect what was by mistake not collected, within one year of the taxation decision." })
  async decideSubsequentCollection(@Arg("input") input: SubsequentCollectionInput, @Ctx() ctx: DebtContext): Promise<SubsequentCollection> {
    return ctx.services.debts.subsequentCollection(ctx.principal, input);
  }

  @Mutation(() => RemissionRequest, { description: "DEBT-R23 (LD art. 86): a debtor, or a surety of the debt, asks for remission within one year of the taxation decision; for a conditional taxation (a procedure's or a stored lot's debt), within one year from the end of the procedure (for a lot destroyed in the warehouse, X18: from its destruction, LD art. 86 para. 1 let. a)." })
  async requestRemission(@Arg("input") input: RemissionInput, @Ctx() ctx: DebtContext): Promise<RemissionRequest> {
    return ctx.services.debts.requestRemission(ctx.principal, input);
  }

  @Mutation(() => RemissionRequest, { description: "DEBT-R23 (OD-AFD art. 59): the DGD decides on remission. A full remission ends the debt and releases its securities (DEBT-R16, LD art. 79 para. 1)." })
  async decideRemission(@Arg("input") input: DecideRemissionInput, @Ctx() ctx: DebtContext): Promise<RemissionRequest> {
    return ctx.services.debts.decideRemission(ctx.principal, input);
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

  @Mutation(() => CustomsDebt, {
    description:
      "DEBT-R02 let. c-d (LD art. 69): record the debt of an omitted declaration, born at the crossing, the change of use, the sale outside the free period, the discovery, or the release from an open warehouse. Not for a moment in the future, nor one whose debt the 15-year limit of LD art. 75 para. 4 has barred (DEBT-R11; DESIGN CHOICE: the longer periods it reserves for offences, DPA art. 11-12, belong to the enforcement case).",
  })
  async recordOmittedDeclarationDebt(@Arg("input") input: OmittedDebtInput, @Ctx() ctx: DebtContext): Promise<CustomsDebt> {
    return ctx.services.debts.recordOmittedDeclarationDebt(ctx.principal, input);
  }

  @Mutation(() => CustomsDebt, { description: "DEBT-R12 (LD art. 76 para. 1): a procedure's conditional debt, secured on opening, for a case outside any declaration (a declaration's procedure case records its own, X11)." })
  async recordConditionalDebt(@Arg("input") input: ConditionalDebtInput, @Ctx() ctx: DebtContext): Promise<CustomsDebt> {
    return ctx.services.conditionalDebts.recordConditionalDebt(ctx.principal, input);
  }

  @Mutation(() => CustomsDebt, { description: "LD art. 49 para. 3, 58-60: the procedure was discharged (the debt is extinguished, its securities released, an unmet requisition withdrawn) or not (it falls due)." })
  async settleProcedureDebt(@Arg("input") input: SettleProcedureInput, @Ctx() ctx: DebtContext): Promise<CustomsDebt> {
    return ctx.services.conditionalDebts.settleProcedure(ctx.principal, input);
  }

  @FieldResolver(() => [DebtorLiability], { description: "DEBT-R03 (LD art. 70): the debtors, jointly and severally liable." })
  async debtors(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<DebtorLiability[]> {
    return loaders.debtors(ctx).load(debt.id);
  }

  @FieldResolver(() => MoneyScalar, { description: "DEBT-R10 (LD art. 74): default interest accrued to now, from the due date, when the payment period passed unpaid; none while a cash deposit secures the debt." })
  async interest(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<number> {
    return loaders.interest(ctx).load(debt);
  }

  @FieldResolver(() => MoneyScalar, { description: "Principal and interest still to pay; negative when a refund is due." })
  async outstanding(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<number> {
    if (![DebtStatus.DUE, DebtStatus.OVERDUE, DebtStatus.IN_ENFORCEMENT].includes(debt.status)) return debt.status === DebtStatus.PAID ? 0 : Math.min(0, ctx.services.debts.outstandingPrincipal(debt));
    return ctx.services.debts.outstandingPrincipal(debt) + (await this.interest(debt, ctx)) - debt.interestPaid;
  }

  @FieldResolver(() => String, { description: "DEBT-R11 (LD art. 75): the day the debt is time-barred: 5 years from the end of the year it became due (restarted by interruptions, prolonged by suspensions), never after 15 years from the end of the year it arose." })
  limitationDate(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): string {
    return ctx.services.debts.limitation(debt, ctx.services.runtime.clock.now()).date.toISOString();
  }

  @FieldResolver(() => String, { description: "DEBT-R11: the absolute limit, 15 years from the end of the year the debt arose." })
  absoluteLimitationDate(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): string {
    return ctx.services.debts.limitation(debt, ctx.services.runtime.clock.now()).absoluteEnd.toISOString();
  }

  @FieldResolver(() => MoneyScalar, { description: "DEBT-R14 (LD art. 76-77): what the securities attached to the debt cover." })
  async securedAmount(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<number> {
    return loaders.securedAmount(ctx).load(debt.id);
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

  @FieldResolver(() => [Payment])
  async payments(@Root() debt: CustomsDebt, @Ctx() ctx: DebtContext): Promise<Payment[]> {
    return loaders.payments(ctx).load(debt.id);
  }
}

@InputType()
class RequireSecurityInput {
  @Field(() => ID) @IsUUID() debtorId: string;
  @Field({ description: "E.g. LD art. 76 para. 2 let. b: no domicile in Switzerland." }) @Length(5, 300) legalGround: string;
  @Field(() => MoneyScalar) amount: number;
  @Field() @Length(3, 200) depositBody: string;
}

@Resolver(() => SecurityRequisition)
export class SecurityRequisitionResolver {
  @Mutation(() => SecurityRequisition, { description: "DEBT-R13, DEBT-R18 (LD art. 76 para. 2, 81): a decision requiring security, with its legal ground, amount and deposit body; an appeal has no suspensive effect." })
  async requireSecurity(@Arg("input") input: RequireSecurityInput, @Ctx() ctx: DebtContext): Promise<SecurityRequisition> {
    return ctx.services.securities.requireSecurity(ctx.principal, input);
  }
}

@Resolver(() => DebtorLiability)
export class DebtorLiabilityResolver {
  @FieldResolver(() => BusinessPartner)
  partner(@Root() l: DebtorLiability): BusinessPartner {
    return { id: l.partnerId };
  }
}

@Resolver(() => Security)
export class SecurityResolver {
  @Mutation(() => Security, { description: "DEBT-R12, DEBT-R14 (LD art. 76-77): record a cash deposit, securities or a bond with its maximum amount." })
  async provideSecurity(@Arg("input") input: ProvideSecurityInput, @Ctx() ctx: DebtContext): Promise<Security> {
    return ctx.services.securities.provide(ctx.principal, input);
  }

  @Mutation(() => SecurityReservation, { description: "DEBT-R14: attach a claim to a security, never beyond its maximum; DEBT-R16: not a claim born after a terminated bond's cover ended." })
  async reserveSecurity(@Arg("input") input: ReserveInput, @Ctx() ctx: DebtContext): Promise<SecurityReservation> {
    return ctx.services.securities.reserve(ctx.principal, input);
  }

  @Mutation(() => Security, { description: "DEBT-R16 (LD art. 79 para. 2): the surety terminates a general bond, at the earliest one year after it was established." })
  async terminateBond(@Arg("input") input: SecurityIdInput, @Ctx() ctx: DebtContext): Promise<Security> {
    return ctx.services.securities.terminate(ctx.principal, input.securityId);
  }

  @Mutation(() => Security, { description: "DEBT-R16 (LD art. 79 para. 3): the administration cancels a security at any time." })
  async cancelSecurity(@Arg("input") input: SecurityIdInput, @Ctx() ctx: DebtContext): Promise<Security> {
    return ctx.services.securities.cancel(ctx.principal, input.securityId);
  }

  @FieldResolver(() => BusinessPartner)
  debtor(@Root() s: Security): BusinessPartner {
    return { id: s.debtorId };
  }

  @FieldResolver(() => BusinessPartner, { nullable: true })
  surety(@Root() s: Security): BusinessPartner | null {
    return s.suretyId ? { id: s.suretyId } : null;
  }

  @FieldResolver(() => [SecurityReservation])
  async reservations(@Root() s: Security, @Ctx() ctx: DebtContext): Promise<SecurityReservation[]> {
    return loaders.reservations(ctx).load(s.id);
  }
}

@Resolver(() => BusinessPartner)
export class PartnerDebtResolver {
  @FieldResolver(() => CustomsDebtConnection, { nullable: true, description: "The debts the partner owes (DEBT-R03)." })
  async customsDebts(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => DebtFilterArgs) filter: DebtFilterArgs, @Ctx() ctx: DebtContext) {
    requirePartner(ctx, partner.id);
    return ctx.services.debts.list({ debtorIds: [partner.id], statuses: filter.statuses }, args);
  }

  @FieldResolver(() => [Security], { nullable: true, description: "Securities the partner provides or stands surety for." })
  async securities(@Root() partner: BusinessPartner, @Ctx() ctx: DebtContext): Promise<Security[]> {
    requirePartner(ctx, partner.id);
    return loaders.securitiesOfPartner(ctx).load(partner.id);
  }

  @FieldResolver(() => Exposure, { nullable: true, description: "What the partner owes now (with interest), owes conditionally, and its general bonds' headroom." })
  async exposure(@Root() partner: BusinessPartner, @Ctx() ctx: DebtContext): Promise<Exposure> {
    requirePartner(ctx, partner.id);
    return loaders.exposure(ctx).load(partner.id);
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

  @FieldResolver(() => [BusinessPartner], { description: "The debtors the surety has recourse against (DEBT-R15)." })
  recourseAgainst(@Root() r: SuretyReceipt): BusinessPartner[] {
    return r.debtorIds.map(id => ({ id }));
  }
}
