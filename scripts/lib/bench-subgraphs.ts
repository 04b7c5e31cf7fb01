import http from "node:http";
import type { AddressInfo } from "node:net";
import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { DocumentNode, execute, GraphQLSchema, parse, validate } from "graphql";

/**
 * The four subgraphs of the public federation gateway benchmark (accounts / inventory / products /
 * reviews), for scripts/bench-gateway.ts. They are deliberately cheap and dumb: deterministic data
 * in memory, graphql-js over plain node:http, no framework, so that what a benchmark run measures
 * is the gateway in front of them. They ignore every request header (the project's gateway adds
 * `x-customs-principal`, `x-request-id`, ...).
 */

const LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable", "@external", "@requires"])`;

export const BENCH_SUBGRAPH_NAMES = ["accounts", "inventory", "products", "reviews"] as const;
export type BenchSubgraphName = (typeof BENCH_SUBGRAPH_NAMES)[number];

/**
 * The benchmark's one operation. Its plan walks accounts → reviews → products → inventory and
 * reviews → accounts → reviews → products, and every level names the same few products and users
 * again and again: the shape where a gateway that de-duplicates entity fetches has something to win.
 */
export const BENCH_QUERY =
  "{ users { id username name reviews { id body product { upc name price weight inStock shippingEstimate reviews { id body author { id username name reviews { id body product { upc name } } } } } } } }";

export interface BenchSizes {
  users: number;
  reviewsPerUser: number;
  products: number;
}

/** About 90 KB of answer JSON for BENCH_QUERY (the driver prints the exact size). */
export const DEFAULT_BENCH_SIZES: BenchSizes = { users: 10, reviewsPerUser: 4, products: 10 };

export interface User {
  id: string;
  name: string;
  username: string;
}
export interface Product {
  upc: string;
  name: string;
  price: number;
  weight: number;
}
export interface Stock {
  upc: string;
  inStock: boolean;
}
export interface Review {
  id: string;
  body: string;
  authorId: string;
  upc: string;
}

export interface BenchData {
  users: User[];
  products: Product[];
  stock: Map<string, Stock>;
  reviews: Review[];
  reviewsByAuthor: Map<string, Review[]>;
  reviewsByProduct: Map<string, Review[]>;
}

/** Same sizes, same data, byte for byte: answers can be compared across processes and runs. */
export function buildBenchData(sizes: BenchSizes = DEFAULT_BENCH_SIZES): BenchData {
  const users: User[] = Array.from({ length: sizes.users }, (_, i) => ({ id: `u${i + 1}`, name: `User Number ${i + 1}`, username: `@user${i + 1}` }));
  const products: Product[] = Array.from({ length: sizes.products }, (_, i) => ({
    upc: `upc-${i + 1}`,
    name: `Product ${i + 1}`,
    // Some above 1000, so that shippingEstimate takes both of its branches.
    price: 100 + ((i * 379) % 1500),
    weight: 1 + ((i * 97) % 100),
  }));
  const stock = new Map(products.map((p, i) => [p.upc, { upc: p.upc, inStock: i % 3 !== 0 }]));
  const reviews: Review[] = [];
  for (const [u, user] of users.entries()) {
    for (let j = 0; j < sizes.reviewsPerUser; j++) {
      const n = u * sizes.reviewsPerUser + j;
      // Round robin: every product gets as many reviews as any other (give or take one), and a
      // user's reviews are of different products while reviewsPerUser <= products.
      const product = products[n % products.length];
      reviews.push({ id: `r${n + 1}`, body: `Review ${n + 1} of ${product.name} by ${user.username}`, authorId: user.id, upc: product.upc });
    }
  }
  const group = (key: (r: Review) => string) => {
    const map = new Map<string, Review[]>();
    for (const r of reviews) map.set(key(r), [...(map.get(key(r)) ?? []), r]);
    return map;
  };
  return { users, products, stock, reviews, reviewsByAuthor: group(r => r.authorId), reviewsByProduct: group(r => r.upc) };
}

/** Inventory's @requires(fields: "price weight") computation, shared with the expected answer. */
export function shippingEstimate(price: number, weight: number): number {
  return price > 1000 ? 0 : Math.round(weight / 2);
}

interface SubgraphDefinition {
  name: BenchSubgraphName;
  typeDefs: string;
  resolvers: GraphQLResolverMap<unknown>;
}

