import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { AuthorisationScope, AuthorisationStatus, CustomsSystem, WithdrawalGround } from "./enums";

@ObjectType({
  description:
    "Authorisation to declare through e-dec and/or NCTS (OD-AFD art. 8-9; Passar by analogy). Applied for in writing (ID-R25), decided by the DGD no later than 10 days after the last supporting document (ID-R29), withdrawn on the grounds of art. 9 (ID-R31). Declined here, with reasons: ID-R30 (OD-AFD art. 8 para. 4, an authorised declarant must declare through these systems) is a duty checked where declarations are lodged, by the declarations subgraph, from the X04 events; ID-R34 (OD-AFD art. 12: the DGD says where and how to transmit data; the declarant has no access to AFD data) is met by the graph's authorisation model, which never shows a partner the administration's internal data, and is not a rule with state; ID-R35 (OD-AFD art. 13-15: IT upkeep, costs and liability) binds the declarant and the AFD outside any system state.",
})
@Entity("customs_system_authorisation")
export class CustomsSystemAuthorisation {
  @Field(() => ID, { description: "Opaque, stable identifier of the authorisation." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field(() => [CustomsSystem], { description: "The systems applied for: e-dec, NCTS or both (ID-R25, OD-AFD art. 8 para. 1). A foreign border-region declarant may use e-dec for imports only (para. 2); one in a juxtaposed office, e-dec and the NCTS \"Export\" interface for exports (para. 3)." })
  @Column({ type: "simple-json" })
  systems: CustomsSystem[];

  @Field(() => AuthorisationScope, { description: "Which paragraph of OD-AFD art. 8 the application falls under, and so which conditions apply (ID-R25 to ID-R27)." })
  @Column({ type: "varchar", length: 40 })
  scope: AuthorisationScope;

  @Field(() => Boolean, { description: "Transit declarations only: the seat condition of art. 8 para. 1 let. a does not apply (ID-R28, OD-AFD art. 8 para. 5)." })
  @Column({ type: "boolean", name: "transit_only" })
  transitOnly: boolean;

  @Field(() => AuthorisationStatus, { description: "Where the application stands: APPLIED, DOCUMENTS_COMPLETE, GRANTED, REFUSED or WITHDRAWN (OD-AFD art. 8 para. 1 and 6, art. 9)." })
  @Column({ type: "varchar", length: 24 })
  status: AuthorisationStatus;

  @Field({ description: "Reference of the written application (ID-R25: the declarant asks in writing)." })
  @Column({ type: "varchar", length: 100, name: "written_application_reference" })
  writtenApplicationReference: string;

  @Field({ description: "When the written application was recorded (ID-R25; ISO 8601 with offset, stored in UTC)." })
  @Column({ type: "datetime", precision: 3, name: "applied_at" })
  appliedAt: Date;

  @Field({ description: "OD-AFD art. 8 para. 1 let. b: the necessary IT equipment." })
  @Column({ type: "boolean", name: "it_equipment_confirmed" })
  itEquipmentConfirmed: boolean;

  @Field({ description: "OD-AFD art. 8 para. 1 let. d: guarantees a proper procedure, in particular data security." })
  @Column({ type: "boolean", name: "proper_conduct_guaranteed" })
  properConductGuaranteed: boolean;

  @Field(() => Date, {
    nullable: true,
    description:
      "ID-R25 (OD-AFD art. 8 para. 1 let. c): since when security for the expected levies counts for this application. A security of the debt subgraph counts when it covers the declarant at the application or at any time before the decision: one already in force when the declarant applies is recorded at once, one provided later when event X03 arrives, and the grant checks again at the decision. DESIGN CHOICE: a security that ends before the decision (cancelled by the administration, or a general bond whose termination was received, its cover ending within 30 days) no longer counts: this field returns to null unless another security still covers the declarant. A security recorded by the DGD (recordAuthorisationSecurity) stands whatever debt reports.",
  })
  @Column({ type: "datetime", precision: 3, name: "security_provided_at", nullable: true })
  securityProvidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "ID-R25 (OD-AFD art. 8 para. 1 let. c): the security that condition c relies on." })
  @Column({ type: "varchar", length: 100, name: "security_reference", nullable: true })
  securityReference: string | null;

  /** The debt subgraph's security that condition c relies on; null when the DGD recorded it (events leave it alone). */
  @Column({ type: "varchar", length: 36, name: "security_id", nullable: true })
  securityId: string | null;

  @Field(() => String, { nullable: true, description: "OD-AFD art. 8 para. 2: domicile for notifications in the customs territory (foreign border-region declarants)." })
  @Column({ type: "varchar", length: 300, name: "notification_domicile", nullable: true })
  notificationDomicile: string | null;

  @Field({ description: "OD-AFD art. 8 para. 2-3: access for the AFD, from the customs territory, to the data and documents kept under OD art. 94-98." })
  @Column({ type: "boolean", name: "data_access_granted" })
  dataAccessGranted: boolean;

  @Field(() => String, { nullable: true, description: "OD-AFD art. 8 para. 3: the premises inside a juxtaposed national control office." })
  @Column({ type: "varchar", length: 300, name: "juxtaposed_office_premises", nullable: true })
  juxtaposedOfficePremises: string | null;

  @Field(() => Date, { nullable: true, description: "When the DGD received the last supporting document (OD-AFD art. 8 para. 6)." })
  @Column({ type: "datetime", precision: 3, name: "documents_complete_at", nullable: true })
  documentsCompleteAt: Date | null;

  @Field(() => String, {
    nullable: true,
    description: "ID-R29 (OD-AFD art. 8 para. 6): the DGD decides no later than this day (YYYY-MM-DD, Europe/Zurich): 10 calendar days after the documents were complete (DESIGN CHOICE: calendar days, T6).",
  })
  @Column({ type: "varchar", length: 10, name: "decision_due_by", nullable: true })
  decisionDueBy: string | null;

  @Field(() => Date, { nullable: true, description: "When the DGD granted or refused (ID-R29; ISO 8601 with offset, stored in UTC); null while undecided. A later withdrawal is in `withdrawnAt`." })
  @Column({ type: "datetime", precision: 3, name: "decided_at", nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "Assigned on grant (ID-R29); every e-dec/NCTS declaration states it (ID-R33)." })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 12, name: "business_number", nullable: true })
  businessNumber: string | null;

  @Field(() => String, { nullable: true, description: "The DGD's reason, when it refused (ID-R29); null otherwise." })
  @Column({ type: "varchar", length: 1000, name: "refusal_reason", nullable: true })
  refusalReason: string | null;

  @Field(() => WithdrawalGround, { nullable: true, description: "The ground of OD-AFD art. 9 let. a-c the DGD withdrew on (ID-R31); null unless WITHDRAWN." })
  @Column({ type: "varchar", length: 40, name: "withdrawal_ground", nullable: true })
  withdrawalGround: WithdrawalGround | null;

  @Field(() => String, { nullable: true, description: "The DGD's reason for the withdrawal (ID-R31); null unless WITHDRAWN." })
  @Column({ type: "varchar", length: 1000, name: "withdrawal_reason", nullable: true })
  withdrawalReason: string | null;

  @Field(() => Date, { nullable: true, description: "When the DGD withdrew the authorisation (ID-R31, OD-AFD art. 9; ISO 8601 with offset, stored in UTC); null unless WITHDRAWN." })
  @Column({ type: "datetime", precision: 3, name: "withdrawn_at", nullable: true })
  withdrawnAt: Date | null;
}
