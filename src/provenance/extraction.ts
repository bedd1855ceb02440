import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Column, CreateDateColumn } from 'typeorm';

export enum ExtractionMethod {
  MANUAL = 'MANUAL',
  RULE = 'RULE',
  MODEL = 'MODEL',
}
registerEnumType(ExtractionMethod, { name: 'ExtractionMethod', description: 'How an annotation came to be (W3C PROV activity)' });

/** Embedded in claims and mentions as `extraction_*` columns: how the row came to be. */
@ObjectType()
export class Extraction {
  @Field(() => ExtractionMethod)
  @Column({ type: 'enum', enum: ExtractionMethod, enumName: 'extraction_method' })
  method!: ExtractionMethod;

  @Field(() => String, { description: "The writing key's organisation, or the extractor's name" })
  @Column('text')
  agent!: string;

  @Field(() => String, { nullable: true }) @Column('text', { nullable: true }) version!: string | null;

  @Field(() => Float, { nullable: true, description: '0..1' })
  @Column('double precision', { nullable: true })
  confidence!: number | null;

  @Field(() => Date) @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
