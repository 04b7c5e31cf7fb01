import { registerEnumType } from "type-graphql";

export enum ControlKind {
  TERRITORY_CONTROL = "TERRITORY_CONTROL",
  HOME_CONTROL = "HOME_CONTROL",
  BORDER_AREA_CONTROL = "BORDER_AREA_CONTROL",
}
registerEnumType(ControlKind, {
  name: "ControlKind",
  description: "Where and under which power a control is made.",
  valuesConfig: {
    TERRITORY_CONTROL: { description: "ENF-R01 (LD art. 30): in the customs territory, that the duties were paid; the right ends one year after importation." },
    HOME_CONTROL: { description: "ENF-R02 (LD art. 31): without prior notice, at a person who is or was declarant or debtor or must keep records; the right expires five years after importation." },
    BORDER_AREA_CONTROL: { description: "ENF-R03 (LD art. 100): the general powers in the border area (persons, identity, goods, searches); no importation, no expiry." },
  },
});

export enum ControlStatus {
  PLANNED = "PLANNED",
  PERFORMED = "PERFORMED",
  CLOSED = "CLOSED",
}
registerEnumType(ControlStatus, {
  name: "ControlStatus",
  description: "DOMAIN.md §6.2: PLANNED → PERFORMED → CLOSED.",
  valuesConfig: {
    PLANNED: { description: "Planned while the right to control holds or an investigation is open; not yet made." },
    PERFORMED: { description: "Made, with its result and findings; measures and seizures may be recorded." },
    CLOSED: { description: "Closed: nothing more is recorded in it." },
  },
});

export enum HomeControlStanding {
  DECLARANT = "DECLARANT",
  DEBTOR = "DEBTOR",
  RECORD_KEEPER = "RECORD_KEEPER",
}
registerEnumType(HomeControlStanding, {
  name: "HomeControlStanding",
  description: "ENF-R02 (LD art. 31 para. 1): why the person may be controlled at home: it is or was declarant, or debtor, or must keep records under the LD.",
  valuesConfig: {
    DECLARANT: { description: "The person is or was a declarant." },
    DEBTOR: { description: "The person is or was a customs debtor." },
    RECORD_KEEPER: { description: "The person must keep records under the LD." },
  },
});

export enum ControlResult {
  NO_FINDINGS = "NO_FINDINGS",
  IRREGULARITIES = "IRREGULARITIES",
}
registerEnumType(ControlResult, {
  name: "ControlResult",
  description: "What the control found.",
  valuesConfig: {
    NO_FINDINGS: { description: "Nothing irregular was found." },
    IRREGULARITIES: { description: "Irregularities were found (`findings`), which may lead to a case or a seizure." },
  },
});

