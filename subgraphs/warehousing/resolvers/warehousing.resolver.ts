import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs, Decimal, ForbiddenError, UnauthenticatedError } from "../../kit";
import { FacilityAuthorisation, StorageFacility } from "../entities/facility.entity";
import { DepositorTransfer, LotMovement, StoredLot } from "../entities/lot.entity";
import { toKg } from "../services/stock.service";
import {
  ApplyForStorageFacilityInput,
  DecideStorageExtensionInput,
  DecideStorageFacilityInput,
  LotIdInput,
  RecordLotDestructionInput,
  RecordLotEntryInput,
  RecordLotHandlingInput,
  RecordReleaseWithoutDeclarationInput,
  RequestStorageExtensionInput,
  RevokeStorageFacilityInput,
  TransferLotInput,
} from "./inputs";
import { loaders, visibleLot } from "./loaders";
import {
  AuthorisationPayload,
  BusinessPartner,
  CustomsDeclaration,
  CustomsOffice,
  DepositorTransferConnection,
  ExtensionPayload,
  FacilityFilterArgs,
  FacilityPayload,
  HandlingPayload,
  LotFilterArgs,
  LotHandlingConnection,
  LotMovementConnection,
  LotPayload,
  Stock,
  StockLineConnection,
  StorageExtensionConnection,
  StorageFacilityConnection,
  StoredLotConnection,
  TransferPayload,
  WarehousingContext,
} from "./types";

