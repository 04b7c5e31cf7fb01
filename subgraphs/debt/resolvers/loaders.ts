import type { CustomsDebt, DebtorLiability, Payment } from "../entities/debt.entity";
import type { DebtStatus } from "../entities/enums";
import { ConnectionArgs, loadByColumn, pageLoader } from "../../kit";
import { CustomsPledge as CustomsPledgeEntity } from "../entities/pledge.entity";
import type { CustomsPledge, PcdAccount, SuretyReceipt } from "../entities/pledge.entity";
import type { Security, SecurityReservation } from "../entities/security.entity";
import type { BondHeadroomShape, Exposure } from "../services/exposure.service";
import type { DebtContext } from "./debt.resolver";

/**
 * Per-request loaders: whatever the number of debts, securities or partners a request touches,
 * each of these costs one batch, access checks and computed fields (interest, exposure) included.
 */
export const loaders = {
  debt: (ctx: DebtContext) => ctx.loaders.get<string, CustomsDebt | null>("debt", ids => ctx.services.debts.byIds(ids)),
  debtByKey: (ctx: DebtContext) => ctx.loaders.get<string, CustomsDebt | null>("debtByKey", keys => ctx.services.debts.byKeys(keys)),
  debtByTaxation: (ctx: DebtContext) => ctx.loaders.get<string, CustomsDebt | null>("debtByTaxation", ids => ctx.services.debts.byTaxationDecisions(ids)),
  debtors: (ctx: DebtContext) => ctx.loaders.get<string, DebtorLiability[]>("debtors", ids => ctx.services.debts.debtorsOf(ids)),
  securedAmount: (ctx: DebtContext) => ctx.loaders.get<string, number>("securedAmount", ids => ctx.services.debts.securedAmountsOf(ids)),
  suretyReceipt: (ctx: DebtContext) => ctx.loaders.get<string, SuretyReceipt | null>("suretyReceipt", ids => ctx.services.debts.receiptsOfPayments(ids)),
  /** Nested connections: one loader per field and per arguments, so that 100 parents cost what 10 do. */
  debtsOfPartner: (ctx: DebtContext, args: ConnectionArgs, statuses?: DebtStatus[] | null) =>
    pageLoader<CustomsDebt>(ctx.loaders, "debtsOfPartner", args, ids => ctx.services.debts.debtPagesOfPartners(ids, args, statuses), statuses ?? null),
  payments: (ctx: DebtContext, args: ConnectionArgs) => pageLoader<Payment>(ctx.loaders, "payments", args, ids => ctx.services.debts.paymentPages(ids, args)),
  /** Keyed by the debt itself: the interest of every late debt of the request in three statements. */
  interest: (ctx: DebtContext) => ctx.loaders.get<CustomsDebt, number>("interest", debts => ctx.services.debts.interestOf(debts, ctx.services.runtime.clock.now())),
  security: (ctx: DebtContext) => ctx.loaders.get<string, Security | null>("security", ids => ctx.services.securities.byIds(ids)),
  securitiesOfPartner: (ctx: DebtContext, args: ConnectionArgs) =>
    pageLoader<Security>(ctx.loaders, "securitiesOfPartner", args, ids => ctx.services.securities.pagesOfPartners(ids, args)),
  reservations: (ctx: DebtContext, args: ConnectionArgs) =>
    pageLoader<SecurityReservation>(ctx.loaders, "reservations", args, ids => ctx.services.securities.reservationPages(ids, args)),
  exposure: (ctx: DebtContext) => ctx.loaders.get<string, Exposure>("exposure", ids => ctx.services.exposure.exposureOf(ids, ctx.services.runtime.clock.now())),
  bonds: (ctx: DebtContext, args: ConnectionArgs) => pageLoader<BondHeadroomShape>(ctx.loaders, "bonds", args, ids => ctx.services.exposure.bondPages(ids, args)),
  /**
   * As of a past instant (issue 15), from the kept history: one loader per field, arguments and
   * instant, so that the partners of a request, however many, cost the same few statements.
   */
  debtsOfPartnerAsOf: (ctx: DebtContext, args: ConnectionArgs, statuses: DebtStatus[] | null | undefined, at: Date) =>
    pageLoader<CustomsDebt>(ctx.loaders, "debtsOfPartnerAsOf", args, ids => ctx.services.history.debtPagesOfPartners(ids, args, statuses, at), [statuses ?? null, at.toISOString()]),
  debtorsAsOf: (ctx: DebtContext, at: Date) => ctx.loaders.get<string, DebtorLiability[]>(`debtorsAsOf:${at.toISOString()}`, ids => ctx.services.history.debtorsOf(ids, at)),
  interestAsOf: (ctx: DebtContext, at: Date) => ctx.loaders.get<CustomsDebt, number>(`interestAsOf:${at.toISOString()}`, debts => ctx.services.history.interestOf(debts, at)),
  securedAmountAsOf: (ctx: DebtContext, at: Date) => ctx.loaders.get<string, number>(`securedAmountAsOf:${at.toISOString()}`, ids => ctx.services.history.securedAmountsOf(ids, at)),
  paymentsAsOf: (ctx: DebtContext, args: ConnectionArgs, at: Date) => pageLoader<Payment>(ctx.loaders, "paymentsAsOf", args, ids => ctx.services.history.paymentPages(ids, args, at), at.toISOString()),
  securitiesOfPartnerAsOf: (ctx: DebtContext, args: ConnectionArgs, at: Date) =>
    pageLoader<Security>(ctx.loaders, "securitiesOfPartnerAsOf", args, ids => ctx.services.history.securityPagesOfPartners(ids, args, at), at.toISOString()),
  reservationsAsOf: (ctx: DebtContext, args: ConnectionArgs, at: Date) =>
    pageLoader<SecurityReservation>(ctx.loaders, "reservationsAsOf", args, ids => ctx.services.history.reservationPages(ids, args, at), at.toISOString()),
  exposureAsOf: (ctx: DebtContext, at: Date) => ctx.loaders.get<string, Exposure>(`exposureAsOf:${at.toISOString()}`, ids => ctx.services.history.exposureOf(ids, at)),
  bondsAsOf: (ctx: DebtContext, args: ConnectionArgs, at: Date) => pageLoader<BondHeadroomShape>(ctx.loaders, "bondsAsOf", args, ids => ctx.services.history.bondPages(ids, args, at), at.toISOString()),
  /** By the pledge's unique origin key `seizure:<id>` (X21). */
  pledgeOfSeizure: (ctx: DebtContext) =>
    ctx.loaders.get<string, CustomsPledge | null>("pledgeOfSeizure", ids => loadByColumn(ctx.services.runtime.dataSource.getRepository(CustomsPledgeEntity), "originKey", ids.map(id => `seizure:${id}`))),
  pcdAccount: (ctx: DebtContext) => ctx.loaders.get<string, PcdAccount | null>("pcdAccount", ids => ctx.services.pledges.pcdAccountsOf(ids)),
};

/** The debt if the caller may see it, else null (for `_entities` and lists of references). */
export async function visibleDebt(ctx: DebtContext, debt: CustomsDebt | null): Promise<CustomsDebt | null> {
  if (!debt) return null;
  return ctx.services.access.canSeeDebt(ctx.principal, await loaders.debtors(ctx).load(debt.id)) ? debt : null;
}

/** The debt, or FORBIDDEN / UNAUTHENTICATED when the caller may not see it. */
export async function requireVisibleDebt(ctx: DebtContext, debt: CustomsDebt): Promise<CustomsDebt> {
  ctx.services.access.requireSeeDebt(ctx.principal, debt.id, await loaders.debtors(ctx).load(debt.id));
  return debt;
}
