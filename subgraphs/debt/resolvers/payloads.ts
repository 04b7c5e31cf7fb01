import { Field, ObjectType } from "type-graphql";
import { CustomsDebt, Payment } from "../entities/debt.entity";
import { CustomsPledge, DebtEnforcementCase, Fee, SuretyReceipt } from "../entities/pledge.entity";
import { RemissionRequest, Security, SecurityReservation, SecurityRequisition, SubsequentCollection } from "../entities/security.entity";

/*
 * What the mutations return (STYLE.md: a payload with the changed object), so that a mutation can
 * later return more without breaking its callers.
 */

@ObjectType({ description: "The result of `recordPayment`: the payment recorded, and the debt as it stands after it." })
export class PaymentPayload {
  @Field(() => Payment, { description: "The payment recorded: default interest first, then the principal (DEBT-R10; DESIGN CHOICE)." })
  payment: Payment;

  // `customsDebt` is resolved on demand (PaymentPayloadResolver), null when the payer may not see the debt.
}

@ObjectType({ description: "The result of `issueSuretyReceipt`." })
export class SuretyReceiptPayload {
  @Field(() => SuretyReceipt, { description: "The receipt issued to the surety (DEBT-R15, LD art. 78 para. 1)." })
  suretyReceipt: SuretyReceipt;
}

@ObjectType({ description: "The result of a mutation that records or changes a customs debt (`recordOmittedDeclarationDebt`, `recordConditionalDebt`, `settleProcedureDebt`, `interruptLimitation`)." })
export class CustomsDebtPayload {
  @Field(() => CustomsDebt, { description: "The customs debt, as the mutation left it." })
  customsDebt: CustomsDebt;
}

@ObjectType({ description: "The result of `decideSubsequentCollection`." })
export class SubsequentCollectionPayload {
  @Field(() => SubsequentCollection, { description: "The subsequent collection notified (DEBT-R22, LD art. 85)." })
  subsequentCollection: SubsequentCollection;
}

@ObjectType({ description: "The result of `requestRemission` and `decideRemission`." })
export class RemissionRequestPayload {
  @Field(() => RemissionRequest, { description: "The remission request, filed or decided (DEBT-R23, LD art. 86; OD-AFD art. 59)." })
  remissionRequest: RemissionRequest;
}

@ObjectType({ description: "The result of `requireSecurity`." })
export class SecurityRequisitionPayload {
  @Field(() => SecurityRequisition, { description: "The decision requiring security (DEBT-R18, LD art. 81)." })
  securityRequisition: SecurityRequisition;
}

@ObjectType({ description: "The result of `provideSecurity`, `terminateBond` and `cancelSecurity`." })
export class SecurityPayload {
  @Field(() => Security, { description: "The security, as the mutation left it (DEBT-R12, DEBT-R14, DEBT-R16; LD art. 76-79)." })
  security: Security;
}

@ObjectType({ description: "The result of `reserveSecurity`." })
export class SecurityReservationPayload {
  @Field(() => SecurityReservation, { description: "The claim attached to the security, for its amount (DEBT-R14, LD art. 77)." })
  reservation: SecurityReservation;
}

@ObjectType({ description: "The result of a mutation on a customs pledge (record, sequester, release, realise, report misappropriation)." })
export class CustomsPledgePayload {
  @Field(() => CustomsPledge, { description: "The customs pledge, as the mutation left it (DEBT-R19 to DEBT-R24; LD art. 82-87)." })
  customsPledge: CustomsPledge;
}

@ObjectType({ description: "The result of `openDebtEnforcement`." })
export class DebtEnforcementCasePayload {
  @Field(() => DebtEnforcementCase, { description: "The debt enforcement case opened (DEBT-R25, LD art. 88)." })
  enforcementCase: DebtEnforcementCase;
}

@ObjectType({ description: "The result of `chargeFee`." })
export class FeePayload {
  @Field(() => Fee, { description: "The fee charged (DEBT-R26, LD art. 89)." })
  fee: Fee;
}
