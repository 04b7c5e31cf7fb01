import { KitDeadLetters1765800000000, KitEntityHistory1765900000000, KitEventTables1763800000000, KitEventTraceContext1765700000000, KitIdempotencyKeys1764500000000 } from "../../kit";
import { DebtSchema1763800000400 } from "./1763800000400-DebtSchema";
import { DebtReferenceData1763800000500 } from "./1763800000500-DebtReferenceData";
import { DebtLawAlignment1764600000400 } from "./1764600000400-DebtLawAlignment";
import { DebtProcedureEvents1765000000400 } from "./1765000000400-DebtProcedureEvents";
import { DebtEnforcementEvents1765300000400 } from "./1765300000400-DebtEnforcementEvents";
import { DebtHistory1765900000400 } from "./1765900000400-DebtHistory";
import { DebtAmendedDecisionsAndCollectionPeriods1766100000400 } from "./1766100000400-DebtAmendedDecisionsAndCollectionPeriods";

/** In timestamp order, the order they run in. Each runs on MySQL and SQLite (TypeORM schema API; DebtProcedureEvents and DebtEnforcementEvents resize a column per engine, see there; DebtHistory installs the kit's history triggers, issue 15; DebtAmendedDecisionsAndCollectionPeriods adds to tables without history). */
export const migrations = [KitEventTables1763800000000, DebtSchema1763800000400, DebtReferenceData1763800000500, KitIdempotencyKeys1764500000000, DebtLawAlignment1764600000400, DebtProcedureEvents1765000000400, DebtEnforcementEvents1765300000400, KitEventTraceContext1765700000000, KitDeadLetters1765800000000, KitEntityHistory1765900000000, DebtHistory1765900000400, DebtAmendedDecisionsAndCollectionPeriods1766100000400];
