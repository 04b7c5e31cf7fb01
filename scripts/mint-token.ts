import { signDevToken } from "../gateway/web-app";
import { OFFICER_ROLES } from "../subgraphs/kit";

/**
 * Development tokens for internal users, signed with the committed development key
 * (gateway/dev-keys; never trusted by a production gateway).
 *
 *   npm run token -- --kind officer --sub officer-1 --roles ONBOARDING_SERVICE,DGD
 *   npm run token -- --kind portal_user --sub 'chlogin|alice'
 */

export interface DevTokenRequest {
  kind: "officer" | "portal_user";
  /** Officer id, or the CH-LOGIN subject of a portal user. */
  sub: string;
  /** Officer roles (OFFICER_ROLES); ignored for portal users, whose rights come from identity. */
  roles?: string[];
  /** @default 8 hours, one working day */
  ttlSeconds?: number;
  /** @default the gateway's default issuer */
  issuer?: string;
  /** @default the gateway's default audience */
  audience?: string;
}

export async function mintDevToken(request: DevTokenRequest): Promise<string> {
  return (await signDevToken(request)).token;
}

/** Parses `--kind officer --sub x --roles A,B --ttl 3600`; throws with the usage on a mistake. */
export function parseTokenArgs(argv: string[]): DevTokenRequest {
  const usage = "Usage: npm run token -- --kind officer|portal_user --sub <subject> [--roles A,B] [--ttl <seconds>]";
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!["--kind", "--sub", "--roles", "--ttl"].includes(flag) || value === undefined) throw new Error(usage);
    values.set(flag, value);
  }
  const kind = values.get("--kind");
  const sub = values.get("--sub");
  if ((kind !== "officer" && kind !== "portal_user") || !sub) throw new Error(usage);
  const roles = values.get("--roles")?.split(",").map(r => r.trim()).filter(Boolean);
  // The gateway silently drops unknown roles; here a typo should be loud.
  const unknown = roles?.filter(r => !(OFFICER_ROLES as readonly string[]).includes(r)) ?? [];
  if (unknown.length > 0) throw new Error(`Unknown officer role(s) ${unknown.join(", ")}; known: ${OFFICER_ROLES.join(", ")}`);
  if (roles && kind !== "officer") throw new Error("--roles applies to officers only; a portal user's rights come from identity");
  const ttl = values.get("--ttl");
  const ttlSeconds = ttl === undefined ? undefined : Number(ttl);
  if (ttlSeconds !== undefined && (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)) throw new Error("--ttl must be a positive number of seconds");
  return { kind, sub, roles, ttlSeconds };
}

if (require.main === module) {
  Promise.resolve()
    .then(() => mintDevToken(parseTokenArgs(process.argv.slice(2))))
    .then(
      token => console.log(token),
      error => {
        console.error(error instanceof Error ? error.message : error);
        process.exit(1);
      },
    );
}
