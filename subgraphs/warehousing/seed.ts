import fs from "node:fs";
import path from "node:path";
import { Principal } from "../kit";
import { StorageFacility } from "./entities/facility.entity";
import { FacilityKind } from "./entities/enums";
import type { WarehousingServices } from "./services";

const OFFICER: Principal = { kind: "OFFICER", subject: "demo-officer", partners: [], officerRoles: ["CUSTOMS_OFFICE", "DISTRICT_DIRECTORATE"] };

/**
 * Demo facilities for `npm start`: the demo partner of identity's data set (read from the demo
 * credentials file identity writes, waited for a bounded time) operates an open customs warehouse
 * in the Basel Rhine port, with a lot of watches, and a consumer goods warehouse (a grain silo) with
 * 25,000 kg of wheat, whose conditional duties go to debt (X14). Runs once.
 */
export async function seedDemoWarehousing(services: WarehousingServices, credentialsFile?: string, options: { timeoutMs?: number } = {}): Promise<number> {
  const { dataSource, logger, env } = services.runtime;
  if (await dataSource.getRepository(StorageFacility).count()) return 0;
  const file = credentialsFile ?? path.resolve(env.DATA_DIR ?? "data", "demo-credentials.json");
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!fs.existsSync(file) && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 500));
  if (!fs.existsSync(file)) {
    logger.warn({ file }, "no demo partner from identity in time; demo facilities skipped");
    return 0;
  }
  const { partnerId } = JSON.parse(fs.readFileSync(file, "utf8")) as { partnerId: string };
  const now = services.runtime.clock.now();
  const open = await services.facilities.apply(OFFICER, { operatorId: partnerId, kind: FacilityKind.OPEN_CUSTOMS_WAREHOUSE, name: "Zolllager Rheinhafen Kleinhüningen", address: "Westquaistrasse 2, 4057 Basel", controlOfficeId: "1001", domiciledInSwitzerland: true, properOperationGuaranteed: true });
  await services.facilities.decide(OFFICER, { facilityId: open.id, grant: true, disproportionateAdministrativeCost: false, charges: ["Inventory kept electronically, readable by the control office"], excludedGoods: ["93"], specialPremisesGoods: ["9101", "9102"] });
  const watches = await services.lots.recordEntry(OFFICER, { facilityId: open.id, officeId: "1001", depositorId: partnerId, presentedAt: now, goodsDescription: "Wrist-watches, mechanical display", tariffNumber: "9102.1100", netMassKg: "120.500", inSpecialPremises: true });
  await services.lots.recordInventory(OFFICER, watches.id);
  const silo = await services.facilities.apply(OFFICER, { operatorId: partnerId, kind: FacilityKind.CONSUMER_GOODS_WAREHOUSE, name: "Getreidesilo Birsfelden", address: "Hafenstrasse 10, 4127 Birsfelden", controlOfficeId: "1001", domiciledInSwitzerland: true, properOperationGuaranteed: true });
  await services.facilities.decide(OFFICER, { facilityId: silo.id, grant: true, disproportionateAdministrativeCost: false, admittedGoods: ["1001", "1003", "1005"] });
  // Wheat at CHF 42.00 per 100 kg: 25,000 kg fix CHF 10,500.00 conditionally (WH-R03).
  await services.lots.recordEntry(OFFICER, { facilityId: silo.id, officeId: "1001", depositorId: partnerId, presentedAt: now, goodsDescription: "Wheat, other, in bulk", tariffNumber: "1001.9900", netMassKg: "25000.000", suitableForBulkTransport: true, conditionalDuties: 1_050_000 });
  logger.info({ partnerId }, "demo facilities and lots recorded");
  return 2;
}
