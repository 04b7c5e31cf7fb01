import { Column, Entity, Index, PrimaryColumn } from "typeorm";

/**
 * ID-R25 (OD-AFD art. 8 para. 1 let. c): identity's own copy of the securities that cover a
 * partner, fed by debt's events `SecurityProvided` (X03) and `SecurityEnded` (identity never calls
 * debt). A security counts while `endedAt` is null. Not a GraphQL type: debt owns securities.
 */
@Entity("covering_security")
export class CoveringSecurity {
  @PrimaryColumn({ type: "varchar", length: 36, name: "security_id" })
  securityId: string;

  @Index()
  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  /** Debt's SecurityKind: CASH_DEPOSIT, SECURITIES, INDIVIDUAL_BOND, GENERAL_BOND. */
  @Column({ type: "varchar", length: 24 })
  kind: string;

  @Column({ type: "varchar", length: 100 })
  reference: string;

  @Column({ type: "datetime", precision: 3, name: "provided_at" })
  providedAt: Date;

  /** Cancelled by the administration, or (DESIGN CHOICE) a bond's termination received: it no longer counts. */
  @Column({ type: "datetime", precision: 3, name: "ended_at", nullable: true })
  endedAt: Date | null;

  @Column({ type: "varchar", length: 24, name: "end_reason", nullable: true })
  endReason: "CANCELLED" | "TERMINATION_RECEIVED" | null;
}
