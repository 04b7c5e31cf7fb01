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

  @Field(() => String, { nullable: true, description: "The declaration number of the goods' export." })
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

  @Field(() => String, { nullable: true, description: "The declaration number of the goods' import." })
  @IsOptional()
  @Length(2, 30)
  importDeclarationNumber?: string | null;

  @Field(() => ReturnReason, { description: "Why the goods go back." })
  @IsEnum(ReturnReason)
  reason: ReturnReason;
}

@InputType({ description: "DEC-R79 (LD art. 14 para. 4): the taxed item whose use changes to one with higher duty." })
export class ChangeOfUseInput {
  @Field(() => ID, { description: "The declaration that first taxed the goods." })
  @IsUUID()
  originalDeclarationId: string;

  @Field(() => Int, { description: "The goods' item position in it." })
  @Min(1)
  originalPosition: number;
}

@InputType({ description: "A line of goods." })
export class DeclarationItemInput {
  @Field({ description: "NNNN.NNNN" })
  @Matches(TARIFF, { message: "tariffNumber must be NNNN.NNNN" })
  tariffNumber: string;

  @Field({ description: "The goods' description in trade terms." })
  @Length(2, 300)
  description: string;

  @Field({ description: "kg, up to 3 decimals, as a string" })
  @Matches(MASS, { message: "netMassKg must be a mass in kg with at most 3 decimals" })
  netMassKg: string;

  @Field({ description: "kg, up to 3 decimals, as a string" })
  @Matches(MASS, { message: "grossMassKg must be a mass in kg with at most 3 decimals" })
  grossMassKg: string;

  @Field(() => Int, { nullable: true, description: "The number of units, for a rate per unit (RateBasis PER_UNIT; QUANTITY_REQUIRED without it)." })
  @IsOptional()
  @Min(0)
  quantity?: number | null;

  @Field(() => MoneyScalar, { description: "The declared value in CHF (exact decimal string, at most 2 fraction digits)." })
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

  @Field(() => String, { nullable: true, description: "The import or export permit the goods need, if any (DEC-R33)." })
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
  @Field(() => ID, { description: "The office code (see customsOffices)." })
  @Length(1, 12)
  officeId: string;

  @Field(() => ID, { description: "The person conducting the goods, or its agent (LD art. 24 para. 1)." })
  @IsUUID()
  presenterId: string;

  @Field(() => SummaryForm, { description: "The form of the summary declaration the office designates (DEC-R04)." })
  @IsEnum(SummaryForm)
  summaryForm: SummaryForm;

  @Field({ description: "The office, or the other approved place where the goods are (LD art. 24 para. 2)." })
  @Length(2, 200)
  place: string;

  @Field({ description: "Summary description of the goods." })
  @Length(2, 500)
  goodsDescription: string;

  @Field(() => ID, { nullable: true, description: "The pre-declaration of these goods (DEC-R08, DEC-R11)." })
  @IsOptional()
  @IsUUID()
  declarationId?: string | null;
}

@InputType({ description: "An electronic declaration (e-dec, NCTS, Passar B2B, e-dec web)." })
export class LodgeDeclarationInput {
  @Field(() => ID, { description: "The declarant: a business partner the caller acts for, with a customs system authorisation (ID-R31)." })
  @IsUUID()
  declarantId: string;

  @Field(() => ID, { nullable: true, description: "The importer or exporter the declarant acts for. DESIGN CHOICE (ENF-R05, LD art. 109): set and not the declarant, the declaration is made professionally." })
  @IsOptional()
  @IsUUID()
  onBehalfOfId?: string | null;

  @Field(() => ID, { description: "The office code (see customsOffices)." })
  @Length(1, 12)
  officeId: string;

  @Field(() => Direction, { description: "Import, export or transit." })
  @IsEnum(Direction)
  direction: Direction;

  @Field(() => CustomsProcedure, { description: "The customs procedure declared (DEC-R65)." })
  @IsEnum(CustomsProcedure)
  procedure: CustomsProcedure;

  @Field(() => CustomsDestination, { description: "The customs destination (LD art. 27); CUSTOMS_PROCEDURE when omitted." })
  @IsEnum(CustomsDestination)
  destination: CustomsDestination;

  @Field(() => DeclarationChannel, { description: "The electronic channel (DEC-R13): EDEC, NCTS, EDEC_WEB or PASSAR_B2B." })
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

  @Field(() => [DeclarationItemInput], { description: "The goods, 1 to 200 lines, in order." })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  items: DeclarationItemInput[];
}

@InputType({ description: "Names a declaration." })
export class DeclarationIdInput {
  @Field(() => ID, { description: "The declaration's id." })
  @IsUUID()
  declarationId: string;
}

@InputType({ description: "A declaration's items, as rectified or resubmitted." })
export class ItemsInput {
  @Field(() => ID, { description: "The declaration." })
  @IsUUID()
  declarationId: string;

  @Field(() => [DeclarationItemInput], { description: "The goods, 1 to 200 lines, in order." })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  items: DeclarationItemInput[];
}

