import { registerEnumType } from "type-graphql";

export enum Direction {
  IMPORT = "IMPORT",
  EXPORT = "EXPORT",
  TRANSIT = "TRANSIT",
}
registerEnumType(Direction, { name: "Direction", description: "LD art. 6 let. g-i: import, export, transit." });

export enum CustomsProcedure {
  FREE_CIRCULATION = "FREE_CIRCULATION",
  TRANSIT = "TRANSIT",
  CUSTOMS_WAREHOUSING = "CUSTOMS_WAREHOUSING",
  TEMPORARY_ADMISSION = "TEMPORARY_ADMISSION",
  INWARD_PROCESSING = "INWARD_PROCESSING",
  OUTWARD_PROCESSING = "OUTWARD_PROCESSING",
  EXPORT = "EXPORT",
}
registerEnumType(CustomsProcedure, { name: "CustomsProcedure", description: "LD art. 47 para. 2: the seven customs procedures." });

export enum CustomsDestination {
  CUSTOMS_PROCEDURE = "CUSTOMS_PROCEDURE",
  CUSTOMS_FREE_DEPOSIT = "CUSTOMS_FREE_DEPOSIT",
  RE_EXPORT = "RE_EXPORT",
  DESTRUCTION = "DESTRUCTION",
  ABANDONMENT = "ABANDONMENT",
}
registerEnumType(CustomsDestination, { name: "CustomsDestination", description: "LD art. 27: the customs destination the declarant chooses (DEC-R07, LD art. 25 para. 2)." });

export enum DeclarationChannel {
  EDEC = "EDEC",
  NCTS = "NCTS",
  EDEC_WEB = "EDEC_WEB",
  PASSAR_B2B = "PASSAR_B2B",
}
registerEnumType(DeclarationChannel, {
  name: "DeclarationChannel",
  description:
    "DEC-R13 (OD-AFD art. 6): electronic declarations via e-dec or NCTS (Passar B2B by analogy, DOMAIN.md §0.2), or e-dec web (DEC-R18, OD-AFD art. 20c). Paper, oral and green-lane declarations (DEC-R19 to DEC-R28) are part 2.",
});

export enum SummaryForm {
  PAPER = "PAPER",
  ELECTRONIC = "ELECTRONIC",
  VERBAL = "VERBAL",
}
registerEnumType(SummaryForm, { name: "SummaryForm", description: "DEC-R04 (OD-AFD art. 3; LD art. 24 para. 4): the form of the summary declaration; the office designates it." });

export enum PresentationStatus {
  PRESENTED = "PRESENTED",
  DECLARED = "DECLARED",
  RELEASED = "RELEASED",
  REMOVED = "REMOVED",
}
registerEnumType(PresentationStatus, { name: "PresentationStatus", description: "LD art. 24 para. 3: presented goods are in customs custody until released and removed." });

export enum DeclarationStatus {
  TRANSMITTED = "TRANSMITTED",
  RECEIVED = "RECEIVED",
  ACCEPTED = "ACCEPTED",
  REFUSED = "REFUSED",
  RESUBMISSION_OVERDUE = "RESUBMISSION_OVERDUE",
  EX_OFFICIO_TAXED = "EX_OFFICIO_TAXED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(DeclarationStatus, {
  name: "DeclarationStatus",
  description:
    "The lodging lifecycle (DOMAIN.md §3.2): TRANSMITTED (not presented until receipt, OD-AFD art. 12 para. 4), RECEIVED, ACCEPTED (summary control passed, OD-AFD art. 16), REFUSED (OD-AFD art. 20 para. 1), RESUBMISSION_OVERDUE, EX_OFFICIO_TAXED (OD-AFD art. 20 para. 3), WITHDRAWN (LD art. 34 para. 1). Selection, release, removal and taxation are separate facets with their own timestamps (DESIGN CHOICE, DOMAIN.md §3.2).",
});

