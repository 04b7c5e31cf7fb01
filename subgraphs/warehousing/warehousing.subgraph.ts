import { buildFederatedSchema, SubgraphDefinition } from "../kit";
import { ControlOffice, FacilityAuthorisation, StorageFacility } from "./entities/facility.entity";
import { DepositorTransfer, LotHandling, LotMovement, PositionPeriod, StockPosition, StorageExtension, StoredLot } from "./entities/lot.entity";
import { migrations } from "./migrations";
import { loaders, visibleLot } from "./resolvers/loaders";
import { WarehousingContext } from "./resolvers/types";
import {
  DeclarationLotsResolver,
  DepositorTransferResolver,
  LotMovementResolver,
  PartnerWarehousingResolver,
  StockResolver,
  StorageFacilityResolver,
  StoredLotResolver,
} from "./resolvers/warehousing.resolver";
import { createWarehousingServices, WarehousingServices } from "./services";

export const WAREHOUSING_ENTITIES = [ControlOffice, StorageFacility, FacilityAuthorisation, StoredLot, LotMovement, StockPosition, PositionPeriod, StorageExtension, DepositorTransfer, LotHandling];

/**
 * Warehousing and deposits (DOMAIN.md §4): customs warehouses and free deposits, their
 * authorisations, the lots stored in them from entry to exit, and their stock at any instant.
 * Owns `StorageFacility` and `StoredLot`; adds `storedLots` and `operatedFacilities` to
 * `BusinessPartner` and `storedLots` to `CustomsDeclaration`.
 */
export const definition: SubgraphDefinition<WarehousingServices> = {
  name: "warehousing",
  entities: WAREHOUSING_ENTITIES,
  migrations,
  buildSchema: () =>
    buildFederatedSchema({
      subgraph: "warehousing",
      resolvers: [StorageFacilityResolver, StoredLotResolver, StockResolver, LotMovementResolver, DepositorTransferResolver, PartnerWarehousingResolver, DeclarationLotsResolver],
      references: {
        // A facility's particulars are public to signed-in callers; its stock and lots are checked per field.
        StorageFacility: {
          __resolveReference: async (ref: { id: string }, ctx: WarehousingContext) => (ctx.principal.kind === "ANONYMOUS" ? null : loaders.facility(ctx).load(ref.id)),
        },
        StoredLot: { __resolveReference: async (ref: { id: string }, ctx: WarehousingContext) => visibleLot(ctx, await loaders.lot(ctx).load(ref.id)) },
        BusinessPartner: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
        CustomsDeclaration: { __resolveReference: (ref: { id: string }, ctx: WarehousingContext) => (ctx.principal.kind === "ANONYMOUS" ? null : { id: ref.id }) },
      },
    }),
  createServices: runtime => createWarehousingServices(runtime),
  consumes: ["ExitDeclarationAccepted"],
  eventHandlers: services => ({
    // X15 (LD art. 57, 67): declarations accepted a declaration taking a lot out.
    ExitDeclarationAccepted: (m, e) => services.lots.onExitDeclarationAccepted(m, e.payload as { declarationId: string; lotId: string | null; procedure: string; acceptedAt: string }),
  }),
  jobs: services => [services.lots.inventoryOverdueJob(), services.lots.storageJob()],
};
