import { registerEnumType } from "type-graphql";

export enum SecondFactor {
  NONE = "NONE",
  MTAN = "MTAN",
  AUTHENTICATOR_APP = "AUTHENTICATOR_APP",
}
registerEnumType(SecondFactor, {
  name: "SecondFactor",
  description: "ID-R02 (ePortal step 1): mTAN by text message is recommended; an authenticator app is accepted.",
  valuesConfig: {
    NONE: { description: "No second factor yet: the user is REGISTERED and may not act for partners (ID-R02, DESIGN CHOICE)." },
    MTAN: { description: "mTAN by text message, the recommended second factor (ID-R02)." },
    AUTHENTICATOR_APP: { description: "An authenticator app, also accepted (ID-R02)." },
  },
});

export enum PortalUserStatus {
  REGISTERED = "REGISTERED",
  SECURED = "SECURED",
}
registerEnumType(PortalUserStatus, {
  name: "PortalUserStatus",
  description: "REGISTERED: CH-LOGIN registered in ePortal; SECURED: a second factor is set (ID-R02, ePortal step 1). DESIGN CHOICE: steps 2 to 5 need SECURED.",
  valuesConfig: {
    REGISTERED: { description: "The CH-LOGIN account is registered in ePortal, without a second factor (ID-R01)." },
    SECURED: { description: "A second factor is set (ID-R02): the user may take steps 2 to 5 (DESIGN CHOICE)." },
  },
});

export enum PartnerType {
  NATURAL_PERSON = "NATURAL_PERSON",
  LEGAL_ENTITY = "LEGAL_ENTITY",
  BRANCH = "BRANCH",
}
registerEnumType(PartnerType, {
  name: "PartnerType",
  description: "ID-R04 (ePortal step 2; LD art. 6 let. a): a natural person or a legal entity; ID-R07: a branch registered with its BER number.",
  valuesConfig: {
    NATURAL_PERSON: { description: "A natural person (ID-R04; LD art. 6 let. a)." },
    LEGAL_ENTITY: { description: "A legal entity: a company or an association (ID-R04; LD art. 6 let. a)." },
    BRANCH: { description: "A branch registered as a separate partner with its BER number; its code goes to the head office (ID-R07)." },
  },
});

export enum PartnerEntryMode {
  UID_REGISTER = "UID_REGISTER",
  MANUAL = "MANUAL",
}
registerEnumType(PartnerEntryMode, {
  name: "PartnerEntryMode", description: "ID-R05 (ePortal step 2): found in the UID register, or entered manually.",
  valuesConfig: {
    UID_REGISTER: { description: "Found in the UID register (or, for a branch, the BER) by name or UID (ID-R05)." },
    MANUAL: { description: "Entered by hand because the search found nothing (ID-R05); FOCBS checks the address by hand (ID-R06, DESIGN CHOICE)." },
  },
});

export enum PartnerStatus {
  ENTERED = "ENTERED",
  VERIFICATION_PENDING = "VERIFICATION_PENDING",
  ONBOARDED = "ONBOARDED",
}
registerEnumType(PartnerStatus, {
  name: "PartnerStatus",
  description: "ePortal steps 2-3. DESIGN CHOICE (the guide shows a status but lists no values): ENTERED, VERIFICATION_PENDING once the verification letter is sent, ONBOARDED once a code is redeemed.",
  valuesConfig: {
    ENTERED: { description: "Entered by a portal user; no verification letter sent yet." },
    VERIFICATION_PENDING: { description: "The verification letter with the onboarding code was sent (ID-R06); waiting for a user to redeem it." },
    ONBOARDED: { description: "A user redeemed the code and became the portal administrator (ID-R10): roles can be requested (ID-R13)." },
  },
});

export enum PortalRole {
  ADMINISTRATOR = "ADMINISTRATOR",
  DEPUTY = "DEPUTY",
  USER = "USER",
}
registerEnumType(PortalRole, {
  name: "PortalRole",
  description: "ID-R10, ID-R17 (ePortal steps 3-4): the redeemer of the onboarding code is ADMINISTRATOR; a DEPUTY has the same rights; a USER only reads.",
  valuesConfig: {
    ADMINISTRATOR: { description: "The user who redeemed the onboarding code, responsible for electronic dealings with FOCBS (ID-R10)." },
    DEPUTY: { description: "A deputy of the administrator, with the same rights (ID-R17)." },
    USER: { description: "A further user, who reads the partner but may not request roles, add users or manage API keys. ID-R18: partners that work through an interface need none." },
  },
});

