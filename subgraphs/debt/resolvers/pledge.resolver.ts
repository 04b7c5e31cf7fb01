import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsIn, IsOptional, IsUUID, Length } from "class-validator";
import { Arg, Args, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from "type-graphql";
import { Connection, ConnectionArgs, ConnectionShape, ForbiddenError, MoneyScalar } from "../../kit";
import { CustomsDebt } from "../entities/debt.entity";
import { CustomsPledge, DebtEnforcementCase, InnocenceGround, PcdAccount, PledgeObjectKind, RealisationMode, SequestrationMode } from "../entities/pledge.entity";
import { BusinessPartner, DebtContext, Seizure } from "./debt.resolver";
import { loaders } from "./loaders";
import { CustomsPledgePayload, DebtEnforcementCasePayload, FeePayload } from "./payloads";

export const CustomsPledgeConnection = Connection(CustomsPledge, "CustomsPledge");

@InputType({ description: "A customs pledge the office records (DEBT-R19, LD art. 82)." })
class RecordPledgeInput {
  @Field(() => PledgeObjectKind, { description: "Dutiable goods, or goods and things used to commit an offence (LD art. 82 para. 1)." }) @IsEnum(PledgeObjectKind) objectKind: PledgeObjectKind;
  @Field({ description: "What the pledge is on, 3 to 500 characters." }) @Length(3, 500) description: string;
  @Field(() => ID, { nullable: true, description: "The owner of the goods, a business partner, when known." }) @IsOptional() @IsUUID() ownerId?: string | null;
  @Field(() => [ID], { description: "The customs debts the pledge secures, 1 to 100." }) @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID("all", { each: true }) debtIds: string[];
  @Field({ description: "The goods lose value quickly or are expensive to keep, and may be sold at once (DEBT-R24, LD art. 87 para. 2)." }) @IsBoolean() perishable: boolean;
  @Field(() => Boolean, { nullable: true, description: "The object is negotiable securities, which may be sold on the stock exchange (LD art. 87 para. 4); false when absent." }) @IsOptional() @IsBoolean() isSecurities?: boolean | null;
}

@InputType({ description: "The sequestration of a customs pledge (DEBT-R20, LD art. 83)." })
class SequesterInput {
  @Field(() => ID, { description: "The customs pledge." }) @IsUUID() pledgeId: string;
  @Field(() => SequestrationMode, { description: "Take control of the object, or forbid its holder to dispose of it." }) @IsEnum(SequestrationMode) mode: SequestrationMode;
}

@InputType({ description: "The release of sequestered goods, against security or without it (DEBT-R21, LD art. 84): give exactly one of `securityId` and `innocence`." })
class ReleasePledgeInput {
  @Field(() => ID, { description: "The sequestered customs pledge." }) @IsUUID() pledgeId: string;
  @Field(() => ID, { nullable: true, description: "Against this security (LD art. 84 para. 1)." }) @IsOptional() @IsUUID() securityId?: string | null;
  @Field(() => InnocenceGround, { nullable: true, description: "Without security (LD art. 84 para. 2)." }) @IsOptional() @IsEnum(InnocenceGround) innocence?: InnocenceGround | null;
  @Field({ description: "Why the goods are returned, 5 to 1000 characters." }) @Length(5, 1000) reason: string;
}

@InputType({ description: "The realisation of a customs pledge (DEBT-R24, LD art. 87)." })
class RealiseInput {
  @Field(() => ID, { description: "The customs pledge." }) @IsUUID() pledgeId: string;
  @Field(() => RealisationMode, { description: "How it was realised: auction, voluntary sale, immediate sale, stock exchange." }) @IsEnum(RealisationMode) mode: RealisationMode;
  @Field(() => MoneyScalar, { description: "What the realisation brought in, CHF." }) proceeds: number;
  @Field(() => Boolean, { nullable: true, description: "The owner agreed to a voluntary sale (LD art. 87 para. 3); required for VOLUNTARY_SALE." }) @IsOptional() @IsBoolean() ownerAgreed?: boolean | null;
  @Field(() => [ID], { nullable: true, description: "DEBT-R19 (LD art. 82 para. 2): the debts the debtor wants paid first." }) @IsOptional() @ArrayMaxSize(100) @IsUUID("all", { each: true }) allocationOrder?: string[] | null;
}

@InputType({ description: "The misappropriation of sequestered goods (X22, LD art. 122)." })
class MisappropriationInput {
  @Field(() => ID, { description: "The sequestered customs pledge." }) @IsUUID() pledgeId: string;
  @Field({ description: "What happened, 5 to 2000 characters; sent to enforcement." }) @Length(5, 2000) facts: string;
}

@InputType({ description: "Debt enforcement of an overdue customs debt (DEBT-R25, LD art. 88)." })
class EnforcementInput {
  @Field(() => ID, { description: "The OVERDUE customs debt." }) @IsUUID() debtId: string;
  @Field({ description: "SEIZURE or BANKRUPTCY_CLAIM." }) @IsIn(["SEIZURE", "BANKRUPTCY_CLAIM"]) kind: "SEIZURE" | "BANKRUPTCY_CLAIM";
}

@InputType({ description: "A fee for a decision or a service (DEBT-R26, LD art. 89)." })
class FeeInput {
  @Field(() => ID, { description: "The business partner who owes the fee." }) @IsUUID() payerId: string;
  @Field({ description: "The decision or service charged, 3 to 300 characters." }) @Length(3, 300) basis: string;
  @Field(() => MoneyScalar, { description: "The fee, CHF: the office enters it, the Federal Council's tariff is not in our sources (DESIGN CHOICE)." }) amount: number;
}

@Resolver(() => CustomsPledge)
export class PledgeResolver {
  @Query(() => CustomsPledgeConnection, { description: "Customs pledges, oldest first by the moment they arose: officers only; anyone else gets an empty page." })
  async customsPledges(@Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: DebtContext): Promise<ConnectionShape<CustomsPledge>> {
    return ctx.services.pledges.list(ctx.principal, args);
  }

  @Mutation(() => CustomsPledgePayload, { description: "DEBT-R19 (LD art. 82): record the customs pledge on dutiable goods or offence instruments, with the debts it secures." })
  async recordCustomsPledge(@Arg("input", { description: "The object, its owner and the debts it secures." }) input: RecordPledgeInput, @Ctx() ctx: DebtContext): Promise<CustomsPledgePayload> {
    return { customsPledge: await ctx.services.pledges.record(ctx.principal, input) };
  }

  @Mutation(() => CustomsPledgePayload, { description: "DEBT-R20 (LD art. 83): sequester: take control, or forbid disposal." })
  async sequesterPledge(@Arg("input", { description: "The pledge and the mode of sequestration." }) input: SequesterInput, @Ctx() ctx: DebtContext): Promise<CustomsPledgePayload> {
    return { customsPledge: await ctx.services.pledges.sequester(ctx.principal, input.pledgeId, input.mode) };
  }

  @Mutation(() => CustomsPledgePayload, { description: "DEBT-R21 (LD art. 84): release against security, or without it for an innocent owner not personally liable." })
  async releasePledge(@Arg("input", { description: "The pledge, the security or the owner's innocence, and the reason." }) input: ReleasePledgeInput, @Ctx() ctx: DebtContext): Promise<CustomsPledgePayload> {
    return { customsPledge: await ctx.services.pledges.release(ctx.principal, input) };
  }

  @Mutation(() => CustomsPledgePayload, { description: "DEBT-R24 (LD art. 87): realise the pledge and allocate the proceeds to the secured debts." })
  async realisePledge(@Arg("input", { description: "The pledge, the mode, the proceeds and the debtor's allocation order." }) input: RealiseInput, @Ctx() ctx: DebtContext): Promise<CustomsPledgePayload> {
    return { customsPledge: await ctx.services.pledges.realise(ctx.principal, input) };
  }

  @Mutation(() => CustomsPledgePayload, { description: "X22 (LD art. 122): report that sequestered goods were misappropriated; enforcement opens a case." })
  async reportPledgeMisappropriation(@Arg("input", { description: "The pledge and the facts." }) input: MisappropriationInput, @Ctx() ctx: DebtContext): Promise<CustomsPledgePayload> {
    return { customsPledge: await ctx.services.pledges.reportMisappropriation(ctx.principal, input.pledgeId, input.facts) };
  }

  @Mutation(() => DebtEnforcementCasePayload, { description: "DEBT-R25 (LD art. 88): enforcement by seizure or a claim in bankruptcy, once the debt is overdue and no realisable pledge covers it." })
  async openDebtEnforcement(@Arg("input", { description: "The debt and the kind of enforcement." }) input: EnforcementInput, @Ctx() ctx: DebtContext): Promise<DebtEnforcementCasePayload> {
    return { enforcementCase: await ctx.services.pledges.openEnforcement(ctx.principal, input) };
  }

  @Mutation(() => FeePayload, { description: "DEBT-R26 (LD art. 89): charge a fee for a decision or a service." })
  async chargeFee(@Arg("input", { description: "The payer, the basis and the amount." }) input: FeeInput, @Ctx() ctx: DebtContext): Promise<FeePayload> {
    return { fee: await ctx.services.pledges.chargeFee(ctx.principal, input) };
  }

  @FieldResolver(() => [CustomsDebt], {
    description:
      "Bounded: fixed when the pledge arose, at most 100 debts named by the office (`recordCustomsPledge`) or the one debt of a seizure (X21), never added to later. The debts the pledge secures (DEBT-R19, LD art. 82 para. 3: it arises with them).",
  })
  async securedDebts(@Root() pledge: CustomsPledge, @Ctx() ctx: DebtContext): Promise<CustomsDebt[]> {
    return (await loaders.debt(ctx).loadMany(pledge.securedDebtIds)).filter((d): d is CustomsDebt => Boolean(d) && !(d instanceof Error));
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "The owner of the goods, when known: released without security if innocent and not personally liable (DEBT-R21, LD art. 84 para. 2)." })
  owner(@Root() pledge: CustomsPledge): BusinessPartner | null {
    return pledge.ownerId ? { id: pledge.ownerId } : null;
  }

  @FieldResolver(() => Seizure, {
    nullable: true,
    description:
      "X21 (DEBT-R20, LD art. 83 para. 3): enforcement's seizure of goods presumed smuggled, sequestered as customs pledge by it; null for a pledge the office recorded.",
  })
  seizure(@Root() pledge: CustomsPledge): Seizure | null {
    return pledge.seizureId ? { id: pledge.seizureId } : null;
  }
}

