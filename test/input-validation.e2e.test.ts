import { randomUUID } from "node:crypto";
import { getNamedType, GraphQLField, GraphQLInputType, isEnumType, isInputObjectType, isListType, isNonNullType, isScalarType } from "graphql";
import { apiSchemaOf } from "../scripts/compose";
import { mintDevToken } from "../scripts/mint-token";
import { definition as debtDefinition } from "../subgraphs/debt/debt.subgraph";
import { definition as declarationsDefinition } from "../subgraphs/declarations/declarations.subgraph";
import { definition as enforcementDefinition } from "../subgraphs/enforcement/enforcement.subgraph";
import { definition as identityDefinition } from "../subgraphs/identity/identity.subgraph";
import { definition as warehousingDefinition } from "../subgraphs/warehousing/warehousing.subgraph";
import { OFFICER_ROLES } from "../subgraphs/kit";
import { gql, GraphQLResponse } from "./support/graphql";
import { Graph, startGraph } from "./support/graph";

/**
 * Issue 7, "checked input everywhere": every mutation of the composed schema, through the gateway,
 * first with every id it takes malformed, then with well-formed ids and an impossible date (the
 * first day of 2000) in every date it takes. Each gets a typed error (for a malformed id:
 * BAD_USER_INPUT naming that field) and leaves every subgraph's database unchanged. A mutation
 * added later is covered without touching this file.
 */
let g: Graph;
let officer: string;
const MALFORMED_ID = "not an id; DROP TABLE x";
const IMPOSSIBLE_DATE = "2000-01-01T00:00:00.000Z";
const FUTURE_DATE = "2027-06-01T10:00:00.000Z";

beforeAll(async () => {
  g = await startGraph("customs_test_e2e_input", "2026-03-02T08:00:00+01:00", [identityDefinition, declarationsDefinition, warehousingDefinition, debtDefinition, enforcementDefinition]);
  officer = await mintDevToken({ kind: "officer", sub: "officer-input", roles: [...OFFICER_ROLES] });
  await g.drainEvents();
  await g.quiesce();
});
afterAll(async () => {
  await g?.stop();
});

type Mode = "malformed ids" | "impossible dates";

/** A value for every field of an input type: ids and dates as `mode` says, everything else plausible. */
function sample(type: GraphQLInputType, path: string, mode: Mode, ids: string[], dates: string[]): unknown {
  if (isNonNullType(type)) return sample(type.ofType, path, mode, ids, dates);
  // An object in a list is validated at its index (`items.0.x`); a scalar list as a whole (`debtIds`).
  if (isListType(type)) return [sample(type.ofType, isInputObjectType(getNamedType(type.ofType)) ? `${path}.0` : path, mode, ids, dates)];
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    return Object.fromEntries(Object.values(named.getFields()).map(f => [f.name, sample(f.type, path ? `${path}.${f.name}` : f.name, mode, ids, dates)]));
  }
  if (isEnumType(named)) return named.getValues()[0].value;
  if (!isScalarType(named)) throw new Error(`unexpected input type ${named}`);
  switch (named.name) {
    case "ID":
      ids.push(path);
      return mode === "malformed ids" ? MALFORMED_ID : randomUUID();
    case "DateTime":
      dates.push(path);
      return mode === "impossible dates" ? IMPOSSIBLE_DATE : FUTURE_DATE;
    case "Money":
      return "100.00";
    case "Int":
    case "Float":
      return 1;
    case "Boolean":
      return true;
    default:
      return "Sample text 1";
  }
}

function mutations(): GraphQLField<unknown, unknown>[] {
  return Object.values(apiSchemaOf(g.supergraphSdl).getMutationType()!.getFields());
}

function operation(field: GraphQLField<unknown, unknown>): string {
  const selection = isScalarType(getNamedType(field.type)) || isEnumType(getNamedType(field.type)) ? "" : " { __typename }";
  const vars = field.args.map(a => `$${a.name}: ${a.type}`).join(", ");
  const args = field.args.map(a => `${a.name}: $${a.name}`).join(", ");
  return `mutation${vars ? `(${vars})` : ""} { ${field.name}${args ? `(${args})` : ""}${selection} }`;
}

async function send(field: GraphQLField<unknown, unknown>, mode: Mode): Promise<{ res: GraphQLResponse; ids: string[]; dates: string[] } | null> {
  const ids: string[] = [];
  const dates: string[] = [];
  const variables = Object.fromEntries(field.args.map(a => [a.name, sample(a.type, "", mode, ids, dates)]));
  if (mode === "malformed ids" ? !ids.length : !dates.length) return null;
  const res = await gql(g.gatewayUrl, operation(field), variables, { bearer: officer });
  return { res, ids, dates };
}

it("finds the mutations with ids and with dates in the composed schema (the control for the two tests below)", () => {
  const counted = (mode: Mode) =>
    mutations().filter(f => {
      const ids: string[] = [];
      const dates: string[] = [];
      f.args.forEach(a => sample(a.type, "", mode, ids, dates));
      return mode === "malformed ids" ? ids.length > 0 : dates.length > 0;
    }).length;
  expect(counted("malformed ids")).toBeGreaterThan(60);
  expect(counted("impossible dates")).toBeGreaterThan(8);
});

it("refuses a malformed id in every mutation with BAD_USER_INPUT naming each id field, and changes nothing", async () => {
  const before = await g.fingerprint();
  const wrong: string[] = [];
  let tried = 0;
  for (const field of mutations()) {
    const sent = await send(field, "malformed ids");
    if (!sent) continue;
    tried += 1;
    const error = sent.res.errors?.[0];
    const named = new Set<string>([error?.extensions?.field, ...(error?.extensions?.fields ?? []).map((f: { field: string }) => f.field)].filter(Boolean));
    // Validation paths are relative to the argument (`debtId`), or absolute (`input.debtId`).
    const missing = sent.ids.filter(path => ![...named].some(n => n === path || `input.${n}` === path || n === path.replace(/^input\./, "")));
    if (error?.extensions?.code !== "BAD_USER_INPUT" || missing.length || sent.res.data?.[field.name]) {
      wrong.push(`${field.name}: ${error?.extensions?.code ?? "no error"}, fields not named: ${missing.join(", ")} ${JSON.stringify(sent.res.errors ?? sent.res.data).slice(0, 300)}`);
    }
  }
  expect(wrong).toEqual([]);
  expect(tried).toBeGreaterThan(60);
  expect(await g.fingerprint()).toEqual(before);
});

it("refuses an impossible date in every mutation with a typed error, and changes nothing", async () => {
  const before = await g.fingerprint();
  const wrong: string[] = [];
  let tried = 0;
  for (const field of mutations()) {
    const sent = await send(field, "impossible dates");
    if (!sent) continue;
    tried += 1;
    const code = sent.res.errors?.[0]?.extensions?.code;
    if (!code || code === "INTERNAL_SERVER_ERROR" || sent.res.data?.[field.name]) wrong.push(`${field.name}: ${code ?? "accepted"} ${JSON.stringify(sent.res.errors ?? sent.res.data).slice(0, 300)}`);
  }
  expect(wrong).toEqual([]);
  expect(tried).toBeGreaterThan(8);
  expect(await g.fingerprint()).toEqual(before);
});
