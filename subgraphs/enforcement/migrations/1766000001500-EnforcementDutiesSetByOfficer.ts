import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";

/**
 * ENF-R08, ENF-R09 (LD art. 118 para. 1, 119 para. 1): a case remembers that an officer entered
 * its duties at stake, so that a later taxation of a linked declaration (X08, X09), which gives the
 * declaration's total duties, no longer replaces the duties evaded the officer established.
 *
 * Existing cases: only an estimate told an officer's amount from a taxation's until now, so the
 * estimated ones are marked; an exact amount entered before this migration cannot be told apart
 * and stays replaceable, as it was. Engine-neutral (TypeORM schema API, one portable UPDATE).
 */
export class EnforcementDutiesSetByOfficer1766000001500 implements MigrationInterface {
  name = "EnforcementDutiesSetByOfficer1766000001500";

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn("offence_case", new TableColumn({ name: "duties_set_by_officer", type: "boolean", default: 0 }));
    await q.query("UPDATE offence_case SET duties_set_by_officer = duties_estimated");
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn("offence_case", "duties_set_by_officer");
  }
}
