import { createHash, randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { normalizeNameForSearch } from '../../src/nlp/normalize-name';
import { hashKey } from '../../src/http/auth';
import { ApiKey } from '../../src/organizations/api-key.entity';
import { generateApiKeySecret } from '../../src/organizations/api-key-secret';
import { Organization } from '../../src/organizations/organization.entity';
import type { Role } from '../../src/common/role';
import { globalIdOf } from './global-ids';

/**
 * Inserts an organisation and a key of `role` for it; returns the secret key. The key is made
 * as createApiKey makes one (generateApiKeySecret: `vbt_`, 32 random bytes, a 12-character
 * prefix; stored as hashKey's hash), so auth is tested on keys production could issue.
 */
export async function insertApiKey(
  db: DataSource,
  role: Role,
  organizationName = `Partner ${randomBytes(3).toString('hex')}`,
): Promise<string> {
  const organization = await db.getRepository(Organization).save({ name: organizationName });
  const { key, prefix } = generateApiKeySecret();
  await db.getRepository(ApiKey).insert({
    organizationId: organization.id,
    prefix,
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
  const [row] = await db.query<Array<{ id: string }>>(
    `INSERT INTO actor (name, kind, merged_into_id, search_name) VALUES ($1, $2, $3, $4) RETURNING id`,
    [name, kind, mergedIntoRowId, normalizeNameForSearch(name)],
  );
  return { rowId: String(row.id), id: globalIdOf('Actor', row.id) };
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
  return { rowId: String(row.id), id: globalIdOf('Event', row.id) };
}

/** The row id behind a global id, for SQL in tests. */
export { rowIdOf } from './global-ids';

/** A source, an article and its one sentence, inserted directly; returns the ids. */
export async function insertArticleRows(
  db: DataSource,
  text = 'Someone said something.',
): Promise<{ articleId: string; sentenceId: string }> {
  counter += 1;
  const [source] = await db.query(`INSERT INTO source (name, kind) VALUES ($1, 'OTHER') RETURNING id::text`, [`Factory source ${counter}`]);
  const [article] = await db.query(
    `INSERT INTO article (source_id, title, body, content_hash, sentence_count) VALUES ($1, $2, $3, $4, 1) RETURNING id::text`,
    [source.id, `Factory article ${counter}`, text, createHash('sha256').update(text, 'utf8').digest('hex')],
  );
  const [sentence] = await db.query(
    `INSERT INTO sentence (article_id, index, start, "end", text) VALUES ($1, 0, 0, $2, $3) RETURNING id::text`,
    [article.id, [...text].length, text],
  );
  return { articleId: article.id, sentenceId: sentence.id };
}

/**
 * A claim row (with a fresh article unless one is given), as the claims API would store it;
 * `organizationId` defaults to the operator organisation (the bootstrap admin key's).
 * Returns the claim's global id.
 */
export async function insertClaim(
  db: DataSource,
  options: {
    articleId?: string;
    claimantId?: string;
    subjectIds?: string[];
    visibility?: 'PUBLIC' | 'ORGANIZATION';
    organizationId?: string;
  } = {},
): Promise<string> {
  const articleId = options.articleId ?? (await insertArticleRows(db)).articleId;
  const organizationId =
    options.organizationId ?? (await db.query(`SELECT id::text FROM organization WHERE name = 'Verbatim operator'`))[0].id;
  const [claim] = await db.query(
    `INSERT INTO claim (article_id, text, kind, claimant_id, visibility, organization_id, extraction_method, extraction_agent)
     VALUES ($1, 'A factory claim', 'STATEMENT', $2, $3, $4, 'MANUAL', 'test') RETURNING id::text`,
    [articleId, options.claimantId ?? null, options.visibility ?? 'PUBLIC', organizationId],
  );
  for (const subjectId of options.subjectIds ?? []) {
    await db.query(`INSERT INTO claim_subject (claim_id, actor_id) VALUES ($1, $2)`, [claim.id, subjectId]);
  }
  return globalIdOf('Claim', String(claim.id));
}

/** A mention of `actorId` spanning the whole sentence of a fresh factory article; returns the mention row id. */
export async function insertMention(db: DataSource, actorId: string, text = 'Someone'): Promise<string> {
  const { sentenceId } = await insertArticleRows(db, text);
  const [mention]: Array<{ id: string }> = await db.query(
    `INSERT INTO mention (sentence_id, actor_id, start, "end", text, extraction_method, extraction_agent)
     VALUES ($1, $2, 0, $3, $4, 'MANUAL', 'test') RETURNING id::text`,
    [sentenceId, actorId, [...text].length, text],
  );
  return mention.id;
}
