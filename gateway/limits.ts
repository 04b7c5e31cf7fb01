import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { MaxTokensParserWLexer } from "@escape.tech/graphql-armor-max-tokens";
import {
  DocumentNode,
  FragmentDefinitionNode,
  getNullableType,
  GraphQLError,
  GraphQLSchema,
  isListType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  validate,
} from "graphql";
import { ComplexityEstimator, getComplexity } from "graphql-query-complexity";
import { LRUCache } from "lru-cache";
import type { PrincipalKind } from "../subgraphs/kit/gateway-side";

/**
 * What one operation may ask for, checked before it runs (issue 12): a 150 kB request of 5,000
 * aliases of one field used to run for seconds and hold hundreds of MB. Depth and aliases are
 * graphql-armor's validation rules, tokens its counting parser, the cost graphql-query-complexity
 * with the estimator below; only the root-field count is ours. Limits differ by caller kind and
 * come from configuration (`GATEWAY_LIMITS`, JSON, merged over the defaults).
 */

export type CallerKind = "anonymous" | "partnerApplication" | "portalUser" | "officer";

export interface OperationLimits {
  /** Nesting of fields, fragments flattened (introspection's `__schema` aside). */
  depth: number;
  /** Aliased fields in the operation. */
  aliases: number;
  /** Fields selected at the root, aliases included: each is a separate top-level fetch. */
  rootFields: number;
  /** Lexical tokens of the document. */
  tokens: number;
  /** Estimated objects returned (see `estimateCost`). */
  cost: number;
}

export type LimitName = keyof OperationLimits;

/**
 * DESIGN CHOICE: the defaults fit every query of the project's own tests and web pages with
 * room to spare, and stop what only an abuser sends: partner software's legitimate operations are
 * registered documents of modest shape, officers' dashboards ask the most.
 */
export const DEFAULT_LIMITS: Record<CallerKind, OperationLimits> = {
  anonymous: { depth: 8, aliases: 15, rootFields: 10, tokens: 2_000, cost: 5_000 },
  partnerApplication: { depth: 12, aliases: 30, rootFields: 15, tokens: 5_000, cost: 50_000 },
  portalUser: { depth: 14, aliases: 50, rootFields: 20, tokens: 8_000, cost: 100_000 },
  officer: { depth: 16, aliases: 100, rootFields: 30, tokens: 15_000, cost: 250_000 },
};

/** List size assumed for a list field without `first` (connections say how many they want). */
export const DEFAULT_LIST_SIZE = 10;

export function callerKindOf(kind: PrincipalKind): CallerKind {
  switch (kind) {
    case "OFFICER":
    case "SERVICE":
      return "officer";
    case "PORTAL_USER":
      return "portalUser";
    case "API_APPLICATION":
      return "partnerApplication";
    default:
      return "anonymous";
  }
}

/** `GATEWAY_LIMITS='{"anonymous":{"depth":6}}'` overrides single limits of single kinds. */
export function loadLimits(env: NodeJS.ProcessEnv = process.env): Record<CallerKind, OperationLimits> {
  const limits = structuredClone(DEFAULT_LIMITS);
  if (!env.GATEWAY_LIMITS) return limits;
  let given: unknown;
  try {
    given = JSON.parse(env.GATEWAY_LIMITS);
  } catch {
    throw new Error("GATEWAY_LIMITS must be JSON: { <callerKind>: { <limit>: <positive integer> } }");
  }
  for (const [kind, values] of Object.entries(given as Record<string, Record<string, unknown>>)) {
    if (!(kind in limits)) throw new Error(`GATEWAY_LIMITS: unknown caller kind '${kind}' (${Object.keys(limits).join(", ")})`);
    for (const [name, value] of Object.entries(values ?? {})) {
      if (!(name in limits[kind as CallerKind])) throw new Error(`GATEWAY_LIMITS.${kind}: unknown limit '${name}'`);
      if (!Number.isInteger(value) || (value as number) < 1) throw new Error(`GATEWAY_LIMITS.${kind}.${name} must be a positive integer`);
      limits[kind as CallerKind][name as LimitName] = value as number;
    }
  }
  return limits;
}

/** The refusal: a typed error naming the limit, its maximum and what the operation asked. */
export class LimitExceeded extends Error {
  readonly code = "OPERATION_LIMIT_EXCEEDED";
  constructor(
    readonly limit: LimitName,
    readonly maximum: number,
    readonly actual: number | undefined,
    readonly callerKind: CallerKind,
  ) {
    super(
      `The operation exceeds the ${LIMIT_WORDS[limit]} limit for ${CALLER_WORDS[callerKind]} (at most ${maximum}${actual === undefined ? "" : `, found ${actual}`}).`,
    );
  }

  get extensions(): Record<string, unknown> {
    return { code: this.code, limit: this.limit, maximum: this.maximum, ...(this.actual === undefined ? {} : { actual: this.actual }), callerKind: this.callerKind };
  }
}

const LIMIT_WORDS: Record<LimitName, string> = { depth: "depth", aliases: "alias", rootFields: "root field", tokens: "token", cost: "cost" };
const CALLER_WORDS: Record<CallerKind, string> = { anonymous: "anonymous callers", partnerApplication: "partner applications", portalUser: "portal users", officer: "officers" };

/** A document that passed the static limits of one caller kind. */
export interface CheckedDocument {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The cost when it does not depend on variables; else computed per request. */
  staticCost: number | undefined;
}

