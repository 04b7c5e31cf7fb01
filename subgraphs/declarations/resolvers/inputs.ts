import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsISO31661Alpha2, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { MoneyScalar } from "../../kit";
import { SelectionRuleType } from "../entities/selection.entity";
import { ChangeGround, CustomsDestination, ExportRegimeStorage, ReturnReason, DocumentKind, CustomsProcedure, DeclarationChannel, DeclarationStatus, Direction, RateBasis, SummaryForm, TaxationKind, VerificationScope } from "../entities/enums";

const TARIFF = /^\d{4}\.\d{4}$/;
const MASS = /^\d{1,9}(\.\d{1,3})?$/;

@InputType({ description: "DEC-R77 (LD art. 10): domestic goods coming back." })
export class ReturnedGoodsInput {
  @Field({ description: "When they were exported." })
  exportedAt: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 30)
  exportDeclarationNumber?: string | null;

  @Field({ description: "Re-imported unchanged (LD art. 10 para. 1)." })
  @IsBoolean()
  unchanged: boolean;

  @Field(() => Boolean, { nullable: true, description: "Modified abroad but returned for a defect found during processing (LD art. 10 para. 1)." })
  @IsOptional()
  @IsBoolean()
  defectFoundDuringProcessing?: boolean | null;

  @Field({ description: "Returned to the original sender; otherwise duty-free only within five years of export (LD art. 10 para. 2)." })
  @IsBoolean()
  returnedToOriginalSender: boolean;
}

@InputType({ description: "DEC-R78 (LD art. 11): foreign goods going back to the sender abroad." })
export class ReturnToSenderInput {
  @Field({ description: "When they were imported: the three years run from then (DESIGN CHOICE)." })
  importedAt: Date;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 30)
  importDeclarationNumber?: string | null;

  @Field(() => ReturnReason)
  @IsEnum(ReturnReason)
  reason: ReturnReason;
}

@InputType({ description: "DEC-R79 (LD art. 14 para. 4): the taxed item whose use changes to one with higher duty." })
export class ChangeOfUseInput {
  @Field(() => ID)
  @IsUUID()
  originalDeclarationId: string;

  @Field(() => Int)
  @Min(1)
  originalPosition: number;
}

@InputType({ description: "A line of goods." })
export class DeclarationItemInput {
  @Field({ description: "NNNN.NNNN" })
  @Matches(TARIFF, { message: "tariffNumber must be NNNN.NNNN" })
  tariffNumber: string;

  @Field()
  @Length(2, 300)
  description: string;

  @Field({ description: "kg, up to 3 decimals, as a string" })
  @Matches(MASS, { message: "netMassKg must be a mass in kg with at most 3 decimals" })
  netMassKg: string;

  @Field({ description: "kg, up to 3 decimals, as a string" })
  @Matches(MASS, { message: "grossMassKg must be a mass in kg with at most 3 decimals" })
  grossMassKg: string;

  @Field(() => Int, { nullable: true })
  @IsOptional()
  @Min(0)
  quantity?: number | null;

  @Field(() => MoneyScalar)
  value: number;

  @Field({ description: "ISO 3166-1 alpha-2" })
  @IsISO31661Alpha2()
  origin: string;

  @Field(() => Boolean, { nullable: true, description: "DEC-R10: goods under a tariff quota." })
  @IsOptional()
  @IsBoolean()
  quotaGoods?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "DEC-R33: non-customs federal acts apply." })
  @IsOptional()
  @IsBoolean()
  nonCustomsActsApply?: boolean | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(2, 60)
  permitReference?: string | null;

  @Field(() => Boolean, { nullable: true, description: "DEC-R34: a proof of origin customs must authenticate." })
  @IsOptional()
  @IsBoolean()
  proofOfOriginRequired?: boolean | null;

  @Field(() => ReturnedGoodsInput, { nullable: true, description: "DEC-R77 (LD art. 10): returned domestic goods, duty-free under its conditions." })
  @IsOptional()
  @ValidateNested()
  returnedGoods?: ReturnedGoodsInput | null;

  @Field(() => ReturnToSenderInput, { nullable: true, description: "DEC-R78 (LD art. 11): foreign goods sent back to the sender abroad." })
  @IsOptional()
  @ValidateNested()
  returnToSender?: ReturnToSenderInput | null;

  @Field(() => ChangeOfUseInput, { nullable: true, description: "DEC-R79 (LD art. 14 para. 4): declares the change of an already taxed item to a use with higher duty; only the difference is due." })
  @IsOptional()
  @ValidateNested()
  changeOfUse?: ChangeOfUseInput | null;
}

