import { buildSchema, parse } from "graphql";
import { getComplexity } from "graphql-query-complexity";
import { DEFAULT_LIMITS, DEFAULT_LIST_SIZE, estimateCost, LimitExceeded, loadLimits, OperationLimiter } from "./limits";
import { MemoryRateLimiter } from "./rate-limit";

const schema = buildSchema(`
  type Query { partners(first: Int): PartnerConnection! offices: [Office!]! me: User }
  type PartnerConnection { edges: [PartnerEdge!]! totalCount: Int! }
  type PartnerEdge { node: Partner! cursor: String! }
  type Partner { id: ID! name: String! roles: [Role!]! }
  type Role { type: String! }
  type Office { id: ID! }
  type User { id: ID! }
`);
const cost = (query: string, variables: Record<string, unknown> = {}) => getComplexity({ schema, query: parse(query), variables, estimators: [estimateCost] });

describe("the estimated cost of an operation (issue 12)", () => {
  it("counts a connection's elements once, as many as `first` asks for", () => {
    // partners 1 + 5 × (edges 1 + node 1 + id 1 + name 1)
    expect(cost(`{ partners(first: 5) { edges { node { id name } } } }`)).toBe(1 + 5 * 4);
    expect(cost(`query ($n: Int) { partners(first: $n) { edges { node { id } } } }`, { n: 50 })).toBe(1 + 50 * 3);
  });

  it("assumes DEFAULT_LIST_SIZE elements for a list without `first`, nested lists multiplying", () => {
    expect(cost(`{ offices { id } }`)).toBe(1 + DEFAULT_LIST_SIZE * 1);
    expect(cost(`{ partners(first: 2) { edges { node { roles { type } } } } }`)).toBe(1 + 2 * (1 + 1 + (1 + DEFAULT_LIST_SIZE * 1)));
  });

  it("charges nothing for introspection", () => {
    expect(cost(`{ __schema { types { name fields { name } } } }`)).toBe(0);
  });
});

describe("the operation limiter", () => {
  const limiter = new OperationLimiter(loadLimits({ GATEWAY_LIMITS: JSON.stringify({ anonymous: { depth: 3, cost: 30 } }) }), () => schema);

  it("merges configured limits over the defaults of each caller kind", () => {
    expect(limiter.limitsFor("anonymous")).toEqual({ ...DEFAULT_LIMITS.anonymous, depth: 3, cost: 30 });
    expect(limiter.limitsFor("officer")).toEqual(DEFAULT_LIMITS.officer);
  });

  it("names the limit an operation exceeds, with its maximum and what was found", () => {
    const refusal = ((): LimitExceeded | undefined => {
      try {
        limiter.check("anonymous", `{ partners(first: 1) { edges { node { roles { type } } } } }`, undefined, undefined);
        return undefined;
      } catch (error) {
        return error as LimitExceeded;
      }
    })();
    expect(refusal).toBeInstanceOf(LimitExceeded);
    expect(refusal?.extensions).toEqual({ code: "OPERATION_LIMIT_EXCEEDED", limit: "depth", maximum: 3, actual: 5, callerKind: "anonymous" });
  });

  it("checks a cost that depends on variables for each request", () => {
    const query = `query ($n: Int) { partners(first: $n) { totalCount } }`;
    expect(limiter.check("anonymous", query, undefined, { n: 5 }).operation.operation).toBe("query");
    expect(() => limiter.check("anonymous", query, undefined, { n: 500 })).toThrow(/cost limit for anonymous callers \(at most 30, found 501\)/);
  });
});

describe("the in-memory token bucket", () => {
  it("lets `capacity` requests through at once, refuses the next with the time until one is back, and refills", async () => {
    let now = 0;
    const buckets = new MemoryRateLimiter(() => now);
    const settings = { capacity: 2, refillPerSecond: 0.5 };
    expect((await buckets.take("app:1", settings)).allowed).toBe(true);
    expect((await buckets.take("app:1", settings)).allowed).toBe(true);
    expect(await buckets.take("app:1", settings)).toEqual({ allowed: false, retryAfterMs: 2000 });
    // Another bucket is untouched.
    expect((await buckets.take("app:2", settings)).allowed).toBe(true);
    now = 1000;
    expect(await buckets.take("app:1", settings)).toEqual({ allowed: false, retryAfterMs: 1000 });
    now = 2000;
    expect((await buckets.take("app:1", settings)).allowed).toBe(true);
  });
});
