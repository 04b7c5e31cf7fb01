import type { AdvanceAnnouncement } from "../entities/channel.entity";
import type { CustomsProcedure, DeclarationStatus, ProcedureCaseStatus } from "../entities/enums";
import type { CustomsOffice } from "../entities/customs-office.entity";
import type { ProcedureCase, ProcessingAuthorisation } from "../entities/procedure-case.entity";
import type { CustomsDeclaration, DeclarationItem } from "../entities/declaration.entity";
import type { GoodsPresentation } from "../entities/presentation.entity";
import type { Appeal, DeclarationCorrection, Refusal, TaxationChangeRequest, TaxationDecision, Verification } from "../entities/procedure.entity";
import type { DocumentRequirement, SelectionDecision } from "../entities/selection.entity";
import { ConnectionArgs, ConnectionShape, KeptVersion, pageLoader } from "../../kit";
import type { DeadlineKind } from "../services/deadline.service";
import type { TimelineRecords } from "../services/timeline.service";
import type { DeclarationsContext } from "./context";

/** Per-request loaders: a list of 100 declarations costs one query per field, not 100. */
export const loaders = {
  declaration: (ctx: DeclarationsContext) => ctx.loaders.get<string, CustomsDeclaration | null>("declaration", ids => ctx.services.declarations.byIds(ids)),
  office: (ctx: DeclarationsContext) => ctx.loaders.get<string, CustomsOffice | null>("office", ids => ctx.services.reference.officesByIds(ids)),
  presentation: (ctx: DeclarationsContext) => ctx.loaders.get<string, GoodsPresentation | null>("presentation", ids => ctx.services.lodging.presentationsByIds(ids)),
  items: (ctx: DeclarationsContext) => ctx.loaders.get<string, DeclarationItem[]>("items", ids => ctx.services.declarations.itemsOf(ids)),
  selection: (ctx: DeclarationsContext) => ctx.loaders.get<string, SelectionDecision | null>("selection", ids => ctx.services.lodging.selectionOf(ids)),
  taxation: (ctx: DeclarationsContext) => ctx.loaders.get<string, TaxationDecision[]>("taxation", ids => ctx.services.taxation.decisionsOf(ids)),
  taxationById: (ctx: DeclarationsContext) => ctx.loaders.get<string, TaxationDecision | null>("taxationById", ids => ctx.services.taxation.decisionsByIds(ids)),
  procedureCase: (ctx: DeclarationsContext) => ctx.loaders.get<string, ProcedureCase | null>("procedureCase", ids => ctx.services.procedures.byIds(ids)),
  caseOfDeclaration: (ctx: DeclarationsContext) => ctx.loaders.get<string, ProcedureCase | null>("caseOfDeclaration", ids => ctx.services.procedures.ofDeclarations(ids)),
  processingAuthorisation: (ctx: DeclarationsContext) => ctx.loaders.get<string, ProcessingAuthorisation | null>("processingAuthorisation", ids => ctx.services.processing.byIds(ids)),
  announcement: (ctx: DeclarationsContext) => ctx.loaders.get<string, AdvanceAnnouncement | null>("announcement", ids => ctx.services.channels.announcementsOf(ids)),
  // Every row of a declaration's child table, oldest first: the records of its timeline.
  refusalsOf: (ctx: DeclarationsContext) => ctx.loaders.get<string, Refusal[]>("refusalsOf", ids => ctx.services.declarations.refusalsOf(ids)),
  documentsOf: (ctx: DeclarationsContext) => ctx.loaders.get<string, DocumentRequirement[]>("documentsOf", ids => ctx.services.documents.documentsOf(ids)),
  verificationsOf: (ctx: DeclarationsContext) => ctx.loaders.get<string, Verification[]>("verificationsOf", ids => ctx.services.declarations.verificationsOf(ids)),
  correctionsOf: (ctx: DeclarationsContext) => ctx.loaders.get<string, DeclarationCorrection[]>("correctionsOf", ids => ctx.services.declarations.correctionsOf(ids)),
  changeRequestsOf: (ctx: DeclarationsContext) => ctx.loaders.get<string, TaxationChangeRequest[]>("changeRequestsOf", ids => ctx.services.taxation.changeRequestsOf(ids)),
  /** Issue 15: every kept version of the request's declarations, oldest first, in one statement (kit/history.ts `versionsOf`). */
  versionsOf: (ctx: DeclarationsContext) => ctx.loaders.get<string, KeptVersion<CustomsDeclaration>[]>("declarationVersions", ids => ctx.services.timeline.versionsOf(ids)),
};

/**
 * Per-request loaders of nested connections (kit `paginateByParent`): one loader per field and per
 * JSON of its arguments, so that a page of 100 parents costs the same statements as a page of 10.
 */
function pages<T>(ctx: DeclarationsContext, field: string, args: ConnectionArgs, load: (parents: readonly string[], args: ConnectionArgs) => Promise<ConnectionShape<T>[]>) {
  return pageLoader<T>(ctx.loaders, field, args, parents => load(parents, args));
}

