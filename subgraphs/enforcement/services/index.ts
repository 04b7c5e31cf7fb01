import { OfficeCalendar, SubgraphRuntime } from "../../kit";
import { EnforcementAccess } from "./access";
import { AssistanceService } from "./assistance.service";
import { CaseService } from "./case.service";
import { ControlService } from "./control.service";
import { DecisionService } from "./decision.service";
import { ProfileService } from "./profile.service";
import { SeizureService } from "./seizure.service";

export interface EnforcementServices {
  access: EnforcementAccess;
  cases: CaseService;
  controls: ControlService;
  seizures: SeizureService;
  decisions: DecisionService;
  assistance: AssistanceService;
  profiles: ProfileService;
  runtime: SubgraphRuntime;
}

/**
 * DESIGN CHOICE: appeal periods against enforcement decisions end on a working day of the canton of
 * Bern, the seat of the DGD that decides the appeals (LD art. 116 para. 1bis); counter hours play no part.
 */
export const APPEAL_CALENDAR_CANTON = "BE";

export function createEnforcementServices(runtime: SubgraphRuntime): EnforcementServices {
  const { dataSource, clock, events } = runtime;
  const access = new EnforcementAccess();
  const appeals = new OfficeCalendar({ canton: APPEAL_CALENDAR_CANTON, openingHours: [] });
  const cases = new CaseService(dataSource, clock, access, events, appeals);
  return {
    access,
    cases,
    controls: new ControlService(dataSource, clock, access),
    seizures: new SeizureService(dataSource, clock, access, events),
    decisions: new DecisionService(dataSource, clock, access, events, cases, appeals),
    assistance: new AssistanceService(dataSource, clock, access, appeals),
    profiles: new ProfileService(dataSource, clock),
    runtime,
  };
}
