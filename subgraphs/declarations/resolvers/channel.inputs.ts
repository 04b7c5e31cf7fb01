import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Length, Matches, Max, Min, ValidateNested } from "class-validator";
import { Field, ID, InputType, Int } from "type-graphql";
import {
  AnnouncementTransmission,
  ConveyanceKind,
  CrossingFacility,
  CustomsDestination,
  CustomsProcedure,
  Direction,
  FormFilling,
  OralDeclarationGoods,
  PaperDeclarationCase,
  RuralGoodsType,
} from "../entities/enums";
import { DeclarationItemInput } from "./inputs";

const MASS = /^\d{1,9}(\.\d{1,3})?$/;

@InputType({ description: "A traveller's goods (DEC-R81, LD art. 16 para. 2: tourist traffic goods are carried across the border by a person and are not for trade)." })
export class TravellerItemInput extends DeclarationItemInput {
  @Field(() => Boolean, { nullable: true, description: "For trade: not tourist traffic goods." })
  @IsOptional()
  @IsBoolean()
  forTrade?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Subject to a restriction or prohibition (OD-AFD art. 28 para. 1 let. b)." })
  @IsOptional()
  @IsBoolean()
  restricted?: boolean | null;
}

@InputType({ description: "What every declaration the office records states." })
class RecordedDeclarationInput {
  @Field(() => ID, { description: "The declarant: a business partner (for a traveller, a natural person, ID-R04; DESIGN CHOICE, so that a debt has a debtor the graph can follow)." })
  @IsUUID()
  declarantId: string;

  @Field(() => ID, { nullable: true, description: "The partner on whose behalf the declarant declares, if any." })
  @IsOptional()
  @IsUUID()
  onBehalfOfId?: string | null;

  @Field(() => ID, { description: "The office code (see customsOffices)." })
  @Length(1, 12)
  officeId: string;

  @Field(() => Direction, { description: "Import or export." })
  @IsEnum(Direction)
  direction: Direction;

  @Field(() => CustomsProcedure, { description: "The customs procedure declared." })
  @IsEnum(CustomsProcedure)
  procedure: CustomsProcedure;

  @Field(() => CustomsDestination, { nullable: true, description: "Defaults to CUSTOMS_PROCEDURE." })
  @IsOptional()
  @IsEnum(CustomsDestination)
  destination?: CustomsDestination | null;

  @Field({ description: "DEC-R15: de, fr or it." })
  @Length(2, 2)
  language: string;

  @Field(() => ID, { nullable: true, description: "The presentation of the goods this declaration declares." })
  @IsOptional()
  @IsUUID()
  presentationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: "DEC-R59, DEC-R81: tourist traffic goods." })
  @IsOptional()
  @IsBoolean()
  touristTraffic?: boolean | null;

  @Field(() => ID, { nullable: true, description: "DEC-R73: the processing authorisation of an inward processing." })
  @IsOptional()
  @IsUUID()
  processingAuthorisationId?: string | null;

  @Field(() => [TravellerItemInput], { description: "The goods, 1 to 200 lines, in order." })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  items: TravellerItemInput[];
}

@InputType({ description: "DEC-R19, DEC-R20, DEC-R22 (OD-AFD art. 21-24): a paper declaration, as the office stamps and signs it." })
export class RecordPaperDeclarationInput extends RecordedDeclarationInput {
  @Field(() => PaperDeclarationCase, { description: "The case of OD-AFD art. 21 that allows paper (PAPER_DECLARATION_NOT_ALLOWED otherwise)." })
  @IsEnum(PaperDeclarationCase)
  paperCase: PaperDeclarationCase;