@InputType({ description: "DEC-R03, DEC-R04 (LD art. 24; OD-AFD art. 3)." })
export class PresentGoodsInput {
  @Field(() => ID)
  @Length(1, 12)
  officeId: string;

  @Field(() => ID, { description: "The person conducting the goods, or its agent (LD art. 24 para. 1)." })
  @IsUUID()
  presenterId: string;

  @Field(() => SummaryForm)
  @IsEnum(SummaryForm)
  summaryForm: SummaryForm;

  @Field()
  @Length(2, 200)
  place: string;

  @Field()
  @Length(2, 500)
  goodsDescription: string;

  @Field(() => ID, { nullable: true, description: "The pre-declaration of these goods (DEC-R08, DEC-R11)." })
  @IsOptional()
  @IsUUID()
  declarationId?: string | null;
}

@InputType({ description: "An electronic declaration (e-dec, NCTS, Passar B2B, e-dec web)." })
export class LodgeDeclarationInput {
  @Field(() => ID)
  @IsUUID()
  declarantId: string;

  @Field(() => ID, { nullable: true, description: "The importer or exporter the declarant acts for. DESIGN CHOICE (ENF-R05, LD art. 109): set and not the declarant, the declaration is made professionally." })
  @IsOptional()
  @IsUUID()
  onBehalfOfId?: string | null;

  @Field(() => ID)
  @Length(1, 12)
  officeId: string;

  @Field(() => Direction)
  @IsEnum(Direction)
  direction: Direction;

  @Field(() => CustomsProcedure)
  @IsEnum(CustomsProcedure)
  procedure: CustomsProcedure;

  @Field(() => CustomsDestination)
  @IsEnum(CustomsDestination)
  destination: CustomsDestination;

  @Field(() => DeclarationChannel)
  @IsEnum(DeclarationChannel)
  channel: DeclarationChannel;

  @Field(() => String, { nullable: true, description: "ID-R33 (OD-AFD art. 11); not for e-dec web." })
  @IsOptional()
  @Matches(/^\d{6}$/, { message: "businessNumber must be 6 digits" })
  businessNumber?: string | null;

  @Field(() => String, { nullable: true, description: "ID-R33 (OD-AFD art. 11); not for e-dec web." })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,20}$/, { message: "personalNumber must be 1 to 20 letters or digits" })
  personalNumber?: string | null;

  @Field({ description: "DEC-R15: de, fr or it." })
  @Length(2, 2)
  language: string;

  @Field(() => ID, { nullable: true, description: "The presentation of the goods; without it, the declaration is a pre-declaration." })
  @IsOptional()
  @IsUUID()
  presentationId?: string | null;

  @Field(() => Date, { nullable: true, description: "Pre-declarations: planned introduction (import) or shipment (export). Quota goods (DEC-R10, OD-AFD art. 5 para. 2): lodged on that day." })
  @IsOptional()
  plannedCrossingAt?: Date | null;

  @Field(() => Boolean, { nullable: true, description: "DEC-R59 (OD-AFD art. 58 para. 2): tourist traffic goods; their duties are collected even at CHF 5 or less." })
  @IsOptional()
  @IsBoolean()
  touristTraffic?: boolean | null;

  @Field(() => ID, { nullable: true, description: "DEC-R73, DEC-R74 (LD art. 59 para. 1, 60 para. 1): the processing authorisation inward or outward processing is declared under; required for them." })
  @IsOptional()
  @IsUUID()
  processingAuthorisationId?: string | null;

  @Field(() => ID, { nullable: true, description: "X15 (LD art. 57, 67): the stored lot this declaration takes out of a customs warehouse or free deposit." })
  @IsOptional()
  @IsUUID()
  warehouseLotId?: string | null;

  @Field(() => ExportRegimeStorage, { nullable: true, description: "DEC-R14 (OD-AFD art. 6a): goods placed under the export regime, then stored in an open customs warehouse or a customs free deposit; not declared for export via NCTS." })
  @IsOptional()
  @IsEnum(ExportRegimeStorage)
  exportRegimeStorage?: ExportRegimeStorage | null;

  @Field(() => [DeclarationItemInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  items: DeclarationItemInput[];
}

@InputType()
export class DeclarationIdInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;
}

