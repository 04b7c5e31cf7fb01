import "reflect-metadata";
import { DataSource } from "typeorm";

/**
 * Prints the body of an engine-neutral initial migration (TypeORM `Table` API) for a subgraph's
 * entities, so a new subgraph starts from a migration that runs on MySQL and SQLite alike.
 * Usage: ts-node --transpile-only scripts/gen-initial-migration.ts <subgraph>
 * The printed code is reviewed and checked in; later changes get their own migrations, and the
 * migration drift test (kit) proves that entities and migrations agree on both engines.
 */
async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name) throw new Error("usage: gen-initial-migration <subgraph>");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { definition } = require(`../subgraphs/${name}/${name}.subgraph`);
  const ds = new DataSource({ type: "better-sqlite3", database: ":memory:", entities: definition.entities });
  await ds.initialize();
  const lines: string[] = [];
  for (const meta of ds.entityMetadatas) {
    const columns = meta.columns.map(c => {
      const type = c.type === "simple-json" ? "text" : typeof c.type === "string" ? c.type : "varchar";
      const parts = [`name: "${c.databaseName}"`, `type: "${type}"`];
      if (c.length) parts.push(`length: "${c.length}"`);
      if (c.precision !== undefined && c.precision !== null) parts.push(`precision: ${c.precision}`);
      if (c.isPrimary) parts.push("isPrimary: true");
      if (c.isGenerated) parts.push(`isGenerated: true, generationStrategy: "${c.generationStrategy}"`);
      if (c.isNullable) parts.push("isNullable: true");
      if (c.default !== undefined) parts.push(`default: ${JSON.stringify(c.default)}`);
      return `          { ${parts.join(", ")} },`;
    });
    lines.push(`    await q.createTable(\n      new Table({\n        name: "${meta.tableName}",\n        columns: [\n${columns.join("\n")}\n        ],\n      }),\n    );`);
    for (const index of meta.indices) {
      const cols = index.columns.map(c => `"${c.databaseName}"`).join(", ");
      lines.push(`    await q.createIndex("${meta.tableName}", new TableIndex({ name: "${index.name}", columnNames: [${cols}]${index.isUnique ? ", isUnique: true" : ""} }));`);
    }
  }
  const down = [...ds.entityMetadatas].reverse().map(m => `    await q.dropTable("${m.tableName}");`);
  process.stdout.write(`  async up(q: QueryRunner): Promise<void> {\n${lines.join("\n")}\n  }\n\n  async down(q: QueryRunner): Promise<void> {\n${down.join("\n")}\n  }\n`);
  await ds.destroy();
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
