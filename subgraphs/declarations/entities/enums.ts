import { registerEnumType } from "type-graphql";

export enum Direction {
  IMPORT = "IMPORT",
  EXPORT = "EXPORT",
  TRANSIT = "TRANSIT",
}
registerEnumType(Direction, {
  name: "Direction",
  description: "LD art. 6 let. g-i: import, export, transit.",
  valuesConfig: {
    IMPORT: { description: "Goods brought into the customs territory (LD art. 6 let. g)." },
    EXPORT: { description: "Goods taken out of the customs territory (LD art. 6 let. h)." },
    TRANSIT: { description: "Goods carried through the customs territory (LD art. 6 let. i)." },
  },
});

export enum CustomsProcedure {
  FREE_CIRCULATION = "FREE_CIRCULATION",
  TRANSIT = "TRANSIT",
  CUSTOMS_WAREHOUSING = "CUSTOMS_WAREHOUSING",
  TEMPORARY_ADMISSION = "TEMPORARY_ADMISSION",
  INWARD_PROCESSING = "INWARD_PROCESSING",
  OUTWARD_PROCESSING = "OUTWARD_PROCESSING",
  EXPORT = "EXPORT",
}
registerEnumType(CustomsProcedure, {
  name: "CustomsProcedure",
  description:
    "LD art. 47 para. 2: the seven customs procedures (DEC-R65). FREE_CIRCULATION (DEC-R66, LD art. 48): the import duties are fixed by the taxation decision, non-customs acts applied whatever the selection (DEC-R33); returned domestic goods may be duty-free (DEC-R77). TRANSIT, TEMPORARY_ADMISSION, INWARD_PROCESSING, OUTWARD_PROCESSING and EXPORT are followed by a ProcedureCase to their discharge (DEC-R67 to DEC-R76); CUSTOMS_WAREHOUSING belongs to the warehousing subgraph.",
  valuesConfig: {
    FREE_CIRCULATION: { description: "Release for free circulation (DEC-R66, LD art. 48): the goods obtain the status of domestic goods." },
    TRANSIT: { description: "Transit (DEC-R67 to DEC-R71, LD art. 49): carried unchanged through the territory under a time limit." },
    CUSTOMS_WAREHOUSING: { description: "Customs warehousing (LD art. 50-57): followed by the warehousing subgraph." },
    TEMPORARY_ADMISSION: { description: "Temporary admission (DEC-R72, LD art. 58): conditional duties until the goods go back." },
    INWARD_PROCESSING: { description: "Inward processing (DEC-R73, LD art. 59), under a processing authorisation." },
    OUTWARD_PROCESSING: { description: "Outward processing (DEC-R74, LD art. 60), under a processing authorisation." },
    EXPORT: { description: "The export regime (DEC-R76, LD art. 61): goods in free circulation leaving for abroad or a duty-free shop." },
  },
});

export enum CustomsDestination {
  CUSTOMS_PROCEDURE = "CUSTOMS_PROCEDURE",
  CUSTOMS_FREE_DEPOSIT = "CUSTOMS_FREE_DEPOSIT",
  RE_EXPORT = "RE_EXPORT",
  DESTRUCTION = "DESTRUCTION",
  ABANDONMENT = "ABANDONMENT",
}
registerEnumType(CustomsDestination, {
  name: "CustomsDestination",
  description: "LD art. 27: the customs destination the declarant chooses (DEC-R07, LD art. 25 para. 2).",
  valuesConfig: {
    CUSTOMS_PROCEDURE: { description: "Placed under one of the seven customs procedures (LD art. 27 let. a)." },
    CUSTOMS_FREE_DEPOSIT: { description: "Placed in a customs free deposit (LD art. 27 let. b; warehousing subgraph)." },
    RE_EXPORT: { description: "Re-exported (LD art. 27 let. c)." },
    DESTRUCTION: { description: "Destroyed (LD art. 27 let. d)." },
    ABANDONMENT: { description: "Abandoned to the Confederation (LD art. 27 let. e)." },
  },
});

export enum DeclarationChannel {
  EDEC = "EDEC",
  NCTS = "NCTS",
  EDEC_WEB = "EDEC_WEB",
  PASSAR_B2B = "PASSAR_B2B",
  PAPER = "PAPER",
  VERBAL = "VERBAL",
  DECLARATION_BOX = "DECLARATION_BOX",
  GREEN_LANE = "GREEN_LANE",
  GREEN_VIEW = "GREEN_VIEW",
  GREEN_PLATE = "GREEN_PLATE",
  DECLARATION_PANEL = "DECLARATION_PANEL",
  RURAL_BORDER_ANNOUNCEMENT = "RURAL_BORDER_ANNOUNCEMENT",
}
registerEnumType(DeclarationChannel, {
  name: "DeclarationChannel",
  description:
    "DEC-R12 (LD art. 28): how the declaration was made, and so when it counts as accepted. Electronic (DEC-R13, OD-AFD art. 6): EDEC, NCTS, PASSAR_B2B (by analogy, DOMAIN.md §0.2), accepted when the summary control passes (DEC-R17, OD-AFD art. 16); EDEC_WEB, accepted by the office that received the printout with the goods (DEC-R18, OD-AFD art. 20c-20d). PAPER, only in the cases of OD-AFD art. 21, accepted on the office's date stamp and signature (DEC-R19, DEC-R22, OD-AFD art. 24 let. a); DECLARATION_BOX, tourist traffic goods, accepted when dropped in the box (DEC-R21, OD-AFD art. 23a, 24 let. b); VERBAL, accepted when made at the office (DEC-R24, DEC-R25, OD-AFD art. 25-26); GREEN_LANE on passage, GREEN_VIEW and DECLARATION_PANEL on crossing the customs border, GREEN_PLATE when the public transport leaves its last stop before the border (DEC-R26, DEC-R27, OD-AFD art. 27-35); RURAL_BORDER_ANNOUNCEMENT, accepted when complete at the office (DEC-R23, OD-AFD art. 24a).",
  valuesConfig: {
    EDEC: { description: "e-dec, the electronic system for imports and exports (DEC-R13, OD-AFD art. 6); accepted when the summary control passes (DEC-R17)." },
    NCTS: { description: "NCTS, the electronic transit and export system (DEC-R13, OD-AFD art. 6); accepted when the summary control passes (DEC-R17)." },
    EDEC_WEB: { description: "e-dec web: entered and printed by the declarant, accepted by the office that receives the printout with the goods (DEC-R18, OD-AFD art. 20c-20d)." },
    PASSAR_B2B: { description: "Passar through the B2B API, treated as e-dec/NCTS by analogy (DOMAIN.md §0.2, DESIGN CHOICE)." },
    PAPER: { description: "A paper declaration, only in the cases of OD-AFD art. 21 (DEC-R19); accepted on the office's date stamp and signature (DEC-R22)." },
    VERBAL: { description: "An oral declaration at the office (DEC-R24, OD-AFD art. 25), accepted when made (DEC-R25, OD-AFD art. 26)." },
    DECLARATION_BOX: { description: "Dropped in an authorised declaration box (DEC-R21, OD-AFD art. 23a), accepted when dropped (DEC-R22, OD-AFD art. 24 let. b)." },
    GREEN_LANE: { description: "Passage through the green lane (DEC-R26, DEC-R27, OD-AFD art. 27-28), accepted on passage." },
    GREEN_VIEW: { description: "A private vehicle with the green view sticker (OD-AFD art. 29-30), accepted on crossing the customs border." },
    GREEN_PLATE: { description: "Public transport with a green plate (OD-AFD art. 31-32), accepted when it leaves its last stop before the border." },
    DECLARATION_PANEL: { description: "A \"Nothing to declare\" panel (OD-AFD art. 33-35), accepted on crossing the customs border." },
    RURAL_BORDER_ANNOUNCEMENT: { description: "A rural border traffic advance announcement, which counts as the declaration (DEC-R23, OD-AFD art. 24a)." },
  },
});

