import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
import { DeclarationParticulars } from "./channel.entity";
import { CustomsDestination, CustomsProcedure, DeclarationChannel, DeclarationStatus, Direction, ReliefGround, SelectionResult, SimplifiedProcedure } from "./enums";

@ObjectType({
  description:
    "A customs declaration lodged electronically (e-dec, NCTS, Passar B2B, e-dec web). The declaration binds the declarant once accepted (DEC-R42, LD art. 33): it changes only as LD art. 34 allows. DEC-R39 (LD art. 18 para. 2): the office corrects a declaration (`correctDeclaration`, `corrections`); para. 3 (undeclared goods placed under a procedure ex officio) comes with the undeclared-goods event X07 in part 2. DEC-R50 (LD art. 19 para. 3, mixed consignments without quantities per rate) cannot arise in an electronic declaration, which states the masses of every item; DEC-R51 (LD art. 20, binding tariff and origin information) is part 2; DEC-R84 (LD art. 41, keeping data and documents): every record is kept in the subgraph's database and never deleted; retention periods are set in OD art. 94-98, not in our sources.",
})
@Directive('@key(fields: "id")')
@Entity("customs_declaration")
export class CustomsDeclaration {
  @Field(() => ID, { description: "The declaration's opaque id (federation key)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Field({ description: "The declaration number, given at transmission: YY + office + sequence (DESIGN CHOICE)." })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 24, name: "declaration_number" })
  declarationNumber: string;

  @Field(() => Direction, { description: "Import, export or transit (LD art. 6 let. g-i)." })
  @Column({ type: "varchar", length: 8 })
  direction: Direction;

  @Field(() => CustomsProcedure, { description: "The customs procedure declared (DEC-R65, LD art. 47)." })
  @Column({ type: "varchar", length: 24 })
  procedure: CustomsProcedure;

  @Field(() => CustomsDestination, { description: "DEC-R07 (LD art. 25 para. 2, 27)." })
  @Column({ type: "varchar", length: 24 })
  destination: CustomsDestination;

  @Field(() => DeclarationChannel, { description: "DEC-R12, DEC-R13 (LD art. 28; OD-AFD art. 6): how the declaration was made, which decides when it was accepted." })
  @Column({ type: "varchar", length: 32 })
  channel: DeclarationChannel;

  @Field(() => DeclarationParticulars, { nullable: true, description: "For the channels outside the electronic systems (DEC-R19 to DEC-R28): what made the channel allowed." })
  @Column({ type: "simple-json", nullable: true })
  particulars: DeclarationParticulars | null;

  @Field(() => SimplifiedProcedure, {
    nullable: true,
    description:
      "DEC-R61 to DEC-R64 (OD-AFD art. 38-41): lodged in the simplified procedure of an authorised consignee (an import by or for an active AUTHORISED_CONSIGNEE) or consignor (an export by or for an AUTHORISED_CONSIGNOR), fixed at transmission. Documents then go to the control office before the control (after an intervention, a BLOCKED result) or by the working day after the selection's communication, extendable on request only then (DEC-R63, OD-AFD art. 40); goods leave on the office's electronic release after an intervention, otherwise on evidence of proper taxation (DEC-R64, OD-AFD art. 41); the debt is paid cashless by PCD invoice (DEC-R62, OD-AFD art. 39).",
  })
  @Column({ type: "varchar", length: 24, name: "simplified_procedure", nullable: true })
  simplifiedProcedure: SimplifiedProcedure | null;

  @Column({ type: "varchar", length: 36, name: "processing_authorisation_id", nullable: true })
  processingAuthorisationId: string | null;

  @Field(() => String, {
    nullable: true,
    description: "X15 (LD art. 57, 67): the stored lot in a customs warehouse or free deposit this declaration takes out; its acceptance publishes ExitDeclarationAccepted for warehousing.",
  })
  @Column({ type: "varchar", length: 36, name: "warehouse_lot_id", nullable: true })
  warehouseLotId: string | null;

  @Index()
  @Column({ type: "varchar", length: 36, name: "declarant_id" })
  declarantId: string;

  @Column({ type: "varchar", length: 36, name: "on_behalf_of_id", nullable: true })
  onBehalfOfId: string | null;

  @Index()
  @Column({ type: "varchar", length: 12, name: "office_id" })
  officeId: string;

  @Field(() => String, { nullable: true, description: "ID-R33 (OD-AFD art. 11): the declarant's business number." })
  @Column({ type: "varchar", length: 12, name: "business_number", nullable: true })
  businessNumber: string | null;

  @Field(() => String, { nullable: true, description: "ID-R33 (OD-AFD art. 11): the declaring employee's personal number." })
  @Column({ type: "varchar", length: 20, name: "personal_number", nullable: true })
  personalNumber: string | null;

  @Field({ description: "DEC-R15 (OD-AFD art. 7): an official language, de, fr or it (DESIGN CHOICE: rm not accepted until confirmed)." })
  @Column({ type: "varchar", length: 2 })
  language: string;

  @Field({ description: "Declared before the goods are presented (DEC-R08 to DEC-R11, OD-AFD art. 5)." })
  @Column({ type: "boolean", name: "is_pre_declaration" })
  isPreDeclaration: boolean;

  @Field(() => Date, { nullable: true, description: "Import: planned introduction; export: planned shipment (OD-AFD art. 5 para. 1)." })
  @Column({ type: "datetime", precision: 3, name: "planned_crossing_at", nullable: true })
  plannedCrossingAt: Date | null;

  @Field(() => Date, { nullable: true, description: "DEC-R11 (OD-AFD art. 5 para. 3): when the goods of a pre-declaration crossed the border." })
  @Column({ type: "datetime", precision: 3, name: "crossed_border_at", nullable: true })
  crossedBorderAt: Date | null;

  @Index()
  @Column({ type: "varchar", length: 36, name: "presentation_id", nullable: true })
  presentationId: string | null;

  @Column({ type: "varchar", length: 36, name: "application_id", nullable: true })
  applicationId: string | null;

  @Field(() => DeclarationStatus, { description: "Where the declaration stands in its lifecycle (DOMAIN.md §3.2); release, removal and taxation are separate timestamps." })
  @Column({ type: "varchar", length: 24 })
  status: DeclarationStatus;

  @Field({ description: "DEC-R16 (OD-AFD art. 12 para. 4): when the declaration was transmitted, its first lodging step; until receipt is confirmed it counts as not presented (`countsAsPresented`)." })
  @Column({ type: "datetime", precision: 3, name: "transmitted_at" })
  transmittedAt: Date;

  @Field(() => Date, { nullable: true, description: "DEC-R16 (OD-AFD art. 12 para. 4): when the system confirmed receipt, the second lodging step; from then the declaration counts as presented." })
  @Column({ type: "datetime", precision: 3, name: "receipt_confirmed_at", nullable: true })
  receiptConfirmedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "DEC-R17 (OD-AFD art. 16): stamped by the system when the summary control passes." })
  @Column({ type: "datetime", precision: 3, name: "accepted_at", nullable: true })
  acceptedAt: Date | null;

