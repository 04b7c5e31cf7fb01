import { Decimal, ValidationError } from "../../kit";
import { CustomsDestination, CustomsProcedure, DeclarationChannel, Direction, ExportRegimeStorage, ReturnReason } from "../entities/enums";
import { refused } from "./errors";

/** A declaration's item as a declarant (or the office, correcting it) gives it. */
export interface ItemInput {
  tariffNumber: string;
  description: string;
  netMassKg: string;
  grossMassKg: string;
  quantity?: number | null;
  value: number;
  origin: string;
  quotaGoods?: boolean | null;
  nonCustomsActsApply?: boolean | null;
  permitReference?: string | null;
  proofOfOriginRequired?: boolean | null;
  /** DEC-R77 (LD art. 10): domestic goods coming back. */
  returnedGoods?: { exportedAt: Date; exportDeclarationNumber?: string | null; unchanged: boolean; defectFoundDuringProcessing?: boolean | null; returnedToOriginalSender: boolean } | null;
  /** DEC-R78 (LD art. 11): foreign goods going back to the sender abroad. */
  returnToSender?: { importedAt: Date; importDeclarationNumber?: string | null; reason: ReturnReason } | null;
  /** DEC-R79 (LD art. 14 para. 4): the taxed item whose use changes to one with higher duty. */
  changeOfUse?: { originalDeclarationId: string; originalPosition: number } | null;
}

export interface LodgeInput {
  declarantId: string;
  onBehalfOfId?: string | null;
  officeId: string;
  direction: Direction;
  procedure: CustomsProcedure;
  destination: CustomsDestination;
  channel: DeclarationChannel;
  businessNumber?: string | null;
  personalNumber?: string | null;
  language: string;
  presentationId?: string | null;
  plannedCrossingAt?: Date | null;
  /** DEC-R59 (OD-AFD art. 58 para. 2): tourist traffic goods; CHF 5 or less is collected. */
  touristTraffic?: boolean | null;
  /** DEC-R73, DEC-R74: the processing authorisation inward or outward processing is declared under. */
  processingAuthorisationId?: string | null;
  /** X15: the stored lot the declaration takes out of a customs warehouse or free deposit. */
  warehouseLotId?: string | null;
  /** DEC-R14 (OD-AFD art. 6a): goods placed under the export regime, then stored in an open customs warehouse or a free deposit. */
  exportRegimeStorage?: ExportRegimeStorage | null;
  items: ItemInput[];
}

/** DEC-R15 (OD-AFD art. 7) DESIGN CHOICE: de, fr, it; Romansh waits for confirmation. */
export const OFFICIAL_LANGUAGES = ["de", "fr", "it"];

/**
 * The formal checks of a declaration's form (language, channel, procedure, masses, values), the
 * same for lodging, resubmission, rectification and the office's correction.
 */
export function validateForm(input: LodgeInput): void {
  validateChannel(input);
  validateContent(input);
}

/** The electronic channels a declarant lodges through, per direction (DEC-R13, DEC-R14; OD-AFD art. 6, 6a). */
function validateChannel(input: LodgeInput): void {
  const allowed: Record<Direction, DeclarationChannel[]> = {
    IMPORT: [DeclarationChannel.EDEC, DeclarationChannel.PASSAR_B2B, DeclarationChannel.EDEC_WEB],
    EXPORT: [DeclarationChannel.EDEC, DeclarationChannel.NCTS, DeclarationChannel.PASSAR_B2B, DeclarationChannel.EDEC_WEB],
    TRANSIT: [DeclarationChannel.NCTS, DeclarationChannel.PASSAR_B2B],
  };
  if (!allowed[input.direction].includes(input.channel)) {
    throw refused("CHANNEL_NOT_ALLOWED", `${input.direction} declarations are not lodged through ${input.channel}; paper, oral, box, facility and announcement declarations are recorded by the office.`, { field: "input.channel", rule: "DEC-R13", article: "OD-AFD art. 6" });
  }
  if (input.exportRegimeStorage && input.direction === Direction.EXPORT && input.channel === DeclarationChannel.NCTS) {
    throw refused("NCTS_EXCLUDED_FOR_STORED_EXPORT_GOODS", "Goods placed under the export regime and then stored in an open customs warehouse or a customs free deposit cannot be declared for export via NCTS; use e-dec.", {
      field: "input.channel",
      rule: "DEC-R14",
      article: "OD-AFD art. 6a",
    });
  }
}

/** Language, procedure and items: the same whatever the channel. */
export function validateContent(input: Pick<LodgeInput, "language" | "items" | "direction" | "procedure">): void {
  if (!OFFICIAL_LANGUAGES.includes(input.language)) {
    throw refused("LANGUAGE_NOT_OFFICIAL", "Declare in an official language: de, fr or it.", { field: "input.language", rule: "DEC-R15", article: "OD-AFD art. 7" });
  }
  if (!input.items.length) throw new ValidationError("A declaration has at least one item.", { field: "input.items" });
  const procedures: Record<Direction, CustomsProcedure[]> = {
    IMPORT: [CustomsProcedure.FREE_CIRCULATION, CustomsProcedure.CUSTOMS_WAREHOUSING, CustomsProcedure.TEMPORARY_ADMISSION, CustomsProcedure.INWARD_PROCESSING],
    EXPORT: [CustomsProcedure.EXPORT, CustomsProcedure.TEMPORARY_ADMISSION, CustomsProcedure.OUTWARD_PROCESSING],
    TRANSIT: [CustomsProcedure.TRANSIT],
  };
  if (!procedures[input.direction].includes(input.procedure)) {
    throw new ValidationError(`${input.procedure} is not a procedure for ${input.direction}.`, { field: "input.procedure", rule: "DEC-R07", article: "LD art. 47" });
  }
  input.items.forEach((item, i) => {
    for (const key of ["netMassKg", "grossMassKg"] as const) {
      if (!/^\d{1,9}(\.\d{1,3})?$/.test(item[key])) throw new ValidationError(`${key} is a mass in kg with at most 3 decimals.`, { field: `input.items.${i}.${key}` });
    }
    if (new Decimal(item.netMassKg).gt(item.grossMassKg)) throw new ValidationError("The net mass exceeds the gross mass.", { field: `input.items.${i}.netMassKg` });
    if (item.value < 0) throw new ValidationError("The value is not negative.", { field: `input.items.${i}.value` });
  });
}
