import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The one row holding the key of global ids and cursors (src/common/global-id.ts), made by the
 * database when the table is (gen_random_uuid(): 122 random bits), and the row ids up to which
 * first-form ids ("Type:rowId") still resolve. The request role may not read it
 * (migration GlobalIdKey); the server reads it once at startup.
 */
@Entity()
@Check('ck_global_id_key_single_row', `id = 1`)
export class GlobalIdKey {
  @PrimaryColumn('smallint', { default: 1 }) id!: number;
  // Text, not uuid: TypeORM reads a uuid column defaulting to gen_random_uuid() as its own
  // "generated uuid" and then reports drift. PostgreSQL stores this default as (gen_random_uuid())::text.
  @Column('text', { default: () => '(gen_random_uuid())' }) key!: string;
  /** Per node type, the largest row id a first-form id may name: {"Claim": "1234", ...}. */
  @Column('jsonb', { default: () => `'{}'` }) legacyRowIdLimits!: Record<string, string>;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt!: Date;
}
