import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/** ENF-R05 (LD art. 109 para. 2): what a prohibition forbids, as enforcement's X25 names it. */
export type ProhibitionScope = "DECLARATIONS" | "OTHER_ACTIVITIES";

/**
 * X25 `ProfessionalDeclarantProhibited` (enforcement) as declarations keeps it, so that lodging
 * never waits for another subgraph: the administration forbade a person, for a fixed or
 * indefinite period, to make declarations professionally or to carry out other activities in the
 * customs procedure (LD art. 109 para. 2). Keyed by the prohibition's own id, so a redelivered
 * event records one row. Not a GraphQL type: enforcement owns prohibitions (ENF-R21).
 */
@Entity("declarant_prohibition")
export class DeclarantProhibition {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  /** The prohibited person (a business partner), matched against the declarant. */
  @Index("IDX_declarant_prohibition_partner")
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  /**
   * The prohibited declaring employee's personal number (OD-AFD art. 10-11), matched against the
   * declaration's. As long as enforcement keeps it (40), so that no delivery fails on its length.
   */
  @Index("IDX_declarant_prohibition_personal_number")
  @Column({ type: "varchar", length: 40, name: "personal_number", nullable: true })
  personalNumber: string | null;

  @Column({ type: "simple-json" })
  scope: ProhibitionScope[];

  /** In force from this instant on. */
  @Column({ type: "datetime", precision: 3, name: "valid_from" })
  validFrom: Date;

  /** In force until just before this instant; null: for an indefinite period. */
  @Column({ type: "datetime", precision: 3, name: "valid_until", nullable: true })
  validUntil: Date | null;

  /** Lifted by the administration (DESIGN CHOICE, DOMAIN.md §6.2): no longer in force from this instant on. */
  @Column({ type: "datetime", precision: 3, name: "lifted_at", nullable: true })
  liftedAt: Date | null;
}
