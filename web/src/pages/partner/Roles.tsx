import { ConnectionSection } from "../../components/ConnectionTable";
import { When } from "../../components/common";
import { humanize } from "../../format";
import { fieldError } from "../../graph";
import type { PartnerSectionProps } from "./types";

export function Roles({ partner, error }: PartnerSectionProps) {
  return (
    <ConnectionSection
      title="Roles"
      testId="section-roles"
      connection={partner.roles}
      fieldError={fieldError(error, ["businessPartner", "roles"])}
      empty="No roles."
      columns={["Role", "Status", "Requested", "Released", "Ended", "Contact", "Note"]}
      row={node => (
        <tr key={node.id} data-testid="role-row" data-status={node.status}>
          <td>{humanize(node.roleType)}</td>
          <td>{humanize(node.status)}</td>
          <td>
            <When value={node.requestedAt} />
          </td>
          <td>
            <When value={node.releasedAt} />
          </td>
          <td>
            <When value={node.endedAt} />
          </td>
          <td>{node.contactPerson ? [node.contactPerson.name, node.contactPerson.email, node.contactPerson.phone].filter(Boolean).join(", ") : "—"}</td>
          <td>{node.decisionNote ?? ""}</td>
        </tr>
      )}
    />
  );
}