export enum SelectionResult {
  BLOCKED = "BLOCKED",
  FREE_WITH = "FREE_WITH",
  FREE_WITHOUT = "FREE_WITHOUT",
  FREE_WITHOUT_ALAD = "FREE_WITHOUT_ALAD",
  FREE = "FREE",
}
registerEnumType(SelectionResult, {
  name: "SelectionResult",
  description: "DEC-R29 to DEC-R34 (OD-AFD art. 17, 17a): import BLOCKED / FREE_WITH / FREE_WITHOUT / FREE_WITHOUT_ALAD; export BLOCKED / FREE. The sources do not explain ALAD.",
});

export enum DocumentKind {
  DECLARATION_PRINTOUT = "DECLARATION_PRINTOUT",
  ACCOMPANYING = "ACCOMPANYING",
  PROOF_OF_ORIGIN = "PROOF_OF_ORIGIN",
  TRANSIT_DOCUMENT = "TRANSIT_DOCUMENT",
  PERMIT = "PERMIT",
  CERTIFICATE = "CERTIFICATE",
}
registerEnumType(DocumentKind, { name: "DocumentKind", description: "Documents a selection result requires (OD-AFD art. 17, 17a, 18)." });

export enum VerificationScope {
  FULL = "FULL",
  SAMPLE = "SAMPLE",
}
registerEnumType(VerificationScope, { name: "VerificationScope", description: "DEC-R46, DEC-R47 (LD art. 36, 37)." });

export enum TaxationKind {
  FINAL = "FINAL",
  PROVISIONAL = "PROVISIONAL",
  EX_OFFICIO = "EX_OFFICIO",
  AMENDED = "AMENDED",
}
registerEnumType(TaxationKind, { name: "TaxationKind", description: "LD art. 38, 39; OD-AFD art. 20 para. 3; LD art. 34 para. 3-4." });

export enum TaxationStatus {
  ISSUED = "ISSUED",
  CANCELLED = "CANCELLED",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(TaxationStatus, { name: "TaxationStatus", description: "OD-AFD art. 20a, 20b; LD art. 34 para. 4." });

export enum RateBasis {
  PER_100_KG_GROSS = "PER_100_KG_GROSS",
  PER_100_KG_NET = "PER_100_KG_NET",
  PER_UNIT = "PER_UNIT",
  AD_VALOREM_PERCENT = "AD_VALOREM_PERCENT",
}
registerEnumType(RateBasis, {
  name: "RateBasis",
  description: "How a tariff rate applies. Swiss duties are mostly specific, per 100 kg gross mass (background, not in sources).",
});

export enum ChangeGround {
  WRONG_PROCEDURE_BY_ERROR = "WRONG_PROCEDURE_BY_ERROR",
  CONDITIONS_MET_AT_ACCEPTANCE = "CONDITIONS_MET_AT_ACCEPTANCE",
}
registerEnumType(ChangeGround, { name: "ChangeGround", description: "DEC-R44 (LD art. 34 para. 4 let. a-b): the two grounds for a change of taxation." });

export enum ChangeRequestStatus {
  SUBMITTED = "SUBMITTED",
  GRANTED = "GRANTED",
  REJECTED = "REJECTED",
}
registerEnumType(ChangeRequestStatus, { name: "ChangeRequestStatus" });

export enum AppealInstance {
  DISTRICT_DIRECTORATE = "DISTRICT_DIRECTORATE",
  DGD = "DGD",
}
registerEnumType(AppealInstance, { name: "AppealInstance", description: "DEC-R60 (LD art. 116 para. 1): office decisions → district directorate; its first-instance decisions → DGD." });

export enum AppealStatus {
  FILED = "FILED",
  INADMISSIBLE_LATE = "INADMISSIBLE_LATE",
  DECIDED = "DECIDED",
}
registerEnumType(AppealStatus, { name: "AppealStatus" });
