import { Field, Float, ObjectType } from 'type-graphql';
import { Check, Column, Entity, Index } from 'typeorm';
import { IdColumn } from '../common/columns';

/** Where an event happened, at several administrative levels. */
@ObjectType()
@Entity()
@Check('ck_place_latitude', `latitude IS NULL OR latitude BETWEEN -90 AND 90`)
@Check('ck_place_longitude', `longitude IS NULL OR longitude BETWEEN -180 AND 180`)
@Check('ck_place_country', `country IS NULL OR country ~ '^[A-Z]{2}$'`)
@Check('ck_place_name', `char_length(name) BETWEEN 1 AND 500`)
export class Place {
  @IdColumn() id!: string;
  @Field(() => String) @Column('text') name!: string;
  @Field(() => String, { nullable: true, description: 'First-level administrative division (province)' })
  @Index('ix_place_admin1')
  @Column('text', { nullable: true })
  admin1!: string | null;

  @Field(() => String, { nullable: true, description: 'Second-level division (district)' })
  @Column('text', { nullable: true })
  admin2!: string | null;

  @Field(() => String, { nullable: true, description: 'ISO 3166-1 alpha-2' })
  @Column('char', { length: 2, nullable: true })
  country!: string | null;

  @Field(() => Float, { nullable: true }) @Column('double precision', { nullable: true }) latitude!: number | null;
  @Field(() => Float, { nullable: true }) @Column('double precision', { nullable: true }) longitude!: number | null;
  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) geonamesId!: string | null;
}