function find<T>(map: Map<string, T>, key: string, what: string): T {
  const found = map.get(key);
  if (found === undefined) throw new Error(`No ${what} '${key}'`);
  return found;
}

export function benchSubgraphDefinitions(data: BenchData): SubgraphDefinition[] {
  const userById = new Map(data.users.map(u => [u.id, u]));
  const productByUpc = new Map(data.products.map(p => [p.upc, p]));
  const reviewById = new Map(data.reviews.map(r => [r.id, r]));
  const reviewOut = (r: Review) => ({ id: r.id, body: r.body, author: { __typename: "User", id: r.authorId }, product: { __typename: "Product", upc: r.upc } });
  return [
    {
      name: "accounts",
      typeDefs: `${LINK}
        type Query { users: [User!]! user(id: ID!): User }
        type User @key(fields: "id") { id: ID! name: String! username: String! }`,
      resolvers: {
        Query: { users: () => data.users, user: (_: unknown, args: { id: string }) => userById.get(args.id) ?? null },
        User: { __resolveReference: (ref: { id: string }) => find(userById, ref.id, "user") },
      },
    },
    {
      name: "inventory",
      typeDefs: `${LINK}
        type Product @key(fields: "upc") {
          upc: String!
          price: Int! @external
          weight: Int! @external
          inStock: Boolean!
          shippingEstimate: Int! @requires(fields: "price weight")
        }`,
      resolvers: {
        Product: {
          // The representation carries price and weight (the @requires), fetched from products.
          __resolveReference: (ref: { upc: string; price?: number; weight?: number }) => ({ ...ref, inStock: find(data.stock, ref.upc, "stock").inStock }),
          shippingEstimate: (p: { price?: number; weight?: number }) => {
            if (p.price === undefined || p.weight === undefined) throw new Error("shippingEstimate needs price and weight (@requires)");
            return shippingEstimate(p.price, p.weight);
          },
        },
      },
    },
    {
      name: "products",
      typeDefs: `${LINK}
        type Query { topProducts(first: Int = 5): [Product!]! }
        type Product @key(fields: "upc") { upc: String! name: String! price: Int! weight: Int! }`,
      resolvers: {
        Query: { topProducts: (_: unknown, args: { first: number }) => data.products.slice(0, args.first) },
        Product: { __resolveReference: (ref: { upc: string }) => find(productByUpc, ref.upc, "product") },
      },
    },
    {
      name: "reviews",
      typeDefs: `${LINK}
        type Review @key(fields: "id") { id: ID! body: String! author: User! product: Product! }
        type User @key(fields: "id") { id: ID! reviews: [Review!]! }
        type Product @key(fields: "upc") { upc: String! reviews: [Review!]! }`,
      resolvers: {
        Review: { __resolveReference: (ref: { id: string }) => reviewOut(find(reviewById, ref.id, "review")) },
        User: {
          __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
          reviews: (u: { id: string }) => (data.reviewsByAuthor.get(u.id) ?? []).map(reviewOut),
        },
        Product: {
          __resolveReference: (ref: { upc: string }) => ({ upc: ref.upc }),
          reviews: (p: { upc: string }) => (data.reviewsByProduct.get(p.upc) ?? []).map(reviewOut),
        },
      },
    },
  ];
}

/**
 * BENCH_QUERY's answer built straight from the data, field by field in the query's order: an
 * oracle that owes nothing to any gateway, to check the first answer of each one against.
 */
export function expectedBenchAnswer(data: BenchData): unknown {
  const userById = new Map(data.users.map(u => [u.id, u]));
  const productByUpc = new Map(data.products.map(p => [p.upc, p]));
  const reviewsOf = (map: Map<string, Review[]>, key: string) => map.get(key) ?? [];
  return {
    data: {
      users: data.users.map(user => ({
        id: user.id,
        username: user.username,
        name: user.name,
        reviews: reviewsOf(data.reviewsByAuthor, user.id).map(review => {
          const product = find(productByUpc, review.upc, "product");
          return {
            id: review.id,
            body: review.body,
            product: {
              upc: product.upc,
              name: product.name,
              price: product.price,
              weight: product.weight,
              inStock: find(data.stock, product.upc, "stock").inStock,
              shippingEstimate: shippingEstimate(product.price, product.weight),
              reviews: reviewsOf(data.reviewsByProduct, product.upc).map(other => {
                const author = find(userById, other.authorId, "user");
                return {
                  id: other.id,
                  body: other.body,
                  author: {
                    id: author.id,
                    username: author.username,
                    name: author.name,
                    reviews: reviewsOf(data.reviewsByAuthor, author.id).map(theirs => ({
                      id: theirs.id,
                      body: theirs.body,
                      product: { upc: theirs.upc, name: find(productByUpc, theirs.upc, "product").name },
                    })),
                  },
                };
              }),
            },
          };
        }),
      })),
    },
  };
}

