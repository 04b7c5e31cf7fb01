import type { SubgraphRuntime } from "../../kit";
import { DebtAccess } from "./access";
import { ConditionalDebtService } from "./conditional-debt.service";
import { DebtConfig, DebtService } from "./debt.service";
import { EnforcementDebtService } from "./enforcement-debt.service";
import { ExposureService } from "./exposure.service";
import { DebtHistoryService } from "./history.service";
import { PledgeService } from "./pledge.service";
import { SecurityService } from "./security.service";

export interface DebtServices {
  config: DebtConfig;
  access: DebtAccess;
  debts: DebtService;
  conditionalDebts: ConditionalDebtService;
  enforcementDebts: EnforcementDebtService;
  exposure: ExposureService;
  /** The partner's page as of a past date, from the kept history (issue 15). */
  history: DebtHistoryService;
  securities: SecurityService;
  pledges: PledgeService;
  runtime: SubgraphRuntime;
}

export function createDebtServices(runtime: SubgraphRuntime): DebtServices {
  const config: DebtConfig = { paymentPeriodDays: Number(runtime.env.DEBT_PAYMENT_PERIOD_DAYS ?? 30) };
  if (!Number.isInteger(config.paymentPeriodDays) || config.paymentPeriodDays < 1) throw new Error("DEBT_PAYMENT_PERIOD_DAYS must be a whole number of days");
  const securities = new SecurityService(runtime.dataSource, runtime.clock, runtime.events);
  const debts = new DebtService(runtime.dataSource, runtime.clock, runtime.events, config);
  const exposure = new ExposureService(runtime.dataSource, debts);
  return {
    config,
    access: new DebtAccess(),
    debts,
    conditionalDebts: new ConditionalDebtService(runtime.dataSource, runtime.clock, runtime.events, config, debts, securities, runtime.logger),
    enforcementDebts: new EnforcementDebtService(runtime.clock, runtime.events, config),
    exposure,
    history: new DebtHistoryService(runtime.dataSource, runtime.clock, exposure),
    securities,
    pledges: new PledgeService(runtime.dataSource, runtime.clock, runtime.events, debts, securities),
    runtime,
  };
}
