import type { EntityManager } from 'typeorm';

/**
 * What one merge changed, as the rows were before it (stored in actor_merge.journal). Rows
 * that the merge re-pointed are kept by id; rows it removed are kept whole (to_jsonb), so that
 * unmergeActors puts back exactly what was there, ids and creation times included.
 */
export interface MergeJournal {
  claimantClaimIds: string[];
  /** Claims the source was a subject of; of those, the ones where the merge added the target. */
  subjectClaimIds: string[];
  subjectClaimIdsAdded: string[];
  mentionIds: string[];
  participations: Array<{ event_id: string; role: string }>;
  participationsAdded: Array<{ event_id: string; role: string }>;
  externalIds: string[];
  aliasesRemoved: JsonRow[];
  aliasIdsAdded: string[];
  relationsMoved: Array<{ id: string; actor_id: string; target_id: string }>;
  /** Relations the merge deleted (self-relations, and those folded into one the target had), with their assertions. */
  relationsRemoved: Array<{ relation: JsonRow; assertions: JsonRow[]; foldedInto: string | null; assertionsAdded: AssertionKey[] }>;
  repointedActorIds: string[];
  descriptionTaken: boolean;
  deletionIds: string[];
}

export type JsonRow = Record<string, unknown>;
export interface AssertionKey {
  relation_id: string;
  claim_id: string;
  organization_id: string;
}

export function emptyJournal(): MergeJournal {
  return {
    claimantClaimIds: [],
    subjectClaimIds: [],
    subjectClaimIdsAdded: [],
    mentionIds: [],
    participations: [],
    participationsAdded: [],
    externalIds: [],
    aliasesRemoved: [],
    aliasIdsAdded: [],
    relationsMoved: [],
    relationsRemoved: [],
    repointedActorIds: [],
    descriptionTaken: false,
    deletionIds: [],
  };
}

/** The rows an UPDATE, INSERT or DELETE ... RETURNING gave back (a plain query() answers [rows, count] for those). */
export async function returnedRows<T>(manager: EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  if (manager.queryRunner === undefined) throw new Error('returnedRows runs inside a transaction');
  const result = await manager.queryRunner.query(sql, params, true);
  return result.records as T[];
}

/** The ids (as text) of the rows a statement ... RETURNING id::text AS id wrote. */
export async function returnedIds(manager: EntityManager, sql: string, params: unknown[]): Promise<string[]> {
  return (await returnedRows<{ id: string }>(manager, sql, params)).map((row) => row.id);
}

/** Puts rows kept by to_jsonb back into `table`, with their own ids (identity columns included). */
export async function reinsertRows(manager: EntityManager, table: string, rows: JsonRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(`INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)`, [
    JSON.stringify(rows),
  ]);
}
