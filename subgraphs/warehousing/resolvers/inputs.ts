import { ArrayMaxSize, IsBoolean, IsEnum, IsOptional, IsUUID, Length, Matches } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { MoneyScalar } from "../../kit";
import { DestructionCause, FacilityKind, HandlingKind, InventoryKeeper } from "../entities/enums";

const GOODS = /^\d{2}(\d{2}(\.\d{1,4})?)?$/;

@InputType({ description: "WH-R10 (LD art. 54), WH-R21 (LD art. 64): an operator's application for a facility." })
export class ApplyForStorageFacilityInput {
  @Field(() => ID, { description: "The business partner who will operate the facility and needs the authorisation; the caller must act for it, or be an officer acting for it." })
  @IsUUID()
  operatorId: string;

  @Field(() => FacilityKind, { description: "The kind of facility applied for: it decides the authorisation's conditions (LD art. 54 or 64) and the rules for the goods stored." })
  @IsEnum(FacilityKind)
  kind: FacilityKind;

  @Field({ description: "The facility's name, 2 to 200 characters." })
  @Length(2, 200)
  name: string;

  @Field({ description: "Where the facility is, 5 to 300 characters." })
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
  @Field(() => ID, { description: "The facility whose authorisation is decided; it must be APPLIED." })
  @IsUUID()
  facilityId: string;

  @Field({ description: "true to grant, false to refuse (a refusal needs a reason)." })
  @IsBoolean()
  grant: boolean;

  @Field(() => Boolean, { nullable: true, description: "WH-R10, WH-R21 let. b: whether supervision would cause disproportionate administrative cost; a grant needs false." })
  @IsOptional()
  @IsBoolean()
  disproportionateAdministrativeCost?: boolean | null;

  @Field(() => [String], { nullable: true, description: "The charges the authorisation carries (LD art. 54, 64), in plain words, up to 50 of 2 to 300 characters." })
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

@InputType({ description: "DESIGN CHOICE (DOMAIN.md \u00a74.2): the district directorate or the DGD revokes a granted authorisation." })
export class RevokeStorageFacilityInput {
  @Field(() => ID, { description: "The facility whose GRANTED authorisation is revoked (NOT_GRANTED otherwise)." })
  @IsUUID()
  facilityId: string;

  @Field({ description: "The administration's reasons, 2 to 500 characters (the sources name no grounds for a revocation)." })
  @Length(2, 500)
  reason: string;
}

@InputType({ description: "WH-R02, WH-R08, WH-R22 (LD art. 51 para. 1, 53 para. 4, 65): the control office records goods entering a facility." })
export class RecordLotEntryInput {
  @Field(() => ID, { description: "The facility the goods enter; its authorisation must be GRANTED (FACILITY_NOT_AUTHORISED)." })
  @IsUUID()
  facilityId: string;

  @Field(() => ID, { description: "The office recording the entry: the facility's control office." })
  @Length(1, 12)
  officeId: string;

  @Field(() => ID, { description: "The business partner storing the goods, bound by the declaration for warehousing (LD art. 52 para. 2, 63 para. 2)." })
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

  @Field({ description: "The goods in plain words, 2 to 300 characters." })
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

  @Field(() => Boolean, { nullable: true, description: "Stored in the special premises the authorisation requires for these goods (LD art. 54, 64; SPECIAL_PREMISES_REQUIRED otherwise). False if omitted." })
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

@InputType({ description: "Names the stored lot a mutation acts on." })
export class LotIdInput {
  @Field(() => ID, { description: "The stored lot." })
  @IsUUID()
  lotId: string;
}

@InputType({ description: "WH-R14 (LD art. 55 para. 2): a reasoned request for a longer storage." })
export class RequestStorageExtensionInput {
  @Field(() => ID, { description: "The lot, in a consumer goods warehouse (STORAGE_UNLIMITED otherwise), DECLARED or STORED and with its storage period still running." })
  @IsUUID()
  lotId: string;

  @Field({ description: "The new end of storage asked for: after the one in force, within five years of the start (EXTENSION_BEYOND_FIVE_YEARS)." })
  until: Date;

  @Field({ description: "The depositor's reasons, 10 to 1000 characters (LD art. 55 para. 2: the request is reasoned)." })
  @Length(10, 1000)
  reason: string;
}

@InputType({ description: "WH-R14 (LD art. 55 para. 2): customs decides a pending request for a longer storage." })
export class DecideStorageExtensionInput {
  @Field(() => ID, { description: "The PENDING request decided." })
  @IsUUID()
  extensionId: string;

  @Field({ description: "true to grant (the lot's storage end moves to the requested date), false to refuse." })
  @IsBoolean()
  grant: boolean;

  @Field({ description: "Customs' reasons, 2 to 500 characters." })
  @Length(2, 500)
  reason: string;
}

@InputType({ description: "WH-R05 (LD art. 52 para. 2 let. b, 63 para. 2 let. b)." })
export class TransferLotInput {
  @Field(() => ID, { description: "The lot whose depositor changes; DECLARED or STORED." })
  @IsUUID()
  lotId: string;

  @Field(() => ID, { description: "The partner taking over the depositor's rights and obligations." })
  @IsUUID()
  toId: string;
}

@InputType({ description: "WH-R18 (LD art. 56), WH-R22 (LD art. 65), DESIGN CHOICE: handling of stored goods that keeps their identity and mass." })
export class RecordLotHandlingInput {
  @Field(() => ID, { description: "The lot handled, DECLARED or STORED, in an open customs warehouse or a free deposit (HANDLING_NOT_ALLOWED in a consumer goods warehouse)." })
  @IsUUID()
  lotId: string;

  @Field(() => HandlingKind, { description: "What was done to the goods." })
  @IsEnum(HandlingKind)
  kind: HandlingKind;

  @Field({ description: "What was done, in plain words, 2 to 500 characters." })
  @Length(2, 500)
  description: string;
}

@InputType({ description: "WH-R13 (LD art. 69 let. d; X16)." })
export class RecordReleaseWithoutDeclarationInput {
  @Field(() => ID, { description: "The lot found gone without a declaration." })
  @IsUUID()
  lotId: string;

  @Field(() => Date, { nullable: true, description: "When the goods left, if it can be established; otherwise the debt arises at the discovery." })
  @IsOptional()
  releasedAt?: Date | null;
}

@InputType({ description: "WH-R28 (LD art. 86 para. 1 let. a; X18)." })
export class RecordLotDestructionInput {
  @Field(() => ID, { description: "The lot destroyed." })
  @IsUUID()
  lotId: string;

  @Field(() => DestructionCause, { description: "Why the goods were destroyed: accident, force majeure or with the authorities' consent." })
  @IsEnum(DestructionCause)
  cause: DestructionCause;

  @Field({ description: "When the goods were destroyed (with offset): not in the future, not before the entry. Published with LotDestroyed (X18); the stock counts the goods out when the destruction is recorded, since movements are never back-dated." })
  destroyedAt: Date;
}
