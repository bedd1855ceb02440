import DataLoader from 'dataloader';
import type { EntityMetadata, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { unionOf, type FieldSelection } from './field-selection';
import { rowKey, type RowKey } from './row-key';
import { rowReader, type RowReader } from './row-reader';

/**
 * To-one relations read in the statement of the level that holds them. A level's rows and the
 * rows its selected to-one fields point to (an article's source; an evidence's sentence, its
 * article and that article's source) come in one statement: each target is a LEFT JOIN on its
 * id, and the target rows prime the by-id loader its field resolver asks, under the same key
 * the resolver will use, so the resolver finds it without a statement of its own.
 *
 * Only targets whose by-id loader has no visibility condition may be declared (never claims:
 * claimById applies the visibility rule): a join reads the row that loader would read.
 * Row-level security applies to every table of a statement, so a row the viewer may not see
 * joins as nulls, is not primed, and its resolver asks its loader as before.
 */
export interface ToOne {
  /** The property holding the target's id (`sourceId`). */
  foreignKey: string;
  target: new () => object;
  /** The request loader (Context['loaders']) that reads the target by id, with no visibility scope. */
  loader: string;
}

const toOnes = new Map<object, Record<string, ToOne>>();

/** Declares the GraphQL field `field` of `entity` a to-one relation its level's statement may join. */
export function declareToOne(entity: object, field: string, relation: ToOne): void {
  toOnes.set(entity, { ...toOnes.get(entity), [field]: relation });
}

/** The request's loaders, where joined rows are primed (the loader groups receive them). */
export type Peers = object;

/** One LEFT JOIN of a statement: a target table, the columns read and the keys primed. */
export interface Join {
  alias: string;
  target: new () => object;
  table: string;
  /** `"joined_0"."id" = "child"."source_id"` */
  on: string;
  reader: RowReader;
  loader: string;
  /** The selections to prime the loader with (each as its resolver will ask). */
  selections: FieldSelection[];
}

/**
 * The joins for rows of `metadata` (aliased `alias`) read for `selections`: each declared to-one
 * field they select with a known sub-selection, and recursively the to-one fields of those.
 * Keys batched together with different sub-selections read their union and prime each one.
 */
export function planJoins(metadata: EntityMetadata, alias: string, selections: readonly FieldSelection[]): Join[] {
  // One selection (the usual batch) is planned once: selections of a repeated query are kept (field-selection.ts).
  if (selections.length !== 1) return planned(metadata, alias, selections);
  const key = `${metadata.name}|${alias}`;
  let byLevel = plans.get(selections[0]);
  if (byLevel === undefined) plans.set(selections[0], (byLevel = new Map<string, Join[]>()));
  let joins = byLevel.get(key);
  if (joins === undefined) byLevel.set(key, (joins = planned(metadata, alias, selections)));
  return joins;
}

const plans = new WeakMap<FieldSelection, Map<string, Join[]>>();

function planned(metadata: EntityMetadata, alias: string, selections: readonly FieldSelection[]): Join[] {
  const joins: Join[] = [];
  const plan = (level: EntityMetadata, levelAlias: string, levelSelections: readonly FieldSelection[]) => {
    for (const [field, relation] of Object.entries(toOnes.get(level.target as object) ?? {})) {
      const subs = new Map<string, FieldSelection>();
      for (const selection of levelSelections) {
        const sub = selection.fields.has(field) ? selection.sub?.(field) : undefined;
        if (sub !== undefined) subs.set(sub.key, sub);
      }
      if (subs.size === 0) continue;
      const foreignKey = level.findColumnWithPropertyPath(relation.foreignKey);
      if (foreignKey === undefined) throw new Error(`${level.name} has no column ${relation.foreignKey}`);
      const target = level.connection.getMetadata(relation.target);
      const joinAlias = `joined_${joins.length}`;
      const selectionsOfTarget = [...subs.values()];
      joins.push({
        alias: joinAlias,
        target: relation.target,
        table: target.tableName,
        on: `"${joinAlias}"."id" = "${levelAlias}"."${foreignKey.databaseName}"`,
        reader: rowReader(target).select(unionOf(selectionsOfTarget)),
        loader: relation.loader,
        selections: selectionsOfTarget,
      });
      plan(target, joinAlias, selectionsOfTarget);
    }
  };
  plan(metadata, alias, selections);
  return joins;
}

/** The select-list tail of the joins: `, joined_0."name" AS "joined_0_name", …` (empty without joins). */
export function joinColumns(joins: readonly Join[]): string {
  return joins.map((join) => `, ${join.reader.columns(join.alias)}`).join('');
}

/** The FROM-clause tail of the joins, for hand-written statements. */
export function joinClauses(joins: readonly Join[]): string {
  return joins.map((join) => ` LEFT JOIN "${join.table}" "${join.alias}" ON ${join.on}`).join('');
}

/** Adds the joins and their columns to a query builder's statement. */
export function addJoins<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, joins: readonly Join[]): void {
  for (const join of joins) query.leftJoin(join.target, join.alias, join.on).addSelect(join.reader.columns(join.alias));
}

/** Primes each join's loader with the target rows of `raw` (rows read with the joins' columns). */
export function primeJoined(joins: readonly Join[], raw: ReadonlyArray<Record<string, unknown>>, peers: Peers): void {
  for (const join of joins) {
    const loader: unknown = (peers as Record<string, unknown>)[join.loader];
    if (!(loader instanceof DataLoader)) throw new Error(`No loader ${join.loader} to prime`);
    const primed = loader as DataLoader<RowKey, unknown, string>;
    const seen = new Set<string>();
    for (const row of raw) {
      const id = row[`${join.alias}_id`] as string | null; // pg gives bigint ids as strings
      // No target (a null key), or one the viewer may not see: its resolver asks its loader.
      if (id === null) continue;
      if (seen.has(id)) continue;
      seen.add(id);
      const entity = join.reader.entity<object>(row, join.alias);
      // prime keeps an entry already cached: a row read before stays the one answered.
      for (const selection of join.selections) primed.prime(rowKey(id, selection), entity);
    }
  }
}
