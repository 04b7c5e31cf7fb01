import { registerEnumType } from "type-graphql";

export enum FacilityKind {
  OPEN_CUSTOMS_WAREHOUSE = "OPEN_CUSTOMS_WAREHOUSE",
  CONSUMER_GOODS_WAREHOUSE = "CONSUMER_GOODS_WAREHOUSE",
  CUSTOMS_FREE_DEPOSIT = "CUSTOMS_FREE_DEPOSIT",
}
registerEnumType(FacilityKind, {
  name: "FacilityKind",
  description:
    "WH-R01 (LD art. 50): a customs warehouse is an open customs warehouse or a consumer goods warehouse; WH-R19 (LD art. 62): a customs free deposit is separated from the rest of the customs territory. Declined, with reason: WH-R30 (LD art. 17), airport duty-free shops and on-board catering stores, are authorised by the Department under conditions not in our sources and are not facilities here (DOMAIN.md §4.3 DESIGN CHOICE).",
});

export enum InventoryKeeper {
  OPERATOR = "OPERATOR",
  DEPOSITOR = "DEPOSITOR",
}
registerEnumType(InventoryKeeper, {
  name: "InventoryKeeper",
  description:
    "WH-R18 (LD art. 56): the operator or the depositor keeps a warehouse's inventory; WH-R23 (LD art. 66 para. 1): in a free deposit the operator, unless the authorisation moves the duty to the depositor.",
});

export enum AuthorisationStatus {
  APPLIED = "APPLIED",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
  REVOKED = "REVOKED",
}
registerEnumType(AuthorisationStatus, {
  name: "FacilityAuthorisationStatus",
  description: "DOMAIN.md §4.2 (LD art. 54, 64): APPLIED → GRANTED | REFUSED; REVOKED is a DESIGN CHOICE (the sources name no grounds): no goods enter after it, those stored stay under supervision until they leave.",
});

export enum LotStatus {
  DECLARED = "DECLARED",
  STORED = "STORED",
  EXIT_DECLARED = "EXIT_DECLARED",
  EXITED = "EXITED",
  EXITED_WITHOUT_DECLARATION = "EXITED_WITHOUT_DECLARATION",
  STORAGE_EXPIRED = "STORAGE_EXPIRED",
  DUTIES_DUE = "DUTIES_DUE",
  DESTROYED = "DESTROYED",
}
registerEnumType(LotStatus, {
  name: "LotStatus",
  description:
    "DOMAIN.md §4.2: DECLARED (entered, LD art. 51 para. 1, 53 para. 4, 65 para. 1) → STORED once in the inventory (OD-AFD art. 47, 50, 57a) → EXIT_DECLARED when declarations accepted its exit declaration (X15) → EXITED (LD art. 57, 67); EXITED_WITHOUT_DECLARATION (X16, LD art. 69 let. d); a consumer goods lot whose storage period ended is STORAGE_EXPIRED (X17) and, not placed within 60 days, DUTIES_DUE (LD art. 51 para. 3); DESTROYED (X18, LD art. 86 para. 1 let. a).",
});

export enum MovementKind {
  ENTRY = "ENTRY",
  EXIT = "EXIT",
  EXIT_WITHOUT_DECLARATION = "EXIT_WITHOUT_DECLARATION",
  TRANSFER_OUT = "TRANSFER_OUT",
  TRANSFER_IN = "TRANSFER_IN",
  DESTRUCTION = "DESTRUCTION",
}
registerEnumType(MovementKind, {
  name: "MovementKind",
  description: "What changed a facility's stock. Movements are appended, never changed, so the stock of any past instant can be read (WH-R11, WH-R16, WH-R18, WH-R23: the inventory).",
});

export enum HandlingKind {
  INSPECTION = "INSPECTION",
  SAMPLING = "SAMPLING",
  REPACKING = "REPACKING",
  MARKING = "MARKING",
}
registerEnumType(HandlingKind, {
  name: "HandlingKind",
  description:
    "WH-R18 (LD art. 56), WH-R22 (LD art. 65): the Federal Council sets the conditions for handling stored goods, not in our sources. DESIGN CHOICE: handling that keeps the goods' identity and mass is recorded for open customs warehouses and free deposits; a consumer goods warehouse stores bulk goods as admitted, without handling.",
});

export enum DestructionCause {
  ACCIDENT = "ACCIDENT",
  FORCE_MAJEURE = "FORCE_MAJEURE",
  WITH_AUTHORITIES_CONSENT = "WITH_AUTHORITIES_CONSENT",
}
registerEnumType(DestructionCause, { name: "DestructionCause", description: "WH-R28 (LD art. 86 para. 1 let. a): destruction by accident, force majeure or with the authorities' consent." });

export enum ExtensionDecision {
  PENDING = "PENDING",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
}
registerEnumType(ExtensionDecision, { name: "ExtensionDecision", description: "WH-R14 (LD art. 55 para. 2): customs decides a reasoned request." });
