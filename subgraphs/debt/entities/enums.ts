import { registerEnumType } from "type-graphql";

export enum DebtBirthTrigger {
  ACCEPTANCE = "ACCEPTANCE",
  BORDER_CROSSING_AFTER_PRE_ACCEPTANCE = "BORDER_CROSSING_AFTER_PRE_ACCEPTANCE",
  OMITTED_DECLARATION_CROSSING = "OMITTED_DECLARATION_CROSSING",
  OMITTED_DECLARATION_USE_CHANGE = "OMITTED_DECLARATION_USE_CHANGE",
  OMITTED_DECLARATION_SALE_OUTSIDE_FREE_PERIOD = "OMITTED_DECLARATION_SALE_OUTSIDE_FREE_PERIOD",
  OMITTED_DECLARATION_DISCOVERY = "OMITTED_DECLARATION_DISCOVERY",
  WAREHOUSE_RELEASE_WITHOUT_DECLARATION = "WAREHOUSE_RELEASE_WITHOUT_DECLARATION",
  PROCEDURE = "PROCEDURE",
  WAREHOUSING = "WAREHOUSING",
  PROHIBITED_TRAFFIC = "PROHIBITED_TRAFFIC",
  PENALTY_DECISION = "PENALTY_DECISION",
}
registerEnumType(DebtBirthTrigger, {
  name: "DebtBirthTrigger",
  description:
    "DEBT-R02 (LD art. 69 let. a-d): acceptance; border crossing of goods accepted before; for an omitted declaration the crossing, the change of use, the sale outside the free period, or else the discovery (recorded by the office, or from declarations' UndeclaredGoodsDetected, X07: the crossing when its moment is known, else the discovery); a release from an open warehouse without declaration. PROCEDURE: a conditional debt of a procedure (LD art. 49, 51, 58-60), recorded by the office or when declarations opens a procedure case (X11). WAREHOUSING: the conditional debt of a lot stored in a consumer goods warehouse, whose import duties are fixed with a conditional payment obligation (LD art. 51 para. 2 let. b; WH-R03), recorded when warehousing stores the lot (X14). Goods presumed smuggled that enforcement sequestered without a declaration whose debt is recorded (X21; LD art. 83 para. 3) give a debt at the crossing when enforcement knows it, else at the discovery (the seizure). PROHIBITED_TRAFFIC: the duties an authorised import or export would have incurred, payable when enforcement establishes prohibited traffic whose goods were neither turned back nor destroyed (X23; DEBT-R29, LD art. 120 para. 5), arisen and established then. PENALTY_DECISION: the fine of a final penalty decision (LD art. 118-127; DPA), collected like a customs debt (DESIGN CHOICE), arisen when the decision became final.",
});

export enum DebtStatus {
  CONDITIONAL = "CONDITIONAL",
  DUE = "DUE",
  OVERDUE = "OVERDUE",
  PAID = "PAID",
  NOT_LEVIED = "NOT_LEVIED",
  REMITTED = "REMITTED",
  TIME_BARRED = "TIME_BARRED",
  CANCELLED = "CANCELLED",
  EXTINGUISHED = "EXTINGUISHED",
  IN_ENFORCEMENT = "IN_ENFORCEMENT",
}
registerEnumType(DebtStatus, {
  name: "DebtStatus",
  description:
    "DOMAIN.md §5.2: DUE at birth (LD art. 72 para. 1); OVERDUE once the payment period passed (LD art. 74); PAID; NOT_LEVIED at CHF 5 or less (DEBT-R07, OD-AFD art. 58; DESIGN CHOICE: CHF 5.00 exactly is not levied); REMITTED (LD art. 86); TIME_BARRED (LD art. 75); CANCELLED with a withdrawn declaration (DESIGN CHOICE, X27); CONDITIONAL and EXTINGUISHED for procedures (LD art. 49, 51, 58-60): CONDITIONAL while the procedure runs, DUE when it is not discharged (X12; LD art. 49 para. 3, 58 para. 3, 59 para. 4, 60 para. 4; a stored lot: released without declaration, X16, or not placed within 60 days of the end of its storage, LD art. 51 para. 3), EXTINGUISHED when it is discharged (LD art. 49 para. 3; OD-AFD art. 44; a stored lot released against an exit declaration, LD art. 57) or when relief is granted for it afterwards (LD art. 49 para. 4); IN_ENFORCEMENT once seizure or a bankruptcy claim is opened (LD art. 88).",
});