export enum MeasureKind {
  VERIFICATION = "VERIFICATION",
  PROOF_OF_TAXATION_REQUESTED = "PROOF_OF_TAXATION_REQUESTED",
  IDENTITY_CHECK = "IDENTITY_CHECK",
  STOP_AND_QUESTION = "STOP_AND_QUESTION",
  PAT_DOWN = "PAT_DOWN",
  BODY_SEARCH = "BODY_SEARCH",
  MEDICAL_EXAMINATION = "MEDICAL_EXAMINATION",
  PHOTOGRAPHS_AND_BIOMETRICS = "PHOTOGRAPHS_AND_BIOMETRICS",
  EVIDENCE_PRESERVED = "EVIDENCE_PRESERVED",
  TAKEN_TO_CUSTOMS_POST = "TAKEN_TO_CUSTOMS_POST",
  PROVISIONAL_ARREST = "PROVISIONAL_ARREST",
}
registerEnumType(MeasureKind, {
  name: "MeasureKind",
  description: "ENF-R03, ENF-R04 (LD art. 30-31, 100-105): a measure taken during a control. Provisional seizure is a `Seizure` (LD art. 104), recorded with `seizeGoods`.",
  valuesConfig: {
    VERIFICATION: { description: "Physical check of goods, information, data, documents, systems (LD art. 31 para. 2, 36, 100)." },
    PROOF_OF_TAXATION_REQUESTED: { description: "ENF-R01 (LD art. 30 para. 2): the person liable to declare proves that the goods were taxed." },
    IDENTITY_CHECK: { description: "LD art. 100, 103 para. 1: identity established." },
    STOP_AND_QUESTION: { description: "LD art. 101 para. 1: stopped and questioned." },
    PAT_DOWN: { description: "LD art. 101 para. 2: only on suspicion of danger, of weapons or objects to be secured, or when the conditions of a provisional arrest are met." },
    BODY_SEARCH: { description: "LD art. 102 para. 1-2: same conditions; by a person of the same sex unless it cannot be postponed." },
    MEDICAL_EXAMINATION: { description: "LD art. 102 para. 1, 3: same conditions; only by a physician." },
    PHOTOGRAPHS_AND_BIOMETRICS: { description: "LD art. 103 para. 2: on suspicion of a serious offence, or where another act provides for it." },
    EVIDENCE_PRESERVED: { description: "LD art. 104 para. 1: evidence preserved." },
    TAKEN_TO_CUSTOMS_POST: { description: "LD art. 105 para. 1: a person suspected of committing or preparing a serious offence (ground SUSPECTED_SERIOUS_OFFENCE), taken to the post and reported to the competent authority." },
    PROVISIONAL_ARREST: { description: "LD art. 105 para. 2 (DPA art. 19): in urgent cases or on resistance; the person is brought immediately to the competent authority." },
  },
});

export enum MeasureGround {
  SUSPECTED_DANGEROUS = "SUSPECTED_DANGEROUS",
  CARRYING_WEAPONS_OR_OBJECTS_TO_SECURE = "CARRYING_WEAPONS_OR_OBJECTS_TO_SECURE",
  PROVISIONAL_ARREST_CONDITIONS_MET = "PROVISIONAL_ARREST_CONDITIONS_MET",
  SUSPECTED_SERIOUS_OFFENCE = "SUSPECTED_SERIOUS_OFFENCE",
  PROVIDED_BY_ANOTHER_ACT = "PROVIDED_BY_ANOTHER_ACT",
  URGENT = "URGENT",
  RESISTANCE = "RESISTANCE",
}
registerEnumType(MeasureGround, {
  name: "MeasureGround",
  description: "ENF-R04: the grounds the law requires for a measure (LD art. 101 para. 2, 102 para. 1, 103 para. 2, 105).",
  valuesConfig: {
    SUSPECTED_DANGEROUS: { description: "The person is suspected of being dangerous: a ground for a pat-down, a body search or a medical examination (LD art. 101 para. 2, 102 para. 1)." },
    CARRYING_WEAPONS_OR_OBJECTS_TO_SECURE: { description: "The person is suspected of carrying weapons or objects to be secured: same measures (LD art. 101 para. 2, 102 para. 1)." },
    PROVISIONAL_ARREST_CONDITIONS_MET: { description: "The conditions of a provisional arrest are met: same measures (LD art. 101 para. 2, 102 para. 1)." },
    SUSPECTED_SERIOUS_OFFENCE: { description: "Suspected of committing or preparing a serious offence: a ground for photographs and biometrics (LD art. 103 para. 2), and the one ground for taking the person to the customs post (LD art. 105 para. 1)." },
    PROVIDED_BY_ANOTHER_ACT: { description: "Another act provides for photographs and biometrics (LD art. 103 para. 2)." },
    URGENT: { description: "An urgent case: a ground for a provisional arrest (LD art. 105 para. 2, DPA art. 19)." },
    RESISTANCE: { description: "The person resisted: a ground for a provisional arrest (LD art. 105 para. 2, DPA art. 19)." },
  },
});

