import type { SubgraphRuntime } from "../../kit";
import { WarehousingAccess } from "./access";
import { FacilityService } from "./facility.service";
import { LotService } from "./lot.service";
import { StockService } from "./stock.service";

export interface WarehousingServices {
  access: WarehousingAccess;
  facilities: FacilityService;
  lots: LotService;
  stock: StockService;
  runtime: SubgraphRuntime;
}

export function createWarehousingServices(runtime: SubgraphRuntime): WarehousingServices {
  const { dataSource, clock, events } = runtime;
  const access = new WarehousingAccess();
  const facilities = new FacilityService(dataSource, clock, access, events);
  const stock = new StockService(dataSource);
  return { access, facilities, lots: new LotService(dataSource, clock, access, facilities, stock, events), stock, runtime };
}
