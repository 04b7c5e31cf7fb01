import { KitDeadLetters1765800000000, KitEntityHistory1765900000000, KitEventTables1763800000000, KitEventTraceContext1765700000000, KitIdempotencyKeys1764500000000 } from "../../kit";
import { IdentitySchema1763800000100 } from "./1763800000100-IdentitySchema";
import { ConsumerKeyHashed1764600000100 } from "./1764600000100-ConsumerKeyHashed";
import { CoveringSecurities1764600000200 } from "./1764600000200-CoveringSecurities";
import { WithdrawalReferrals1764800000100 } from "./1764800000100-WithdrawalReferrals";
import { ApiRenewalLockout1765500000100 } from "./1765500000100-ApiRenewalLockout";
import { IdentityHistory1765900000100 } from "./1765900000100-IdentityHistory";
import { PortalUserEmailUnique1766000000100 } from "./1766000000100-PortalUserEmailUnique";

/** In timestamp order, the order they run in. Each runs on MySQL and SQLite (TypeORM schema API, and the kit's history triggers, written for both). */
export const migrations = [KitEventTables1763800000000, IdentitySchema1763800000100, KitIdempotencyKeys1764500000000, ConsumerKeyHashed1764600000100, CoveringSecurities1764600000200, WithdrawalReferrals1764800000100, ApiRenewalLockout1765500000100, KitEventTraceContext1765700000000, KitDeadLetters1765800000000, KitEntityHistory1765900000000, IdentityHistory1765900000100, PortalUserEmailUnique1766000000100];
