import { KitDeadLetters1765800000000, KitEventTables1763800000000, KitEventTraceContext1765700000000, KitIdempotencyKeys1764500000000 } from "../../kit";
import { EnforcementSchema1765400000500 } from "./1765400000500-EnforcementSchema";
import { EnforcementNestedPages1765600000500 } from "./1765600000500-EnforcementNestedPages";
import { EnforcementAppealPerDecision1766000000500 } from "./1766000000500-EnforcementAppealPerDecision";
import { EnforcementDutiesSetByOfficer1766000001500 } from "./1766000001500-EnforcementDutiesSetByOfficer";
import { EnforcementLinkDutiesEstablishedAt1766200000500 } from "./1766200000500-EnforcementLinkDutiesEstablishedAt";

/** In timestamp order, the order they run in. Each runs on MySQL and SQLite (TypeORM schema API only). */
export const migrations = [
  KitEventTables1763800000000,
  KitIdempotencyKeys1764500000000,
  EnforcementSchema1765400000500,
  EnforcementNestedPages1765600000500,
  KitEventTraceContext1765700000000,
  KitDeadLetters1765800000000,
  EnforcementAppealPerDecision1766000000500,
  EnforcementDutiesSetByOfficer1766000001500,
  EnforcementLinkDutiesEstablishedAt1766200000500,
];
