import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
import { AuthorisationStatus, FacilityKind, InventoryKeeper } from "./enums";

/** A customs office as warehousing needs it: its canton and counter hours, for the inventory deadlines (WH-R11, WH-R16, WH-R24). */
@Entity("control_office")
export class ControlOffice {
  @PrimaryColumn({ type: "varchar", length: 12 })
  id: string;

  @Column({ type: "varchar", length: 2 })
  canton: string;

  @Column({ type: "simple-json", name: "opening_hours" })
  openingHours: { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; opens: string; closes: string }[];
}

@ObjectType({
  description:
    "A customs warehouse or free deposit (WH-R01, LD art. 50; WH-R19, LD art. 62), run by its operator under an authorisation (WH-R10, LD art. 54; WH-R21, LD art. 64) and supervised by its control office, where goods are declared (WH-R08, LD art. 53 para. 4). DESIGN CHOICE (DOMAIN.md §4.0): the supervision duties of LD art. 53 para. 5 and 66 para. 3 are the operator's, who may be required to give security for them (WH-R09, LD art. 53 para. 6; WH-R23, LD art. 66). Declined, with reason: WH-R29 (LD art. 108, 111), surveillance equipment and collecting data from the facilities' systems, is the administration's means of control, not a state of this graph.",
})
@Directive('@key(fields: "id")')
@Entity("storage_facility")
export class StorageFacility {
  @Field(() => ID, { description: "The facility's opaque identifier (a UUID)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => FacilityKind, { description: "Open customs warehouse, consumer goods warehouse or customs free deposit: the kind decides the rules that apply to its lots." })
  @Column({ type: "varchar", length: 28 })
  kind: FacilityKind;

  @Field({ description: "The facility's name, as the operator gave it in its application." })
  @Column({ type: "varchar", length: 200 })
  name: string;

  @Field({ description: "Where the facility is." })
  @Column({ type: "varchar", length: 300 })
  address: string;

  @Index("IDX_storage_facility_operator")
  @Column({ type: "varchar", length: 36, name: "operator_id" })
  operatorId: string;

  @Column({ type: "varchar", length: 12, name: "control_office_id" })
  controlOfficeId: string;

  @Field(() => InventoryKeeper, { description: "WH-R18 (LD art. 56), WH-R23 (LD art. 66 para. 1)." })
  @Column({ type: "varchar", length: 12, name: "inventory_keeper" })
  inventoryKeeper: InventoryKeeper;

  @Field({ description: "When the operator applied for the facility (UTC, with offset)." })
  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;
}

@ObjectType({
  description:
    "The authorisation to operate a facility (WH-R10, LD art. 54; WH-R21, LD art. 64): granted to an operator domiciled in Switzerland who guarantees proper operation, when supervision causes no disproportionate administrative cost, and for a free deposit open to all on the same conditions. It may carry charges, exclude goods at risk or require special premises for them, admit the goods of a consumer goods warehouse (WH-R14, LD art. 55 para. 1) and require security from the operator (WH-R09, WH-R23).",
})
@Entity("facility_authorisation")
export class FacilityAuthorisation {
  @Field(() => ID, { description: "The authorisation's opaque identifier (a UUID); one authorisation per facility." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_facility_authorisation_facility", { unique: true })
  @Column({ type: "varchar", length: 36, name: "facility_id" })
  facilityId: string;

  @Field(() => AuthorisationStatus, { description: "Where the authorisation stands: APPLIED, GRANTED, REFUSED or REVOKED (DOMAIN.md §4.2)." })
  @Column({ type: "varchar", length: 12 })
  status: AuthorisationStatus;

  @Field({ description: "When the operator applied (UTC, with offset)." })
  @Column({ type: "datetime", precision: 3, name: "applied_at" })
  appliedAt: Date;

  @Field({ description: "WH-R10, WH-R21 let. a: the applicant is domiciled in Switzerland." })
  @Column({ type: "boolean", name: "domiciled_in_switzerland" })
  domiciledInSwitzerland: boolean;

  @Field({ description: "WH-R10, WH-R21 let. a: the applicant guarantees proper operation." })
  @Column({ type: "boolean", name: "proper_operation_guaranteed" })
  properOperationGuaranteed: boolean;

  @Field({ description: "WH-R21 let. c (LD art. 64): a free deposit is in principle open to all on the same conditions." })
  @Column({ type: "boolean", name: "open_to_all_on_equal_terms" })
  openToAllOnEqualTerms: boolean;

  @Field(() => Date, { nullable: true, description: "When the district directorate or the DGD granted or refused it, or last revoked it (UTC, with offset); null while APPLIED." })
  @Column({ type: "datetime", precision: 3, name: "decided_at", nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The administration's reasons, for a refusal or a revocation." })
  @Column({ type: "varchar", length: 500, nullable: true })
  reason: string | null;

  @Field(() => [String], { description: "The charges the authorisation carries (LD art. 54, 64)." })
  @Column({ type: "simple-json" })
  charges: string[];

  @Field(() => [String], { description: "Tariff headings or numbers of goods at risk excluded from the facility (LD art. 54, 64)." })
  @Column({ type: "simple-json", name: "excluded_goods" })
  excludedGoods: string[];

  @Field(() => [String], { description: "Tariff headings or numbers of goods at risk stored only in special premises (LD art. 54, 64)." })
  @Column({ type: "simple-json", name: "special_premises_goods" })
  specialPremisesGoods: string[];

  @Field(() => [String], { description: "WH-R14 (LD art. 55 para. 1): the goods the administration admits to a consumer goods warehouse, by tariff heading or number." })
  @Column({ type: "simple-json", name: "admitted_goods" })
  admittedGoods: string[];

  @Field(() => MoneyScalar, { nullable: true, description: "WH-R09 (LD art. 53 para. 6), WH-R23 (LD art. 66 para. 4): the security required of the operator; debt records the requisition." })
  @Column({ type: "bigint", name: "operator_security_rappen", nullable: true, transformer: rappenColumn })
  operatorSecurityRequired: number | null;
}