@Resolver(() => Seizure)
export class SeizurePledgeResolver {
  @FieldResolver(() => CustomsPledge, { nullable: true, description: "X21 (ENF-R20, DEBT-R20; LD art. 83 para. 3): the customs pledge the seizure became, sequestered; officers only, like every pledge." })
  async customsPledge(@Root() seizure: Seizure, @Ctx() ctx: DebtContext): Promise<CustomsPledge | null> {
    if (ctx.principal.kind !== "OFFICER" && ctx.principal.kind !== "SERVICE") throw new ForbiddenError("Customs pledges are the officers'.", { rule: "DEBT-R20", article: "LD art. 83" });
    return loaders.pledgeOfSeizure(ctx).load(seizure.id);
  }
}

@Resolver(() => BusinessPartner)
export class PartnerPcdResolver {
  @FieldResolver(() => PcdAccount, { nullable: true, description: "The partner's PCD account (OD-AFD art. 39), open while it holds an active ACee or ACor role (X02)." })
  async pcdAccount(@Root() partner: BusinessPartner, @Ctx() ctx: DebtContext): Promise<PcdAccount | null> {
    ctx.services.access.requirePartner(ctx.principal, partner.id);
    return loaders.pcdAccount(ctx).load(partner.id);
  }
}

@Resolver(() => DebtEnforcementCase)
export class DebtEnforcementCaseResolver {
  @FieldResolver(() => [BusinessPartner], {
    description:
      "Bounded: frozen when the case opened, one entry per distinct surety of the bonds then attached to this one debt (each bond at most once per debt, ALREADY_RESERVED). DEBT-R15 (LD art. 78 para. 4): the sureties of the bonds attached to the debt, bound by the enforceable title against the debtor.",
  })
  bindsSureties(@Root() c: DebtEnforcementCase): BusinessPartner[] {
    return (c.boundSuretyIds ?? []).map(id => ({ id }));
  }
}
