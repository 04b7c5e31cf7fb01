import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from "typeorm";
import { MoneyScalar, rappenColumn } from "../../kit";
import { DestructionCause, ExtensionDecision, HandlingKind, LotStatus, MovementKind } from "./enums";

@ObjectType({
  description:
    "Goods stored in a facility under one entry (DOMAIN.md §4.1): declared for the customs warehousing procedure or the free deposit (WH-R02, LD art. 51 para. 1; WH-R22, LD art. 65), recorded in the inventory by its deadline (WH-R11, WH-R16, WH-R24), and leaving only against an exit declaration declarations accepted (X15; WH-R12, WH-R17, WH-R25). In a consumer goods warehouse the import duties are fixed with a conditional payment obligation (WH-R03, X14) and storage lasts two years, extendable to five (WH-R14).",
})
@Directive('@key(fields: "id")')
@Entity("stored_lot")
@Index("IDX_stored_lot_facility_entered", ["facilityId", "enteredAt"])
@Index("IDX_stored_lot_inventory_pending", ["inventoryRecordedAt", "inventoryOverdueAt", "inventoryDueBy"])
export class StoredLot {
  @Field(() => ID, { description: "The lot's opaque identifier (a UUID)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "facility_id" })
  facilityId: string;

  @Index("IDX_stored_lot_depositor")
  @Column({ type: "varchar", length: 36, name: "depositor_id" })
  depositorId: string;

  @Index("IDX_stored_lot_entry_declaration")
  @Column({ type: "varchar", length: 36, name: "entry_declaration_id", nullable: true })
  entryDeclarationId: string | null;

  @Field({ description: "When the goods were presented at the facility: the inventory deadline runs from it." })
  @Column({ type: "datetime", precision: 3, name: "presented_at" })
  presentedAt: Date;

  @Field({ description: "When the control office recorded the entry: the goods count in the stock from then." })
  @Column({ type: "datetime", precision: 3, name: "entered_at" })
  enteredAt: Date;

  @Field(() => Date, { nullable: true, description: "WH-R11, WH-R16 (OD-AFD art. 47, 50): the end of the business day after presentation; WH-R24 (OD-AFD art. 57a): in a free deposit, sensitive goods only, the end of the working day after presentation; none for other free deposit goods." })
  @Column({ type: "datetime", precision: 3, name: "inventory_due_by", nullable: true })
  inventoryDueBy: Date | null;

  @Field(() => Date, { nullable: true, description: "When the inventory keeper recorded the lot in the inventory (WH-R11, WH-R16, WH-R24); null until then, and for free deposit goods that need no entry. This, not the status, says whether the entry is still owed: a lot whose exit was declared, or that left, before it was recorded still owes it (OD-AFD art. 47; LD art. 56)." })
  @Column({ type: "datetime", precision: 3, name: "inventory_recorded_at", nullable: true })
  inventoryRecordedAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the inventory deadline passed with the lot still unrecorded, whatever its status by then (InventoryEntryOverdue, for enforcement; WH-R11, OD-AFD art. 47). Stays set once the lot is recorded late." })
  @Column({ type: "datetime", precision: 3, name: "inventory_overdue_at", nullable: true })
  inventoryOverdueAt: Date | null;

  @Field({ description: "The goods in plain words, as entered by the control office." })
  @Column({ type: "varchar", length: 300, name: "goods_description" })
  goodsDescription: string;

  @Field({ description: "NNNN.NNNN" })
  @Column({ type: "varchar", length: 9, name: "tariff_number" })
  tariffNumber: string;

  @Field({ description: "Net mass in kg, an exact decimal string (WH-R16, OD-AFD art. 51: the inventory gives the net mass)." })
  @Column({ type: "varchar", length: 16, name: "net_mass_kg" })
  netMassKg: string;

  @Column({ type: "bigint", transformer: rappenColumn })
  grams: number;

  @Field({ description: "WH-R23, WH-R24 (LD art. 66; OD-AFD art. 57a): sensitive goods, which a free deposit's inventory must hold. DESIGN CHOICE (DOMAIN.md): a flag set from the FOCBS reference list." })
  @Column({ type: "boolean" })
  sensitive: boolean;

  @Field({ description: "WH-R06 (LD art. 53 para. 2), WH-R20 (LD art. 62 para. 2): goods under the export regime, exported after they leave; not declared via NCTS (WH-R26, OD-AFD art. 6a)." })
  @Column({ type: "boolean", name: "under_export_regime" })
  underExportRegime: boolean;

  @Field({ description: "Stored in the special premises the authorisation requires for these goods (LD art. 54, 64)." })
  @Column({ type: "boolean", name: "in_special_premises" })
  inSpecialPremises: boolean;

  @Field({ description: "When storage began: the presentation of the goods (DESIGN CHOICE: the sources do not say whether the two-year period of LD art. 55 runs from presentation or entry)." })
  @Column({ type: "datetime", precision: 3, name: "storage_start" })
  storageStart: Date;

  @Field(() => Date, { nullable: true, description: "WH-R14 (LD art. 55 para. 2): a consumer goods warehouse stores for two years, or as extended; open warehouses and free deposits without limit (WH-R07, WH-R22)." })
  @Column({ type: "datetime", precision: 3, name: "storage_end", nullable: true })
  storageEnd: Date | null;

  @Field(() => Date, { nullable: true, description: "WH-R14: five years at most, whatever the extensions." })
  @Column({ type: "datetime", precision: 3, name: "max_storage_end", nullable: true })
  maxStorageEnd: Date | null;

  @Field(() => Date, { nullable: true, description: "WH-R04 (LD art. 51 para. 3): the storage period ended, the goods may still be placed under another procedure until then: 60 days later." })
  @Column({ type: "datetime", precision: 3, name: "placement_deadline", nullable: true })
  placementDeadline: Date | null;

  @Field(() => MoneyScalar, { nullable: true, description: "WH-R03 (LD art. 51 para. 2 let. b): in a consumer goods warehouse, the import duties fixed with a conditional payment obligation; none in an open warehouse or a free deposit (WH-R03 let. a, WH-R20)." })
  @Column({ type: "bigint", name: "conditional_duties_rappen", nullable: true, transformer: rappenColumn })
  conditionalDuties: number | null;

  @Field(() => LotStatus, { description: "Where the lot stands in its lifecycle (DOMAIN.md §4.2)." })
  @Index("IDX_stored_lot_status")
  @Column({ type: "varchar", length: 28 })
  status: LotStatus;

  @Index("IDX_stored_lot_exit_declaration")
  @Column({ type: "varchar", length: 36, name: "exit_declaration_id", nullable: true })
  exitDeclarationId: string | null;

  @Field(() => String, { nullable: true, description: "The procedure the exit declaration places the goods under." })
  @Column({ type: "varchar", length: 24, name: "exit_procedure", nullable: true })
  exitProcedure: string | null;

  @Field(() => Date, { nullable: true, description: "X15: when declarations accepted the exit declaration (UTC, with offset)." })
  @Column({ type: "datetime", precision: 3, name: "exit_declared_at", nullable: true })
  exitDeclaredAt: Date | null;

  @Field(() => Date, { nullable: true, description: "When the goods left the facility (or were found gone, or destroyed): they no longer count in the stock from then." })
  @Column({ type: "datetime", precision: 3, name: "left_at", nullable: true })
  leftAt: Date | null;

  @Field(() => Date, { nullable: true, description: "X16 (LD art. 69 let. d): when goods left without a declaration, if it can be established." })
  @Column({ type: "datetime", precision: 3, name: "released_without_declaration_at", nullable: true })
  releasedWithoutDeclarationAt: Date | null;

  @Field(() => DestructionCause, { nullable: true, description: "WH-R28 (LD art. 86 para. 1 let. a): why the goods were destroyed; null unless DESTROYED." })
  @Column({ type: "varchar", length: 28, name: "destruction_cause", nullable: true })
  destructionCause: DestructionCause | null;

  @Field(() => Int, { description: "Incremented on every change to the lot (optimistic locking): a change made meanwhile is refused with CONCURRENT_MODIFICATION." })
  @Column({ type: "integer" })
  version: number;
}

@ObjectType({ description: "A change to a facility's stock, appended and never changed (WH-R11, WH-R16, WH-R18, WH-R23)." })
@Entity("lot_movement")
@Index("IDX_lot_movement_position_period", ["positionId", "period", "at", "seq"])
@Index("IDX_lot_movement_lot", ["lotId", "seq"])
@Index("IDX_lot_movement_facility_at", ["facilityId", "at"])
export class LotMovement {
  @PrimaryGeneratedColumn({ type: "integer" })
  seq: number;

  @Column({ type: "varchar", length: 36, name: "facility_id" })
  facilityId: string;

  @Column({ type: "varchar", length: 36, name: "lot_id" })
  lotId: string;

  @Column({ type: "varchar", length: 36, name: "position_id" })
  positionId: string;

  @Field(() => MovementKind, { description: "What changed the stock." })
  @Column({ type: "varchar", length: 28 })
  kind: MovementKind;

  @Column({ type: "bigint", name: "delta_grams", transformer: rappenColumn })
  deltaGrams: number;

  @Column({ type: "bigint", name: "balance_after_grams", transformer: rappenColumn })
  balanceAfterGrams: number;

  @Field({ description: "When the stock changed (UTC, with offset): from then on the movement counts in the stock of any instant." })
  @Column({ type: "datetime", precision: 3 })
  at: Date;

  /** The calendar month of `at` (UTC), YYYYMM: the stock of an instant reads one month's movements and the month before's closing balance. */
  @Column({ type: "integer", default: 0 })
  period: number;

  @Field(() => String, { nullable: true, description: "The declaration behind the movement, if any." })
  @Column({ type: "varchar", length: 36, name: "declaration_id", nullable: true })
  declarationId: string | null;

  @Field({ description: "Who recorded it: the officer, operator or depositor." })
  @Column({ type: "varchar", length: 100, name: "recorded_by" })
  recordedBy: string;
}

/**
 * What a depositor holds of a tariff number in a facility now, and the key its movements' running
 * balances are kept under, so that the stock of any instant is one index seek per position.
 */
@Entity("stock_position")
@Index("IDX_stock_position_key", ["facilityId", "depositorId", "tariffNumber"], { unique: true })
export class StockPosition {
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Column({ type: "varchar", length: 36, name: "facility_id" })
  facilityId: string;

  @Column({ type: "varchar", length: 36, name: "depositor_id" })
  depositorId: string;

  @Column({ type: "varchar", length: 9, name: "tariff_number" })
  tariffNumber: string;

  @Column({ type: "bigint", name: "current_grams", transformer: rappenColumn })
  currentGrams: number;
}

/** A stock position's balance after its last movement of a month (YYYYMM, UTC), kept as movements are appended. */
@Entity("position_period")
export class PositionPeriod {
  @PrimaryColumn({ type: "varchar", length: 36, name: "position_id" })
  positionId: string;

  @PrimaryColumn({ type: "integer" })
  period: number;

  @Column({ type: "bigint", name: "closing_grams", transformer: rappenColumn })
  closingGrams: number;
}

@ObjectType({ description: "WH-R14 (LD art. 55 para. 2): a reasoned request to extend a consumer goods warehouse's storage, to at most five years." })
@Entity("storage_extension")
export class StorageExtension {
  @Field(() => ID, { description: "The request's opaque identifier (a UUID)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_storage_extension_lot")
  @Column({ type: "varchar", length: 36, name: "lot_id" })
  lotId: string;

  @Field({ description: "When the depositor made the request (UTC, with offset)." })
  @Column({ type: "datetime", precision: 3, name: "requested_at" })
  requestedAt: Date;

  @Field({ description: "The depositor's reasons (LD art. 55 para. 2: the request is reasoned)." })
  @Column({ type: "varchar", length: 1000 })
  reason: string;

  @Field({ description: "The new end of storage asked for: after the one in force, and within five years of the start (EXTENSION_BEYOND_FIVE_YEARS)." })
  @Column({ type: "datetime", precision: 3, name: "requested_until" })
  requestedUntil: Date;

  @Field(() => ExtensionDecision, { description: "PENDING until customs decides, then GRANTED or REFUSED." })
  @Column({ type: "varchar", length: 10 })
  decision: ExtensionDecision;

  @Field(() => Date, { nullable: true, description: "When customs decided (UTC, with offset); null while PENDING." })
  @Column({ type: "datetime", precision: 3, name: "decided_at", nullable: true })
  decidedAt: Date | null;

  @Field(() => String, { nullable: true, description: "Customs' reasons for its decision; null while PENDING." })
  @Column({ type: "varchar", length: 500, name: "decision_reason", nullable: true })
  decisionReason: string | null;
}

@ObjectType({ description: "WH-R05 (LD art. 52 para. 2 let. b, 63 para. 2 let. b): the depositor's rights and obligations taken over by another." })
@Entity("depositor_transfer")
export class DepositorTransfer {
  @Field(() => ID, { description: "The transfer's opaque identifier (a UUID)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_depositor_transfer_lot")
  @Column({ type: "varchar", length: 36, name: "lot_id" })
  lotId: string;

  @Column({ type: "varchar", length: 36, name: "from_id" })
  fromId: string;

  @Column({ type: "varchar", length: 36, name: "to_id" })
  toId: string;

  @Field({ description: "When the rights and obligations passed to the new depositor (UTC, with offset): the stock moves between their positions then." })
  @Column({ type: "datetime", precision: 3, name: "effective_at" })
  effectiveAt: Date;
}

@ObjectType({ description: "Handling of stored goods that keeps their identity and mass (WH-R18, LD art. 56; WH-R22, LD art. 65; DESIGN CHOICE, see HandlingKind)." })
@Entity("lot_handling")
export class LotHandling {
  @Field(() => ID, { description: "The handling record's opaque identifier (a UUID)." })
  @PrimaryColumn({ type: "varchar", length: 36 })
  id: string;

  @Index("IDX_lot_handling_lot")
  @Column({ type: "varchar", length: 36, name: "lot_id" })
  lotId: string;

  @Field(() => HandlingKind, { description: "What was done to the goods." })
  @Column({ type: "varchar", length: 12 })
  kind: HandlingKind;

  @Field({ description: "What was done, in plain words." })
  @Column({ type: "varchar", length: 500 })
  description: string;

  @Field({ description: "When the handling was recorded (UTC, with offset)." })
  @Column({ type: "datetime", precision: 3, name: "handled_at" })
  handledAt: Date;

  @Field({ description: "Who recorded it: the officer, operator or depositor (their subject)." })
  @Column({ type: "varchar", length: 100, name: "recorded_by" })
  recordedBy: string;
}