export enum Sex {
  FEMALE = "FEMALE",
  MALE = "MALE",
}
registerEnumType(Sex, {
  name: "Sex",
  description: "ENF-R04 (LD art. 102 para. 2): a body search is made by a person of the same sex. Only recorded for body searches.",
  valuesConfig: {
    FEMALE: { description: "Female." },
    MALE: { description: "Male." },
  },
});

export enum OffenceType {
  CUSTOMS_EVASION = "CUSTOMS_EVASION",
  CUSTOMS_ENDANGERMENT = "CUSTOMS_ENDANGERMENT",
  PROHIBITED_TRAFFIC = "PROHIBITED_TRAFFIC",
  RECEIVING = "RECEIVING",
  PLEDGE_MISAPPROPRIATION = "PLEDGE_MISAPPROPRIATION",
  ORDER_VIOLATION = "ORDER_VIOLATION",
  VERBAL_INJUNCTION_VIOLATION = "VERBAL_INJUNCTION_VIOLATION",
}
registerEnumType(OffenceType, {
  name: "OffenceType",
  description: "ENF-R07 (LD art. 117): the five customs offences, and the breaches of order rules of LD art. 127.",
  valuesConfig: {
    CUSTOMS_EVASION: { description: "ENF-R08 (LD art. 118): duties evaded; fine up to five times the duties." },
    CUSTOMS_ENDANGERMENT: { description: "ENF-R09 (LD art. 119): duties put at risk; fine up to five times the duties endangered." },
    PROHIBITED_TRAFFIC: { description: "ENF-R10 (LD art. 120): a prohibition or restriction breached; fine up to five times the value of the goods." },
    RECEIVING: { description: "ENF-R11 (LD art. 121): the penalty of the author of the prior offence." },
    PLEDGE_MISAPPROPRIATION: { description: "ENF-R12 (LD art. 122): a customs pledge destroyed or disposed of without consent; fine up to five times the value of the goods." },
    ORDER_VIOLATION: { description: "ENF-R17 (LD art. 127 para. 1): breach of a provision declared punishable or of a decision served with the threat of the penalty; fine up to CHF 5,000." },
    VERBAL_INJUNCTION_VIOLATION: { description: "ENF-R17 (LD art. 127 para. 2): verbal injunctions of staff, signals or signs disregarded; fine up to CHF 2,000, no threat needed." },
  },
});

/** The customs offences of LD art. 117, as opposed to the breaches of order rules of LD art. 127. */
export const CUSTOMS_OFFENCES: readonly OffenceType[] = [OffenceType.CUSTOMS_EVASION, OffenceType.CUSTOMS_ENDANGERMENT, OffenceType.PROHIBITED_TRAFFIC, OffenceType.RECEIVING, OffenceType.PLEDGE_MISAPPROPRIATION];

export enum PriorOffence {
  CUSTOMS_EVASION = "CUSTOMS_EVASION",
  CUSTOMS_ENDANGERMENT = "CUSTOMS_ENDANGERMENT",
  PROHIBITED_TRAFFIC = "PROHIBITED_TRAFFIC",
}
registerEnumType(PriorOffence, {
  name: "PriorOffence",
  description: "ENF-R11 (LD art. 121): the offence whose goods were received: evaded, or brought in against a prohibition or restriction.",
  valuesConfig: {
    CUSTOMS_EVASION: { description: "The goods were evaded (ENF-R08, LD art. 118): the receiver's maximum is five times the duties evaded." },
    CUSTOMS_ENDANGERMENT: { description: "The duties on the goods were endangered (ENF-R09, LD art. 119): five times the duties endangered." },
    PROHIBITED_TRAFFIC: { description: "The goods were brought in against a prohibition or restriction (ENF-R10, LD art. 120): five times their value." },
  },
});

export enum Culpability {
  INTENT = "INTENT",
  NEGLIGENCE = "NEGLIGENCE",
}
registerEnumType(Culpability, {
  name: "Culpability",
  description: "LD art. 118-120, 127: intentionally or negligently. An attempt is intentional (DESIGN CHOICE: Swiss criminal law knows no negligent attempt).",
  valuesConfig: {
    INTENT: { description: "Committed intentionally (the only culpability of an attempt, LD art. 123)." },
    NEGLIGENCE: { description: "Committed negligently; LD art. 118-120 and 127 punish it with the same maximum." },
  },
});