  @Field(() => SelectionResult, { nullable: true, description: "DEC-R29 (OD-AFD art. 17 para. 1, 17a para. 1)." })
  @Column({ type: "varchar", length: 20, name: "selection_result", nullable: true })
  selectionResult: SelectionResult | null;

  @Field(() => Date, { nullable: true, description: "When the selection result was communicated: the documents' deadlines run from it (DEC-R36, DEC-R37)." })
  @Column({ type: "datetime", precision: 3, name: "selection_communicated_at", nullable: true })
  selectionCommunicatedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "DEC-R43 let. a (LD art. 34 para. 1): the office found incorrect particulars." })
  @Column({ type: "datetime", precision: 3, name: "incorrect_particulars_found_at", nullable: true })
  incorrectParticularsFoundAt: Date | null;

  @Field(() => Date, { nullable: true, description: "DEC-R56 (LD art. 40): released, or deemed released by a free selection (OD-AFD art. 17 para. 3-4)." })
  @Column({ type: "datetime", precision: 3, name: "released_at", nullable: true })
  releasedAt: Date | null;

  @Column({ type: "datetime", precision: 3, name: "removal_due_by", nullable: true })
  computedRemovalDueBy: Date | null;

  @Field(() => Date, { nullable: true, description: "When the goods left customs custody (DEC-R44: the 30 days of LD art. 34 para. 3 start here)." })
  @Column({ type: "datetime", precision: 3, name: "removed_at", nullable: true })
  removedAt: Date | null;

  @Field({ description: "DEC-R59 (OD-AFD art. 58 para. 2): tourist traffic goods: their duties are collected even at CHF 5 or less." })
  @Column({ type: "boolean", name: "tourist_traffic", default: false })
  touristTraffic: boolean;

  @Field(() => Int, { description: "Rectifications (DEC-R43) and the office's corrections (DEC-R39) raise the version." })
  @Column({ type: "integer" })
  version: number;

  @Field({ description: "When the declaration was recorded in this system: the order of declaration lists." })
  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;
}

