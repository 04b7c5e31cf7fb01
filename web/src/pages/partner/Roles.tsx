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
      columns={["Role", "Status", "History", "Contact", "Note"]}
      row={node => (
        <tr key={node.id} data-testid="role-row" data-status={node.status}>
          <td>{humanize(node.roleType)}</td>
          <td>{humanize(node.status)}</td>
          <td>
            {/* Every change of status as recorded (kept history; as of the page's date when one is chosen). */}
            <ol className="role-history" data-testid="role-history">
              {node.history.map(change => (
                <li key={`${change.at}-${change.status}`} data-status={change.status} title={change.decisionNote ?? undefined}>
                  {humanize(change.status)} <When value={change.at} />
                </li>
              ))}
            </ol>
          </td>
          <td>{node.contactPerson ? [node.contactPerson.name, node.contactPerson.email, node.contactPerson.phone].filter(Boolean).join(", ") : "—"}</td>
          <td>{node.decisionNote ?? ""}</td>
        </tr>
      )}
    />
  );
}
