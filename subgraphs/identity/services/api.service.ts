import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In, IsNull } from "typeorm";
import { Clock, DomainError, EventPublisher, findForUpdate, NotFoundError, PartnerGrant, Principal, transaction } from "../../kit";
import { ApiApplication, ApiSubscription, ApiToken } from "../entities/api.entity";
import { ApiApplicationStatus, ApiSubscriptionStatus, RoleStatus } from "../entities/enums";
import { PartnerRole } from "../entities/partner-role.entity";
import { IdentityAccess } from "./access";
import { API_CATALOGUE, IdentityConfig } from "./config";
import { IdentityErrors } from "./errors";
import { RenewalCounter, RenewalLockouts } from "./renewal-lockout";
import { RoleService } from "./role.service";
import { fingerprint, randomToken, sha256 } from "./secrets";

/** The four keys of ID-R23, returned exactly once. */
export interface IssuedCredentials {
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  consumerKey: string;
  consumerSecret: string;
}

export class ApiAuthError extends Error {
  constructor(readonly code: "API_TOKEN_INVALID" | "API_TOKEN_EXPIRED" | "API_APPLICATION_REVOKED" | "API_SELF_SERVICE_UNAVAILABLE", message: string) {
    super(message);
  }
}

type RenewedTokens = Omit<IssuedCredentials, "consumerKey" | "consumerSecret">;

/** A renewal's transaction either issues tokens, or counts a failure and ends with the refusal to throw once committed. */
type RenewalOutcome = { tokens: RenewedTokens } | { refusal: DomainError };

const WRONG_CLIENT = "Unknown consumer key or wrong consumer secret.";
const INVALID_REFRESH = "The refresh token is not valid.";