export enum AggravatingCircumstance {
  HIRED_OTHERS = "HIRED_OTHERS",
  BY_TRADE_OR_HABIT = "BY_TRADE_OR_HABIT",
}
registerEnumType(AggravatingCircumstance, {
  name: "AggravatingCircumstance",
  description: "ENF-R14 (LD art. 124): exactly these two.",
  valuesConfig: {
    HIRED_OTHERS: { description: "LD art. 124 let. a: one or more persons hired to commit a customs offence." },
    BY_TRADE_OR_HABIT: { description: "LD art. 124 let. b: customs offences committed by trade or by habit." },
  },
});

export enum GoodsValueBasis {
  INTERNAL_MARKET_PRICE = "INTERNAL_MARKET_PRICE",
  EXPERT = "EXPERT",
}
registerEnumType(GoodsValueBasis, {
  name: "GoodsValueBasis",
  description: "ENF-R10, ENF-R12 (LD art. 120 para. 4, 122 para. 2): the internal-market price when the offence was discovered; if unknown, set by experts.",
  valuesConfig: {
    INTERNAL_MARKET_PRICE: { description: "The internal-market price of the goods when the offence was discovered (LD art. 120 para. 4, 122 para. 2)." },
    EXPERT: { description: "Set by experts, the internal-market price being unknown (LD art. 120 para. 4, 122 para. 2)." },
  },
});

export enum OrderBreach {
  PUNISHABLE_PROVISION = "PUNISHABLE_PROVISION",
  DECISION_WITH_THREAT = "DECISION_WITH_THREAT",
}
registerEnumType(OrderBreach, {
  name: "OrderBreach",
  description: "ENF-R17 (LD art. 127 para. 1 let. a-b): a provision of customs law, a treaty or their implementing provisions whose breach an act declares punishable; or a decision served with the threat of this penalty.",
  valuesConfig: {
    PUNISHABLE_PROVISION: { description: "LD art. 127 para. 1 let. a: a provision of customs law, a treaty or their implementing provisions whose breach is declared punishable." },
    DECISION_WITH_THREAT: { description: "LD art. 127 para. 1 let. b: a decision served with the threat of the penalty of this article." },
  },
});

export enum CaseStatus {
  OPENED = "OPENED",
  UNDER_INVESTIGATION = "UNDER_INVESTIGATION",
  PENALTY_DECIDED = "PENALTY_DECIDED",
  FINAL = "FINAL",
  CLOSED = "CLOSED",
  DISMISSED = "DISMISSED",
  TIME_BARRED = "TIME_BARRED",
}
registerEnumType(CaseStatus, {
  name: "CaseStatus",
  description: "DOMAIN.md §6.2 (state names a DESIGN CHOICE): OPENED → UNDER_INVESTIGATION → PENALTY_DECIDED → FINAL → CLOSED; or DISMISSED; or TIME_BARRED (DPA art. 11 para. 2, LD art. 129: recorded by an officer, the period is not in our sources).",
  valuesConfig: {
    OPENED: { description: "Opened by an officer, from a lead (X16) or from an event (X07, X22); the basis of the fine is not yet established." },
    UNDER_INVESTIGATION: { description: "The basis of the fine is being established (`assessOffenceCase`); a penalty annulled on appeal brings the case back here." },
    PENALTY_DECIDED: { description: "The anti-fraud section decided the penalty; the appeal period runs (ENF-R23, LD art. 116)." },
    FINAL: { description: "No longer open to appeal; the fine was handed to debt for collection (`FineImposed`)." },
    CLOSED: { description: "A final penalty executed; the case is over." },
    DISMISSED: { description: "No offence made out; ended with a reason." },
    TIME_BARRED: { description: "ENF-R19 (LD art. 129, DPA art. 11 para. 2): prosecution is time-barred, as an officer recorded (the period is not in our sources)." },
  },
});

