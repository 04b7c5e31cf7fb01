import { randomUUID } from "node:crypto";
import { DataSource, EntityManager } from "typeorm";
import {
  Clock,
  Decimal,
  EventPublisher,
  findForUpdate,
  loadByColumn,
  NotFoundError,
  Principal,
  transaction,
  ValidationError,
  zurichDate,
} from "../../kit";
import { AdvanceAnnouncement, CrossingFacilityAuthorisation, DeclarationParticulars, RuralTrafficAuthorisation } from "../entities/channel.entity";
import { CustomsDeclaration, DeclarationItem } from "../entities/declaration.entity";
import {
  AnnouncementStatus,
  AnnouncementTransmission,
  ConveyanceKind,
  CrossingFacility,
  CustomsDestination,
  CustomsProcedure,
  DeclarationChannel,
  DeclarationStatus,
  Direction,
  FormFilling,
  OralDeclarationGoods,
  PaperDeclarationCase,
  PresentationStatus,
  RuralGoodsType,
  TaxationKind,
} from "../entities/enums";
import { GoodsPresentation } from "../entities/presentation.entity";
import { DeclarationAccess } from "./access";
import { ItemInput, validateContent } from "./declaration.form";
import { DeclarationService } from "./declaration.service";
import { refused } from "./errors";
import { LodgingService } from "./lodging.service";
import { requireNotProhibited } from "./prohibition.service";
import { acceptedPayload, borderCrossedPayload, isConditional } from "./procedures";
import { ReferenceService } from "./reference.service";
import { TaxationService } from "./taxation.service";

/** A traveller's goods: tourist traffic goods are carried by a person and not for trade (DEC-R81, LD art. 16 para. 2). */
export interface TravellerItemInput extends ItemInput {
  forTrade?: boolean | null;
  /** Subject to a restriction or prohibition (OD-AFD art. 28 para. 1 let. b). */
  restricted?: boolean | null;
}

interface RecordedBase {
  declarantId: string;
  onBehalfOfId?: string | null;
  officeId: string;
  direction: Direction;
  procedure: CustomsProcedure;
  destination?: CustomsDestination | null;
  language: string;
  presentationId?: string | null;
  touristTraffic?: boolean | null;
  processingAuthorisationId?: string | null;
  items: TravellerItemInput[];
}

export interface PaperDeclarationInput extends RecordedBase {
  paperCase: PaperDeclarationCase;
  paperCategory?: number | null;
  authorisationReference?: string | null;
  commercial?: boolean | null;
  officialForm: boolean;
  signedBy: string;
  filling: FormFilling;
  uncertifiedCorrections?: boolean | null;
  filledInByOffice?: boolean | null;
}

export interface OralDeclarationInput extends RecordedBase {
  oralGoods: OralDeclarationGoods;
}

export interface BoxDeclarationInput {
  declarantId: string;
  officeId: string;
  direction: Direction;
  language: string;
  depositedAt: Date;
  items: TravellerItemInput[];
}

export interface FacilityCrossingInput {
  facility: CrossingFacility;
  officeId: string;
  travellerId: string;
  language: string;
  crossedAt: Date;
  /** GREEN_PLATE: when the public transport left its last stop before the customs border (OD-AFD art. 32 para. 3). */
  departedLastStopAt?: Date | null;
  conveyance: ConveyanceKind;
  registeredUnderAnnexC?: boolean | null;
  greenViewStickerVisible?: boolean | null;
  items: TravellerItemInput[];
}

export interface AnnouncementInput {
  operatorId: string;
  officeId: string;
  goodsType: RuralGoodsType;
  language: string;
  item: ItemInput;
  plannedCrossingAt: Date;
  crossingPlace: string;
  landDistanceFromBorderKm: number;
  announcedBy: string;
  transmission: AnnouncementTransmission;
}

/** DEC-R19 (OD-AFD art. 21 let. a): the categories allowed on paper only "if not subject to any charges". */
const PAPER_ONLY_WITHOUT_CHARGES = [3, 12, 13, 14, 17, 18, 20];
/** DEC-R19 (OD-AFD art. 21 let. e): the let. a categories not allowed on paper for export. */
const PAPER_EXPORT_EXCLUDED = [7, 8, 9, 15, 16, 19];
/** DEC-R23 (OD-AFD art. 24a para. 4): announcements reach the office two hours before the import; the goods cross within one hour of the announced time. */
const ANNOUNCEMENT_LEAD_MS = 2 * 3600_000;
const ANNOUNCED_WINDOW_MS = 3600_000;
/** DEC-R82 (LD art. 43 para. 1): the border area of rural border traffic, unless the administration widens it. */
export const BORDER_AREA_KM = 10;
const RURAL_HEADINGS: Record<RuralGoodsType, string[]> = {
  RAW_SOIL_PRODUCTS: ["07", "08", "10", "12"],
  GRAPES: ["0806"],
  WINE: ["2204"],
};

const FACILITY_CHANNEL: Record<CrossingFacility, DeclarationChannel> = {
  GREEN_LANE: DeclarationChannel.GREEN_LANE,
  GREEN_VIEW: DeclarationChannel.GREEN_VIEW,
  GREEN_PLATE: DeclarationChannel.GREEN_PLATE,
  PANEL_NOTHING_TO_DECLARE: DeclarationChannel.DECLARATION_PANEL,
  PANEL_GOODS_TO_REPORT: DeclarationChannel.DECLARATION_PANEL,
  DECLARATION_BOX: DeclarationChannel.DECLARATION_BOX,
};

/** Who authorises each facility, and where the ordinance says so (DEC-R21, DEC-R26). */
const AUTHORISING_ARTICLE: Record<CrossingFacility, string> = {
  GREEN_LANE: "OD-AFD art. 27",
  GREEN_VIEW: "OD-AFD art. 29",
  GREEN_PLATE: "OD-AFD art. 31",
  PANEL_NOTHING_TO_DECLARE: "OD-AFD art. 33",
  PANEL_GOODS_TO_REPORT: "OD-AFD art. 33",
  DECLARATION_BOX: "OD-AFD art. 23a",
};

