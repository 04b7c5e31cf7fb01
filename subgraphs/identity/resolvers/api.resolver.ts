import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ApiApplication, ApiSubscription } from "../entities/api.entity";
import { API_CATALOGUE } from "../services/config";
import { IdentityContext } from "./context";
import { ApiApplicationIdInput, CreateApiApplicationInput, RenewApiAccessTokenInput, SubscribeToApiInput } from "./inputs";
import { loaders } from "./loaders";
import { ApiApplicationPayload, ApiSubscriptionPayload, ApiTokenPayload } from "./payloads";

@Resolver(() => ApiSubscription)
export class ApiSelfServiceResolver {
  @Query(() => [String], { description: "ID-R22: the APIs offered by API self-service (public)." })
  apiCatalogue(): string[] {
    return API_CATALOGUE;
  }

  @Mutation(() => ApiSubscriptionPayload, { description: "ID-R21, ID-R22 (ePortal step 5): subscribe; refused (API_SELF_SERVICE_UNAVAILABLE) without an active ACee, ACor or Freight role." })
  async subscribeToApi(@Arg("input") input: SubscribeToApiInput, @Ctx() ctx: IdentityContext): Promise<ApiSubscriptionPayload> {
    return { subscription: await ctx.services.api.subscribe(ctx.principal, input) };
  }

  @Mutation(() => ApiApplicationPayload, { description: "ID-R22, ID-R23: create the application; its four keys are in `credentials`, displayed only this once." })
  async createApiApplication(@Arg("input") input: CreateApiApplicationInput, @Ctx() ctx: IdentityContext): Promise<ApiApplicationPayload> {
    return ctx.services.api.createApplication(ctx.principal, input);
  }

  @Mutation(() => ApiApplicationPayload, { description: "ID-R23: new keys when the old ones were not copied or leaked; the old keys stop working at once." })
  async regenerateApiKeys(@Arg("input") input: ApiApplicationIdInput, @Ctx() ctx: IdentityContext): Promise<ApiApplicationPayload> {
    return ctx.services.api.regenerateKeys(ctx.principal, input.applicationId);
  }

  @Mutation(() => ApiApplicationPayload, { description: "Delete the application; its keys stop working at once." })
  async deleteApiApplication(@Arg("input") input: ApiApplicationIdInput, @Ctx() ctx: IdentityContext): Promise<ApiApplicationPayload> {
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
  async renewApiAccessToken(@Arg("input") input: RenewApiAccessTokenInput, @Ctx() ctx: IdentityContext): Promise<ApiTokenPayload> {
    return ctx.services.api.renew(input);
  }

  @FieldResolver(() => [ApiApplication])
  async applications(@Root() subscription: ApiSubscription, @Ctx() ctx: IdentityContext): Promise<ApiApplication[]> {
    return loaders.applicationsOfSubscription(ctx).load(subscription.id);
  }
}
