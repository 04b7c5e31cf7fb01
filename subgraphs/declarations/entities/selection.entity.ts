import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { DocumentKind, SelectionResult } from "./enums";

/** One rule of a selection rule set: criteria that, when all match, call for a result. */
export interface SelectionRule {
  id: string;
  description: string;
  result: SelectionResult;
  when: {
    direction?: "IMPORT" | "EXPORT";
    tariffPrefixes?: string[];
    origins?: string[];
    minValueChf?: string;
    nonCustomsActs?: boolean;
    quotaGoods?: boolean;
    proofOfOrigin?: boolean;
  };
}

@ObjectType({ description: "What a selection rule looks at; every criterion given must hold." })
@InputType("SelectionCriteriaInput")
export class SelectionCriteria {
  @Field(() => String, { nullable: true, description: "IMPORT or EXPORT." })
  direction?: "IMPORT" | "EXPORT";

  @Field(() => [String], { nullable: true, description: "Tariff number prefixes, e.g. 0201; an item must match one." })
  tariffPrefixes?: string[];

  @Field(() => [String], { nullable: true, description: "Countries of origin; an item must match one." })
  origins?: string[];

  @Field(() => String, { nullable: true, description: "Total declared value at or above this amount in CHF (decimal string)." })
  minValueChf?: string;

  @Field(() => Boolean, { nullable: true })
  nonCustomsActs?: boolean;

  @Field(() => Boolean, { nullable: true })
  quotaGoods?: boolean;

  @Field(() => Boolean, { nullable: true })
  proofOfOrigin?: boolean;
}

@ObjectType({ description: "A selection rule: when its criteria hold, it calls for its result." })
@InputType("SelectionRuleInput")
export class SelectionRuleType implements SelectionRule {
  @Field()
  id: string;

  @Field()
  description: string;

  @Field(() => SelectionResult)
  result: SelectionResult;

  @Field(() => SelectionCriteria)
  when: SelectionCriteria;
}

@ObjectType({ description: "A criterion that matched in a selection: officers only." })
export class MatchedCriterion {
  @Field()
  ruleId: string;

  @Field()
  description: string;

  @Field(() => SelectionResult)
  result: SelectionResult;
}

@ObjectType({ description: "A versioned set of risk selection rules with its random control rate (DEC-R29). Each selection records the version it used." })
@Entity("selection_rule_set")
export class SelectionRuleSet {
  @Field(() => Int)
  @PrimaryColumn({ type: "integer" })
  version: number;

  @Field({ description: "Share of declarations that no rule matched but that are BLOCKED at random, 0 to 1, exact decimal string." })
  @Column({ type: "varchar", length: 12, name: "random_rate" })
  randomRate: string;

  @Field(() => [SelectionRuleType])
  @Column({ type: "simple-json" })
  rules: SelectionRule[];

  @Field()
  @Column({ type: "datetime", precision: 3, name: "active_from" })
  activeFrom: Date;

  @Field()
  @Column({ type: "varchar", length: 200, name: "created_by" })
  createdBy: string;
}

@ObjectType({ description: "The risk selection of an accepted declaration, with why (DEC-R29, OD-AFD art. 17 para. 1, 17a para. 1)." })
@Entity("selection_decision")
export class SelectionDecision {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field(() => SelectionResult)
  @Column({ type: "varchar", length: 20 })
  result: SelectionResult;

  @Field(() => Int, { description: "The rule set version used." })
  @Column({ type: "integer", name: "rule_set_version" })
  ruleSetVersion: number;

  @Field(() => [MatchedCriterion], { description: "The rules that matched; empty when the result came from the random rate or no rule." })
  @Column({ type: "simple-json", name: "matched_rules" })
  matchedRules: MatchedCriterion[];

  @Field({ description: "The random draw in [0, 1) compared with the rate, kept for audit." })
  @Column({ type: "varchar", length: 24, name: "random_draw" })
  randomDraw: string;

  @Field({ description: "True when the random rate, not a rule, blocked the declaration." })
  @Column({ type: "boolean", name: "randomly_selected" })
  randomlySelected: boolean;

  @Field()
  @Column({ type: "datetime", precision: 3, name: "decided_at" })
  decidedAt: Date;
}

@ObjectType({ description: "A document a selection result requires, with the identification mark that links it to the declaration (DEC-R35, OD-AFD art. 18) and its deadline (DEC-R36, DEC-R37)." })
@Entity("document_requirement")
export class DocumentRequirement {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field(() => DocumentKind)
  @Column({ type: "varchar", length: 24 })
  kind: DocumentKind;

  @Field({ description: "DEC-R35 (OD-AFD art. 18): declaration number, document kind and sequence." })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 48, name: "identification_mark" })
  identificationMark: string;

  @Column({ type: "datetime", precision: 3, name: "due_at", nullable: true })
  computedDueAt: Date | null;

  @Field({ description: "Why this deadline (the rule and article)." })
  @Column({ type: "varchar", length: 300, name: "due_rule" })
  dueRule: string;

  @Field(() => Date, { nullable: true })
  @Column({ type: "datetime", precision: 3, name: "submitted_at", nullable: true })
  submittedAt: Date | null;

  @Field({ description: "Flagged by the overdue-documents job once the deadline passed without submission." })
  @Column({ type: "boolean", name: "overdue_flagged" })
  overdueFlagged: boolean;
}
