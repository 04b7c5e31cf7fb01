import { DataSource, In } from "typeorm";
import { Principal, PortalRoleName } from "../../kit";
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

  async forAccessToken(token: string): Promise<Principal> {
    const { applicationId, partner } = await this.api.introspect(token);
    return { kind: "API_APPLICATION", applicationId, subject: applicationId, partners: [partner], officerRoles: [] };
  }
}
