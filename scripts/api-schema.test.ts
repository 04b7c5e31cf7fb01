import fs from "node:fs";
import path from "node:path";
import { buildSchema, parse } from "graphql";
import { API_BANNER, printApiSchema, ROOT } from "./compose";

// schema/api.graphql is the schema clients see through the gateway (graphql-codegen, partner
// software). Built here from the checked-in supergraph only: no subgraph code, no server.
const supergraphSdl = fs.readFileSync(path.join(ROOT, "schema", "supergraph.graphql"), "utf8");
const apiFile = path.join(ROOT, "schema", "api.graphql");
const printed = printApiSchema(supergraphSdl);

describe("schema/api.graphql", () => {
  it("is a valid schema with the client-facing types", () => {
    expect(() => parse(printed)).not.toThrow();
    const schema = buildSchema(printed);
    expect(schema.getQueryType()?.name).toBe("Query");
    for (const type of ["type Query", "type BusinessPartner", "type CustomsDeclaration"]) {
      expect(printed).toMatch(new RegExp(`^${type} `, "m"));
    }
  });

  it("carries no federation machinery", () => {
    for (const trace of ["join__", "link__", "@join__", "@link", "@inaccessible"]) expect(printed).not.toContain(trace);
  });

  it("keeps descriptions", () => {
    expect(printed).toContain('"""');
  });

  it("prints the same bytes twice", () => {
    expect(printApiSchema(supergraphSdl)).toBe(printed);
  });

  it("is the checked-in file (stale: run `npm run compose` and commit schema/)", () => {
    if (!fs.existsSync(apiFile)) throw new Error("schema/api.graphql is missing: run `npm run compose` and commit schema/");
    const checkedIn = fs.readFileSync(apiFile, "utf8");
    if (!checkedIn.startsWith(API_BANNER)) throw new Error("schema/api.graphql lacks its GENERATED banner: run `npm run compose`");
    const body = checkedIn.slice(API_BANNER.length);
    if (body !== printed) {
      const expected = printed.split("\n");
      const actual = body.split("\n");
      const line = expected.findIndex((l, i) => l !== actual[i]);
      const at = line === -1 ? expected.length : line;
      const bannerLines = API_BANNER.split("\n").length - 1;
      throw new Error(
        `schema/api.graphql is stale (first difference at line ${bannerLines + at + 1}: ` +
          `has ${JSON.stringify(actual[at])}, the supergraph gives ${JSON.stringify(expected[at])}): run \`npm run compose\` and commit schema/`,
      );
    }
  });
});
