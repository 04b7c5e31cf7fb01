import { Directive, Field, ID, ObjectType } from "type-graphql";
import { Connection } from "../../kit";
import { CustomsDeclaration } from "../entities/declaration.entity";
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