export const OPEN_CASE_STATUSES: readonly CaseStatus[] = [CaseStatus.OPENED, CaseStatus.UNDER_INVESTIGATION, CaseStatus.PENALTY_DECIDED];
export const PENALISED_STATUSES: readonly CaseStatus[] = [CaseStatus.PENALTY_DECIDED, CaseStatus.FINAL, CaseStatus.CLOSED];

export enum FinePayer {
  PERSON = "PERSON",
  UNDERTAKING = "UNDERTAKING",
}
registerEnumType(FinePayer, {
  name: "FinePayer",
  description: "ENF-R15 (LD art. 125): the person punished, or the undertaking ordered to pay a fine of at most CHF 100,000.",
  valuesConfig: {
    PERSON: { description: "The person punished, one of the case's suspects." },
    UNDERTAKING: { description: "ENF-R15 (LD art. 125): the undertaking in whose business the offence was committed, ordered to pay instead of the persons responsible; at most CHF 100,000." },
  },
});

export enum CasePartyRole {
  SUSPECT = "SUSPECT",
  UNDERTAKING = "UNDERTAKING",
}

export enum CaseLinkKind {
  DECLARATION = "DECLARATION",
  LOT = "LOT",
  PLEDGE = "PLEDGE",
}

export enum LeadSource {
  LOT_RELEASED_WITHOUT_DECLARATION = "LOT_RELEASED_WITHOUT_DECLARATION",
}
registerEnumType(LeadSource, {
  name: "LeadSource",
  description: "What raised a lead: X16, a lot released from a warehouse without a declaration (LD art. 69 let. d; DOMAIN.md §6.4, a possible case, not opened automatically).",
  valuesConfig: {
    LOT_RELEASED_WITHOUT_DECLARATION: { description: "X16 (warehousing): a lot left a warehouse or free deposit without a declaration (LD art. 69 let. d)." },
  },
});

export enum LeadStatus {
  OPEN = "OPEN",
  CASE_OPENED = "CASE_OPENED",
  DISMISSED = "DISMISSED",
}
registerEnumType(LeadStatus, {
  name: "LeadStatus",
  description: "A lead is turned into one case, or dismissed with a reason.",
  valuesConfig: {
    OPEN: { description: "Waits for an enforcement officer to open a case from it or dismiss it." },
    CASE_OPENED: { description: "A case was opened from it (`Lead.offenceCase`); a lead gives one case at most." },
    DISMISSED: { description: "Not an offence, dismissed with a reason (`dismissalReason`)." },
  },
});

export enum SeizureKind {
  SMUGGLED_GOODS = "SMUGGLED_GOODS",
  OFFENCE_INSTRUMENT = "OFFENCE_INSTRUMENT",
  EVIDENCE = "EVIDENCE",
}
registerEnumType(SeizureKind, {
  name: "SeizureKind",
  description: "What is seized and why.",
  valuesConfig: {
    SMUGGLED_GOODS: { description: "ENF-R20 (LD art. 83 para. 3): goods presumed smuggled, sequestered as customs pledge (X21)." },
    OFFENCE_INSTRUMENT: { description: "ENF-R20 (LD art. 82 para. 1 let. b): goods and things used to commit an offence, subject to the customs pledge (X21)." },
    EVIDENCE: { description: "ENF-R04 (LD art. 104): objects and values likely to be confiscated, sequestered as evidence and forwarded immediately to the competent authority." },
  },
});

export enum SeizureStatus {
  HELD = "HELD",
  PLEDGED = "PLEDGED",
  FORWARDED = "FORWARDED",
}
registerEnumType(SeizureStatus, {
  name: "SeizureStatus",
  description: "HELD by the administration; PLEDGED: handed to debt as customs pledge (X21); FORWARDED to the competent authority (LD art. 104 para. 2).",
  valuesConfig: {
    HELD: { description: "Evidence held by the administration until forwarded (LD art. 104)." },
    PLEDGED: { description: "Handed to the debt subgraph as a sequestered customs pledge (X21; LD art. 82-83)." },
    FORWARDED: { description: "Evidence forwarded to the competent authority (LD art. 104 para. 2)." },
  },
});