export class ApiSelfService {
  private readonly lockouts: RenewalLockouts;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: IdentityAccess,
    private readonly config: IdentityConfig,
    private readonly roles: RoleService,
    private readonly events: EventPublisher,
  ) {
    this.lockouts = new RenewalLockouts(config.renewalLockout);
  }

  /**
   * ePortal step 5: subscribe to an API of the catalogue (ID-R22). Refused unless an ACee, ACor
   * or Freight role is ACTIVE (ID-R21).
   */
  async subscribe(principal: Principal, input: { partnerId: string; apiName: string }): Promise<ApiSubscription> {
    if (!API_CATALOGUE.includes(input.apiName)) {
      throw IdentityErrors.refused("API_NOT_IN_CATALOGUE", `Unknown API; available: ${API_CATALOGUE.join(", ")}.`, { field: "input.apiName", rule: "ID-R22", article: "ePortal step 5" });
    }
    return transaction(this.dataSource, async m => {
      await this.access.requirePartnerAdministrator(m, principal, input.partnerId);
      await this.access.lockPartner(m, input.partnerId);
      await this.requireSelfService(m, input.partnerId);
      const existing = await m.findOneBy(ApiSubscription, { partnerId: input.partnerId, apiName: input.apiName, status: ApiSubscriptionStatus.ACTIVE });
      if (existing) {
        throw IdentityErrors.refused("ALREADY_SUBSCRIBED", "The partner already subscribes to this API.", { field: "input.apiName", rule: "ID-R22", article: "ePortal step 5", subscriptionId: existing.id });
      }
      return m.save(m.create(ApiSubscription, { id: randomUUID(), partnerId: input.partnerId, apiName: input.apiName, status: ApiSubscriptionStatus.ACTIVE, subscribedAt: this.clock.now() }));
    });
  }

  /** ID-R22, ID-R23: an application named after the clearance software, with four keys shown once. */
  async createApplication(principal: Principal, input: { subscriptionId: string; softwareName: string }): Promise<{ application: ApiApplication; credentials: IssuedCredentials }> {
    return transaction(this.dataSource, async m => {
      // Who is asking comes first: an unknown id tells a stranger nothing.
      await this.access.requireUser(m, principal);
      const subscription = await m.findOneBy(ApiSubscription, { id: input.subscriptionId });
      if (!subscription || subscription.status !== ApiSubscriptionStatus.ACTIVE) throw new NotFoundError("ApiSubscription", input.subscriptionId, "input.subscriptionId");
      await this.access.requirePartnerAdministrator(m, principal, subscription.partnerId);
      await this.requireSelfService(m, subscription.partnerId);
      const now = this.clock.now();
      const consumerKey = randomToken("ck", 18);
      const consumerSecret = randomToken("cs");
      const application = m.create(ApiApplication, {
        id: randomUUID(),
        subscriptionId: subscription.id,
        partnerId: subscription.partnerId,
        softwareName: input.softwareName.trim(),
        status: ApiApplicationStatus.ACTIVE,
        keysIssuedAt: now,
        consumerKeyHash: sha256(consumerKey),
        consumerSecretHash: sha256(consumerSecret),
        keyFingerprints: [],
        createdAt: now,
      });
      const tokens = await this.issueTokens(m, application.id, now);
      application.keyFingerprints = [tokens.accessToken, tokens.refreshToken, consumerKey, consumerSecret].map(fingerprint);
      await m.save(application);
      return { application, credentials: { ...tokens, consumerKey, consumerSecret } };
    });
  }

  /**
   * ID-R23: keys not copied must be generated anew. DESIGN CHOICE (DOMAIN.md §2.2): the old four
   * keys stop working at once.
   */
  async regenerateKeys(principal: Principal, applicationId: string): Promise<{ application: ApiApplication; credentials: IssuedCredentials }> {
    return transaction(this.dataSource, async m => {
      // Who is asking comes first: an unknown id tells a stranger nothing.
      await this.access.requireUser(m, principal);
      const application = await this.activeApplication(m, applicationId);
      await this.access.requirePartnerAdministrator(m, principal, application.partnerId);
      await this.requireSelfService(m, application.partnerId);
      const now = this.clock.now();
      await this.revokeTokens(m, application.id, application.partnerId, now);
      const consumerKey = randomToken("ck", 18);
      const consumerSecret = randomToken("cs");
      const tokens = await this.issueTokens(m, application.id, now);
      Object.assign(application, {
        consumerKeyHash: sha256(consumerKey),
        consumerSecretHash: sha256(consumerSecret),
        keysIssuedAt: now,
        keyFingerprints: [tokens.accessToken, tokens.refreshToken, consumerKey, consumerSecret].map(fingerprint),
      });
      await m.save(application);
      // After the application's row, in the order renewals lock them (tokens, application, counters).
      await this.lockouts.clear(m, application.id);
      return { application, credentials: { ...tokens, consumerKey, consumerSecret } };
    });
  }

  /** DESIGN CHOICE: deleting an application revokes its keys at once. */
  async deleteApplication(principal: Principal, applicationId: string): Promise<ApiApplication> {
    return transaction(this.dataSource, async m => {
      // Who is asking comes first: an unknown id tells a stranger nothing.
      await this.access.requireUser(m, principal);
      const application = await this.activeApplication(m, applicationId);
      await this.access.requirePartnerAdministrator(m, principal, application.partnerId);
      await this.revokeTokens(m, application.id, application.partnerId, this.clock.now());
      application.status = ApiApplicationStatus.DELETED;
      return m.save(application);
    });
  }

  /**
   * Partner software renews its access token with its refresh token (which is rotated) or with
   * its consumer key and secret (which issue a new pair). Anonymous: the keys are the proof.
   *
   * DESIGN CHOICE (renewal-lockout.ts): repeated wrong consumer secrets lock the consumer key,
   * repeated replays of used or revoked refresh tokens lock renewal by refresh token, each with
   * API_CREDENTIALS_LOCKED. A failure is counted in this transaction, which then commits; only
   * after the commit is the failure answered, so the refusal does not undo the count.
   */
  async renew(input: { refreshToken?: string | null; consumerKey?: string | null; consumerSecret?: string | null }): Promise<RenewedTokens> {
    const byRefresh = Boolean(input.refreshToken);
    const byClient = Boolean(input.consumerKey || input.consumerSecret);
    if (byRefresh === byClient || (byClient && !(input.consumerKey && input.consumerSecret))) {
      throw IdentityErrors.refused("BAD_USER_INPUT", "Give either refreshToken, or consumerKey with consumerSecret.", { field: "input" });
    }
    const outcome = await transaction(this.dataSource, m => {
      const now = this.clock.now();
      return byRefresh ? this.renewByRefreshToken(m, input.refreshToken!, now) : this.renewByConsumerKey(m, input.consumerKey!, input.consumerSecret!, now);
    });
    if ("refusal" in outcome) throw outcome.refusal;
    return outcome.tokens;
  }

  private async renewByConsumerKey(m: EntityManager, consumerKey: string, consumerSecret: string, now: Date): Promise<RenewalOutcome> {
    // The application's row lock queues every renewal by this key, so its failures count exactly.
    const application = await findForUpdate(m, ApiApplication, { consumerKeyHash: sha256(consumerKey) });
    // An unknown key: nothing to count against.
    if (!application) throw this.authError("API_TOKEN_INVALID", WRONG_CLIENT);
    const counter = await this.lockouts.open(m, application.id, "CONSUMER_KEY", now);
    if (application.consumerSecretHash !== sha256(consumerSecret)) {
      return { refusal: await this.lockouts.fail(m, counter, now, this.authError("API_TOKEN_INVALID", WRONG_CLIENT)) };
    }
    return { tokens: await this.issueRenewal(m, application, counter, now) };
  }

  private async renewByRefreshToken(m: EntityManager, refreshToken: string, now: Date): Promise<RenewalOutcome> {
    // Locked, so two renewals with one token queue: the second finds it rotated, a replay.
    // Token, then application: the order in which regenerating or deleting locks them.
    const token = await findForUpdate(m, ApiToken, { tokenHash: sha256(refreshToken), kind: "REFRESH" });
    if (!token) throw this.authError("API_TOKEN_INVALID", INVALID_REFRESH);
    const application = await findForUpdate(m, ApiApplication, { id: token.applicationId });
    if (!application) throw this.authError("API_APPLICATION_REVOKED", "The application was deleted.");
    const counter = await this.lockouts.open(m, application.id, "REFRESH_TOKEN", now);
    if (token.revokedAt) return { refusal: await this.lockouts.fail(m, counter, now, this.authError("API_TOKEN_INVALID", INVALID_REFRESH)) };
    if (token.expiresAt.getTime() <= now.getTime()) throw this.authError("API_TOKEN_EXPIRED", "The refresh token has expired; use the consumer key and secret.");
    await m.update(ApiToken, { id: token.id }, { revokedAt: now });
    return { tokens: await this.issueRenewal(m, application, counter, now) };
  }

  private async issueRenewal(m: EntityManager, application: ApiApplication, counter: RenewalCounter, now: Date): Promise<RenewedTokens> {
    if (application.status !== ApiApplicationStatus.ACTIVE) throw this.authError("API_APPLICATION_REVOKED", "The application was deleted.");
    await this.requireSelfService(m, application.partnerId);
    await this.lockouts.succeed(m, counter);
    return this.issueTokens(m, application.id, now);
  }

  /**
   * The gateway's question for every partner request: whose is this access token? Revoked keys,
   * deleted applications and a partner without an ACee, ACor or Freight role (ID-R21) fail at
   * once: nothing is cached.
   */
  async introspect(accessToken: string): Promise<{ applicationId: string; partner: PartnerGrant; expiresAt: Date }> {
    const token = await this.dataSource.getRepository(ApiToken).findOneBy({ tokenHash: sha256(accessToken), kind: "ACCESS" });
    if (!token) throw new ApiAuthError("API_TOKEN_INVALID", "The access token is not valid.");
    if (token.revokedAt) throw new ApiAuthError("API_APPLICATION_REVOKED", "The keys of this application were revoked.");
    if (token.expiresAt.getTime() <= this.clock.now().getTime()) throw new ApiAuthError("API_TOKEN_EXPIRED", "The access token has expired; renew it.");
    const application = await this.dataSource.getRepository(ApiApplication).findOneBy({ id: token.applicationId });
    if (!application || application.status !== ApiApplicationStatus.ACTIVE) throw new ApiAuthError("API_APPLICATION_REVOKED", "The application was deleted.");
    const roles = await this.dataSource.getRepository(PartnerRole).findBy({ partnerId: application.partnerId, status: RoleStatus.ACTIVE });
    if (!this.roles.apiSelfServiceAvailable(roles)) {
      throw new ApiAuthError("API_SELF_SERVICE_UNAVAILABLE", "The partner no longer holds an active ACee, ACor or Freight role (ID-R21).");
    }
    return { applicationId: application.id, partner: { partnerId: application.partnerId, portalRole: null, roles: roles.map(r => r.roleType) }, expiresAt: token.expiresAt };
  }

  async subscriptionsOf(partnerIds: readonly string[]): Promise<ApiSubscription[][]> {
    if (!partnerIds.length) return [];
    const rows = await this.dataSource.getRepository(ApiSubscription).find({ where: { partnerId: In([...new Set(partnerIds)]) }, order: { subscribedAt: "ASC" } });
    return partnerIds.map(id => rows.filter(r => r.partnerId === id));
  }

  private async requireSelfService(m: EntityManager, partnerId: string): Promise<void> {
    const roles = await m.findBy(PartnerRole, { partnerId, status: RoleStatus.ACTIVE });
    if (!this.roles.apiSelfServiceAvailable(roles)) {
      throw IdentityErrors.refused("API_SELF_SERVICE_UNAVAILABLE", 'API self-service needs an active "Authorised consignee", "Authorised consignor" or "Freight" role.', {
        rule: "ID-R21",
        article: "ePortal step 5",
        partnerId,
      });
    }
  }

  private async activeApplication(m: EntityManager, id: string): Promise<ApiApplication> {
    // Locked: a deletion and a key regeneration at once do not bring a deleted application back.
    const application = await findForUpdate(m, ApiApplication, { id });
    if (!application || application.status !== ApiApplicationStatus.ACTIVE) throw new NotFoundError("ApiApplication", id, "input.applicationId");
    return application;
  }

  private async issueTokens(m: EntityManager, applicationId: string, now: Date): Promise<RenewedTokens> {
    const accessToken = randomToken("cat");
    const refreshToken = randomToken("crt");
    const accessTokenExpiresAt = new Date(now.getTime() + this.config.accessTokenTtlSeconds * 1000);
    const refreshTokenExpiresAt = new Date(now.getTime() + this.config.refreshTokenTtlSeconds * 1000);
    await m.insert(ApiToken, [
      { id: randomUUID(), applicationId, kind: "ACCESS", tokenHash: sha256(accessToken), issuedAt: now, expiresAt: accessTokenExpiresAt, revokedAt: null },
      { id: randomUUID(), applicationId, kind: "REFRESH", tokenHash: sha256(refreshToken), issuedAt: now, expiresAt: refreshTokenExpiresAt, revokedAt: null },
    ]);
    return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt };
  }

  /**
   * Revokes every live token of an application, and tells the gateway (`ApiCredentialsRevoked`),
   * which may hold what identity said about its access tokens (gateway/auth.ts).
   */
  private async revokeTokens(m: EntityManager, applicationId: string, partnerId: string, now: Date): Promise<void> {
    await m.update(ApiToken, { applicationId, revokedAt: IsNull() }, { revokedAt: now });
    await this.events.publish(m, "ApiCredentialsRevoked", applicationId, { applicationId, partnerId, revokedAt: now.toISOString() });
  }

  private authError(code: string, message: string): DomainError {
    return new DomainError(code, message, { article: "ePortal step 5" });
  }
}