export interface RunningBenchSubgraph {
  name: BenchSubgraphName;
  /** `http://127.0.0.1:<port>/graphql` */
  url: string;
  typeDefs: string;
}

export interface RunningBenchSubgraphs {
  subgraphs: RunningBenchSubgraph[];
  data: BenchData;
  close(): Promise<void>;
}

/** Starts the four subgraphs in this process, each on its own ephemeral port of 127.0.0.1. */
export async function startBenchSubgraphs(sizes: BenchSizes = DEFAULT_BENCH_SIZES): Promise<RunningBenchSubgraphs> {
  const data = buildBenchData(sizes);
  const servers: http.Server[] = [];
  const subgraphs: RunningBenchSubgraph[] = [];
  try {
    for (const def of benchSubgraphDefinitions(data)) {
      const schema = buildSubgraphSchema({ typeDefs: parse(def.typeDefs), resolvers: def.resolvers });
      const server = http.createServer(graphqlHandler(schema));
      // Longer than any client keeps an idle connection, so the client always closes first.
      server.keepAliveTimeout = 65_000;
      server.headersTimeout = 66_000;
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(0, "127.0.0.1", () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      subgraphs.push({ name: def.name, url: `http://127.0.0.1:${port}/graphql`, typeDefs: def.typeDefs });
    }
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
  return { subgraphs, data, close: () => closeAll(servers) };
}

async function closeAll(servers: http.Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      server =>
        new Promise<void>(resolve => {
          server.close(() => resolve());
          server.closeAllConnections();
        }),
    ),
  );
}

/** POST /graphql with a JSON body (query, variables, operationName); GET /health. */
function graphqlHandler(schema: GraphQLSchema): http.RequestListener {
  // Gateways send a handful of distinct subgraph queries over and over: parse and validate each once.
  const documents = new Map<string, DocumentNode>();
  // The data never change, so an answer is a pure function of the request body: each distinct body
  // is executed once and its bytes replayed. The subgraphs share the driver's core with the load
  // generator, and must not become the bottleneck of the gateway they are there to measure.
  const answers = new Map<string, Buffer>();
  const send = (res: http.ServerResponse, status: number, body: string | Buffer) => {
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  };
  return (req, res) => {
    if (req.method === "GET" && req.url === "/health") return send(res, 200, '{"status":"ok"}');
    if (req.method !== "POST" || req.url?.split("?")[0] !== "/graphql") return send(res, 404, '{"error":"not found"}');
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const known = answers.get(raw);
      if (known) return send(res, 200, known);
      Promise.resolve()
        .then(async () => {
          let request: { query?: unknown; variables?: Record<string, unknown>; operationName?: string };
          try {
            request = JSON.parse(raw);
          } catch {
            return send(res, 400, JSON.stringify({ errors: [{ message: "The body is not JSON." }] }));
          }
          if (typeof request.query !== "string") return send(res, 400, JSON.stringify({ errors: [{ message: "No query." }] }));
          let document = documents.get(request.query);
          if (!document) {
            let parsed: DocumentNode;
            try {
              parsed = parse(request.query);
            } catch (error) {
              return send(res, 400, JSON.stringify({ errors: [{ message: (error as Error).message }] }));
            }
            const invalid = validate(schema, parsed);
            if (invalid.length > 0) return send(res, 400, JSON.stringify({ errors: invalid }));
            documents.set(request.query, parsed);
            document = parsed;
          }
          const result = await execute({ schema, document, variableValues: request.variables, operationName: request.operationName });
          const bytes = Buffer.from(JSON.stringify(result));
          if (!result.errors && answers.size < 10_000) answers.set(raw, bytes);
          send(res, 200, bytes);
        })
        .catch(error => send(res, 500, JSON.stringify({ errors: [{ message: (error as Error).message }] })));
    });
  };
}
