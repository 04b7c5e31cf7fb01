import { ConnectionTable } from "../../components/ConnectionTable";
import { Money, NotAvailable, Section, When } from "../../components/common";
import { humanize, yesNo } from "../../format";
import { fieldError } from "../../graph";
import type { PartnerSectionProps } from "./types";

export function Enforcement({ partner, error }: PartnerSectionProps) {
  const cases = partner.offenceCases;
  const profile = partner.complianceProfile;
  return (
    <Section title="Enforcement" testId="section-enforcement">
      <h3>Compliance profile</h3>
      <div data-testid="compliance-profile">
        {!profile ? (
          <NotAvailable error={fieldError(error, ["businessPartner", "complianceProfile"])} />
        ) : (
          <dl className="facts">
            <dt>Open cases</dt>
            <dd>{profile.openCases}</dd>
            <dt>Cases, last five years</dt>
            <dd>{profile.casesLastFiveYears}</dd>
            <dt>Penalties, last five years</dt>
            <dd>{profile.penaltiesLastFiveYears}</dd>
            <dt>Repeated offences</dt>
            <dd>{yesNo(profile.repeatedOffences)}</dd>
            <dt>Last offence</dt>
            <dd>
              <When value={profile.lastOffenceAt} />
            </dd>
            <dt>Active prohibition</dt>
            <dd>{yesNo(profile.activeProhibition)}</dd>
            <dt>Open withdrawal referral</dt>
            <dd>{yesNo(profile.openWithdrawalReferral)}</dd>
            <dt>Open leads</dt>
            <dd>{profile.openLeads}</dd>
          </dl>
        )}
      </div>
      <h3>Offence cases{cases && <span className="count">{cases.totalCount}</span>}</h3>
      <div data-testid="offence-cases">
        <ConnectionTable
          connection={cases}
          fieldError={fieldError(error, ["businessPartner", "offenceCases"])}
          empty="No offence cases."
          columns={["Case", "Offence", "Status", "Opened", "Decided", { label: "Fine", num: true }]}
          row={node => (
            <tr key={node.id} data-testid="offence-case-row" data-status={node.status}>
              <td>{node.caseNumber}</td>
              <td>{humanize(node.offenceType)}</td>
              <td>{humanize(node.status)}</td>
              <td>
                <When value={node.openedAt} />
              </td>
              <td>
                <When value={node.decidedAt} />
              </td>
              <td className="num">
                <Money value={node.fineImposed} />
              </td>
            </tr>
          )}
        />
      </div>
    </Section>
  );
}
