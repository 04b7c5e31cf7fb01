import { Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { AnnouncementStatus, AnnouncementTransmission, ConveyanceKind, CrossingFacility, FormFilling, OralDeclarationGoods, PaperDeclarationCase, RuralGoodsType } from "./enums";

/**
 * How a declaration made outside the electronic systems was made: the facts that decided whether
 * its channel was allowed and when it was accepted. Stored with the declaration (JSON); null for
 * e-dec, NCTS, Passar B2B and e-dec web.
 */
@ObjectType({ description: "The particulars of a declaration made on paper, orally, in a box, by a facility or by an advance announcement (DEC-R19 to DEC-R28)." })
export class DeclarationParticulars {
  @Field(() => PaperDeclarationCase, { nullable: true, description: "DEC-R19 (OD-AFD art. 21): the case that allows paper." })
  paperCase?: PaperDeclarationCase | null;

  @Field(() => Int, { nullable: true, description: "DEC-R19 (OD-AFD art. 21 let. a): the category number, 1 to 20." })
  paperCategory?: number | null;

  @Field(() => String, { nullable: true, description: "DEC-R19 (OD-AFD art. 21 let. a no. 19, let. g): the authorisation the case needs." })
  authorisationReference?: string | null;

  @Field(() => String, { nullable: true, description: "DEC-R20 (OD-AFD art. 22 para. 1): the declarant's full name as signed." })
  signedBy?: string | null;

  @Field(() => FormFilling, { nullable: true, description: "DEC-R20 (OD-AFD art. 22 para. 2): how a paper form was filled in." })
  filling?: FormFilling | null;

  @Field(() => Boolean, { nullable: true, description: "DEC-R20 (OD-AFD art. 23): the office filled in the form, for a fee; the declarant confirmed it by signing." })
  filledInByOffice?: boolean | null;

  @Field(() => OralDeclarationGoods, { nullable: true, description: "DEC-R24 (OD-AFD art. 25 para. 1)." })
  oralGoods?: OralDeclarationGoods | null;

  @Field(() => CrossingFacility, { nullable: true, description: "DEC-R21, DEC-R26: the facility whose use is the declaration." })
  facility?: CrossingFacility | null;

  @Field(() => ConveyanceKind, { nullable: true, description: "How a traveller crossed a facility (OD-AFD art. 30, 32, 34, 35)." })
  conveyance?: ConveyanceKind | null;

  @Field(() => Boolean, { nullable: true, description: "OD-AFD art. 30 para. 1, 34 para. 2, 35 para. 3: a registered means of transport under Annex C of the Istanbul Convention." })
  registeredUnderAnnexC?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "OD-AFD art. 30 para. 2: the green view sticker clearly visible on the windscreen." })
  greenViewStickerVisible?: boolean | null;

  @Field(() => ID, { nullable: true, description: "DEC-R23: the advance announcement that is this declaration." })
  announcementId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "X07 (LD art. 18 para. 3, 69 let. c; DEC-R28): goods taken through a \"nothing to declare\" facility that do not qualify for it: undeclared, placed under free circulation ex officio at the highest rate." })
  undeclaredGoods?: boolean | null;

  @Field(() => [String], { nullable: true, description: "Why each undeclared item did not qualify (DEC-R26)." })
  reasons?: string[] | null;
}

/** A facility authorised at an office (DEC-R21, DEC-R26; OD-AFD art. 23a, 27, 29, 31, 33). */
@ObjectType({ description: "A facility whose use is the declaration, authorised for an office (DEC-R21, DEC-R26; OD-AFD art. 23a, 27, 29, 31, 33). The district directorate authorises lanes, plates, panels and boxes, the DGD the green view, when the office's operating conditions permit." })
@Entity("crossing_facility")
export class CrossingFacilityAuthorisation {
  @Field(() => ID, { description: "The office code the facility is authorised at." })
  @PrimaryColumn({ type: "varchar", length: 12, name: "office_id" })
  officeId: string;

  @Field(() => CrossingFacility, { description: "The facility." })
  @PrimaryColumn({ type: "varchar", length: 24 })
  facility: CrossingFacility;

  @Field({ description: "DISTRICT_DIRECTORATE or DGD." })
  @Column({ type: "varchar", length: 24, name: "authorised_by" })
  authorisedBy: string;

  @Field({ description: "When it was authorised." })
  @Column({ type: "datetime", precision: 3, name: "authorised_at" })
  authorisedAt: Date;

  @Field({ description: "The conditions and charges of the authorisation (OD-AFD art. 31 para. 3); for a green plate, also how passengers are informed where plates cannot be fitted (para. 2)." })
  @Column({ type: "varchar", length: 500 })
  conditions: string;
}