  @Field(() => Int, { nullable: true, description: "OD-AFD art. 21 let. a: the category, 1 to 20." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  paperCategory?: number | null;

  @Field(() => String, { nullable: true, description: "The authorisation of let. a no. 19 or let. g." })
  @IsOptional()
  @Length(2, 120)
  authorisationReference?: string | null;

  @Field(() => Boolean, { nullable: true, description: "OD-AFD art. 21 let. a no. 20: small quantities for commercial purposes are not declared on paper." })
  @IsOptional()
  @IsBoolean()
  commercial?: boolean | null;

  @Field({ description: "DEC-R20 (OD-AFD art. 22 para. 1): the official form of the procedure." })
  @IsBoolean()
  officialForm: boolean;

  @Field({ description: "DEC-R20 (OD-AFD art. 22 para. 1): the declarant's full name as signed." })
  @Length(3, 120)
  signedBy: string;

  @Field(() => FormFilling, { description: "How the form was filled in (OD-AFD art. 22 para. 2)." })
  @IsEnum(FormFilling)
  filling: FormFilling;

  @Field(() => Boolean, { nullable: true, description: "DEC-R20 (OD-AFD art. 22 para. 3): corrections or additions not certified by signature." })
  @IsOptional()
  @IsBoolean()
  uncertifiedCorrections?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "DEC-R20 (OD-AFD art. 23): the office filled in the form, for a fee." })
  @IsOptional()
  @IsBoolean()
  filledInByOffice?: boolean | null;
}

@InputType({ description: "DEC-R24, DEC-R25 (OD-AFD art. 25, 26): an oral declaration made at the office." })
export class RecordOralDeclarationInput extends RecordedDeclarationInput {
  @Field(() => OralDeclarationGoods, { description: "What is declared orally (OD-AFD art. 25)." })
  @IsEnum(OralDeclarationGoods)
  oralGoods: OralDeclarationGoods;
}

@InputType({ description: "DEC-R21, DEC-R22 let. b (OD-AFD art. 23a, 24 let. b): a declaration found in a declaration box." })
export class RecordBoxDeclarationInput {
  @Field(() => ID, { description: "The traveller, a business partner (natural person)." })
  @IsUUID()
  declarantId: string;

  @Field(() => ID, { description: "The office code (see customsOffices)." })
  @Length(1, 12)
  officeId: string;

  @Field(() => Direction, { description: "Import or export." })
  @IsEnum(Direction)
  direction: Direction;

  @Field({ description: "DEC-R15 (OD-AFD art. 7): the declaration's language, de, fr or it." })
  @Length(2, 2)
  language: string;

  @Field({ description: "When the traveller dropped it in the box: its acceptance." })
  depositedAt: Date;

  @Field(() => [TravellerItemInput], { description: "The goods, 1 to 200 lines, in order." })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  items: TravellerItemInput[];
}

@InputType({ description: "DEC-R26 to DEC-R28 (OD-AFD art. 27-35): a traveller's crossing by a green lane, green view, green plate or declaration panel, as the office recorded it." })
export class RecordFacilityCrossingInput {
  @Field(() => CrossingFacility, { description: "The facility used." })
  @IsEnum(CrossingFacility)
  facility: CrossingFacility;

  @Field(() => ID, { description: "The office code (see customsOffices)." })
  @Length(1, 12)
  officeId: string;

  @Field(() => ID, { description: "The traveller, a business partner (natural person)." })
  @IsUUID()
  travellerId: string;

  @Field({ description: "DEC-R15 (OD-AFD art. 7): the declaration's language, de, fr or it." })
  @Length(2, 2)
  language: string;

  @Field({ description: "The passage of the lane, or the crossing of the customs border." })
  crossedAt: Date;

  @Field(() => Date, { nullable: true, description: "GREEN_PLATE: when the public transport left its last stop before the customs border (OD-AFD art. 32 para. 3)." })
  @IsOptional()
  departedLastStopAt?: Date | null;

  @Field(() => ConveyanceKind, { description: "How the traveller crossed." })
  @IsEnum(ConveyanceKind)
  conveyance: ConveyanceKind;

  @Field(() => Boolean, { nullable: true, description: "A registered means of transport under Annex C of the Istanbul Convention (OD-AFD art. 30, 34, 35)." })
  @IsOptional()
  @IsBoolean()
  registeredUnderAnnexC?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "OD-AFD art. 30 para. 2: the sticker clearly visible on the windscreen." })
  @IsOptional()
  @IsBoolean()
  greenViewStickerVisible?: boolean | null;

  @Field(() => [TravellerItemInput], { description: "The goods, 1 to 200 lines, in order." })
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  items: TravellerItemInput[];
}

@InputType({ description: "DEC-R26 (OD-AFD art. 27, 29, 31, 33): authorise a facility at an office." })
export class AuthoriseCrossingFacilityInput {
  @Field(() => ID, { description: "The office code (see customsOffices)." })
  @Length(1, 12)
  officeId: string;

