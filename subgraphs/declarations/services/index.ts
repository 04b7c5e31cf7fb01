import type { SubgraphRuntime } from "../../kit";
import { DeclarationAccess } from "./access";
import { ChannelService } from "./channel.service";
import { DeadlineService } from "./deadline.service";
import { DeclarationService } from "./declaration.service";
import { DocumentService } from "./document.service";
import { LodgingService } from "./lodging.service";
import { ProcedureCaseService } from "./procedure-case.service";
import { ProcessingService } from "./processing.service";
import { ProhibitionService } from "./prohibition.service";
import { ProjectionService } from "./projection.service";
import { ReferenceService } from "./reference.service";
import { SelectionService } from "./selection.service";
import { TaxationService } from "./taxation.service";
import { DeclarationTimelineService } from "./timeline.service";

export interface DeclarationServices {
  access: DeclarationAccess;
  reference: ReferenceService;
  deadlines: DeadlineService;
  selection: SelectionService;
  declarations: DeclarationService;
  lodging: LodgingService;
  documents: DocumentService;
  taxation: TaxationService;
  channels: ChannelService;
  procedures: ProcedureCaseService;
  processing: ProcessingService;
  projections: ProjectionService;
  prohibitions: ProhibitionService;
  timeline: DeclarationTimelineService;
  runtime: SubgraphRuntime;
}

export function createDeclarationServices(runtime: SubgraphRuntime): DeclarationServices {
  const { dataSource, clock, events } = runtime;
  const access = new DeclarationAccess();
  const reference = new ReferenceService(dataSource);
  const deadlines = new DeadlineService(dataSource, clock);
  const selection = new SelectionService();
  const declarations = new DeclarationService(dataSource, clock, access, reference, deadlines, events);
  const lodging = new LodgingService(dataSource, clock, access, reference, deadlines, selection, events, declarations);
  const taxation = new TaxationService(dataSource, clock, access, reference, declarations, events);
  return {
    access,
    reference,
    deadlines,
    selection,
    declarations,
    lodging,
    documents: new DocumentService(dataSource, clock, access, deadlines, events, declarations),
    taxation,
    channels: new ChannelService(dataSource, clock, access, reference, declarations, lodging, taxation, events),
    procedures: new ProcedureCaseService(dataSource, clock, access, reference, declarations, taxation, events),
    processing: new ProcessingService(dataSource, clock, access, reference),
    projections: new ProjectionService(clock),
    prohibitions: new ProhibitionService(),
    timeline: new DeclarationTimelineService(dataSource, clock, declarations),
    runtime,
  };
}
