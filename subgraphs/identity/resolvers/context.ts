import type { SubgraphContext } from "../../kit";
import type { ReadScope } from "../services/access";
import type { IdentityServices } from "../services";

export type IdentityContext = SubgraphContext<IdentityServices>;

const scopes = new WeakMap<object, Promise<ReadScope>>();

/** The caller's read scope, computed once per request. */
export function scopeOf(ctx: IdentityContext): Promise<ReadScope> {
  let scope = scopes.get(ctx);
  if (!scope) {
    scope = ctx.services.access.scope(ctx.services.runtime.dataSource.manager, ctx.principal);
    scopes.set(ctx, scope);
  }
  return scope;
}

/** Private parts of a partner (roles, users, keys, ...) are for those who act for it, and officers. */
export async function requirePartnerScope(ctx: IdentityContext, partnerId: string): Promise<void> {
  ctx.services.access.requireInScope(await scopeOf(ctx), partnerId);
}