  @Field(() => CrossingFacility, { description: "The facility to authorise." })
  @IsEnum(CrossingFacility)
  facility: CrossingFacility;

  @Field({ description: "Conditions and charges (OD-AFD art. 31 para. 3)." })
  @Length(2, 500)
  conditions: string;
}

@InputType({ description: "DEC-R23 (OD-AFD art. 24a para. 1, 6; OD art. 118), DEC-R82 (LD art. 43)." })
export class AuthoriseRuralBorderTrafficInput {
  @Field(() => ID, { description: "The operator: the business partner claiming relief on its rural border imports." })
  @IsUUID()
  operatorId: string;

  @Field(() => ID, { description: "The office its announcements go to." })
  @Length(1, 12)
  officeId: string;

  @Field(() => [String], { description: "The staff the operator empowers to announce." })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Length(2, 120, { each: true })
  empoweredPersons: string[];

  @Field(() => Int, { nullable: true, description: "The border area's width in km, 10 unless the administration widens it." })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  zoneKm?: number | null;
}

@InputType({ description: "DEC-R23 (OD-AFD art. 24a): a rural border traffic advance announcement." })
export class AnnounceRuralBorderImportInput {
  @Field(() => ID, { description: "The operator: a business partner holding a rural border traffic authorisation." })
  @IsUUID()
  operatorId: string;

  @Field(() => ID, { description: "The office named in the authorisation (OD-AFD art. 24a para. 1)." })
  @Length(1, 12)
  officeId: string;

  @Field(() => RuralGoodsType, { description: "The type of goods." })
  @IsEnum(RuralGoodsType)
  goodsType: RuralGoodsType;

  @Field({ description: "DEC-R15 (OD-AFD art. 7): the declaration's language, de, fr or it." })
  @Length(2, 2)
  language: string;

  @Field(() => DeclarationItemInput, { description: "Type and quantity of the goods." })
  @ValidateNested()
  item: DeclarationItemInput;

  @Field({ description: "The time of the crossing." })
  plannedCrossingAt: Date;

  @Field({ description: "The place of the crossing." })
  @Length(2, 200)
  crossingPlace: string;

  @Field(() => Int, { description: "DEC-R82 (LD art. 43): the distance of the land the goods come from to the border, in km." })
  @IsInt()
  @Min(0)
  @Max(1000)
  landDistanceFromBorderKm: number;

  @Field({ description: "The empowered person announcing (OD-AFD art. 24a para. 6)." })
  @Length(2, 120)
  announcedBy: string;

  @Field(() => AnnouncementTransmission, { description: "How the announcement reaches the office: fax, electronically or handed in (OD-AFD art. 24a para. 2); not by phone." })
  @IsEnum(AnnouncementTransmission)
  transmission: AnnouncementTransmission;
}

@InputType({ description: "DEC-R23 (OD-AFD art. 24a para. 5): a change before the import." })
export class ChangeRuralBorderAnnouncementInput {
  @Field(() => ID, { description: "The announcement to change, before the import." })
  @IsUUID()
  announcementId: string;

  @Field(() => Date, { nullable: true, description: "The new announced time; unchanged when omitted." })
  @IsOptional()
  plannedCrossingAt?: Date | null;

  @Field(() => String, { nullable: true, description: "The new place of crossing; unchanged when omitted." })
  @IsOptional()
  @Length(2, 200)
  crossingPlace?: string | null;

  @Field(() => String, { nullable: true, description: "The new net mass in kg (exact decimal string); unchanged when omitted." })
  @IsOptional()
  @Matches(MASS, { message: "netMassKg must be a mass in kg with at most 3 decimals" })
  netMassKg?: string | null;

  @Field(() => String, { nullable: true, description: "The new gross mass in kg (exact decimal string); unchanged when omitted." })
  @IsOptional()
  @Matches(MASS, { message: "grossMassKg must be a mass in kg with at most 3 decimals" })
  grossMassKg?: string | null;

  @Field(() => AnnouncementTransmission, { description: "How the change reaches the office; by PHONE the office may ask for written confirmation (OD-AFD art. 24a para. 5)." })
  @IsEnum(AnnouncementTransmission)
  transmission: AnnouncementTransmission;
}

@InputType({ description: "Names an advance announcement." })
export class AnnouncementIdInput {
  @Field(() => ID, { description: "The announcement's id." })
  @IsUUID()
  announcementId: string;
}
