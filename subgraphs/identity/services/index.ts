import type { SubgraphRuntime } from "../../kit";
import { IdentityAccess } from "./access";
import { AeoService } from "./aeo.service";
import { ApiSelfService } from "./api.service";
import { AuthorisationService } from "./authorisation.service";
import { IdentityConfig, identityConfig } from "./config";
import { DeclarantEmployeeService } from "./employee.service";
import { LetterDispatcher, SpoolLetterDispatcher } from "./letters";
import { PartnerService } from "./partner.service";
import { PortalUserService } from "./portal-user.service";
import { PrincipalService } from "./principal.service";
import { RoleService } from "./role.service";
import { WithdrawalReferralService } from "./withdrawal-referral.service";

/** Everything the identity resolvers call, built once per process. */
export interface IdentityServices {
  config: IdentityConfig;
  access: IdentityAccess;
  letters: LetterDispatcher;
  users: PortalUserService;
  partners: PartnerService;
  roles: RoleService;
  api: ApiSelfService;
  authorisations: AuthorisationService;
  referrals: WithdrawalReferralService;
  employees: DeclarantEmployeeService;
  aeo: AeoService;
  principals: PrincipalService;
  runtime: SubgraphRuntime;
}

export function createIdentityServices(runtime: SubgraphRuntime, letters?: LetterDispatcher): IdentityServices {
  const { dataSource, clock, events, logger } = runtime;
  const config = identityConfig(runtime.env);
  const access = new IdentityAccess();
  const dispatcher = letters ?? new SpoolLetterDispatcher(config.letterSpoolDir);
  const roles = new RoleService(dataSource, clock, access, config, events);
  const api = new ApiSelfService(dataSource, clock, access, config, roles, events);
  return {
    config,
    access,
    letters: dispatcher,
    users: new PortalUserService(dataSource, clock, access),
    partners: new PartnerService(dataSource, clock, access, config, dispatcher, logger),
    roles,
    api,
    authorisations: new AuthorisationService(dataSource, clock, access, events),
    referrals: new WithdrawalReferralService(dataSource, clock, access, events),
    employees: new DeclarantEmployeeService(dataSource, clock, access, events),
    aeo: new AeoService(dataSource, clock, access),
    principals: new PrincipalService(dataSource, api, clock),
    runtime,
  };
}
