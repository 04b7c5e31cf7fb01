import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
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
} from "./enums";

@ObjectType({ description: "An extension of a procedure's time limit (DEC-R72, OD-AFD art. 53, 54 para. 2)." })
export class TimeLimitExtension {
  @Field({ description: "The time limit before this extension." })
  from: Date;

  @Field({ description: "The new time limit." })
  to: Date;

  @Field({ description: "When the office extended." })
  at: Date;

  @Field({ description: "Why." })
  reason: string;
}

/**
 * A customs procedure with a time limit (DEC-R65 to DEC-R76): transit, temporary admission, inward
 * and outward processing, and the export regime, from the conditional duties to discharge, or to
 * duties due.
 */
@ObjectType({
  description:
    "A customs procedure that must be discharged (DEC-R65, LD art. 47): transit (DEC-R67 to DEC-R71, LD art. 49; OD-AFD art. 42-46), temporary admission (DEC-R72, LD art. 58; OD-AFD art. 52-55), inward and outward processing (DEC-R73, DEC-R74, LD art. 59, 60) and the export regime (DEC-R76, LD art. 61). The office opens it on an accepted declaration: the duties are fixed with a conditional payment obligation (X11), the goods identified and a time limit set; debt records the conditional debt and secures it (LD art. 76), and the goods are released only once debt reports them secured. Discharged in time, the debt ends; the time limit passed, X12 makes the duties due, unless relief is applied for within 60 days and granted. Declined, with reason: the reductions of LD art. 12 and 13 (overriding public interest, equivalent goods, another calculation basis for the added value) are decided when the processing authorisation is granted, not per case; the added-value basis is set by the Federal Council, not in our sources.",
})
@Directive('@key(fields: "id")')
@Entity("procedure_case")
export class ProcedureCase {
  @Field(() => ID, { description: "The case's opaque id (federation key)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_procedure_case_declaration", { unique: true })
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field(() => CustomsProcedure, { description: "The procedure the goods are under." })
  @Column({ type: "varchar", length: 24 })
  procedure: CustomsProcedure;

  @Index("IDX_procedure_case_holder")
  @Column({ type: "varchar", length: 36, name: "holder_id" })
  holderId: string;

  @Column({ type: "varchar", length: 12, name: "office_id" })
  officeId: string;

  @Field({ description: "When the office opened the case on the accepted declaration." })
  @Column({ type: "datetime", precision: 3, name: "opened_at" })
  openedAt: Date;

  @Field(() => Date, { nullable: true, description: "The time limit the office set (LD art. 49 para. 2 let. c, 58 para. 2); none for goods sent by pipeline (DEC-R71, LD art. 45)." })
  @Index("IDX_procedure_case_time_limit")
  @Column({ type: "datetime", precision: 3, name: "time_limit", nullable: true })
  timeLimit: Date | null;

  @Field(() => [TimeLimitExtension], {
    description:
      "Bounded: only an open temporary admission is extended, by the office, before its time limit, each time by a renewable period of at most a year (DEC-R72, OD-AFD art. 53), a horse's only once (art. 54 para. 2); in practice one extension per year the admission lasts, kept in the case's own record. The extensions, oldest first.",
  })
  @Column({ type: "simple-json" })
  extensions: TimeLimitExtension[];

  @Field(() => TransportMode, { description: "How the goods travel; PIPELINE sets no time limit (DEC-R71)." })
  @Column({ type: "varchar", length: 12 })
  transport: TransportMode;

  @Field(() => Sealing, { nullable: true, description: "DEC-R69 (OD-AFD art. 42): how a transit's goods are identified." })
  @Column({ type: "varchar", length: 12, nullable: true })
  sealing: Sealing | null;

  @Field(() => Int, { nullable: true, description: "DEC-R69: the number of seals applied; the sealing costs follow from it." })
  @Column({ type: "integer", name: "seal_count", nullable: true })
  sealCount: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: "DEC-R69 (OD-AFD art. 43): the sealing costs, borne by the declarant." })
  @Column({ type: "bigint", name: "sealing_costs_rappen", nullable: true, transformer: rappenColumn })
  sealingCosts: number | null;

  @Field(() => AdmittedGoodsKind, { description: "For a temporary admission: general goods, a horse or a means of transport (OD-AFD art. 53-55)." })
  @Column({ type: "varchar", length: 20, name: "goods_kind" })
  goodsKind: AdmittedGoodsKind;

  @Field({ description: "How the goods are identified (LD art. 49 para. 2 let. b, 58 para. 2 let. b): seal numbers, serial numbers, the equine passport's number." })
  @Column({ type: "varchar", length: 300 })
  identification: string;

  @Column({ type: "varchar", length: 36, name: "processing_authorisation_id", nullable: true })
  processingAuthorisationId: string | null;

  @Field(() => ProcessingSystem, { nullable: true, description: "DEC-R73, DEC-R74: suspension (conditional duties) or refund (duties paid, refund right)." })
  @Column({ type: "varchar", length: 12, name: "processing_system", nullable: true })
  processingSystem: ProcessingSystem | null;

  @Field(() => MoneyScalar, { description: "The duties fixed with a conditional payment obligation (X11; LD art. 49 para. 2 let. a, 58 para. 2 let. a, 59 para. 2, 60 para. 2): the import duties at the rates in force at acceptance; zero under a refund system, and for goods going out, the export regime, a temporary export and outward processing (LD art. 58 para. 2 let. a, 60 para. 2: their export duties; our tariff has none)." })
  @Column({ type: "bigint", name: "conditional_duties_rappen", transformer: rappenColumn })
  conditionalDuties: number;

  @Field(() => Date, { nullable: true, description: "When debt reported the conditional duties secured (ConditionalDebtSecured; LD art. 76 para. 1): the goods may be released from then on." })
  @Column({ type: "datetime", precision: 3, name: "secured_at", nullable: true })
  securedAt: Date | null;

  @Column({ type: "varchar", length: 36, name: "debt_id", nullable: true })
  debtId: string | null;

  @Field(() => ProcedureCaseStatus, { description: "Where the case stands (DOMAIN.md §3.2)." })
  @Index("IDX_procedure_case_status")
  @Column({ type: "varchar", length: 16 })
  status: ProcedureCaseStatus;

  @Field(() => Date, { nullable: true, description: "When the discharge happened, as the office recorded it; null until then." })
  @Column({ type: "datetime", precision: 3, name: "discharged_at", nullable: true })
  dischargedAt: Date | null;

  @Field(() => DischargeMode, { nullable: true, description: "How the procedure was discharged." })
  @Column({ type: "varchar", length: 28, name: "discharge_mode", nullable: true })
  dischargeMode: DischargeMode | null;

  @Field(() => String, { nullable: true, description: "The attestation (DEC-R70, OD-AFD art. 45), the free deposit's entry, or the declaration of the next procedure." })
  @Column({ type: "varchar", length: 200, name: "discharge_reference", nullable: true })
  dischargeReference: string | null;

  @Field(() => Date, { nullable: true, description: "When the time limit passed undischarged (X12)." })
  @Column({ type: "datetime", precision: 3, name: "not_discharged_at", nullable: true })
  notDischargedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the holder applied for relief, within 60 days of the time limit." })
  @Column({ type: "datetime", precision: 3, name: "relief_applied_at", nullable: true })
  reliefAppliedAt: Date | null;

  @Field(() => ReliefEvidence, { nullable: true, description: "The proof of identity and of the goods' exit or return the application gives (OD-AFD art. 46, 52, 54 para. 3)." })
  @Column({ type: "varchar", length: 28, name: "relief_evidence", nullable: true })
  reliefEvidence: ReliefEvidence | null;

  @Field(() => String, { nullable: true, description: "The reference of that proof." })
  @Column({ type: "varchar", length: 200, name: "relief_evidence_reference", nullable: true })
  reliefEvidenceReference: string | null;

  @Field(() => Date, { nullable: true, description: "When the goods left (or came back), as the application states: within the time limit for relief (LD art. 49 para. 4, 58 para. 3)." })
  @Column({ type: "datetime", precision: 3, name: "goods_moved_at", nullable: true })
  goodsMovedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the office decided on the relief." })
  @Column({ type: "datetime", precision: 3, name: "relief_decided_at", nullable: true })
  reliefDecidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The office's reasons for granting or refusing the relief." })
  @Column({ type: "varchar", length: 500, name: "relief_decision_reason", nullable: true })
  reliefDecisionReason: string | null;

  @Field(() => Date, { nullable: true, description: "DEC-R68, DEC-R76 (LD art. 49 para. 3, 61 para. 4): the export regime revoked." })
  @Column({ type: "datetime", precision: 3, name: "revoked_at", nullable: true })
  revokedAt: Date | null;

  @Column({ type: "varchar", length: 36, name: "linked_case_id", nullable: true })
  linkedCaseId: string | null;

  @Field(() => Int, { description: "Optimistic version, raised by every change." })
  @Column({ type: "integer" })
  version: number;
}

