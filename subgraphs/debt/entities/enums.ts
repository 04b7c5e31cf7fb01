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
  valuesConfig: {
    ACCEPTANCE: { description: "The office accepted the declaration (LD art. 69 let. a)." },
    BORDER_CROSSING_AFTER_PRE_ACCEPTANCE: { description: "The goods crossed the border after their declaration was accepted beforehand (LD art. 69 let. b)." },
    OMITTED_DECLARATION_CROSSING: { description: "No declaration: the goods crossed the border (LD art. 69 let. c)." },
    OMITTED_DECLARATION_USE_CHANGE: { description: "No declaration: the goods were put to another use (LD art. 69 let. c, 14 para. 4)." },
    OMITTED_DECLARATION_SALE_OUTSIDE_FREE_PERIOD: { description: "No declaration: the goods were sold outside the free period (LD art. 69 let. c, 15)." },
    OMITTED_DECLARATION_DISCOVERY: { description: "No declaration and none of the other moments can be established: the omission was discovered (LD art. 69 let. c)." },
    WAREHOUSE_RELEASE_WITHOUT_DECLARATION: { description: "Goods left an open customs warehouse without a declaration: at their release (LD art. 69 let. d)." },
    PROCEDURE: { description: "The conditional debt of a procedure: transit, temporary admission, inward or outward processing (LD art. 49, 58-60; X11)." },
    WAREHOUSING: { description: "The conditional debt of a lot stored in a consumer goods warehouse (LD art. 51 para. 2 let. b; WH-R03, X14)." },
    PROHIBITED_TRAFFIC: { description: "The duties of an authorised import or export, payable after prohibited traffic (DEBT-R29, LD art. 120 para. 5; X23)." },
    PENALTY_DECISION: { description: "The fine of a final penalty decision, collected like a customs debt (LD art. 118-127; DESIGN CHOICE)." },
  },
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
  valuesConfig: {
    CONDITIONAL: { description: "A procedure's or a stored lot's conditional payment obligation, while the procedure runs (LD art. 49 para. 2, 51 para. 2 let. b, 58-60)." },
    DUE: { description: "Payable: from birth (DEBT-R08, LD art. 72 para. 1), or once a procedure was not discharged." },
    OVERDUE: { description: "The payment period passed unpaid: default interest runs from the due date (DEBT-R10, LD art. 74)." },
    PAID: { description: "Principal and default interest paid in full." },
    NOT_LEVIED: { description: "Duties of CHF 5 or less per taxation decision, not collected (DEBT-R07, OD-AFD art. 58; DESIGN CHOICE: CHF 5.00 exactly is not levied)." },
    REMITTED: { description: "Fully remitted by the DGD (DEBT-R23, LD art. 86; OD-AFD art. 59)." },
    TIME_BARRED: { description: "Time-barred (DEBT-R11, LD art. 75)." },
    CANCELLED: { description: "The declaration was withdrawn (X27; DESIGN CHOICE)." },
    EXTINGUISHED: { description: "The procedure of a conditional debt was discharged, or relief was granted afterwards (LD art. 49 para. 3-4; OD-AFD art. 44)." },
    IN_ENFORCEMENT: { description: "Seizure or a claim in bankruptcy opened (DEBT-R25, LD art. 88)." },
  },
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
  valuesConfig: {
    CONVEYOR: { description: "Conducts or has the goods conducted across the border (LD art. 70 para. 2 let. a)." },
    DECLARANT_OR_AGENT: { description: "The declarant or its agent (LD art. 70 para. 2 let. b)." },
    PRINCIPAL: { description: "The person for whose account the goods are imported or exported (LD art. 70 para. 2 let. c)." },
    POSTAL_CONSIGNEE: { description: "In postal traffic, the consignee, unless the sender takes the debt on (LD art. 70 para. 2 let. d)." },
    OFFENDER: { description: "A suspect of prohibited traffic owing its duties (X23; LD art. 120 para. 5), or a person fined by a final penalty decision." },
    UNDERTAKING_ORDERED_TO_PAY: { description: "The undertaking ordered to pay the fine instead of the individuals responsible (LD art. 125)." },
  },
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
  valuesConfig: {
    CASH: { description: "In cash, the rule unless otherwise arranged (LD art. 73 para. 1); refused from a debtor with an active PCD account." },
    CASHLESS: { description: "Cashless payment, which the administration may require from regular users of payment traffic (LD art. 73 para. 3)." },
    PCD_INVOICE: { description: "Against invoice in the centralised settlement procedure (PCD; OD-AFD art. 39)." },
    PLEDGE_PROCEEDS: { description: "Paid from the proceeds of a realised customs pledge (DEBT-R24, LD art. 87); recorded by the system, not accepted as input." },
  },
  description: "DEBT-R09 (LD art. 73; OD-AFD art. 39). DEC-R62 (OD-AFD art. 39): an authorised consignee or consignor pays its debts without cash, against invoice in the PCD: CASH is refused from a debtor with an active PCD account.",
});

