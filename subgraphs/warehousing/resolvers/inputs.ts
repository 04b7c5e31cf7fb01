import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsUUID, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { MoneyScalar } from "../../kit";
import { DestructionCause, FacilityKind, HandlingKind, InventoryKeeper } from "../entities/enums";

const GOODS = /^\d{2}(\d{2}(\.\d{1,4})?)?$/;

@InputType({ description: "WH-R10 (LD art. 54), WH-R21 (LD art. 64): an operator's application for a facility." })
export class ApplyForStorageFacilityInput {
  @Field(() => ID)
  @IsUUID()
  operatorId: string;

  @Field(() => FacilityKind)
  @IsEnum(FacilityKind)
  kind: FacilityKind;

  @Field()
  @Length(2, 200)
  name: string;

  @Field()
  @Length(5, 300)
  address: string;

  @Field(() => ID, { description: "The control office that will supervise the facility (WH-R08, LD art. 53 para. 4)." })
  @Length(1, 12)
  controlOfficeId: string;

  @Field({ description: "WH-R10, WH-R21 let. a." })
  @IsBoolean()
  domiciledInSwitzerland: boolean;

  @Field({ description: "WH-R10, WH-R21 let. a." })
  @IsBoolean()
  properOperationGuaranteed: boolean;

  @Field(() => Boolean, { nullable: true, description: "WH-R21 let. c: a free deposit is open to all on the same conditions." })
  @IsOptional()
  @IsBoolean()
  openToAllOnEqualTerms?: boolean | null;

  @Field(() => InventoryKeeper, { nullable: true, description: "WH-R18, WH-R23: who keeps the inventory; the operator unless stated." })
  @IsOptional()
  @IsEnum(InventoryKeeper)
  inventoryKeeper?: InventoryKeeper | null;
}

@InputType({ description: "WH-R10 (LD art. 54), WH-R21 (LD art. 64), WH-R14 (LD art. 55 para. 1), WH-R09 and WH-R23: the administration's decision." })
export class DecideStorageFacilityInput {
  @Field(() => ID)
  @IsUUID()
  facilityId: string;

  @Field()
  @IsBoolean()
  grant: boolean;

  @Field(() => Boolean, { nullable: true, description: "WH-R10, WH-R21 let. b: whether supervision would cause disproportionate administrative cost; a grant needs false." })
  @IsOptional()
  @IsBoolean()
  disproportionateAdministrativeCost?: boolean | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @Length(2, 300, { each: true })
  charges?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Goods at risk excluded: tariff chapter, heading or number." })
  @IsOptional()
  @ArrayMaxSize(200)
  @Matches(GOODS, { each: true, message: "excludedGoods are tariff chapters (NN), headings (NNNN) or numbers (NNNN.NNNN)" })
  excludedGoods?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Goods at risk stored only in special premises." })
  @IsOptional()
  @ArrayMaxSize(200)
  @Matches(GOODS, { each: true, message: "specialPremisesGoods are tariff chapters (NN), headings (NNNN) or numbers (NNNN.NNNN)" })
  specialPremisesGoods?: string[] | null;

  @Field(() => [String], { nullable: true, description: "WH-R14: the goods admitted to a consumer goods warehouse." })
  @IsOptional()
  @ArrayMaxSize(200)
  @Matches(GOODS, { each: true, message: "admittedGoods are tariff chapters (NN), headings (NNNN) or numbers (NNNN.NNNN)" })
  admittedGoods?: string[] | null;

  @Field(() => MoneyScalar, { nullable: true, description: "WH-R09 (LD art. 53 para. 6), WH-R23 (LD art. 66 para. 4): security required of the operator." })
  @IsOptional()
  operatorSecurityRequired?: number | null;

  @Field(() => String, { nullable: true, description: "Required for a refusal." })
  @IsOptional()
  @Length(2, 500)
  reason?: string | null;
}

@InputType()
export class RevokeStorageFacilityInput {
  @Field(() => ID)
  @IsUUID()
  facilityId: string;

  @Field()
  @Length(2, 500)
  reason: string;
}

@InputType({ description: "WH-R02, WH-R08, WH-R22 (LD art. 51 para. 1, 53 para. 4, 65): the control office records goods entering a facility." })
export class RecordLotEntryInput {
  @Field(() => ID)
  @IsUUID()
  facilityId: string;

