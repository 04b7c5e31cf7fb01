import { Principal, PRINCIPAL_HEADER, signingSecret, signPrincipal } from "../../subgraphs/kit";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/**
 * Posts a GraphQL operation, optionally signed as the gateway would sign it for one subgraph
 * (`principal` with `audience`, the subgraph's name), or with a bearer token; extra headers
 * (an `Idempotency-Key`) pass through.
 */
export async function gql<T = Record<string, any>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  auth: { principal?: Principal; audience?: string; bearer?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...auth.headers };
  if (auth.principal) {
    if (!auth.audience) throw new Error("gql: a signed principal names the subgraph it is for (audience)");
    headers[PRINCIPAL_HEADER] = await signPrincipal(auth.principal, signingSecret(), auth.audience);
  }
  if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: Omit<GraphQLResponse<T>, "status">;
  try {
    body = JSON.parse(text);
  } catch {
    // Say what came instead of JSON: a bare "Unexpected end of JSON input" names neither.
    throw new Error(`${url} answered ${response.status} ${response.statusText} with ${text ? `a body that is not JSON: ${text.slice(0, 200)}` : "an empty body"} (headers: ${JSON.stringify(Object.fromEntries(response.headers))})`);
  }
  return { status: response.status, ...body };
}

export function errorCode(response: GraphQLResponse): string | undefined {
  return response.errors?.[0]?.extensions?.code;
}

export const officer = (...officerRoles: Principal["officerRoles"]): Principal => ({ kind: "OFFICER", subject: `officer-${officerRoles.join("-").toLowerCase()}`, partners: [], officerRoles });
export const portalUser = (subject: string): Principal => ({ kind: "PORTAL_USER", subject, partners: [], officerRoles: [] });
export const ANONYMOUS: Principal = { kind: "ANONYMOUS", partners: [], officerRoles: [] };
