import path from "node:path";
import { PROJECT_ROOT } from "../subgraphs/kit/layout";

/**
 * Issuer and audience that development tokens carry. scripts/mint-token.ts uses the same values,
 * so a freshly minted token verifies against a gateway started without any JWT settings.
 */
export const DEFAULT_JWT_ISSUER = "https://login.customs.example/dev";
export const DEFAULT_JWT_AUDIENCE = "customs-graph";

/** The committed development key pair (see dev-keys/README.md). Never trusted in production. */
export const DEV_PUBLIC_KEY_PATH = path.join(PROJECT_ROOT, "gateway", "dev-keys", "dev-public.pem");
export const DEV_PRIVATE_KEY_PATH = path.join(PROJECT_ROOT, "gateway", "dev-keys", "dev-private.pem");

export const DEFAULT_SUPERGRAPH_PATH = "schema/supergraph.graphql";

/** Where the public key that verifies internal users' JWTs comes from. */
export type JwtKeySource =
  | { kind: "jwks"; url: string }
  | { kind: "pem"; pem: string }
  | { kind: "dev"; path: string };

export interface JwtSettings {
  issuer: string;
  audience: string;
  /** Accepted JWS algorithms; the first one is used to import a PEM key. */
  algorithms: string[];
  key: JwtKeySource;
}

export interface GatewayConfig {
  port: number;
  host: string;
  supergraphPath: string;
  jwt: JwtSettings;
}

/**
 * Reads the gateway's settings from the environment:
 * `PORT` (4000), `HOST` (127.0.0.1), `SUPERGRAPH_PATH` (schema/supergraph.graphql),
 * `JWT_JWKS_URL` | `JWT_PUBLIC_KEY` (SPKI PEM), `JWT_ISSUER`, `JWT_AUDIENCE`, `JWT_ALGORITHMS` (ES256).
 * Subgraph URLs are read per subgraph by `subgraphUrlFromEnv`, once the supergraph names them.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  return {
    port: parsePort(env.PORT, 4000),
    host: env.HOST || "127.0.0.1",
    supergraphPath: env.SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH_PATH,
    jwt: {
      issuer: env.JWT_ISSUER || DEFAULT_JWT_ISSUER,
      audience: env.JWT_AUDIENCE || DEFAULT_JWT_AUDIENCE,
      algorithms: (env.JWT_ALGORITHMS || "ES256").split(",").map(a => a.trim()).filter(Boolean),
      key: jwtKeySource(env),
    },
  };
}

function jwtKeySource(env: NodeJS.ProcessEnv): JwtKeySource {
  if (env.JWT_JWKS_URL) return { kind: "jwks", url: env.JWT_JWKS_URL };
  // A PEM in an env file often has its line breaks written as "\n".
  if (env.JWT_PUBLIC_KEY) return { kind: "pem", pem: env.JWT_PUBLIC_KEY.replace(/\\n/g, "\n") };
  // The development key is committed, so anyone could mint tokens: production must say which key to trust.
  if (env.NODE_ENV === "production") throw new Error("JWT_JWKS_URL or JWT_PUBLIC_KEY must be set in production");
  return { kind: "dev", path: DEV_PUBLIC_KEY_PATH };
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be an integer between 0 and 65535, not '${value}'`);
  return port;
}

/** `IDENTITY_URL` for subgraph `identity`: overrides the routing URL written in the supergraph. */
export function subgraphUrlFromEnv(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env[`${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_URL`] || undefined;
}

/** `http://127.0.0.1:4001/graphql` → `http://127.0.0.1:4001`: where /health and /internal/* live. */
export function serviceBaseUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, "");
  url.search = "";
  url.hash = "";
  return url.toString().replace(/\/$/, "");
}