function mine(ctx: WarehousingContext): string[] | null {
  if (ctx.services.access.isOfficer(ctx.principal)) return null;
  if (ctx.principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
  return ctx.services.access.partnerIds(ctx.principal);
}

async function operated(ctx: WarehousingContext, facility: StorageFacility): Promise<void> {
  ctx.services.access.requireOperate(ctx.principal, facility);
}

@Resolver(() => StorageFacility)
export class StorageFacilityResolver {
  @Query(() => StorageFacility, { description: "A facility: its public particulars for any signed-in caller; its authorisation, stock and lots for its operator and officers." })
  async storageFacility(@Arg("id", () => ID, { description: "The facility's id." }) id: string, @Ctx() ctx: WarehousingContext): Promise<StorageFacility> {
    if (ctx.principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    return ctx.services.facilities.get(id);
  }

  @Query(() => StorageFacilityConnection, { description: "Officers: every facility; partners: those they operate. Oldest first." })
  async storageFacilities(@Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => FacilityFilterArgs) filter: FacilityFilterArgs, @Ctx() ctx: WarehousingContext) {
    return ctx.services.facilities.list({ kind: filter.kind, operatorIds: mine(ctx) }, args);
  }

  @Mutation(() => FacilityPayload, { description: "WH-R10 (LD art. 54), WH-R21 (LD art. 64): the operator (or an officer for it) applies for a facility's authorisation." })
  async applyForStorageFacility(@Arg("input", { description: "The application: operator, kind, name, address, control office and the conditions the applicant declares." }) input: ApplyForStorageFacilityInput, @Ctx() ctx: WarehousingContext): Promise<FacilityPayload> {
    return { facility: await ctx.services.facilities.apply(ctx.principal, input) };
  }

  @Mutation(() => AuthorisationPayload, {
    description:
      "WH-R10 (LD art. 54), WH-R21 (LD art. 64), WH-R14 (LD art. 55 para. 1), WH-R09, WH-R23: a district directorate or the DGD grants (AUTHORISATION_CONDITIONS_NOT_MET when a condition fails; ADMITTED_GOODS_REQUIRED for a consumer goods warehouse) or refuses.",
  })
  async decideStorageFacility(@Arg("input", { description: "The decision: grant or refuse, with the charges, excluded and admitted goods and the operator's security of a grant, or the reasons of a refusal." }) input: DecideStorageFacilityInput, @Ctx() ctx: WarehousingContext): Promise<AuthorisationPayload> {
    return { authorisation: await ctx.services.facilities.decide(ctx.principal, input) };
  }

  @Mutation(() => AuthorisationPayload, { description: "DESIGN CHOICE (DOMAIN.md §4.2): a granted authorisation revoked; no goods enter after it." })
  async revokeStorageFacility(@Arg("input", { description: "The facility and the reasons for the revocation." }) input: RevokeStorageFacilityInput, @Ctx() ctx: WarehousingContext): Promise<AuthorisationPayload> {
    return { authorisation: await ctx.services.facilities.revoke(ctx.principal, input) };
  }

  @FieldResolver(() => BusinessPartner, { description: "The business partner who runs the facility and holds its authorisation (LD art. 52 para. 1, 54, 63 para. 1, 64)." })
  operator(@Root() f: StorageFacility): BusinessPartner {
    return { id: f.operatorId };
  }

  @FieldResolver(() => CustomsOffice, { description: "WH-R08 (LD art. 53 para. 4): the office goods are declared at." })
  controlOffice(@Root() f: StorageFacility): CustomsOffice {
    return { id: f.controlOfficeId };
  }

  @FieldResolver(() => FacilityAuthorisation, { nullable: true, description: "The operator's and officers'." })
  async authorisation(@Root() f: StorageFacility, @Ctx() ctx: WarehousingContext): Promise<FacilityAuthorisation | null> {
    await operated(ctx, f);
    return loaders.authorisation(ctx).load(f.id);
  }

  @FieldResolver(() => Stock, {
    description:
      "The stock at an instant (now unless given), per depositor and tariff number, read from the movements: what was stored here then, whoever stores it now (WH-R11, WH-R16, WH-R18, WH-R23). The operator's and officers'.",
  })
  async stock(
    @Root() f: StorageFacility,
    @Ctx() ctx: WarehousingContext,
    @Arg("at", () => Date, { nullable: true, description: "The instant (with offset); now if omitted. Movements at or before it count." }) at: Date | null,
    @Arg("depositorId", () => ID, { nullable: true, description: "Only this depositor's positions; all depositors if omitted." }) depositorId: string | null,
    @Arg("tariffNumber", () => String, { nullable: true, description: "Only this tariff number (NNNN.NNNN); all goods if omitted." }) tariffNumber: string | null,
  ): Promise<Stock> {
    await operated(ctx, f);
    return { at: at ?? ctx.services.runtime.clock.now(), facilityId: f.id, filter: { depositorIds: depositorId ? [depositorId] : null, tariffNumber } };
  }

  @FieldResolver(() => StoredLotConnection, {
    description: "WH-R11, WH-R16, WH-R18, WH-R23: the inventory at an instant (now unless given): the lots entered by then and not yet gone, oldest entry first. The operator's and officers'.",
  })
  async inventory(@Root() f: StorageFacility, @Ctx() ctx: WarehousingContext, @Args(() => ConnectionArgs) args: ConnectionArgs, @Arg("at", () => Date, { nullable: true, description: "The instant (with offset); now if omitted." }) at: Date | null) {
    await operated(ctx, f);
    return ctx.services.stock.inventoryAsOf(f.id, at ?? ctx.services.runtime.clock.now(), args);
  }
}

@Resolver(() => StoredLot)
export class StoredLotResolver {
  @Query(() => StoredLot, { description: "A lot: for its depositor, the facility's operator and officers." })
  async storedLot(@Arg("id", () => ID, { description: "The lot's id." }) id: string, @Ctx() ctx: WarehousingContext): Promise<StoredLot> {
    if (ctx.principal.kind === "ANONYMOUS") throw new UnauthenticatedError();
    const lot = await visibleLot(ctx, await ctx.services.lots.get(id));
    if (!lot) throw new ForbiddenError("You are neither the depositor nor the facility's operator.", { lotId: id });
    return lot;
  }

  @Query(() => StoredLotConnection, { description: "Officers: every lot; partners: their own and those in facilities they operate. Oldest entry first." })
  async storedLots(@Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => LotFilterArgs) filter: LotFilterArgs, @Ctx() ctx: WarehousingContext) {
    return ctx.services.lots.list({ visibleTo: mine(ctx), statuses: filter.statuses }, args);
  }

  @Mutation(() => LotPayload, {
    description:
      "WH-R02, WH-R08, WH-R22: the control office records an entry (FACILITY_NOT_AUTHORISED, WRONG_CONTROL_OFFICE, GOODS_EXCLUDED, SPECIAL_PREMISES_REQUIRED; a consumer goods warehouse: GOODS_NOT_ADMITTED, BELOW_CONSUMER_GOODS_MINIMUM, NOT_BULK_GOODS, WH-R14, WH-R15). X14 for a consumer goods warehouse's conditional duties, X13 for a free deposit. Officers (CUSTOMS_OFFICE).",
  })
  async recordLotEntry(@Arg("input", { description: "The goods entering: facility, depositor, declaration, presentation, description, tariff number and net mass." }) input: RecordLotEntryInput, @Ctx() ctx: WarehousingContext): Promise<LotPayload> {
    return { lot: await ctx.services.lots.recordEntry(ctx.principal, input) };
  }

  @Mutation(() => LotPayload, {
    description:
      "WH-R11, WH-R16, WH-R18, WH-R23, WH-R24: the inventory keeper records the lot in the inventory, once (ALREADY_IN_INVENTORY after that, and for free deposit goods that need no entry). The entry is owed from presentation (OD-AFD art. 47, 50, 57a; LD art. 56, 66): a lot is recorded in any status it has reached, even after its exit was declared or it left, and keeps that status (DECLARED becomes STORED); recorded after its deadline it stays marked overdue.",
  })
  async recordInventoryEntry(@Arg("input", { description: "The lot recorded in the inventory." }) input: LotIdInput, @Ctx() ctx: WarehousingContext): Promise<LotPayload> {
    return { lot: await ctx.services.lots.recordInventory(ctx.principal, input.lotId) };
  }

  @Mutation(() => ExtensionPayload, { description: "WH-R14 (LD art. 55 para. 2): the depositor asks, with reasons, for a longer storage in a consumer goods warehouse (EXTENSION_BEYOND_FIVE_YEARS)." })
  async requestStorageExtension(@Arg("input", { description: "The lot, the new end of storage and the reasons." }) input: RequestStorageExtensionInput, @Ctx() ctx: WarehousingContext): Promise<ExtensionPayload> {
    return { extension: await ctx.services.lots.requestExtension(ctx.principal, input) };
  }

  @Mutation(() => ExtensionPayload, { description: "WH-R14: customs grants or refuses a request for a longer storage. Officers (CUSTOMS_OFFICE)." })
  async decideStorageExtension(@Arg("input", { description: "The request, the decision and its reasons." }) input: DecideStorageExtensionInput, @Ctx() ctx: WarehousingContext): Promise<ExtensionPayload> {
    return { extension: await ctx.services.lots.decideExtension(ctx.principal, input) };
  }

  @Mutation(() => TransferPayload, { description: "WH-R05 (LD art. 52 para. 2 let. b, 63 para. 2 let. b): the depositor's rights and obligations pass to another partner." })
  async transferStoredLot(@Arg("input", { description: "The lot and the partner taking over as depositor." }) input: TransferLotInput, @Ctx() ctx: WarehousingContext): Promise<TransferPayload> {
    return { transfer: await ctx.services.lots.transfer(ctx.principal, input) };
  }

  @Mutation(() => HandlingPayload, { description: "WH-R18, WH-R22 (DESIGN CHOICE): handling that keeps identity and mass, in open warehouses and free deposits (HANDLING_NOT_ALLOWED in a consumer goods warehouse)." })
  async recordLotHandling(@Arg("input", { description: "The lot and the handling done." }) input: RecordLotHandlingInput, @Ctx() ctx: WarehousingContext): Promise<HandlingPayload> {
    return { handling: await ctx.services.lots.recordHandling(ctx.principal, input) };
  }

  @Mutation(() => LotPayload, { description: "WH-R12, WH-R17, WH-R25 (LD art. 57, 67): the goods leave against the exit declaration customs accepted (X15); EXIT_DECLARATION_REQUIRED otherwise. The operator or an officer." })
  async recordLotExit(@Arg("input", { description: "The lot leaving." }) input: LotIdInput, @Ctx() ctx: WarehousingContext): Promise<LotPayload> {
    return { lot: await ctx.services.lots.recordExit(ctx.principal, input.lotId) };
  }

  @Mutation(() => LotPayload, { description: "WH-R13 (LD art. 69 let. d; X16): the office finds goods gone without a declaration; the debt arises when they left, or now. EXIT_ALREADY_DECLARED for a lot whose exit declaration customs accepted: it leaves under it with recordLotExit (LD art. 69 let. a). Officers (CUSTOMS_OFFICE)." })
  async recordReleaseWithoutDeclaration(@Arg("input", { description: "The lot found gone, and when it left if that can be established." }) input: RecordReleaseWithoutDeclarationInput, @Ctx() ctx: WarehousingContext): Promise<LotPayload> {
    return { lot: await ctx.services.lots.recordReleaseWithoutDeclaration(ctx.principal, input) };
  }

  @Mutation(() => LotPayload, { description: "WH-R28 (LD art. 86 para. 1 let. a; X18): goods destroyed by accident, force majeure or with consent; remission may then be asked. Officers (CUSTOMS_OFFICE)." })
  async recordLotDestruction(@Arg("input", { description: "The lot destroyed, the cause and when." }) input: RecordLotDestructionInput, @Ctx() ctx: WarehousingContext): Promise<LotPayload> {
    return { lot: await ctx.services.lots.recordDestruction(ctx.principal, input) };
  }

  @FieldResolver(() => StorageFacility, { description: "The facility the goods are stored in." })
  async facility(@Root() lot: StoredLot, @Ctx() ctx: WarehousingContext): Promise<StorageFacility> {
    return (await loaders.facility(ctx).load(lot.facilityId))!;
  }

  @FieldResolver(() => BusinessPartner, { description: "The depositor: who stores the goods and is bound by the placement declaration, or took over its rights and obligations (DOMAIN.md §4.0; LD art. 52 para. 2, 63 para. 2)." })
  depositor(@Root() lot: StoredLot): BusinessPartner {
    return { id: lot.depositorId };
  }

  @FieldResolver(() => CustomsDeclaration, { nullable: true, description: "The declaration the goods entered under." })
  entryDeclaration(@Root() lot: StoredLot): CustomsDeclaration | null {
    return lot.entryDeclarationId ? { id: lot.entryDeclarationId } : null;
  }

  @FieldResolver(() => CustomsDeclaration, { nullable: true, description: "X15: the exit declaration customs accepted." })
  exitDeclaration(@Root() lot: StoredLot): CustomsDeclaration | null {
    return lot.exitDeclarationId ? { id: lot.exitDeclarationId } : null;
  }

  @FieldResolver(() => LotMovementConnection, {
    description:
      "The lot's movements in the facility's stock (entry, transfers, exit, destruction), in the order they were recorded. A connection: transfers can repeat while the goods stay, and storage is unlimited in an open warehouse or a free deposit (WH-R07, LD art. 53 para. 3; WH-R22, LD art. 65).",
  })
  async movements(@Root() lot: StoredLot, @Ctx() ctx: WarehousingContext, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return loaders.movements(ctx, args).load(lot.id);
  }

  @FieldResolver(() => StorageExtensionConnection, {
    description: "WH-R14 (LD art. 55 para. 2): the depositor's requests for a longer storage and customs' decisions, oldest request first. A refused request may be made again, so their number has no bound.",
  })
  async extensions(@Root() lot: StoredLot, @Ctx() ctx: WarehousingContext, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return loaders.extensions(ctx, args).load(lot.id);
  }

  @FieldResolver(() => DepositorTransferConnection, { description: "WH-R05 (LD art. 52 para. 2 let. b, 63 para. 2 let. b): the transfers of the depositor's rights and obligations, oldest first." })
  async transfers(@Root() lot: StoredLot, @Ctx() ctx: WarehousingContext, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return loaders.transfers(ctx, args).load(lot.id);
  }

  @FieldResolver(() => LotHandlingConnection, { description: "WH-R18 (LD art. 56), WH-R22 (LD art. 65): the handling recorded on the goods (inspection, sampling, repacking, marking), oldest first." })
  async handlings(@Root() lot: StoredLot, @Ctx() ctx: WarehousingContext, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return loaders.handlings(ctx, args).load(lot.id);
  }
}

