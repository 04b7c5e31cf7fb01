import { Field, ID, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { ApiApplicationStatus, ApiSubscriptionStatus } from "./enums";

@ObjectType({ description: "A subscription to an FOCBS API through API self-service (ID-R21, ID-R22, ePortal step 5)." })
@Entity("api_subscription")
export class ApiSubscription {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field({ description: 'The API, e.g. "B2B HuB Partner API for Passar declarations" (ID-R22).' })
  @Column({ type: "varchar", length: 120, name: "api_name" })
  apiName: string;

  @Field(() => ApiSubscriptionStatus)
  @Column({ type: "varchar", length: 16 })
  status: ApiSubscriptionStatus;

  @Field()
  @Column({ type: "datetime", precision: 3, name: "subscribed_at" })
  subscribedAt: Date;
}

@ObjectType({
  description:
    "An application created under a subscription, named after the clearance software (ID-R22). ID-R23 (ePortal step 5): its four keys (access token, refresh token, consumer key, consumer secret) are shown once, in the `credentials` of `createApiApplication` or `regenerateApiKeys`, and never again: none of them is a field here, and only their SHA-256 hashes and short fingerprints are kept.",
})
@Entity("api_application")
export class ApiApplication {
  @Field(() => ID)
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "subscription_id" })
  subscriptionId: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Field()
  @Column({ type: "varchar", length: 120, name: "software_name" })
  softwareName: string;

  @Field(() => ApiApplicationStatus)
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

  @Field()
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
