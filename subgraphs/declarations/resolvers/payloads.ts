import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../../kit";
import { AdvanceAnnouncement, CrossingFacilityAuthorisation, RuralTrafficAuthorisation } from "../entities/channel.entity";
import { CustomsDeclaration } from "../entities/declaration.entity";
import { ProcedureCase, ProcessingAuthorisation } from "../entities/procedure-case.entity";
import { GoodsPresentation } from "../entities/presentation.entity";
import { Appeal, DeadlineOverride, Refusal, TaxationChangeRequest, TaxationDecision, Verification } from "../entities/procedure.entity";
import { DocumentRequirement } from "../entities/selection.entity";

// A business partner as this subgraph knows it: its id, and its declarations (no description: identity owns it).
@ObjectType()
@Directive('@key(fields: "id")')
export class BusinessPartner {
  @Field(() => ID)
  id: string;
}

@ObjectType()
export class DeclarationPayload {
  @Field(() => CustomsDeclaration)
  declaration: CustomsDeclaration;
}

@ObjectType()
export class PresentationPayload {
  @Field(() => GoodsPresentation)
  presentation: GoodsPresentation;
}

@ObjectType()
export class DocumentPayload {
  @Field(() => DocumentRequirement)
  document: DocumentRequirement;
}

@ObjectType()
export class DeadlineOverridePayload {
  @Field(() => DeadlineOverride)
  override: DeadlineOverride;
}

@ObjectType()
export class RefusalPayload {
  @Field(() => Refusal)
  refusal: Refusal;
}

@ObjectType()
export class VerificationPayload {
  @Field(() => Verification)
  verification: Verification;
}

@ObjectType()
export class TaxationDecisionPayload {
  @Field(() => TaxationDecision)
  taxationDecision: TaxationDecision;
}

@ObjectType()
export class TaxationDecisionsPayload {
  @Field(() => [TaxationDecision])
  taxationDecisions: TaxationDecision[];
}

@ObjectType()
export class TaxationChangeRequestPayload {
  @Field(() => TaxationChangeRequest)
  request: TaxationChangeRequest;
}

@ObjectType()
export class AppealPayload {
  @Field(() => Appeal)
  appeal: Appeal;
}

export const CustomsDeclarationConnection = Connection(CustomsDeclaration, "CustomsDeclaration");

@ObjectType({ description: "DEC-R26 to DEC-R28: a crossing by a facility. The goods that qualified were declared by it; the others are undeclared goods (X07)." })
export class FacilityCrossingPayload {
  @Field(() => CustomsDeclaration, { nullable: true, description: "The qualifying goods, accepted at the moment OD-AFD art. 28, 30, 32, 34 or 35 names." })
  declaration: CustomsDeclaration | null;

  @Field(() => CustomsDeclaration, { nullable: true, description: "The goods that did not qualify: undeclared, placed under free circulation ex officio and taxed at the highest rate (LD art. 18 para. 3, 69 let. c)." })
  undeclaredGoods: CustomsDeclaration | null;
}

@ObjectType()
export class CrossingFacilityPayload {
  @Field(() => CrossingFacilityAuthorisation)
  facility: CrossingFacilityAuthorisation;
}

@ObjectType()
export class RuralTrafficAuthorisationPayload {
  @Field(() => RuralTrafficAuthorisation)
  authorisation: RuralTrafficAuthorisation;
}

@ObjectType()
export class AnnouncementPayload {
  @Field(() => AdvanceAnnouncement)
  announcement: AdvanceAnnouncement;
}

@ObjectType()
export class ProcedureCasePayload {
  @Field(() => ProcedureCase)
  procedureCase: ProcedureCase;
}

@ObjectType()
export class ProcessingAuthorisationPayload {
  @Field(() => ProcessingAuthorisation)
  authorisation: ProcessingAuthorisation;
}

export const ProcedureCaseConnection = Connection(ProcedureCase, "ProcedureCase");
