import { cacheExchange, Client, CombinedError, fetchExchange } from "@urql/core";
import { gatewayEndpoints } from "./config";

/**
 * The urql client of one signed-in session: every request carries the bearer token. Queries go
 * as POST with a JSON body: a GET would be refused by the gateway's CSRF prevention (Apollo
 * Server) and answered with GraphiQL when the browser asks for HTML.
 */
export function createGraphClient(token: string): Client {
  return new Client({
    url: gatewayEndpoints().graphql,
    preferGetMethod: false,
    // Officers' queues change under them: show what is cached, and refresh it each time.
    requestPolicy: "cache-and-network",
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
    exchanges: [cacheExchange, fetchExchange],
  });
}

/** One error as the page shows it: the graph's stable `extensions.code` and its message. */
export interface ShownError {
  code: string;
  message: string;
  path: ReadonlyArray<string | number> | undefined;
}

type GraphError = CombinedError["graphQLErrors"][number];

export function errorCode(error: GraphError): string {
  const code = error.extensions?.code;
  return typeof code === "string" ? code : "ERROR";
}

export function shownErrors(error: CombinedError | undefined): ShownError[] {
  if (!error) return [];
  const shown: ShownError[] = error.graphQLErrors.map(e => ({ code: errorCode(e), message: e.message, path: e.path }));
  if (error.networkError) shown.push({ code: "NETWORK_ERROR", message: error.networkError.message, path: undefined });
  if (shown.length === 0) shown.push({ code: "ERROR", message: error.message, path: undefined });
  return shown;
}

/**
 * The error that made a field null: the first whose path starts with `path`
 * (e.g. ["businessPartner", "exposure"]). Fields refused to the caller answer null with FORBIDDEN.
 */
export function fieldError(error: CombinedError | undefined, path: ReadonlyArray<string | number>): ShownError | undefined {
  return shownErrors(error).find(e => e.path !== undefined && path.every((segment, i) => e.path?.[i] === segment));
}
