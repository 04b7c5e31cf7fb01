import { KitDeadLetters1765800000000, KitEntityHistory1765900000000, KitEventTables1763800000000, KitEventTraceContext1765700000000, KitIdempotencyKeys1764500000000 } from "../../kit";
import { DeclarationsSchema1763800000200 } from "./1763800000200-DeclarationsSchema";
import { DeclarationsReferenceData1763800000300 } from "./1763800000300-DeclarationsReferenceData";
import { DeclarationsLawAlignment1764600000200 } from "./1764600000200-DeclarationsLawAlignment";
import { DeclarationsChannelsAndProcedures1764700000200 } from "./1764700000200-DeclarationsChannelsAndProcedures";
import { DeclarationsDutyReliefs1764700000300 } from "./1764700000300-DeclarationsDutyReliefs";
import { DeclarationsOneRuralAuthorisation1764700000400 } from "./1764700000400-DeclarationsOneRuralAuthorisation";
import { DeclarationsDeclarantProhibitions1764800000200 } from "./1764800000200-DeclarationsDeclarantProhibitions";
import { DeclarationsDocumentRequiredAt1764900000200 } from "./1764900000200-DeclarationsDocumentRequiredAt";
import { DeclarationsHistory1765900000200 } from "./1765900000200-DeclarationsHistory";

/** In timestamp order, the order they run in. Each runs on MySQL and SQLite (TypeORM schema API; DeclarationsHistory installs the kit's history triggers, issue 15). */
export const migrations = [KitEventTables1763800000000, DeclarationsSchema1763800000200, DeclarationsReferenceData1763800000300, KitIdempotencyKeys1764500000000, DeclarationsLawAlignment1764600000200, DeclarationsChannelsAndProcedures1764700000200, DeclarationsDutyReliefs1764700000300, DeclarationsOneRuralAuthorisation1764700000400, DeclarationsDeclarantProhibitions1764800000200, DeclarationsDocumentRequiredAt1764900000200, KitEventTraceContext1765700000000, KitDeadLetters1765800000000, KitEntityHistory1765900000000, DeclarationsHistory1765900000200];
