import { MigrationInterface, QueryRunner, Table } from "typeorm";

/**
 * DESIGN CHOICE (not in sources; services/renewal-lockout.ts): failed renewals per application and
 * path (CONSUMER_KEY, REFRESH_TOKEN), counted from the first failure of the window, and the lock
 * they set. No row until a first failure, so existing applications need nothing. TypeORM schema
 * API only, so it runs on MySQL and SQLite.
 */
export class ApiRenewalLockout1765500000100 implements MigrationInterface {
  name = "ApiRenewalLockout1765500000100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "api_renewal_lockout",
        columns: [
          { name: "application_id", type: "varchar", length: "36", isPrimary: true },
          { name: "credential", type: "varchar", length: "16", isPrimary: true },
          { name: "failed_attempts", type: "integer" },
          { name: "window_started_at", type: "datetime", precision: 3 },
          { name: "locked_until", type: "datetime", precision: 3, isNullable: true },
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("api_renewal_lockout");
  }
}
