import { MigrationInterface, QueryRunner, Table, TableIndex } from "typeorm";

/**
 * The identity schema (DOMAIN.md §2). Generated once by scripts/gen-initial-migration.ts from the
 * entities, then reviewed; engine-neutral (TypeORM schema API), so it runs on MySQL and SQLite.
 */
export class IdentitySchema1763800000100 implements MigrationInterface {
  name = "IdentitySchema1763800000100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "aeo_status",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "status", type: "varchar", length: "16" },
          { name: "requested_at", type: "datetime", precision: 3 },
          { name: "granted_at", type: "datetime", precision: 3, isNullable: true },
          { name: "criteria", type: "text", isNullable: true },
          { name: "refusal_reason", type: "varchar", length: "1000", isNullable: true },
        ],
      }),
    );
    await q.createIndex("aeo_status", new TableIndex({ name: "IDX_2083b0cf193d230e1974cb4c6e", columnNames: ["partner_id"] }));
    await q.createTable(
      new Table({
        name: "api_subscription",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "api_name", type: "varchar", length: "120" },
          { name: "status", type: "varchar", length: "16" },
          { name: "subscribed_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("api_subscription", new TableIndex({ name: "IDX_352e7602ac7de9b5113b1cebe7", columnNames: ["partner_id"] }));
    await q.createTable(
      new Table({
        name: "api_application",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "subscription_id", type: "varchar", length: "36" },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "software_name", type: "varchar", length: "120" },
          { name: "status", type: "varchar", length: "16" },
          { name: "keys_issued_at", type: "datetime", precision: 3 },
          { name: "consumer_key", type: "varchar", length: "48" },
          { name: "consumer_secret_hash", type: "varchar", length: "64" },
          { name: "key_fingerprints", type: "text" },
          { name: "created_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("api_application", new TableIndex({ name: "IDX_6f601d33a7a31e7453de4f63dc", columnNames: ["subscription_id"] }));
    await q.createIndex("api_application", new TableIndex({ name: "IDX_5bf7c314f3dea2d47a9f010d48", columnNames: ["partner_id"] }));
    await q.createIndex("api_application", new TableIndex({ name: "IDX_441ce5552054f6ddf5cac00577", columnNames: ["consumer_key"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "api_token",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "application_id", type: "varchar", length: "36" },
          { name: "kind", type: "varchar", length: "8" },
          { name: "token_hash", type: "varchar", length: "64" },
          { name: "issued_at", type: "datetime", precision: 3 },
          { name: "expires_at", type: "datetime", precision: 3 },
          { name: "revoked_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("api_token", new TableIndex({ name: "IDX_822722b30636abf5265ea11423", columnNames: ["application_id"] }));
    await q.createIndex("api_token", new TableIndex({ name: "IDX_bafaa5aab5957cd193fb2da8f2", columnNames: ["token_hash"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "customs_system_authorisation",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "systems", type: "text" },
          { name: "scope", type: "varchar", length: "40" },
          { name: "transit_only", type: "boolean" },
          { name: "status", type: "varchar", length: "24" },
          { name: "written_application_reference", type: "varchar", length: "100" },
          { name: "applied_at", type: "datetime", precision: 3 },
          { name: "it_equipment_confirmed", type: "boolean" },
          { name: "proper_conduct_guaranteed", type: "boolean" },
          { name: "security_provided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "security_reference", type: "varchar", length: "100", isNullable: true },
          { name: "notification_domicile", type: "varchar", length: "300", isNullable: true },
          { name: "data_access_granted", type: "boolean" },
          { name: "juxtaposed_office_premises", type: "varchar", length: "300", isNullable: true },
          { name: "documents_complete_at", type: "datetime", precision: 3, isNullable: true },
          { name: "decision_due_by", type: "varchar", length: "10", isNullable: true },
          { name: "decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "business_number", type: "varchar", length: "12", isNullable: true },
          { name: "refusal_reason", type: "varchar", length: "1000", isNullable: true },
          { name: "withdrawal_ground", type: "varchar", length: "40", isNullable: true },
          { name: "withdrawal_reason", type: "varchar", length: "1000", isNullable: true },
          { name: "withdrawn_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("customs_system_authorisation", new TableIndex({ name: "IDX_08fa5444e2faad5c0c3b839f96", columnNames: ["partner_id"] }));
    await q.createIndex("customs_system_authorisation", new TableIndex({ name: "IDX_de953b2e39ce685377cbf5db86", columnNames: ["business_number"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "business_partner",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_type", type: "varchar", length: "24" },
          { name: "name", type: "varchar", length: "200" },
          { name: "uid", type: "varchar", length: "15", isNullable: true },
          { name: "ber_number", type: "varchar", length: "8", isNullable: true },
          { name: "head_office_id", type: "varchar", length: "36", isNullable: true },
          { name: "entry_mode", type: "varchar", length: "16" },
          { name: "domicile_in_customs_territory", type: "boolean", isNullable: true },
          { name: "status", type: "varchar", length: "24" },
          { name: "registered_by_id", type: "varchar", length: "36" },
          { name: "created_at", type: "datetime", precision: 3 },
          { name: "register_Street", type: "varchar", length: "200" },
          { name: "register_Postal_code", type: "varchar", length: "16" },
          { name: "register_City", type: "varchar", length: "100" },
          { name: "register_Country", type: "varchar", length: "2" },
        ],
      }),
    );
    await q.createIndex("business_partner", new TableIndex({ name: "IDX_66f93fba206971210d95b53879", columnNames: ["name"] }));
    await q.createIndex("business_partner", new TableIndex({ name: "IDX_95e6b1e0da363e91db316abc36", columnNames: ["uid"], isUnique: true }));
    await q.createIndex("business_partner", new TableIndex({ name: "IDX_5eef5536e39b1eaaf31cf745d8", columnNames: ["ber_number"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "declarant_employee",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "personal_number", type: "varchar", length: "20" },
          { name: "name", type: "varchar", length: "200" },
          { name: "person_id", type: "varchar", length: "36", isNullable: true },
          { name: "active", type: "boolean" },
          { name: "announced_at", type: "datetime", precision: 3 },
          { name: "deactivated_at", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("declarant_employee", new TableIndex({ name: "IDX_b7ad73d3543823ec3ddcbff943", columnNames: ["partner_id"] }));
    await q.createIndex("declarant_employee", new TableIndex({ name: "IDX_f876ccf3a17b5708ed3127a031", columnNames: ["partner_id", "personal_number"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "partner_membership",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "user_id", type: "varchar", length: "36" },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "portal_role", type: "varchar", length: "16" },
          { name: "since", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("partner_membership", new TableIndex({ name: "IDX_8ba49d81943d3e865d7f688011", columnNames: ["user_id"] }));
    await q.createIndex("partner_membership", new TableIndex({ name: "IDX_51b47720aa99566eee09fa2f34", columnNames: ["partner_id"] }));
    await q.createIndex("partner_membership", new TableIndex({ name: "IDX_7d5f0df8f1fbfcb1938a80a495", columnNames: ["user_id", "partner_id"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "onboarding_code",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "code_hash", type: "varchar", length: "64" },
          { name: "issued_at", type: "datetime", precision: 3 },
          { name: "valid_until", type: "datetime", precision: 3 },
          { name: "status", type: "varchar", length: "16" },
          { name: "requested_by_id", type: "varchar", length: "36" },
          { name: "redeemed_by_id", type: "varchar", length: "36", isNullable: true },
          { name: "redeemed_at", type: "datetime", precision: 3, isNullable: true },
          { name: "delivery_Street", type: "varchar", length: "200" },
          { name: "delivery_Postal_code", type: "varchar", length: "16" },
          { name: "delivery_City", type: "varchar", length: "100" },
          { name: "delivery_Country", type: "varchar", length: "2" },
        ],
      }),
    );
    await q.createIndex("onboarding_code", new TableIndex({ name: "IDX_7c3ba7e457888682b122967020", columnNames: ["partner_id"] }));
    await q.createIndex("onboarding_code", new TableIndex({ name: "IDX_0d5e0bde364d914a337347f672", columnNames: ["code_hash"], isUnique: true }));
    await q.createTable(
      new Table({
        name: "terms_of_use_acceptance",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "user_id", type: "varchar", length: "36" },
          { name: "terms_version", type: "varchar", length: "32" },
          { name: "accepted_at", type: "datetime", precision: 3 },
        ],
      }),
    );
    await q.createIndex("terms_of_use_acceptance", new TableIndex({ name: "IDX_ad66d6213f63848c1a6a8f0c23", columnNames: ["user_id"] }));
    await q.createTable(
      new Table({
        name: "partner_role",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "role_type", type: "varchar", length: "32" },
          { name: "status", type: "varchar", length: "24" },
          { name: "requested_by_id", type: "varchar", length: "36" },
          { name: "requested_at", type: "datetime", precision: 3 },
          { name: "released_at", type: "datetime", precision: 3, isNullable: true },
          { name: "decision_note", type: "varchar", length: "1000", isNullable: true },
          { name: "decided_by", type: "varchar", length: "200", isNullable: true },
          { name: "ended_at", type: "datetime", precision: 3, isNullable: true },
          { name: "contact_Name", type: "varchar", length: "200", isNullable: true },
          { name: "contact_Email", type: "varchar", length: "254", isNullable: true },
          { name: "contact_Phone", type: "varchar", length: "32", isNullable: true },
        ],
      }),
    );
    await q.createIndex("partner_role", new TableIndex({ name: "IDX_b4482f32134f9858ef558f505b", columnNames: ["partner_id"] }));
    await q.createTable(
      new Table({
        name: "portal_user",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "ch_login_subject", type: "varchar", length: "200" },
          { name: "email", type: "varchar", length: "254" },
          { name: "second_factor", type: "varchar", length: "24" },
          { name: "email_notifications_enabled", type: "boolean" },
          { name: "created_at", type: "datetime", precision: 3 },
          { name: "failed_code_attempts", type: "integer", default: 0 },
          { name: "redemption_locked_until", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
    await q.createIndex("portal_user", new TableIndex({ name: "IDX_c3f7650a18ccda0350f8b7580e", columnNames: ["ch_login_subject"], isUnique: true }));
    await q.createIndex("portal_user", new TableIndex({ name: "IDX_294776787b085442bbf420facd", columnNames: ["email"] }));
    await q.createTable(
      new Table({
        name: "uid_register_entry",
        columns: [
          { name: "uid", type: "varchar", length: "15", isPrimary: true },
          { name: "name", type: "varchar", length: "200" },
          { name: "partner_type", type: "varchar", length: "24" },
          { name: "domicile_in_customs_territory", type: "boolean" },
          { name: "address_Street", type: "varchar", length: "200" },
          { name: "address_Postal_code", type: "varchar", length: "16" },
          { name: "address_City", type: "varchar", length: "100" },
          { name: "address_Country", type: "varchar", length: "2" },
        ],
      }),
    );
    await q.createIndex("uid_register_entry", new TableIndex({ name: "IDX_1ea88799c51fd6c59af58f0006", columnNames: ["name"] }));
    await q.createTable(
      new Table({
        name: "ber_register_entry",
        columns: [
          { name: "ber_number", type: "varchar", length: "8", isPrimary: true },
          { name: "head_office_uid", type: "varchar", length: "15" },
          { name: "name", type: "varchar", length: "200" },
          { name: "address_Street", type: "varchar", length: "200" },
          { name: "address_Postal_code", type: "varchar", length: "16" },
          { name: "address_City", type: "varchar", length: "100" },
          { name: "address_Country", type: "varchar", length: "2" },
        ],
      }),
    );
    await q.createIndex("ber_register_entry", new TableIndex({ name: "IDX_c9c0efe4dc569af3ca9ea63cc0", columnNames: ["head_office_uid"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("ber_register_entry");
    await q.dropTable("uid_register_entry");
    await q.dropTable("portal_user");
    await q.dropTable("partner_role");
    await q.dropTable("terms_of_use_acceptance");
    await q.dropTable("onboarding_code");
    await q.dropTable("partner_membership");
    await q.dropTable("declarant_employee");
    await q.dropTable("business_partner");
    await q.dropTable("customs_system_authorisation");
    await q.dropTable("api_token");
    await q.dropTable("api_application");
    await q.dropTable("api_subscription");
    await q.dropTable("aeo_status");
  }
}
