import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { OrderInputType, type OrderInput } from '../common/connection';
import { DateResolver } from 'graphql-scalars';
import { ArrayMaxSize, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { ParticipantRole } from './event-participant.entity';
import { DatePrecision, EventType } from './event.entity';
import { TimeExpressionRefInput } from '../extraction/event-date';

@InputType()
export class PlaceInput {
  @Field(() => String) @Length(1, 500) name!: string;
  @Field(() => String, { nullable: true, description: 'First-level administrative division (province)' })
  @IsOptional()
  @Length(1, 500)
  admin1?: string;

  @Field(() => String, { nullable: true, description: 'Second-level division (district)' }) @IsOptional() @Length(1, 500) admin2?: string;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2, uppercase (e.g. "IQ")' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code in capitals, such as "IQ"' })
  country?: string;

  @Field(() => Float, { nullable: true, description: 'WGS 84 degrees, -90..90' }) @IsOptional() @Min(-90) @Max(90) latitude?: number;
  @Field(() => Float, { nullable: true, description: 'WGS 84 degrees, -180..180' }) @IsOptional() @Min(-180) @Max(180) longitude?: number;

  @Field(() => String, { nullable: true, description: 'GeoNames id (digits)' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,11}$/, { message: 'geonamesId must be a GeoNames id: digits only' })
  geonamesId?: string;
}

@InputType()
export class ParticipantInput {
  @Field(() => ID) actorId!: string;
  @Field(() => ParticipantRole) role!: ParticipantRole;
}

@InputType()
export class CreateEventInput {
  @Field(() => EventType) type!: EventType;
  @Field(() => String, { nullable: true, description: 'A sub-type of `type` from the codebook (see eventTypes)' })
  @IsOptional()
  subType?: string;

  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 10000) description?: string;

  @Field(() => DateResolver, { nullable: true, description: 'The (first) day; required unless datePrecision is UNKNOWN' })
  @IsOptional()
  date?: Date;

  @Field(() => DatePrecision, { description: 'How exactly `date` is known: DAY, WEEK, MONTH, YEAR or UNKNOWN' })
  datePrecision!: DatePrecision;

  @Field(() => DateResolver, { nullable: true, description: 'The last day, for events that span several days; not before date' })
  @IsOptional()
  endDate?: Date;

  @Field(() => TimeExpressionRefInput, {
    nullable: true,
    description: 'Date the event by a time expression of a sentence ("on Friday"): its date and precision replace date and datePrecision',
  })
  @IsOptional()
  @ValidateNested()
  dateFrom?: TimeExpressionRefInput;

  @Field(() => PlaceInput, { nullable: true }) @IsOptional() @ValidateNested() place?: PlaceInput;
  @Field(() => [ParticipantInput], { nullable: true }) @IsOptional() @ArrayMaxSize(100) @ValidateNested() participants?: ParticipantInput[];

  @Field(() => [ID], { nullable: true, description: 'Claims that report this event; each must be visible to you' })
  @IsOptional()
  @ArrayMaxSize(100)
  claimIds?: string[];

  @Field(() => Int, { nullable: true, description: 'Reported deaths, 0 or more; null when unknown' })
  @IsOptional()
  @Min(0)
  fatalities?: number;
}

@InputType({
  description: 'Only the fields given change; an explicit null clears a nullable field; participants, when given, replaces the set',
})
export class UpdateEventInput {
  @Field(() => EventType, { nullable: true }) @IsOptional() type?: EventType;
  @Field(() => String, { nullable: true }) @IsOptional() subType?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @Length(1, 10000) description?: string | null;
  @Field(() => DateResolver, { nullable: true }) @IsOptional() date?: Date | null;
  @Field(() => DatePrecision, { nullable: true }) @IsOptional() datePrecision?: DatePrecision;
  @Field(() => DateResolver, { nullable: true }) @IsOptional() endDate?: Date | null;
  @Field(() => PlaceInput, { nullable: true }) @IsOptional() @ValidateNested() place?: PlaceInput | null;
  @Field(() => [ParticipantInput], { nullable: true }) @IsOptional() @ArrayMaxSize(100) @ValidateNested() participants?: ParticipantInput[];
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(0) fatalities?: number | null;
}

@InputType()
export class EventFilter {
  @Field(() => EventType, { nullable: true }) @IsOptional() type?: EventType;
  @Field(() => ID, { nullable: true, description: 'Events this actor took part in (any role)' }) @IsOptional() actorId?: string;
  @Field(() => DateResolver, { nullable: true, description: 'Events dated on or after this day' }) @IsOptional() from?: Date;
  @Field(() => DateResolver, { nullable: true, description: 'Events dated on or before this day' }) @IsOptional() to?: Date;
  @Field(() => String, { nullable: true, description: 'A place name, province (admin1) or district (admin2); any case' })
  @IsOptional()
  @Length(1, 500)
  place?: string;

  @Field(() => String, { nullable: true, description: 'Words to find in the description (web search syntax)' })
  @IsOptional()
  @Length(1, 500)
  search?: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Only events changed at or after this time (for mirrors: pair with deletions(since:))',
  })
  @IsOptional()
  updatedSince?: Date;
}

export enum EventOrderField {
  DATE = 'DATE',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(EventOrderField, {
  name: 'EventOrderField',
  valuesConfig: {
    DATE: { description: 'The (first) day of the event; undated events come last' },
    CREATED_AT: { description: 'When the event was recorded' },
    UPDATED_AT: { description: 'When the event or its links last changed' },
  },
});

export const EventOrder = OrderInputType('Event', EventOrderField, 'How to order events');
export type EventOrder = OrderInput<EventOrderField>;
