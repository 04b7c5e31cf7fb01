import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { AssistanceDirection, AssistanceLanguage, AssistanceProcedure, AssistanceStatus, ConsentScope, CooperationRefusalGround, PermitStatus } from "./enums";

@ObjectType({
  description:
    "ENF-R22 (LD art. 115-115i; ENF-R21, LD art. 113): international administrative assistance, only where an international treaty provides for it, of the administration's own motion only where the treaty allows. A request from abroad is in writing, in a Swiss official language or English, with the particulars of the treaty, else the requesting authority is told what to complete (LD art. 115b). A request in an area of another act is forwarded to its authority (LD art. 115a para. 2). The person concerned may consent in writing, irrevocably, to the simplified procedure (LD art. 115g); otherwise, or for the part not consented, a final decision is notified (LD art. 115h), open to appeal to the Federal Administrative Tribunal (LD art. 115i para. 3), and only then is anything transmitted. The person may refuse to cooperate under a professional secret or a right to refuse testimony (LD art. 115d para. 2).",
})
@Entity("assistance_request")
export class AssistanceRequest {
  @Field(() => ID, { description: "The request's opaque id; an appeal names it as `decisionId`." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field(() => AssistanceDirection, { description: "A request from abroad (INBOUND) or a Swiss request abroad (OUTBOUND)." })
  @Column({ type: "varchar", length: 8 })
  direction: AssistanceDirection;

  @Field({ description: "The foreign authority that asks, or that Switzerland asks." })
  @Column({ type: "varchar", length: 200, name: "foreign_authority" })
  foreignAuthority: string;

  @Field({ description: "ISO 3166 alpha-2 country of the foreign authority." })
  @Column({ type: "varchar", length: 2 })
  country: string;

  @Field({ description: "ENF-R21, ENF-R22 (LD art. 113, 115 para. 1): the international treaty that provides for the assistance." })
  @Column({ type: "varchar", length: 300, name: "treaty_basis" })
  treatyBasis: string;

  @Field({ description: "LD art. 115 para. 2: assistance of the administration's own motion, where the treaty provides for it." })
  @Column({ type: "boolean" })
  spontaneous: boolean;

  @Field(() => AssistanceLanguage, { description: "The language the request is written in (LD art. 115b para. 1)." })
  @Column({ type: "varchar", length: 5 })
  language: AssistanceLanguage;

  @Field({ description: "The request was made in writing (LD art. 115b para. 1)." })
  @Column({ type: "boolean", name: "in_writing" })
  inWriting: boolean;

  @Field({ description: "The request carries the particulars the treaty requires (LD art. 115b para. 1)." })
  @Column({ type: "boolean", name: "particulars_complete" })
  particularsComplete: boolean;

  @Field({ description: "What is asked for." })
  @Column({ type: "text" })
  subject: string;

  @Column({ type: "varchar", length: 36, name: "person_concerned_id", nullable: true })
  personConcernedId: string | null;

  @Field(() => String, { nullable: true, description: "LD art. 115a para. 2: the authority competent under another act the request was forwarded to." })
  @Column({ type: "varchar", length: 200, name: "forwarded_to", nullable: true })
  forwardedTo: string | null;

  @Field(() => AssistanceStatus, { description: "Where the request is in its procedure." })
  @Column({ type: "varchar", length: 24 })
  status: AssistanceStatus;

  @Field(() => AssistanceProcedure, { nullable: true, description: "Simplified, ordinary or both, once the person's consent or its absence is known; null before." })
  @Column({ type: "varchar", length: 24, nullable: true })
  procedure: AssistanceProcedure | null;

  @Field(() => ConsentScope, { nullable: true, description: "LD art. 115g para. 1: the person's written consent; irrevocable." })
  @Column({ type: "varchar", length: 8, name: "consent_scope", nullable: true })
  consentScope: ConsentScope | null;

  @Field(() => Date, { nullable: true, description: "When the written consent was recorded (LD art. 115g)." })
  @Column({ type: "datetime", precision: 3, name: "consent_given_at", nullable: true })
  consentGivenAt: Date | null;

  @Field(() => CooperationRefusalGround, { nullable: true, description: "The ground on which the person concerned refused to cooperate (LD art. 115d para. 2); null if it did not." })
  @Column({ type: "varchar", length: 28, name: "cooperation_refused", nullable: true })
  cooperationRefused: CooperationRefusalGround | null;

  @Field(() => Date, { nullable: true, description: "LD art. 115b para. 2: when the requesting authority was told in writing what to complete." })
  @Column({ type: "datetime", precision: 3, name: "completion_requested_at", nullable: true })
  completionRequestedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "LD art. 115h: when the final decision was notified to the person concerned." })
  @Column({ type: "datetime", precision: 3, name: "final_decision_at", nullable: true })
  finalDecisionAt: Date | null;

  @Field(() => String, { nullable: true, description: "LD art. 115h para. 1-2: the reasons and the scope of what is transmitted (only what is likely relevant)." })
  @Column({ type: "text", name: "final_decision_scope", nullable: true })
  finalDecisionScope: string | null;

  @Field(() => Date, { nullable: true, description: "The last instant an appeal against the final decision is on time (30 days, ENF-R23 DESIGN CHOICE); null before a final decision." })
  @Column({ type: "datetime", precision: 3, name: "appeal_deadline", nullable: true })
  appealDeadline: Date | null;

  @Field(() => Date, { nullable: true, description: "When the information was transmitted to the requesting authority; null before." })
  @Column({ type: "datetime", precision: 3, name: "transmitted_at", nullable: true })
  transmittedAt: Date | null;

  @Field({ description: "When the request was recorded." })
  @Column({ type: "datetime", precision: 3, name: "received_at" })
  receivedAt: Date;

  @Column({ type: "varchar", length: 100, name: "recorded_by" })
  recordedBy: string;
}

@ObjectType({
  description:
    "ENF-R24 (LD art. 4): building or altering a building or installation in the immediate vicinity of the customs border or of the shore of boundary waters needs the administration's authorisation; owners keep installations and plantings from hindering border surveillance. DESIGN CHOICE: the Border Guard Corps decides (it watches the border area, ENF-R03).",
})
@Entity("border_construction_permit")
@Index("IDX_border_construction_permit_applicant", ["applicantId", "appliedAt"])
export class BorderConstructionPermit {
  @Field(() => ID, { description: "The application's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "applicant_id" })
  applicantId: string;

  @Field({ description: "The parcel or address." })
  @Column({ type: "varchar", length: 300 })
  location: string;

  @Field({ description: "What is to be built or altered." })
  @Column({ type: "varchar", length: 1000 })
  works: string;

  @Field({ description: "Near the shore of boundary waters rather than a land border (LD art. 4 para. 2)." })
  @Column({ type: "boolean", name: "boundary_waters" })
  boundaryWaters: boolean;

  @Field(() => PermitStatus, { description: "Applied for, granted or refused." })
  @Column({ type: "varchar", length: 8 })
  status: PermitStatus;

  @Field(() => [String], { description: "Conditions so that the works do not hinder border surveillance (LD art. 4 para. 1)." })
  @Column({ type: "simple-json" })
  conditions: string[];

  @Field({ description: "When the owner applied." })
  @Column({ type: "datetime", precision: 3, name: "applied_at" })
  appliedAt: Date;

  @Field(() => Date, { nullable: true, description: "When the Border Guard Corps decided; null before." })
  @Column({ type: "datetime", precision: 3, name: "decided_at", nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The reasons of the decision." })
  @Column({ type: "varchar", length: 1000, name: "decision_reasons", nullable: true })
  decisionReasons: string | null;
}
