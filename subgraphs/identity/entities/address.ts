import { IsISO31661Alpha2, IsNotEmpty, Length, Matches } from "class-validator";
import { Directive, Field, InputType, ObjectType } from "type-graphql";
import { Column } from "typeorm";

@ObjectType({ description: "A postal address (UID register address, or one entered manually)." })
@Directive("@shareable")
export class Address {
  @Field({ description: "Street and number." })
  @Column({ type: "varchar", length: 200 })
  @IsNotEmpty()
  @Length(1, 200)
  street: string;

  @Field({ description: "Postal code: 3 to 16 letters, digits, spaces or dashes." })
  @Column({ type: "varchar", length: 16, name: "postal_code" })
  @Matches(/^[A-Z0-9 -]{3,16}$/i, { message: "postalCode must be 3 to 16 letters, digits, spaces or dashes" })
  postalCode: string;

  @Field({ description: "City or locality." })
  @Column({ type: "varchar", length: 100 })
  @IsNotEmpty()
  @Length(1, 100)
  city: string;

  @Field({ description: "ISO 3166-1 alpha-2 country code." })
  @Column({ type: "varchar", length: 2 })
  @IsISO31661Alpha2()
  country: string;
}

@InputType({ description: "A postal address." })
export class AddressInput implements Address {
  @Field({ description: "Street and number, 1 to 200 characters." })
  @IsNotEmpty()
  @Length(1, 200)
  street: string;

  @Field({ description: "Postal code: 3 to 16 letters, digits, spaces or dashes." })
  @Matches(/^[A-Z0-9 -]{3,16}$/i, { message: "postalCode must be 3 to 16 letters, digits, spaces or dashes" })
  postalCode: string;

  @Field({ description: "City or locality, 1 to 100 characters." })
  @IsNotEmpty()
  @Length(1, 100)
  city: string;

  @Field({ description: "ISO 3166-1 alpha-2 country code." })
  @IsISO31661Alpha2()
  country: string;
}
