import { NotAvailable, PartnerLink, Section, When } from "../../components/common";
import { humanize, yesNo } from "../../format";
import { fieldError } from "../../graph";
import type { PartnerSectionProps } from "./types";

export function Identity({ partner, error }: PartnerSectionProps) {
  const a = partner.registerAddress;
  const aeo = partner.aeoStatus;
  const aeoError = fieldError(error, ["businessPartner", "aeoStatus"]);
  return (
    <Section title="Identity" testId="section-identity">
      <dl className="facts">
        <dt>UID</dt>
        <dd data-testid="partner-uid">{partner.uid ?? "—"}</dd>
        {partner.berNumber && (
          <>
            <dt>BER number</dt>
            <dd>{partner.berNumber}</dd>
          </>
        )}
        <dt>Type</dt>
        <dd data-testid="partner-type">{humanize(partner.partnerType)}</dd>
        <dt>Status</dt>
        <dd data-testid="partner-status">{humanize(partner.status)}</dd>
        <dt>Address</dt>
        <dd data-testid="partner-address">
          {a.street}, {a.postalCode} {a.city}, {a.country}
        </dd>
        <dt>Domicile in customs territory</dt>
        <dd>{yesNo(partner.domicileInCustomsTerritory)}</dd>
        <dt>Entered</dt>
        <dd>
          {humanize(partner.entryMode)}, <When value={partner.createdAt} />
        </dd>
        {partner.headOffice && (
          <>
            <dt>Head office</dt>
            <dd>
              <PartnerLink partner={partner.headOffice} />
            </dd>
          </>
        )}
        <dt>AEO status</dt>
        <dd data-testid="partner-aeo">
          {aeo ? (
            <>
              {humanize(aeo.status)} (requested <When value={aeo.requestedAt} />
              {aeo.grantedAt && (
                <>
                  , granted <When value={aeo.grantedAt} />
                </>
              )}
              ){aeo.refusalReason && <> — {aeo.refusalReason}</>}
            </>
          ) : aeoError ? (
            <NotAvailable error={aeoError} />
          ) : (
            "none requested"
          )}
        </dd>
      </dl>
    </Section>
  );
}