@Resolver(() => Stock)
export class StockResolver {
  @FieldResolver(() => StockLineConnection, { description: "The positions held at the instant, per depositor and tariff number, sorted by depositor then tariff number." })
  async lines(@Root() stock: Stock, @Ctx() ctx: WarehousingContext, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    const page = await ctx.services.stock.linesAsOf(stock.facilityId, stock.at, stock.filter, args);
    return {
      edges: page.edges.map(e => ({ cursor: e.cursor, node: { depositor: { id: e.node.depositorId }, tariffNumber: e.node.tariffNumber, netMassKg: toKg(e.node.grams) } })),
      pageInfo: page.pageInfo,
      // Lazy, as the kit's connections: the count runs only when a client asks for it.
      get totalCount() {
        return page.totalCount;
      },
    };
  }

  @FieldResolver(() => String, { description: "All the positions together (every page of `lines`), net mass in kg, exact decimal string with 3 decimals." })
  async totalNetMassKg(@Root() stock: Stock, @Ctx() ctx: WarehousingContext): Promise<string> {
    return toKg(await ctx.services.stock.totalAsOf(stock.facilityId, stock.at, stock.filter));
  }
}

@Resolver(() => LotMovement)
export class LotMovementResolver {
  @FieldResolver(() => String, { description: "The change of net mass in kg, exact decimal string; negative when goods left." })
  netMassKg(@Root() m: LotMovement): string {
    return new Decimal(m.deltaGrams).div(1000).toFixed(3);
  }
}

