import { Field, ObjectType } from 'type-graphql';
import { Check, Column, CreateDateColumn, Entity, Unique } from 'typeorm';
import { IdColumn } from '../common/columns';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node';

/** A partner (or the operator) whose keys write data and may keep claims private. */
@ObjectType({ implements: Node })
@Entity()
@Unique('uq_organization_name', ['name'])
@Check('ck_organization_name', `char_length(name) BETWEEN 1 AND 200`)
export class Organization extends Node {
  @IdColumn() id!: string;
  @Field(() => String) @Column('text') name!: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;

  get nodeId(): string {
    return toGlobalId('Organization', this.id);
  }
}
