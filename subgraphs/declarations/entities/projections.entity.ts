import { Column, Entity, PrimaryColumn } from "typeorm";

/**
 * What declarations knows of identity, kept from identity's events (DOMAIN.md §7 X02, X04 and the
 * employee events), so that lodging a declaration never waits for another subgraph.
 */
@Entity("authorised_declarant")
export class AuthorisedDeclarant {
  @PrimaryColumn({ type: "varchar", length: 12, name: "business_number" })
  businessNumber: string;

  @Column({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @Column({ type: "simple-json" })
  systems: string[];

  @Column({ type: "varchar", length: 40 })
  scope: string;

  @Column({ type: "boolean", name: "transit_only" })
  transitOnly: boolean;

  @Column({ type: "boolean" })
  active: boolean;

  @Column({ type: "datetime", precision: 3, name: "changed_at" })
  changedAt: Date;
}

@Entity("declarant_employee_ref")
export class DeclarantEmployeeRef {
  @PrimaryColumn({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @PrimaryColumn({ type: "varchar", length: 20, name: "personal_number" })
  personalNumber: string;

  @Column({ type: "boolean" })
  active: boolean;
}

@Entity("partner_role_ref")
export class PartnerRoleRef {
  @PrimaryColumn({ type: "varchar", length: 36, name: "partner_id" })
  partnerId: string;

  @PrimaryColumn({ type: "varchar", length: 32, name: "role_type" })
  roleType: string;

  @Column({ type: "boolean" })
  active: boolean;
}
