import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { ControlKind, ControlResult, ControlStatus, HomeControlStanding, MeasureGround, MeasureKind, Sex } from "./enums";

@ObjectType({
  description:
    "A control by the administration: in the customs territory (ENF-R01, LD art. 30: the right ends one year after importation), at the premises of a declarant, debtor or record keeper without prior notice (ENF-R02, LD art. 31: five years), or in the border area under the general powers (ENF-R03, LD art. 100). Planning or performing one after its right expired is refused unless a criminal investigation is open (LD art. 30 para. 3, 31 para. 3). Made by the Border Guard Corps, the anti-fraud sections, or customs office staff doing these controls (ENF-R03, OD-AFD art. 61); each measure says who took it and when.",
})
@Directive('@key(fields: "id")')
@Entity("control")
@Index("IDX_control_target", ["targetId", "plannedAt"])
@Index("IDX_control_case", ["caseId", "plannedAt"])
export class Control {
  @Field(() => ID, { description: "The control's opaque id (federation key)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => ControlKind, { description: "In the customs territory, at the premises, or in the border area: it sets the right's duration." })
  @Column({ type: "varchar", length: 24 })
  kind: ControlKind;

  @Column({ type: "varchar", length: 36, name: "target_id" })
  targetId: string;

  @Field(() => HomeControlStanding, { nullable: true, description: "ENF-R02 (LD art. 31 para. 1): for a home control, why the person may be controlled." })
  @Column({ type: "varchar", length: 16, name: "target_standing", nullable: true })
  targetStanding: HomeControlStanding | null;

  @Column({ type: "varchar", length: 36, name: "declaration_id", nullable: true })
  declarationId: string | null;

  @Field(() => Date, { nullable: true, description: "When the goods were imported (not for a border area control)." })
  @Column({ type: "datetime", precision: 3, name: "imported_at", nullable: true })
  importedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "ENF-R01, ENF-R02 (LD art. 30 para. 3, 31 para. 3; DOMAIN.md §0.4 T8): the last instant of the right to control, the end of the same calendar date one (territory) or five (home) years after importation." })
  @Column({ type: "datetime", precision: 3, name: "right_expires_at", nullable: true })
  rightExpiresAt: Date | null;

  /** The criminal investigation that keeps the control possible after its right expired. */
  @Column({ type: "varchar", length: 36, name: "case_id", nullable: true })
  caseId: string | null;

  @Field(() => ControlStatus, { description: "Planned, performed or closed." })
  @Column({ type: "varchar", length: 12 })
  status: ControlStatus;

  @Field({ description: "Where the control is made (premises, crossing point, road)." })
  @Column({ type: "varchar", length: 300 })
  place: string;

  @Field(() => Date, { nullable: true, description: "When the officers intend to make it; null if not scheduled. A home control is made without prior notice (LD art. 31 para. 1)." })
  @Column({ type: "datetime", precision: 3, name: "scheduled_for", nullable: true })
  scheduledFor: Date | null;

  @Field({ description: "When the control was planned." })
  @Column({ type: "datetime", precision: 3, name: "planned_at" })
  plannedAt: Date;

  @Field({ description: "The officer who planned it." })
  @Column({ type: "varchar", length: 100, name: "planned_by" })
  plannedBy: string;

  @Field(() => Date, { nullable: true, description: "When it was made; null while PLANNED." })
  @Column({ type: "datetime", precision: 3, name: "performed_at", nullable: true })
  performedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The officer who made it." })
  @Column({ type: "varchar", length: 100, name: "performed_by", nullable: true })
  performedBy: string | null;

  @Field(() => ControlResult, { nullable: true, description: "What it found; null while PLANNED." })
  @Column({ type: "varchar", length: 16, nullable: true })
  result: ControlResult | null;

  @Field(() => String, { nullable: true, description: "What was found, as the officer recorded it." })
  @Column({ type: "text", nullable: true })
  findings: string | null;

  @Field(() => Date, { nullable: true, description: "When it was closed; null before." })
  @Column({ type: "datetime", precision: 3, name: "closed_at", nullable: true })
  closedAt: Date | null;
}

@ObjectType({ description: "A measure taken in a control, with who took it and when, and the grounds the law requires for it (ENF-R04, LD art. 101-105)." })
@Entity("control_measure")
@Index("IDX_control_measure_control", ["controlId", "takenAt"])
export class ControlMeasure {
  @Field(() => ID, { description: "The measure's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "control_id" })
  controlId: string;

  @Field(() => MeasureKind, { description: "Which measure was taken (LD art. 30-31, 100-105)." })
  @Column({ type: "varchar", length: 32 })
  kind: MeasureKind;

  @Field(() => [MeasureGround], { description: "The grounds recorded for it; pat-downs, searches, examinations, photographs and arrests need theirs (LD art. 101 para. 2, 102 para. 1, 103 para. 2, 105 para. 2)." })
  @Column({ type: "simple-json" })
  grounds: MeasureGround[];

  @Field(() => Sex, { nullable: true, description: "LD art. 102 para. 2: for a body search, the person's sex." })
  @Column({ type: "varchar", length: 8, name: "person_sex", nullable: true })
  personSex: Sex | null;

  @Field(() => Sex, { nullable: true, description: "LD art. 102 para. 2: for a body search, the searcher's sex." })
  @Column({ type: "varchar", length: 8, name: "searcher_sex", nullable: true })
  searcherSex: Sex | null;

  @Field({ description: "LD art. 102 para. 2: a body search by a person of the other sex because it could not be postponed." })
  @Column({ type: "boolean", name: "could_not_be_postponed" })
  couldNotBePostponed: boolean;

  @Field({ description: "LD art. 102 para. 3: a medical examination made by a physician." })
  @Column({ type: "boolean", name: "by_physician" })
  byPhysician: boolean;

  @Field(() => String, { nullable: true, description: "LD art. 105: the competent authority the person was brought or reported to." })
  @Column({ type: "varchar", length: 200, name: "handed_over_to", nullable: true })
  handedOverTo: string | null;

  @Field(() => String, { nullable: true, description: "Anything else the officer recorded." })
  @Column({ type: "varchar", length: 1000, nullable: true })
  notes: string | null;

  @Field({ description: "Who took the measure." })
  @Column({ type: "varchar", length: 100, name: "taken_by" })
  takenBy: string;

  @Field({ description: "When the measure was taken." })
  @Column({ type: "datetime", precision: 3, name: "taken_at" })
  takenAt: Date;
}
