import { EntityManager, IsNull } from "typeorm";
import { EventHandler, sqlTime } from "../../kit";
import { DeclarantProhibition, ProhibitionScope } from "../entities/prohibition.entity";
import { refused } from "./errors";

/** Payload of enforcement's X25 event. */
export interface ProfessionalDeclarantProhibitedPayload {
  prohibitionId: string;
  partnerId: string;
  personalNumber: string | null;
  scope: ProhibitionScope[];
  grounds: "LACKS_SKILLS" | "BREACH_OF_CUSTOMS_LAW";
  validFrom: string;
  validUntil: string | null;
}

/** Payload of enforcement's ProfessionalDeclarantProhibitionLifted event. */
export interface ProfessionalDeclarantProhibitionLiftedPayload {
  prohibitionId: string;
  partnerId: string;
  liftedAt: string;
}

/** What a declaration says about who makes it. */
export interface DeclarationMaker {
  declarantId: string;
  onBehalfOfId?: string | null;
  personalNumber?: string | null;
}

const RULE = { rule: "ENF-R05", article: "LD art. 109 para. 2" };

/**
 * ENF-R05 (LD art. 109 para. 2): keeps declarations' copy of enforcement's prohibitions on
 * professional declarants (X25 and its lifting). Each handler is keyed by the prohibition's own
 * id, so applying an event twice, late, or twenty times at once leaves one row.
 */
export class ProhibitionService {
  handlers(): Record<string, EventHandler> {
    return {
      ProfessionalDeclarantProhibited: (m, e) => this.onProhibited(m, e.payload as unknown as ProfessionalDeclarantProhibitedPayload),
      ProfessionalDeclarantProhibitionLifted: (m, e) => this.onLifted(m, e.payload as unknown as ProfessionalDeclarantProhibitionLiftedPayload),
    };
  }

  /**
   * X25: recorded under its id. When the id is taken (a redelivery, a concurrent delivery, or a
   * lifting that overtook it) the same particulars are written again and a lifting stays: a
   * transaction inserting the same id at the same moment makes this one wait for its commit, so
   * concurrent deliveries all succeed.
   */
  async onProhibited(m: EntityManager, p: ProfessionalDeclarantProhibitedPayload): Promise<void> {
    const prohibition = m.create(DeclarantProhibition, {
      id: String(p.prohibitionId),
      partnerId: String(p.partnerId),
      personalNumber: p.personalNumber ? String(p.personalNumber) : null,
      scope: [...new Set(p.scope ?? [])],
      validFrom: instant(p.validFrom, "validFrom"),
      validUntil: p.validUntil ? instant(p.validUntil, "validUntil") : null,
      liftedAt: null,
    });
    await m
      .createQueryBuilder()
      .insert()
      .into(DeclarantProhibition)
      .values(prohibition)
      .orUpdate(["partner_id", "personal_number", "scope", "valid_from", "valid_until"], ["id"])
      .execute();
  }

  /**
   * The administration lifted the prohibition (DESIGN CHOICE, DOMAIN.md §6.2): in force no longer
   * from `liftedAt` on. The first lifting stands. A lifting that arrives before its prohibition
   * (the relay keeps each subscriber's order, so only a producer's own disorder would do this) is
   * kept, covering nothing until the prohibition's particulars arrive, which then count up to the lifting.
   */
  async onLifted(m: EntityManager, p: ProfessionalDeclarantProhibitionLiftedPayload): Promise<void> {
    const liftedAt = instant(p.liftedAt, "liftedAt");
    const id = String(p.prohibitionId);
    // Insert first, update after: two deliveries never hold gap locks on a missing key and deadlock.
    await m
      .createQueryBuilder()
      .insert()
      .into(DeclarantProhibition)
      .values(m.create(DeclarantProhibition, { id, partnerId: String(p.partnerId), personalNumber: null, scope: [], validFrom: liftedAt, validUntil: null, liftedAt }))
      .orUpdate(["id"], ["id"])
      .execute();
    await m.update(DeclarantProhibition, { id, liftedAt: IsNull() }, { liftedAt });
  }
}

/**
 * ENF-R05 (LD art. 109 para. 2): a professional declaration by a prohibited declarant is refused
 * with DECLARANT_PROHIBITED. DESIGN CHOICE: a declaration is made professionally when the declarant
 * lodges it on behalf of another partner (`onBehalfOfId` set and not the declarant); a partner
 * declaring its own goods is not a professional declarant (LD art. 109 para. 1). The prohibition
 * counts when its scope includes DECLARATIONS, it is in force at `now` (validFrom <= now <
 * validUntil, or indefinite) and not lifted at or before `now`, and it names the declarant
 * partner, as a whole (no personal number) or as the employer of the declaring employee whose
 * personal number the declaration carries (OD-AFD art. 11; personal numbers are unique per partner,
 * ID-R32, so a number alone names nobody). One statement on the prohibitions' partner index,
 * through the caller's transaction `m`. Called where a declarant makes a declaration that may be
 * for another: electronic lodging, the paper and oral declarations the office records, and a
 * resubmission. A box declaration, a facility crossing, a rural border announcement and undeclared
 * goods name nobody they act for: never professional.
 */
export async function requireNotProhibited(
  m: EntityManager,
  d: DeclarationMaker,
  now: Date,
  fields: { declarant: string; personalNumber: string } = { declarant: "input.declarantId", personalNumber: "input.personalNumber" },
): Promise<void> {
  if (!d.onBehalfOfId || d.onBehalfOfId === d.declarantId) return;
  const at = sqlTime(now);
  const inForce = await m
    .createQueryBuilder(DeclarantProhibition, "p")
    .where("p.partner_id = :partner", { partner: d.declarantId })
    // A prohibition naming a personal number is of that employee of the partner only (personal numbers are unique per partner, ID-R32).
    .andWhere(d.personalNumber ? "(p.personal_number IS NULL OR p.personal_number = :personal)" : "p.personal_number IS NULL", { personal: d.personalNumber ?? null })
    .andWhere("p.valid_from <= :at", { at })
    .andWhere("(p.valid_until IS NULL OR p.valid_until > :at)", { at })
    .andWhere("(p.lifted_at IS NULL OR p.lifted_at > :at)", { at })
    .orderBy("p.valid_from", "ASC")
    .addOrderBy("p.id", "ASC")
    .getMany();
  const declarations = inForce.filter(p => p.scope.includes("DECLARATIONS"));
  const hit = declarations.find(p => p.personalNumber === null) ?? declarations[0];
  if (!hit) return;
  const byPartner = hit.personalNumber === null;
  const until = hit.validUntil ? `until ${hit.validUntil.toISOString()}` : "for an indefinite period";
  throw refused(
    "DECLARANT_PROHIBITED",
    `${byPartner ? "The declarant is" : `The declaring employee (personal number ${d.personalNumber}) is`} prohibited from making declarations professionally ${until}; a partner may still declare its own goods.`,
    { ...RULE, field: byPartner ? fields.declarant : fields.personalNumber, prohibitionId: hit.id, validUntil: hit.validUntil?.toISOString() ?? null },
  );
}

/** An event's ISO instant; an unreadable one fails the delivery (the relay retries and logs it) rather than guess. */
function instant(value: string, field: string): Date {
  const date = new Date(value);
  if (!value || Number.isNaN(date.getTime())) throw new Error(`X25: ${field} '${value}' is not an ISO 8601 instant`);
  return date;
}
