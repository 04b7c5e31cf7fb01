import { ConnectionSection } from "../../components/ConnectionTable";
import { Day, DeclarationLink, Money, When } from "../../components/common";
import { humanize } from "../../format";
import { fieldError } from "../../graph";
import type { PartnerSectionProps } from "./types";

export function Debts({ partner, error }: PartnerSectionProps) {
  return (
    <ConnectionSection
      title="Customs debts"
      testId="section-debts"
      connection={partner.customsDebts}
      fieldError={fieldError(error, ["businessPartner", "customsDebts"])}
      empty="No debts."
      columns={["Declaration", "Status", { label: "Amount", num: true }, "Due", { label: "Interest", num: true }, { label: "Outstanding", num: true }, "Limitation"]}
      row={node => (
        <tr key={node.id} data-testid="debt-row" data-status={node.status}>
          <td>
            {node.declaration ? (
              <DeclarationLink declaration={node.declaration}>{node.declarationNumber ?? "declaration"}</DeclarationLink>
            ) : (
              (node.declarationNumber ?? "—")
            )}
          </td>
          <td>
            {humanize(node.status)}
            {node.conditional && " (conditional)"}
          </td>
          <td className="num">
            <Money value={node.amount} />
          </td>
          <td>
            <When value={node.dueAt} />
            {node.paymentDeadline && (
              <small className="muted">
                <br />
                pay by <When value={node.paymentDeadline} />
              </small>
            )}
          </td>
          <td className="num">
            <Money value={node.interest} />
          </td>
          <td className="num">
            <Money value={node.outstanding} testId="debt-outstanding" />
          </td>
          <td>
            <Day value={node.limitationDate} />
          </td>
        </tr>
      )}
    />
  );
}