/** The channels an office records for a person at the border; the electronic ones are lodged by the declarant. */
export const OFFICE_RECORDED_CHANNELS = [
  DeclarationChannel.PAPER,
  DeclarationChannel.VERBAL,
  DeclarationChannel.DECLARATION_BOX,
  DeclarationChannel.GREEN_LANE,
  DeclarationChannel.GREEN_VIEW,
  DeclarationChannel.GREEN_PLATE,
  DeclarationChannel.DECLARATION_PANEL,
  DeclarationChannel.RURAL_BORDER_ANNOUNCEMENT,
];

export enum PaperDeclarationCase {
  FREE_CIRCULATION_LISTED_GOODS = "FREE_CIRCULATION_LISTED_GOODS",
  TEMPORARY_ADMISSION = "TEMPORARY_ADMISSION",
  INWARD_PROCESSING_SIMPLIFIED = "INWARD_PROCESSING_SIMPLIFIED",
  EXPORT_LISTED_GOODS = "EXPORT_LISTED_GOODS",
  TOBACCO_EXPORT_TAX_RELIEF = "TOBACCO_EXPORT_TAX_RELIEF",
  EXCEPTIONAL_AUTHORISATION = "EXCEPTIONAL_AUTHORISATION",
}
registerEnumType(PaperDeclarationCase, {
  name: "PaperDeclarationCase",
  description:
    "DEC-R19 (OD-AFD art. 21): the only cases a paper declaration is allowed in. FREE_CIRCULATION_LISTED_GOODS: let. a, one of its 20 categories (`paperCategory`); TEMPORARY_ADMISSION: let. c; INWARD_PROCESSING_SIMPLIFIED: let. d, the simplified suspension or refund system; EXPORT_LISTED_GOODS: let. e, the let. a goods except no. 7-9, 15, 16 and 19; TOBACCO_EXPORT_TAX_RELIEF: let. f, manufactured tobacco (tariff 2402, 2403) with refund or suspension of tobacco tax; EXCEPTIONAL_AUTHORISATION: let. g, authorised by the DGD or a district directorate.",
  valuesConfig: {
    FREE_CIRCULATION_LISTED_GOODS: { description: "OD-AFD art. 21 let. a: free circulation of one of the 20 listed categories." },
    TEMPORARY_ADMISSION: { description: "OD-AFD art. 21 let. c: temporary admission." },
    INWARD_PROCESSING_SIMPLIFIED: { description: "OD-AFD art. 21 let. d: inward processing in the simplified suspension or refund procedure." },
    EXPORT_LISTED_GOODS: { description: "OD-AFD art. 21 let. e: export of the let. a goods, except no. 7-9, 15, 16 and 19." },
    TOBACCO_EXPORT_TAX_RELIEF: { description: "OD-AFD art. 21 let. f: export of manufactured tobacco with refund or suspension of the tobacco tax." },
    EXCEPTIONAL_AUTHORISATION: { description: "OD-AFD art. 21 let. g: an exceptional authorisation of the DGD or a district directorate." },
  },
});

export enum FormFilling {
  PRINTED = "PRINTED",
  HANDWRITTEN_INK = "HANDWRITTEN_INK",
  HANDWRITTEN_BALLPOINT = "HANDWRITTEN_BALLPOINT",
  HANDWRITTEN_OTHER = "HANDWRITTEN_OTHER",
}
registerEnumType(FormFilling, {
  name: "FormFilling",
  description: "DEC-R20 (OD-AFD art. 22 para. 2): a form filled in by hand is written in ink or ballpoint, in block letters.",
  valuesConfig: {
    PRINTED: { description: "Printed (typed or by computer)." },
    HANDWRITTEN_INK: { description: "By hand in ink, in block letters (allowed)." },
    HANDWRITTEN_BALLPOINT: { description: "By hand in ballpoint, in block letters (allowed)." },
    HANDWRITTEN_OTHER: { description: "By hand in anything else, e.g. pencil: refused (OD-AFD art. 22 para. 2)." },
  },
});

export enum OralDeclarationGoods {
  TOURIST_TRAFFIC_GOODS = "TOURIST_TRAFFIC_GOODS",
  ANNEX_C_MEANS_OF_TRANSPORT = "ANNEX_C_MEANS_OF_TRANSPORT",
  FOREIGN_TRAILER = "FOREIGN_TRAILER",
  FRONTIER_WATERS_FISH = "FRONTIER_WATERS_FISH",
}
registerEnumType(OralDeclarationGoods, {
  name: "OralDeclarationGoods",
  description:
    "DEC-R24 (OD-AFD art. 25 para. 1): the goods an oral declaration may cover: tourist traffic goods (let. a); registered means of transport for which Annex C of the Istanbul Convention of 26 June 1990 requires no declaration or security (let. b); foreign trailers temporarily admitted for cross-border transport (let. c, OD art. 34 para. 3); fresh fish caught in frontier waters (let. d, OD art. 26).",
  valuesConfig: {
    TOURIST_TRAFFIC_GOODS: { description: "Tourist traffic goods (OD-AFD art. 25 let. a)." },
    ANNEX_C_MEANS_OF_TRANSPORT: { description: "A registered means of transport for which Annex C of the Istanbul Convention requires no declaration or security (OD-AFD art. 25 let. b)." },
    FOREIGN_TRAILER: { description: "A foreign trailer temporarily admitted for cross-border transport (OD-AFD art. 25 let. c; OD art. 34 para. 3)." },
    FRONTIER_WATERS_FISH: { description: "Fresh fish caught in frontier waters (OD-AFD art. 25 let. d)." },
  },
});

