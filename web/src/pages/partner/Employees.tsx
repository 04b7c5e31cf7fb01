import { ConnectionSection } from "../../components/ConnectionTable";
import { When } from "../../components/common";
import { yesNo } from "../../format";
import { fieldError } from "../../graph";
import type { PartnerSectionProps } from "./types";

export function Employees({ partner, error }: PartnerSectionProps) {
  return (
    <ConnectionSection
      title="Declaring employees"
      testId="section-employees"
      connection={partner.declarantEmployees}
      fieldError={fieldError(error, ["businessPartner", "declarantEmployees"])}
      empty="No employees announced."
      columns={["Personal number", "Name", "Active", "Announced", "Deactivated"]}
      row={node => (
        <tr key={node.id} data-testid="employee-row">
          <td>{node.personalNumber}</td>
          <td>{node.name}</td>
          <td>{yesNo(node.active)}</td>
          <td>
            <When value={node.announcedAt} />
          </td>
          <td>
            <When value={node.deactivatedAt} />
          </td>
        </tr>
      )}
    />
  );
}
