import { Field, ObjectType } from 'type-graphql';
import { Organization } from './organization.entity';
import { Role } from '../common/role';

/** The one answer that carries a key's secret: it is not stored, so it cannot be shown again. */
@ObjectType({ description: 'A new API key. `key` is shown this once: store it now' })
export class CreatedApiKey {
  @Field(() => String, { description: 'The secret, for "Authorization: Bearer <key>"; only its SHA-256 is kept' })
  key!: string;

  @Field(() => String, { description: 'The visible start of the key, as listed by apiKeys and the audit log' })
  prefix!: string;

  @Field(() => Role) role!: Role;
  @Field(() => String, { nullable: true }) label!: string | null;
  @Field(() => Organization) organization!: Organization;
}