export enum OnboardingCodeStatus {
  ISSUED = "ISSUED",
  REDEEMED = "REDEEMED",
  EXPIRED = "EXPIRED",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(OnboardingCodeStatus, {
  name: "OnboardingCodeStatus",
  description: "ID-R11, ID-R12 (ePortal step 3): valid 14 days; single use; a new code supersedes the unredeemed ones (DESIGN CHOICE).",
  valuesConfig: {
    ISSUED: { description: "Sent by letter, not yet redeemed and within its 14 days (ID-R11)." },
    REDEEMED: { description: "Redeemed: the redeemer became the administrator (ID-R10). A code is used once (DESIGN CHOICE)." },
    EXPIRED: { description: "Past its last valid moment, 23:59:59 Europe/Zurich on the 14th day after issue, unredeemed (ID-R11)." },
    SUPERSEDED: { description: "Replaced by a newer code before being redeemed (ID-R12, DESIGN CHOICE)." },
  },
});

export enum PartnerRoleType {
  AUTHORISED_CONSIGNEE = "AUTHORISED_CONSIGNEE",
  AUTHORISED_CONSIGNOR = "AUTHORISED_CONSIGNOR",
  FREIGHT = "FREIGHT",
  TRANSPORT = "TRANSPORT",
}
registerEnumType(PartnerRoleType, {
  name: "PartnerRoleType",
  description: "Business partner roles (ePortal step 4). ID-R19: FREIGHT and TRANSPORT are needed for Passar (DESIGN CHOICE: declarations need FREIGHT, transport functions TRANSPORT). The FOCBS catalogue has more roles; these four are the ones the sources name.",
  valuesConfig: {
    AUTHORISED_CONSIGNEE: { description: "Authorised consignee (ACee): opens API self-service when ACTIVE (ID-R21); simplified procedure of OD-AFD art. 38-41. Needs clarification by FOCBS by default (ROLES_NEEDING_CLARIFICATION)." },
    AUTHORISED_CONSIGNOR: { description: "Authorised consignor (ACor): opens API self-service when ACTIVE (ID-R21); simplified procedure of OD-AFD art. 38-41. Needs clarification by FOCBS by default (ROLES_NEEDING_CLARIFICATION)." },
    FREIGHT: { description: "Freight: needed for Passar goods declarations (ID-R19, DESIGN CHOICE) and opens API self-service when ACTIVE (ID-R21)." },
    TRANSPORT: { description: "Transport: needed for Passar transport functions (ID-R19, DESIGN CHOICE)." },
  },
});

export enum RoleStatus {
  REQUESTED = "REQUESTED",
  IN_CLARIFICATION = "IN_CLARIFICATION",
  ACTIVE = "ACTIVE",
  REJECTED = "REJECTED",
  REMOVED = "REMOVED",
}
registerEnumType(RoleStatus, {
  name: "RoleStatus",
  description: "ID-R15 (ePortal step 4): FOCBS releases a requested role at once or after clarification. REJECTED and REMOVED are DESIGN CHOICE.",
  valuesConfig: {
    REQUESTED: { description: "Requested by the administrator or a deputy, waiting for FOCBS (ID-R14, ID-R15)." },
    IN_CLARIFICATION: { description: "FOCBS asked a question before releasing; this can take a few days (ID-R15)." },
    ACTIVE: { description: "Released by FOCBS (ID-R15), at once or after clarification: the partner holds the role." },
    REJECTED: { description: "Refused by FOCBS, with the reason (DESIGN CHOICE, DOMAIN.md §2.2). The role can be requested again." },
    REMOVED: { description: "Removed by the administrator or a deputy (ID-R16). The role can be requested again." },
  },
});

export enum ApiSubscriptionStatus {
  ACTIVE = "ACTIVE",
  CANCELLED = "CANCELLED",
}
registerEnumType(ApiSubscriptionStatus, {
  name: "ApiSubscriptionStatus",
  description: "ID-R22 (ePortal step 5): whether a subscription to an API of the catalogue stands.",
  valuesConfig: {
    ACTIVE: { description: "The partner subscribes to the API and may create applications under it (ID-R22)." },
    CANCELLED: { description: "Reserved: no mutation cancels a subscription yet." },
  },
});

export enum ApiApplicationStatus {
  ACTIVE = "ACTIVE",
  DELETED = "DELETED",
}
registerEnumType(ApiApplicationStatus, {
  name: "ApiApplicationStatus", description: "ePortal step 5. DELETED is a DESIGN CHOICE: its keys stop working at once.",
  valuesConfig: {
    ACTIVE: { description: "The application and its current keys work." },
    DELETED: { description: "Deleted: its keys stopped working at once (DESIGN CHOICE)." },
  },
});

export enum CustomsSystem {
  EDEC = "EDEC",
  NCTS = "NCTS",
}
registerEnumType(CustomsSystem, {
  name: "CustomsSystem", description: "OD-AFD art. 8: the electronic systems e-dec and NCTS (Passar by analogy, DOMAIN.md §0.2).",
  valuesConfig: {
    EDEC: { description: "e-dec, for import and export declarations (OD-AFD art. 8; Passar by analogy)." },
    NCTS: { description: "NCTS, the New Computerised Transit System, for transit (and, under art. 8 para. 3, its \"Export\" interface)." },
  },
});

export enum AuthorisationScope {
  DOMESTIC = "DOMESTIC",
  FOREIGN_BORDER_REGION_IMPORT = "FOREIGN_BORDER_REGION_IMPORT",
  FOREIGN_JUXTAPOSED_OFFICE_EXPORT = "FOREIGN_JUXTAPOSED_OFFICE_EXPORT",
}
registerEnumType(AuthorisationScope, {
  name: "AuthorisationScope",
  description:
    "DOMESTIC: OD-AFD art. 8 para. 1 (seat or domicile in the customs territory). FOREIGN_BORDER_REGION_IMPORT: art. 8 para. 2 (e-dec, imports only). FOREIGN_JUXTAPOSED_OFFICE_EXPORT: art. 8 para. 3 (e-dec and NCTS Export, exports only).",
  valuesConfig: {
    DOMESTIC: { description: "OD-AFD art. 8 para. 1: seat or domicile in the customs territory; all four conditions let. a-d (ID-R25)." },
    FOREIGN_BORDER_REGION_IMPORT: { description: "OD-AFD art. 8 para. 2: seat in a border region of the foreign customs territory; e-dec for imports only, with a domicile for notifications in the customs territory and data access for the AFD (ID-R26)." },
    FOREIGN_JUXTAPOSED_OFFICE_EXPORT: { description: "OD-AFD art. 8 para. 3: seat abroad with premises in a juxtaposed national control office; e-dec and NCTS \"Export\" for exports, without the security condition (ID-R27)." },
  },
});

export enum AuthorisationStatus {
  APPLIED = "APPLIED",
  DOCUMENTS_COMPLETE = "DOCUMENTS_COMPLETE",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(AuthorisationStatus, {
  name: "AuthorisationStatus", description: "OD-AFD art. 8 para. 1 and 6, art. 9.",
  valuesConfig: {
    APPLIED: { description: "Applied for in writing (ID-R25, OD-AFD art. 8 para. 1); supporting documents outstanding." },
    DOCUMENTS_COMPLETE: { description: "The DGD received the last supporting document: it decides within 10 days (ID-R29, OD-AFD art. 8 para. 6)." },
    GRANTED: { description: "Granted, with a business number (ID-R29): the declarant must declare through these systems (ID-R30)." },
    REFUSED: { description: "Refused by the DGD, with the reason (ID-R29)." },
    WITHDRAWN: { description: "Withdrawn by the DGD on a ground of OD-AFD art. 9 (ID-R31)." },
  },
});

export enum WithdrawalGround {
  CONDITIONS_NO_LONGER_MET = "CONDITIONS_NO_LONGER_MET",
  CONDITIONS_NOT_COMPLIED_WITH = "CONDITIONS_NOT_COMPLIED_WITH",
  REPEATED_OFFENCES = "REPEATED_OFFENCES",
}
registerEnumType(WithdrawalGround, {
  name: "WithdrawalGround",
  description: "ID-R31 (OD-AFD art. 9 let. a-c): conditions no longer met; conditions and charges not complied with; repeated offences.",
  valuesConfig: {
    CONDITIONS_NO_LONGER_MET: { description: "OD-AFD art. 9 let. a: the person no longer meets the conditions." },
    CONDITIONS_NOT_COMPLIED_WITH: { description: "OD-AFD art. 9 let. b: the conditions and charges of the authorisation are not complied with." },
    REPEATED_OFFENCES: { description: "OD-AFD art. 9 let. c: repeated offences under federal law enforced by the AFD; closes the OPEN withdrawal referrals (ENF-R06)." },
  },
});

export enum AeoStatusValue {
  REQUESTED = "REQUESTED",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
}
registerEnumType(AeoStatusValue, {
  name: "AeoStatusValue", description: "ID-R36 (LD art. 42a): authorised economic operator status.",
  valuesConfig: {
    REQUESTED: { description: "Requested by the partner, waiting for the administration (LD art. 42a)." },
    GRANTED: { description: "Granted: all four criteria of LD art. 42a para. 1 let. a-d are met." },
    REFUSED: { description: "Refused, with the assessed criteria and the reason." },
  },
});

export enum WithdrawalReferralStatus {
  OPEN = "OPEN",
  WITHDRAWN = "WITHDRAWN",
  DISMISSED = "DISMISSED",
  CANCELLED = "CANCELLED",
}
registerEnumType(WithdrawalReferralStatus, {
  name: "WithdrawalReferralStatus",
  description:
    "ENF-R06 (OD-AFD art. 9 let. c), DESIGN CHOICE: OPEN until a DGD officer decides; WITHDRAWN when the DGD withdrew the holder's authorisation on the ground of repeated offences; DISMISSED when the DGD decided not to; CANCELLED when enforcement withdrew the referral before a decision.",
  valuesConfig: {
    OPEN: { description: "Received from enforcement, waiting for a DGD officer to decide (ENF-R06)." },
    WITHDRAWN: { description: "The DGD withdrew the holder's authorisation on the ground REPEATED_OFFENCES (OD-AFD art. 9 let. c)." },
    DISMISSED: { description: "The DGD decided not to withdraw, with the reason." },
    CANCELLED: { description: "Enforcement withdrew the referral before a decision." },
  },
});
