import { ArgsType, Directive, Field, ID, ObjectType } from "type-graphql";
import { IsEnum, IsOptional } from "class-validator";
import { Connection, SubgraphContext } from "../../kit";
import { FacilityAuthorisation, StorageFacility } from "../entities/facility.entity";
import { DepositorTransfer, LotHandling, StorageExtension, StoredLot } from "../entities/lot.entity";
import { FacilityKind, LotStatus } from "../entities/enums";
import type { WarehousingServices } from "../services";

export type WarehousingContext = SubgraphContext<WarehousingServices>;

// Entities of other subgraphs, as warehousing knows them: their key, and the fields it adds.
@ObjectType()
@Directive('@key(fields: "id")')
export class BusinessPartner {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id")')
export class CustomsDeclaration {
  @Field(() => ID)
  id: string;
}

@ObjectType()
@Directive('@key(fields: "id", resolvable: false)')
export class CustomsOffice {
  @Field(() => ID)
  id: string;
}

@ObjectType({ description: "What a depositor holds of one tariff number in a facility at an instant." })
export class StockLine {
  @Field(() => BusinessPartner)
  depositor: BusinessPartner;

  @Field()
  tariffNumber: string;

  @Field({ description: "Net mass in kg, exact decimal string." })
  netMassKg: string;
}

@ObjectType({ description: "A facility's stock at an instant, from its movements (WH-R11, WH-R16, WH-R18, WH-R23): what was stored there, by whom, of which goods." })
export class Stock {
  @Field({ description: "The instant the stock is read at." })
  at: Date;

  @Field(() => [StockLine])
  lines: StockLine[];

  @Field({ description: "All lines together, net mass in kg." })
  totalNetMassKg: string;
}

export const StorageFacilityConnection = Connection(StorageFacility, "StorageFacility");
export const StoredLotConnection = Connection(StoredLot, "StoredLot");

@ObjectType()
export class FacilityPayload {
  @Field(() => StorageFacility)
  facility: StorageFacility;
}

@ObjectType()
export class AuthorisationPayload {
  @Field(() => FacilityAuthorisation)
  authorisation: FacilityAuthorisation;
}

@ObjectType()
export class LotPayload {
  @Field(() => StoredLot)
  lot: StoredLot;
}

@ObjectType()
export class ExtensionPayload {
  @Field(() => StorageExtension)
  extension: StorageExtension;
}

@ObjectType()
export class TransferPayload {
  @Field(() => DepositorTransfer)
  transfer: DepositorTransfer;
}

@ObjectType()
export class HandlingPayload {
  @Field(() => LotHandling)
  handling: LotHandling;
}

@ArgsType()
export class FacilityFilterArgs {
  @Field(() => FacilityKind, { nullable: true })
  @IsOptional()
  @IsEnum(FacilityKind)
  kind?: FacilityKind | null;
}

@ArgsType()
export class LotFilterArgs {
  @Field(() => [LotStatus], { nullable: true })
  @IsOptional()
  statuses?: LotStatus[] | null;
}
