import { randomUUID } from "node:crypto";
import { Brackets, DataSource, EntityManager, In } from "typeorm";
import {
  addCalendarDays,
  Clock,
  ConnectionArgs,
  ConnectionShape,
  endOfZurichDay,
  Logger,
  NotFoundError,
  paginate,
  Principal,
  ValidationError,
  zurichDate,
  findForUpdate,
  transaction,
} from "../../kit";
import { Address } from "../entities/address";
import { BusinessPartner } from "../entities/business-partner.entity";
import { OnboardingCodeStatus, PartnerEntryMode, PartnerStatus, PartnerType, PortalRole } from "../entities/enums";
import { PartnerMembership } from "../entities/membership.entity";
import { OnboardingCode, TermsOfUseAcceptance } from "../entities/onboarding-code.entity";
import { PortalUser } from "../entities/portal-user.entity";
import { BerRegisterEntry, UidRegisterEntry } from "../entities/uid-register.entity";
import { IdentityAccess, ReadScope } from "./access";
import { IdentityConfig } from "./config";
import { IdentityErrors } from "./errors";
import { LetterDispatcher, VerificationLetter } from "./letters";
import { hashOnboardingCode, newOnboardingCode, normaliseUid } from "./secrets";

export interface RegisterPartnerInput {
  uid?: string | null;
  berNumber?: string | null;
  manual?: { partnerType: PartnerType; name: string; address: Address; domicileInCustomsTerritory: boolean } | null;
}

export interface PartnerFilter {
  status?: PartnerStatus | null;
  partnerType?: PartnerType | null;
  search?: string | null;
}

