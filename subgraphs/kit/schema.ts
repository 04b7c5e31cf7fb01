import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { GraphQLSchema, parse } from "graphql";
import { DateTimeResolver } from "graphql-scalars";
import { buildSchema, createResolversMap, NonEmptyArray } from "type-graphql";
import { deadLetterResolver } from "./dead-letters";

/**
 * The one place that turns TypeGraphQL classes into a Federation 2 subgraph schema. It owns the
 * federation version and the directives the subgraphs may use.
 */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

export interface FederatedSchemaOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `{ TypeName: { __resolveReference(ref, ctx) } }` for each entity this subgraph resolves. */
  references?: GraphQLResolverMap<unknown>;
  /** The subgraph's name: adds its dead-letter fields (kit/dead-letters.ts), named after it. */
  subgraph?: string;
  /**
   * SDL of `type Subscription { ... }` fields that the gateway serves over server-sent events
   * (gateway/subscriptions.ts) from this subgraph's events: declared here so that they compose
   * into the client-facing schema; the subgraph never executes them.
   */
  gatewaySubscriptions?: string;
}

export async function buildFederatedSchema(options: FederatedSchemaOptions): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes as Function
    resolvers: (options.subgraph ? [...options.resolvers, deadLetterResolver(options.subgraph)] : options.resolvers) as NonEmptyArray<Function>,
    orphanedTypes: options.orphanedTypes,
    // class-validator runs on every input (type-graphql 2 does not validate by default).
    validate: { forbidUnknownValues: false },
    skipCheck: true,
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}\n${options.gatewaySubscriptions ?? ""}`);
  const generated = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  return buildSubgraphSchema({ typeDefs, resolvers: mergeResolvers(generated, options.references ?? {}) });
}

function mergeResolvers(a: GraphQLResolverMap<unknown>, b: GraphQLResolverMap<unknown>): GraphQLResolverMap<unknown> {
  const merged: Record<string, unknown> = { ...a };
  for (const [type, fields] of Object.entries(b)) {
    merged[type] = { ...((a[type] as object) ?? {}), ...(fields as object) };
  }
  return merged as GraphQLResolverMap<unknown>;
}
