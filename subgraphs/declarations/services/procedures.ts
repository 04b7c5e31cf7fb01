import { CustomsProcedure, DeclarationChannel, Direction } from "../entities/enums";
import type { CustomsDeclaration } from "../entities/declaration.entity";

/**
 * The procedures whose duties are fixed with a conditional payment obligation (DEC-R67, DEC-R72
 * to DEC-R74; LD art. 49 para. 2 let. a, 58-60): their goods are released only once the
 * procedure's case is open and debt reported its conditional duties secured (LD art. 76 para. 1).
 */
export const CONDITIONAL_PROCEDURES: readonly CustomsProcedure[] = [CustomsProcedure.TRANSIT, CustomsProcedure.TEMPORARY_ADMISSION, CustomsProcedure.INWARD_PROCESSING, CustomsProcedure.OUTWARD_PROCESSING];

/** The procedures a case follows to its discharge (DEC-R65 to DEC-R76): the conditional ones and the export regime. */
export const CASE_PROCEDURES: readonly CustomsProcedure[] = [...CONDITIONAL_PROCEDURES, CustomsProcedure.EXPORT];

export function isConditional(d: Pick<CustomsDeclaration, "procedure">): boolean {
  return CONDITIONAL_PROCEDURES.includes(d.procedure);
}

/** e-dec, NCTS and Passar B2B: receipt and acceptance by the system (DEC-R16, DEC-R17). */
export const SYSTEM_CHANNELS: readonly DeclarationChannel[] = [DeclarationChannel.EDEC, DeclarationChannel.NCTS, DeclarationChannel.PASSAR_B2B];

/**
 * Whether the declaration's duties are left to another debt than the ordinary one of X05: a
 * procedure case's conditional debt (X11), or for customs warehousing the stored lot's (X14, a
 * consumer goods warehouse) or none (an open warehouse fixes no duties, WH-R03, LD art. 51 para. 2).
 */
export function debtElsewhere(d: Pick<CustomsDeclaration, "procedure">): boolean {
  return isConditional(d) || d.procedure === CustomsProcedure.CUSTOMS_WAREHOUSING;
}

/**
 * What debt needs of an accepted declaration (X05), the same for every channel. `conditionalProcedure`:
 * its duties are not an ordinary debt (`debtElsewhere`).
 */
export function acceptedPayload(d: CustomsDeclaration) {
  return {
    declarationId: d.id,
    declarationNumber: d.declarationNumber,
    declarantId: d.declarantId,
    onBehalfOfId: d.onBehalfOfId,
    direction: d.direction,
    procedure: d.procedure,
    channel: d.channel,
    officeId: d.officeId,
    acceptedAt: d.acceptedAt!.toISOString(),
    isPreDeclaration: d.isPreDeclaration,
    conditionalProcedure: debtElsewhere(d),
    simplifiedProcedure: d.simplifiedProcedure,
  };
}

/** X06 (LD art. 69 let. b): the goods of a declaration accepted before they crossed have crossed; the debt arises now. */
export function borderCrossedPayload(d: CustomsDeclaration, crossedAt: Date) {
  return {
    declarationId: d.id,
    declarationNumber: d.declarationNumber,
    declarantId: d.declarantId,
    onBehalfOfId: d.onBehalfOfId,
    direction: d.direction,
    procedure: d.procedure,
    conditionalProcedure: debtElsewhere(d),
    crossedAt: crossedAt.toISOString(),
  };
}

/** X15 (LD art. 57, 67, 69 let. a): a declaration that takes a stored lot out of a warehouse or free deposit. */
export function exitPayload(d: CustomsDeclaration) {
  return { declarationId: d.id, declarationNumber: d.declarationNumber, lotId: d.warehouseLotId, declarantId: d.declarantId, procedure: d.procedure, direction: d.direction, acceptedAt: d.acceptedAt!.toISOString() };
}

export const isImport = (d: Pick<CustomsDeclaration, "direction">) => d.direction === Direction.IMPORT;
