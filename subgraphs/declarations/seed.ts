import { Principal } from "../kit";
import { CustomsDeclaration } from "./entities/declaration.entity";
import { CustomsDestination, CustomsProcedure, DeclarationChannel, Direction, SummaryForm, TaxationKind } from "./entities/enums";
import { AuthorisedDeclarant, DeclarantEmployeeRef } from "./entities/projections.entity";
import type { DeclarationServices } from "./services";

/**
 * Demo declarations for `npm start`. Declarations knows partners only from identity's events, so
 * the seed waits (bounded) until an authorised declarant with a declaring employee has arrived,
 * then lodges two imports for it at Basel: one selected free (released at once) and one
 * BLOCKED, awaiting its documents. Runs once: nothing happens when declarations exist.
 */
export async function seedDemoDeclarations(services: DeclarationServices, options: { timeoutMs?: number } = {}): Promise<number> {
  const { dataSource, logger } = services.runtime;
  if (await dataSource.getRepository(CustomsDeclaration).count()) return 0;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let auth: AuthorisedDeclarant | null = null;
  let employee: DeclarantEmployeeRef | null = null;
  while (Date.now() < deadline) {
    auth = await dataSource.getRepository(AuthorisedDeclarant).findOneBy({ active: true });
    employee = auth ? await dataSource.getRepository(DeclarantEmployeeRef).findOneBy({ partnerId: auth.partnerId, active: true }) : null;
    if (auth && employee) break;
    await new Promise(resolve => setTimeout(resolve, 500));
  }
  if (!auth || !employee) {
    logger.warn("no authorised declarant arrived from identity in time; demo declarations skipped");
    return 0;
  }
  const software: Principal = { kind: "API_APPLICATION", subject: "demo-seed", applicationId: "demo-seed", partners: [{ partnerId: auth.partnerId, portalRole: null, roles: ["FREIGHT"] }], officerRoles: [] };
  const lodge = async (random: number, description: string, tariffNumber: string, grossMassKg: string, value: number) => {
    const presentation = await services.lodging.present(software, { officeId: "1001", presenterId: auth!.partnerId, summaryForm: SummaryForm.ELECTRONIC, place: "Basel/Weil am Rhein-Autobahn", goodsDescription: description });
    const previous = services.selection.random;
    services.selection.random = () => random;
    try {
      return await services.lodging.lodge(software, {
        declarantId: auth!.partnerId,
        officeId: "1001",
        direction: Direction.IMPORT,
        procedure: CustomsProcedure.FREE_CIRCULATION,
        destination: CustomsDestination.CUSTOMS_PROCEDURE,
        channel: DeclarationChannel.PASSAR_B2B,
        businessNumber: auth!.businessNumber,
        personalNumber: employee!.personalNumber,
        language: "de",
        presentationId: presentation.id,
        items: [{ tariffNumber, description, netMassKg: grossMassKg, grossMassKg, value, origin: "IT" }],
      });
    } finally {
      services.selection.random = previous;
    }
  };
  const wine = await lodge(0.5, "Wine of fresh grapes, bottles", "2204.2150", "1200.000", 1_800_000);
  await lodge(0.001, "Leather footwear", "6403.9900", "350.000", 4_200_000);
  // The office taxes the released wine at once: debt learns the amount (X08).
  const office: Principal = { kind: "OFFICER", subject: "demo-officer", partners: [], officerRoles: ["CUSTOMS_OFFICE"] };
  await services.taxation.tax(office, { declarationId: wine.id, kind: TaxationKind.FINAL });
  logger.info({ partnerId: auth.partnerId }, "demo declarations lodged");
  return 2;
}