export const pageLoaders = {
  declarationsOfPartner: (ctx: DeclarationsContext, args: ConnectionArgs, filter: { statuses?: DeclarationStatus[] | null; from?: Date | null; to?: Date | null }) =>
    pageLoader<CustomsDeclaration>(ctx.loaders, "BusinessPartner.declarations", args, ids => ctx.services.declarations.pagesOfPartners(ids, filter, args), [filter.statuses ?? null, filter.from ?? null, filter.to ?? null]),
  procedureCasesOfHolder: (ctx: DeclarationsContext, args: ConnectionArgs, filter: { statuses?: ProcedureCaseStatus[] | null; procedure?: CustomsProcedure | null }) =>
    pageLoader<ProcedureCase>(ctx.loaders, "BusinessPartner.procedureCases", args, ids => ctx.services.procedures.pagesOfHolders(ids, filter, args), [filter.statuses ?? null, filter.procedure ?? null]),
  documents: (ctx: DeclarationsContext, args: ConnectionArgs) => pages<DocumentRequirement>(ctx, "CustomsDeclaration.documents", args, (ids, a) => ctx.services.documents.documentPages(ids, a)),
  refusals: (ctx: DeclarationsContext, args: ConnectionArgs) => pages<Refusal>(ctx, "CustomsDeclaration.refusals", args, (ids, a) => ctx.services.declarations.refusalPages(ids, a)),
  verifications: (ctx: DeclarationsContext, args: ConnectionArgs) => pages<Verification>(ctx, "CustomsDeclaration.verifications", args, (ids, a) => ctx.services.declarations.verificationPages(ids, a)),
  corrections: (ctx: DeclarationsContext, args: ConnectionArgs) => pages<DeclarationCorrection>(ctx, "CustomsDeclaration.corrections", args, (ids, a) => ctx.services.declarations.correctionPages(ids, a)),
  taxationDecisions: (ctx: DeclarationsContext, args: ConnectionArgs) => pages<TaxationDecision>(ctx, "CustomsDeclaration.taxationDecisions", args, (ids, a) => ctx.services.taxation.decisionPages(ids, a)),
  appeals: (ctx: DeclarationsContext, args: ConnectionArgs) => pages<Appeal>(ctx, "TaxationDecision.appeals", args, (ids, a) => ctx.services.taxation.appealPages(ids, a)),
  processingAuthorisations: (ctx: DeclarationsContext, args: ConnectionArgs) => pages<ProcessingAuthorisation>(ctx, "BusinessPartner.processingAuthorisations", args, (ids, a) => ctx.services.processing.pagesOfHolders(ids, a)),
};

/**
 * The deadline overrides (T10) of many subjects in one query, whatever their types and kinds:
 * key `Type|KIND|id` (`deadlineKey`), value the override's new deadline or null.
 */
export function overrideLoader(ctx: DeclarationsContext) {
  return ctx.loaders.get<string, Date | null>("deadlineOverride", async keys => {
    const subjects = keys.map(key => {
      const [type, kind, id] = key.split("|");
      return { type, kind: kind as DeadlineKind, id };
    });
    const found = await ctx.services.deadlines.latestOf(subjects);
    return keys.map(k => found.get(k)?.newValue ?? null);
  });
}

/** The values of a `loadMany`, or its first error. */
function settled<V>(results: (V | Error)[]): V[] {
  const failed = results.find((r): r is Error => r instanceof Error);
  if (failed) throw failed;
  return results as V[];
}

/**
 * What a declaration's timeline is built from (services/timeline.service.ts), for every declaration
 * of the request at once: each child table, and the kept versions, read once through its own
 * loader, so that the timeline of 100 declarations costs the statements of 10. Keyed
 * `declarationId|presentationId`.
 */
export function timelineRecordsLoader(ctx: DeclarationsContext) {
  return ctx.loaders.get<string, TimelineRecords>("timelineRecords", async keys => {
    const ids = keys.map(k => k.split("|")[0]);
    const presentationIds = [...new Set(keys.map(k => k.split("|")[1]).filter(Boolean))];
    const [versions, presentations, refusals, documents, verifications, corrections, taxationDecisions, changeRequests] = await Promise.all([
      loaders.versionsOf(ctx).loadMany(ids).then(settled),
      loaders.presentation(ctx).loadMany(presentationIds).then(settled),
      loaders.refusalsOf(ctx).loadMany(ids).then(settled),
      loaders.documentsOf(ctx).loadMany(ids).then(settled),
      loaders.verificationsOf(ctx).loadMany(ids).then(settled),
      loaders.correctionsOf(ctx).loadMany(ids).then(settled),
      loaders.taxation(ctx).loadMany(ids).then(settled),
      loaders.changeRequestsOf(ctx).loadMany(ids).then(settled),
    ]);
    const byId = new Map(presentations.filter((p): p is GoodsPresentation => p !== null).map(p => [p.id, p]));
    return keys.map((key, i) => ({
      versions: versions[i],
      presentation: byId.get(key.split("|")[1]) ?? null,
      refusals: refusals[i],
      documents: documents[i],
      verifications: verifications[i],
      corrections: corrections[i],
      taxationDecisions: taxationDecisions[i],
      changeRequests: changeRequests[i],
    }));
  });
}