/** DEC-R23 (OD-AFD art. 24a para. 1, 6; OD art. 118): who may announce rural border imports at which office. */
@ObjectType({
  description:
    "An operator's authorisation for relief on rural border traffic imports (DEC-R23, OD-AFD art. 24a para. 1, 6; OD art. 118): the office announcements go to, and the persons the operator empowers to announce. One per operator, changed in place when granted again. DEC-R82 (LD art. 43): its land lies in the border area of 10 km on each side of the border, unless the administration widened it (`zoneKm`).",
})
@Entity("rural_traffic_authorisation")
export class RuralTrafficAuthorisation {
  @Field(() => ID, { description: "The authorisation's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_rural_traffic_authorisation_operator", { unique: true })
  @Column({ type: "varchar", length: 36, name: "operator_id" })
  operatorId: string;

  @Field(() => ID, { description: "The office code the operator's announcements go to (OD-AFD art. 24a para. 1)." })
  @Column({ type: "varchar", length: 12, name: "office_id" })
  officeId: string;

  @Field(() => [String], { description: "OD-AFD art. 24a para. 6: the staff empowered to announce." })
  @Column({ type: "simple-json", name: "empowered_persons" })
  empoweredPersons: string[];

  @Field(() => Int, { description: "DEC-R82 (LD art. 43 para. 2): the border area's width in km; 10 unless widened." })
  @Column({ type: "integer", name: "zone_km" })
  zoneKm: number;

  @Field({ description: "When it was granted, or last granted again." })
  @Column({ type: "datetime", precision: 3, name: "granted_at" })
  grantedAt: Date;

  @Field({ description: "Whether the operator may announce under it." })
  @Column({ type: "boolean" })
  active: boolean;
}

/** DEC-R23 (OD-AFD art. 24a): an advance announcement of a rural border traffic import; it is the declaration. */
@ObjectType({
  description:
    "A rural border traffic advance announcement (DEC-R23, OD-AFD art. 24a): it counts as the customs declaration, accepted when complete at the office. It reaches the office at least two hours before the import, even outside opening hours (para. 4); the goods are imported within one hour of the announced time (DESIGN CHOICE, DOMAIN.md: from the announced time to 60 minutes after it); changes reach the office before the import (para. 5).",
})
@Entity("advance_announcement")
export class AdvanceAnnouncement {
  @Field(() => ID, { description: "The announcement's opaque id; also the id of the declaration it counts as." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_advance_announcement_declaration", { unique: true })
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Index("IDX_advance_announcement_operator")
  @Column({ type: "varchar", length: 36, name: "operator_id" })
  operatorId: string;

  @Column({ type: "varchar", length: 36, name: "authorisation_id" })
  authorisationId: string;

  @Column({ type: "varchar", length: 12, name: "office_id" })
  officeId: string;

  @Field(() => RuralGoodsType, { description: "The type of goods announced (OD-AFD art. 24a para. 1)." })
  @Column({ type: "varchar", length: 20, name: "goods_type" })
  goodsType: RuralGoodsType;

  @Field({ description: "Net mass in kg, exact decimal string." })
  @Column({ type: "varchar", length: 16 })
  quantity: string;

  @Field({ description: "The announced time of the crossing." })
  @Column({ type: "datetime", precision: 3, name: "planned_crossing_at" })
  plannedCrossingAt: Date;

  @Field({ description: "The announced place of the crossing." })
  @Column({ type: "varchar", length: 200, name: "crossing_place" })
  crossingPlace: string;

  @Field({ description: "When the complete announcement reached the office: the declaration's acceptance (OD-AFD art. 24a para. 3)." })
  @Column({ type: "datetime", precision: 3, name: "received_at" })
  receivedAt: Date;

  @Field({ description: "The empowered person who announced (OD-AFD art. 24a para. 6)." })
  @Column({ type: "varchar", length: 120, name: "announced_by" })
  announcedBy: string;

  @Field(() => AnnouncementTransmission, { description: "How the announcement, or its last change, reached the office (OD-AFD art. 24a para. 2, 5)." })
  @Column({ type: "varchar", length: 12 })
  transmission: AnnouncementTransmission;

  @Field(() => Int, { description: "Changes made before the import (OD-AFD art. 24a para. 5)." })
  @Column({ type: "integer", name: "change_count" })
  changeCount: number;

  @Field({ description: "A change by phone the office asked to have confirmed in writing (OD-AFD art. 24a para. 5)." })
  @Column({ type: "boolean", name: "written_confirmation_required" })
  writtenConfirmationRequired: boolean;

  @Field(() => AnnouncementStatus, { description: "Announced, or imported." })
  @Column({ type: "varchar", length: 12 })
  status: AnnouncementStatus;

  @Field(() => Date, { nullable: true, description: "When the office recorded the import; null until then." })
  @Column({ type: "datetime", precision: 3, name: "imported_at", nullable: true })
  importedAt: Date | null;
}
