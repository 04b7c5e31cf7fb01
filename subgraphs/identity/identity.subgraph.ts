import type { IncomingMessage } from "node:http";
import { buildFederatedSchema, EventEnvelope, PRINCIPAL_HEADER, SubgraphDefinition, verifyPrincipal } from "../kit";
import { AeoStatus } from "./entities/aeo-status.entity";
import { ApiApplication, ApiRenewalLockout, ApiSubscription, ApiToken } from "./entities/api.entity";
import { CustomsSystemAuthorisation } from "./entities/authorisation.entity";
import { BusinessPartner } from "./entities/business-partner.entity";
import { CoveringSecurity } from "./entities/covering-security.entity";
import { DeclarantEmployee } from "./entities/declarant-employee.entity";
import { PartnerMembership } from "./entities/membership.entity";
import { OnboardingCode, TermsOfUseAcceptance } from "./entities/onboarding-code.entity";
import { PartnerRole } from "./entities/partner-role.entity";
import { PortalUser } from "./entities/portal-user.entity";
import { BerRegisterEntry, UidRegisterEntry } from "./entities/uid-register.entity";
import { WithdrawalReferral } from "./entities/withdrawal-referral.entity";
import { migrations } from "./migrations";
import { ApiSelfServiceResolver } from "./resolvers/api.resolver";
import { AeoStatusResolver, CustomsSystemAuthorisationResolver, DeclarantEmployeeResolver } from "./resolvers/authorisation.resolver";
import { IdentityContext } from "./resolvers/context";
import { loaders } from "./resolvers/loaders";
import { BusinessPartnerResolver, OnboardingCodeResolver } from "./resolvers/partner.resolver";
import { PartnerRoleResolver } from "./resolvers/role.resolver";
import { PartnerMembershipResolver, PortalUserResolver } from "./resolvers/user.resolver";
import { createIdentityServices, IdentityServices } from "./services";
import { ApiAuthError } from "./services/api.service";
import { SecurityEndedPayload, SecurityProvidedPayload } from "./services/authorisation.service";
import { IdentityErrors } from "./services/errors";
import { RepeatedOffencesReferralCancelledPayload, RepeatedOffencesReferralPayload } from "./services/withdrawal-referral.service";

export const IDENTITY_ENTITIES = [
  PortalUser,
  BusinessPartner,
  PartnerMembership,
  OnboardingCode,
  TermsOfUseAcceptance,
  PartnerRole,
  ApiSubscription,
  ApiApplication,
  ApiToken,
  ApiRenewalLockout,
  CustomsSystemAuthorisation,
  CoveringSecurity,
  WithdrawalReferral,
  DeclarantEmployee,
  AeoStatus,
  UidRegisterEntry,
  BerRegisterEntry,
];

/**
 * Identity and partners (DOMAIN.md §2): ePortal users, business partners and their onboarding,
 * roles, API self-service, e-dec/NCTS authorisations (with enforcement's withdrawal referrals),
 * declaring employees and AEO status.
 * Owns the `BusinessPartner` and `PortalUser` entities that every other subgraph references.
 */
