import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from "typeorm";

/**
 * ENF-R23 (LD art. 116): an appeal names the decision it is against by when it was taken, and the
 * unique key "one appeal per decision and appellant" includes that instant. The old key, on the
 * case id alone, refused an appeal against the new penalty decision of a case whose first penalty
 * an upheld appeal annulled.
 *
 * Existing appeals take the instant of their decision: a prohibition's decision, an assistance
 * request's final decision, a case's penalty decision when it was taken before the appeal was
 * filed. A penalty decision since annulled (its case decided again later, or not yet) is no longer
 * recorded: such an appeal takes its filing instant, which comes after the annulled decision and
 * before any later one, so it never blocks an appeal against the later decision.
 * Engine-neutral (TypeORM schema API, one portable UPDATE), as EnforcementNestedPages.
 */
export class EnforcementAppealPerDecision1766000000500 implements MigrationInterface {
  name = "EnforcementAppealPerDecision1766000000500";

  async up(q: QueryRunner): Promise<void> {
    await q.dropIndex("enforcement_appeal", "UQ_enforcement_appeal");
    const nullable = new TableColumn({ name: "decision_taken_at", type: "datetime", precision: 3, isNullable: true });
    await q.addColumn("enforcement_appeal", nullable);
    await q.query(
      `UPDATE enforcement_appeal SET decision_taken_at = COALESCE(
        CASE decision_kind
          WHEN 'PENALTY' THEN (SELECT c.decided_at FROM offence_case c WHERE c.id = enforcement_appeal.decision_id AND c.decided_at <= enforcement_appeal.filed_at)
          WHEN 'PROHIBITION' THEN (SELECT p.decided_at FROM declarant_prohibition p WHERE p.id = enforcement_appeal.decision_id)
          WHEN 'ASSISTANCE' THEN (SELECT r.final_decision_at FROM assistance_request r WHERE r.id = enforcement_appeal.decision_id)
        END,
        filed_at)`,
    );
    // Same type, so both engines keep the values and only forbid null.
    await q.changeColumn("enforcement_appeal", nullable, new TableColumn({ name: "decision_taken_at", type: "datetime", precision: 3, isNullable: false }));
    await q.createIndex("enforcement_appeal", new TableIndex({ name: "UQ_enforcement_appeal", columnNames: ["decision_kind", "decision_id", "decision_taken_at", "appellant_id"], isUnique: true }));
  }

  async down(q: QueryRunner): Promise<void> {
    // The old key cannot hold two appeals of one appellant against decisions on the same case:
    // refused before anything changes (MySQL commits each schema change at once).
    const rows = (await q.query(
      "SELECT COUNT(*) AS n FROM (SELECT decision_kind FROM enforcement_appeal GROUP BY decision_kind, decision_id, appellant_id HAVING COUNT(*) > 1) twice",
    )) as { n: string | number }[];
    const twice = Number(rows[0].n);
    if (twice > 0) throw new Error(`Decisions appealed again by the same appellant after an upheld appeal (${twice}) cannot be rolled back`);
    await q.dropIndex("enforcement_appeal", "UQ_enforcement_appeal");
    await q.dropColumn("enforcement_appeal", "decision_taken_at");
    await q.createIndex("enforcement_appeal", new TableIndex({ name: "UQ_enforcement_appeal", columnNames: ["decision_kind", "decision_id", "appellant_id"], isUnique: true }));
  }
}
