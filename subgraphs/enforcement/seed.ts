import fs from "node:fs";
import path from "node:path";
import { Principal } from "../kit";
import { AggravatingCircumstance, ControlKind, ControlResult, Culpability, OffenceType, SeizureKind } from "./entities/enums";
import { OffenceCase } from "./entities/offence-case.entity";
import type { EnforcementServices } from "./services";

const GUARD: Principal = { kind: "OFFICER", subject: "demo-border-guard", partners: [], officerRoles: ["BORDER_GUARD"] };
const ANTI_FRAUD: Principal = { kind: "OFFICER", subject: "demo-anti-fraud", partners: [], officerRoles: ["ANTI_FRAUD"] };

/**
 * Demo enforcement data for `npm start`: a territory control at the demo partner (read from the
 * demo credentials file identity writes, waited for a bounded time) finds undeclared watches; they
 * are seized as customs pledge (X21, to debt) and an evasion case is opened and assessed with
 * aggravating circumstances, so its fine range shows. Runs once.
 */
export async function seedDemoEnforcement(services: EnforcementServices, credentialsFile?: string, options: { timeoutMs?: number } = {}): Promise<number> {
  const { dataSource, logger, env, clock } = services.runtime;
  if (await dataSource.getRepository(OffenceCase).count()) return 0;
  const file = credentialsFile ?? path.resolve(env.DATA_DIR ?? "data", "demo-credentials.json");
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!fs.existsSync(file) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 500));
  if (!fs.existsSync(file)) {
    logger.warn({ file }, "no demo partner from identity in time; demo enforcement skipped");
    return 0;
  }
  const { partnerId } = JSON.parse(fs.readFileSync(file, "utf8")) as { partnerId: string };
  const now = clock.now();
  const importedAt = new Date(now.getTime() - 90 * 86_400_000);
  const control = await services.controls.plan(GUARD, { kind: ControlKind.TERRITORY_CONTROL, targetId: partnerId, importedAt, place: "Zollstrasse 1, 4051 Basel" });
  await services.controls.perform(GUARD, { controlId: control.id, result: ControlResult.IRREGULARITIES, findings: "12 mechanical wrist-watches without proof of taxation (LD art. 30 para. 2)." });
  const c = await services.cases.open(ANTI_FRAUD, { offenceType: OffenceType.CUSTOMS_EVASION, facts: "Watches imported without declaration, found in a territory control.", suspectIds: [partnerId], culpability: Culpability.INTENT });
  await services.seizures.seize(GUARD, { kind: SeizureKind.SMUGGLED_GOODS, objects: "12 mechanical wrist-watches", caseId: c.id, controlId: control.id, ownerId: partnerId, goodsValue: 36_000_00, crossedAt: importedAt });
  await services.cases.assess(ANTI_FRAUD, { caseId: c.id, dutiesAtStake: 2_880_00, dutiesEstimated: true, aggravatingCircumstances: [AggravatingCircumstance.BY_TRADE_OR_HABIT] });
  logger.info({ partnerId, caseId: c.id }, "demo enforcement case recorded");
  return 1;
}
