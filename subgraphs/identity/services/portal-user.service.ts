import { randomUUID } from "node:crypto";
import { DataSource, EntityManager } from "typeorm";
import { Clock, Principal, UnauthenticatedError, transaction } from "../../kit";
import { PortalUser } from "../entities/portal-user.entity";
import { SecondFactor } from "../entities/enums";
import { IdentityAccess } from "./access";
import { IdentityErrors } from "./errors";

export class PortalUserService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: IdentityAccess,
  ) {}

  async me(principal: Principal): Promise<PortalUser | null> {
    if (principal.kind !== "PORTAL_USER" || !principal.subject) return null;
    return this.dataSource.getRepository(PortalUser).findOneBy({ chLoginSubject: principal.subject });
  }

  /**
   * ID-R01 (ePortal step 1): the CH-LOGIN account (the caller's token) is registered as an
   * ePortal user. Registering twice is refused.
   */
  async register(principal: Principal, input: { email: string; emailNotificationsEnabled?: boolean | null }): Promise<PortalUser> {
    if (principal.kind !== "PORTAL_USER" || !principal.subject) throw new UnauthenticatedError("Log in with your CH-LOGIN account.");
    return transaction(this.dataSource, async m => {
      if (await m.findOneBy(PortalUser, { chLoginSubject: principal.subject })) {
        throw IdentityErrors.portalUserAlreadyRegistered();
      }
      await this.refuseTakenEmail(m, input.email);
      return m.save(
        m.create(PortalUser, {
          id: randomUUID(),
          chLoginSubject: principal.subject,
          email: input.email.toLowerCase(),
          secondFactor: SecondFactor.NONE,
          emailNotificationsEnabled: input.emailNotificationsEnabled ?? true,
          createdAt: this.clock.now(),
          failedCodeAttempts: 0,
          redemptionLockedUntil: null,
        }),
      );
    });
  }

  /** ID-R02 (ePortal step 1): a second factor; the CH-LOGIN account proves it at each login. */
  async addSecondFactor(principal: Principal, kind: SecondFactor): Promise<PortalUser> {
    if (kind === SecondFactor.NONE) {
      throw IdentityErrors.refused("BAD_USER_INPUT", "Choose MTAN or AUTHENTICATOR_APP.", { rule: "ID-R02", article: "ePortal step 1", field: "input.kind" });
    }
    return transaction(this.dataSource, async m => {
      const user = await this.access.requireUser(m, principal, false);
      user.secondFactor = kind;
      return m.save(user);
    });
  }

  /** ID-R38 (ePortal step 1): profile and e-mail notifications. */
  async updateProfile(principal: Principal, input: { email?: string | null; emailNotificationsEnabled?: boolean | null }): Promise<PortalUser> {
    return transaction(this.dataSource, async m => {
      const user = await this.access.requireUser(m, principal, false);
      if (input.email && input.email.toLowerCase() !== user.email) {
        await this.refuseTakenEmail(m, input.email);
        user.email = input.email.toLowerCase();
      }
      if (input.emailNotificationsEnabled !== undefined && input.emailNotificationsEnabled !== null) {
        user.emailNotificationsEnabled = input.emailNotificationsEnabled;
      }
      return m.save(user);
    });
  }

  /**
   * One address, one account (ID-R17: administrators add users by it). The unique key decides a
   * race; this check gives the common case its error before any write.
   */
  private async refuseTakenEmail(m: EntityManager, email: string): Promise<void> {
    if (await m.findOneBy(PortalUser, { email: email.toLowerCase() })) throw IdentityErrors.emailTaken("input.email");
  }
}