export enum CrossingFacility {
  GREEN_LANE = "GREEN_LANE",
  GREEN_VIEW = "GREEN_VIEW",
  GREEN_PLATE = "GREEN_PLATE",
  PANEL_NOTHING_TO_DECLARE = "PANEL_NOTHING_TO_DECLARE",
  PANEL_GOODS_TO_REPORT = "PANEL_GOODS_TO_REPORT",
  DECLARATION_BOX = "DECLARATION_BOX",
}
registerEnumType(CrossingFacility, {
  name: "CrossingFacility",
  description:
    "The facilities whose use is the declaration, each authorised for an office or a road: GREEN_LANE by the district directorate (OD-AFD art. 27); GREEN_VIEW by the DGD (art. 29); GREEN_PLATE on public transport by the district directorate, also by announcements where plates cannot be fitted (art. 31); PANEL_NOTHING_TO_DECLARE (art. 34) and PANEL_GOODS_TO_REPORT, \"Nothing to declare/Goods to be reported\" (art. 35), by the district directorate (art. 33); DECLARATION_BOX by the district directorate (art. 23a).",
  valuesConfig: {
    GREEN_LANE: { description: "A green lane (OD-AFD art. 27-28), authorised by the district directorate." },
    GREEN_VIEW: { description: "The green view sticker for registered private vehicles (OD-AFD art. 29-30), authorised by the DGD." },
    GREEN_PLATE: { description: "A green plate on public transport, or another way of informing passengers (OD-AFD art. 31-32)." },
    PANEL_NOTHING_TO_DECLARE: { description: "A \"Nothing to declare\" panel (OD-AFD art. 33-34)." },
    PANEL_GOODS_TO_REPORT: { description: "A \"Nothing to declare / Goods to be reported\" panel, usable outside staffed hours (OD-AFD art. 35)." },
    DECLARATION_BOX: { description: "A declaration box for tourist traffic goods (DEC-R21, OD-AFD art. 23a)." },
  },
});

export enum ConveyanceKind {
  ON_FOOT = "ON_FOOT",
  PRIVATE_VEHICLE = "PRIVATE_VEHICLE",
  COMMERCIAL_VEHICLE = "COMMERCIAL_VEHICLE",
  PUBLIC_TRANSPORT = "PUBLIC_TRANSPORT",
}
registerEnumType(ConveyanceKind, {
  name: "ConveyanceKind",
  description: "How a traveller crosses (OD-AFD art. 30, 32, 34 para. 2, 35 para. 3).",
  valuesConfig: {
    ON_FOOT: { description: "On foot." },
    PRIVATE_VEHICLE: { description: "In a private vehicle (green view and panels need it registered under Annex C)." },
    COMMERCIAL_VEHICLE: { description: "In a commercial vehicle." },
    PUBLIC_TRANSPORT: { description: "On public transport (green plate, OD-AFD art. 32)." },
  },
});

export enum RuralGoodsType {
  RAW_SOIL_PRODUCTS = "RAW_SOIL_PRODUCTS",
  GRAPES = "GRAPES",
  WINE = "WINE",
}
registerEnumType(RuralGoodsType, {
  name: "RuralGoodsType",
  description: "DEC-R23 (OD-AFD art. 24a para. 1): the goods of a rural border traffic advance announcement.",
  valuesConfig: {
    RAW_SOIL_PRODUCTS: { description: "Raw soil products of the operator's land in the border area." },
    GRAPES: { description: "Grapes." },
    WINE: { description: "Wine." },
  },
});

export enum AnnouncementTransmission {
  FAX = "FAX",
  ELECTRONIC = "ELECTRONIC",
  HANDED_IN = "HANDED_IN",
  PHONE = "PHONE",
}
registerEnumType(AnnouncementTransmission, {
  name: "AnnouncementTransmission",
  description: "DEC-R23 (OD-AFD art. 24a para. 2, 5): an announcement is sent by fax, electronically or handed in; a change may also be made by phone (the office may ask for written confirmation).",
  valuesConfig: {
    FAX: { description: "Sent by fax." },
    ELECTRONIC: { description: "Sent electronically." },
    HANDED_IN: { description: "Handed in at the office." },
    PHONE: { description: "By phone: only for a change before the import (OD-AFD art. 24a para. 5); the office may ask for written confirmation." },
  },
});

export enum AnnouncementStatus {
  ANNOUNCED = "ANNOUNCED",
  IMPORTED = "IMPORTED",
}
registerEnumType(AnnouncementStatus, {
  name: "AnnouncementStatus",
  description: "DEC-R23 (OD-AFD art. 24a): where a rural border traffic advance announcement stands.",
  valuesConfig: {
    ANNOUNCED: { description: "Announced; the goods have not crossed yet." },
    IMPORTED: { description: "The office recorded the import, within one hour of the announced time or late." },
  },
});

export enum SimplifiedProcedure {
  AUTHORISED_CONSIGNEE = "AUTHORISED_CONSIGNEE",
  AUTHORISED_CONSIGNOR = "AUTHORISED_CONSIGNOR",
}
registerEnumType(SimplifiedProcedure, {
  name: "SimplifiedProcedure",
  description:
    "DEC-R61 to DEC-R64 (OD-AFD art. 38-41; LD art. 42 para. 1 let. a and d, DEC-R86): the simplified procedure of an authorised consignee (imports) or consignor (exports). DESIGN CHOICE (DOMAIN.md X02): the partner's active ePortal role AUTHORISED_CONSIGNEE or AUTHORISED_CONSIGNOR, as identity publishes it, stands for the status. Declined, with reason: the other simplifications of DEC-R86 (LD art. 42: waiving presentation or the summary declaration, periodic collective declarations, delegated tasks, agreed simplifications and pilot tests) are granted case by case under conditions not in our sources; the tourist traffic facilities of let. b are the channels GREEN_LANE to DECLARATION_PANEL.",
  valuesConfig: {
    AUTHORISED_CONSIGNEE: { description: "Authorised consignee (ACee, OD-AFD art. 38-41): declares at the control office by the 30th working day after presentation (DEC-R61)." },
    AUTHORISED_CONSIGNOR: { description: "Authorised consignor (ACor, OD-AFD art. 39-41)." },
  },
});

export enum ProcedureCaseStatus {
  OPEN = "OPEN",
  DISCHARGED = "DISCHARGED",
  NOT_DISCHARGED = "NOT_DISCHARGED",
  RELIEF_APPLIED = "RELIEF_APPLIED",
  RELIEF_GRANTED = "RELIEF_GRANTED",
  DUTIES_DUE = "DUTIES_DUE",
  REVOKED = "REVOKED",
}
registerEnumType(ProcedureCaseStatus, {
  name: "ProcedureCaseStatus",
  description:
    "DOMAIN.md §3.2: OPEN (conditional duties fixed) → DISCHARGED in time, or NOT_DISCHARGED when the time limit passed (X12: the duties fall due, LD art. 49 para. 3, 58 para. 3, 59 para. 4, 60 para. 4) → RELIEF_APPLIED within 60 days → RELIEF_GRANTED or DUTIES_DUE. The export regime: OPEN → DISCHARGED, or REVOKED (LD art. 61 para. 4); an export regime whose goods' transit was not discharged is REVOKED (LD art. 49 para. 3).",
  valuesConfig: {
    OPEN: { description: "Open: conditional duties fixed, the time limit running." },
    DISCHARGED: { description: "Discharged in time (DEC-R70, DEC-R72 to DEC-R74, DEC-R76): the conditional debt ends." },
    NOT_DISCHARGED: { description: "The time limit passed undischarged (X12): the duties become due unless relief is granted." },
    RELIEF_APPLIED: { description: "Relief applied for within 60 days of the time limit; the office decides." },
    RELIEF_GRANTED: { description: "Relief granted: identity and re-export or re-import proven; the duties end." },
    DUTIES_DUE: { description: "Relief refused or not applied for in time: the duties are due." },
    REVOKED: { description: "Export regime revoked, not discharged (DEC-R76, LD art. 61 para. 4)." },
  },
});