export enum SecurityKind {
  CASH_DEPOSIT = "CASH_DEPOSIT",
  SECURITIES = "SECURITIES",
  INDIVIDUAL_BOND = "INDIVIDUAL_BOND",
  GENERAL_BOND = "GENERAL_BOND",
}
registerEnumType(SecurityKind, {
  name: "SecurityKind",
  description: "DEBT-R12, DEBT-R14 (LD art. 76 para. 1, 77): cash deposit, safe negotiable securities, or a customs bond for one debt or for all claims.",
  valuesConfig: {
    CASH_DEPOSIT: { description: "A cash deposit; no default interest runs on a debt it secures (DEBT-R10, LD art. 74 para. 2)." },
    SECURITIES: { description: "Safe negotiable securities (LD art. 76 para. 1)." },
    INDIVIDUAL_BOND: { description: "A customs bond securing one specific debt (LD art. 77 para. 2)." },
    GENERAL_BOND: { description: "A customs bond securing all customs claims against the debtor, up to its maximum (LD art. 77 para. 2-3)." },
  },
});

export enum SecurityStatus {
  ACTIVE = "ACTIVE",
  TERMINATION_RECEIVED = "TERMINATION_RECEIVED",
  CANCELLED_BY_ADMINISTRATION = "CANCELLED_BY_ADMINISTRATION",
  ENDED = "ENDED",
}
registerEnumType(SecurityStatus, {
  name: "SecurityStatus",
  description: "DEBT-R16 (LD art. 79). The run-off after a termination is not a status: `Security.coverageCutoff` says which claims a terminated bond still covers.",
  valuesConfig: {
    ACTIVE: { description: "Covers claims (LD art. 76 para. 1, 77)." },
    TERMINATION_RECEIVED: { description: "The surety terminated a general bond; it covers only claims born up to `coverageCutoff` (LD art. 79 para. 2)." },
    CANCELLED_BY_ADMINISTRATION: { description: "The administration cancelled it (LD art. 79 para. 3); covers nothing more." },
    ENDED: { description: "The debtor's liability ended, and with it the surety's (LD art. 79 para. 1)." },
  },
});

export enum RemissionGround {
  DESTROYED_IN_CUSTODY_OR_PROCEDURE = "DESTROYED_IN_CUSTODY_OR_PROCEDURE",
  DESTROYED_OR_REEXPORTED_BY_AUTHORITIES = "DESTROYED_OR_REEXPORTED_BY_AUTHORITIES",
  DISPROPORTIONATE_SUBSEQUENT_COLLECTION = "DISPROPORTIONATE_SUBSEQUENT_COLLECTION",
  PARTICULARLY_HARSH = "PARTICULARLY_HARSH",
}
registerEnumType(RemissionGround, {
  name: "RemissionGround",
  description: "DEBT-R23 (LD art. 86 para. 1 let. a-d).",
  valuesConfig: {
    DESTROYED_IN_CUSTODY_OR_PROCEDURE: { description: "Goods in customs custody or under a procedure destroyed by accident, force majeure or with the authorities' consent (let. a)." },
    DESTROYED_OR_REEXPORTED_BY_AUTHORITIES: { description: "Goods in free circulation destroyed or re-exported by decision of the authorities (let. b)." },
    DISPROPORTIONATE_SUBSEQUENT_COLLECTION: { description: "Special circumstances make subsequent collection a disproportionate burden (let. c)." },
    PARTICULARLY_HARSH: { description: "Extraordinary circumstances unrelated to the assessment make payment particularly harsh (let. d)." },
  },
});

export enum RequestStatus {
  PENDING = "PENDING",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
}
registerEnumType(RequestStatus, {
  name: "RequestStatus",
  description: "Where a remission request stands (OD-AFD art. 59: the DGD decides).",
  valuesConfig: {
    PENDING: { description: "Filed, not yet decided." },
    GRANTED: { description: "Granted, fully or in part (`remitted`)." },
    REFUSED: { description: "Refused." },
  },
});

export enum CollectionErrorType {
  NOT_COLLECTED = "NOT_COLLECTED",
  TOO_LOW = "TOO_LOW",
  REFUND_TOO_HIGH = "REFUND_TOO_HIGH",
}
registerEnumType(CollectionErrorType, {
  name: "CollectionErrorType",
  description: "DEBT-R22 (LD art. 85): not collected, set too low, or refunded too much by mistake.",
  valuesConfig: {
    NOT_COLLECTED: { description: "A duty was by mistake not collected." },
    TOO_LOW: { description: "A duty was by mistake set too low." },
    REFUND_TOO_HIGH: { description: "Too much was by mistake refunded." },
  },
});