export enum LiabilityBasis {
  CONVEYOR = "CONVEYOR",
  DECLARANT_OR_AGENT = "DECLARANT_OR_AGENT",
  PRINCIPAL = "PRINCIPAL",
  POSTAL_CONSIGNEE = "POSTAL_CONSIGNEE",
  OFFENDER = "OFFENDER",
  UNDERTAKING_ORDERED_TO_PAY = "UNDERTAKING_ORDERED_TO_PAY",
}
registerEnumType(LiabilityBasis, {
  name: "LiabilityBasis",
  description:
    "DEBT-R03 (LD art. 70 para. 2 let. a-d): who owes the debt: the person who conducts the goods across the border (CONVEYOR; also the holder of goods presumed smuggled, X21), the declarant or its agent, the person for whose account the goods move (PRINCIPAL; also the owner of goods presumed smuggled, X21), the postal consignee. OFFENDER: a suspect of prohibited traffic owing the duties of an authorised import or export (X23; DEBT-R29, LD art. 120 para. 5), or the person a final penalty decision fines (FineImposed; LD art. 118-127). UNDERTAKING_ORDERED_TO_PAY: the undertaking ordered to pay the fine instead of the individuals responsible (LD art. 125).",
});

export enum PaymentMethod {
  CASH = "CASH",
  CASHLESS = "CASHLESS",
  PCD_INVOICE = "PCD_INVOICE",
  PLEDGE_PROCEEDS = "PLEDGE_PROCEEDS",
}
registerEnumType(PaymentMethod, {
  name: "PaymentMethod",
  description: "DEBT-R09 (LD art. 73; OD-AFD art. 39). DEC-R62 (OD-AFD art. 39): an authorised consignee or consignor pays its debts without cash, against invoice in the PCD: CASH is refused from a debtor with an active PCD account.",
});

export enum SecurityKind {
  CASH_DEPOSIT = "CASH_DEPOSIT",
  SECURITIES = "SECURITIES",
  INDIVIDUAL_BOND = "INDIVIDUAL_BOND",
  GENERAL_BOND = "GENERAL_BOND",
}
registerEnumType(SecurityKind, { name: "SecurityKind", description: "DEBT-R12, DEBT-R14 (LD art. 76 para. 1, 77): cash deposit, safe negotiable securities, or a customs bond for one debt or for all claims." });

export enum SecurityStatus {
  ACTIVE = "ACTIVE",
  TERMINATION_RECEIVED = "TERMINATION_RECEIVED",
  CANCELLED_BY_ADMINISTRATION = "CANCELLED_BY_ADMINISTRATION",
  ENDED = "ENDED",
}
registerEnumType(SecurityStatus, { name: "SecurityStatus", description: "DEBT-R16 (LD art. 79)." });

export enum RemissionGround {
  DESTROYED_IN_CUSTODY_OR_PROCEDURE = "DESTROYED_IN_CUSTODY_OR_PROCEDURE",
  DESTROYED_OR_REEXPORTED_BY_AUTHORITIES = "DESTROYED_OR_REEXPORTED_BY_AUTHORITIES",
  DISPROPORTIONATE_SUBSEQUENT_COLLECTION = "DISPROPORTIONATE_SUBSEQUENT_COLLECTION",
  PARTICULARLY_HARSH = "PARTICULARLY_HARSH",
}
registerEnumType(RemissionGround, { name: "RemissionGround", description: "DEBT-R23 (LD art. 86 para. 1 let. a-d)." });

export enum RequestStatus {
  PENDING = "PENDING",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
}
registerEnumType(RequestStatus, { name: "RequestStatus" });

export enum CollectionErrorType {
  NOT_COLLECTED = "NOT_COLLECTED",
  TOO_LOW = "TOO_LOW",
  REFUND_TOO_HIGH = "REFUND_TOO_HIGH",
}
registerEnumType(CollectionErrorType, { name: "CollectionErrorType", description: "DEBT-R22 (LD art. 85): not collected, set too low, or refunded too much by mistake." });
