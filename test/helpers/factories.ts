import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashKey } from '../../src/common/auth';
import { ApiKey } from '../../src/organizations/api-key.entity';
import { Organization } from '../../src/organizations/organization.entity';
import type { Role } from '../../src/organizations/role';

/** Inserts an organisation and a key of `role` for it; returns the secret key. */
export async function insertApiKey(
  db: DataSource,
  role: Role,
  organizationName = `Partner ${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const organization = await db.getRepository(Organization).save({ name: organizationName });
  const key = `vbt_${randomBytes(24).toString('base64url')}`;
  await db.getRepository(ApiKey).insert({
    organizationId: organization.id,
    prefix: key.slice(0, 10),
    keyHash: hashKey(key),
    role,
    label: null,
    lastUsedAt: null,
    revokedAt: null,
  });
  return key;
}

let counter = 0;

/** An ingestArticle input with a unique url; override any field. */
export function articleInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    source: { name: 'Test Wire', domain: 'test-wire.example', kind: 'NEWS_OUTLET' },
    url: `https://test-wire.example/news/${Date.now()}-${counter}`,
    title: `Test report ${counter}`,
    publishedAt: '2026-01-03T10:00:00Z',
    language: 'en',
    body: 'The council met on Monday. Lt. Col. Hadi Rahim said the road was 3.5 km long. He left at noon.',
    ...overrides,
  };
}

/** Inserts an actor row directly (the actor API has its own tests); returns its global id. */
export async function insertActor(
  db: DataSource,
  name: string,
  kind = 'PERSON',
  mergedIntoRowId: string | null = null,
): Promise<{ rowId: string; id: string }> {
  const [row] = await db.query<Array<{ id: string }>>(`INSERT INTO actor (name, kind, merged_into_id) VALUES ($1, $2, $3) RETURNING id`, [
    name,
    kind,
    mergedIntoRowId,
  ]);
  return { rowId: String(row.id), id: Buffer.from(`Actor:${row.id}`).toString('base64url') };
}

/** Inserts an event row directly; returns its global id. */
export async function insertEvent(
  db: DataSource,
  type = 'VIOLENCE_AGAINST_CIVILIANS',
  date = '2026-01-02',
): Promise<{ rowId: string; id: string }> {
  const [row] = await db.query<Array<{ id: string }>>(
    `INSERT INTO event (type, date, date_precision) VALUES ($1, $2, 'DAY') RETURNING id`,
    [type, date],
  );
  return { rowId: String(row.id), id: Buffer.from(`Event:${row.id}`).toString('base64url') };
}
