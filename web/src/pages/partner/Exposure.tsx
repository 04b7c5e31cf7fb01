import { ConnectionTable } from "../../components/ConnectionTable";
import { Money, NotAvailable, Section } from "../../components/common";
import { humanize } from "../../format";
import { fieldError } from "../../graph";
import type { PartnerSectionProps } from "./types";

export function Exposure({ partner, error }: PartnerSectionProps) {
  const exposure = partner.exposure;
  return (
    <Section title="Exposure" testId="section-exposure">
      {!exposure ? (
        <NotAvailable error={fieldError(error, ["businessPartner", "exposure"])} />
      ) : (
        <>
          <dl className="facts">
            <dt>Open debts (with interest)</dt>
            <dd>
              <Money value={exposure.openDebts} testId="exposure-open-debts" />
            </dd>
            <dt>Conditional debts</dt>
            <dd>
              <Money value={exposure.conditionalDebts} testId="exposure-conditional-debts" />
            </dd>
          </dl>
          <ConnectionTable
            connection={exposure.bonds}
            empty="No general bonds in force."
            columns={["General bond", { label: "Maximum", num: true }, { label: "Reserved", num: true }, { label: "Headroom", num: true }]}
            row={node => (
              <tr key={node.security.id} data-testid="bond-row">
                <td>
                  {humanize(node.security.kind)} ({humanize(node.security.status)})
                </td>
                <td className="num">
                  <Money value={node.maxAmount} />
                </td>
                <td className="num">
                  <Money value={node.reserved} />
                </td>
                <td className="num">
                  <Money value={node.headroom} testId="bond-headroom" />
                </td>
              </tr>
            )}
          />
        </>
      )}
    </Section>
  );
}