@InputType({ description: "DEC-R39 (LD art. 18 para. 2): the office corrects the declaration's particulars." })
export class CorrectDeclarationInput {
  @Field(() => ID, { description: "The declaration to correct." })
  @IsUUID()
  declarationId: string;

  @Field(() => [DeclarationItemInput], { description: "The items as corrected (every item, in order)." })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
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

  @Field({ description: "What the office found, e.g. one consignment split into several." })
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

  @Field({ description: "The new deadline." })
  newDueAt: Date;

  @Field({ description: "Why (T10)." })
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "T10 (OD-AFD art. 4 para. 2)." })
export class OverrideDeclarationDeadlineInput {
  @Field(() => ID, { description: "The goods presentation." })
  @IsUUID()
  presentationId: string;

  @Field({ description: "The new declaration deadline." })
  until: Date;

  @Field({ description: "Why (T10)." })
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "DEC-R58 (OD-AFD art. 37 para. 2): the office extends the removal deadline on request." })
export class ExtendRemovalInput {
  @Field(() => ID, { description: "The declaration whose goods are to be removed." })
  @IsUUID()
  declarationId: string;

  @Field({ description: "The new removal deadline: in the future and after the one in force." })
  until: Date;

  @Field({ description: "The declarant's request, as the office records it (T10)." })
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "DEC-R45 (LD art. 35)." })
export class RequestAdditionalDocumentInput {
  @Field(() => ID, { description: "The declaration, in the taxation procedure (ACCEPTED or EX_OFFICIO_TAXED)." })
  @IsUUID()
  declarationId: string;

  @Field(() => DocumentKind, { description: "The kind of document." })
  @IsEnum(DocumentKind)
  kind: DocumentKind;

  @Field({ description: "The deadline, in the future." })
  dueAt: Date;

  @Field({ description: "Why the office asks (LD art. 35)." })
  @Length(5, 300)
  reason: string;
}

@InputType({ description: "DEC-R38, DEC-R40." })
export class RefuseDeclarationInput {
  @Field(() => ID, { description: "The declaration to refuse." })
  @IsUUID()
  declarationId: string;

  @Field(() => [String], { description: "What to correct or complete." })
  @ArrayMinSize(1)
  reasons: string[];
}

@InputType({ description: "DEC-R40 (OD-AFD art. 20 para. 2): extension for fair reasons." })
export class ExtendResubmissionInput {
  @Field(() => ID, { description: "The refused declaration." })
  @IsUUID()
  declarationId: string;

  @Field({ description: "The new resubmission deadline." })
  until: Date;

  @Field({ description: "The fair reasons (OD-AFD art. 20 para. 2)." })
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "DEC-R46, DEC-R47." })
export class OrderVerificationInput {
  @Field(() => ID, { description: "The declaration to verify." })
  @IsUUID()
  declarationId: string;

  @Field(() => VerificationScope, { description: "Full, or by sample (then name the sampled tariff numbers)." })
  @IsEnum(VerificationScope)
  scope: VerificationScope;

  @Field(() => [String], { nullable: true, description: "For a sample: the tariff numbers verified." })
  @IsOptional()
  sampledTariffNumbers?: string[] | null;
}

@InputType({ description: "DEC-R47 (LD art. 37): the result of a verification." })
export class RecordVerificationInput {
  @Field(() => ID, { description: "The verification." })
  @IsUUID()
  verificationId: string;

  @Field({ description: "Whether the goods conform to the declaration." })
  @IsBoolean()
  conforms: boolean;

  @Field({ description: "What the office found: the basis of the taxation and of any proceedings." })
  @Length(3, 2000)
  result: string;
}

@InputType({ description: "DEC-R52, DEC-R55, DEC-R41." })
export class TaxDeclarationInput {
  @Field(() => ID, { description: "The declaration to tax." })
  @IsUUID()
  declarationId: string;

  @Field(() => TaxationKind, { description: "FINAL, PROVISIONAL or EX_OFFICIO." })
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

@InputType({ description: "Names a taxation decision." })
export class TaxationDecisionIdInput {
  @Field(() => ID, { description: "The decision's id." })
  @IsUUID()
  taxationDecisionId: string;
}

@InputType({ description: "DEC-R54 (OD-AFD art. 20b)." })
export class CancelTaxationInput {
  @Field(() => ID, { description: "The decision to cancel." })
  @IsUUID()
  taxationDecisionId: string;

  @Field({ description: "The notice the declarant receives (OD-AFD art. 20b para. 1)." })
  @Length(5, 1000)
  notice: string;
}

@InputType({ description: "DEC-R44 (LD art. 34 para. 3-4)." })
export class RequestTaxationChangeInput {
  @Field(() => ID, { description: "The declaration whose taxation should change." })
  @IsUUID()
  declarationId: string;

  @Field(() => ChangeGround, { description: "The ground claimed (LD art. 34 para. 4)." })
  @IsEnum(ChangeGround)
  ground: ChangeGround;

  @Field({ description: "The declarant's proof of the ground." })
  @Length(10, 2000)
  justification: string;

