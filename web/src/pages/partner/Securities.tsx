import { ConnectionSection } from "../../components/ConnectionTable";
import { Day, Money, PartnerLink, When } from "../../components/common";
import { humanize } from "../../format";
import { fieldError } from "../../graph";
import type { PartnerSectionProps } from "./types";

export function Securities({ partner, error }: PartnerSectionProps) {
  return (
    <ConnectionSection
      title="Securities"
      testId="section-securities"
      connection={partner.securities}
      fieldError={fieldError(error, ["businessPartner", "securities"])}
      empty="No securities."
      columns={["Kind", "Status", { label: "Maximum", num: true }, "Established", "Surety", "Termination"]}
      row={node => (
        <tr key={node.id} data-testid="security-row" data-status={node.status}>
          <td>{humanize(node.kind)}</td>
          <td>{humanize(node.status)}</td>
          <td className="num">
            <Money value={node.maxAmount} />
          </td>
          <td>
            <Day value={node.establishedOn} />
          </td>
          <td>{node.surety ? <PartnerLink partner={node.surety} /> : "—"}</td>
          <td>
            {node.terminationReceivedAt ? (
              <>
                received <When value={node.terminationReceivedAt} />, covers until <When value={node.coverageCutoff} />
              </>
            ) : (
              "—"
            )}
          </td>
        </tr>
      )}
    />
  );
}
