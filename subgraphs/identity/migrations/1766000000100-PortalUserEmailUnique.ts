import { MigrationInterface, QueryRunner, TableIndex } from "typeorm";

/**
 * DESIGN CHOICE (the guide is silent; entities/portal-user.entity.ts): an e-mail address belongs to
 * one ePortal account. Administrators add users by it (ID-R17, ePortal step 4), so an account that
 * merely claimed another's address must never be the one found. The unique key replaces the plain
 * index on the address. Addresses shared by several accounts before this migration cannot be
 * resolved by a machine (which account is the owner's?): the migration stops and names them, for
 * the administration to settle first. TypeORM schema API, so it runs on MySQL and SQLite.
 */
export class PortalUserEmailUnique1766000000100 implements MigrationInterface {
  name = "PortalUserEmailUnique1766000000100";

  async up(q: QueryRunner): Promise<void> {
    const shared = (await q.query("SELECT email, COUNT(*) AS accounts FROM portal_user GROUP BY email HAVING COUNT(*) > 1")) as { email: string; accounts: number }[];
    if (shared.length) {
      throw new Error(`${shared.length} e-mail address(es) belong to several ePortal accounts; settle which account keeps each before migrating: ${shared.map(s => `${s.email} (${Number(s.accounts)})`).join(", ")}`);
    }
    await q.dropIndex("portal_user", "IDX_294776787b085442bbf420facd");
    await q.createIndex("portal_user", new TableIndex({ name: "UQ_portal_user_email", columnNames: ["email"], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex("portal_user", "UQ_portal_user_email");
    await q.createIndex("portal_user", new TableIndex({ name: "IDX_294776787b085442bbf420facd", columnNames: ["email"] }));
  }
}
