import { endOfSameDateYearsLater, ValidationError, zurichDate } from "../../kit";
import type { DutyRelief } from "../entities/declaration.entity";
import { Direction, ReliefGround, ReturnReason } from "../entities/enums";
import type { ItemInput } from "./declaration.form";
import { refused } from "./errors";

/** DEC-R77 (LD art. 10 para. 2): goods not returned to their original sender are duty-free only within five years of export. */
export const RETURNED_GOODS_YEARS = 5;
/** DEC-R78 (LD art. 11 para. 1): foreign goods sent back to the sender abroad within three years. */
export const RETURN_TO_SENDER_YEARS = 3;

/** The same calendar date `years` later, Europe/Zurich (29 February → 28 February), as YYYY-MM-DD. */
const yearsLater = (at: Date, years: number): string => zurichDate(endOfSameDateYearsLater(at, years));

/**
 * The duty relief an item claims, assessed on the day it is declared (`now`):
 * - DEC-R77 (LD art. 10): domestic goods re-imported unchanged, or returned because of a defect
 *   found during processing abroad, are duty-free; returned to someone other than the original
 *   sender, only within five years of their export (to the same calendar date, Zurich).
 * - DEC-R78 (LD art. 11 para. 1-3): foreign goods sent back to the sender abroad, refused, under a
 *   cancelled contract or unsold, within three years are exempt from export duty and their import
 *   duties are refunded; goods returned for a defect found during processing, or not marketable
 *   under Swiss law, without a time limit. DESIGN CHOICE (DOMAIN.md AMBIGUOUS): the three years
 *   run from the import.
 * - DEC-R79 (LD art. 14 para. 4): the change of an item, already taxed, to a use with higher
 *   duty is declared anew, in advance; the difference is due (`originalAmount`, looked up when
 *   the items are saved). A lower duty gives a refund claim only in the cases the Department
 *   sets (para. 5), not in our sources: such an item is taxed at nil.
 * Declined, with reason: the refund of export duties and the reclaim of import duties refunded on
 * export (LD art. 10 para. 3) need export duties, which our tariff does not levy.
 */
export function assessRelief(item: ItemInput, direction: Direction, now: Date, position: number): DutyRelief | null {
  const claims = [item.returnedGoods, item.returnToSender, item.changeOfUse].filter(Boolean).length;
  if (claims > 1) throw new ValidationError("An item claims one relief at most.", { field: `input.items.${position - 1}` });
  if (item.returnedGoods) {
    const r = item.returnedGoods;
    const field = `input.items.${position - 1}.returnedGoods`;
    if (direction !== Direction.IMPORT) throw new ValidationError("Returned domestic goods are re-imported.", { field, rule: "DEC-R77", article: "LD art. 10" });
    if (r.exportedAt.getTime() > now.getTime()) throw new ValidationError("The goods were exported before they return.", { field: `${field}.exportedAt`, rule: "DEC-R77", article: "LD art. 10" });
    const limit = yearsLater(r.exportedAt, RETURNED_GOODS_YEARS);
    const condition = r.unchanged || r.defectFoundDuringProcessing;
    const inTime = r.returnedToOriginalSender || zurichDate(now) <= limit;
    const eligible = Boolean(condition && inTime);
    const explanation = eligible
      ? `DEC-R77: returned domestic goods, ${r.unchanged ? "unchanged" : "returned for a defect found during processing"}${r.returnedToOriginalSender ? ", to the original sender" : `, within five years of the export (until ${limit})`}: duty-free (LD art. 10)`
      : !condition
        ? "DEC-R77: modified abroad and not returned for a defect found during processing: not duty-free (LD art. 10 para. 1)"
        : `DEC-R77: not returned to the original sender and more than five years after the export (${limit}): not duty-free (LD art. 10 para. 2)`;
    return { ground: ReliefGround.RETURNED_DOMESTIC_GOODS, eligible, explanation, since: r.exportedAt.toISOString(), reference: r.exportDeclarationNumber ?? null, originalPosition: null, originalAmount: null };
  }
  if (item.returnToSender) {
    const r = item.returnToSender;
    const field = `input.items.${position - 1}.returnToSender`;
    if (direction !== Direction.EXPORT) throw new ValidationError("Goods go back to the sender abroad by export.", { field, rule: "DEC-R78", article: "LD art. 11" });
    if (r.importedAt.getTime() > now.getTime()) throw new ValidationError("The goods were imported before they go back.", { field: `${field}.importedAt`, rule: "DEC-R78", article: "LD art. 11" });
    const unlimited = r.reason === ReturnReason.DEFECT_FOUND_IN_PROCESSING || r.reason === ReturnReason.NOT_MARKETABLE_UNDER_SWISS_LAW;
    const limit = yearsLater(r.importedAt, RETURN_TO_SENDER_YEARS);
    const eligible = unlimited || zurichDate(now) <= limit;
    const explanation = eligible
      ? `DEC-R78: foreign goods sent back to the sender abroad (${r.reason.toLowerCase().replace(/_/g, " ")})${unlimited ? "" : ` within three years of the import (until ${limit})`}: exempt from export duty, import duties refundable (LD art. 11 para. ${unlimited ? "2-3" : "1"})`
      : `DEC-R78: sent back more than three years after the import (${limit}): no relief (LD art. 11 para. 1)`;
    return { ground: ReliefGround.RETURNED_FOREIGN_GOODS, eligible, explanation, since: r.importedAt.toISOString(), reference: r.importDeclarationNumber ?? null, originalPosition: null, originalAmount: null };
  }
  return null;
}

/** DEC-R79: the checks of a change of use that need no database. */
export function checkChangeOfUse(item: ItemInput, direction: Direction, position: number): void {
  if (!item.changeOfUse) return;
  if (direction !== Direction.IMPORT) {
    throw refused("CHANGE_OF_USE_NOT_IMPORT", "A change of use concerns goods released for free circulation.", { field: `input.items.${position - 1}.changeOfUse`, rule: "DEC-R79", article: "LD art. 14 para. 4" });
  }
}
