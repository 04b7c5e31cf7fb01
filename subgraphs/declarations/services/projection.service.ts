import { EntityManager } from "typeorm";
import { Clock, EventEnvelope, EventHandler } from "../../kit";
import { AuthorisedDeclarant, DeclarantEmployeeRef, PartnerRoleRef } from "../entities/projections.entity";

type Payload = Record<string, unknown>;

/**
 * Keeps declarations' copy of what identity decides (DOMAIN.md §7): authorisations and their
 * business numbers (X04), declaring employees (ID-R32, OD-AFD art. 10) and ACee/ACor roles (X02).
 * Each handler is an upsert, so applying an event twice or late changes nothing more.
 */
export class ProjectionService {
  constructor(private readonly clock: Clock) {}

  handlers(): Record<string, EventHandler> {
    return {
      CustomsSystemAuthorisationGranted: (m, e) => this.authorisation(m, e, true),
      CustomsSystemAuthorisationWithdrawn: (m, e) => this.authorisation(m, e, false),
      DeclarantEmployeeAnnounced: (m, e) => this.employee(m, e, true),
      DeclarantEmployeeDeactivated: (m, e) => this.employee(m, e, false),
      PartnerRoleActivated: (m, e) => this.role(m, e, true),
      PartnerRoleEnded: (m, e) => this.role(m, e, false),
    };
  }

  private async authorisation(m: EntityManager, e: EventEnvelope, active: boolean): Promise<void> {
    const p = e.payload as Payload;
    const businessNumber = String(p.businessNumber);
    const existing = await m.findOneBy(AuthorisedDeclarant, { businessNumber });
    await m.save(
      m.create(AuthorisedDeclarant, {
        businessNumber,
        partnerId: String(p.partnerId),
        systems: (p.systems as string[] | undefined) ?? existing?.systems ?? [],
        scope: (p.scope as string | undefined) ?? existing?.scope ?? "DOMESTIC",
        transitOnly: Boolean(p.transitOnly ?? existing?.transitOnly ?? false),
        active,
        changedAt: new Date(e.occurredAt ?? this.clock.now()),
      }),
    );
  }

  private async employee(m: EntityManager, e: EventEnvelope, active: boolean): Promise<void> {
    const p = e.payload as Payload;
    await m.save(m.create(DeclarantEmployeeRef, { partnerId: String(p.partnerId), personalNumber: String(p.personalNumber), active }));
  }

  private async role(m: EntityManager, e: EventEnvelope, active: boolean): Promise<void> {
    const p = e.payload as Payload;
    await m.save(m.create(PartnerRoleRef, { partnerId: String(p.partnerId), roleType: String(p.roleType), active }));
  }
}
