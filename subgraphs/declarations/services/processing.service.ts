import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import {
  Clock,
  ConnectionArgs,
  ConnectionShape,
  Decimal,
  loadByColumn,
  paginateByParent,
  NotFoundError,
  Principal,
  requireFutureDate,
  transaction,
  ValidationError,
} from "../../kit";
import { ApplicationForm, ApplicationSentBy, AuthorisationIssuer, ProcessingAnnexCategory, ProcessingKind, ProcessingSystem } from "../entities/enums";
import { ProcessingAuthorisation } from "../entities/procedure-case.entity";
import { DeclarationAccess } from "./access";
import { refused } from "./errors";
import { ReferenceService } from "./reference.service";

export interface GrantProcessingInput {
  holderId: string;
  kind: ProcessingKind;
  system: ProcessingSystem;
  issuer: AuthorisationIssuer;
  issuingOfficeId?: string | null;
  annexCategory?: ProcessingAnnexCategory | null;
  processing: string;
  tariffHeadings: string[];
  quantityLimitKg?: string | null;
  validUntil: Date;
  applicationForm?: ApplicationForm | null;
  applicationSentBy?: ApplicationSentBy | null;
  applicationSigned?: boolean | null;
  renewalOf?: string | null;
}

/**
 * DEC-R73 to DEC-R75 (LD art. 59, 60; OD-AFD art. 56, 57): authorisations for inward and outward
 * processing. The DGD grants them on a validly signed application sent by post or fax, on the
 * official form or on the applicant's own document with all the data (a renewal needs neither);
 * a customs office grants them itself only for the goods and processing of the OD-AFD annex.
 * Declined, with reason: the annex's further condition, taxation under art. 1 and 2 of the
 * Department's ordinance of 4 April 2007 on processing traffic, is not in our sources.
 */
export class ProcessingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: DeclarationAccess,
    private readonly reference: ReferenceService,
  ) {}

  async grant(principal: Principal, input: GrantProcessingInput): Promise<ProcessingAuthorisation> {
    const rule = { rule: "DEC-R75" };
    this.access.requireOfficer(principal, input.issuer === AuthorisationIssuer.DGD ? "DGD" : "CUSTOMS_OFFICE");
    requireFutureDate(input.validUntil, this.clock.now(), { field: "input.validUntil", rule: input.kind === ProcessingKind.INWARD ? "DEC-R73" : "DEC-R74", article: input.kind === ProcessingKind.INWARD ? "LD art. 59" : "LD art. 60" });
    const headings = [...new Set(input.tariffHeadings)];
    if (!headings.length || headings.some(h => !/^\d{4}$/.test(h))) throw new ValidationError("Name the tariff headings covered, four digits each.", { field: "input.tariffHeadings" });
    if (input.quantityLimitKg && !/^\d{1,9}(\.\d{1,3})?$/.test(input.quantityLimitKg)) throw new ValidationError("quantityLimitKg is a mass in kg with at most 3 decimals.", { field: "input.quantityLimitKg" });
    if (input.processing.trim().length < 5) throw new ValidationError("Describe the goods and the processing.", { field: "input.processing" });
    if (input.issuer === AuthorisationIssuer.CUSTOMS_OFFICE) {
      if (!input.annexCategory) throw refused("PROCESSING_NOT_IN_ANNEX", "A customs office authorises only the goods and processing of the OD-AFD annex; apply to the DGD.", { ...rule, field: "input.annexCategory", article: "OD-AFD art. 57" });
      if (!input.issuingOfficeId) throw new ValidationError("Name the issuing office.", { field: "input.issuingOfficeId", ...rule, article: "OD-AFD art. 57" });
    } else if (input.annexCategory) {
      throw new ValidationError("The annex is the offices' list; the DGD's authorisations need none.", { field: "input.annexCategory", ...rule, article: "OD-AFD art. 56" });
    }
    if (input.issuer === AuthorisationIssuer.DGD) {
      if (!input.applicationSigned) throw refused("APPLICATION_NOT_SIGNED", "The application is validly signed.", { ...rule, field: "input.applicationSigned", article: "OD-AFD art. 56 para. 3" });
      if (input.applicationSentBy !== ApplicationSentBy.POST && input.applicationSentBy !== ApplicationSentBy.FAX) {
        throw refused("APPLICATION_NOT_BY_POST_OR_FAX", "Applications go to the DGD by post or fax.", { ...rule, field: "input.applicationSentBy", article: "OD-AFD art. 56 para. 3" });
      }
      if (!input.renewalOf && !input.applicationForm) throw refused("APPLICATION_FORM_REQUIRED", "A first application uses the downloadable form or the applicant's own document with all its data.", { ...rule, field: "input.applicationForm", article: "OD-AFD art. 56 para. 1-2" });
    }
    return transaction(this.dataSource, async m => {
      if (input.issuingOfficeId) await this.reference.office(input.issuingOfficeId, m);
      if (input.renewalOf) {
        const previous = await m.findOneBy(ProcessingAuthorisation, { id: input.renewalOf });
        if (!previous || previous.holderId !== input.holderId || previous.kind !== input.kind) throw new NotFoundError("ProcessingAuthorisation", input.renewalOf, "input.renewalOf");
      }
      return m.save(
        m.create(ProcessingAuthorisation, {
          id: randomUUID(),
          holderId: input.holderId,
          kind: input.kind,
          system: input.system,
          issuer: input.issuer,
          issuingOfficeId: input.issuingOfficeId ?? null,
          annexCategory: input.annexCategory ?? null,
          processing: input.processing.trim(),
          tariffHeadings: headings,
          quantityLimitKg: input.quantityLimitKg ? new Decimal(input.quantityLimitKg).toFixed(3) : null,
          quantityUsedKg: "0.000",
          validUntil: input.validUntil,
          applicationForm: input.applicationForm ?? null,
          applicationSentBy: input.applicationSentBy ?? null,
          renewalOf: input.renewalOf ?? null,
          grantedAt: this.clock.now(),
        }),
      );
    });
  }

  async byIds(ids: readonly string[]): Promise<(ProcessingAuthorisation | null)[]> {
    return loadByColumn(this.dataSource.getRepository(ProcessingAuthorisation), "id", ids);
  }

  /** A page of each holder's authorisations, oldest grant first, in as many statements for 100 holders as for 10. */
  async pagesOfHolders(holderIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<ProcessingAuthorisation>[]> {
    return paginateByParent(this.dataSource.getRepository(ProcessingAuthorisation), { parentProperty: "holderId", timeProperty: "grantedAt" }, holderIds, args);
  }
}