/** DEC-R73 to DEC-R75: an authorisation for inward or outward processing. */
@ObjectType({
  description:
    "An authorisation for inward or outward processing (DEC-R73 to DEC-R75; LD art. 59, 60; OD-AFD art. 56, 57). The DGD grants it on a signed application sent by post or fax, on the official form or the applicant's own document with all the data (not needed for a renewal); a customs office grants it itself only for the goods and processing of the OD-AFD annex. Its charges may limit quantity and time; cases under it may not exceed them.",
})
@Directive('@key(fields: "id")')
@Entity("processing_authorisation")
export class ProcessingAuthorisation {
  @Field(() => ID, { description: "The authorisation's opaque id (federation key)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_processing_authorisation_holder")
  @Column({ type: "varchar", length: 36, name: "holder_id" })
  holderId: string;

  @Field(() => ProcessingKind, { description: "Inward or outward processing." })
  @Column({ type: "varchar", length: 8 })
  kind: ProcessingKind;

  @Field(() => ProcessingSystem, { description: "Suspension or refund (DEC-R73, DEC-R74)." })
  @Column({ type: "varchar", length: 12 })
  system: ProcessingSystem;

  @Field(() => AuthorisationIssuer, { description: "Who granted it (DEC-R75)." })
  @Column({ type: "varchar", length: 16 })
  issuer: AuthorisationIssuer;

  @Field(() => String, { nullable: true, description: "The office code of an office that granted it (OD-AFD art. 57); null for the DGD." })
  @Column({ type: "varchar", length: 12, name: "issuing_office_id", nullable: true })
  issuingOfficeId: string | null;

  @Field(() => ProcessingAnnexCategory, { nullable: true, description: "DEC-R75 (OD-AFD art. 57, annex): the annex entry an office's authorisation rests on." })
  @Column({ type: "varchar", length: 32, name: "annex_category", nullable: true })
  annexCategory: ProcessingAnnexCategory | null;

  @Field({ description: "The goods and the processing authorised." })
  @Column({ type: "varchar", length: 500 })
  processing: string;

  @Field(() => [String], { description: "The tariff headings (first four digits) the authorisation covers." })
  @Column({ type: "simple-json", name: "tariff_headings" })
  tariffHeadings: string[];

  @Field(() => String, { nullable: true, description: "Charges: the net mass in kg the authorisation covers in all (DEC-R73, LD art. 59 para. 1)." })
  @Column({ type: "varchar", length: 16, name: "quantity_limit_kg", nullable: true })
  quantityLimitKg: string | null;

  @Field({ description: "The net mass in kg placed under it so far." })
  @Column({ type: "varchar", length: 16, name: "quantity_used_kg" })
  quantityUsedKg: string;

  @Field({ description: "Charges: the last day goods may be under a procedure of this authorisation (its time limit)." })
  @Column({ type: "datetime", precision: 3, name: "valid_until" })
  validUntil: Date;

  @Field(() => ApplicationForm, { nullable: true, description: "The application's form (OD-AFD art. 56 para. 1); null for a renewal or an office's grant." })
  @Column({ type: "varchar", length: 16, name: "application_form", nullable: true })
  applicationForm: ApplicationForm | null;

  @Field(() => ApplicationSentBy, { nullable: true, description: "How the application reached the DGD (OD-AFD art. 56 para. 3)." })
  @Column({ type: "varchar", length: 12, name: "application_sent_by", nullable: true })
  applicationSentBy: ApplicationSentBy | null;

  @Field(() => ID, { nullable: true, description: "The authorisation this one renews (OD-AFD art. 56 para. 2)." })
  @Column({ type: "varchar", length: 36, name: "renewal_of", nullable: true })
  renewalOf: string | null;

  @Field({ description: "When it was granted." })
  @Column({ type: "datetime", precision: 3, name: "granted_at" })
  grantedAt: Date;
}
