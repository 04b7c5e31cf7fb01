import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "../../kit";
import { Control } from "../entities/control.entity";
import { OffenceCase } from "../entities/offence-case.entity";
import { Seizure } from "../entities/seizure.entity";
import { ControlIdInput, ForwardSeizureInput, PerformControlInput, PlanControlInput, RecordControlMeasureInput, SeizeGoodsInput } from "./inputs";
import { loaders } from "./loaders";
import { BusinessPartner, ControlConnection, ControlFilterArgs, ControlMeasureConnection, ControlMeasurePayload, ControlPayload, CustomsDeclaration, EnforcementContext, SeizureConnection, SeizurePayload } from "./types";

/** A case behind a control or seizure: only for enforcement roles (customs office staff see the control, not the investigation). */
async function visibleCase(ctx: EnforcementContext, caseId: string | null): Promise<OffenceCase | null> {
  if (!caseId || !ctx.services.access.investigates(ctx.principal)) return null;
  return loaders.offenceCase(ctx).load(caseId);
}

@Resolver(() => Control)
export class ControlResolver {
  @Query(() => Control, { description: "A control, for the officers who make controls (ENF-R03, OD-AFD art. 61)." })
  async control(@Arg("id", () => ID, { description: "The control's id." }) id: string, @Ctx() ctx: EnforcementContext): Promise<Control> {
    return ctx.services.controls.get(ctx.principal, id);
  }