export enum Sealing {
  BY_CAPACITY = "BY_CAPACITY",
  BY_PACKAGE = "BY_PACKAGE",
}
registerEnumType(Sealing, {
  name: "Sealing",
  description: "DEC-R69 (OD-AFD art. 42): by capacity when the office recognised the means of transport as sealable, otherwise by package.",
  valuesConfig: {
    BY_CAPACITY: { description: "By capacity: the office recognised the means of transport as sealable." },
    BY_PACKAGE: { description: "By package: each package sealed." },
  },
});

export enum TransportMode {
  ROAD = "ROAD",
  RAIL = "RAIL",
  WATER = "WATER",
  AIR = "AIR",
  POST = "POST",
  PIPELINE = "PIPELINE",
}
registerEnumType(TransportMode, {
  name: "TransportMode",
  description:
    "DEC-R71 (LD art. 45): goods sent by pipeline are under transit until re-exported or placed under another procedure, without a time limit; the pipeline operator is the declarant. Declined, with reason: DEC-R87 (LD art. 44, 46): rail, boat, air and postal traffic and electrical energy follow Federal Council rules not in our sources, so they are recorded, not treated differently; the transport undertakings' duty to let the administration consult their documents is an obligation at the control, not a state of this system.",
  valuesConfig: {
    ROAD: { description: "By road." },
    RAIL: { description: "By rail." },
    WATER: { description: "By water." },
    AIR: { description: "By air." },
    POST: { description: "By post." },
    PIPELINE: { description: "By pipeline: deemed under transit until re-exported or placed under another procedure, no time limit (DEC-R71, LD art. 45)." },
  },
});

export enum DischargeMode {
  REACHED_FOREIGN_TERRITORY = "REACHED_FOREIGN_TERRITORY",
  ENTERED_FREE_DEPOSIT = "ENTERED_FREE_DEPOSIT",
  OTHER_PROCEDURE = "OTHER_PROCEDURE",
  FORCE_MAJEURE_ATTESTED = "FORCE_MAJEURE_ATTESTED",
  RE_EXPORTED = "RE_EXPORTED",
  RE_IMPORTED = "RE_IMPORTED",
  PROCESSED_PRODUCTS_EXPORTED = "PROCESSED_PRODUCTS_EXPORTED",
  DUTY_FREE_SHOP = "DUTY_FREE_SHOP",
  PLACED_UNDER_TRANSIT = "PLACED_UNDER_TRANSIT",
}
registerEnumType(DischargeMode, {
  name: "DischargeMode",
  description:
    "How a procedure ends in time. Transit (DEC-R70, OD-AFD art. 44-45): the goods reached the foreign customs territory or a customs free deposit, were placed under another procedure, or an accident or force majeure prevented the discharge (formal attestation). Temporary admission (DEC-R72, LD art. 58): re-exported, or re-imported for goods exported temporarily. Inward processing (DEC-R73, LD art. 59): the processed products exported. Outward processing (DEC-R74, LD art. 60): re-imported. Export regime (DEC-R76, LD art. 61 para. 3): foreign territory, a free deposit, a Swiss duty-free shop, or placed under transit. Any procedure: another procedure (DEC-R65, LD art. 47 para. 3).",
  valuesConfig: {
    REACHED_FOREIGN_TERRITORY: { description: "The goods reached the foreign customs territory (DEC-R70, DEC-R76)." },
    ENTERED_FREE_DEPOSIT: { description: "The goods entered a customs free deposit (DEC-R70, DEC-R76; X13 from warehousing)." },
    OTHER_PROCEDURE: { description: "The goods were placed under another customs procedure (DEC-R70; LD art. 47 para. 3)." },
    FORCE_MAJEURE_ATTESTED: { description: "An accident or force majeure prevented the discharge, with its formal attestation (OD-AFD art. 45)." },
    RE_EXPORTED: { description: "Temporarily admitted goods went back abroad in time (DEC-R72)." },
    RE_IMPORTED: { description: "Temporarily exported goods came back in time (DEC-R72, DEC-R74)." },
    PROCESSED_PRODUCTS_EXPORTED: { description: "The processed products were exported in time (DEC-R73, LD art. 59)." },
    DUTY_FREE_SHOP: { description: "Goods under the export regime reached a Swiss duty-free shop (DEC-R76, LD art. 61 para. 3)." },
    PLACED_UNDER_TRANSIT: { description: "Goods under the export regime were placed under transit (DEC-R76, LD art. 61 para. 3)." },
  },
});

export enum ReliefEvidence {
  OFFICIAL_ATTESTATION = "OFFICIAL_ATTESTATION",
  FOREIGN_TAXATION_DECISION = "FOREIGN_TAXATION_DECISION",
  EQUINE_PASSPORT = "EQUINE_PASSPORT",
  RE_IMPORT_DECLARATION = "RE_IMPORT_DECLARATION",
}
registerEnumType(ReliefEvidence, {
  name: "ReliefEvidence",
  description: "DEC-R70, DEC-R72 (OD-AFD art. 46, 52, 54 para. 3): the proof of identity of goods that left in time, an official attestation such as the foreign customs' taxation decision; for horses, the equine passport.",
  valuesConfig: {
    OFFICIAL_ATTESTATION: { description: "An official attestation of exit (OD-AFD art. 46, 52)." },
    FOREIGN_TAXATION_DECISION: { description: "The foreign customs taxation decision (OD-AFD art. 46)." },
    EQUINE_PASSPORT: { description: "A horse's equine passport (OD-AFD art. 54 para. 3)." },
    RE_IMPORT_DECLARATION: { description: "The declaration of the goods' re-import." },
  },
});

export enum AdmittedGoodsKind {
  GENERAL = "GENERAL",
  HORSE = "HORSE",
  MEANS_OF_TRANSPORT = "MEANS_OF_TRANSPORT",
}
registerEnumType(AdmittedGoodsKind, {
  name: "AdmittedGoodsKind",
  description:
    "DEC-R72 (OD-AFD art. 53-55): horses have a one-year time limit, extended once by at most a year, identified by the equine passport. A means of transport for the own use of a person domiciled abroad needs no declaration for up to a year (art. 55): no case is opened for it; MEANS_OF_TRANSPORT is for the others.",
  valuesConfig: {
    GENERAL: { description: "Goods in general: renewable extensions of at most a year (OD-AFD art. 53)." },
    HORSE: { description: "A horse: one year, extended once by at most a year, identified by its equine passport (OD-AFD art. 54)." },
    MEANS_OF_TRANSPORT: { description: "A means of transport for the own use of a person domiciled abroad (OD-AFD art. 55)." },
  },
});

