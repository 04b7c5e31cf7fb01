import type { SubgraphRuntime } from "../../kit";
import { NotificationAccess } from "./access";
import { InboxService } from "./inbox.service";
import { IntakeService } from "./intake.service";

export interface NotificationServices {
  access: NotificationAccess;
  /** Events in, notifications out. */
  intake: IntakeService;
  /** Inboxes read and marked read. */
  inbox: InboxService;
  runtime: SubgraphRuntime;
}

export function createNotificationServices(runtime: SubgraphRuntime): NotificationServices {
  const access = new NotificationAccess();
  return { access, intake: new IntakeService(runtime.clock, runtime.events), inbox: new InboxService(runtime.dataSource, runtime.clock, access), runtime };
}
