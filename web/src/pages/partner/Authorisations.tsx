import { ConnectionSection } from "../../components/ConnectionTable";
import { Badge, Day, When } from "../../components/common";
import { humanize } from "../../format";
import { fieldError } from "../../graph";
import type { PartnerSectionProps } from "./types";

export function Authorisations({ partner, error }: PartnerSectionProps) {
  return (
    <ConnectionSection
      title="Customs-system authorisations"
      testId="section-authorisations"
      connection={partner.customsSystemAuthorisations}
      fieldError={fieldError(error, ["businessPartner", "customsSystemAuthorisations"])}
      empty="No authorisations applied for."
      columns={["Systems", "Scope", "Status", "Business number", "Applied", "Decision due", "Decided", "Remarks"]}
      row={node => (
        <tr key={node.id} data-testid="authorisation-row" data-status={node.status}>
          <td>
            {node.systems.join(", ")}
            {node.transitOnly && " (transit only)"}
          </td>
          <td>{humanize(node.scope)}</td>
          <td>{humanize(node.status)}</td>
          <td data-testid="business-number">{node.businessNumber ?? "—"}</td>
          <td>
            <When value={node.appliedAt} />
          </td>
          <td>
            <Day value={node.decisionDueBy} /> {node.decisionOverdue && <Badge tone="bad">overdue</Badge>}
          </td>
          <td>
            <When value={node.decidedAt} />
          </td>
          <td>
            {[node.refusalReason, node.withdrawalGround && `${humanize(node.withdrawalGround)}`, node.missingConditions.length > 0 && `missing: ${node.missingConditions.join(", ")}`]
              .filter(Boolean)
              .join("; ")}
          </td>
        </tr>
      )}
    />
  );
}
