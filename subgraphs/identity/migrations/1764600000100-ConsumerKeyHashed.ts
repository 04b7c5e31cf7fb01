import { createHash, randomBytes } from "node:crypto";
import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from "typeorm";

/**
 * ID-R23 (ePortal step 5): the consumer key is shown once, like the other three keys, so it is no
 * longer kept in clear: `consumer_key` becomes `consumer_key_hash` (SHA-256, hex, unique), which
 * renewal looks up. TypeORM schema API only, so it runs on MySQL and SQLite.
 */
export class ConsumerKeyHashed1764600000100 implements MigrationInterface {
  name = "ConsumerKeyHashed1764600000100";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("api_application", new TableColumn({ name: "consumer_key_hash", type: "varchar", length: "64", isNullable: true }));
    // Hashed in JS exactly as services/secrets.ts sha256() does, so existing keys keep renewing.
    // A key lost by an earlier down() gets the hash of a random value: no key matches it until
    // the keys are regenerated.
    const rows = (await q.query("SELECT id, consumer_key FROM api_application")) as { id: string; consumer_key: string | null }[];
    for (const row of rows) {
      const key = row.consumer_key ?? randomBytes(32).toString("base64url");
      await q.query("UPDATE api_application SET consumer_key_hash = ? WHERE id = ?", [createHash("sha256").update(key, "utf8").digest("hex"), row.id]);
    }
    await q.changeColumn("api_application", "consumer_key_hash", new TableColumn({ name: "consumer_key_hash", type: "varchar", length: "64" }));
    await q.createIndex("api_application", new TableIndex({ name: "IDX_40870215a149786adf450acd08", columnNames: ["consumer_key_hash"], isUnique: true }));
    await q.dropIndex("api_application", "IDX_441ce5552054f6ddf5cac00577");
    await q.dropColumn("api_application", "consumer_key");
  }

  async down(q: QueryRunner): Promise<void> {
    // A hash cannot give the clear keys back: the restored column stays empty (null-able), and
    // those applications renew again only after their keys are regenerated.
    await q.addColumn("api_application", new TableColumn({ name: "consumer_key", type: "varchar", length: "48", isNullable: true }));
    await q.createIndex("api_application", new TableIndex({ name: "IDX_441ce5552054f6ddf5cac00577", columnNames: ["consumer_key"], isUnique: true }));
    await q.dropIndex("api_application", "IDX_40870215a149786adf450acd08");
    await q.dropColumn("api_application", "consumer_key_hash");
  }
}
