import fs from "node:fs";
import path from "node:path";
import { readRoverConfig, ROOT } from "./compose";
import { lintSubgraphSchema } from "./lib/schema-lint";

/**
 * Issue 13: a complete schema. Each checked-in subgraph schema (the same bytes the code prints:
 * compose:check holds them to it) has a description on every type, field, argument, input field
 * and enum value, a payload for every mutation, and a connection for every list that can grow.
 */
const config = readRoverConfig(path.join(ROOT, "rover.yaml"));

describe("the schema lint", () => {
  it.each(config.subgraphs.map(s => [s.name, s.schemaPath] as const))("finds nothing in %s (fix with `npm run schema:lint`)", (name, file) => {
    const problems = lintSubgraphSchema(name, fs.readFileSync(file, "utf8")).map(p => `[${p.kind}] ${p.message}`);
    expect(problems).toEqual([]);
  });

  it("finds each kind of problem it looks for, and accepts what the rules allow", () => {
    const sdl = `
      type Query { partner(id: ID!): Partner }
      type Mutation { "Renames." rename(id: ID!): Partner }
      type Partner { id: ID! "Bounded: at most 3." roles: [Role!]! "The movements." movements: [Role!]! tags: [String!]! }
      "A role." type Role { "Its kind." kind: Kind! }
      "Kinds." enum Kind { "One." A B }
      input RenameInput { name: String! }
      type _Service { sdl: String }
    `;
    const found = lintSubgraphSchema("t", sdl).map(p => `${p.kind} ${p.coordinate}`);
    expect(found.sort()).toEqual(
      [
        "description Query.partner",
        "description Query.partner(id:)",
        "description Mutation.rename(id:)",
        "payload Mutation.rename",
        "description Partner",
        "description Partner.id",
        "list Partner.movements",
        "description Partner.tags",
        "description Kind.B",
        "description RenameInput",
        "description RenameInput.name",
      ].sort(),
    );
  });
});
