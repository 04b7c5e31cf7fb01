import { KitDeadLetters1765800000000, KitEventTables1763800000000, KitEventTraceContext1765700000000, KitIdempotencyKeys1764500000000 } from "../../kit";
import { NotificationsSchema1765900000600 } from "./1765900000600-NotificationsSchema";

/** In timestamp order, the order they run in. Each runs on MySQL and SQLite (TypeORM schema API only). */
export const migrations = [
  KitEventTables1763800000000,
  KitIdempotencyKeys1764500000000,
  KitEventTraceContext1765700000000,
  KitDeadLetters1765800000000,
  NotificationsSchema1765900000600,
];
