import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * DEBT-R10 (LD art. 74 para. 4): the Department sets the default interest rate; its value is not
 * in our sources. DESIGN CHOICE: 4.0 % a year from 1 January 2026, as reference data officers can
 * supersede with a later row.
 */
export class DebtReferenceData1763800000500 implements MigrationInterface {
  name = "DebtReferenceData1763800000500";

  async up(q: QueryRunner): Promise<void> {
    await q.query("INSERT INTO interest_rate (valid_from, percent_per_year) VALUES (?, ?)", ["2026-01-01", "4.0"]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query("DELETE FROM interest_rate WHERE valid_from = ?", ["2026-01-01"]);
  }
}
