import type { IncomingMessage, ServerResponse } from "node:http";
import { DocumentNode, ExecutionResult, FieldNode, GraphQLSchema, Kind, OperationDefinitionNode, OperationTypeNode, print } from "graphql";
import { createHandler } from "graphql-sse/lib/use/http";
import type { Logger, Principal } from "../subgraphs/kit/gateway-side";

/**
 * GraphQL subscriptions through the gateway (issue 14), over server-sent events (graphql-sse, at
 * `/graphql/stream`), with the same authentication as queries. @apollo/gateway has no
 * subscriptions; the gateway serves the one the notifications subgraph declares,
 * `notificationAdded`, from that subgraph's `NotificationAdded` events: for each event meant for
 * the subscriber (a partner it acts for, a role it holds), it runs the subscription's selection as
 * a federated query (`notification(id:)`) with the subscriber's principal, so the selection may
 * reach into any subgraph and access is checked as for any query. Events reach every gateway
 * replica: over HTTP each replica is a subscriber of its own; with NATS on the stream's subjects.
 */
export const SUBSCRIPTION_EVENT_TYPES = ["NotificationAdded"];
export const STREAM_PATH = "/graphql/stream";

interface NotificationAdded {
  notificationId: string;
  recipientKind: "PARTNER" | "OFFICER_ROLE";
  recipientId: string;
}

type Listener = (event: NotificationAdded) => void;

/** This replica's fan-out of the events subscriptions wait for. */
export class SubscriptionHub {
  private readonly listeners = new Set<Listener>();

  publish(type: string, payload: Record<string, unknown> | undefined): number {
    if (type !== "NotificationAdded" || typeof payload?.notificationId !== "string") return 0;
    for (const listener of this.listeners) listener(payload as unknown as NotificationAdded);
    return this.listeners.size;
  }

  listen(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}

/** Whether an event's recipient is the principal's: a partner it acts for, or one of its officer roles. */
function meantFor(principal: Principal, event: NotificationAdded): boolean {
  if (event.recipientKind === "PARTNER") return (principal.kind === "PORTAL_USER" || principal.kind === "API_APPLICATION") && principal.partners.some(p => p.partnerId === event.recipientId);
  return principal.kind === "OFFICER" && (principal.officerRoles as string[]).includes(event.recipientId);
}

/**
 * `subscription { notificationAdded { ...selection } }` → `query ($__notificationId: ID!) {
 * notificationAdded: notification(id: $__notificationId) { ...selection } }`, fragments and
 * variables kept; undefined for any other subscription.
 */
export function queryForEvent(document: DocumentNode, operationName?: string | null): { document: DocumentNode; responseKey: string } | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find(o => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) return undefined;
  const fields = operation.selectionSet.selections;
  if (fields.length !== 1 || fields[0].kind !== Kind.FIELD || fields[0].name.value !== "notificationAdded") return undefined;
  const field = fields[0] as FieldNode;
  const variable = { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: "__notificationId" } } as const;
  const query: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []),
      { kind: Kind.VARIABLE_DEFINITION, variable, type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: "ID" } } } },
    ],
    selectionSet: {
      kind: Kind.SELECTION_SET,
      selections: [
        {
          ...field,
          alias: { kind: Kind.NAME, value: field.alias?.value ?? "notificationAdded" },
          name: { kind: Kind.NAME, value: "notification" },
          arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: "id" }, value: variable }],
        },
      ],
    },
  };
  return { document: { ...document, definitions: [...document.definitions.filter(d => d.kind !== Kind.OPERATION_DEFINITION), query] }, responseKey: field.alias?.value ?? "notificationAdded" };
}

export interface SubscriptionOptions {
  hub: SubscriptionHub;
  /** The client-facing schema (with its Subscription type), once the gateway has loaded it. */
  schema: () => GraphQLSchema | undefined;
  /** Authenticates a request as the gateway does every request (throws an HttpError when it cannot). */
  authenticate(req: IncomingMessage): Promise<Principal>;
  /** The gates of every request (rate limit, trusted documents, operation limits); throws an HttpError to refuse. */
  admit(req: IncomingMessage, principal: Principal, params: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }): Promise<void>;
  /** Runs a query as `principal` through the gateway's federated executor. */
  execute(query: string, variables: Record<string, unknown>, principal: Principal, operationName?: string): Promise<ExecutionResult>;
  logger: Logger;
  /**
   * How often an open stream's credentials are checked again (`GATEWAY_STREAM_RECHECK_MS`,
   * default 30 s), and before each event: a stream ends when its token expires or is revoked.
   */
  recheckMs?: number;
}