export enum ProcessingKind {
  INWARD = "INWARD",
  OUTWARD = "OUTWARD",
}
registerEnumType(ProcessingKind, {
  name: "ProcessingKind",
  description: "DEC-R73, DEC-R74 (LD art. 59, 60).",
  valuesConfig: {
    INWARD: { description: "Inward processing (DEC-R73, LD art. 59)." },
    OUTWARD: { description: "Outward processing (DEC-R74, LD art. 60)." },
  },
});

export enum ProcessingSystem {
  SUSPENSION = "SUSPENSION",
  REFUND = "REFUND",
}
registerEnumType(ProcessingSystem, {
  name: "ProcessingSystem",
  description: "DEC-R73, DEC-R74 (LD art. 59 para. 2, 60 para. 2): duties fixed with a conditional payment obligation (SUSPENSION) or paid with a refund right (REFUND).",
  valuesConfig: {
    SUSPENSION: { description: "Suspension: duties fixed with a conditional payment obligation." },
    REFUND: { description: "Refund: duties paid, with a right to their refund." },
  },
});

export enum AuthorisationIssuer {
  DGD = "DGD",
  CUSTOMS_OFFICE = "CUSTOMS_OFFICE",
}
registerEnumType(AuthorisationIssuer, {
  name: "AuthorisationIssuer",
  description: "DEC-R75 (OD-AFD art. 56, 57): the DGD, or a customs office for the goods and processing in the annex.",
  valuesConfig: {
    DGD: { description: "The Directorate General of Customs (OD-AFD art. 56)." },
    CUSTOMS_OFFICE: { description: "A customs office, only for the goods and processing of the OD-AFD annex (art. 57)." },
  },
});

export enum ProcessingAnnexCategory {
  PRIVATE_GOODS_IMPROVEMENT = "PRIVATE_GOODS_IMPROVEMENT",
  COMMERCIAL_GOODS_REPAIR = "COMMERCIAL_GOODS_REPAIR",
  MACHINES_AND_SOFTWARE_CHANGES = "MACHINES_AND_SOFTWARE_CHANGES",
  MEANS_OF_TRANSPORT_BODYWORK = "MEANS_OF_TRANSPORT_BODYWORK",
}
registerEnumType(ProcessingAnnexCategory, {
  name: "ProcessingAnnexCategory",
  description:
    "DEC-R75 (OD-AFD art. 57 and annex): what a customs office authorises itself: private goods, any improvement; commercial goods, repair, restoration, surface work; machines, apparatus and software, changes and updates; means of transport, bodywork, conversion, fitting of accessories.",
  valuesConfig: {
    PRIVATE_GOODS_IMPROVEMENT: { description: "Private goods: any improvement (OD-AFD annex)." },
    COMMERCIAL_GOODS_REPAIR: { description: "Commercial goods: repair, restoration, surface work (OD-AFD annex)." },
    MACHINES_AND_SOFTWARE_CHANGES: { description: "Machines, apparatus, software: changes and updates (OD-AFD annex)." },
    MEANS_OF_TRANSPORT_BODYWORK: { description: "Means of transport: bodywork, conversion, fitting of accessories (OD-AFD annex)." },
  },
});

export enum ApplicationForm {
  OFFICIAL_FORM = "OFFICIAL_FORM",
  OWN_DOCUMENT = "OWN_DOCUMENT",
}
registerEnumType(ApplicationForm, {
  name: "ApplicationForm",
  description: "DEC-R75 (OD-AFD art. 56 para. 1): the downloadable form, or the applicant's own document with all its data.",
  valuesConfig: {
    OFFICIAL_FORM: { description: "The downloadable official form." },
    OWN_DOCUMENT: { description: "The applicant's own document, holding all the form's data." },
  },
});

export enum ApplicationSentBy {
  POST = "POST",
  FAX = "FAX",
  EMAIL = "EMAIL",
  HANDED_IN = "HANDED_IN",
}
registerEnumType(ApplicationSentBy, {
  name: "ApplicationSentBy",
  description: "DEC-R75 (OD-AFD art. 56 para. 3): applications to the DGD are signed and sent by post or fax.",
  valuesConfig: {
    POST: { description: "By post (allowed)." },
    FAX: { description: "By fax (allowed)." },
    EMAIL: { description: "By e-mail: an application to the DGD sent so is refused (APPLICATION_NOT_BY_POST_OR_FAX, OD-AFD art. 56 para. 3)." },
    HANDED_IN: { description: "Handed in: an application to the DGD made so is refused (APPLICATION_NOT_BY_POST_OR_FAX, OD-AFD art. 56 para. 3)." },
  },
});

export enum ExportRegimeStorage {
  OPEN_CUSTOMS_WAREHOUSE = "OPEN_CUSTOMS_WAREHOUSE",
  CUSTOMS_FREE_DEPOSIT = "CUSTOMS_FREE_DEPOSIT",
}
registerEnumType(ExportRegimeStorage, {
  name: "ExportRegimeStorage",
  description: "DEC-R14 (OD-AFD art. 6a): where goods placed under the export regime were then stored; their export is not declared via NCTS.",
  valuesConfig: {
    OPEN_CUSTOMS_WAREHOUSE: { description: "An open customs warehouse." },
    CUSTOMS_FREE_DEPOSIT: { description: "A customs free deposit." },
  },
});

export enum ReliefGround {
  RETURNED_DOMESTIC_GOODS = "RETURNED_DOMESTIC_GOODS",
  RETURNED_FOREIGN_GOODS = "RETURNED_FOREIGN_GOODS",
  CHANGE_OF_USE = "CHANGE_OF_USE",
}
registerEnumType(ReliefGround, {
  name: "ReliefGround",
  description:
    "DEC-R77 (LD art. 10): returned domestic goods; DEC-R78 (LD art. 11): foreign goods sent back to the sender abroad; DEC-R79 (LD art. 14 para. 4): a change to a use with higher duty. Declined, with reason: DEC-R80 (LD art. 15), agricultural products imported in the free period and still in trade when the quota period starts, owe the difference to the out-of-quota rate on a new declaration; the free and quota periods and the out-of-quota rates are set by the agricultural ordinances, which are not in our sources, and our tariff holds one rate per tariff number. DEC-R81 (LD art. 16): tourist traffic goods are carried by a person and not for trade (`forTrade` refuses them the traveller channels); the Federal Council's flat rates and exemptions for them are not in our sources, so they are taxed at the tariff.",
  valuesConfig: {
    RETURNED_DOMESTIC_GOODS: { description: "Returned domestic goods (DEC-R77, LD art. 10)." },
    RETURNED_FOREIGN_GOODS: { description: "Foreign goods returned to the sender abroad (DEC-R78, LD art. 11)." },
    CHANGE_OF_USE: { description: "A change of use to one with a different duty (DEC-R79, LD art. 14 para. 4-5)." },
  },
});