  @Field(() => ID, { description: "The office recording the entry: the facility's control office." })
  @Length(1, 12)
  officeId: string;

  @Field(() => ID)
  @IsUUID()
  depositorId: string;

  @Field(() => ID, { nullable: true, description: "The declaration for warehousing, or the transit or export declaration of goods entering a free deposit." })
  @IsOptional()
  @IsUUID()
  entryDeclarationId?: string | null;

  @Field(() => ID, { nullable: true, description: "X13, WH-R27 (OD-AFD art. 44; LD art. 61 para. 3): the transit or export regime case the entry into a free deposit discharges." })
  @IsOptional()
  @IsUUID()
  procedureCaseId?: string | null;

  @Field({ description: "When the goods were presented; the inventory deadline runs from it." })
  presentedAt: Date;

  @Field()
  @Length(2, 300)
  goodsDescription: string;

  @Field({ description: "NNNN.NNNN" })
  @Matches(/^\d{4}\.\d{4}$/, { message: "tariffNumber must be NNNN.NNNN" })
  tariffNumber: string;

  @Field({ description: "kg, up to 3 decimals, as a string" })
  @Matches(/^\d{1,9}(\.\d{1,3})?$/, { message: "netMassKg must be a mass in kg with at most 3 decimals" })
  netMassKg: string;

  @Field(() => Boolean, { nullable: true, description: "WH-R23, WH-R24: sensitive goods in a free deposit." })
  @IsOptional()
  @IsBoolean()
  sensitive?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "WH-R06, WH-R20: goods under the export regime." })
  @IsOptional()
  @IsBoolean()
  underExportRegime?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  inSpecialPremises?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "WH-R15 (OD-AFD art. 49): uniform physical characteristics, suitable for transhipment and bulk transport." })
  @IsOptional()
  @IsBoolean()
  suitableForBulkTransport?: boolean | null;

  @Field(() => MoneyScalar, { nullable: true, description: "WH-R03 (LD art. 51 para. 2 let. b): a consumer goods warehouse's import duties, fixed by the office with a conditional payment obligation." })
  @IsOptional()
  conditionalDuties?: number | null;
}

@InputType()
export class LotIdInput {
  @Field(() => ID)
  @IsUUID()
  lotId: string;
}

@InputType({ description: "WH-R14 (LD art. 55 para. 2): a reasoned request for a longer storage." })
export class RequestStorageExtensionInput {
  @Field(() => ID)
  @IsUUID()
  lotId: string;

  @Field()
  until: Date;

  @Field()
  @Length(10, 1000)
  reason: string;
}

@InputType()
export class DecideStorageExtensionInput {
  @Field(() => ID)
  @IsUUID()
  extensionId: string;

  @Field()
  @IsBoolean()
  grant: boolean;

  @Field()
  @Length(2, 500)
  reason: string;
}

@InputType({ description: "WH-R05 (LD art. 52 para. 2 let. b, 63 para. 2 let. b)." })
export class TransferLotInput {
  @Field(() => ID)
  @IsUUID()
  lotId: string;

  @Field(() => ID, { description: "The partner taking over the depositor's rights and obligations." })
  @IsUUID()
  toId: string;
}

@InputType()
export class RecordLotHandlingInput {
  @Field(() => ID)
  @IsUUID()
  lotId: string;

  @Field(() => HandlingKind)
  @IsEnum(HandlingKind)
  kind: HandlingKind;

  @Field()
  @Length(2, 500)
  description: string;
}

@InputType({ description: "WH-R13 (LD art. 69 let. d; X16)." })
export class RecordReleaseWithoutDeclarationInput {
  @Field(() => ID)
  @IsUUID()
  lotId: string;

  @Field(() => Date, { nullable: true, description: "When the goods left, if it can be established; otherwise the debt arises at the discovery." })
  @IsOptional()
  releasedAt?: Date | null;
}

@InputType({ description: "WH-R28 (LD art. 86 para. 1 let. a; X18)." })
export class RecordLotDestructionInput {
  @Field(() => ID)
  @IsUUID()
  lotId: string;

  @Field(() => DestructionCause)
  @IsEnum(DestructionCause)
  cause: DestructionCause;

  @Field()
  destroyedAt: Date;
}
