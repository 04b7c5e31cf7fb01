import { Field, ObjectType } from "type-graphql";
import { DeclarationStatus, DeclarationTimelineKind } from "./enums";

/**
 * One entry of a declaration's timeline (`CustomsDeclaration.timeline`): a value type, never
 * stored, built from the records the subgraph keeps and the declaration's kept versions
 * (services/timeline.service.ts).
 */
@ObjectType({
  description:
    "A fact of a declaration's life or one of its deadlines, built only from the records the subgraph keeps: the timestamps of the declaration and of its refusals, documents, verifications, corrections, taxation decisions, change requests and goods presentation, the declaration's kept versions (issue 15: every change of its status, dated when it was written, and every receipt and acceptance a resubmission stamped again), and the deadlines the rules computed (as adapted by the office, DOMAIN.md §0.4 T10). Never guessed: a moment the subgraph does not keep is not listed.",
})
export class DeclarationTimelineEntry {
  @Field(() => Date, { description: "When it happened (a fact), or when it is due (a deadline: the last moment in time)." })
  at: Date;

  @Field(() => DeclarationTimelineKind, { description: "What happened, or what is due." })
  kind: DeclarationTimelineKind;

  @Field({ description: "True for a deadline (a moment by which something is due), false for a fact that happened." })
  deadline: boolean;

  @Field({
    description:
      "True for a deadline that passed without being met by it: met late, or still unmet once the subgraph's clock passed it. False for facts, for deadlines met in time or not yet passed, for an unmet deadline of a withdrawn declaration (nothing is due any more), and for CHANGE_OF_TAXATION_DUE, which only ends a right.",
  })
  overdue: boolean;

  @Field({ description: "One human sentence saying what happened or what is due, e.g. \"Refused for correction: Commercial invoice missing\"." })
  summary: string;

  @Field(() => String, { nullable: true, description: "The DOMAIN.md rule the entry follows, e.g. DEC-R40; null only where no rule applies." })
  rule: string | null;

  @Field(() => String, { nullable: true, description: "The article of the rule, e.g. \"OD-AFD art. 20 para. 2\"; null only where no rule applies." })
  article: string | null;

  @Field(() => DeclarationStatus, { nullable: true, description: "For a change of the lodging lifecycle (DOMAIN.md §3.2), the status the declaration entered with it (an ex officio taxation enters EX_OFFICIO_TAXED, its cancellation and a missed resubmission RESUBMISSION_OVERDUE, a withdrawal WITHDRAWN); each change of status the kept versions hold is stated once, by the entry of the same write that says it or else by its own RESUBMISSION_OVERDUE, WITHDRAWN or STATUS_CHANGED entry. Null for deadlines and for facts of the separate facets (selection, documents, verification, release, removal, other taxation facts)." })
  status: DeclarationStatus | null;
}