@Resolver(() => DepositorTransfer)
export class DepositorTransferResolver {
  @FieldResolver(() => BusinessPartner, { description: "The depositor who gave up its rights and obligations." })
  from(@Root() t: DepositorTransfer): BusinessPartner {
    return { id: t.fromId };
  }

  @FieldResolver(() => BusinessPartner, { description: "The depositor who took them over." })
  to(@Root() t: DepositorTransfer): BusinessPartner {
    return { id: t.toId };
  }
}

@Resolver(() => BusinessPartner)
export class PartnerWarehousingResolver {
  @FieldResolver(() => StoredLotConnection, { nullable: true, description: "The lots the partner stores as depositor, oldest entry first." })
  async storedLots(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Args(() => LotFilterArgs) filter: LotFilterArgs, @Ctx() ctx: WarehousingContext) {
    const own = mine(ctx);
    if (own && !own.includes(partner.id)) throw new ForbiddenError("You do not act for this business partner.");
    return ctx.services.lots.list({ depositorIds: [partner.id], statuses: filter.statuses }, args);
  }

  @FieldResolver(() => StorageFacilityConnection, { nullable: true, description: "The facilities the partner operates, oldest first." })
  async operatedFacilities(@Root() partner: BusinessPartner, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: WarehousingContext) {
    const own = mine(ctx);
    if (own && !own.includes(partner.id)) throw new ForbiddenError("You do not act for this business partner.");
    return ctx.services.facilities.list({ operatorIds: [partner.id] }, args);
  }
}

@Resolver(() => CustomsDeclaration)
export class DeclarationLotsResolver {
  @FieldResolver(() => StoredLotConnection, {
    description:
      "The stored lots this declaration brought into a facility (WH-R02, LD art. 51 para. 1; WH-R22, LD art. 65) or takes out of one (X15; LD art. 57, 67), oldest entry first. For their depositors, the facilities' operators and officers: FORBIDDEN when all its lots are someone else's.",
  })
  async storedLots(@Root() d: CustomsDeclaration, @Ctx() ctx: WarehousingContext, @Args(() => ConnectionArgs) args: ConnectionArgs) {
    return loaders.lotsOfDeclaration(ctx, args, mine(ctx)).load(d.id);
  }
}
