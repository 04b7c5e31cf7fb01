import { DataSource, In } from "typeorm";
import { Clock, Principal, PortalRoleName } from "../../kit";
import { RoleStatus } from "../entities/enums";
import { PartnerMembership } from "../entities/membership.entity";
import { PartnerRole } from "../entities/partner-role.entity";
import { PortalUser } from "../entities/portal-user.entity";
import { ApiSelfService } from "./api.service";

/**
 * Answers the gateway's question "who is this?" for portal users (by CH-LOGIN subject) and for
 * partner software (by access token). Three statements at most; nothing cached, so revocation and
 * membership changes count at the next request.
 */
export class PrincipalService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly api: ApiSelfService,
    private readonly clock: Clock,
  ) {}

  async forPortalUser(subject: string): Promise<Principal> {
    const user = await this.dataSource.getRepository(PortalUser).findOneBy({ chLoginSubject: subject });
    if (!user) return { kind: "PORTAL_USER", subject, partners: [], officerRoles: [] };
    const memberships = await this.dataSource.getRepository(PartnerMembership).findBy({ userId: user.id });
    const roles = memberships.length
      ? await this.dataSource.getRepository(PartnerRole).findBy({ partnerId: In(memberships.map(m => m.partnerId)), status: RoleStatus.ACTIVE })
      : [];
    return {
      kind: "PORTAL_USER",
      subject,
      userId: user.id,
      officerRoles: [],
      partners: memberships.map(m => ({
        partnerId: m.partnerId,
        portalRole: m.portalRole as PortalRoleName,
        roles: roles.filter(r => r.partnerId === m.partnerId).map(r => r.roleType),
      })),
    };
  }

  /**
   * Who an API access token is, and for how long that answer holds unless identity says otherwise:
   * until the token expires, as a duration (the gateway's clock need not agree with ours). The
   * gateway may keep it that long; every change that would alter it (keys revoked, the partner's
   * roles) is published as an event the gateway consumes.
   */
  async resolveAccessToken(token: string): Promise<{ principal: Principal; validForMs: number }> {
    const { applicationId, partner, expiresAt } = await this.api.introspect(token);
    const validForMs = Math.max(0, expiresAt.getTime() - this.clock.now().getTime());
    return { principal: { kind: "API_APPLICATION", applicationId, subject: applicationId, partners: [partner], officerRoles: [] }, validForMs };
  }

  async forAccessToken(token: string): Promise<Principal> {
    return (await this.resolveAccessToken(token)).principal;
  }
}
