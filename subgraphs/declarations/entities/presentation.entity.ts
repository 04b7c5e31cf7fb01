import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { PresentationStatus, SummaryForm } from "./enums";

@ObjectType({
  description:
    "Goods presented at an office and summarily declared (DEC-R03, LD art. 24 para. 1-3): from now on they are in customs custody. The declaration is due by the end of the next business day (DEC-R06, OD-AFD art. 4). Declined, with reasons: DEC-R01 (LD art. 21, conduct the goods without delay and unchanged to the nearest office) and DEC-R02 (LD art. 22, customs roads) are duties checked at the border, not states of this system; their breach is an offence for the enforcement subgraph. DEC-R05 (LD art. 26, who must declare): the graph records who presented and who declared, and does not classify the four categories of liable persons.",
})
@Entity("goods_presentation")
export class GoodsPresentation {
  @Field(() => ID, { description: "The presentation's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 12, name: "office_id" })
  officeId: string;

  @Field({ description: "When the goods were presented: the declaration deadline runs from it (DEC-R06)." })
  @Column({ type: "datetime", precision: 3, name: "presented_at" })
  presentedAt: Date;

  @Index()
  @Column({ type: "varchar", length: 36, name: "presenter_id" })
  presenterId: string;

  @Field(() => SummaryForm, { description: "The form of the summary declaration (DEC-R04)." })
  @Column({ type: "varchar", length: 12, name: "summary_form" })
  summaryForm: SummaryForm;

  @Field({ description: "The office, or the other approved place where the goods are (LD art. 24 para. 2)." })
  @Column({ type: "varchar", length: 200 })
  place: string;

  @Field({ description: "Summary description of the goods." })
  @Column({ type: "varchar", length: 500, name: "goods_description" })
  goodsDescription: string;

  @Column({ type: "datetime", precision: 3, name: "declaration_due_by" })
  computedDeclarationDueBy: Date;

  @Field({ description: "DEC-R61 (OD-AFD art. 38): presented by an authorised consignee, whose declaration is due at the control office by the 30th working day after presentation." })
  @Column({ type: "boolean", name: "authorised_consignee", default: 0 })
  authorisedConsignee: boolean;

  @Field(() => Date, { nullable: true, description: "DEC-R64 DESIGN CHOICE (DOMAIN.md): an authorised consignee that missed the 30th working day is flagged and notified (AuthorisedConsigneeDeclarationOverdue); the sources name no sanction." })
  @Column({ type: "datetime", precision: 3, name: "overdue_flagged_at", nullable: true })
  overdueFlaggedAt: Date | null;

  @Field(() => PresentationStatus, { description: "Where the presented goods stand, from custody to removal." })
  @Column({ type: "varchar", length: 16 })
  status: PresentationStatus;
}