/**
 * The declarations the office records because they are not lodged electronically (DEC-R12,
 * LD art. 28): paper, oral, the declaration box, the green lane, green view, green plate and
 * declaration panels, and rural border traffic advance announcements. Each channel is allowed
 * only for the goods and persons the OD-AFD allows, and is accepted at the moment it names
 * (DOMAIN.md §3.2: these skip TRANSMITTED and RECEIVED; `transmittedAt` holds the same moment).
 */
export class ChannelService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly access: DeclarationAccess,
    private readonly reference: ReferenceService,
    private readonly declarations: DeclarationService,
    private readonly lodging: LodgingService,
    private readonly taxation: TaxationService,
    private readonly events: EventPublisher,
  ) {}

  /**
   * DEC-R19, DEC-R20, DEC-R22 (OD-AFD art. 21-24): a paper declaration, only in the cases of
   * art. 21, on the official form, signed with the full name, filled in by hand only in ink or
   * ballpoint and block letters, corrections certified by signature; the office may fill it in
   * for a fee (art. 23), the declarant confirming by signature. Accepted when the office applies
   * date stamp and signature: the moment it records it.
   */
  async recordPaper(principal: Principal, input: PaperDeclarationInput): Promise<CustomsDeclaration> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    validateContent(input);
    this.checkPaperForm(input);
    return transaction(this.dataSource, async m => {
      const now = this.clock.now();
      // ENF-R05 (LD art. 109 para. 2): a prohibited declarant signs no paper declaration for others.
      await requireNotProhibited(m, input, now);
      await this.checkPaperCase(m, input, now);
      const processingAuthorisationId = await this.lodging.requireProcessingAuthorisation(m, input, now);
      const particulars: DeclarationParticulars = {
        paperCase: input.paperCase,
        paperCategory: input.paperCategory ?? null,
        authorisationReference: input.authorisationReference ?? null,
        signedBy: input.signedBy.trim(),
        filling: input.filling,
        filledInByOffice: Boolean(input.filledInByOffice),
      };
      return this.recordAccepted(m, { ...input, processingAuthorisationId }, DeclarationChannel.PAPER, particulars, now, { released: false });
    });
  }

  private checkPaperForm(input: PaperDeclarationInput): void {
    const rule = { rule: "DEC-R20" };
    if (!input.officialForm) throw refused("PAPER_FORM_NOT_OFFICIAL", "A paper declaration is made on the official form of the procedure.", { ...rule, field: "input.officialForm", article: "OD-AFD art. 22 para. 1" });
    if (input.signedBy.trim().split(/\s+/).length < 2) throw refused("SIGNATURE_MISSING", "The declarant signs with the full name: first name and surname.", { ...rule, field: "input.signedBy", article: "OD-AFD art. 22 para. 1" });
    if (input.filling === FormFilling.HANDWRITTEN_OTHER) throw refused("PAPER_FORM_IRREGULAR", "A form filled in by hand is written in ink or ballpoint, in block letters.", { ...rule, field: "input.filling", article: "OD-AFD art. 22 para. 2" });
    if (input.uncertifiedCorrections) throw refused("CORRECTIONS_NOT_CERTIFIED", "Corrections and additions are certified by the declarant's signature.", { ...rule, field: "input.uncertifiedCorrections", article: "OD-AFD art. 22 para. 3" });
  }

  /** DEC-R19 (OD-AFD art. 21): is paper allowed for these goods and this procedure? */
  private async checkPaperCase(m: EntityManager, input: PaperDeclarationInput, now: Date): Promise<void> {
    const fail = (letter: string, message: string, field = "input.paperCase") => refused("PAPER_DECLARATION_NOT_ALLOWED", message, { field, rule: "DEC-R19", article: `OD-AFD art. 21 let. ${letter}` });
    const category = input.paperCategory ?? null;
    const expect = (letter: string, direction: Direction, procedure: CustomsProcedure) => {
      if (input.direction !== direction || input.procedure !== procedure) throw fail(letter, `This case is for ${direction} under ${procedure}.`, "input.procedure");
    };
    const needCategory = (letter: string) => {
      if (category === null || !Number.isInteger(category) || category < 1 || category > 20) throw fail(letter, "Name the category of OD-AFD art. 21 let. a, 1 to 20.", "input.paperCategory");
    };
    switch (input.paperCase) {
      case PaperDeclarationCase.FREE_CIRCULATION_LISTED_GOODS:
        expect("a", Direction.IMPORT, CustomsProcedure.FREE_CIRCULATION);
        needCategory("a");
        break;
      case PaperDeclarationCase.EXPORT_LISTED_GOODS:
        expect("e", Direction.EXPORT, CustomsProcedure.EXPORT);
        needCategory("e");
        if (PAPER_EXPORT_EXCLUDED.includes(category!)) throw fail("e", `Category ${category} is not declared for export on paper.`, "input.paperCategory");
        break;
      case PaperDeclarationCase.TEMPORARY_ADMISSION:
        if (input.procedure !== CustomsProcedure.TEMPORARY_ADMISSION) throw fail("c", "This case is for temporary admission.", "input.procedure");
        break;
      case PaperDeclarationCase.INWARD_PROCESSING_SIMPLIFIED:
        expect("d", Direction.IMPORT, CustomsProcedure.INWARD_PROCESSING);
        break;
      case PaperDeclarationCase.TOBACCO_EXPORT_TAX_RELIEF:
        expect("f", Direction.EXPORT, CustomsProcedure.EXPORT);
        if (input.items.some(i => !["2402", "2403"].includes(i.tariffNumber.slice(0, 4)))) throw fail("f", "This case is for manufactured tobacco (tariff 2402, 2403).", "input.items");
        break;
      case PaperDeclarationCase.EXCEPTIONAL_AUTHORISATION:
        if (!input.authorisationReference?.trim()) throw fail("g", "Name the exceptional authorisation of the DGD or the district directorate.", "input.authorisationReference");
        break;
    }
    if (category === 19 && !input.authorisationReference?.trim()) throw fail("a", "Goods from the Haute-Savoie and Pays de Gex free zones need the authorisation of the Geneva district directorate.", "input.authorisationReference");
    if (category === 20 && input.commercial) throw fail("a", "Small quantities are declared on paper only when not for commercial purposes.", "input.commercial");
    if (category !== null && PAPER_ONLY_WITHOUT_CHARGES.includes(category) && input.direction === Direction.IMPORT) {
      const duties = await this.dutiesOf(m, input.items, now);
      if (duties.some(a => a > 0)) throw fail("a", `Category ${category} is declared on paper only if not subject to any charges; these goods carry duties.`, "input.paperCategory");
    }
  }

  /**
   * DEC-R24, DEC-R25 (OD-AFD art. 25, 26): an oral declaration, for tourist traffic goods,
   * registered means of transport under Annex C, foreign trailers temporarily admitted and fresh
   * fish from frontier waters; accepted when made at the office. The office excludes it
   * (art. 25 para. 2; DESIGN CHOICE: always, not case by case) for tourist goods and fish going to
   * a procedure other than free circulation, and for goods under non-customs federal acts.
   */
  async recordOral(principal: Principal, input: OralDeclarationInput): Promise<CustomsDeclaration> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    validateContent(input);
    const fail = (message: string, field = "input.oralGoods", article = "OD-AFD art. 25 para. 1") => refused("ORAL_DECLARATION_NOT_ALLOWED", message, { field, rule: "DEC-R24", article });
    const headings = (prefixes: string[]) => input.items.every(i => prefixes.some(p => i.tariffNumber.startsWith(p)));
    switch (input.oralGoods) {
      case OralDeclarationGoods.TOURIST_TRAFFIC_GOODS:
        if (input.items.some(i => i.forTrade)) throw fail("Goods for trade are not tourist traffic goods (LD art. 16 para. 2).", "input.items", "OD-AFD art. 25 para. 1 let. a");
        break;
      case OralDeclarationGoods.ANNEX_C_MEANS_OF_TRANSPORT:
        if (input.procedure !== CustomsProcedure.TEMPORARY_ADMISSION || !headings(["87", "88", "89"])) throw fail("Only a registered means of transport, temporarily admitted, is declared orally under let. b.", "input.items", "OD-AFD art. 25 para. 1 let. b");
        break;
      case OralDeclarationGoods.FOREIGN_TRAILER:
        if (input.procedure !== CustomsProcedure.TEMPORARY_ADMISSION || !headings(["8716"])) throw fail("Only a foreign trailer, temporarily admitted for cross-border transport, is declared orally under let. c.", "input.items", "OD-AFD art. 25 para. 1 let. c");
        break;
      case OralDeclarationGoods.FRONTIER_WATERS_FISH:
        if (input.direction !== Direction.IMPORT || !headings(["0302"])) throw fail("Only fresh fish caught in frontier waters is declared orally under let. d.", "input.items", "OD-AFD art. 25 para. 1 let. d");
        break;
    }
    const tourismOrFish = input.oralGoods === OralDeclarationGoods.TOURIST_TRAFFIC_GOODS || input.oralGoods === OralDeclarationGoods.FRONTIER_WATERS_FISH;
    if (tourismOrFish && input.procedure !== CustomsProcedure.FREE_CIRCULATION && input.procedure !== CustomsProcedure.EXPORT) {
      throw refused("ORAL_DECLARATION_EXCLUDED", "These goods go to a procedure other than free circulation: declare them in writing.", { field: "input.procedure", rule: "DEC-R24", article: "OD-AFD art. 25 para. 2 let. a" });
    }
    if (input.items.some(i => i.nonCustomsActsApply || i.permitReference)) {
      throw refused("ORAL_DECLARATION_EXCLUDED", "Goods under non-customs federal acts are declared in writing.", { field: "input.items", rule: "DEC-R24", article: "OD-AFD art. 25 para. 2 let. b" });
    }
    return transaction(this.dataSource, async m => {
      const now = this.clock.now();
      // ENF-R05 (LD art. 109 para. 2): nor an oral one.
      await requireNotProhibited(m, input, now);
      const touristTraffic = input.oralGoods === OralDeclarationGoods.TOURIST_TRAFFIC_GOODS || Boolean(input.touristTraffic);
      return this.recordAccepted(m, { ...input, touristTraffic }, DeclarationChannel.VERBAL, { oralGoods: input.oralGoods }, now, { released: false });
    });
  }

  /**
   * DEC-R21, DEC-R22 let. b (OD-AFD art. 23a, 24 let. b): a traveller's declaration of tourist
   * traffic goods dropped in a box the district directorate authorised, accepted when dropped in.
   * The office records it when it empties the box; the traveller has passed, so the goods count
   * as released and removed at that moment (DESIGN CHOICE).
   */
  async recordBox(principal: Principal, input: BoxDeclarationInput): Promise<CustomsDeclaration> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    const procedure = input.direction === Direction.EXPORT ? CustomsProcedure.EXPORT : CustomsProcedure.FREE_CIRCULATION;
    validateContent({ ...input, procedure });
    if (input.direction === Direction.TRANSIT) throw new ValidationError("A declaration box takes import and export declarations.", { field: "input.direction", rule: "DEC-R21", article: "OD-AFD art. 23a" });
    const now = this.clock.now();
    if (input.depositedAt.getTime() > now.getTime()) throw new ValidationError("The declaration was dropped in the box before the office empties it.", { field: "input.depositedAt", rule: "DEC-R22", article: "OD-AFD art. 24 let. b" });
    if (input.items.some(i => i.forTrade)) {
      throw refused("BOX_DECLARATION_NOT_ALLOWED", "The declaration box takes tourist traffic goods only; goods for trade are declared under the general rules.", { field: "input.items", rule: "DEC-R21", article: "OD-AFD art. 23a" });
    }
    return transaction(this.dataSource, async m => {
      await this.requireFacility(m, input.officeId, CrossingFacility.DECLARATION_BOX);
      const d = await this.recordAccepted(
        m,
        { ...input, procedure, touristTraffic: true },
        DeclarationChannel.DECLARATION_BOX,
        { facility: CrossingFacility.DECLARATION_BOX },
        input.depositedAt,
        { released: true },
      );
      return d;
    });
  }

  /**
   * DEC-R26 to DEC-R28 (OD-AFD art. 27-35): using a green lane, green view, green plate or panel
   * is the declaration, for tourist traffic goods that are duty-free, not restricted or prohibited
   * and need no certificate or permit; accepted on passage (lane), on crossing the customs border
   * (green view, panels), or when the public transport left its last stop before the border
   * (plate). The facility's own conditions (vehicle, sticker, staffed hours) are refused with
   * their article. Goods that do not qualify were not declared: undeclared goods (X07; LD art. 18
   * para. 3, 69 let. c; DESIGN CHOICE for the facilities other than art. 35's panel, DOMAIN.md),
   * placed under free circulation ex officio at the highest rate (DEC-R41), the debt arising at
   * the crossing. Duty-free by definition, the qualifying goods give debt nothing to record.
   * DESIGN CHOICE: entries only; our tariff has no export duties.
   */
  async recordCrossing(principal: Principal, input: FacilityCrossingInput): Promise<{ declaration: CustomsDeclaration | null; undeclaredGoods: CustomsDeclaration | null }> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    if (input.facility === CrossingFacility.DECLARATION_BOX) throw new ValidationError("Record a box's declarations with recordBoxDeclaration.", { field: "input.facility" });
    validateContent({ ...input, direction: Direction.IMPORT, procedure: CustomsProcedure.FREE_CIRCULATION });
    const now = this.clock.now();
    if (input.crossedAt.getTime() > now.getTime()) throw new ValidationError("The crossing has happened.", { field: "input.crossedAt" });
    const acceptedAt = this.acceptanceMoment(input);
    return transaction(this.dataSource, async m => {
      await this.requireFacility(m, input.officeId, input.facility);
      const office = await this.reference.office(input.officeId, m);
      const staffed = this.reference.calendarOf(office).isOpen(input.crossedAt);
      this.checkConveyance(input, staffed);
      const duties = await this.dutiesOf(m, input.items, input.crossedAt);
      const reasons = input.items.map((item, i) => this.disqualification(item, duties[i]));
      const base = { declarantId: input.travellerId, officeId: input.officeId, direction: Direction.IMPORT, procedure: CustomsProcedure.FREE_CIRCULATION, language: input.language, touristTraffic: true };
      const particulars = { facility: input.facility, conveyance: input.conveyance, registeredUnderAnnexC: input.registeredUnderAnnexC ?? null, greenViewStickerVisible: input.greenViewStickerVisible ?? null };
      const channel = FACILITY_CHANNEL[input.facility];
      const qualifying = input.items.filter((_, i) => !reasons[i]);
      const others = input.items.filter((_, i) => reasons[i]);
      const declaration = qualifying.length ? await this.recordAccepted(m, { ...base, items: qualifying }, channel, particulars, acceptedAt, { released: true, dutyFree: true, crossedAt: input.crossedAt }) : null;
      const undeclaredGoods = others.length ? await this.recordUndeclared(m, { ...base, items: others }, channel, { ...particulars, undeclaredGoods: true, reasons: reasons.filter((r): r is string => Boolean(r)) }, input.crossedAt, now) : null;
      return { declaration, undeclaredGoods };
    });
  }

  private acceptanceMoment(input: FacilityCrossingInput): Date {
    if (input.facility !== CrossingFacility.GREEN_PLATE) return input.crossedAt;
    if (!input.departedLastStopAt) throw new ValidationError("A green plate declaration is accepted when the vehicle leaves its last stop before the border: give that moment.", { field: "input.departedLastStopAt", rule: "DEC-R27", article: "OD-AFD art. 32 para. 3" });
    if (input.departedLastStopAt.getTime() > input.crossedAt.getTime()) throw new ValidationError("The last stop comes before the border.", { field: "input.departedLastStopAt", rule: "DEC-R27", article: "OD-AFD art. 32 para. 3" });
    return input.departedLastStopAt;
  }

  /** The facility's own conditions (DEC-R26; OD-AFD art. 30, 32, 34 para. 2, 35 para. 1, 3). */
  private checkConveyance(input: FacilityCrossingInput, staffed: boolean): void {
    const fail = (message: string, article: string, field = "input.conveyance") => refused("FACILITY_CONDITIONS_NOT_MET", `${message} Declare the goods under the general rules.`, { field, rule: "DEC-R26", article });
    const vehicle = input.conveyance !== ConveyanceKind.ON_FOOT;
    switch (input.facility) {
      case CrossingFacility.GREEN_VIEW:
        if (input.conveyance !== ConveyanceKind.PRIVATE_VEHICLE || !input.registeredUnderAnnexC) throw fail("Green view is for a registered private vehicle under Annex C of the Istanbul Convention.", "OD-AFD art. 30 para. 1");
        if (!input.greenViewStickerVisible) throw fail("The green view sticker is affixed clearly visible on the windscreen.", "OD-AFD art. 30 para. 2", "input.greenViewStickerVisible");
        break;
      case CrossingFacility.GREEN_PLATE:
        if (input.conveyance !== ConveyanceKind.PUBLIC_TRANSPORT) throw fail("A green plate serves passengers of public transport.", "OD-AFD art. 32 para. 1");
        break;
      case CrossingFacility.PANEL_NOTHING_TO_DECLARE:
        if (vehicle && !input.registeredUnderAnnexC) throw fail("A \"nothing to declare\" road is used only with a registered means of transport under Annex C.", "OD-AFD art. 34 para. 2");
        break;
      case CrossingFacility.PANEL_GOODS_TO_REPORT:
        if (vehicle && (input.conveyance !== ConveyanceKind.PRIVATE_VEHICLE || !input.registeredUnderAnnexC)) throw fail("This road is used only with a private vehicle under Annex C.", "OD-AFD art. 35 para. 3");
        if (!staffed && input.items.some(i => i.forTrade)) throw fail("Outside the office's staffed hours this road takes tourist traffic goods only.", "OD-AFD art. 35 para. 1", "input.items");
        break;
      default:
        break;
    }
  }

  /** Why an item does not qualify for a "nothing to declare" facility, or null (OD-AFD art. 28 para. 1 and parallels; DEC-R81). */
  private disqualification(item: TravellerItemInput, duty: number): string | null {
    if (item.forTrade) return `${item.description}: for trade, not tourist traffic goods (LD art. 16 para. 2)`;
    if (duty > 0) return `${item.description}: not duty-free (OD-AFD art. 28 para. 1 let. a)`;
    if (item.restricted) return `${item.description}: restricted or prohibited (OD-AFD art. 28 para. 1 let. b)`;
    if (item.nonCustomsActsApply || item.permitReference) return `${item.description}: subject to a certificate or permit (OD-AFD art. 28 para. 1 let. c)`;
    return null;
  }

  // ------------------------------------------------------------ rural border traffic (DEC-R23, DEC-R82)

  /** OD-AFD art. 24a para. 1, 6; OD art. 118: the office an operator announces to, the staff it empowers, its border area. */
  async authoriseRuralTraffic(principal: Principal, input: { operatorId: string; officeId: string; empoweredPersons: string[]; zoneKm?: number | null }): Promise<RuralTrafficAuthorisation> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE", "DISTRICT_DIRECTORATE");
    const persons = [...new Set(input.empoweredPersons.map(p => p.trim()).filter(Boolean))];
    if (!persons.length) throw new ValidationError("Name at least one person empowered to announce.", { field: "input.empoweredPersons", rule: "DEC-R23", article: "OD-AFD art. 24a para. 6" });
    const zoneKm = input.zoneKm ?? BORDER_AREA_KM;
    if (zoneKm < BORDER_AREA_KM) throw new ValidationError("The border area is 10 km on each side; the administration may widen it, not narrow it.", { field: "input.zoneKm", rule: "DEC-R82", article: "LD art. 43" });
    if (zoneKm > BORDER_AREA_KM && principal.kind === "OFFICER" && !principal.officerRoles.includes("DISTRICT_DIRECTORATE") && !principal.officerRoles.includes("DGD")) {
      throw refused("OFFICER_ROLE_REQUIRED", "Widening the border area is for the administration's directorates.", { field: "input.zoneKm", rule: "DEC-R82", article: "LD art. 43 para. 2", requiredRoles: ["DISTRICT_DIRECTORATE"] });
    }
    return transaction(this.dataSource, async m => {
      await this.reference.office(input.officeId, m);
      // One authorisation per operator (a unique key), changed in place when granted again: its row
      // is locked first, so a parallel grant waits and then changes it after this one.
      const changes = { officeId: input.officeId, empoweredPersons: persons, zoneKm, grantedAt: this.clock.now(), active: true };
      const existing = await findForUpdate(m, RuralTrafficAuthorisation, { operatorId: input.operatorId });
      if (existing) return m.save(Object.assign(existing, changes));
      return m.save(m.create(RuralTrafficAuthorisation, { id: randomUUID(), operatorId: input.operatorId, ...changes }));
    });
  }

  /**
   * DEC-R23 (OD-AFD art. 24a): the operator announces type, quantity, time and place of the
   * crossing to the office of its authorisation, by fax, electronically or by hand, at least two
   * hours before, even outside opening hours. The announcement is the declaration, accepted when
   * complete at the office (now, every particular being validated); the debt arises when the
   * goods cross (X06). DEC-R82: the land lies within the border area.
   */
  async announce(principal: Principal, input: AnnouncementInput): Promise<AdvanceAnnouncement> {
    this.requireOperator(principal, input.operatorId);
    const item = input.item;
    validateContent({ language: input.language, items: [item], direction: Direction.IMPORT, procedure: CustomsProcedure.FREE_CIRCULATION });
    const rule = { rule: "DEC-R23", article: "OD-AFD art. 24a" };
    if (input.transmission === AnnouncementTransmission.PHONE) throw refused("ANNOUNCEMENT_FORM_NOT_ALLOWED", "An announcement is written: fax, electronic or handed in; the phone is for changes.", { ...rule, field: "input.transmission", article: "OD-AFD art. 24a para. 1-2" });
    if (!RURAL_HEADINGS[input.goodsType].some(p => item.tariffNumber.startsWith(p))) {
      throw refused("NOT_RURAL_BORDER_GOODS", `Tariff number ${item.tariffNumber} is not ${input.goodsType.toLowerCase().replace(/_/g, " ")}.`, { ...rule, field: "input.item.tariffNumber", article: "OD-AFD art. 24a para. 1" });
    }
    const now = this.clock.now();
    if (input.plannedCrossingAt.getTime() - now.getTime() < ANNOUNCEMENT_LEAD_MS) {
      throw refused("ANNOUNCEMENT_TOO_LATE", "The announcement reaches the office at least two hours before the import, also outside opening hours.", {
        ...rule,
        field: "input.plannedCrossingAt",
        article: "OD-AFD art. 24a para. 4",
        earliestCrossing: new Date(now.getTime() + ANNOUNCEMENT_LEAD_MS).toISOString(),
      });
    }
    return transaction(this.dataSource, async m => {
      const auth = await m.findOneBy(RuralTrafficAuthorisation, { operatorId: input.operatorId, active: true });
      if (!auth) throw refused("RURAL_TRAFFIC_NOT_AUTHORISED", "The operator has no authorisation for relief on rural border traffic.", { ...rule, field: "input.operatorId", article: "OD-AFD art. 24a para. 1; OD art. 118" });
      if (auth.officeId !== input.officeId) throw refused("ANNOUNCEMENT_WRONG_OFFICE", `Announce to office ${auth.officeId}, the office of the authorisation.`, { ...rule, field: "input.officeId", article: "OD-AFD art. 24a para. 1" });
      if (!auth.empoweredPersons.includes(input.announcedBy.trim())) throw refused("ANNOUNCER_NOT_EMPOWERED", "The person announcing is not empowered by the operator.", { ...rule, field: "input.announcedBy", article: "OD-AFD art. 24a para. 6" });
      if (input.landDistanceFromBorderKm < 0 || input.landDistanceFromBorderKm > auth.zoneKm) {
        throw refused("OUTSIDE_BORDER_AREA", `Rural border traffic covers land within ${auth.zoneKm} km of the border.`, { field: "input.landDistanceFromBorderKm", rule: "DEC-R82", article: "LD art. 43" });
      }
      const d = await this.recordAccepted(
        m,
        { declarantId: input.operatorId, officeId: input.officeId, direction: Direction.IMPORT, procedure: CustomsProcedure.FREE_CIRCULATION, language: input.language, items: [item] },
        DeclarationChannel.RURAL_BORDER_ANNOUNCEMENT,
        {},
        now,
        { released: false, plannedCrossingAt: input.plannedCrossingAt },
      );
      const announcement = await m.save(
        m.create(AdvanceAnnouncement, {
          id: randomUUID(),
          declarationId: d.id,
          operatorId: input.operatorId,
          authorisationId: auth.id,
          officeId: input.officeId,
          goodsType: input.goodsType,
          quantity: new Decimal(item.netMassKg).toFixed(3),
          plannedCrossingAt: input.plannedCrossingAt,
          crossingPlace: input.crossingPlace,
          receivedAt: now,
          announcedBy: input.announcedBy.trim(),
          transmission: input.transmission,
          changeCount: 0,
          writtenConfirmationRequired: false,
          status: AnnouncementStatus.ANNOUNCED,
          importedAt: null,
        }),
      );
      await m.update(CustomsDeclaration, { id: d.id }, { particulars: { announcementId: announcement.id } });
      return announcement;
    });
  }

  /**
   * DEC-R23 (OD-AFD art. 24a para. 5): changes of time, place, type or quantity reach the office
   * before the import, in writing or by phone; after a phone call the office may ask for written
   * confirmation (DESIGN CHOICE: it always does, `writtenConfirmationRequired`). DESIGN CHOICE: the
   * two hours of para. 4 bind the announcement, not its changes, which need only come first.
   */
  async changeAnnouncement(principal: Principal, input: { announcementId: string; plannedCrossingAt?: Date | null; crossingPlace?: string | null; netMassKg?: string | null; grossMassKg?: string | null; transmission: AnnouncementTransmission }): Promise<AdvanceAnnouncement> {
    return transaction(this.dataSource, async m => {
      const a = await findForUpdate(m, AdvanceAnnouncement, { id: input.announcementId });
      if (!a) throw new NotFoundError("AdvanceAnnouncement", input.announcementId, "input.announcementId");
      this.requireOperator(principal, a.operatorId);
      const now = this.clock.now();
      if (a.status === AnnouncementStatus.IMPORTED) throw refused("ALREADY_IMPORTED", "The goods were imported: changes come before the import.", { field: "input.announcementId", rule: "DEC-R23", article: "OD-AFD art. 24a para. 5" });
      if (input.plannedCrossingAt && input.plannedCrossingAt.getTime() <= now.getTime()) throw new ValidationError("The new time is in the future.", { field: "input.plannedCrossingAt", rule: "DEC-R23", article: "OD-AFD art. 24a para. 5" });
      if (Boolean(input.netMassKg) !== Boolean(input.grossMassKg)) throw new ValidationError("A new quantity gives both the net and the gross mass.", { field: input.netMassKg ? "input.grossMassKg" : "input.netMassKg" });
      for (const key of ["netMassKg", "grossMassKg"] as const) {
        const v = input[key];
        if (v && !/^\d{1,9}(\.\d{1,3})?$/.test(v)) throw new ValidationError(`${key} is a mass in kg with at most 3 decimals.`, { field: `input.${key}` });
      }
      if (input.netMassKg && new Decimal(input.netMassKg).gt(input.grossMassKg!)) throw new ValidationError("The net mass exceeds the gross mass.", { field: "input.netMassKg" });
      const changes: Partial<AdvanceAnnouncement> = {
        plannedCrossingAt: input.plannedCrossingAt ?? a.plannedCrossingAt,
        crossingPlace: input.crossingPlace?.trim() || a.crossingPlace,
        quantity: input.netMassKg ? new Decimal(input.netMassKg).toFixed(3) : a.quantity,
        changeCount: a.changeCount + 1,
        writtenConfirmationRequired: a.writtenConfirmationRequired || input.transmission === AnnouncementTransmission.PHONE,
      };
      await m.update(AdvanceAnnouncement, { id: a.id }, changes);
      await m.update(CustomsDeclaration, { id: a.declarationId }, { plannedCrossingAt: changes.plannedCrossingAt });
      if (input.netMassKg && input.grossMassKg) {
        await m.update(DeclarationItem, { declarationId: a.declarationId }, { netMassKg: new Decimal(input.netMassKg).toFixed(3), grossMassKg: new Decimal(input.grossMassKg).toFixed(3) });
      }
      return (await m.findOneBy(AdvanceAnnouncement, { id: a.id }))!;
    });
  }

  /**
   * DEC-R23 (OD-AFD art. 24a para. 4): the office records the announced import, which must come
   * within one hour of the announced time (DESIGN CHOICE: from that time to 60 minutes after it).
   * The goods cross now: the debt arises (X06) and they go on, released and removed. Only on an
   * announcement in force: its declaration accepted (para. 3), not withdrawn (DEC-R43, LD art. 34
   * para. 1) nor refused for correction (DEC-R40, OD-AFD art. 20), read under its lock.
   */
  async recordAnnouncedImport(principal: Principal, announcementId: string): Promise<AdvanceAnnouncement> {
    this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    return transaction(this.dataSource, async m => {
      const a = await findForUpdate(m, AdvanceAnnouncement, { id: announcementId });
      if (!a) throw new NotFoundError("AdvanceAnnouncement", announcementId, "input.announcementId");
      if (a.status === AnnouncementStatus.IMPORTED) throw refused("ALREADY_IMPORTED", "The import was recorded.", { field: "input.announcementId", rule: "DEC-R23", article: "OD-AFD art. 24a" });
      const declared = await this.declarations.get(a.declarationId, m);
      if (declared.status === DeclarationStatus.WITHDRAWN) throw refused("DECLARATION_WITHDRAWN", "The declaration was withdrawn.", { field: "input.announcementId", rule: "DEC-R43", article: "LD art. 34 para. 1" });
      if (declared.status !== DeclarationStatus.ACCEPTED) {
        throw refused("DECLARATION_NOT_ACCEPTED", `The announcement's declaration is ${declared.status}: the goods are imported under an accepted one.`, { field: "input.announcementId", rule: "DEC-R23", article: "OD-AFD art. 24a para. 3", status: declared.status });
      }
      const now = this.clock.now();
      const from = a.plannedCrossingAt.getTime();
      if (now.getTime() < from || now.getTime() > from + ANNOUNCED_WINDOW_MS) {
        throw refused("IMPORT_OUTSIDE_ANNOUNCED_WINDOW", `The announced goods are imported within one hour of ${a.plannedCrossingAt.toISOString()}; declare them under the general rules.`, {
          field: "input.announcementId",
          rule: "DEC-R23",
          article: "OD-AFD art. 24a para. 4",
          window: [a.plannedCrossingAt.toISOString(), new Date(from + ANNOUNCED_WINDOW_MS).toISOString()],
        });
      }
      await m.update(AdvanceAnnouncement, { id: a.id }, { status: AnnouncementStatus.IMPORTED, importedAt: now });
      await m.update(CustomsDeclaration, { id: a.declarationId }, { crossedBorderAt: now, releasedAt: now, removedAt: now });
      const d = await this.declarations.get(a.declarationId, m);
      await this.events.publish(m, "BorderCrossed", d.id, borderCrossedPayload(d, now));
      return (await m.findOneBy(AdvanceAnnouncement, { id: a.id }))!;
    });
  }

  async announcementsOf(declarationIds: readonly string[]): Promise<(AdvanceAnnouncement | null)[]> {
    return loadByColumn(this.dataSource.getRepository(AdvanceAnnouncement), "declarationId", declarationIds);
  }

  async facilities(officeId?: string | null): Promise<CrossingFacilityAuthorisation[]> {
    return this.dataSource.getRepository(CrossingFacilityAuthorisation).find({ where: officeId ? { officeId } : {}, order: { officeId: "ASC", facility: "ASC" } });
  }

  /** DEC-R26 (OD-AFD art. 27, 29, 31, 33): the district directorate (the DGD for green view) authorises a facility at an office. */
  async authoriseFacility(principal: Principal, input: { officeId: string; facility: CrossingFacility; conditions: string }): Promise<CrossingFacilityAuthorisation> {
    const by = input.facility === CrossingFacility.GREEN_VIEW ? "DGD" : "DISTRICT_DIRECTORATE";
    this.access.requireOfficer(principal, by);
    return transaction(this.dataSource, async m => {
      await this.reference.office(input.officeId, m);
      return m.save(m.create(CrossingFacilityAuthorisation, { officeId: input.officeId, facility: input.facility, authorisedBy: by, authorisedAt: this.clock.now(), conditions: input.conditions }));
    });
  }

  // ------------------------------------------------------------ shared

  private requireOperator(principal: Principal, operatorId: string): void {
    if (this.access.isOfficer(principal)) return this.access.requireOfficer(principal, "CUSTOMS_OFFICE");
    if (!this.access.partnerIds(principal).includes(operatorId)) throw refused("FORBIDDEN", "You do not act for this operator.", { field: "input.operatorId" });
  }

  private async requireFacility(m: EntityManager, officeId: string, facility: CrossingFacility): Promise<void> {
    await this.reference.office(officeId, m);
    if (!(await m.findOneBy(CrossingFacilityAuthorisation, { officeId, facility }))) {
      throw refused("FACILITY_NOT_AUTHORISED", `Office ${officeId} has no authorised ${facility.toLowerCase().replace(/_/g, " ")}.`, { field: "input.officeId", rule: facility === CrossingFacility.DECLARATION_BOX ? "DEC-R21" : "DEC-R26", article: AUTHORISING_ARTICLE[facility] });
    }
  }

  /** The duties each item would carry at the rates in force on `at` (zero for duty-free goods). */
  private async dutiesOf(m: EntityManager, items: ItemInput[], at: Date): Promise<number[]> {
    const rows = items.map((item, i) => ({ ...item, position: i + 1, quantity: item.quantity ?? null }) as unknown as DeclarationItem);
    const probe = { isPreDeclaration: false, crossedBorderAt: null, acceptedAt: at, transmittedAt: at } as unknown as CustomsDeclaration;
    return (await this.taxation.computeLines(m, probe, rows, false)).map(l => l.amount);
  }

  /**
   * A declaration the office records, accepted at `acceptedAt` (DOMAIN.md §3.2: no TRANSMITTED
   * or RECEIVED), with the presented goods it declares. Debt learns of it (X05) unless the goods
   * are duty-free by the channel's own condition.
   */
  private async recordAccepted(
    m: EntityManager,
    input: Omit<RecordedBase, "procedure"> & { procedure: CustomsProcedure },
    channel: DeclarationChannel,
    particulars: DeclarationParticulars,
    acceptedAt: Date,
    options: { released: boolean; dutyFree?: boolean; plannedCrossingAt?: Date; crossedAt?: Date },
  ): Promise<CustomsDeclaration> {
    const office = await this.reference.office(input.officeId, m);
    const calendar = this.reference.calendarOf(office);
    const presentation = input.presentationId ? await this.declarations.claimPresentation(m, input.presentationId, office.id) : null;
    const preDeclaration = Boolean(options.plannedCrossingAt);
    const now = this.clock.now();
    const released = options.released && !isConditional(input);
    const d = m.create(CustomsDeclaration, {
      id: randomUUID(),
      declarationNumber: await this.declarations.newNumber(m, office.id, acceptedAt),
      direction: input.direction,
      procedure: input.procedure,
      destination: input.destination ?? CustomsDestination.CUSTOMS_PROCEDURE,
      channel,
      particulars,
      declarantId: input.declarantId,
      onBehalfOfId: input.onBehalfOfId ?? null,
      officeId: office.id,
      businessNumber: null,
      personalNumber: null,
      language: input.language,
      isPreDeclaration: preDeclaration,
      plannedCrossingAt: options.plannedCrossingAt ?? null,
      crossedBorderAt: options.crossedAt ?? (released && !preDeclaration ? acceptedAt : null),
      presentationId: presentation?.id ?? null,
      applicationId: null,
      status: DeclarationStatus.ACCEPTED,
      transmittedAt: acceptedAt,
      receiptConfirmedAt: acceptedAt,
      acceptedAt,
      selectionResult: null,
      selectionCommunicatedAt: null,
      incorrectParticularsFoundAt: null,
      releasedAt: released ? acceptedAt : null,
      computedRemovalDueBy: released ? calendar.endOfWorkingDaysAfter(acceptedAt, 1) : null,
      removedAt: released && !presentation ? acceptedAt : null,
      touristTraffic: Boolean(input.touristTraffic),
      simplifiedProcedure: null,
      processingAuthorisationId: input.processingAuthorisationId ?? null,
      warehouseLotId: null,
      version: 1,
      createdAt: now,
    });
    await m.save(d);
    await this.declarations.saveItems(m, d.id, input.items, false);
    if (presentation) await m.update(GoodsPresentation, { id: presentation.id }, { status: released ? PresentationStatus.RELEASED : PresentationStatus.DECLARED });
    if (!options.dutyFree) await this.events.publish(m, "DeclarationAccepted", d.id, acceptedPayload(d));
    return d;
  }

  /**
   * X07 (LD art. 18 para. 3, 69 let. c): goods taken through a facility that did not qualify are
   * undeclared. They are placed under free circulation ex officio (EX_OFFICIO_TAXED) and taxed at
   * the highest rate (DEC-R41, OD-AFD art. 20 para. 3; LD art. 19 para. 2 let. b) as of the
   * crossing; debt records the debt at the crossing (UndeclaredGoodsDetected first, then the
   * taxation's amount), and enforcement will open its case from the same event.
   */
  private async recordUndeclared(m: EntityManager, input: Omit<RecordedBase, "procedure"> & { procedure: CustomsProcedure }, channel: DeclarationChannel, particulars: DeclarationParticulars, crossedAt: Date, detectedAt: Date): Promise<CustomsDeclaration> {
    const d = m.create(CustomsDeclaration, {
      id: randomUUID(),
      declarationNumber: await this.declarations.newNumber(m, input.officeId, detectedAt),
      direction: input.direction,
      procedure: input.procedure,
      destination: CustomsDestination.CUSTOMS_PROCEDURE,
      channel,
      particulars,
      declarantId: input.declarantId,
      onBehalfOfId: null,
      officeId: input.officeId,
      businessNumber: null,
      personalNumber: null,
      language: input.language,
      isPreDeclaration: false,
      plannedCrossingAt: null,
      crossedBorderAt: crossedAt,
      presentationId: null,
      applicationId: null,
      status: DeclarationStatus.EX_OFFICIO_TAXED,
      // The rates of the crossing, when the debt arose (LD art. 19 para. 1, 69 let. c).
      transmittedAt: crossedAt,
      receiptConfirmedAt: null,
      acceptedAt: null,
      selectionResult: null,
      selectionCommunicatedAt: null,
      incorrectParticularsFoundAt: detectedAt,
      releasedAt: null,
      computedRemovalDueBy: null,
      removedAt: null,
      touristTraffic: true,
      simplifiedProcedure: null,
      processingAuthorisationId: null,
      warehouseLotId: null,
      version: 1,
      createdAt: detectedAt,
    });
    await m.save(d);
    const items = await this.declarations.saveItems(m, d.id, input.items, false);
    await this.events.publish(m, "UndeclaredGoodsDetected", d.id, {
      declarationId: d.id,
      declarationNumber: d.declarationNumber,
      declarantId: d.declarantId,
      onBehalfOfId: null,
      officeId: d.officeId,
      channel,
      crossedAt: crossedAt.toISOString(),
      detectedAt: detectedAt.toISOString(),
      goods: items.map(i => ({ position: i.position, tariffNumber: i.tariffNumber, description: i.description })),
      reasons: particulars.reasons ?? [],
      crossingDay: zurichDate(crossedAt),
    });
    await this.taxation.issue(m, d, items, TaxationKind.EX_OFFICIO, { highest: true, documentsDueBy: null });
    return d;
  }
}