export enum ReturnReason {
  REFUSED_BY_CONSIGNEE = "REFUSED_BY_CONSIGNEE",
  CONTRACT_CANCELLED = "CONTRACT_CANCELLED",
  UNSOLD = "UNSOLD",
  DEFECT_FOUND_IN_PROCESSING = "DEFECT_FOUND_IN_PROCESSING",
  NOT_MARKETABLE_UNDER_SWISS_LAW = "NOT_MARKETABLE_UNDER_SWISS_LAW",
}
registerEnumType(ReturnReason, {
  name: "ReturnReason",
  description: "DEC-R78 (LD art. 11 para. 1-3): why foreign goods go back to the sender abroad.",
  valuesConfig: {
    REFUSED_BY_CONSIGNEE: { description: "Refused by the consignee (LD art. 11 para. 1)." },
    CONTRACT_CANCELLED: { description: "The contract was cancelled (LD art. 11 para. 1)." },
    UNSOLD: { description: "Unsold (LD art. 11 para. 1)." },
    DEFECT_FOUND_IN_PROCESSING: { description: "Re-exported because of a defect found during processing (LD art. 11 para. 2; no time limit in the source)." },
    NOT_MARKETABLE_UNDER_SWISS_LAW: { description: "Cannot be marketed under Swiss law (LD art. 11 para. 3; no time limit in the source)." },
  },
});

export enum SummaryForm {
  PAPER = "PAPER",
  ELECTRONIC = "ELECTRONIC",
  VERBAL = "VERBAL",
}
registerEnumType(SummaryForm, {
  name: "SummaryForm",
  description: "DEC-R04 (OD-AFD art. 3; LD art. 24 para. 4): the form of the summary declaration; the office designates it.",
  valuesConfig: {
    PAPER: { description: "On paper." },
    ELECTRONIC: { description: "Electronically (also the form for security purposes, OD-AFD art. 6b)." },
    VERBAL: { description: "Orally: tourist traffic goods only (LD art. 24 para. 4)." },
  },
});

export enum PresentationStatus {
  PRESENTED = "PRESENTED",
  DECLARED = "DECLARED",
  RELEASED = "RELEASED",
  REMOVED = "REMOVED",
}
registerEnumType(PresentationStatus, {
  name: "PresentationStatus",
  description: "LD art. 24 para. 3: presented goods are in customs custody until released and removed.",
  valuesConfig: {
    PRESENTED: { description: "In customs custody, awaiting the declaration (DEC-R06)." },
    DECLARED: { description: "Declared: a declaration for them was accepted." },
    RELEASED: { description: "Released (DEC-R56)." },
    REMOVED: { description: "Removed from customs custody (DEC-R58)." },
  },
});

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
  valuesConfig: {
    TRANSMITTED: { description: "Sent; not presented until the system confirms receipt (DEC-R16, OD-AFD art. 12 para. 4)." },
    RECEIVED: { description: "Receipt confirmed; awaiting the summary control." },
    ACCEPTED: { description: "Accepted (DEC-R17, OD-AFD art. 16): it binds the declarant (DEC-R42, LD art. 33); selection, release and taxation are facets of their own." },
    REFUSED: { description: "Refused for correction (DEC-R38, DEC-R40); resubmission due by the 10th working day." },
    RESUBMISSION_OVERDUE: { description: "Not resubmitted in time (OD-AFD art. 20 para. 2); the office may tax ex officio or extend." },
    EX_OFFICIO_TAXED: { description: "Taxed ex officio after a missed resubmission (DEC-R41, OD-AFD art. 20 para. 3)." },
    WITHDRAWN: { description: "Withdrawn by the declarant (DEC-R43, LD art. 34 para. 1)." },
  },
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
  valuesConfig: {
    BLOCKED: { description: "Import or export: printout and documents at the office; removal only after the office releases (OD-AFD art. 17 para. 2, 17a para. 2)." },
    FREE_WITH: { description: "Import: printout and accompanying documents to submit; deemed released (OD-AFD art. 17 para. 3)." },
    FREE_WITHOUT: { description: "Import: only transit documents, authorisations and certificates to submit; deemed released (OD-AFD art. 17 para. 4)." },
    FREE_WITHOUT_ALAD: { description: "Import: as FREE_WITHOUT (OD-AFD art. 17 para. 4; the sources do not explain ALAD)." },
    FREE: { description: "Export: deemed released, may be removed at once (OD-AFD art. 17a para. 3)." },
  },
});

export enum DocumentKind {
  DECLARATION_PRINTOUT = "DECLARATION_PRINTOUT",
  ACCOMPANYING = "ACCOMPANYING",
  PROOF_OF_ORIGIN = "PROOF_OF_ORIGIN",
  TRANSIT_DOCUMENT = "TRANSIT_DOCUMENT",
  PERMIT = "PERMIT",
  CERTIFICATE = "CERTIFICATE",
}
registerEnumType(DocumentKind, {
  name: "DocumentKind",
  description: "Documents a selection result requires (OD-AFD art. 17, 17a, 18).",
  valuesConfig: {
    DECLARATION_PRINTOUT: { description: "The printout of the declaration (OD-AFD art. 17 para. 2-3, 17a para. 2)." },
    ACCOMPANYING: { description: "The accompanying documents (OD-AFD art. 17, 17a)." },
    PROOF_OF_ORIGIN: { description: "A proof of origin customs must authenticate, before removal (DEC-R34, OD-AFD art. 17a para. 4)." },
    TRANSIT_DOCUMENT: { description: "The transit document (OD-AFD art. 17 para. 4)." },
    PERMIT: { description: "An import or export permit (OD-AFD art. 17 para. 4-5)." },
    CERTIFICATE: { description: "A certificate for non-customs federal acts (DEC-R33, OD-AFD art. 17 para. 5)." },
  },
});

export enum VerificationScope {
  FULL = "FULL",
  SAMPLE = "SAMPLE",
}
registerEnumType(VerificationScope, {
  name: "VerificationScope",
  description: "DEC-R46, DEC-R47 (LD art. 36, 37).",
  valuesConfig: {
    FULL: { description: "All the goods." },
    SAMPLE: { description: "A sample; the result holds for all goods of the sampled types (DEC-R47, LD art. 37 para. 1)." },
  },
});

export enum TaxationKind {
  FINAL = "FINAL",
  PROVISIONAL = "PROVISIONAL",
  EX_OFFICIO = "EX_OFFICIO",
  AMENDED = "AMENDED",
}
registerEnumType(TaxationKind, {
  name: "TaxationKind",
  description: "LD art. 38, 39; OD-AFD art. 20 para. 3; LD art. 34 para. 3-4.",
  valuesConfig: {
    FINAL: { description: "Final taxation (DEC-R52, LD art. 38)." },
    PROVISIONAL: { description: "Provisional taxation (DEC-R55, LD art. 39): becomes final if the documents are not supplied in time." },
    EX_OFFICIO: { description: "Ex officio, after a missed resubmission: imports at the highest rate and bases (DEC-R41, OD-AFD art. 20 para. 3)." },
    AMENDED: { description: "Amended after a granted change of taxation (DEC-R44, LD art. 34 para. 4)." },
  },
});

