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
  valuesConfig: {
    OPEN_CUSTOMS_WAREHOUSE: { description: "An open customs warehouse: the operator stores its own or others' goods not in free circulation, import duties are not fixed, storage time is unlimited (WH-R05, WH-R07; LD art. 51 para. 2 let. a, 53)." },
    CONSUMER_GOODS_WAREHOUSE: { description: "A consumer goods warehouse: only goods the administration admits, in bulk of at least 10,000 kg net, import duties fixed with a conditional payment obligation, stored two years, extendable to five (WH-R14, WH-R15; LD art. 51 para. 2 let. b, 55; OD-AFD art. 49)." },
    CUSTOMS_FREE_DEPOSIT: { description: "A customs free deposit (ZFL): premises separated from the rest of the customs territory, open to all on the same conditions, where goods bear no import duties and storage time is unlimited (WH-R19 to WH-R22; LD art. 62 to 65)." },
  },
});

export enum InventoryKeeper {
  OPERATOR = "OPERATOR",
  DEPOSITOR = "DEPOSITOR",
}
registerEnumType(InventoryKeeper, {
  name: "InventoryKeeper",
  description:
    "WH-R18 (LD art. 56): the operator or the depositor keeps a warehouse's inventory; WH-R23 (LD art. 66 para. 1): in a free deposit the operator, unless the authorisation moves the duty to the depositor.",
  valuesConfig: {
    OPERATOR: { description: "The operator keeps the inventory (the default; in a free deposit the law's rule, LD art. 66 para. 1)." },
    DEPOSITOR: { description: "The depositor keeps the inventory, as the authorisation provides (LD art. 56; LD art. 66 para. 1)." },
  },
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
  valuesConfig: {
    APPLIED: { description: "The operator applied; the district directorate or the DGD has not decided yet." },
    GRANTED: { description: "Granted (LD art. 54, 64): goods may be entered, within its charges and exclusions." },
    REFUSED: { description: "Refused, with the administration's reasons; no goods enter." },
    REVOKED: { description: "Revoked after a grant (DESIGN CHOICE: the sources name no grounds): no goods enter any more; those stored stay under supervision until they leave." },
  },
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
  valuesConfig: {
    DECLARED: { description: "Entered at the control office (LD art. 51 para. 1, 53 para. 4, 65 para. 1), not yet recorded in the inventory. Later statuses do not say whether the entry was made: inventoryRecordedAt does (OD-AFD art. 47)." },
    STORED: { description: "Recorded in the inventory (OD-AFD art. 47, 50, 57a), or stored without an inventory entry where none is required (free deposit goods that are not sensitive)." },
    EXIT_DECLARED: { description: "Declarations accepted a declaration taking the goods out (X15): placement under another procedure, transit or export; the goods may now leave." },
    EXITED: { description: "The goods left against the accepted exit declaration (LD art. 57, 67)." },
    EXITED_WITHOUT_DECLARATION: { description: "The goods left without a declaration (LD art. 69 let. d, X16): the customs debt arose when they left, or when this was discovered." },
    STORAGE_EXPIRED: { description: "Consumer goods warehouse only: the storage period ended (X17); the goods may still be placed under another procedure within 60 days (LD art. 51 para. 3)." },
    DUTIES_DUE: { description: "Consumer goods warehouse only: not placed under another procedure within 60 days of the end of storage, so the import duties are due (WH-R04, LD art. 51 para. 3)." },
    DESTROYED: { description: "Destroyed by accident, force majeure or with the authorities' consent (X18); remission may be requested (LD art. 86 para. 1 let. a)." },
  },
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
  valuesConfig: {
    ENTRY: { description: "The goods entered the facility (the lot's net mass added)." },
    EXIT: { description: "The goods left against an accepted exit declaration (net mass removed)." },
    EXIT_WITHOUT_DECLARATION: { description: "The goods were found gone without a declaration (LD art. 69 let. d; net mass removed)." },
    TRANSFER_OUT: { description: "Removed from the former depositor's position by a depositor transfer (LD art. 52 para. 2 let. b, 63 para. 2 let. b)." },
    TRANSFER_IN: { description: "Added to the new depositor's position by a depositor transfer." },
    DESTRUCTION: { description: "The goods were destroyed (LD art. 86 para. 1 let. a; net mass removed)." },
  },
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
  valuesConfig: {
    INSPECTION: { description: "The goods were inspected (e.g. cartons opened and closed again)." },
    SAMPLING: { description: "Samples were taken, without changing the recorded net mass (DESIGN CHOICE)." },
    REPACKING: { description: "The goods were repacked, keeping their identity and mass." },
    MARKING: { description: "The goods or their packages were marked or labelled." },
  },
});

export enum DestructionCause {
  ACCIDENT = "ACCIDENT",
  FORCE_MAJEURE = "FORCE_MAJEURE",
  WITH_AUTHORITIES_CONSENT = "WITH_AUTHORITIES_CONSENT",
}
registerEnumType(DestructionCause, { name: "DestructionCause", description: "WH-R28 (LD art. 86 para. 1 let. a): destruction by accident, force majeure or with the authorities' consent.",
  valuesConfig: {
    ACCIDENT: { description: "Destroyed by accident." },
    FORCE_MAJEURE: { description: "Destroyed by force majeure (fire, flood, ...)." },
    WITH_AUTHORITIES_CONSENT: { description: "Destroyed with the authorities' consent; the applicant bears the costs (OD-AFD art. 60)." },
  },
});

export enum ExtensionDecision {
  PENDING = "PENDING",
  GRANTED = "GRANTED",
  REFUSED = "REFUSED",
}
registerEnumType(ExtensionDecision, { name: "ExtensionDecision", description: "WH-R14 (LD art. 55 para. 2): customs decides a reasoned request.",
  valuesConfig: {
    PENDING: { description: "Requested, waiting for customs' decision; only one request at a time." },
    GRANTED: { description: "Granted: the lot's storage end moved to the requested date." },
    REFUSED: { description: "Refused, with customs' reasons; the storage end is unchanged." },
  },
});
