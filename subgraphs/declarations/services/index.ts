import type { SubgraphRuntime } from "../../kit";
import { DeclarationAccess } from "./access";
import { DeadlineService } from "./deadline.service";
import { DeclarationService } from "./declaration.service";
import { DocumentService } from "./document.service";
import { LodgingService } from "./lodging.service";
import { ProjectionService } from "./projection.service";
import { ReferenceService } from "./reference.service";
import { SelectionService } from "./selection.service";
import { TaxationService } from "./taxation.service";

export interface DeclarationServices {
  access: DeclarationAccess;
  reference: ReferenceService;
  deadlines: DeadlineService;
  selection: SelectionService;
  declarations: DeclarationService;
  lodging: LodgingService;
  documents: DocumentService;
  taxation: TaxationService;
  projections: ProjectionService;
  runtime: SubgraphRuntime;
}

export function createDeclarationServices(runtime: SubgraphRuntime): DeclarationServices {
  const { dataSource, clock, events } = runtime;
  const access = new DeclarationAccess();
  const reference = new ReferenceService(dataSource);
  const deadlines = new DeadlineService(dataSource, clock);
  const selection = new SelectionService();
  const declarations = new DeclarationService(dataSource, clock, access, reference, deadlines, events);
  return {
    access,
    reference,
    deadlines,
    selection,
    declarations,
    lodging: new LodgingService(dataSource, clock, access, reference, deadlines, selection, events, declarations),
    documents: new DocumentService(dataSource, clock, access, deadlines, events, declarations),
    taxation: new TaxationService(dataSource, clock, access, reference, declarations, events),
    projections: new ProjectionService(clock),
    runtime,
  };
}