@InputType()
export class ItemsInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;

  @Field(() => [DeclarationItemInput])
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  items: DeclarationItemInput[];
}

@InputType({ description: "DEC-R39 (LD art. 18 para. 2): the office corrects the declaration's particulars." })
export class CorrectDeclarationInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;

  @Field(() => [DeclarationItemInput], { description: "The items as corrected (every item, in order)." })
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  items: DeclarationItemInput[];

  @Field({ description: "Why, e.g. the verification found another tariff number; the declarant sees it." })
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "DEC-R59 (OD-AFD art. 58 para. 2): abuse found on taxation decisions." })
export class FlagTaxationAbuseInput {
  @Field(() => [ID], { description: "The decisions concerned, e.g. those of one consignment split into several." })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsUUID("all", { each: true })
  taxationDecisionIds: string[];

  @Field()
  @Length(5, 300)
  reason: string;
}

/** DEC-R35 (OD-AFD art. 18): `<declaration number>-<position>-<first three letters of the kind>`. */
const IDENTIFICATION_MARK = /^\d{2}CH[0-9A-Z]{3,12}\d{8}-\d{2}-[A-Z]{3}$/;

@InputType({ description: "DEC-R35 (OD-AFD art. 18): documents are identified by their mark." })
export class SubmitDocumentInput {
  @Field({ description: "The mark on the document: the declaration number, its position and kind, e.g. 26CH100112345678-01-DEC (DEC-R35)." })
  @Matches(IDENTIFICATION_MARK, { message: "identificationMark is the declaration number, the position and the kind, e.g. 26CH100112345678-01-DEC" })
  identificationMark: string;
}

@InputType({ description: "DOMAIN.md §0.4 T10: an office adapts a deadline, with the reason." })
export class OverrideDocumentDeadlineInput {
  @Field({ description: "The mark on the document: the declaration number, its position and kind, e.g. 26CH100112345678-01-DEC (DEC-R35)." })
  @Matches(IDENTIFICATION_MARK, { message: "identificationMark is the declaration number, the position and the kind, e.g. 26CH100112345678-01-DEC" })
  identificationMark: string;

  @Field()
  newDueAt: Date;

  @Field()
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "T10 (OD-AFD art. 4 para. 2)." })
export class OverrideDeclarationDeadlineInput {
  @Field(() => ID)
  @IsUUID()
  presentationId: string;

  @Field()
  until: Date;

  @Field()
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "DEC-R58 (OD-AFD art. 37 para. 2): the office extends the removal deadline on request." })
export class ExtendRemovalInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;

  @Field()
  until: Date;

  @Field()
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "DEC-R45 (LD art. 35)." })
export class RequestAdditionalDocumentInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;

  @Field(() => DocumentKind)
  @IsEnum(DocumentKind)
  kind: DocumentKind;

  @Field()
  dueAt: Date;

  @Field()
  @Length(5, 300)
  reason: string;
}

@InputType({ description: "DEC-R38, DEC-R40." })
export class RefuseDeclarationInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;

  @Field(() => [String])
  @ArrayMinSize(1)
  reasons: string[];
}

@InputType({ description: "DEC-R40 (OD-AFD art. 20 para. 2): extension for fair reasons." })
export class ExtendResubmissionInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;

  @Field()
  until: Date;

  @Field()
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "DEC-R46, DEC-R47." })
export class OrderVerificationInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;

  @Field(() => VerificationScope)
  @IsEnum(VerificationScope)
  scope: VerificationScope;

  @Field(() => [String], { nullable: true, description: "For a sample: the tariff numbers verified." })
  @IsOptional()
  sampledTariffNumbers?: string[] | null;
}

@InputType()
export class RecordVerificationInput {
  @Field(() => ID)
  @IsUUID()
  verificationId: string;

  @Field()
  @IsBoolean()
  conforms: boolean;

  @Field()
  @Length(3, 2000)
  result: string;
}

@InputType({ description: "DEC-R52, DEC-R55, DEC-R41." })
export class TaxDeclarationInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;

  @Field(() => TaxationKind)
  @IsEnum(TaxationKind)
  kind: TaxationKind;

  @Field(() => Date, { nullable: true, description: "PROVISIONAL: the deadline for the missing documents (LD art. 39 para. 4)." })
  @IsOptional()
  documentsDueBy?: Date | null;

  @Field(() => Boolean, { nullable: true, description: "DEC-R49 let. a (LD art. 19 para. 2 let. a): the description is incomplete or ambiguous and cannot be corrected: the highest rate for the kind of goods applies." })
  @IsOptional()
  @IsBoolean()
  applyHighestRate?: boolean | null;
}

