import { ArrayMaxSize, IsBoolean, IsOptional, IsUUID } from "class-validator";
import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Which notifications to mark read for the caller: either `ids` or `all: true`, not both." })
export class MarkNotificationsReadInput {
  @Field(() => [ID], { nullable: true, description: "The notifications to mark read, 1 to 100, each in one of the caller's inboxes (NOT_FOUND otherwise, and nothing is marked)." })
  @IsOptional()
  @ArrayMaxSize(100)
  @IsUUID("all", { each: true })
  ids?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: "True: every notification of the caller's inboxes that it has not read yet." })
  @IsOptional()
  @IsBoolean()
  all?: boolean | null;
}
