import { ConnectionArgs, pageLoader } from "../../kit";
import type { FacilityAuthorisation, StorageFacility } from "../entities/facility.entity";
import type { DepositorTransfer, LotHandling, LotMovement, StorageExtension, StoredLot } from "../entities/lot.entity";
import type { WarehousingContext } from "./types";

/** Per-request loaders: a page of 100 lots costs one batch of statements per field, not 100. */
export const loaders = {
  facility: (ctx: WarehousingContext) => ctx.loaders.get<string, StorageFacility | null>("facility", ids => ctx.services.facilities.byIds(ids)),
  authorisation: (ctx: WarehousingContext) => ctx.loaders.get<string, FacilityAuthorisation | null>("authorisation", ids => ctx.services.facilities.authorisationsOf(ids)),
  lot: (ctx: WarehousingContext) => ctx.loaders.get<string, StoredLot | null>("lot", ids => ctx.services.lots.byIds(ids)),
  // Nested connections: one loader per field and per arguments, since each page depends on them.
  lotsOfDeclaration: (ctx: WarehousingContext, args: ConnectionArgs, visibleTo: string[] | null) =>
    pageLoader<StoredLot>(ctx.loaders, "lotsOfDeclaration", args, ids => ctx.services.lots.ofDeclarations(ids, args, visibleTo)),
  movements: (ctx: WarehousingContext, args: ConnectionArgs) =>
    pageLoader<LotMovement>(ctx.loaders, "movements", args, ids => ctx.services.stock.movementsOf(ids, args)),
  extensions: (ctx: WarehousingContext, args: ConnectionArgs) =>
    pageLoader<StorageExtension>(ctx.loaders, "extensions", args, ids => ctx.services.lots.extensionsOf(ids, args)),
  transfers: (ctx: WarehousingContext, args: ConnectionArgs) =>
    pageLoader<DepositorTransfer>(ctx.loaders, "transfers", args, ids => ctx.services.lots.transfersOf(ids, args)),
  handlings: (ctx: WarehousingContext, args: ConnectionArgs) =>
    pageLoader<LotHandling>(ctx.loaders, "handlings", args, ids => ctx.services.lots.handlingsOf(ids, args)),
};

/** A lot the caller may see (its depositor, the facility's operator, officers), or null: one batch for the facilities. */
export async function visibleLot(ctx: WarehousingContext, lot: StoredLot | null): Promise<StoredLot | null> {
  if (!lot) return null;
  const facility = await loaders.facility(ctx).load(lot.facilityId);
  return ctx.services.access.canSeeLot(ctx.principal, lot, facility) ? lot : null;
}