export enum ProhibitionGrounds {
  LACKS_SKILLS = "LACKS_SKILLS",
  BREACH_OF_CUSTOMS_LAW = "BREACH_OF_CUSTOMS_LAW",
}
registerEnumType(ProhibitionGrounds, {
  name: "ProhibitionGrounds",
  description: "ENF-R05 (LD art. 109 para. 2): the person lacks the required skills, or breached customs law.",
  valuesConfig: {
    LACKS_SKILLS: { description: "The person lacks the skills a professional declarant needs (LD art. 109 para. 1-2)." },
    BREACH_OF_CUSTOMS_LAW: { description: "The person breached customs law; DESIGN CHOICE: the decision names a case in which a penalty was decided against it." },
  },
});

export enum ProhibitionScope {
  DECLARATIONS = "DECLARATIONS",
  OTHER_ACTIVITIES = "OTHER_ACTIVITIES",
}
registerEnumType(ProhibitionScope, {
  name: "ProhibitionScope",
  description: "ENF-R05 (LD art. 109 para. 2): making declarations professionally, or carrying out other activities in the customs procedure.",
  valuesConfig: {
    DECLARATIONS: { description: "Making customs declarations professionally: declarations refuses the partner's or the personal number's professional declarations (X25)." },
    OTHER_ACTIVITIES: { description: "Carrying out other activities in the customs procedure." },
  },
});

export enum ProhibitionStatus {
  PENDING = "PENDING",
  ACTIVE = "ACTIVE",
  EXPIRED = "EXPIRED",
  LIFTED = "LIFTED",
}
registerEnumType(ProhibitionStatus, {
  name: "ProhibitionStatus",
  description: "DOMAIN.md §6.2, at the instant asked: PENDING before validFrom, ACTIVE, EXPIRED after a fixed term, LIFTED (DESIGN CHOICE, not in sources).",
  valuesConfig: {
    PENDING: { description: "Decided, but `validFrom` is still to come." },
    ACTIVE: { description: "In force: from `validFrom` until `validUntil` (exclusive), or indefinitely." },
    EXPIRED: { description: "A fixed term that has ended." },
    LIFTED: { description: "Lifted before its end, with a reason, or annulled on appeal (DESIGN CHOICE, not in sources)." },
  },
});

export enum ReferralStatus {
  RAISED = "RAISED",
  AUTHORISATION_WITHDRAWN = "AUTHORISATION_WITHDRAWN",
  DISMISSED = "DISMISSED",
  CANCELLED = "CANCELLED",
}
registerEnumType(ReferralStatus, {
  name: "ReferralStatus",
  description: "ENF-R06: RAISED for the DGD to decide in identity (X24); AUTHORISATION_WITHDRAWN or DISMISSED as identity reports the DGD's decision (WithdrawalReferralDecided); CANCELLED by enforcement before a decision.",
  valuesConfig: {
    RAISED: { description: "Waits for the DGD's decision in identity (X24); one open referral per partner." },
    AUTHORISATION_WITHDRAWN: { description: "The DGD withdrew the partner's e-dec/NCTS authorisation (OD-AFD art. 9 let. c), as identity reported." },
    DISMISSED: { description: "The DGD kept the authorisation, as identity reported." },
    CANCELLED: { description: "Cancelled by an anti-fraud officer before the DGD decided; another may be raised." },
  },
});

