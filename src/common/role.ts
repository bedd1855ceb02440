import { registerEnumType } from 'type-graphql';

export enum Role {
  READER = 'READER',
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}
registerEnumType(Role, { name: 'Role', description: 'What an API key may do: read, also write, also manage' });

const RANK: Record<Role, number> = { READER: 0, EDITOR: 1, ADMIN: 2 };

export function roleAtLeast(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}
