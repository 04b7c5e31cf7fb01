import { randomUUID } from "node:crypto";
import { DataSource } from "typeorm";
import { Clock, EventPublisher, findForUpdate, NotFoundError, Principal, ValidationError, transaction } from "../../kit";
import { BusinessPartner } from "../entities/business-partner.entity";
import { DeclarantEmployee } from "../entities/declarant-employee.entity";
import { PartnerType } from "../entities/enums";
import { IdentityAccess } from "./access";
import { IdentityErrors } from "./errors";

export class DeclarantEmployeeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: IdentityAccess,
    private readonly events: EventPublisher,
  ) {}

  /**
   * ID-R32 (OD-AFD art. 10): the declarant announces each employee entitled to declare, with a
   * personal number unique within the partner. Published so that declarations can check
   * ID-R33 (OD-AFD art. 11) without asking identity.
   */
  async announce(principal: Principal, input: { partnerId: string; personalNumber: string; name: string; personId?: string | null }): Promise<DeclarantEmployee> {
    return transaction(this.dataSource, async m => {
      await this.access.requirePartnerAdministrator(m, principal, input.partnerId);
      await this.access.lockPartner(m, input.partnerId);
      if (input.personId) {
        const person = await m.findOneBy(BusinessPartner, { id: input.personId });
        if (!person || person.partnerType !== PartnerType.NATURAL_PERSON) {
          throw new ValidationError("personId must be a business partner that is a natural person.", { field: "input.personId", rule: "ID-R32", article: "OD-AFD art. 10" });
        }
      }
      const existing = await m.findOneBy(DeclarantEmployee, { partnerId: input.partnerId, personalNumber: input.personalNumber });
      if (existing) {
        throw IdentityErrors.personalNumberTaken(existing.id);
      }
      const employee = await m.save(
        m.create(DeclarantEmployee, {
          id: randomUUID(),
          partnerId: input.partnerId,
          personalNumber: input.personalNumber,
          name: input.name.trim(),
          personId: input.personId ?? null,
          active: true,
          announcedAt: this.clock.now(),
          deactivatedAt: null,
        }),
      );
      await this.events.publish(m, "DeclarantEmployeeAnnounced", employee.partnerId, {
        partnerId: employee.partnerId,
        employeeId: employee.id,
        personalNumber: employee.personalNumber,
        personId: employee.personId,
      });
      return employee;
    });
  }

  /** ID-R32: changes are reported immediately; the employee may no longer declare. */
  async deactivate(principal: Principal, employeeId: string): Promise<DeclarantEmployee> {
    return transaction(this.dataSource, async m => {
      // Who is asking comes first: an unknown id tells a stranger nothing.
      await this.access.requireUser(m, principal);
      // Locked before it is checked: two reports at once publish one DeclarantEmployeeDeactivated.
      const employee = await findForUpdate(m, DeclarantEmployee, { id: employeeId });
      if (!employee) throw new NotFoundError("DeclarantEmployee", employeeId, "input.employeeId");
      await this.access.requirePartnerAdministrator(m, principal, employee.partnerId);
      if (!employee.active) {
        throw IdentityErrors.refused("EMPLOYEE_ALREADY_INACTIVE", "This employee was already reported as no longer declaring.", { rule: "ID-R32", article: "OD-AFD art. 10" });
      }
      Object.assign(employee, { active: false, deactivatedAt: this.clock.now() });
      await m.save(employee);
      await this.events.publish(m, "DeclarantEmployeeDeactivated", employee.partnerId, {
        partnerId: employee.partnerId,
        employeeId: employee.id,
        personalNumber: employee.personalNumber,
      });
      return employee;
    });
  }
}
