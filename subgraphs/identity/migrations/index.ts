import { KitEventTables1763800000000, KitIdempotencyKeys1764500000000 } from "../../kit";
import { IdentitySchema1763800000100 } from "./1763800000100-IdentitySchema";

/** In timestamp order, the order they run in. Each runs on MySQL and SQLite (TypeORM schema API only). */
export const migrations = [KitEventTables1763800000000, IdentitySchema1763800000100, KitIdempotencyKeys1764500000000];
