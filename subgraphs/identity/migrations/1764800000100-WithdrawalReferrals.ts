import { MigrationInterface, QueryRunner, Table, TableIndex } from "typeorm";

/**
 * ENF-R06 (OD-AFD art. 9 let. c; ID-R31): enforcement's referrals of repeated offences (event
 * X24), keyed by the referral's own id so that a redelivered event records one row, with the
 * DGD's decision. TypeORM schema API only, so it runs on MySQL and SQLite.
 */
export class WithdrawalReferrals1764800000100 implements MigrationInterface {
  name = "WithdrawalReferrals1764800000100";

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: "withdrawal_referral",
        columns: [
          { name: "id", type: "varchar", length: "36", isPrimary: true },
          { name: "partner_id", type: "varchar", length: "36" },
          { name: "case_ids", type: "text" },
          { name: "case_numbers", type: "text" },
          { name: "reason", type: "text" },
          { name: "raised_at", type: "datetime", precision: 3 },
          { name: "received_at", type: "datetime", precision: 3 },
          { name: "status", type: "varchar", length: "16" },
          { name: "decided_at", type: "datetime", precision: 3, isNullable: true },
          { name: "decided_by", type: "varchar", length: "200", isNullable: true },
          { name: "decision_reason", type: "text", isNullable: true },
        ],
      }),
    );
    await q.createIndex("withdrawal_referral", new TableIndex({ name: "IDX_withdrawal_referral_partner", columnNames: ["partner_id"] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable("withdrawal_referral");
  }
}
