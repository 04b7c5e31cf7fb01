import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Min } from "class-validator";
import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { MoneyScalar } from "../../kit";
import {
  AdmittedGoodsKind,
  ApplicationForm,
  ApplicationSentBy,
  AuthorisationIssuer,
  CustomsProcedure,
  DischargeMode,
  ProcedureCaseStatus,
  ProcessingAnnexCategory,
  ProcessingKind,
  ProcessingSystem,
  ReliefEvidence,
  Sealing,
  TransportMode,
} from "../entities/enums";

@InputType({ description: "DEC-R65 to DEC-R76: the office places the goods of an accepted declaration under its procedure." })
export class OpenProcedureCaseInput {
  @Field(() => ID, { description: "The accepted declaration whose goods the office places under the procedure." })
  @IsUUID()
  declarationId: string;

  @Field(() => Date, { nullable: true, description: "The time limit (LD art. 49 para. 2 let. c, 58 para. 2). None for a pipeline (DEC-R71); a horse's is one year (OD-AFD art. 54 para. 1) and may be left out." })
  @IsOptional()
  timeLimit?: Date | null;

  @Field(() => TransportMode, { description: "How the goods travel." })
  @IsEnum(TransportMode)
  transport: TransportMode;

  @Field(() => Sealing, { nullable: true, description: "Transit: DEC-R69 (OD-AFD art. 42)." })
  @IsOptional()
  @IsEnum(Sealing)
  sealing?: Sealing | null;

  @Field(() => Int, { nullable: true, description: "DEC-R69: the number of seals applied, if sealed." })
  @IsOptional()
  @IsInt()
  @Min(1)
  sealCount?: number | null;

  @Field(() => Boolean, { nullable: true, description: "OD-AFD art. 42 let. a: the office recognised the means of transport as sealable." })
  @IsOptional()
  @IsBoolean()
  meansOfTransportRecognisedSealable?: boolean | null;

  @Field(() => MoneyScalar, { nullable: true, description: "DEC-R69 (OD-AFD art. 43): the sealing costs the declarant bears." })
  @IsOptional()
  sealingCosts?: number | null;

  @Field(() => AdmittedGoodsKind, { nullable: true, description: "Temporary admission: horses and means of transport have their own rules (OD-AFD art. 54, 55)." })
  @IsOptional()
  @IsEnum(AdmittedGoodsKind)
  goodsKind?: AdmittedGoodsKind | null;

  @Field({ description: "How the goods are identified: seal numbers, serial numbers, the equine passport's number." })
  @Length(2, 300)
  identification: string;

  @Field(() => ID, { nullable: true, description: "DEC-R76, DEC-R68: a transit carrying goods under this export regime case; the export regime is discharged by the transit and revoked if the transit is not discharged." })
  @IsOptional()
  @IsUUID()
  exportCaseId?: string | null;
}

@InputType({ description: "DEC-R72 (OD-AFD art. 53, 54 para. 2): extend a temporary admission." })
export class ExtendProcedureCaseInput {
  @Field(() => ID, { description: "The temporary admission's case." })
  @IsUUID()
  caseId: string;

  @Field({ description: "The new time limit: after the one in force, at most a year later (OD-AFD art. 53, 54 para. 2)." })
  until: Date;

  @Field({ description: "Why." })
  @Length(2, 500)
  reason: string;
}

@InputType({ description: "DEC-R70, DEC-R72 to DEC-R74, DEC-R76: the procedure discharged." })
export class DischargeProcedureCaseInput {
  @Field(() => ID, { description: "The procedure case." })
  @IsUUID()
  caseId: string;

  @Field(() => DischargeMode, { description: "How the procedure was discharged; it must fit the procedure (DISCHARGE_MODE_NOT_FOR_PROCEDURE)." })
  @IsEnum(DischargeMode)
  mode: DischargeMode;

  @Field({ description: "When the goods reached the destination, left, came back or were placed under the next procedure: no later than the time limit." })
  occurredAt: Date;

  @Field(() => String, { nullable: true, description: "The formal attestation of an accident or force majeure (OD-AFD art. 45), or another reference." })
  @IsOptional()
  @Length(2, 200)
  reference?: string | null;

  @Field(() => ID, { nullable: true, description: "OTHER_PROCEDURE: the accepted declaration of the next procedure (LD art. 47 para. 3)." })
  @IsOptional()
  @IsUUID()
  nextDeclarationId?: string | null;

  @Field(() => String, { nullable: true, description: "The identification found at discharge; a horse's equine passport number (OD-AFD art. 54 para. 3)." })
  @IsOptional()
  @Length(2, 300)
  identification?: string | null;
}

@InputType({ description: "DEC-R68, DEC-R72 to DEC-R74: relief from the duties of a procedure not discharged in time." })
export class ApplyForProcedureReliefInput {
  @Field(() => ID, { description: "The procedure case." })
  @IsUUID()
  caseId: string;

