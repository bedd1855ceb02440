import { PrimaryGeneratedColumn } from 'typeorm';

/** Every table's key: a bigint identity the database assigns (read back as a string). */
export function IdColumn(): PropertyDecorator {
  return PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' });
}
