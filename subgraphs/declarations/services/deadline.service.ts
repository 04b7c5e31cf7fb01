import { randomUUID } from "node:crypto";
import { DataSource, EntityManager, In } from "typeorm";
import { Clock, Principal, ValidationError } from "../../kit";
import { DeadlineOverride } from "../entities/procedure.entity";

export type DeadlineKind = "DECLARATION_DUE" | "DOCUMENT_DUE" | "RESUBMISSION_DUE" | "REMOVAL_DUE";

/** A computed deadline that the office may adapt (T10): whose it is, and which. */
export interface DeadlineSubject {
  type: string;
  kind: DeadlineKind;
  id: string;
}

/** The key of a deadline subject in the per-request override loader (`Type|KIND|id`). */
export function deadlineKey(s: DeadlineSubject): string {
  return `${s.type}|${s.kind}|${s.id}`;
}

/**
 * DOMAIN.md §0.4 T10: every computed deadline can be adapted by the office (OD-AFD art. 4 para. 2,
 * 19 para. 3, 19a para. 2, 20 para. 2, 37 para. 2). The computed value stays; the override, with
 * its reason, officer and time, wins.
 */
export class DeadlineService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async override(manager: EntityManager, principal: Principal, subject: { type: string; id: string }, kind: DeadlineKind, computed: Date | null, newValue: Date, reason: string): Promise<DeadlineOverride> {
    if (reason.trim().length < 5) throw new ValidationError("Give the reason for the new deadline.", { field: "input.reason", article: "DOMAIN.md §0.4 T10" });
    return manager.save(
      manager.create(DeadlineOverride, {
        id: randomUUID(),
        subjectType: subject.type,
        subjectId: subject.id,
        deadlineKind: kind,
        computedValue: computed,
        newValue,
        reason: reason.trim(),
        officer: principal.subject ?? "officer",
        overriddenAt: this.clock.now(),
      }),
    );
  }

  /** The latest override of each subject's deadline of `kind`, in one query. */
  async latest(subjectType: string, subjectIds: readonly string[], kind: DeadlineKind, manager: EntityManager = this.dataSource.manager): Promise<Map<string, DeadlineOverride>> {
    if (!subjectIds.length) return new Map();
    const rows = await manager.find(DeadlineOverride, { where: { subjectType, deadlineKind: kind, subjectId: In([...new Set(subjectIds)]) }, order: { overriddenAt: "ASC", id: "ASC" } });
    return new Map(rows.map(r => [r.subjectId, r]));
  }

  /**
   * The latest override of each deadline subject, whatever their types and kinds, in one query:
   * key `deadlineKey`, value the override in force. Same rule as `latest`: the last one wins.
   */
  async latestOf(subjects: readonly DeadlineSubject[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, DeadlineOverride>> {
    const groups = new Map<string, { type: string; kind: DeadlineKind; ids: Set<string> }>();
    for (const s of subjects) {
      const group = groups.get(`${s.type}|${s.kind}`) ?? { type: s.type, kind: s.kind, ids: new Set<string>() };
      group.ids.add(s.id);
      groups.set(`${s.type}|${s.kind}`, group);
    }
    if (!groups.size) return new Map();
    const rows = await manager.find(DeadlineOverride, {
      where: [...groups.values()].map(g => ({ subjectType: g.type, deadlineKind: g.kind, subjectId: In([...g.ids]) })),
      order: { overriddenAt: "ASC", id: "ASC" },
    });
    return new Map(rows.map(r => [deadlineKey({ type: r.subjectType, kind: r.deadlineKind as DeadlineKind, id: r.subjectId }), r]));
  }

  async effective(manager: EntityManager, subjectType: string, subjectId: string, kind: DeadlineKind, computed: Date | null): Promise<Date | null> {
    return (await this.latest(subjectType, [subjectId], kind, manager)).get(subjectId)?.newValue ?? computed;
  }
}
