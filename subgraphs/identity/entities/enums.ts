import { registerEnumType } from "type-graphql";

export enum SecondFactor {
  NONE = "NONE",
  MTAN = "MTAN",
  AUTHENTICATOR_APP = "AUTHENTICATOR_APP",
}
registerEnumType(SecondFactor, {
  name: "SecondFactor",
  description: "ID-R02 (ePortal step 1): mTAN by text message is recommended; an authenticator app is accepted.",
});

export enum PortalUserStatus {
  REGISTERED = "REGISTERED",
  SECURED = "SECURED",
}
registerEnumType(PortalUserStatus, {
  name: "PortalUserStatus",
  description: "REGISTERED: CH-LOGIN registered in ePortal; SECURED: a second factor is set (ID-R02, ePortal step 1). DESIGN CHOICE: steps 2 to 5 need SECURED.",
});

export enum PartnerType {
  NATURAL_PERSON = "NATURAL_PERSON",
  LEGAL_ENTITY = "LEGAL_ENTITY",
  BRANCH = "BRANCH",
}
registerEnumType(PartnerType, {
  name: "PartnerType",
  description: "ID-R04 (ePortal step 2; LD art. 6 let. a): a natural person or a legal entity; ID-R07: a branch registered with its BER number.",
});

export enum PartnerEntryMode {
  UID_REGISTER = "UID_REGISTER",
  MANUAL = "MANUAL",
}
registerEnumType(PartnerEntryMode, { name: "PartnerEntryMode", description: "ID-R05 (ePortal step 2): found in the UID register, or entered manually." });

export enum PartnerStatus {
  ENTERED = "ENTERED",
  VERIFICATION_PENDING = "VERIFICATION_PENDING",
  ONBOARDED = "ONBOARDED",
}
registerEnumType(PartnerStatus, {
  name: "PartnerStatus",
  description: "ePortal steps 2-3. DESIGN CHOICE (the guide shows a status but lists no values): ENTERED, VERIFICATION_PENDING once the verification letter is sent, ONBOARDED once a code is redeemed.",
});

export enum PortalRole {
  ADMINISTRATOR = "ADMINISTRATOR",
  DEPUTY = "DEPUTY",
  USER = "USER",
}
registerEnumType(PortalRole, {
  name: "PortalRole",
  description: "ID-R10, ID-R17 (ePortal steps 3-4): the redeemer of the onboarding code is ADMINISTRATOR; a DEPUTY has the same rights; a USER only reads.",
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
});

export enum ApiSubscriptionStatus {
  ACTIVE = "ACTIVE",
  CANCELLED = "CANCELLED",
}
registerEnumType(ApiSubscriptionStatus, { name: "ApiSubscriptionStatus" });

export enum ApiApplicationStatus {
  ACTIVE = "ACTIVE",
  DELETED = "DELETED",
}
registerEnumType(ApiApplicationStatus, { name: "ApiApplicationStatus", description: "ePortal step 5. DELETED is a DESIGN CHOICE: its keys stop working at once." });

export enum CustomsSystem {
  EDEC = "EDEC",
  NCTS = "NCTS",
}
registerEnumType(CustomsSystem, { name: "CustomsSystem", description: "OD-AFD art. 8: the electronic systems e-dec and NCTS (Passar by analogy, DOMAIN.md §0.2)." });

export enum AuthorisationScope {
  DOMESTIC = "DOMESTIC",
  FOREIGN_BORDER_REGION_IMPORT = "FOREIGN_BORDER_REGION_IMPORT",
  FOREIGN_JUXTAPOSED_OFFICE_EXPORT = "FOREIGN_JUXTAPOSED_OFFICE_EXPORT",
}
registerEnumType(AuthorisationScope, {
  name: "AuthorisationScope",
  description:
    "DOMESTIC: OD-AFD art. 8 para. 1 (seat or domicile in the customs territory). FOREIGN_BORDER_REGION_IMPORT: art. 8 para. 2 (e-dec, imports only). FOREIGN_JUXTAPOSED_OFFICE_EXPORT: art. 8 para. 3 (e-dec and NCTS Export, exports only).",
});

export enum AuthorisationStatus {
  APPLIED = "APPLIED",
  DOCUMENTS_COMPLETE = "DOCUMENTS_COMPLETE",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(AuthorisationStatus, { name: "AuthorisationStatus", description: "OD-AFD art. 8 para. 1 and 6, art. 9." });

export enum WithdrawalGround {
  CONDITIONS_NO_LONGER_MET = "CONDITIONS_NO_LONGER_MET",
  CONDITIONS_NOT_COMPLIED_WITH = "CONDITIONS_NOT_COMPLIED_WITH",
  REPEATED_OFFENCES = "REPEATED_OFFENCES",
}
registerEnumType(WithdrawalGround, {
  name: "WithdrawalGround",
  description: "ID-R31 (OD-AFD art. 9 let. a-c): conditions no longer met; conditions and charges not complied with; repeated offences.",
});

export enum AeoStatusValue {
  REQUESTED = "REQUESTED",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
}
registerEnumType(AeoStatusValue, { name: "AeoStatusValue", description: "ID-R36 (LD art. 42a): authorised economic operator status." });

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
});