@InputType()
export class TaxationDecisionIdInput {
  @Field(() => ID)
  @IsUUID()
  taxationDecisionId: string;
}

@InputType({ description: "DEC-R54 (OD-AFD art. 20b)." })
export class CancelTaxationInput {
  @Field(() => ID)
  @IsUUID()
  taxationDecisionId: string;

  @Field()
  @Length(5, 1000)
  notice: string;
}

@InputType({ description: "DEC-R44 (LD art. 34 para. 3-4)." })
export class RequestTaxationChangeInput {
  @Field(() => ID)
  @IsUUID()
  declarationId: string;

  @Field(() => ChangeGround)
  @IsEnum(ChangeGround)
  ground: ChangeGround;

  @Field()
  @Length(10, 2000)
  justification: string;

  @Field(() => [DeclarationItemInput], { description: "The corrected declaration, filed at the same time." })
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  correctedItems: DeclarationItemInput[];
}

@InputType()
export class DecideTaxationChangeInput {
  @Field(() => ID)
  @IsUUID()
  requestId: string;

  @Field()
  @IsBoolean()
  grant: boolean;

  @Field()
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "DEC-R60 (LD art. 116)." })
export class FileAppealInput {
  @Field(() => ID)
  @IsUUID()
  taxationDecisionId: string;

  @Field()
  @Length(10, 4000)
  grounds: string;
}

@InputType()
export class DecideAppealInput {
  @Field(() => ID)
  @IsUUID()
  appealId: string;

  @Field()
  @Length(5, 4000)
  outcome: string;
}

@InputType()
export class FurtherAppealInput {
  @Field(() => ID)
  @IsUUID()
  appealId: string;

  @Field()
  @Length(10, 4000)
  grounds: string;
}

@InputType({ description: "An opening interval of the counters." })
export class OpeningIntervalInput {
  @Field(() => Int, { description: "ISO weekday, Monday = 1, to Friday = 5." })
  @Min(1)
  @Max(7)
  weekday: number;

  @Field()
  @Matches(/^\d{2}:\d{2}$/)
  opens: string;

  @Field()
  @Matches(/^\d{2}:\d{2}$/)
  closes: string;
}

@InputType({ description: "DEC-R83 (LD art. 29): an office, its competences, hours and place of taxation." })
export class RecordCustomsOfficeInput {
  @Field(() => ID)
  @Matches(/^[0-9A-Z]{3,12}$/)
  id: string;

  @Field()
  @Length(2, 120)
  name: string;

  @Field()
  @Matches(/^[A-Z]{2}$/)
  canton: string;

  @Field(() => [OpeningIntervalInput])
  @ValidateNested({ each: true })
  openingHours: OpeningIntervalInput[];

  @Field(() => [String])
  competences: string[];

  @Field()
  @Length(2, 200)
  taxationPlace: string;
}

@InputType({ description: "A tariff rate from a day on; closes the previous rate the day before." })
export class RecordTariffRateInput {
  @Field()
  @Matches(TARIFF)
  tariffNumber: string;

  @Field()
  @Length(2, 300)
  description: string;

  @Field(() => RateBasis)
  @IsEnum(RateBasis)
  rateBasis: RateBasis;

  @Field()
  rate: string;

  @Field({ description: "YYYY-MM-DD" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validFrom: string;
}

@InputType({ description: "DEC-R29: a new selection rule set." })
export class PublishSelectionRuleSetInput {
  @Field({ description: "Share of declarations blocked at random, 0 to 1 (decimal string)." })
  randomRate: string;

  @Field(() => [SelectionRuleType])
  @ValidateNested({ each: true })
  rules: SelectionRuleType[];

  @Field(() => Date, { nullable: true, description: "Applies from; now when absent." })
  @IsOptional()
  activeFrom?: Date | null;
}

@ArgsType()
export class DeclarationFilterArgs {
  @Field(() => [DeclarationStatus], { nullable: true })
  @IsOptional()
  statuses?: DeclarationStatus[] | null;

  @Field(() => Date, { nullable: true, description: "Lodged at or after." })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Lodged before." })
  @IsOptional()
  to?: Date | null;
}
