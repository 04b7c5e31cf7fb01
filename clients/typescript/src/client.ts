import { randomUUID } from "node:crypto";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";

/**
 * A small typed client of the Swiss customs graph for partner software (issue 13): each call
 * takes a document generated from clients/typescript/operations (src/generated.ts), so its
 * variables and result are typed from schema/api.graphql. Errors keep the graph's stable
 * `extensions.code`, the field, the rule and its article. Mutations carry an `Idempotency-Key`,
 * so a retry after a lost answer has one effect.
 */
export interface GraphErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; field?: string; rule?: string; article?: string; [key: string]: unknown };
}

export class CustomsGraphError extends Error {
  constructor(
    readonly errors: GraphErrorEntry[],
    readonly status: number,
  ) {
    super(errors.map(e => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("; "));
    this.name = "CustomsGraphError";
  }

  /** The first error's stable code (`BAD_USER_INPUT`, `DECLARANT_PROHIBITED`, ...). */
  get code(): string | undefined {
    return this.errors[0]?.extensions?.code;
  }
}

export interface CustomsGraphClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `http://127.0.0.1:4000/graphql`. */
  url: string;
  /** The bearer token to send (an API access token, a portal JWT); read before every request. */
  token?: () => string | undefined;
  /** Sent as `x-request-id` when given, to find the request in the graph's logs. */
  requestId?: () => string;
  fetch?: typeof fetch;
}

export class CustomsGraphClient {
  private readonly fetchFn: typeof fetch;

  constructor(private readonly options: CustomsGraphClientOptions) {
    this.fetchFn = options.fetch ?? fetch;
  }

  /** Runs a query or mutation; resolves to its data, or rejects with a `CustomsGraphError`. */
  async request<TResult, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    options: { idempotencyKey?: string } = {},
  ): Promise<TResult> {
    const isMutation = document.definitions.some(d => d.kind === "OperationDefinition" && d.operation === "mutation");
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    const token = this.options.token?.();
    if (token) headers.authorization = `Bearer ${token}`;
    if (isMutation) headers["idempotency-key"] = options.idempotencyKey ?? randomUUID();
    const requestId = this.options.requestId?.();
    if (requestId) headers["x-request-id"] = requestId;
    const response = await this.fetchFn(this.options.url, { method: "POST", headers, body: JSON.stringify({ query: print(document), variables }) });
    const body = (await response.json().catch(() => undefined)) as { data?: TResult | null; errors?: GraphErrorEntry[] } | undefined;
    if (!body) throw new CustomsGraphError([{ message: `HTTP ${response.status} without a GraphQL answer` }], response.status);
    if (body.errors?.length) throw new CustomsGraphError(body.errors, response.status);
    return body.data as TResult;
  }
}
