// Subgraph modules declare TypeGraphQL/TypeORM classes, whose decorators need this loaded first.
import "reflect-metadata";

import fs from "node:fs";
import { printSubgraphs, readRoverConfig } from "./compose";
import { lintSubgraphSchema, SchemaProblem } from "./lib/schema-lint";

/**
 * `npm run schema:lint [subgraph ...]`: builds each subgraph's schema from its code (not the
 * checked-in file) and lists what the schema's completeness rules find (scripts/lib/schema-lint.ts).
 * `--checked-in` lints schema/<name>.graphql instead. Exit 1 when anything is found.
 */
async function main(argv: string[]): Promise<number> {
  const checkedIn = argv.includes("--checked-in");
  const only = argv.filter(a => !a.startsWith("--"));
  const config = readRoverConfig();
  const chosen = { ...config, subgraphs: config.subgraphs.filter(s => !only.length || only.includes(s.name)) };
  const sdls = checkedIn
    ? chosen.subgraphs.map(s => ({ name: s.name, sdl: fs.readFileSync(s.schemaPath, "utf8") }))
    : await printSubgraphs(chosen);
  const problems: SchemaProblem[] = sdls.flatMap(s => lintSubgraphSchema(s.name, s.sdl));
  for (const p of problems) console.log(`${p.subgraph}: [${p.kind}] ${p.message}`);
  const byKind = (k: SchemaProblem["kind"]) => problems.filter(p => p.kind === k).length;
  console.log(`${problems.length} problem(s): ${byKind("description")} missing descriptions, ${byKind("payload")} mutations without payload, ${byKind("list")} unbounded plain lists`);
  return problems.length ? 1 : 0;
}

main(process.argv.slice(2)).then(code => process.exit(code), error => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
