import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";

/**
 * X08, X09 (LD art. 118 para. 1): a case's link to a declaration remembers when the taxation whose
 * duties it holds was established, so that an older taxation delivered late (at-least-once
 * delivery, out of order) no longer replaces the duties of a newer one.
 *
 * Existing links: the instant of the taxation they hold was not kept; it stays unknown (NULL), and
 * the next taxation of the declaration replaces their duties, as it did before this migration.
 * Engine-neutral (TypeORM schema API).
 */
export class EnforcementLinkDutiesEstablishedAt1766200000500 implements MigrationInterface {
  name = "EnforcementLinkDutiesEstablishedAt1766200000500";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("case_link", new TableColumn({ name: "duties_established_at", type: "datetime", precision: 3, isNullable: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("case_link", "duties_established_at");
  }
}