  @Field(() => ReliefEvidence, { description: "The proof of identity and of the goods' exit or return." })
  @IsEnum(ReliefEvidence)
  evidence: ReliefEvidence;

  @Field({ description: "The attestation's reference, e.g. the foreign taxation decision's number." })
  @Length(2, 200)
  evidenceReference: string;

  @Field({ description: "When the goods left (or came back): within the time limit." })
  goodsMovedAt: Date;
}

@InputType({ description: "The office's decision on an application for relief (DEC-R68, DEC-R72 to DEC-R74)." })
export class DecideProcedureReliefInput {
  @Field(() => ID, { description: "The procedure case." })
  @IsUUID()
  caseId: string;

  @Field({ description: "True to grant (the due duties end), false to refuse (DUTIES_DUE)." })
  @IsBoolean()
  grant: boolean;

  @Field({ description: "The office's reasons." })
  @Length(2, 500)
  reason: string;
}

@InputType({ description: "DEC-R76 (LD art. 61 para. 4)." })
export class RevokeExportRegimeInput {
  @Field(() => ID, { description: "The export regime's case." })
  @IsUUID()
  caseId: string;

  @Field({ description: "Why the office revokes it." })
  @Length(2, 500)
  reason: string;
}

@InputType({ description: "DEC-R73 to DEC-R75 (LD art. 59, 60; OD-AFD art. 56, 57)." })
export class GrantProcessingAuthorisationInput {
  @Field(() => ID, { description: "The holder: a business partner." })
  @IsUUID()
  holderId: string;

  @Field(() => ProcessingKind, { description: "Inward or outward processing." })
  @IsEnum(ProcessingKind)
  kind: ProcessingKind;

  @Field(() => ProcessingSystem, { description: "Suspension or refund." })
  @IsEnum(ProcessingSystem)
  system: ProcessingSystem;

  @Field(() => AuthorisationIssuer, { description: "Who grants: the DGD, or a customs office for the annex's goods and processing (OD-AFD art. 57)." })
  @IsEnum(AuthorisationIssuer)
  issuer: AuthorisationIssuer;

  @Field(() => ID, { nullable: true, description: "For an office's grant: its office code." })
  @IsOptional()
  @Length(1, 12)
  issuingOfficeId?: string | null;

  @Field(() => ProcessingAnnexCategory, { nullable: true, description: "For an office's grant: the annex category of the goods and processing (OD-AFD art. 57)." })
  @IsOptional()
  @IsEnum(ProcessingAnnexCategory)
  annexCategory?: ProcessingAnnexCategory | null;

  @Field({ description: "The processing authorised, e.g. \"repair of gearboxes\"." })
  @Length(5, 500)
  processing: string;

  @Field(() => [String], { description: "The tariff headings (4 digits) of the goods the authorisation covers." })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^\d{4}$/, { each: true, message: "tariffHeadings are four digits" })
  tariffHeadings: string[];

  @Field(() => String, { nullable: true, description: "The quantity limit in kg (exact decimal string), a charge the cases may not exceed; none when omitted." })
  @IsOptional()
  @Matches(/^\d{1,9}(\.\d{1,3})?$/, { message: "quantityLimitKg must be a mass in kg with at most 3 decimals" })
  quantityLimitKg?: string | null;

  @Field({ description: "The end of validity: cases under it keep within it." })
  validUntil: Date;

  @Field(() => ApplicationForm, { nullable: true, description: "For the DGD: the application's form (not needed for a renewal)." })
  @IsOptional()
  @IsEnum(ApplicationForm)
  applicationForm?: ApplicationForm | null;

  @Field(() => ApplicationSentBy, { nullable: true, description: "For the DGD: how the application came, by post or fax (OD-AFD art. 56 para. 3)." })
  @IsOptional()
  @IsEnum(ApplicationSentBy)
  applicationSentBy?: ApplicationSentBy | null;

  @Field(() => Boolean, { nullable: true, description: "For the DGD: the application is validly signed." })
  @IsOptional()
  @IsBoolean()
  applicationSigned?: boolean | null;

  @Field(() => ID, { nullable: true, description: "The authorisation this one renews, if any: no new application form is needed." })
  @IsOptional()
  @IsUUID()
  renewalOf?: string | null;
}

@ArgsType()
export class ProcedureCaseFilterArgs {
  @Field(() => [ProcedureCaseStatus], { nullable: true, description: "Only cases in one of these statuses; all when omitted." })
  @IsOptional()
  statuses?: ProcedureCaseStatus[] | null;

  @Field(() => CustomsProcedure, { nullable: true, description: "Only cases of this procedure; all when omitted." })
  @IsOptional()
  procedure?: CustomsProcedure | null;
}
