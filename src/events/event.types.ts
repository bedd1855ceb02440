import { Field, ObjectType } from 'type-graphql';
import { ConnectionType } from '../common/connection';
import { EventType, Event } from './event.entity';

export const EventConnection = ConnectionType('Event', Event);
export type EventConnection = InstanceType<typeof EventConnection>;

@ObjectType({ description: 'A sub-type of the event codebook' })
export class EventSubTypeInfo {
  @Field(() => String) name!: string;
  @Field(() => String) description!: string;
}

@ObjectType({ description: 'An event type of the codebook, with its sub-types' })
export class EventTypeInfo {
  @Field(() => EventType) type!: EventType;
  @Field(() => [String], { description: 'The sub-type names valid for this type' }) subTypes!: string[];
  @Field(() => String) description!: string;
  @Field(() => [EventSubTypeInfo], { description: 'The sub-types with their definitions' }) subTypeDefinitions!: EventSubTypeInfo[];
}