export enum AppealableDecision {
  PENALTY = "PENALTY",
  PROHIBITION = "PROHIBITION",
  ASSISTANCE = "ASSISTANCE",
}
registerEnumType(AppealableDecision, {
  name: "AppealableDecision",
  description: "ENF-R22, ENF-R23: the enforcement decisions open to appeal: a penalty decision, a professional declarant prohibition, the final decision of an administrative assistance procedure.",
  valuesConfig: {
    PENALTY: { description: "A penalty decision (the id is the case's), appealed to the DGD (LD art. 116)." },
    PROHIBITION: { description: "A professional declarant prohibition, appealed to the DGD (LD art. 116)." },
    ASSISTANCE: { description: "The final decision of an administrative assistance procedure, appealed to the Federal Administrative Tribunal (LD art. 115i para. 3)." },
  },
});

export enum AppealInstance {
  DGD = "DGD",
  FEDERAL_ADMINISTRATIVE_TRIBUNAL = "FEDERAL_ADMINISTRATIVE_TRIBUNAL",
}
registerEnumType(AppealInstance, {
  name: "EnforcementAppealInstance",
  description: "ENF-R23 (LD art. 116 para. 1bis): first-instance decisions of a district directorate (its anti-fraud section) go to the DGD; ENF-R22 (LD art. 115i para. 3): administrative assistance goes to the Federal Administrative Tribunal.",
  valuesConfig: {
    DGD: { description: "The Directorate General (DGD), for penalty decisions and prohibitions (LD art. 116 para. 1bis)." },
    FEDERAL_ADMINISTRATIVE_TRIBUNAL: { description: "The Federal Administrative Tribunal, for an assistance final decision (LD art. 115i para. 3); an anti-fraud officer records its judgment." },
  },
});

export enum AppealStatus {
  PENDING = "PENDING",
  DISMISSED = "DISMISSED",
  UPHELD = "UPHELD",
  FINE_REDUCED = "FINE_REDUCED",
}
registerEnumType(AppealStatus, {
  name: "EnforcementAppealStatus",
  description: "PENDING; DISMISSED (the decision stands); UPHELD (the decision is annulled); FINE_REDUCED (a penalty stands with a lower fine).",
  valuesConfig: {
    PENDING: { description: "Filed, not yet decided: a penalty decision does not become final, an assistance is not transmitted." },
    DISMISSED: { description: "The decision stands." },
    UPHELD: { description: "The decision is annulled: a case is investigated again, a prohibition lifted, an assistance refused." },
    FINE_REDUCED: { description: "For a penalty only: the decision stands with the lower fine `reducedFine`." },
  },
});

export enum AssistanceDirection {
  INBOUND = "INBOUND",
  OUTBOUND = "OUTBOUND",
}
registerEnumType(AssistanceDirection, {
  name: "AssistanceDirection",
  description: "ENF-R22 (LD art. 115a para. 1): requests from abroad that the administration carries out, and Swiss requests it files.",
  valuesConfig: {
    INBOUND: { description: "A foreign authority asks Switzerland." },
    OUTBOUND: { description: "The administration asks a foreign authority." },
  },
});

export enum AssistanceLanguage {
  DE = "DE",
  FR = "FR",
  IT = "IT",
  RM = "RM",
  EN = "EN",
  OTHER = "OTHER",
}
registerEnumType(AssistanceLanguage, {
  name: "AssistanceLanguage",
  description: "ENF-R22 (LD art. 115b para. 1): a foreign request is in a Swiss official language or in English.",
  valuesConfig: {
    DE: { description: "German, a Swiss official language." },
    FR: { description: "French, a Swiss official language." },
    IT: { description: "Italian, a Swiss official language." },
    RM: { description: "Romansh, a Swiss official language." },
    EN: { description: "English, accepted for foreign requests (LD art. 115b para. 1)." },
    OTHER: { description: "Any other language: a foreign request in it is INCOMPLETE until completed (LD art. 115b para. 2)." },
  },
});

