import { KitDeadLetters1765800000000, KitEventTables1763800000000, KitEventTraceContext1765700000000, KitIdempotencyKeys1764500000000 } from "../../kit";
import { WarehousingSchema1765100000300 } from "./1765100000300-WarehousingSchema";
import { WarehousingStockPeriods1765100000400 } from "./1765100000400-WarehousingStockPeriods";
import { WarehousingInventoryPending1766000000300 } from "./1766000000300-WarehousingInventoryPending";

/** In timestamp order, the order they run in. Each runs on MySQL and SQLite (TypeORM schema API only). */
export const migrations = [KitEventTables1763800000000, KitIdempotencyKeys1764500000000, WarehousingSchema1765100000300, WarehousingStockPeriods1765100000400, KitEventTraceContext1765700000000, KitDeadLetters1765800000000, WarehousingInventoryPending1766000000300];
