import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { ApiApplicationStatus, ApiSubscriptionStatus } from "./enums";

@ObjectType({ description: "A subscription to an FOCBS API through API self-service (ID-R21, ID-R22, ePortal step 5)." })
@Entity("api_subscription")
export class ApiSubscription {
  @Field(() => ID, { description: "Opaque, stable identifier of the subscription." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field({ description: 'The API, e.g. "B2B HuB Partner API for Passar declarations" (ID-R22).' })
  @Column({ type: "varchar", length: 120, name: "api_name" })
  apiName: string;

  @Field(() => ApiSubscriptionStatus, { description: "ACTIVE; CANCELLED is reserved (nothing cancels a subscription yet)." })
  @Column({ type: "varchar", length: 16 })
  status: ApiSubscriptionStatus;

  @Field({ description: "When the partner subscribed (ID-R22; ISO 8601 with offset, stored in UTC)." })
  @Column({ type: "datetime", precision: 3, name: "subscribed_at" })
  subscribedAt: Date;
}

@ObjectType({
  description:
    "An application created under a subscription, named after the clearance software (ID-R22). ID-R23 (ePortal step 5): its four keys (access token, refresh token, consumer key, consumer secret) are shown once, in the `credentials` of `createApiApplication` or `regenerateApiKeys`, and never again: none of them is a field here, and only their SHA-256 hashes and short fingerprints are kept.",
})
@Entity("api_application")
export class ApiApplication {
  @Field(() => ID, { description: "Opaque, stable identifier of the application; the gateway names partner software by it (e.g. in trusted documents)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "subscription_id" })
  subscriptionId: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field({ description: "The name given to the application: the clearance software it is for (ID-R22), 2 to 120 characters." })
  @Column({ type: "varchar", length: 120, name: "software_name" })
  softwareName: string;

  @Field(() => ApiApplicationStatus, { description: "ACTIVE, or DELETED: the keys of a deleted application stop working at once (DESIGN CHOICE)." })
  @Column({ type: "varchar", length: 16 })
  status: ApiApplicationStatus;

  @Field({ description: "When the current keys were issued (ID-R23); regenerating replaces them." })
  @Column({ type: "datetime", precision: 3, name: "keys_issued_at" })
  keysIssuedAt: Date;

  /** ID-R23: the consumer key is shown once, like the other three; renewal finds the application by this hash. */
  @Index({ unique: true })
  @Column({ type: "varchar", length: 64, name: "consumer_key_hash" })
  consumerKeyHash: string;

  @Column({ type: "varchar", length: 64, name: "consumer_secret_hash" })
  consumerSecretHash: string;

  @Field(() => [String], {
    description: "Short SHA-256 fingerprints of the four current keys (access token, refresh token, consumer key, consumer secret), not secret: they tell which keys a software holds without showing them again (ID-R23, ID-R24).",
  })
  @Column({ type: "simple-json", name: "key_fingerprints" })
  keyFingerprints: string[];

  @Field({ description: "When the application was created (ID-R22; ISO 8601 with offset, stored in UTC)." })
  @Column({ type: "datetime", precision: 3, name: "created_at" })
  createdAt: Date;
}

/** Access and refresh tokens of an application, stored as SHA-256 hashes. */
@Entity("api_token")
export class ApiToken {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "application_id" })
  applicationId: string;

  @Column({ type: "varchar", length: 8 })
  kind: "ACCESS" | "REFRESH";

  @Index({ unique: true })
  @Column({ type: "varchar", length: 64, name: "token_hash" })
  tokenHash: string;

  @Column({ type: "datetime", precision: 3, name: "issued_at" })
  issuedAt: Date;

  @Column({ type: "datetime", precision: 3, name: "expires_at" })
  expiresAt: Date;

  @Column({ type: "datetime", precision: 3, name: "revoked_at", nullable: true })
  revokedAt: Date | null;
}

/** The two ways partner software renews its access token; each has its own lockout. */
export type RenewalCredential = "CONSUMER_KEY" | "REFRESH_TOKEN";

/**
 * DESIGN CHOICE (not in sources): failed renewals of one application by one path (wrong consumer
 * secrets against its consumer key; refresh tokens of it presented after they were rotated or
 * revoked), counted from the first failure of the current window, and the lock they set. A row
 * exists only once a failure happened; a successful renewal by that path deletes it. Read and
 * written only under the application's row lock (services/renewal-lockout.ts).
 */
@Entity("api_renewal_lockout")
export class ApiRenewalLockout {
  @PrimaryColumn({ type: "varchar", length: 36, name: "application_id" })
  applicationId: string;

  @PrimaryColumn({ type: "varchar", length: 16 })
  credential: RenewalCredential;

  @Column({ type: "integer", name: "failed_attempts" })
  failedAttempts: number;

  /** The first failure of the current window: failures count within the window from here. */
  @Column({ type: "datetime", precision: 3, name: "window_started_at" })
  windowStartedAt: Date;

  /** Set once, by the failure that reaches the threshold; past, the path renews again. */
  @Column({ type: "datetime", precision: 3, name: "locked_until", nullable: true })
  lockedUntil: Date | null;
}