export enum TaxationStatus {
  ISSUED = "ISSUED",
  CANCELLED = "CANCELLED",
  SUPERSEDED = "SUPERSEDED",
}
registerEnumType(TaxationStatus, {
  name: "TaxationStatus",
  description: "OD-AFD art. 20a, 20b; LD art. 34 para. 4.",
  valuesConfig: {
    ISSUED: { description: "In force: notified when put online (DEC-R53)." },
    CANCELLED: { description: "Set aside with a notice (DEC-R54, OD-AFD art. 20b)." },
    SUPERSEDED: { description: "Replaced by an AMENDED decision (DEC-R44)." },
  },
});

export enum RateBasis {
  PER_100_KG_GROSS = "PER_100_KG_GROSS",
  PER_100_KG_NET = "PER_100_KG_NET",
  PER_UNIT = "PER_UNIT",
  AD_VALOREM_PERCENT = "AD_VALOREM_PERCENT",
}
registerEnumType(RateBasis, {
  name: "RateBasis",
  description: "How a tariff rate applies. Swiss duties are mostly specific, per 100 kg gross mass (background, not in sources).",
  valuesConfig: {
    PER_100_KG_GROSS: { description: "CHF per 100 kg gross mass." },
    PER_100_KG_NET: { description: "CHF per 100 kg net mass." },
    PER_UNIT: { description: "CHF per unit (the item's quantity)." },
    AD_VALOREM_PERCENT: { description: "A percentage of the declared value." },
  },
});

export enum ChangeGround {
  WRONG_PROCEDURE_BY_ERROR = "WRONG_PROCEDURE_BY_ERROR",
  CONDITIONS_MET_AT_ACCEPTANCE = "CONDITIONS_MET_AT_ACCEPTANCE",
}
registerEnumType(ChangeGround, {
  name: "ChangeGround",
  description: "DEC-R44 (LD art. 34 para. 4 let. a-b): the two grounds for a change of taxation.",
  valuesConfig: {
    WRONG_PROCEDURE_BY_ERROR: { description: "The goods were declared by error for the procedure stated (LD art. 34 para. 4 let. a)." },
    CONDITIONS_MET_AT_ACCEPTANCE: { description: "The conditions for the new taxation were met at acceptance and the goods are in the same state (LD art. 34 para. 4 let. b)." },
  },
});

export enum ChangeRequestStatus {
  SUBMITTED = "SUBMITTED",
  GRANTED = "GRANTED",
  REJECTED = "REJECTED",
}
registerEnumType(ChangeRequestStatus, {
  name: "ChangeRequestStatus",
  description: "DEC-R44 (LD art. 34 para. 3-4): where a request for a change of taxation stands.",
  valuesConfig: {
    SUBMITTED: { description: "Submitted within 30 days after the goods left custody; the office decides." },
    GRANTED: { description: "Granted: an AMENDED taxation decision supersedes the earlier one." },
    REJECTED: { description: "Rejected: the taxation stays." },
  },
});

export enum AppealInstance {
  DISTRICT_DIRECTORATE = "DISTRICT_DIRECTORATE",
  DGD = "DGD",
}
registerEnumType(AppealInstance, {
  name: "AppealInstance",
  description: "DEC-R60 (LD art. 116 para. 1): office decisions → district directorate; its first-instance decisions → DGD.",
  valuesConfig: {
    DISTRICT_DIRECTORATE: { description: "The district directorate: appeals against customs office decisions." },
    DGD: { description: "The DGD: appeals against a district directorate's first-instance decisions." },
  },
});

export enum AppealStatus {
  FILED = "FILED",
  INADMISSIBLE_LATE = "INADMISSIBLE_LATE",
  DECIDED = "DECIDED",
}
registerEnumType(AppealStatus, {
  name: "AppealStatus",
  description: "DEC-R60 (LD art. 116): where an appeal stands.",
  valuesConfig: {
    FILED: { description: "Filed in time; awaiting the decision." },
    INADMISSIBLE_LATE: { description: "Filed after the appeal deadline: recorded, not admissible." },
    DECIDED: { description: "Decided by the appeal instance, with its outcome." },
  },
});

/**
 * What a timeline entry records. The order is the tie order: entries at the same instant come
 * facts first, then deadlines, each in this order (the lifecycle's, DOMAIN.md §3.2).
 */