type StreamContext = Record<PropertyKey, unknown> & { principal: Principal; stillValid: () => Promise<boolean> };

/** The `/graphql/stream` handler (graphql-sse, distinct connections mode). */
export function createSubscriptions(options: SubscriptionOptions): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return createHandler<StreamContext>({
    schema: () => {
      const schema = options.schema();
      if (!schema) throw new Error("the gateway has not loaded its schema yet");
      return schema;
    },
    // Distinct connections only: every stream authenticates with its own Authorization header.
    authenticate: () => null,
    onSubscribe: async (req, params) => {
      try {
        const principal = await options.authenticate(req.raw);
        await options.admit(req.raw, principal, { query: typeof params.query === "string" ? params.query : "", operationName: params.operationName, variables: params.variables });
      } catch (error) {
        const e = error as { status?: number; code?: string; message?: string; extensions?: Record<string, unknown>; headers?: Record<string, string> };
        const status = e.status ?? 401;
        return [
          JSON.stringify({ errors: [{ message: e.message ?? "Authentication failed", extensions: { ...(e.extensions ?? {}), code: e.code ?? "UNAUTHENTICATED" } }] }),
          { status, statusText: status === 401 ? "Unauthorized" : status === 429 ? "Too Many Requests" : "Bad Request", headers: { "content-type": "application/json; charset=utf-8", ...(e.headers ?? {}) } },
        ];
      }
      return undefined;
    },
    context: async req => ({
      principal: await options.authenticate(req.raw),
      // The same credentials again (the gateway's caches answer): false once expired or revoked.
      stillValid: () => options.authenticate(req.raw).then(() => true, () => false),
    }),
    // Queries and mutations belong on /graphql.
    execute: () => ({ errors: [{ message: `Send queries and mutations to /graphql; ${STREAM_PATH} serves subscriptions.`, extensions: { code: "BAD_REQUEST" } }] as never }),
    subscribe: args => {
      const { principal, stillValid } = args.contextValue as StreamContext;
      const query = queryForEvent(args.document, args.operationName);
      if (!query) return { errors: [{ message: "The only subscription is `notificationAdded`, alone in its operation.", extensions: { code: "BAD_REQUEST" } }] as never };
      const variables = (args.variableValues ?? {}) as Record<string, unknown>;
      return stream(options, principal, stillValid, print(query.document), query.responseKey, variables, args.operationName ?? undefined);
    },
  });
}

/**
 * The subscriber's results, one per event meant for it, until the client goes away. An iterator
 * of its own rather than an async generator: a generator waiting for the next event cannot be
 * returned, so a closed stream would keep its listener until an event came.
 */
function stream(
  options: SubscriptionOptions,
  principal: Principal,
  stillValid: () => Promise<boolean>,
  query: string,
  responseKey: string,
  variables: Record<string, unknown>,
  operationName?: string,
): AsyncIterableIterator<ExecutionResult> {
  const waiting: NotificationAdded[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const stop = options.hub.listen(event => {
    if (!meantFor(principal, event)) return;
    waiting.push(event);
    wake?.();
  });
  const finish = (): IteratorResult<ExecutionResult> => {
    closed = true;
    stop();
    clearInterval(recheck);
    wake?.();
    return { done: true, value: undefined };
  };
  // An idle stream ends too when its token expires or is revoked.
  const recheck = setInterval(() => void stillValid().then(valid => valid || finish()), options.recheckMs ?? 30_000);
  recheck.unref();
  const iterator: AsyncIterableIterator<ExecutionResult> = {
    async next() {
      while (!closed) {
        while (!waiting.length && !closed) await new Promise<void>(resolve => (wake = resolve));
        const event = waiting.shift();
        if (!event) break;
        if (!(await stillValid())) return finish();
        const result = await options.execute(query, { ...variables, __notificationId: event.notificationId }, principal, operationName);
        // Withheld by the notifications subgraph (not the caller's after all): nothing to send.
        if (!result.errors?.length && !(result.data as Record<string, unknown> | null)?.[responseKey]) continue;
        return { done: false, value: result };
      }
      return { done: true, value: undefined };
    },
    async return() {
      return finish();
    },
    async throw(error?: unknown) {
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
