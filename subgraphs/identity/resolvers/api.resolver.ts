import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ConnectionArgs } from "../../kit";
import { ApiSubscription } from "../entities/api.entity";
import { API_CATALOGUE } from "../services/config";
import { IdentityContext } from "./context";
import { ApiApplicationIdInput, CreateApiApplicationInput, RenewApiAccessTokenInput, SubscribeToApiInput } from "./inputs";
import { loaders } from "./loaders";
import { ApiApplicationConnection, ApiApplicationPayload, ApiSubscriptionPayload, ApiTokenPayload } from "./payloads";

@Resolver(() => ApiSubscription)
export class ApiSelfServiceResolver {
  @Query(() => [String], { description: "ID-R22: the APIs offered by API self-service (public)." })
  apiCatalogue(): string[] {
    return API_CATALOGUE;
  }

  @Mutation(() => ApiSubscriptionPayload, { description: "ID-R21, ID-R22 (ePortal step 5): subscribe; refused (API_SELF_SERVICE_UNAVAILABLE) without an active ACee, ACor or Freight role." })
  async subscribeToApi(@Arg("input", { description: "The partner and the API of the catalogue." }) input: SubscribeToApiInput, @Ctx() ctx: IdentityContext): Promise<ApiSubscriptionPayload> {
    return { subscription: await ctx.services.api.subscribe(ctx.principal, input) };
  }

  @Mutation(() => ApiApplicationPayload, { description: "ID-R22, ID-R23: create the application; its four keys are in `credentials`, displayed only this once." })
  async createApiApplication(@Arg("input", { description: "The subscription and the name of the clearance software." }) input: CreateApiApplicationInput, @Ctx() ctx: IdentityContext): Promise<ApiApplicationPayload> {
    return ctx.services.api.createApplication(ctx.principal, input);
  }

  @Mutation(() => ApiApplicationPayload, { description: "ID-R23: new keys when the old ones were not copied or leaked; the old keys stop working at once." })
  async regenerateApiKeys(@Arg("input", { description: "The application whose keys are replaced." }) input: ApiApplicationIdInput, @Ctx() ctx: IdentityContext): Promise<ApiApplicationPayload> {
    return ctx.services.api.regenerateKeys(ctx.principal, input.applicationId);
  }

  @Mutation(() => ApiApplicationPayload, { description: "Delete the application; its keys stop working at once." })
  async deleteApiApplication(@Arg("input", { description: "The application to delete." }) input: ApiApplicationIdInput, @Ctx() ctx: IdentityContext): Promise<ApiApplicationPayload> {
    return { application: await ctx.services.api.deleteApplication(ctx.principal, input.applicationId), credentials: null };
  }

  @Mutation(() => ApiTokenPayload, {
    description:
      "Partner software renews its access token with the refresh token (rotated on use) or with consumer key and secret. Needs no login: the keys are the proof. " +
      "Refused with API_TOKEN_INVALID (unknown key or token, wrong secret, refresh token already used or revoked), API_TOKEN_EXPIRED (refresh token past its lifetime), API_APPLICATION_REVOKED, API_SELF_SERVICE_UNAVAILABLE (ID-R21) or API_CREDENTIALS_LOCKED. " +
      "DESIGN CHOICE (not in sources, which are silent on lockout: the authority's choice, as ePortal locks its own logins after repeated failures): " +
      "by default 5 wrong consumer secrets within 15 minutes of the first lock the consumer key for 15 minutes, refusing even the right secret; " +
      "5 refresh tokens of one application presented after they were rotated or revoked (a replayed refresh token is the classic sign of theft) lock renewal by refresh token for that application the same way, while its consumer key still renews. " +
      "The failure that reaches the threshold is itself answered API_CREDENTIALS_LOCKED; its extensions carry lockedUntil (DateTime) and retryAfterSeconds. " +
      "A successful renewal by the same path resets the count, regenerating the keys lifts both locks, and unknown keys or tokens count nothing.",
  })
  async renewApiAccessToken(@Arg("input", { description: "Either the refresh token, or the consumer key with the consumer secret." }) input: RenewApiAccessTokenInput, @Ctx() ctx: IdentityContext): Promise<ApiTokenPayload> {
    return ctx.services.api.renew(input);
  }

  @FieldResolver(() => ApiApplicationConnection, {
    description:
      "The applications created under this subscription (ID-R22), active and deleted, oldest first. A connection: applications can be created and deleted without limit. Never their keys (ID-R23). Reached only through the partner's `apiSubscriptions` or the answer of subscribeToApi, so only by those who act for the partner, and officers.",
  })
  async applications(@Root() subscription: ApiSubscription, @Args(() => ConnectionArgs) args: ConnectionArgs, @Ctx() ctx: IdentityContext) {
    return loaders.applicationsOfSubscription(ctx, args).load(subscription.id);
  }
}