export enum DeclarationTimelineKind {
  GOODS_PRESENTED = "GOODS_PRESENTED",
  BORDER_CROSSED = "BORDER_CROSSED",
  TRANSMITTED = "TRANSMITTED",
  RESUBMITTED = "RESUBMITTED",
  RECEIPT_CONFIRMED = "RECEIPT_CONFIRMED",
  ACCEPTED = "ACCEPTED",
  SELECTION_COMMUNICATED = "SELECTION_COMMUNICATED",
  DOCUMENT_REQUIRED = "DOCUMENT_REQUIRED",
  DOCUMENT_SUBMITTED = "DOCUMENT_SUBMITTED",
  VERIFICATION_ORDERED = "VERIFICATION_ORDERED",
  VERIFIED = "VERIFIED",
  CORRECTED = "CORRECTED",
  REFUSED = "REFUSED",
  RESUBMISSION_OVERDUE = "RESUBMISSION_OVERDUE",
  WITHDRAWN = "WITHDRAWN",
  STATUS_CHANGED = "STATUS_CHANGED",
  INCORRECT_PARTICULARS_FOUND = "INCORRECT_PARTICULARS_FOUND",
  TAXED = "TAXED",
  TAXATION_DOWNLOADED = "TAXATION_DOWNLOADED",
  TAXATION_SECURED = "TAXATION_SECURED",
  TAXATION_FINALISED = "TAXATION_FINALISED",
  TAXATION_ABUSE_FOUND = "TAXATION_ABUSE_FOUND",
  TAXATION_CANCELLED = "TAXATION_CANCELLED",
  RELEASED = "RELEASED",
  REMOVED = "REMOVED",
  CHANGE_REQUESTED = "CHANGE_REQUESTED",
  DECLARATION_DUE = "DECLARATION_DUE",
  DOCUMENT_DUE = "DOCUMENT_DUE",
  RESUBMISSION_DUE = "RESUBMISSION_DUE",
  TAXATION_DOCUMENTS_DUE = "TAXATION_DOCUMENTS_DUE",
  REMOVAL_DUE = "REMOVAL_DUE",
  CHANGE_OF_TAXATION_DUE = "CHANGE_OF_TAXATION_DUE",
}
registerEnumType(DeclarationTimelineKind, {
  name: "DeclarationTimelineKind",
  description:
    "What a declaration's timeline entry records: a fact the subgraph kept (with its timestamp, or a change of status dated by the declaration's kept versions), or a deadline computed by the rules (as adapted by the office, T10). Entries at the same instant come facts first, then deadlines, each kind in the order listed here.",
  valuesConfig: {
    GOODS_PRESENTED: { description: "Fact: the goods were presented at the office and are in customs custody (DEC-R03, LD art. 24 para. 1-3)." },
    BORDER_CROSSED: { description: "Fact: the goods of a pre-declaration crossed the border (DEC-R11, OD-AFD art. 5 para. 3), or undeclared goods went through a crossing facility (DEC-R28)." },
    TRANSMITTED: { description: "Fact: the declarant transmitted the declaration; not presented until receipt is confirmed (DEC-R16, OD-AFD art. 12 para. 4; e-dec web: DEC-R18, OD-AFD art. 20c)." },
    RESUBMITTED: { description: "Fact: the corrected declaration came back after a refusal and was received (DEC-R40, OD-AFD art. 20 para. 2)." },
    RECEIPT_CONFIRMED: { description: "Fact: the system confirmed receipt; the declaration counts as presented (DEC-R16, OD-AFD art. 12 para. 4)." },
    ACCEPTED: { description: "Fact: the declaration was accepted at the moment its channel names (DEC-R17, OD-AFD art. 16; e-dec web DEC-R18; paper and box DEC-R22; oral DEC-R25; facilities DEC-R27; rural announcements DEC-R23)." },
    SELECTION_COMMUNICATED: { description: "Fact: the risk selection result was communicated (DEC-R29, OD-AFD art. 17 para. 1, 17a para. 1)." },
    DOCUMENT_REQUIRED: { description: "Fact: a document was required, by the selection result (DEC-R30 to DEC-R34, OD-AFD art. 17, 17a) or by the office (DEC-R45, LD art. 35)." },
    DOCUMENT_SUBMITTED: { description: "Fact: a required document was submitted by its identification mark (DEC-R35, OD-AFD art. 18)." },
    VERIFICATION_ORDERED: { description: "Fact: the office ordered a verification of the goods (DEC-R46, LD art. 36)." },
    VERIFIED: { description: "Fact: the verification's result was recorded, the basis of the taxation (DEC-R47, LD art. 37)." },
    CORRECTED: { description: "Fact: the office corrected the declaration's particulars (DEC-R39, LD art. 18 para. 2)." },
    REFUSED: { description: "Fact: the office refused the declaration for correction (DEC-R38, LD art. 32; DEC-R40, OD-AFD art. 20 para. 1)." },
    RESUBMISSION_OVERDUE: {
      description:
        "Fact, dated by the kept history: the declaration became RESUBMISSION_OVERDUE when the resubmission deadline in force passed without the corrected declaration (DEC-R40, OD-AFD art. 20 para. 2), so that the office may now tax the goods ex officio or extend the period (DEC-R41, OD-AFD art. 20 para. 3, the entry's rule and article). The cancellation of an ex officio taxation, which also returns to RESUBMISSION_OVERDUE, is its TAXATION_CANCELLED entry (DEC-R54, OD-AFD art. 20b).",
    },
    WITHDRAWN: {
      description:
        "Fact, dated by the kept history: the declarant withdrew the declaration while the goods were still presented and the office had neither found incorrect particulars nor ordered a verification (DEC-R43, LD art. 34 para. 1); one withdrawn before its acceptance had not yet bound the declarant (DEC-R42, LD art. 33). Its issued taxation falls with it (TAXATION_CANCELLED at the same instant).",
    },
    STATUS_CHANGED: {
      description:
        "Fact, dated by the kept history: a change of the declaration's status (DOMAIN.md §3.2) that no other entry of the same write states, with the rule and article of the move; e.g. the office's extension of a resubmission period that had already passed puts the declaration back to REFUSED (DEC-R40, OD-AFD art. 20 para. 2; allowing it after expiry is a DESIGN CHOICE, DOMAIN.md §3.2).",
    },
    INCORRECT_PARTICULARS_FOUND: {
      description: "Fact: the office found incorrect particulars, so that the declarant can no longer rectify or withdraw (DEC-R43, LD art. 34 para. 1 let. a), or found undeclared goods (DEC-R39, LD art. 18 para. 3); listed only when no refusal, correction or verification of the same instant says so already.",
    },
    TAXED: { description: "Fact: a taxation decision was established and notified by putting it online (DEC-R52, LD art. 38; DEC-R53, OD-AFD art. 20a); provisional (DEC-R55), ex officio (DEC-R41) or amended (DEC-R44)." },
    TAXATION_DOWNLOADED: { description: "Fact: the declarant downloaded the taxation decision (DEC-R53, OD-AFD art. 20a para. 1)." },
    TAXATION_SECURED: { description: "Fact: the duties of a provisional taxation were secured at the highest rate (DEC-R55, LD art. 39 para. 3)." },
    TAXATION_FINALISED: { description: "Fact: a provisional taxation became final, the documents not supplied in time (DEC-R55, LD art. 39 para. 4)." },
    TAXATION_ABUSE_FOUND: { description: "Fact: the office found abuse, so that CHF 5 or less is collected (DEC-R59, OD-AFD art. 58 para. 2)." },
    TAXATION_CANCELLED: { description: "Fact: the office set a taxation decision aside with a notice (DEC-R54, OD-AFD art. 20b)." },
    RELEASED: { description: "Fact: the goods were released by the office (DEC-R56, LD art. 40) or deemed released by a free selection result (DEC-R31, DEC-R32, DEC-R34; OD-AFD art. 17 para. 3-4, 17a para. 3)." },
    REMOVED: { description: "Fact: the goods left customs custody after release (DEC-R56, LD art. 40 para. 2)." },
    CHANGE_REQUESTED: { description: "Fact: the declarant asked for a change of taxation with a corrected declaration (DEC-R44, LD art. 34 para. 3)." },
    DECLARATION_DUE: { description: "Deadline: presented goods are declared by the business day after presentation (DEC-R06, OD-AFD art. 4), an authorised consignee's by the 30th working day (DEC-R61, OD-AFD art. 38)." },
    DOCUMENT_DUE: { description: "Deadline: a required document is due (DEC-R36, OD-AFD art. 19; DEC-R37, OD-AFD art. 19a; DEC-R45, LD art. 35; DEC-R63, OD-AFD art. 40)." },
    RESUBMISSION_DUE: { description: "Deadline: the corrected declaration is due by the 10th working day after the refusal, or as extended for fair reasons (DEC-R40, OD-AFD art. 20 para. 2)." },
    TAXATION_DOCUMENTS_DUE: { description: "Deadline: the missing documents of a provisional taxation are due by the office's deadline (DEC-R55, LD art. 39 para. 4)." },
    REMOVAL_DUE: { description: "Deadline: released goods are removed by the next business day after release, or as extended on request (DEC-R58, OD-AFD art. 37)." },
    CHANGE_OF_TAXATION_DUE: { description: "Deadline of a right: a change of taxation can be asked for until 30 days after the goods left custody (DEC-R44, LD art. 34 para. 3); passing it ends the right, it is never overdue." },
  },
});