export class PartnerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: IdentityAccess,
    private readonly config: IdentityConfig,
    private readonly letters: LetterDispatcher,
    private readonly logger: Logger,
  ) {}

  async byIds(ids: readonly string[]): Promise<(BusinessPartner | null)[]> {
    if (!ids.length) return [];
    const rows = await this.dataSource.getRepository(BusinessPartner).findBy({ id: In([...new Set(ids)]) });
    const byId = new Map(rows.map(r => [r.id, r]));
    return ids.map(id => byId.get(id) ?? null);
  }

  async get(id: string): Promise<BusinessPartner> {
    const partner = await this.dataSource.getRepository(BusinessPartner).findOneBy({ id });
    if (!partner) throw new NotFoundError("BusinessPartner", id, "id");
    return partner;
  }

  /** Officers list every partner; portal users and applications the partners they act for. */
  async list(scope: ReadScope, filter: PartnerFilter, args: ConnectionArgs): Promise<ConnectionShape<BusinessPartner>> {
    const qb = this.dataSource.getRepository(BusinessPartner).createQueryBuilder("p");
    if (!scope.all) {
      const ids = [...scope.partners.keys()];
      if (!ids.length) qb.andWhere("1 = 0");
      else qb.andWhere("p.id IN (:...ids)", { ids });
    }
    if (filter.status) qb.andWhere("p.status = :status", { status: filter.status });
    if (filter.partnerType) qb.andWhere("p.partner_type = :type", { type: filter.partnerType });
    if (filter.search) {
      const term = `%${filter.search.toLowerCase()}%`;
      qb.andWhere(new Brackets(w => w.where("LOWER(p.name) LIKE :term", { term }).orWhere("p.uid LIKE :term2", { term2: `%${filter.search}%` })));
    }
    return paginate(qb, args, { alias: "p", timeColumn: "created_at", timeProperty: "createdAt" });
  }

  /** ID-R05 (ePortal step 2): search the UID register by name or UID (public reference data). */
  async searchRegister(query: string, limit = 20): Promise<UidRegisterEntry[]> {
    const term = query.trim();
    if (term.length < 2) throw new ValidationError("Enter at least two characters.", { field: "query", rule: "ID-R05", article: "ePortal step 2" });
    const uid = normaliseUid(term);
    const qb = this.dataSource.getRepository(UidRegisterEntry).createQueryBuilder("u");
    if (uid) qb.where("u.uid = :uid", { uid });
    else qb.where("LOWER(u.name) LIKE :term", { term: `%${term.toLowerCase()}%` });
    return qb.orderBy("u.name", "ASC").take(limit).getMany();
  }

  /** The FOCBS mirror of the UID register is kept up to date by the onboarding service. */
  async recordRegisterEntry(entry: UidRegisterEntry): Promise<UidRegisterEntry> {
    const uid = normaliseUid(entry.uid);
    if (!uid) throw new ValidationError("Not a valid UID (CHE-123.456.789 with its check digit).", { field: "input.uid" });
    if (entry.partnerType === PartnerType.BRANCH) throw new ValidationError("Branches are entered with their BER number.", { field: "input.partnerType" });
    return transaction(this.dataSource, m => m.save(UidRegisterEntry, { ...entry, uid }));
  }

  async recordBranchEntry(entry: BerRegisterEntry): Promise<BerRegisterEntry> {
    const headOfficeUid = normaliseUid(entry.headOfficeUid);
    if (!headOfficeUid) throw new ValidationError("Not a valid head office UID.", { field: "input.headOfficeUid" });
    return transaction(this.dataSource, async m => {
      if (!(await m.findOneBy(UidRegisterEntry, { uid: headOfficeUid }))) {
        throw new ValidationError("The head office is not in the UID register.", { field: "input.headOfficeUid" });
      }
      return m.save(BerRegisterEntry, { ...entry, headOfficeUid });
    });
  }

  /**
   * ePortal step 2: a secured user enters a business partner, found in the UID register
   * (ID-R05), entered manually (ID-R05, ID-R06 design choice), or a branch by its BER number
   * (ID-R07). The verification letter with the onboarding code is triggered at once (ID-R06)
   * and the partner awaits verification.
   */
  async register(principal: Principal, input: RegisterPartnerInput): Promise<BusinessPartner> {
    const chosen = [input.uid, input.berNumber, input.manual].filter(v => v !== undefined && v !== null).length;
    if (chosen !== 1) {
      throw new ValidationError("Give exactly one of uid, berNumber or manual.", { field: "input", rule: "ID-R05", article: "ePortal step 2" });
    }
    const { partner, letter } = await transaction(this.dataSource, async m => {
      const user = await this.access.requireUser(m, principal);
      const now = this.clock.now();
      const partner = m.create(BusinessPartner, {
        id: randomUUID(),
        registeredById: user.id,
        createdAt: now,
        status: PartnerStatus.ENTERED,
        uid: null,
        berNumber: null,
        headOfficeId: null,
      });
      let deliveryAddress: Address;
      if (input.uid) {
        const uid = normaliseUid(input.uid);
        if (!uid) throw new ValidationError("Not a valid UID (CHE-123.456.789 with its check digit).", { field: "input.uid", rule: "ID-R05", article: "ePortal step 2" });
        const entry = await m.findOneBy(UidRegisterEntry, { uid });
        if (!entry) {
          throw IdentityErrors.refused("UID_NOT_IN_REGISTER", "This UID is not in the UID register; enter the partner manually.", { field: "input.uid", rule: "ID-R05", article: "ePortal step 2" });
        }
        await this.refuseDuplicate(m, { uid });
        Object.assign(partner, {
          partnerType: entry.partnerType,
          name: entry.name,
          uid,
          registerAddress: entry.address,
          entryMode: PartnerEntryMode.UID_REGISTER,
          domicileInCustomsTerritory: entry.domicileInCustomsTerritory,
        });
        deliveryAddress = entry.address;
      } else if (input.berNumber) {
        const branch = await m.findOneBy(BerRegisterEntry, { berNumber: input.berNumber });
        if (!branch) {
          throw IdentityErrors.refused("BER_NUMBER_INVALID", "This BER number is not a registered branch.", { field: "input.berNumber", rule: "ID-R07", article: "ePortal step 2" });
        }
        await this.refuseDuplicate(m, { berNumber: input.berNumber });
        const headOfficeEntry = await m.findOneByOrFail(UidRegisterEntry, { uid: branch.headOfficeUid });
        const headOffice = await m.findOneBy(BusinessPartner, { uid: branch.headOfficeUid });
        Object.assign(partner, {
          partnerType: PartnerType.BRANCH,
          name: branch.name,
          berNumber: branch.berNumber,
          headOfficeId: headOffice?.id ?? null,
          registerAddress: branch.address,
          entryMode: PartnerEntryMode.UID_REGISTER,
          domicileInCustomsTerritory: headOfficeEntry.domicileInCustomsTerritory,
        });
        // ID-R07: the code of a branch goes to the head office address in the UID register.
        deliveryAddress = headOfficeEntry.address;
      } else {
        const manual = input.manual!;
        if (manual.partnerType === PartnerType.BRANCH) {
          throw new ValidationError("A branch is registered with its BER number.", { field: "input.manual.partnerType", rule: "ID-R07", article: "ePortal step 2" });
        }
        Object.assign(partner, {
          partnerType: manual.partnerType,
          name: manual.name.trim(),
          registerAddress: manual.address,
          entryMode: PartnerEntryMode.MANUAL,
          domicileInCustomsTerritory: manual.domicileInCustomsTerritory,
        });
        // ID-R06 DESIGN CHOICE: without a UID the letter goes to the address entered, checked by hand.
        deliveryAddress = manual.address;
      }
      await m.save(partner);
      const letter = await this.issueCode(m, partner, user.id, deliveryAddress, now);
      return { partner, letter };
    });
    await this.dispatch(letter);
    return partner;
  }

  /**
   * ID-R12 (ePortal step 3): a new code when the old one did not arrive, was lost or expired. It
   * goes to the same register address and supersedes every unredeemed earlier code.
   */
  async requestNewCode(principal: Principal, partnerId: string): Promise<OnboardingCode> {
    const { code, letter } = await transaction(this.dataSource, async m => {
      const user = await this.access.requireUser(m, principal);
      const partner = await findForUpdate(m, BusinessPartner, { id: partnerId });
      if (!partner) throw new NotFoundError("BusinessPartner", partnerId, "input.partnerId");
      const membership = await this.access.membership(m, user.id, partnerId);
      const mayRequest = partner.registeredById === user.id || (membership && membership.portalRole !== PortalRole.USER);
      if (!mayRequest) throw IdentityErrors.notPartnerAdministrator(partnerId);
      const address = await this.deliveryAddressOf(m, partner);
      const letter = await this.issueCode(m, partner, user.id, address, this.clock.now());
      if (partner.status === PartnerStatus.ENTERED) await m.update(BusinessPartner, { id: partner.id }, { status: PartnerStatus.VERIFICATION_PENDING });
      return { code: await m.findOneByOrFail(OnboardingCode, { id: letter.letterId }), letter };
    });
    await this.dispatch(letter);
    return code;
  }

  /**
   * ePortal step 3: redeem the code from the letter. The user must be secured (ID-R02), accept
   * the current terms of use (ID-R09), and the code must be issued, unredeemed and within its
   * 14 days (ID-R11). The redeemer becomes the partner's portal administrator (ID-R10).
   *
   * DESIGN CHOICE: after `maxFailedCodeAttempts` wrong codes in a row the user may not redeem for
   * `codeLockMinutes`. The failed-attempt counter is the one write that survives a refused
   * redemption: it is what makes guessing useless.
   */
  async redeemCode(principal: Principal, input: { code: string; acceptTermsOfUse: boolean; termsVersion: string }): Promise<PartnerMembership> {
    const now = this.clock.now();
    const outcome = await transaction(this.dataSource, async m => {
      const user = await this.access.requireUser(m, principal);
      if (user.redemptionLockedUntil && user.redemptionLockedUntil.getTime() > now.getTime()) {
        throw IdentityErrors.refused("ONBOARDING_CODE_LOCKED", "Too many wrong codes: redemption is locked for a while.", {
          rule: "ID-R12",
          article: "ePortal step 3 (DESIGN CHOICE)",
          lockedUntil: user.redemptionLockedUntil.toISOString(),
        });
      }
      if (!input.acceptTermsOfUse) {
        throw IdentityErrors.refused("TERMS_OF_USE_NOT_ACCEPTED", "Read and accept the terms of use first.", { field: "input.acceptTermsOfUse", rule: "ID-R09", article: "ePortal step 3" });
      }
      if (input.termsVersion !== this.config.termsOfUseVersion) {
        throw IdentityErrors.refused("TERMS_OF_USE_OUTDATED", `The current terms of use are version ${this.config.termsOfUseVersion}.`, {
          field: "input.termsVersion",
          rule: "ID-R09",
          article: "ePortal step 3",
          currentVersion: this.config.termsOfUseVersion,
        });
      }
      const codeHash = hashOnboardingCode(input.code, this.config.onboardingCodePepper);
      const found = await m.findOneBy(OnboardingCode, { codeHash });
      if (!found) return { failed: true as const, userId: user.id };
      // One redemption per code (ID-R12): the partner's row, then the code's, are locked before the
      // check, in the order a new code request takes them, so a parallel redemption waits and then
      // finds the code REDEEMED.
      await this.access.lockPartner(m, found.partnerId);
      const code = (await findForUpdate(m, OnboardingCode, { id: found.id }))!;
      if (code.status === OnboardingCodeStatus.REDEEMED) {
        throw IdentityErrors.refused("ONBOARDING_CODE_ALREADY_REDEEMED", "This code has already been used.", { field: "input.code", rule: "ID-R12", article: "ePortal step 3 (DESIGN CHOICE: single use)" });
      }
      if (code.status === OnboardingCodeStatus.SUPERSEDED) {
        throw IdentityErrors.refused("ONBOARDING_CODE_SUPERSEDED", "A newer code was requested for this partner; use the latest letter.", { field: "input.code", rule: "ID-R12", article: "ePortal step 3" });
      }
      if (now.getTime() > code.validUntil.getTime()) {
        throw IdentityErrors.refused("ONBOARDING_CODE_EXPIRED", "This code is no longer valid (14 days); request a new one.", {
          field: "input.code",
          rule: "ID-R11",
          article: "ePortal step 3",
          validUntil: code.validUntil.toISOString(),
        });
      }
      await m.save(m.create(TermsOfUseAcceptance, { id: randomUUID(), userId: user.id, termsVersion: input.termsVersion, acceptedAt: now }));
      await m.update(OnboardingCode, { id: code.id }, { status: OnboardingCodeStatus.REDEEMED, redeemedById: user.id, redeemedAt: now });
      await m.update(BusinessPartner, { id: code.partnerId }, { status: PartnerStatus.ONBOARDED });
      if (user.failedCodeAttempts) await m.update(PortalUser, { id: user.id }, { failedCodeAttempts: 0, redemptionLockedUntil: null });
      let membership = await this.access.membership(m, user.id, code.partnerId);
      if (membership) membership.portalRole = PortalRole.ADMINISTRATOR;
      else membership = m.create(PartnerMembership, { id: randomUUID(), userId: user.id, partnerId: code.partnerId, portalRole: PortalRole.ADMINISTRATOR, since: now });
      return { failed: false as const, membership: await m.save(membership) };
    });
    if (!outcome.failed) return outcome.membership;
    const lockedUntil = await this.recordFailedAttempt(outcome.userId, now);
    throw IdentityErrors.refused("ONBOARDING_CODE_INVALID", "This onboarding code is not valid.", {
      field: "input.code",
      rule: "ID-R08",
      article: "ePortal step 3",
      ...(lockedUntil ? { lockedUntil: lockedUntil.toISOString() } : {}),
    });
  }

  async codesOf(partnerId: string): Promise<OnboardingCode[]> {
    return this.dataSource.getRepository(OnboardingCode).find({ where: { partnerId }, order: { issuedAt: "DESC" } });
  }

  /** ISSUED turns EXPIRED once the 14 days are over (ID-R11); stored status otherwise. */
  codeStatus(code: OnboardingCode): OnboardingCodeStatus {
    if (code.status === OnboardingCodeStatus.ISSUED && this.clock.now().getTime() > code.validUntil.getTime()) return OnboardingCodeStatus.EXPIRED;
    return code.status;
  }

  /** ID-R11 DESIGN CHOICE: valid until 23:59:59 (Zurich) of the 14th calendar day after the issue day. */
  codeValidUntil(issuedAt: Date): Date {
    return endOfZurichDay(addCalendarDays(zurichDate(issuedAt), this.config.onboardingCodeValidityDays));
  }

  // ---- users of a partner (ID-R17, ID-R18) ----

  /**
   * ID-R17 (ePortal step 4, note): the administrator or a deputy adds a registered portal user
   * as DEPUTY or USER. There is one way to become ADMINISTRATOR: redeeming a code (ID-R10).
   */
  async addUser(principal: Principal, input: { partnerId: string; email: string; portalRole: PortalRole }): Promise<PartnerMembership> {
    if (input.portalRole === PortalRole.ADMINISTRATOR) {
      throw new ValidationError("The administrator is whoever redeems the onboarding code; add a DEPUTY instead.", { field: "input.portalRole", rule: "ID-R10", article: "ePortal step 3" });
    }
    return transaction(this.dataSource, async m => {
      await this.access.requirePartnerAdministrator(m, principal, input.partnerId);
      await this.access.lockPartner(m, input.partnerId);
      const user = await m.findOneBy(PortalUser, { email: input.email.toLowerCase() });
      if (!user) throw IdentityErrors.refused("PORTAL_USER_NOT_FOUND", "No ePortal user has this e-mail address; they must register first.", { field: "input.email", rule: "ID-R01", article: "ePortal step 1" });
      if (await this.access.membership(m, user.id, input.partnerId)) {
        throw IdentityErrors.alreadyAMember();
      }
      return m.save(m.create(PartnerMembership, { id: randomUUID(), userId: user.id, partnerId: input.partnerId, portalRole: input.portalRole, since: this.clock.now() }));
    });
  }

  async changeUserRole(principal: Principal, input: { membershipId: string; portalRole: PortalRole }): Promise<PartnerMembership> {
    return transaction(this.dataSource, async m => {
      // Who is asking comes first: an unknown id tells a stranger nothing.
      await this.access.requireUser(m, principal);
      const membership = await this.lockedMembership(m, input.membershipId);
      await this.access.requirePartnerAdministrator(m, principal, membership.partnerId);
      if (input.portalRole === PortalRole.ADMINISTRATOR && membership.portalRole !== PortalRole.ADMINISTRATOR) {
        throw new ValidationError("The administrator is whoever redeems the onboarding code.", { field: "input.portalRole", rule: "ID-R10", article: "ePortal step 3" });
      }
      if (membership.portalRole === PortalRole.ADMINISTRATOR && input.portalRole !== PortalRole.ADMINISTRATOR) await this.refuseLastAdministrator(m, membership);
      membership.portalRole = input.portalRole;
      return m.save(membership);
    });
  }

  async removeUser(principal: Principal, membershipId: string): Promise<PartnerMembership> {
    return transaction(this.dataSource, async m => {
      // Who is asking comes first: an unknown id tells a stranger nothing.
      await this.access.requireUser(m, principal);
      const membership = await this.lockedMembership(m, membershipId);
      await this.access.requirePartnerAdministrator(m, principal, membership.partnerId);
      if (membership.portalRole === PortalRole.ADMINISTRATOR) await this.refuseLastAdministrator(m, membership);
      await m.delete(PartnerMembership, { id: membership.id });
      return membership;
    });
  }

  // ---- helpers ----

  /**
   * A membership read after its partner is locked, as every change of a partner's users is: two
   * administrators removing (or demoting) each other at once are serialised, so the second sees
   * the first one's change, is no longer an administrator or is the last one (ID-R17), and is refused.
   */
  private async lockedMembership(m: EntityManager, membershipId: string): Promise<PartnerMembership> {
    const found = await m.findOneBy(PartnerMembership, { id: membershipId });
    if (found) await this.access.lockPartner(m, found.partnerId);
    const membership = found && (await m.findOneBy(PartnerMembership, { id: membershipId }));
    if (!membership) throw new NotFoundError("PartnerMembership", membershipId, "input.membershipId");
    return membership;
  }

  private async refuseLastAdministrator(m: EntityManager, membership: PartnerMembership): Promise<void> {
    const admins = await m.countBy(PartnerMembership, { partnerId: membership.partnerId, portalRole: PortalRole.ADMINISTRATOR });
    if (admins <= 1) {
      throw IdentityErrors.refused("LAST_ADMINISTRATOR", "A business partner keeps at least one administrator.", { rule: "ID-R17", article: "ePortal step 4" });
    }
  }

  private async refuseDuplicate(m: EntityManager, where: { uid: string } | { berNumber: string }): Promise<void> {
    const existing = await m.findOneBy(BusinessPartner, where);
    if (existing) {
      throw IdentityErrors.partnerAlreadyRegistered("uid" in where ? "input.uid" : "input.berNumber", existing.id);
    }
  }

  private async deliveryAddressOf(m: EntityManager, partner: BusinessPartner): Promise<Address> {
    if (partner.partnerType === PartnerType.BRANCH && partner.berNumber) {
      const branch = await m.findOneByOrFail(BerRegisterEntry, { berNumber: partner.berNumber });
      return (await m.findOneByOrFail(UidRegisterEntry, { uid: branch.headOfficeUid })).address;
    }
    if (partner.uid) {
      const entry = await m.findOneBy(UidRegisterEntry, { uid: partner.uid });
      if (entry) return entry.address;
    }
    return partner.registerAddress;
  }

  private async issueCode(m: EntityManager, partner: BusinessPartner, requestedById: string, address: Address, now: Date): Promise<VerificationLetter> {
    await m.update(OnboardingCode, { partnerId: partner.id, status: OnboardingCodeStatus.ISSUED }, { status: OnboardingCodeStatus.SUPERSEDED });
    const plain = newOnboardingCode();
    const validUntil = this.codeValidUntil(now);
    const code = await m.save(
      m.create(OnboardingCode, {
        id: randomUUID(),
        partnerId: partner.id,
        codeHash: hashOnboardingCode(plain, this.config.onboardingCodePepper),
        issuedAt: now,
        validUntil,
        deliveryAddress: { ...address },
        status: OnboardingCodeStatus.ISSUED,
        requestedById,
        redeemedById: null,
        redeemedAt: null,
      }),
    );
    if (partner.status === PartnerStatus.ENTERED) {
      partner.status = PartnerStatus.VERIFICATION_PENDING;
      await m.update(BusinessPartner, { id: partner.id }, { status: PartnerStatus.VERIFICATION_PENDING });
    }
    return {
      letterId: code.id,
      partnerId: partner.id,
      recipient: partner.name,
      address,
      onboardingCode: plain,
      validUntil: validUntil.toISOString(),
      issuedAt: now.toISOString(),
    };
  }

  private async dispatch(letter: VerificationLetter): Promise<void> {
    try {
      await this.letters.send(letter);
    } catch (error) {
      // The code stands; the user can request a new letter (ID-R12) if this one never arrives.
      this.logger.error({ err: error, partnerId: letter.partnerId, letterId: letter.letterId }, "verification letter could not be handed to the print service");
    }
  }

  private async recordFailedAttempt(userId: string, now: Date): Promise<Date | null> {
    return transaction(this.dataSource, async m => {
      // Atomic increment: parallel wrong guesses all count.
      await m.createQueryBuilder().update(PortalUser).set({ failedCodeAttempts: () => "failed_code_attempts + 1" }).where("id = :id", { id: userId }).execute();
      const user = await m.findOneByOrFail(PortalUser, { id: userId });
      if (user.failedCodeAttempts < this.config.maxFailedCodeAttempts) return null;
      const lock = new Date(now.getTime() + this.config.codeLockMinutes * 60_000);
      await m.update(PortalUser, { id: userId }, { failedCodeAttempts: 0, redemptionLockedUntil: lock });
      return lock;
    });
  }

}