  @Query(() => ControlConnection, { description: "Controls, oldest planned first." })
  async controls(@Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => ControlFilterArgs) filter: ControlFilterArgs, @Ctx() ctx: EnforcementContext) {
    return ctx.services.controls.list(ctx.principal, filter, args);
  }

  @Mutation(() => ControlPayload, {
    description:
      "ENF-R01 (LD art. 30), ENF-R02 (LD art. 31), ENF-R03 (LD art. 100): plans a control. CONTROL_RIGHT_EXPIRED after the end of the same date one (territory) or five (home) years after importation, unless an open criminal investigation is named (LD art. 30 para. 3, 31 para. 3); HOME_CONTROL_TARGET_REQUIRED (LD art. 31 para. 1).",
  })
  async planControl(@Arg("input", { description: "The kind, target, importation and place of the control." }) input: PlanControlInput, @Ctx() ctx: EnforcementContext): Promise<ControlPayload> {
    return { control: await ctx.services.controls.plan(ctx.principal, input) };
  }

  @Mutation(() => ControlPayload, { description: "The control is made, while its right holds or an investigation is open (CONTROL_RIGHT_EXPIRED), with its result." })
  async performControl(@Arg("input", { description: "The control made and its result." }) input: PerformControlInput, @Ctx() ctx: EnforcementContext): Promise<ControlPayload> {
    return { control: await ctx.services.controls.perform(ctx.principal, input) };
  }

  @Mutation(() => ControlPayload, { description: "Closes a PERFORMED control: nothing more is recorded in it (CONTROL_NOT_PERFORMED otherwise)." })
  async closeControl(@Arg("input", { description: "The control to close." }) input: ControlIdInput, @Ctx() ctx: EnforcementContext): Promise<ControlPayload> {
    return { control: await ctx.services.controls.close(ctx.principal, input.controlId) };
  }

  @Mutation(() => ControlMeasurePayload, {
    description:
      "ENF-R04 (LD art. 101-105): a measure with who took it and when: MEASURE_GROUNDS_MISSING (LD art. 101 para. 2, 102 para. 1, 103 para. 2, 105 para. 2), BODY_SEARCH_SAME_SEX (LD art. 102 para. 2), PHYSICIAN_REQUIRED (LD art. 102 para. 3), COMPETENT_AUTHORITY_REQUIRED (LD art. 105).",
  })
  async recordControlMeasure(@Arg("input", { description: "The control, the measure and its grounds." }) input: RecordControlMeasureInput, @Ctx() ctx: EnforcementContext): Promise<ControlMeasurePayload> {
    return { measure: await ctx.services.controls.recordMeasure(ctx.principal, input) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The person or partner controlled." })
  target(@Root() c: Control): BusinessPartner {
    return { id: c.targetId };
  }

  @FieldResolver(() => CustomsDeclaration, { nullable: true, description: "The declaration whose goods are controlled, if any." })
  declaration(@Root() c: Control): CustomsDeclaration | null {
    return c.declarationId ? { id: c.declarationId } : null;
  }

  @FieldResolver(() => OffenceCase, { nullable: true, description: "The criminal investigation (LD art. 30 para. 3, 31 para. 3); enforcement roles only." })
  async criminalInvestigation(@Root() c: Control, @Ctx() ctx: EnforcementContext): Promise<OffenceCase | null> {
    return visibleCase(ctx, c.caseId);
  }

  @FieldResolver(() => ControlMeasureConnection, { description: "The measures taken in this control, each with who took it, when and on which grounds (ENF-R04, LD art. 101-105), oldest first." })
  async measures(@Root() c: Control, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    return loaders.measures(ctx, args).load(c.id);
  }

  @FieldResolver(() => SeizureConnection, { description: "The goods, things and evidence seized in this control (ENF-R20, ENF-R04), oldest first." })
  async seizures(@Root() c: Control, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: EnforcementContext) {
    return loaders.seizuresOfControl(ctx, args).load(c.id);
  }
}

@Resolver(() => Seizure)
export class SeizureResolver {
  @Mutation(() => SeizurePayload, {
    description:
      "ENF-R20 (LD art. 82 para. 1, 83 para. 3): smuggled goods and offence instruments are seized as customs pledge, which debt records sequestered, securing the debt of the goods (X21); ENF-R04 (LD art. 104): evidence is held until forwarded.",
  })
  async seizeGoods(@Arg("input", { description: "What is seized, why, for which case or control, and whose it is." }) input: SeizeGoodsInput, @Ctx() ctx: EnforcementContext): Promise<SeizurePayload> {
    return { seizure: await ctx.services.seizures.seize(ctx.principal, input) };
  }

  @Mutation(() => SeizurePayload, { description: "ENF-R04 (LD art. 104 para. 2): evidence forwarded to the competent authority (SEIZURE_NOT_HELD for a pledge)." })
  async forwardSeizure(@Arg("input", { description: "The evidence and the competent authority." }) input: ForwardSeizureInput, @Ctx() ctx: EnforcementContext): Promise<SeizurePayload> {
    return { seizure: await ctx.services.seizures.forward(ctx.principal, input) };
  }

  @FieldResolver(() => OffenceCase, { nullable: true, description: "Enforcement roles only." })
  async offenceCase(@Root() s: Seizure, @Ctx() ctx: EnforcementContext): Promise<OffenceCase | null> {
    return visibleCase(ctx, s.caseId);
  }

  @FieldResolver(() => Control, { nullable: true, description: "The control the seizure was made in, if any." })
  async control(@Root() s: Seizure, @Ctx() ctx: EnforcementContext): Promise<Control | null> {
    return s.controlId ? loaders.control(ctx).load(s.controlId) : null;
  }

  @FieldResolver(() => CustomsDeclaration, { nullable: true, description: "The declaration of the goods (an ex officio one for undeclared goods), whose debt a pledge secures; null if none." })
  declaration(@Root() s: Seizure): CustomsDeclaration | null {
    return s.declarationId ? { id: s.declarationId } : null;
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "The owner of the goods; required for a pledge (ENF-R20)." })
  owner(@Root() s: Seizure): BusinessPartner | null {
    return s.ownerId ? { id: s.ownerId } : null;
  }

  @FieldResolver(() => BusinessPartner, { nullable: true, description: "Who held the goods when seized, if not the owner." })
  holder(@Root() s: Seizure): BusinessPartner | null {
    return s.holderId ? { id: s.holderId } : null;
  }
}
