import { randomUUID } from "node:crypto";
import { DataSource, IsNull } from "typeorm";
import { Clock, ConnectionArgs, ConnectionShape, EventPublisher, loadManyByColumn, NotFoundError, paginate, paginateByParent, Principal, requireFutureDate, ScheduledJob, transaction, transitionOnce } from "../../kit";
import { CustomsDeclaration } from "../entities/declaration.entity";
import { DeclarationStatus, DocumentKind } from "../entities/enums";
import { DocumentRequirement, OFFICE_REQUEST_RULE } from "../entities/selection.entity";
import { DeclarationAccess } from "./access";
import { DeadlineService } from "./deadline.service";
import { DeclarationService } from "./declaration.service";
import { DOCUMENTS_BEFORE_CONTROL_RULE } from "./lodging.service";
import { refused } from "./errors";

/**
 * The documents a selection or the office requires, each by its identification mark (DEC-R35,
 * OD-AFD art. 18), their deadlines (DEC-R36, DEC-R37, DEC-R45), submission and the overdue job.
 */
export class DocumentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: DeclarationAccess,
    private readonly deadlines: DeadlineService,
    private readonly events: EventPublisher,
    private readonly declarations: DeclarationService,
  ) {}

  async submitDocument(principal: Principal, identificationMark: string): Promise<DocumentRequirement> {
    return transaction(this.dataSource, async m => {
      const found = await m.findOneBy(DocumentRequirement, { identificationMark });
      if (!found) throw new NotFoundError("DocumentRequirement", identificationMark, "input.identificationMark");
      const d = await this.declarations.get(found.declarationId, m);
      if (!this.access.isOfficer(principal)) this.access.requireDeclarant(principal, d);
      // Read again under the declaration's lock: a parallel submission has committed by now.
      const doc = (await m.findOneBy(DocumentRequirement, { id: found.id }))!;
      if (doc.submittedAt) throw refused("DOCUMENT_ALREADY_SUBMITTED", "This document was already submitted.", { field: "input.identificationMark", rule: "DEC-R35", article: "OD-AFD art. 18" });
      doc.submittedAt = this.clock.now();
      return m.save(doc);
    });
  }

  /** DEC-R45 (LD art. 35): the office asks for a further document during the taxation procedure. */
  async requestAdditionalDocument(principal: Principal, input: { declarationId: string; kind: DocumentKind; dueAt: Date; reason: string }): Promise<DocumentRequirement> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    requireFutureDate(input.dueAt, this.clock.now(), { field: "input.dueAt", rule: "DEC-R45", article: "LD art. 35" });
    return transaction(this.dataSource, async m => {
      const d = await this.declarations.get(input.declarationId, m);
      if (![DeclarationStatus.ACCEPTED, DeclarationStatus.EX_OFFICIO_TAXED].includes(d.status)) {
        throw refused("NOT_IN_TAXATION_PROCEDURE", `A ${d.status} declaration is not in the taxation procedure.`, { rule: "DEC-R45", article: "LD art. 35", status: d.status });
      }
      const earlier = await m.find(DocumentRequirement, { where: { declarationId: d.id }, select: { id: true, requiredAt: true } });
      const count = earlier.length;
      // After every earlier requirement, so that the documents page in the order of their marks.
      const requiredAt = new Date(Math.max(this.clock.now().getTime(), ...earlier.map(x => x.requiredAt.getTime() + 1)));
      return m.save(
        m.create(DocumentRequirement, {
          id: randomUUID(),
          declarationId: d.id,
          kind: input.kind,
          identificationMark: `${d.declarationNumber}-${String(count + 1).padStart(2, "0")}-${input.kind.slice(0, 3)}`,
          requiredAt,
          computedDueAt: input.dueAt,
          dueRule: `${OFFICE_REQUEST_RULE}: requested by the office (LD art. 35): ${input.reason}`.slice(0, 300),
          submittedAt: null,
          overdueFlagged: false,
        }),
      );
    });
  }

  async documentDueAt(docs: DocumentRequirement[]): Promise<Map<string, Date | null>> {
    const overrides = await this.deadlines.latest("DocumentRequirement", docs.map(d => d.id), "DOCUMENT_DUE");
    return new Map(docs.map(d => [d.id, overrides.get(d.id)?.newValue ?? d.computedDueAt]));
  }

  /** Every document each declaration requires, in the order they were required, in one statement. */
  documentsOf(declarationIds: readonly string[]): Promise<DocumentRequirement[][]> {
    return loadManyByColumn(this.dataSource.getRepository(DocumentRequirement), "declarationId", declarationIds, { requiredAt: "ASC", id: "ASC" });
  }

  /** A page of each declaration's documents, in as many statements for 100 declarations as for 10. */
  async documentPages(declarationIds: readonly string[], args: ConnectionArgs): Promise<ConnectionShape<DocumentRequirement>[]> {
    return paginateByParent(this.dataSource.getRepository(DocumentRequirement), { parentProperty: "declarationId", timeProperty: "requiredAt" }, declarationIds, args);
  }

  /** Documents past their (possibly overridden) deadline and not submitted, flagged by the job; a page, by requirement; of one office's declarations when `officeId`. */
  async overdueDocuments(partnerIds: string[] | null, officeId: string | null | undefined, args: ConnectionArgs): Promise<ConnectionShape<DocumentRequirement>> {
    const qb = this.dataSource.getRepository(DocumentRequirement).createQueryBuilder("doc").innerJoin(CustomsDeclaration, "d", "d.id = doc.declaration_id").where("doc.overdue_flagged = :t AND doc.submitted_at IS NULL", { t: true });
    if (partnerIds) {
      if (!partnerIds.length) qb.andWhere("1 = 0");
      else qb.andWhere("d.declarant_id IN (:...p)", { p: partnerIds });
    }
    if (officeId) qb.andWhere("d.office_id = :officeId", { officeId });
    return paginate(qb, args, { alias: "doc", timeColumn: "required_at", timeProperty: "requiredAt" });
  }

  /** The overdue-documents job: flags each document once its effective deadline has passed. */
  overdueDocumentsJob(): ScheduledJob {
    return {
      name: "flag-overdue-documents",
      run: async now => {
        const candidates = await this.dataSource.getRepository(DocumentRequirement).find({ where: { submittedAt: IsNull(), overdueFlagged: false } });
        const due = await this.documentDueAt(candidates);
        let flagged = 0;
        for (const doc of candidates) {
          const at = due.get(doc.id);
          if (!at || at.getTime() >= now.getTime()) continue;
          // The flag and its event commit together: a crash between them cannot lose or repeat the event.
          const ok = await transaction(this.dataSource, async m => {
            if (!(await transitionOnce(m, DocumentRequirement, doc.id, { overdueFlagged: false, submittedAt: IsNull() } as never, { overdueFlagged: true }))) return false;
            const d = await this.declarations.get(doc.declarationId, m);
            await this.events.publish(m, "DocumentsOverdue", d.id, { declarationId: d.id, declarantId: d.declarantId, identificationMark: doc.identificationMark, dueAt: at.toISOString() });
            return true;
          });
          if (ok) flagged += 1;
        }
        return flagged;
      },
    };
  }

  async overrideDocumentDeadline(principal: Principal, identificationMark: string, newValue: Date, reason: string) {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    requireFutureDate(newValue, this.clock.now(), { field: "input.newDueAt", rule: "DEC-R36", article: "OD-AFD art. 19 para. 3, 19a para. 2" });
    return transaction(this.dataSource, async m => {
      const doc = await m.findOneBy(DocumentRequirement, { identificationMark });
      if (!doc) throw new NotFoundError("DocumentRequirement", identificationMark, "input.identificationMark");
      // DEC-R63 (OD-AFD art. 40 para. 2): only the working-day deadline of let. b is extended;
      // after an intervention the documents are due before the control itself.
      if (doc.dueRule === DOCUMENTS_BEFORE_CONTROL_RULE) {
        throw refused("DEADLINE_NOT_EXTENSIBLE", "After an intervention the documents are due before the customs control; that moment is not extended.", { field: "input.identificationMark", rule: "DEC-R63", article: "OD-AFD art. 40 para. 2" });
      }
      const o = await this.deadlines.override(m, principal, { type: "DocumentRequirement", id: doc.id }, "DOCUMENT_DUE", doc.computedDueAt, newValue, reason);
      if (doc.overdueFlagged && newValue.getTime() > this.clock.now().getTime()) await m.update(DocumentRequirement, { id: doc.id }, { overdueFlagged: false });
      return o;
    });
  }
}