export const definition: SubgraphDefinition<IdentityServices> = {
  name: "identity",
  entities: IDENTITY_ENTITIES,
  migrations,
  // Issue 15: roles, authorisations and AEO requests keep their history (migrations/1765900000100-IdentityHistory.ts); every transaction stamps the clock for it.
  keepsHistory: true,
  buildSchema: () =>
    buildFederatedSchema({
      subgraph: "identity",
      resolvers: [
        BusinessPartnerResolver,
        OnboardingCodeResolver,
        PortalUserResolver,
        PartnerMembershipResolver,
        PartnerRoleResolver,
        ApiSelfServiceResolver,
        CustomsSystemAuthorisationResolver,
        DeclarantEmployeeResolver,
        AeoStatusResolver,
      ],
      references: {
        BusinessPartner: {
          // Batched: the 100 representations of one `_entities` call cost one SELECT.
          __resolveReference: (ref: { id: string }, ctx: IdentityContext) => (ctx.principal.kind === "ANONYMOUS" ? null : loaders.partner(ctx).load(ref.id)),
        },
        PortalUser: {
          __resolveReference: async (ref: { id: string }, ctx: IdentityContext) => {
            const user = await loaders.user(ctx).load(ref.id);
            const { principal } = ctx;
            const visible = principal.kind === "OFFICER" || principal.kind === "SERVICE" || (principal.kind === "PORTAL_USER" && user?.chLoginSubject === principal.subject);
            return visible ? user : null;
          },
        },
      },
    }),
  // ID-R23 (ePortal step 5): keys are shown once; under an Idempotency-Key these are applied once and never replayed.
  // The gateway remembers who API access tokens are (gateway/auth.ts) and forgets on these: a
  // revocation must have reached it before the revoking caller has its answer.
  deliverAtOnce: ["ApiCredentialsRevoked", "PartnerRoleEnded", "PartnerRoleActivated"],
  secretResults: ["createApiApplication", "regenerateApiKeys", "renewApiAccessToken"],
  // The loser of a race on an "only once" rule that a unique key enforces gets the rule's own error.
  uniqueViolations: {
    "portal_user(ch_login_subject)": IdentityErrors.portalUserAlreadyRegistered,
    "portal_user(email)": () => IdentityErrors.emailTaken("input.email"),
    "business_partner(uid)": () => IdentityErrors.partnerAlreadyRegistered("input.uid"),
    "business_partner(ber_number)": () => IdentityErrors.partnerAlreadyRegistered("input.berNumber"),
    "partner_membership(user_id,partner_id)": IdentityErrors.alreadyAMember,
    "declarant_employee(partner_id,personal_number)": () => IdentityErrors.personalNumberTaken(),
  },
  createServices: runtime => createIdentityServices(runtime),
  // X25 ProfessionalDeclarantProhibited is not consumed here: declarations acts on it (ENF-R05).
  consumes: ["SecurityProvided", "SecurityEnded", "RepeatedOffencesReferral", "RepeatedOffencesReferralCancelled"],
  eventHandlers: services => ({
    // X03 (DOMAIN.md §7): security provided → OD-AFD art. 8 para. 1 let. c fulfilled.
    SecurityProvided: (manager, event: EventEnvelope) => services.authorisations.onSecurityProvided(manager, event.payload as unknown as SecurityProvidedPayload, event.occurredAt),
    // Security cancelled or a bond's termination received → it no longer counts for let. c (ID-R25).
    SecurityEnded: (manager, event: EventEnvelope) => services.authorisations.onSecurityEnded(manager, event.payload as unknown as SecurityEndedPayload, event.occurredAt),
    // X24 (DOMAIN.md §7; ENF-R06, OD-AFD art. 9 let. c): a DGD officer sees the referral and decides; nothing is automatic.
    RepeatedOffencesReferral: (manager, event: EventEnvelope) => services.referrals.onRaised(manager, event.payload as unknown as RepeatedOffencesReferralPayload, event.occurredAt),
    // Enforcement withdrew its referral: an OPEN one is CANCELLED, a decided one stays decided.
    RepeatedOffencesReferralCancelled: (manager, event: EventEnvelope) =>
      services.referrals.onCancelled(manager, event.payload as unknown as RepeatedOffencesReferralCancelledPayload, event.occurredAt),
  }),
  routes: (services, runtime) => ({
    /** The gateway asks who a portal user or an access token is (see gateway/auth.ts). */
    "POST /internal/principal": async (req: IncomingMessage, body: unknown) => {
      const header = req.headers[PRINCIPAL_HEADER];
      const caller = await verifyPrincipal(Array.isArray(header) ? header[0] : header, runtime.secret, runtime.name);
      if (!caller || caller.kind !== "SERVICE") return { status: 401, body: { code: "UNSIGNED_REQUEST", message: "Only the gateway may ask." } };
      const request = (body ?? {}) as { kind?: string; subject?: string; token?: string };
      if (request.kind === "PORTAL_USER" && typeof request.subject === "string" && request.subject) {
        return { status: 200, body: { principal: await services.principals.forPortalUser(request.subject) } };
      }
      if (request.kind === "API_ACCESS_TOKEN" && typeof request.token === "string" && request.token) {
        try {
          const { principal, validForMs } = await services.principals.resolveAccessToken(request.token);
          return { status: 200, body: { principal, validForMs } };
        } catch (error) {
          if (error instanceof ApiAuthError) return { status: 401, body: { code: error.code, message: error.message } };
          throw error;
        }
      }
      return { status: 400, body: { code: "BAD_REQUEST", message: "Give { kind: PORTAL_USER, subject } or { kind: API_ACCESS_TOKEN, token }." } };
    },
  }),
};
