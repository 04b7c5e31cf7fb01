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
@InputType("SelectionCriteriaInput", { description: "What a selection rule looks at (DEC-R29); every criterion given must hold." })
export class SelectionCriteria {
  @Field(() => String, { nullable: true, description: "IMPORT or EXPORT." })
  direction?: "IMPORT" | "EXPORT";

  @Field(() => [String], { nullable: true, description: "Tariff number prefixes, e.g. 0201; an item must match one." })
  tariffPrefixes?: string[];

  @Field(() => [String], { nullable: true, description: "Countries of origin; an item must match one." })
  origins?: string[];

  @Field(() => String, { nullable: true, description: "Total declared value at or above this amount in CHF (decimal string)." })
  minValueChf?: string;

  @Field(() => Boolean, { nullable: true, description: "An item is subject to non-customs federal acts (DEC-R33)." })
  nonCustomsActs?: boolean;

  @Field(() => Boolean, { nullable: true, description: "An item is under a tariff quota (DEC-R10)." })
  quotaGoods?: boolean;

  @Field(() => Boolean, { nullable: true, description: "An item needs a proof of origin authenticated (DEC-R34)." })
  proofOfOrigin?: boolean;
}

@ObjectType({ description: "A selection rule: when its criteria hold, it calls for its result." })
@InputType("SelectionRuleInput", { description: "A selection rule (DEC-R29): when all its criteria hold for a declaration, it calls for its result." })
export class SelectionRuleType implements SelectionRule {
  @Field({ description: "The rule's id, unique within its rule set." })
  id: string;

  @Field({ description: "What the rule targets, for officers." })
  description: string;

  @Field(() => SelectionResult, { description: "The selection result it calls for." })
  result: SelectionResult;

  @Field(() => SelectionCriteria, { description: "The criteria; every criterion given must hold." })
  when: SelectionCriteria;
}

@ObjectType({ description: "A criterion that matched in a selection: officers only." })
export class MatchedCriterion {
  @Field({ description: "The id of the rule in its rule set." })
  ruleId: string;

  @Field({ description: "The rule's description." })
  description: string;

  @Field(() => SelectionResult, { description: "The result the rule called for." })
  result: SelectionResult;
}

@ObjectType({ description: "A versioned set of risk selection rules with its random control rate (DEC-R29). Each selection records the version it used." })
@Entity("selection_rule_set")
export class SelectionRuleSet {
  @Field(() => Int, { description: "The version number, from 1, raised by each publication." })
  @PrimaryColumn({ type: "integer" })
  version: number;

  @Field({ description: "Share of declarations that no rule matched but that are BLOCKED at random, 0 to 1, exact decimal string." })
  @Column({ type: "varchar", length: 12, name: "random_rate" })
  randomRate: string;

  @Field(() => [SelectionRuleType], { description: "Bounded: at most 100 rules a version (the limit of publishSelectionRuleSet). The rules, in the order they were published; every rule that matches a declaration counts, and the strictest result among them wins (BLOCKED first)." })
  @Column({ type: "simple-json" })
  rules: SelectionRule[];

  @Field({ description: "From when declarations accepted are selected with this version." })
  @Column({ type: "datetime", precision: 3, name: "active_from" })
  activeFrom: Date;

  @Field({ description: "The DGD officer who published it." })
  @Column({ type: "varchar", length: 200, name: "created_by" })
  createdBy: string;
}

@ObjectType({ description: "The risk selection of an accepted declaration, with why (DEC-R29, OD-AFD art. 17 para. 1, 17a para. 1)." })
@Entity("selection_decision")
export class SelectionDecision {
  @Field(() => ID, { description: "The selection's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index({ unique: true })
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field(() => SelectionResult, { description: "The selection result communicated to the declarant." })
  @Column({ type: "varchar", length: 20 })
  result: SelectionResult;

  @Field(() => Int, { description: "The rule set version used." })
  @Column({ type: "integer", name: "rule_set_version" })
  ruleSetVersion: number;

  @Field(() => [MatchedCriterion], { description: "Bounded: at most the rules of the rule set version used (at most 100). The rules that matched; empty when the result came from the random rate or no rule." })
  @Column({ type: "simple-json", name: "matched_rules" })
  matchedRules: MatchedCriterion[];

  @Field({ description: "The random draw in [0, 1) compared with the rate, kept for audit." })
  @Column({ type: "varchar", length: 24, name: "random_draw" })
  randomDraw: string;

  @Field({ description: "True when the random rate, not a rule, blocked the declaration." })
  @Column({ type: "boolean", name: "randomly_selected" })
  randomlySelected: boolean;

  @Field({ description: "When the system selected, right after acceptance." })
  @Column({ type: "datetime", precision: 3, name: "decided_at" })
  decidedAt: Date;
}

/** How the rule of a document the office asked for begins (DEC-R45, LD art. 35); see `requestedByOffice`. */
export const OFFICE_REQUEST_RULE = "DEC-R45";

/**
 * A document the office asked for (DEC-R45, LD art. 35) rather than one the selection result
 * requires: its deadline is the one the office set, and nothing reschedules it.
 */
export function requestedByOffice(doc: Pick<DocumentRequirement, "dueRule">): boolean {
  return doc.dueRule.startsWith(OFFICE_REQUEST_RULE);
}

@ObjectType({ description: "A document a selection result requires, with the identification mark that links it to the declaration (DEC-R35, OD-AFD art. 18) and its deadline (DEC-R36, DEC-R37)." })
@Entity("document_requirement")
export class DocumentRequirement {
  @Field(() => ID, { description: "The requirement's opaque id." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "declaration_id" })
  declarationId: string;

  @Field(() => DocumentKind, { description: "The kind of document." })
  @Column({ type: "varchar", length: 24 })
  kind: DocumentKind;

  @Field({ description: "DEC-R35 (OD-AFD art. 18): declaration number, document kind and sequence." })
  @Index({ unique: true })
  @Column({ type: "varchar", length: 48, name: "identification_mark" })
  identificationMark: string;

  @Column({ type: "datetime", precision: 3, name: "due_at", nullable: true })
  computedDueAt: Date | null;

  @Field({ description: "When the selection result or the office (DEC-R45, LD art. 35) required this document: the order of `CustomsDeclaration.documents` and of `overdueDocuments`." })
  @Column({ type: "datetime", precision: 3, name: "required_at" })
  requiredAt: Date;

  @Field({ description: "Why this deadline (the rule and article)." })
  @Column({ type: "varchar", length: 300, name: "due_rule" })
  dueRule: string;

  @Field(() => Date, { nullable: true, description: "When the document was submitted; null until then." })
  @Column({ type: "datetime", precision: 3, name: "submitted_at", nullable: true })
  submittedAt: Date | null;

  @Field({ description: "Flagged by the overdue-documents job once the deadline passed without submission." })
  @Column({ type: "boolean", name: "overdue_flagged" })
  overdueFlagged: boolean;
}
