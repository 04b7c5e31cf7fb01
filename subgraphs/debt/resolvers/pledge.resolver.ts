import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsIn, IsOptional, IsUUID, Length } from "class-validator";
import { Arg, Ctx, Field, FieldResolver, ID, InputType, Mutation, Query, Resolver, Root } from "type-graphql";
import { ForbiddenError, MoneyScalar } from "../../kit";
import { CustomsDebt } from "../entities/debt.entity";
import { CustomsPledge, DebtEnforcementCase, Fee, InnocenceGround, PcdAccount, PledgeObjectKind, RealisationMode, SequestrationMode } from "../entities/pledge.entity";
import { BusinessPartner, DebtContext, Seizure } from "./debt.resolver";
import { loaders } from "./loaders";

@InputType()
class RecordPledgeInput {
  @Field(() => PledgeObjectKind) @IsEnum(PledgeObjectKind) objectKind: PledgeObjectKind;
  @Field() @Length(3, 500) description: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() ownerId?: string | null;
  @Field(() => [ID]) @ArrayMinSize(1) @ArrayMaxSize(100) @IsUUID("all", { each: true }) debtIds: string[];
  @Field() @IsBoolean() perishable: boolean;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() isSecurities?: boolean | null;
}

@InputType()
class SequesterInput {
  @Field(() => ID) @IsUUID() pledgeId: string;
  @Field(() => SequestrationMode) @IsEnum(SequestrationMode) mode: SequestrationMode;
}

@InputType()
class ReleasePledgeInput {
  @Field(() => ID) @IsUUID() pledgeId: string;
  @Field(() => ID, { nullable: true, description: "Against this security (LD art. 84 para. 1)." }) @IsOptional() @IsUUID() securityId?: string | null;
  @Field(() => InnocenceGround, { nullable: true, description: "Without security (LD art. 84 para. 2)." }) @IsOptional() @IsEnum(InnocenceGround) innocence?: InnocenceGround | null;
  @Field() @Length(5, 1000) reason: string;
}

@InputType()
class RealiseInput {
  @Field(() => ID) @IsUUID() pledgeId: string;
  @Field(() => RealisationMode) @IsEnum(RealisationMode) mode: RealisationMode;
  @Field(() => MoneyScalar) proceeds: number;
  @Field(() => Boolean, { nullable: true }) @IsOptional() @IsBoolean() ownerAgreed?: boolean | null;
  @Field(() => [ID], { nullable: true, description: "DEBT-R19 (LD art. 82 para. 2): the debts the debtor wants paid first." }) @IsOptional() @ArrayMaxSize(100) @IsUUID("all", { each: true }) allocationOrder?: string[] | null;
}

@InputType()
class MisappropriationInput {
  @Field(() => ID) @IsUUID() pledgeId: string;
  @Field() @Length(5, 2000) facts: string;
}

@InputType()
class EnforcementInput {
  @Field(() => ID) @IsUUID() debtId: string;
  @Field({ description: "SEIZURE or BANKRUPTCY_CLAIM." }) @IsIn(["SEIZURE", "BANKRUPTCY_CLAIM"]) kind: "SEIZURE" | "BANKRUPTCY_CLAIM";
}

@InputType()
class FeeInput {
  @Field(() => ID) @IsUUID() payerId: string;
  @Field() @Length(3, 300) basis: string;
  @Field(() => MoneyScalar) amount: number;
}

@Resolver(() => CustomsPledge)
export class PledgeResolver {
  @Query(() => [CustomsPledge], { description: "Customs pledges (officers)." })
  async customsPledges(@Ctx() ctx: DebtContext): Promise<CustomsPledge[]> {
    if (ctx.principal.kind !== "OFFICER" && ctx.principal.kind !== "SERVICE") return [];
    return ctx.services.runtime.dataSource.getRepository(CustomsPledge).find({ order: { arisenAt: "ASC" } });
  }

  @Mutation(() => CustomsPledge, { description: "DEBT-R19 (LD art. 82): record the customs pledge on dutiable goods or offence instruments, with the debts it secures." })
  async recordCustomsPledge(@Arg("input") input: RecordPledgeInput, @Ctx() ctx: DebtContext): Promise<CustomsPledge> {
    return ctx.services.pledges.record(ctx.principal, input);
  }

  @Mutation(() => CustomsPledge, { description: "DEBT-R20 (LD art. 83): sequester: take control, or forbid disposal." })
  async sequesterPledge(@Arg("input") input: SequesterInput, @Ctx() ctx: DebtContext): Promise<CustomsPledge> {
    return ctx.services.pledges.sequester(ctx.principal, input.pledgeId, input.mode);
  }

  @Mutation(() => CustomsPledge, { description: "DEBT-R21 (LD art. 84): release against security, or without it for an innocent owner not personally liable." })
  async releasePledge(@Arg("input") input: ReleasePledgeInput, @Ctx() ctx: DebtContext): Promise<CustomsPledge> {
    return ctx.services.pledges.release(ctx.principal, input);
  }

  @Mutation(() => CustomsPledge, { description: "DEBT-R24 (LD art. 87): realise the pledge and allocate the proceeds to the secured debts." })
  async realisePledge(@Arg("input") input: RealiseInput, @Ctx() ctx: DebtContext): Promise<CustomsPledge> {
    return ctx.services.pledges.realise(ctx.principal, input);
  }

  @Mutation(() => CustomsPledge, { description: "X22 (LD art. 122): report that sequestered goods were misappropriated; enforcement opens a case." })
  async reportPledgeMisappropriation(@Arg("input") input: MisappropriationInput, @Ctx() ctx: DebtContext): Promise<CustomsPledge> {
    return ctx.services.pledges.reportMisappropriation(ctx.principal, input.pledgeId, input.facts);
  }

  @Mutation(() => DebtEnforcementCase, { description: "DEBT-R25 (LD art. 88): enforcement by seizure or a claim in bankruptcy, once the debt is overdue and no realisable pledge covers it." })
  async openDebtEnforcement(@Arg("input") input: EnforcementInput, @Ctx() ctx: DebtContext): Promise<DebtEnforcementCase> {
    return ctx.services.pledges.openEnforcement(ctx.principal, input);
  }

  @Mutation(() => Fee, { description: "DEBT-R26 (LD art. 89): charge a fee for a decision or a service." })
  async chargeFee(@Arg("input") input: FeeInput, @Ctx() ctx: DebtContext): Promise<Fee> {
    return ctx.services.pledges.chargeFee(ctx.principal, input);
  }

  @FieldResolver(() => [CustomsDebt], { description: "The debts the pledge secures." })
  async securedDebts(@Root() pledge: CustomsPledge, @Ctx() ctx: DebtContext): Promise<CustomsDebt[]> {
    return (await loaders.debt(ctx).loadMany(pledge.securedDebtIds)).filter((d): d is CustomsDebt => Boolean(d) && !(d instanceof Error));
  }

  @FieldResolver(() => BusinessPartner, { nullable: true })
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
  @FieldResolver(() => [BusinessPartner], { description: "DEBT-R15 (LD art. 78 para. 4): the sureties of the bonds attached to the debt, bound by the enforceable title against the debtor." })
  bindsSureties(@Root() c: DebtEnforcementCase): BusinessPartner[] {
    return (c.boundSuretyIds ?? []).map(id => ({ id }));
  }
}