  @Field(() => [DeclarationItemInput], { description: "The corrected declaration, filed at the same time." })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  correctedItems: DeclarationItemInput[];
}

@InputType({ description: "DEC-R44 (LD art. 34 para. 4): the office's decision on a change of taxation." })
export class DecideTaxationChangeInput {
  @Field(() => ID, { description: "The change request." })
  @IsUUID()
  requestId: string;

  @Field({ description: "True to grant on proof of one of the two grounds (an AMENDED decision supersedes), false to reject." })
  @IsBoolean()
  grant: boolean;

  @Field({ description: "The office's reasons." })
  @Length(5, 1000)
  reason: string;
}

@InputType({ description: "DEC-R60 (LD art. 116)." })
export class FileAppealInput {
  @Field(() => ID, { description: "The taxation decision appealed." })
  @IsUUID()
  taxationDecisionId: string;

  @Field({ description: "The appellant's grounds." })
  @Length(10, 4000)
  grounds: string;
}

@InputType({ description: "DEC-R60 (LD art. 116 para. 1): the appeal instance's decision." })
export class DecideAppealInput {
  @Field(() => ID, { description: "The appeal to decide." })
  @IsUUID()
  appealId: string;

  @Field({ description: "The decision, as the appellant receives it." })
  @Length(5, 4000)
  outcome: string;
}

@InputType({ description: "DEC-R60 (LD art. 116 para. 1): take a district directorate's first-instance decision to the DGD." })
export class FurtherAppealInput {
  @Field(() => ID, { description: "The decided first-instance appeal." })
  @IsUUID()
  appealId: string;

  @Field({ description: "The appellant's grounds." })
  @Length(10, 4000)
  grounds: string;
}

@InputType({ description: "An opening interval of the counters." })
export class OpeningIntervalInput {
  @Field(() => Int, { description: "ISO weekday, Monday = 1, to Friday = 5." })
  @Min(1)
  @Max(7)
  weekday: number;

  @Field({ description: "Opening time, HH:MM, Europe/Zurich." })
  @Matches(/^\d{2}:\d{2}$/)
  opens: string;

  @Field({ description: "Closing time, HH:MM, Europe/Zurich, after opens." })
  @Matches(/^\d{2}:\d{2}$/)
  closes: string;
}

@InputType({ description: "DEC-R83 (LD art. 29): an office, its competences, hours and place of taxation." })
export class RecordCustomsOfficeInput {
  @Field(() => ID, { description: "The office code, 1 to 12 characters; an existing office is updated." })
  @Matches(/^[0-9A-Z]{3,12}$/)
  id: string;

  @Field({ description: "The office's name." })
  @Length(2, 120)
  name: string;

  @Field({ description: "The canton whose public holidays close the office (two letters, e.g. BS)." })
  @Matches(/^[A-Z]{2}$/)
  canton: string;

  @Field(() => [OpeningIntervalInput], { description: "The counter opening intervals of a week, Europe/Zurich, at most 35 (DESIGN CHOICE: five a day); they count the hours of counter opening of T5 (OD-AFD art. 19, 19a)." })
  @ArrayMaxSize(35)
  @ValidateNested({ each: true })
  openingHours: OpeningIntervalInput[];

  @Field(() => [String], { description: "What the office may clear, e.g. IMPORT, EXPORT, TRANSIT, COMMERCIAL_GOODS (LD art. 29)." })
  competences: string[];

  @Field({ description: "The official place of taxation (LD art. 29)." })
  @Length(2, 200)
  taxationPlace: string;
}

@InputType({ description: "A tariff rate from a day on; closes the previous rate the day before." })
export class RecordTariffRateInput {
  @Field({ description: "The tariff number, NNNN.NNNN." })
  @Matches(TARIFF)
  tariffNumber: string;

  @Field({ description: "The goods of the number." })
  @Length(2, 300)
  description: string;

  @Field(() => RateBasis, { description: "What the rate applies to." })
  @IsEnum(RateBasis)
  rateBasis: RateBasis;

  @Field({ description: "The rate: CHF per 100 kg or per unit, or a percentage; a non-negative decimal string with at most 4 decimals." })
  rate: string;

  @Field({ description: "YYYY-MM-DD" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  validFrom: string;
}

@InputType({ description: "DEC-R29: a new selection rule set." })
export class PublishSelectionRuleSetInput {
  @Field({ description: "Share of declarations blocked at random, 0 to 1 (decimal string)." })
  randomRate: string;

  @Field(() => [SelectionRuleType], { description: "The rules of the new version, at most 100 (DESIGN CHOICE: a bound, so that a selection's matched rules stay a short list). Rule ids are unique within the set." })
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  rules: SelectionRuleType[];

  @Field(() => Date, { nullable: true, description: "Applies from; now when absent." })
  @IsOptional()
  activeFrom?: Date | null;
}

@ArgsType()
export class DeclarationFilterArgs {
  @Field(() => [DeclarationStatus], { nullable: true, description: "Only declarations in one of these statuses; all when omitted." })
  @IsOptional()
  statuses?: DeclarationStatus[] | null;

  @Field(() => Date, { nullable: true, description: "Lodged at or after." })
  @IsOptional()
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: "Lodged before." })
  @IsOptional()
  to?: Date | null;
}
