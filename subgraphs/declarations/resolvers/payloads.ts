import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../../kit";
import { AdvanceAnnouncement, CrossingFacilityAuthorisation, RuralTrafficAuthorisation } from "../entities/channel.entity";
import { CustomsDeclaration } from "../entities/declaration.entity";
import { CustomsOffice } from "../entities/customs-office.entity";
import { ProcedureCase, ProcessingAuthorisation } from "../entities/procedure-case.entity";
import { GoodsPresentation } from "../entities/presentation.entity";
import { Appeal, DeadlineOverride, DeclarationCorrection, Refusal, TaxationChangeRequest, TaxationDecision, Verification } from "../entities/procedure.entity";
import { DocumentRequirement, SelectionRuleSet } from "../entities/selection.entity";
import { TariffRate } from "../entities/tariff-rate.entity";

// A business partner as this subgraph knows it: its key, and the fields it adds (identity owns it).
@ObjectType({ description: "A business partner of the FOCBS (owned by the identity subgraph, ePortal step 2). This subgraph adds the partner's declarations, procedure cases and processing authorisations, for officers and the partner's own users and software." })
@Directive('@key(fields: "id")')
export class BusinessPartner {
  @Field(() => ID, { description: "The business partner's opaque id, as the identity subgraph issues it (federation key)." })
  id: string;
}

@ObjectType({ description: "What a mutation on a declaration returns: the declaration as it is after the change." })
export class DeclarationPayload {
  @Field(() => CustomsDeclaration, { description: "The declaration after the change." })
  declaration: CustomsDeclaration;
}

@ObjectType({ description: "What presenting goods returns: the presentation, with its declaration deadline (DEC-R06)." })
export class PresentationPayload {
  @Field(() => GoodsPresentation, { description: "The goods presentation just recorded." })
  presentation: GoodsPresentation;
}

@ObjectType({ description: "What a mutation on a required document returns." })
export class DocumentPayload {
  @Field(() => DocumentRequirement, { description: "The document requirement after the change (submitted, or newly requested)." })
  document: DocumentRequirement;
}

@ObjectType({ description: "What adapting a deadline returns (DOMAIN.md §0.4 T10): the override now in force." })
export class DeadlineOverridePayload {
  @Field(() => DeadlineOverride, { description: "The override recorded: the new deadline, the reason, the officer and when." })
  override: DeadlineOverride;
}

@ObjectType({ description: "What refusing a declaration, or extending its resubmission period, returns (DEC-R38, DEC-R40)." })
export class RefusalPayload {
  @Field(() => Refusal, { description: "The refusal, with its resubmission deadline in force." })
  refusal: Refusal;
}

@ObjectType({ description: "What ordering, requesting or recording a verification returns (DEC-R46, DEC-R47)." })
export class VerificationPayload {
  @Field(() => Verification, { description: "The verification after the change." })
  verification: Verification;
}

@ObjectType({ description: "What a mutation on a taxation decision returns." })
export class TaxationDecisionPayload {
  @Field(() => TaxationDecision, { description: "The taxation decision after the change." })
  taxationDecision: TaxationDecision;
}

@ObjectType({ description: "What flagging abuse returns (DEC-R59, OD-AFD art. 58 para. 2): the decisions flagged." })
export class TaxationDecisionsPayload {
  @Field(() => [TaxationDecision], { description: "Bounded: the decisions named in the input (at most 50, the input's limit), in the input's order, each now flagged." })
  taxationDecisions: TaxationDecision[];
}

@ObjectType({ description: "What asking for or deciding a change of taxation returns (DEC-R44, LD art. 34 para. 3-4)." })
export class TaxationChangeRequestPayload {
  @Field(() => TaxationChangeRequest, { description: "The change request after the change." })
  request: TaxationChangeRequest;
}

@ObjectType({ description: "What filing or deciding an appeal returns (DEC-R60, LD art. 116)." })
export class AppealPayload {
  @Field(() => Appeal, { description: "The appeal after the change." })
  appeal: Appeal;
}

