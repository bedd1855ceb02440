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
}

/** Every column: for reads outside GraphQL (exports, mutations) and loads that give no selection. */
export const ALL_FIELDS: FieldSelection = { key: '*', fields: new Set() };

// Sibling resolutions (every item of a list) share one fieldNodes array: worked out once per array.
const selections = new WeakMap<readonly FieldNode[], FieldSelection>();

export function selectedFields(info: GraphQLResolveInfo): FieldSelection {
  let selection = selections.get(info.fieldNodes);
  if (selection === undefined) {
    const connection = getNamedType(info.returnType).name.endsWith('Connection');
    const names = new Set<string>();
    for (const node of info.fieldNodes) {
      if (node.selectionSet === undefined) continue;
      if (connection) collectConnectionNodeFields(node.selectionSet, info, names);
      else collectFields(node.selectionSet, info, names);
    }
    selection = { key: [...names].sort().join(','), fields: names };
    selections.set(info.fieldNodes, selection);
  }
  return selection;
}

function collectConnectionNodeFields(set: SelectionSetNode, info: GraphQLResolveInfo, names: Set<string>): void {
  forEachField(set, info, (field) => {
    if (field.selectionSet === undefined) return;
    if (field.name.value === 'nodes') collectFields(field.selectionSet, info, names);
    if (field.name.value === 'edges') {
      forEachField(field.selectionSet, info, (edgeField) => {
        if (edgeField.name.value === 'node' && edgeField.selectionSet !== undefined) collectFields(edgeField.selectionSet, info, names);
      });
    }
  });
}

function collectFields(set: SelectionSetNode, info: GraphQLResolveInfo, names: Set<string>): void {
  forEachField(set, info, (field) => {
    names.add(field.name.value);
  });
}

function forEachField(set: SelectionSetNode, info: GraphQLResolveInfo, visit: (field: FieldNode) => void, seen = new Set<string>()): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) visit(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT) forEachField(selection.selectionSet, info, visit, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      const fragment = info.fragments[selection.name.value];
      if (fragment !== undefined) forEachField(fragment.selectionSet, info, visit, seen);
    }
  }
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
