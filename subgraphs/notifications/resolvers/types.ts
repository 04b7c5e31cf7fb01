import { ArgsType, Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { IsBoolean, IsOptional, IsUUID } from "class-validator";
import { Connection, SubgraphContext } from "../../kit";
import { Notification } from "../entities/notification.entity";
import type { NotificationServices } from "../services";

export type NotificationsContext = SubgraphContext<NotificationServices>;

// Entities of other subgraphs, as notifications knows them: their key, and the fields it adds. The
// `id` descriptions are the owners' words: composition would otherwise pick ours for the graph.
@ObjectType({ description: "An ePortal user (owned by the identity subgraph, ePortal step 1). Notifications adds the user's inbox: the notifications of the business partners the user is a member of." })
@Directive('@key(fields: "id")')
export class PortalUser {
  @Field(() => ID, { description: "Opaque, stable identifier: the federation key other subgraphs use for the user (e.g. who submitted a declaration in the UI)." })
  id: string;
}

@ObjectType({ description: "A business partner registered with FOCBS (owned by the identity subgraph, ePortal step 2); notifications only refers to it: the partner a notification concerns." })
@Directive('@key(fields: "id", resolvable: false)')
export class BusinessPartner {
  @Field(() => ID, { description: "The business partner's id in identity." })
  id: string;
}

@ObjectType({ description: "A customs declaration (owned by the declarations subgraph); notifications only refers to it: the declaration a notification concerns." })
@Directive('@key(fields: "id", resolvable: false)')
export class CustomsDeclaration {
  @Field(() => ID, { description: "The declaration's id in declarations." })
  id: string;
}

@ObjectType({ description: "A taxation decision (owned by the declarations subgraph, DEC-R52); notifications only refers to it: the decision put online or cancelled." })
@Directive('@key(fields: "id", resolvable: false)')
export class TaxationDecision {
  @Field(() => ID, { description: "The taxation decision's id in declarations." })
  id: string;
}

@ObjectType({ description: "A customs debt (owned by the debt subgraph, DEBT-R01); notifications only refers to it: the debt that became overdue." })
@Directive('@key(fields: "id", resolvable: false)')
export class CustomsDebt {
  @Field(() => ID, { description: "The debt's opaque, stable id (federation key)." })
  id: string;
}

// Warehousing's own description: with two subgraphs declaring the type, composition would publish ours.
@ObjectType({
  description:
    "A customs warehouse or free deposit (WH-R01, LD art. 50; WH-R19, LD art. 62), run by its operator under an authorisation (WH-R10, LD art. 54; WH-R21, LD art. 64) and supervised by its control office, where goods are declared (WH-R08, LD art. 53 para. 4). DESIGN CHOICE (DOMAIN.md §4.0): the supervision duties of LD art. 53 para. 5 and 66 para. 3 are the operator's, who may be required to give security for them (WH-R09, LD art. 53 para. 6; WH-R23, LD art. 66). Declined, with reason: WH-R29 (LD art. 108, 111), surveillance equipment and collecting data from the facilities' systems, is the administration's means of control, not a state of this graph.",
})
@Directive('@key(fields: "id", resolvable: false)')
export class StorageFacility {
  @Field(() => ID, { description: "The facility's opaque identifier (a UUID)." })
  id: string;
}

@ObjectType({ description: "A lot stored in a customs warehouse or free deposit (owned by the warehousing subgraph); notifications only refers to it: the lot whose storage period ended." })
@Directive('@key(fields: "id", resolvable: false)')
export class StoredLot {
  @Field(() => ID, { description: "The stored lot's id in warehousing." })
  id: string;
}

export const NotificationConnection = Connection(Notification, "Notification", { order: "newest first (by creation time, then id)" });

@ArgsType()
export class UnreadFilterArgs {
  @Field(() => Boolean, { defaultValue: false, description: "Only the notifications this caller has not marked read; all of them if false." })
  @IsBoolean()
  unreadOnly: boolean = false;
}

@ArgsType()
export class PartnerFilterArgs {
  @Field(() => ID, { nullable: true, description: "Only the notifications of this business partner, one the caller acts for (FORBIDDEN otherwise); all its partners' if omitted." })
  @IsOptional()
  @IsUUID()
  partnerId?: string | null;
}

@ObjectType({ description: "The result of marking notifications read: how many were marked, and how many the caller still has unread." })
export class MarkNotificationsReadPayload {
  @Field(() => Int, { description: "The notifications marked read by this call; those the caller had already read count nothing." })
  markedCount: number;

  @Field(() => Int, { description: "The notifications of the caller's inboxes it has still not read, after this call." })
  unreadCount: number;
}