export class OperationLimiter {
  // Keyed by caller kind, operation name and text: a verdict depends on nothing else (the cost
  // may depend on variables, and is then computed for each request).
  private readonly checked = new LRUCache<string, CheckedDocument | LimitExceeded | GraphQLError>({ max: 2_000 });

  constructor(
    private readonly limits: Record<CallerKind, OperationLimits>,
    private readonly schema: () => GraphQLSchema | undefined,
  ) {}

  limitsFor(kind: CallerKind): OperationLimits {
    return this.limits[kind];
  }

  /**
   * Parses and checks an operation; throws `LimitExceeded`, or the `GraphQLError` of a document
   * that does not parse or names no runnable operation (Apollo Server would refuse it the same way).
   */
  check(kind: CallerKind, query: string, operationName: string | undefined, variables: Record<string, unknown> | undefined): CheckedDocument {
    const key = `${kind}\u0000${operationName ?? ""}\u0000${query}`;
    let verdict = this.checked.get(key);
    if (verdict === undefined) {
      verdict = this.checkStatic(kind, query, operationName);
      this.checked.set(key, verdict);
    }
    if (verdict instanceof Error) throw verdict;
    const limits = this.limits[kind];
    const cost = verdict.staticCost ?? this.cost(verdict.document, operationName, variables);
    if (cost !== undefined && cost > limits.cost) throw new LimitExceeded("cost", limits.cost, cost, kind);
    return verdict;
  }

  private checkStatic(kind: CallerKind, query: string, operationName: string | undefined): CheckedDocument | LimitExceeded | GraphQLError {
    const limits = this.limits[kind];
    let document: DocumentNode;
    try {
      document = new MaxTokensParserWLexer(query, { n: limits.tokens, exposeLimits: true }).parseDocument();
    } catch (error) {
      if (error instanceof GraphQLError && /token limit/i.test(error.message)) return new LimitExceeded("tokens", limits.tokens, undefined, kind);
      return error instanceof GraphQLError ? error : new GraphQLError(String(error));
    }
    const operation = pickOperation(document, operationName);
    if (!operation) return new GraphQLError(operationName ? `Unknown operation named "${operationName}".` : "Must provide operation name if query contains multiple operations.");

    let hit: { limit: LimitName; actual?: number } | undefined;
    const found = (message: string) => Number(/found (\d+)/.exec(message)?.[1]) || undefined;
    const schema = this.schema();
    if (schema) {
      // The rules report through onReject; propagating would throw out of validate().
      validate(schema, document, [
        maxDepthRule({ n: limits.depth, exposeLimits: true, propagateOnRejection: false, onReject: [(_c, e) => (hit ??= { limit: "depth", actual: found(e.message) })] }),
        maxAliasesRule({ n: limits.aliases, exposeLimits: true, propagateOnRejection: false, onReject: [(_c, e) => (hit ??= { limit: "aliases", actual: found(e.message) })] }),
      ]);
    }
    if (hit) return new LimitExceeded(hit.limit, limits[hit.limit], hit.actual, kind);
    const rootFields = countRootFields(operation.selectionSet, fragmentsOf(document), new Set());
    if (rootFields > limits.rootFields) return new LimitExceeded("rootFields", limits.rootFields, rootFields, kind);
    const usesVariables = (operation.variableDefinitions?.length ?? 0) > 0;
    const staticCost = usesVariables ? undefined : this.cost(document, operationName, undefined);
    if (staticCost !== undefined && staticCost > limits.cost) return new LimitExceeded("cost", limits.cost, staticCost, kind);
    return { document, operation, staticCost };
  }

  private cost(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined): number | undefined {
    const schema = this.schema();
    if (!schema) return undefined;
    try {
      return getComplexity({ schema, query: document, variables: variables ?? {}, operationName, estimators: [estimateCost] });
    } catch {
      // A document the schema cannot place (unknown field, bad variable): validation refuses it next.
      return undefined;
    }
  }
}

/**
 * The estimated number of objects an operation returns: every field counts one, and what a list
 * holds counts once per element. A field with a `first` argument returns that many (a connection,
 * whose `edges` are then not counted again); another list returns `DEFAULT_LIST_SIZE`.
 * Introspection costs nothing: it is bounded by the schema.
 */
export const estimateCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  if (field.name.startsWith("__") || type.name.startsWith("__")) return 0;
  const first = typeof args.first === "number" && args.first >= 0 ? args.first : typeof args.last === "number" && args.last >= 0 ? args.last : undefined;
  if (first !== undefined) return 1 + first * childComplexity;
  const list = isListType(getNullableType(field.type));
  // The elements of a connection's `edges` were counted by the field that took `first`.
  if (list && type.name.endsWith("Connection") && field.name === "edges") return 1 + childComplexity;
  if (list) return 1 + DEFAULT_LIST_SIZE * childComplexity;
  return 1 + childComplexity;
};

function pickOperation(document: DocumentNode, operationName: string | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find(o => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map(f => [f.name.value, f]));
}

function countRootFields(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, visiting: Set<string>): number {
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (!selection.name.value.startsWith("__")) count += 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countRootFields(selection.selectionSet, fragments, visiting);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) continue;
      visiting.add(fragment.name.value);
      count += countRootFields(fragment.selectionSet, fragments, visiting);
      visiting.delete(fragment.name.value);
    }
  }
  return count;
}
