import type { FacilityAuthorisation, StorageFacility } from "../entities/facility.entity";
import type { DepositorTransfer, LotHandling, LotMovement, StorageExtension, StoredLot } from "../entities/lot.entity";
import type { WarehousingContext } from "./types";

/** Per-request loaders: a page of 100 lots costs one statement per field, not 100. */
export const loaders = {
  facility: (ctx: WarehousingContext) => ctx.loaders.get<string, StorageFacility | null>("facility", ids => ctx.services.facilities.byIds(ids)),
  authorisation: (ctx: WarehousingContext) => ctx.loaders.get<string, FacilityAuthorisation | null>("authorisation", ids => ctx.services.facilities.authorisationsOf(ids)),
  lot: (ctx: WarehousingContext) => ctx.loaders.get<string, StoredLot | null>("lot", ids => ctx.services.lots.byIds(ids)),
  lotsOfDeclaration: (ctx: WarehousingContext) => ctx.loaders.get<string, StoredLot[]>("lotsOfDeclaration", ids => ctx.services.lots.ofDeclarations(ids)),
  movements: (ctx: WarehousingContext) => ctx.loaders.get<string, LotMovement[]>("movements", ids => ctx.services.stock.movementsOf(ids)),
  extensions: (ctx: WarehousingContext) => ctx.loaders.get<string, StorageExtension[]>("extensions", ids => ctx.services.lots.extensionsOf(ids)),
  transfers: (ctx: WarehousingContext) => ctx.loaders.get<string, DepositorTransfer[]>("transfers", ids => ctx.services.lots.transfersOf(ids)),
  handlings: (ctx: WarehousingContext) => ctx.loaders.get<string, LotHandling[]>("handlings", ids => ctx.services.lots.handlingsOf(ids)),
};

/** A lot the caller may see (its depositor, the facility's operator, officers), or null: one batch for the facilities. */
export async function visibleLot(ctx: WarehousingContext, lot: StoredLot | null): Promise<StoredLot | null> {
  if (!lot) return null;
  const facility = await loaders.facility(ctx).load(lot.facilityId);
  return ctx.services.access.canSeeLot(ctx.principal, lot, facility) ? lot : null;
}
