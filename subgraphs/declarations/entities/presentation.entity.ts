import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { PresentationStatus, SummaryForm } from "./enums";

@ObjectType({
  description:
    "Goods presented at an office and summarily declared (DEC-R03, LD art. 24 para. 1-3): from now on they are in customs custody. The declaration is due by the end of the next business day (DEC-R06, OD-AFD art. 4).",
})
@Entity("goods_presentation")
export class GoodsPresentation {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 12, name: "office_id" })
  officeId: string;

  @Field()
  @Column({ type: "datetime", precision: 3, name: "presented_at" })
  presentedAt: Date;

  @Index()
  @Column({ type: "varchar", length: 36, name: "presenter_id" })
  presenterId: string;

  @Field(() => SummaryForm)
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

  @Field(() => PresentationStatus)
  @Column({ type: "varchar", length: 16 })
  status: PresentationStatus;
}
