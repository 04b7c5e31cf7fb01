import { ArgsType, Directive, Field, ID, ObjectType } from "type-graphql";
import { IsEnum, IsOptional } from "class-validator";
import { Connection, SubgraphContext } from "../../kit";
import { FacilityAuthorisation, StorageFacility } from "../entities/facility.entity";
import { DepositorTransfer, LotHandling, LotMovement, StorageExtension, StoredLot } from "../entities/lot.entity";
import { FacilityKind, LotStatus } from "../entities/enums";
import type { WarehousingServices } from "../services";
import type { StockFilter } from "../services/stock.service";

export type WarehousingContext = SubgraphContext<WarehousingServices>;

// Entities of other subgraphs, as warehousing knows them: their key, and the fields it adds.
@ObjectType({
  description:
    "A business partner registered with FOCBS (owned by the identity subgraph, ePortal step 2). Warehousing adds the lots it stores as depositor and the facilities it operates (DOMAIN.md §4.0).",
})
@Directive('@key(fields: "id")')
export class BusinessPartner {
  @Field(() => ID, { description: "The business partner's opaque identifier, as the identity subgraph issues it." })
  id: string;
}

@ObjectType({
  description: "A customs declaration (owned by the declarations subgraph). Warehousing adds the stored lots it brought into a facility or takes out of one (WH-R02, LD art. 51 para. 1; X15, LD art. 57, 67).",
})
@Directive('@key(fields: "id")')
export class CustomsDeclaration {
  @Field(() => ID, { description: "The declaration's opaque identifier, as the declarations subgraph issues it." })
  id: string;
}

@ObjectType({ description: "A customs office (owned by the declarations subgraph; warehousing only refers to it): here the control office that supervises a facility (WH-R08, LD art. 53 para. 4)." })
@Directive('@key(fields: "id", resolvable: false)')
export class CustomsOffice {
  @Field(() => ID, { description: "The office number, e.g. \"1001\"." })
  id: string;
}

@ObjectType({ description: "What a depositor holds of one tariff number in a facility at an instant (a stock position; positions at zero are left out)." })
export class StockLine {
  @Field(() => BusinessPartner, { description: "The depositor holding the goods at that instant (after any transfer, WH-R05)." })
  depositor: BusinessPartner;

  @Field({ description: "The tariff number of the goods, NNNN.NNNN." })
  tariffNumber: string;

  @Field({ description: "Net mass in kg, exact decimal string with 3 decimals (grams)." })
  netMassKg: string;
}

export const StockLineConnection = Connection(StockLine, "StockLine", { order: "by depositor, then by tariff number" });

/** The stock of a facility at an instant: `lines` and `totalNetMassKg` are read, each in one statement, only when asked for. */
@ObjectType({ description: "A facility's stock at an instant, from its movements (WH-R11, WH-R16, WH-R18, WH-R23): what was stored there, by whom, of which goods." })
export class Stock {
  @Field({ description: "The instant the stock is read at (UTC, with offset)." })
  at: Date;

  facilityId: string;

  filter: StockFilter;
}

export const StorageFacilityConnection = Connection(StorageFacility, "StorageFacility");
export const StoredLotConnection = Connection(StoredLot, "StoredLot");
export const LotMovementConnection = Connection(LotMovement, "LotMovement", { order: "in the order they happened" });
export const StorageExtensionConnection = Connection(StorageExtension, "StorageExtension");
export const DepositorTransferConnection = Connection(DepositorTransfer, "DepositorTransfer");
export const LotHandlingConnection = Connection(LotHandling, "LotHandling");

@ObjectType({ description: "The result of applying for a facility: the facility, with its authorisation APPLIED." })
export class FacilityPayload {
  @Field(() => StorageFacility, { description: "The facility applied for." })
  facility: StorageFacility;
}

@ObjectType({ description: "The result of deciding on or revoking a facility's authorisation." })
export class AuthorisationPayload {
  @Field(() => FacilityAuthorisation, { description: "The authorisation as it now stands (GRANTED, REFUSED or REVOKED)." })
  authorisation: FacilityAuthorisation;
}

@ObjectType({ description: "The result of a change to a stored lot (entry, inventory entry, exit, release without declaration, destruction)." })
export class LotPayload {
  @Field(() => StoredLot, { description: "The lot as it now stands." })
  lot: StoredLot;
}

@ObjectType({ description: "The result of requesting or deciding a storage extension (WH-R14, LD art. 55 para. 2)." })
export class ExtensionPayload {
  @Field(() => StorageExtension, { description: "The request as it now stands (PENDING, GRANTED or REFUSED)." })
  extension: StorageExtension;
}

@ObjectType({ description: "The result of a depositor transfer (WH-R05, LD art. 52 para. 2 let. b, 63 para. 2 let. b)." })
export class TransferPayload {
  @Field(() => DepositorTransfer, { description: "The transfer recorded; the lot's depositor is now its `to`." })
  transfer: DepositorTransfer;
}

@ObjectType({ description: "The result of recording the handling of stored goods (WH-R18, LD art. 56)." })
export class HandlingPayload {
  @Field(() => LotHandling, { description: "The handling recorded." })
  handling: LotHandling;
}

@ArgsType()
export class FacilityFilterArgs {
  @Field(() => FacilityKind, { nullable: true, description: "Only facilities of this kind; all kinds if omitted." })
  @IsOptional()
  @IsEnum(FacilityKind)
  kind?: FacilityKind | null;
}

@ArgsType()
export class LotFilterArgs {
  @Field(() => [LotStatus], { nullable: true, description: "Only lots in one of these statuses; all statuses if omitted or empty." })
  @IsOptional()
  statuses?: LotStatus[] | null;
}