@ObjectType({ description: "What recording a customs office returns (DEC-R83, LD art. 29)." })
export class CustomsOfficePayload {
  @Field(() => CustomsOffice, { description: "The office as recorded: its competences, opening hours and place of taxation." })
  office: CustomsOffice;
}

@ObjectType({ description: "What publishing selection rules returns (DEC-R29)." })
export class SelectionRuleSetPayload {
  @Field(() => SelectionRuleSet, { description: "The new version of the rule set." })
  ruleSet: SelectionRuleSet;
}

@ObjectType({ description: "What recording a tariff rate returns (DEC-R48, LD art. 19 para. 1)." })
export class TariffRatePayload {
  @Field(() => TariffRate, { description: "The new rate; the open rate of the same number now ends the day before it starts." })
  tariffRate: TariffRate;
}

export const CustomsDeclarationConnection = Connection(CustomsDeclaration, "CustomsDeclaration");
export const DocumentRequirementConnection = Connection(DocumentRequirement, "DocumentRequirement");
export const GoodsPresentationConnection = Connection(GoodsPresentation, "GoodsPresentation");
export const RefusalConnection = Connection(Refusal, "Refusal", { order: "in the order of the field that returns them (CustomsDeclaration.refusals: oldest first; pendingResubmissions: earliest resubmission deadline in force first)" });
export const VerificationConnection = Connection(Verification, "Verification");
export const DeclarationCorrectionConnection = Connection(DeclarationCorrection, "DeclarationCorrection");
export const TaxationDecisionConnection = Connection(TaxationDecision, "TaxationDecision");
export const AppealConnection = Connection(Appeal, "Appeal");
export const TariffRateConnection = Connection(TariffRate, "TariffRate", { order: "by tariff number, then by first day of validity" });
export const SelectionRuleSetConnection = Connection(SelectionRuleSet, "SelectionRuleSet", { order: "oldest version first" });

@ObjectType({ description: "DEC-R26 to DEC-R28: a crossing by a facility. The goods that qualified were declared by it; the others are undeclared goods (X07)." })
export class FacilityCrossingPayload {
  @Field(() => CustomsDeclaration, { nullable: true, description: "The qualifying goods, accepted at the moment OD-AFD art. 28, 30, 32, 34 or 35 names." })
  declaration: CustomsDeclaration | null;

  @Field(() => CustomsDeclaration, { nullable: true, description: "The goods that did not qualify: undeclared, placed under free circulation ex officio and taxed at the highest rate (LD art. 18 para. 3, 69 let. c)." })
  undeclaredGoods: CustomsDeclaration | null;
}

@ObjectType({ description: "What authorising a crossing facility returns (DEC-R26, OD-AFD art. 27, 29, 31, 33)." })
export class CrossingFacilityPayload {
  @Field(() => CrossingFacilityAuthorisation, { description: "The facility authorised at the office." })
  facility: CrossingFacilityAuthorisation;
}

@ObjectType({ description: "What authorising rural border traffic returns (DEC-R23, OD-AFD art. 24a)." })
export class RuralTrafficAuthorisationPayload {
  @Field(() => RuralTrafficAuthorisation, { description: "The operator's authorisation after the change." })
  authorisation: RuralTrafficAuthorisation;
}

@ObjectType({ description: "What a mutation on a rural border traffic advance announcement returns (DEC-R23)." })
export class AnnouncementPayload {
  @Field(() => AdvanceAnnouncement, { description: "The announcement after the change." })
  announcement: AdvanceAnnouncement;
}

@ObjectType({ description: "What a mutation on a procedure case returns (DEC-R65 to DEC-R76)." })
export class ProcedureCasePayload {
  @Field(() => ProcedureCase, { description: "The procedure case after the change." })
  procedureCase: ProcedureCase;
}

@ObjectType({ description: "What granting a processing authorisation returns (DEC-R73 to DEC-R75)." })
export class ProcessingAuthorisationPayload {
  @Field(() => ProcessingAuthorisation, { description: "The authorisation granted." })
  authorisation: ProcessingAuthorisation;
}

export const ProcedureCaseConnection = Connection(ProcedureCase, "ProcedureCase");
export const ProcessingAuthorisationConnection = Connection(ProcessingAuthorisation, "ProcessingAuthorisation");