export enum AssistanceProcedure {
  SIMPLIFIED = "SIMPLIFIED",
  ORDINARY = "ORDINARY",
  SIMPLIFIED_AND_ORDINARY = "SIMPLIFIED_AND_ORDINARY",
}
registerEnumType(AssistanceProcedure, {
  name: "AssistanceProcedure",
  description: "ENF-R22: SIMPLIFIED on the person's written consent (LD art. 115g para. 1-2), ORDINARY with a final decision (LD art. 115h), both when the consent covers only a part (LD art. 115g para. 3).",
  valuesConfig: {
    SIMPLIFIED: { description: "The person consented in writing to all: transmitted without a final decision (LD art. 115g para. 1-2)." },
    ORDINARY: { description: "No consent: a final decision is notified before anything is transmitted (LD art. 115h)." },
    SIMPLIFIED_AND_ORDINARY: { description: "Partial consent: simplified for the part consented, ordinary for the rest (LD art. 115g para. 3)." },
  },
});

export enum AssistanceStatus {
  INCOMPLETE = "INCOMPLETE",
  IN_PROGRESS = "IN_PROGRESS",
  FORWARDED = "FORWARDED",
  FINAL_DECISION_ISSUED = "FINAL_DECISION_ISSUED",
  TRANSMITTED = "TRANSMITTED",
  REFUSED = "REFUSED",
}
registerEnumType(AssistanceStatus, {
  name: "AssistanceStatus",
  description:
    "INCOMPLETE: the requesting authority was told in writing what is missing (LD art. 115b para. 2); IN_PROGRESS; FORWARDED to the authority competent under another act (LD art. 115a para. 2); FINAL_DECISION_ISSUED (LD art. 115h); TRANSMITTED to the requesting authority (LD art. 115g para. 2, 115h); REFUSED.",
  valuesConfig: {
    INCOMPLETE: { description: "The requesting authority was told in writing what to complete (LD art. 115b para. 2)." },
    IN_PROGRESS: { description: "Being carried out." },
    FORWARDED: { description: "Forwarded to the authority competent under another act (LD art. 115a para. 2)." },
    FINAL_DECISION_ISSUED: { description: "The final decision was notified to the person concerned; its appeal period runs (LD art. 115h, 115i)." },
    TRANSMITTED: { description: "Transmitted to the requesting authority." },
    REFUSED: { description: "Refused, or annulled by the Federal Administrative Tribunal on appeal." },
  },
});

export enum ConsentScope {
  FULL = "FULL",
  PARTIAL = "PARTIAL",
}
registerEnumType(ConsentScope, {
  name: "ConsentScope",
  description: "LD art. 115g para. 1, 3: consent to all, or only to part of, the information, documents, objects or assets requested.",
  valuesConfig: {
    FULL: { description: "Consent to everything requested: simplified procedure (LD art. 115g para. 1)." },
    PARTIAL: { description: "Consent to part only: the rest needs a final decision (LD art. 115g para. 3)." },
  },
});

export enum CooperationRefusalGround {
  PROFESSIONAL_SECRECY = "PROFESSIONAL_SECRECY",
  RIGHT_TO_REFUSE_TESTIMONY = "RIGHT_TO_REFUSE_TESTIMONY",
}
registerEnumType(CooperationRefusalGround, {
  name: "CooperationRefusalGround",
  description: "ENF-R22 (LD art. 115d para. 2): the person may refuse to cooperate under a professional secret or a right to refuse testimony.",
  valuesConfig: {
    PROFESSIONAL_SECRECY: { description: "A professional secret (LD art. 115d para. 2)." },
    RIGHT_TO_REFUSE_TESTIMONY: { description: "A right to refuse testimony (LD art. 115d para. 2)." },
  },
});

export enum PermitStatus {
  APPLIED = "APPLIED",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
}
registerEnumType(PermitStatus, {
  name: "PermitStatus",
  description: "ENF-R24 (LD art. 4 para. 2): an application to build near the customs border, and the administration's decision.",
  valuesConfig: {
    APPLIED: { description: "The owner applied; the Border Guard Corps has not decided." },
    GRANTED: { description: "Authorised, possibly with conditions that keep border surveillance free (LD art. 4 para. 1)." },
    REFUSED: { description: "Not authorised, with reasons." },
  },
});