@ObjectType({ description: "A duty relief an item claims (DEC-R77 to DEC-R79), as assessed when the item was declared; the taxation applies it." })
export class DutyRelief {
  @Field(() => ReliefGround, { description: "Why the item may be relieved (DEC-R77 to DEC-R79)." })
  ground: ReliefGround;

  @Field({ description: "Whether the conditions are met; when not, the item is taxed at its rate." })
  eligible: boolean;

  @Field({ description: "The rule, its article and the facts that decided." })
  explanation: string;

  @Field(() => String, { nullable: true, description: "The export (DEC-R77) or import (DEC-R78) the periods run from, ISO 8601." })
  since: string | null;

  @Field(() => String, { nullable: true, description: "The earlier declaration's number, or the original declaration's id (DEC-R79)." })
  reference: string | null;

  @Field(() => Int, { nullable: true, description: "DEC-R79: the item of the original declaration whose use changes." })
  originalPosition: number | null;

  @Field(() => MoneyScalar, { nullable: true, description: "DEC-R79: the duty paid for the original use, deducted from the new use's." })
  originalAmount: number | null;
}

@ObjectType({
  description:
    "A line of goods in a declaration. DEC-R85 (LD art. 7-9): goods brought in or taken out are liable to duties and taxed at the tariff (LD art. 7); goods duty-free under the tariff carry a rate of 0.00. Declined, with reason: the small quantities, insignificant values and negligible amounts of LD art. 8 para. 1 let. b, and the Federal Council's exemptions of LD art. 8 para. 2 and 9, have their conditions in the OD and the Department's rules, not in our sources; goods of armasuisse, deemed Confederation war material (OD-AFD art. 1), are declared on paper (OD-AFD art. 21 let. a no. 16) and their exemption decided by the office.",
})
@Entity("declaration_item")
@Index(["declarationId", "position"], { unique: true })
export class DeclarationItem {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field(() => Int, { description: "The item's position in the declaration, from 1." })
  @Column({ type: "integer" })
  position: number;

  @Field({ description: "Tariff number NNNN.NNNN." })
  @Column({ type: "varchar", length: 9, name: "tariff_number" })
  tariffNumber: string;

  @Field({ description: "The goods' description in trade terms." })
  @Column({ type: "varchar", length: 300 })
  description: string;

  @Field({ description: "Net mass in kg, exact decimal string (3 decimals)." })
  @Column({ type: "varchar", length: 16, name: "net_mass_kg" })
  netMassKg: string;

  @Field({ description: "Gross mass in kg, exact decimal string (3 decimals)." })
  @Column({ type: "varchar", length: 16, name: "gross_mass_kg" })
  grossMassKg: string;

  @Field(() => Int, { nullable: true, description: "Supplementary units, for PER_UNIT rates." })
  @Column({ type: "integer", nullable: true })
  quantity: number | null;

  @Field(() => MoneyScalar, { description: "Customs value in CHF." })
  @Column({ type: "bigint", name: "value_rappen", transformer: rappenColumn })
  value: number;

  @Field({ description: "Country of origin, ISO 3166-1 alpha-2." })
  @Column({ type: "varchar", length: 2 })
  origin: string;

  @Field({ description: "DEC-R10 (OD-AFD art. 5 para. 2): goods under a tariff quota." })
  @Column({ type: "boolean", name: "quota_goods" })
  quotaGoods: boolean;

  @Field({ description: "DEC-R33 (OD-AFD art. 17 para. 5): non-customs federal acts apply, whatever the selection." })
  @Column({ type: "boolean", name: "non_customs_acts_apply" })
  nonCustomsActsApply: boolean;

  @Field(() => String, { nullable: true, description: "The import or export permit the goods need (non-customs acts), if any." })
  @Column({ type: "varchar", length: 60, name: "permit_reference", nullable: true })
  permitReference: string | null;

  @Field({ description: "DEC-R34 (OD-AFD art. 17a para. 2-4): a proof of origin customs must authenticate." })
  @Column({ type: "boolean", name: "proof_of_origin_required" })
  proofOfOriginRequired: boolean;

  @Field(() => DutyRelief, { nullable: true, description: "DEC-R77 to DEC-R79: the relief the item claims, if any." })
  @Column({ type: "simple-json", nullable: true })
  relief: DutyRelief | null;
}
