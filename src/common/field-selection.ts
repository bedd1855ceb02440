import { getNamedType, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * GraphQL lookahead: which fields a query selects on the objects a field returns, so the list
 * layer and the loaders read only the columns behind them (src/common/row-reader.ts). For a
 * connection, the fields of its nodes (`nodes { … }` and `edges { node { … } }`). Fragments and
 * inline fragments are followed whatever their type condition, and @skip/@include are ignored:
 * the selection may be larger than what executes, never smaller.
 */
export interface FieldSelection {
  /** Names the selection in loader keys and caches: the sorted field names. */
  key: string;
  fields: ReadonlySet<string>;
  /**
   * The selection of the object field `field` selected here, the same (same key) as
   * selectedFields gives when that field's resolver runs, so a statement that joins the field's
   * row can prime the loader the resolver will ask (to-one.ts); undefined when that cannot be
   * told (the field is selected under two aliases, or differently under `nodes` and `edges`).
   * Only lookahead selections have it.
   */
  readonly sub?: (field: string) => FieldSelection | undefined;
}

/** Every column: for reads outside GraphQL (exports, mutations) and loads that give no selection. */
export const ALL_FIELDS: FieldSelection = { key: '*', fields: new Set() };

/**
 * The selection sets one resolution merges: graphql-js resolves an object's fields from all the
 * field nodes of one response key, so a field's resolver sees the sub-fields of all of them.
 */
type Group = readonly SelectionSetNode[];
type Fragments = GraphQLResolveInfo['fragments'];

// Sibling resolutions (every item of a list) share one fieldNodes array: worked out once per array.
const selections = new WeakMap<readonly FieldNode[], FieldSelection>();
// A field resolved from one field node (the usual case) is worked out once per node and return
// type: Apollo keeps one parsed document per query text, so a repeated query finds its nodes here.
const singleNodeSelections = new WeakMap<FieldNode, Map<string, FieldSelection>>();

export function selectedFields(info: GraphQLResolveInfo): FieldSelection {
  let selection = selections.get(info.fieldNodes);
  if (selection === undefined) {
    const typeName = getNamedType(info.returnType).name;
    const single = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
    let byType = single === undefined ? undefined : singleNodeSelections.get(single);
    selection = byType?.get(typeName);
    if (selection === undefined) {
      const own = info.fieldNodes.flatMap((node) => (node.selectionSet === undefined ? [] : [node.selectionSet]));
      const connection = typeName.endsWith('Connection');
      selection = selectionOf(connection ? connectionNodeGroups(own, info.fragments) : [own], info.fragments);
      if (single !== undefined) {
        if (byType === undefined) singleNodeSelections.set(single, (byType = new Map<string, FieldSelection>()));
        byType.set(typeName, selection);
      }
    }
    selections.set(info.fieldNodes, selection);
  }
  return selection;
}

/** A connection's nodes are resolved once per response key of `nodes` and of `edges { node }`. */
function connectionNodeGroups(own: Group, fragments: Fragments): Group[] {
  const groups = [...subGroups(own, 'nodes', fragments)];
  for (const edges of subGroups(own, 'edges', fragments)) groups.push(...subGroups(edges, 'node', fragments));
  return groups;
}

/** The groups of the fields named `name` in `group`, one per response key (alias ?? name). */
function subGroups(group: Group, name: string, fragments: Fragments): Group[] {
  const byResponseKey = new Map<string, SelectionSetNode[]>();
  for (const set of group) {
    forEachField(set, fragments, (field) => {
      if (field.name.value !== name || field.selectionSet === undefined) return;
      const responseKey = field.alias?.value ?? name;
      byResponseKey.set(responseKey, [...(byResponseKey.get(responseKey) ?? []), field.selectionSet]);
    });
  }
  return [...byResponseKey.values()];
}

function selectionOf(groups: readonly Group[], fragments: Fragments): FieldSelection {
  const names = new Set<string>();
  for (const group of groups) for (const set of group) forEachField(set, fragments, (field) => names.add(field.name.value));
  const subs = new Map<string, FieldSelection | undefined>();
  return {
    key: [...names].sort().join(','),
    fields: names,
    sub(field) {
      if (!subs.has(field)) subs.set(field, subSelection(groups, field, fragments));
      return subs.get(field);
    },
  };
}

function subSelection(groups: readonly Group[], field: string, fragments: Fragments): FieldSelection | undefined {
  const found: Group[] = [];
  for (const group of groups) {
    const fieldGroups = subGroups(group, field, fragments);
    // Two aliases: two resolutions, each with its own selection; not worth telling apart.
    if (fieldGroups.length > 1) return undefined;
    found.push(...fieldGroups);
  }
  if (found.length === 0) return undefined;
  const keys = new Set(found.map((group) => selectionOf([group], fragments).key));
  return keys.size === 1 ? selectionOf(found, fragments) : undefined;
}

function forEachField(set: SelectionSetNode, fragments: Fragments, visit: (field: FieldNode) => void, seen = new Set<string>()): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) forEachField(selection.selectionSet, fragments, visit, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment !== undefined) forEachField(fragment.selectionSet, fragments, visit, seen);
    }
  }
}

/** The union of selections: every column when one of them asks for every column. */
export function unionOf(selections: readonly FieldSelection[]): FieldSelection {
  if (selections.some((selection) => selection === ALL_FIELDS)) return ALL_FIELDS;
  if (selections.length === 1) return selections[0];
  const fields = new Set(selections.flatMap((selection) => [...selection.fields]));
  return { key: [...fields].sort().join(','), fields };
}

/**
 * What each GraphQL field of an entity's type reads, where it is not a column of the same name:
 * a field resolver's foreign key (`source` reads `sourceId`), or nothing beyond the id (`[]`).
 * A field neither a column nor declared here makes a read take every column: forgetting a
 * declaration costs speed, never a wrong answer.
 */
const fieldColumns = new Map<object, Record<string, readonly string[]>>();

export function declareFieldColumns(entity: object, fields: Record<string, readonly string[]>): void {
  fieldColumns.set(entity, { ...fieldColumns.get(entity), ...fields });
}

export function declaredFieldColumns(entity: object): Record<string, readonly string[]> {
  return fieldColumns.get(entity) ?? {};
}

/** A fixed selection, for a read that needs only these fields (e.g. `publishedAt` of an article). */
export function fieldsNamed(...names: string[]): FieldSelection {
  return { key: [...names].sort().join(','), fields: new Set(names) };
}
