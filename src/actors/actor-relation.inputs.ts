import { Field, ID, InputType } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { ArrayMaxSize, IsOptional } from 'class-validator';
import { RelationType } from './actor-relation.entity';

@InputType()
export class AddActorRelationInput {
  @Field(() => ID) actorId!: string;
  @Field(() => RelationType) type!: RelationType;
  @Field(() => ID) targetId!: string;

  @Field(() => [ID], { description: 'The claims this relation rests on: at least one, each visible to you' })
  @ArrayMaxSize(100)
  claimIds!: string[];

  @Field(() => DateResolver, { nullable: true, description: 'Since when the relation holds, if known' })
  @IsOptional()
  startDate?: Date;

  @Field(() => DateResolver, { nullable: true, description: 'Until when it held, if it ended' })
  @IsOptional()
  endDate?: Date;
}
