import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  OperationTypeNode,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { badInput } from './errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection';

/** What the pre-execution checks learn about an operation, in one walk over its document. */
export interface OperationMeasure {
  /** Deepest field nesting, fragments followed; introspection fields do not count. */
  depth: number;
  /** Field selections once fragments are expanded (a spread counts its fragment's every time). */
  selections: number;
  /** Estimated cost (fieldCost), fragments expanded. */
  cost: number;
  /** Fields at the root of the operation, fragments expanded (mutations are capped by this). */
  rootFields: number;
  /** Selection nodes the walk visited: at most the document's, whatever its fragments multiply to. */
  steps: number;
}

/** A plain list field (not a connection) is assumed to hold about this many items. */
const ASSUMED_LIST_LENGTH = 10;

/**
 * A connection's `totalCount` runs a COUNT over every matching row, not one page: it costs as
 * much as the largest page, so `first: 0` cannot buy counts for free.
 */
export const TOTAL_COUNT_COST = MAX_PAGE_SIZE;

export interface FieldCostArgs {
  parentType: GraphQLCompositeType;
  field: GraphQLField<unknown, unknown>;
  args: Record<string, unknown>;
  childCost: number;
  /** `totalCount` selections directly inside this field (a connection's). */
  childCounts: number;
}

/**
 * What a field costs: leaves are free (but `totalCount`), each object costs 1, and a list or
 * connection costs its children once per item it may return (`first`/`last`, `ids`, else an
 * assumed length). So `articles(first: 100) { sentences(first: 100) { text } }` costs about 100 × 100.
 */
export function fieldCost({ parentType, field, args, childCost, childCounts }: FieldCostArgs): number {
  const isInConnection = parentType.name.endsWith('Connection');
  if (isLeafType(getNamedType(field.type))) return 0;
  // A connection already counts its page; its `edges` and `nodes` lists are that same page.
  if (isInConnection) return childCost;
  const isConnection = getNamedType(field.type).name.endsWith('Connection');
  const pageSize = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : undefined;
  // Every item of a page costs at least 1, even when it selects only leaves.
  if (isConnection) return 1 + childCounts * TOTAL_COUNT_COST + (pageSize ?? DEFAULT_PAGE_SIZE) * Math.max(1, childCost);
  if (isListType(getNullableType(field.type))) {
    const length = Array.isArray(args.ids) ? args.ids.length : ASSUMED_LIST_LENGTH;
    return 1 + length * Math.max(1, childCost);
  }
  return 1 + childCost;
}

interface Measure {
  depth: number;
  selections: number;
  cost: number;
  fields: number;
  counts: number;
}

const NOTHING: Measure = { depth: 0, selections: 0, cost: 0, fields: 0, counts: 0 };

/**
 * Measures an operation of a validated document in time linear in the document's size: each
 * fragment is measured once and its measure reused at every spread, so a chain of fragments
 * that each spread the previous twice costs one walk, not 2^k (the numbers it reports may still
 * be 2^k, and are then refused). Arguments are read with the request's variables; variables
 * that do not fit their types are left for execution to refuse.
 */
export function measureOperation(
  schema: GraphQLSchema,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): OperationMeasure {
  const memo = new Map<string, Measure>();
  let steps = 0;

  const included = (node: FieldNode | SelectionSetNode['selections'][number]): boolean => {
    if (node.directives === undefined || node.directives.length === 0) return true;
    try {
      if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
      return getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
    } catch {
      return true;
    }
  };

  const measureField = (node: FieldNode, parentType: GraphQLCompositeType, introspection: boolean): Measure => {
    const field = fieldDefinition(schema, parentType, node.name.value);
    const inIntrospection = introspection || node.name.value.startsWith('__');
    if (field === undefined) return { depth: 0, selections: 1, cost: 0, fields: 1, counts: 0 };
    const childType = getNamedType(field.type);
    const child =
      node.selectionSet !== undefined && isCompositeType(childType) ? measureSet(node.selectionSet, childType, inIntrospection) : NOTHING;
    if (inIntrospection) return { depth: 0, selections: 1 + child.selections, cost: 0, fields: 1, counts: 0 };
    const args = argumentsOf(field, node, variables);
    return {
      depth: 1 + child.depth,
      selections: 1 + child.selections,
      cost: fieldCost({ parentType, field, args, childCost: child.cost, childCounts: child.counts }),
      fields: 1,
      counts: field.name === 'totalCount' && parentType.name.endsWith('Connection') ? 1 : 0,
    };
  };

  const measureFragment = (name: string, introspection: boolean): Measure => {
    const key = `${introspection ? '?' : ''}${name}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, NOTHING); // a cycle (refused by validation anyway) ends here
    const fragment = fragments.get(name);
    const type = fragment === undefined ? undefined : schema.getType(fragment.typeCondition.name.value);
    const measure = fragment !== undefined && isCompositeType(type) ? measureSet(fragment.selectionSet, type, introspection) : NOTHING;
    memo.set(key, measure);
    return measure;
  };

  function measureSet(selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, introspection: boolean): Measure {
    let depth = 0;
    let selections = 0;
    let fields = 0;
    let counts = 0;
    let commonCost = 0;
    // On an abstract type, fragments on different object types never apply together: the
    // costliest one counts, not their sum.
    const costByObjectType = new Map<string, number>();
    const add = (measure: Measure, typeName: string | undefined) => {
      depth = Math.max(depth, measure.depth);
      selections += measure.selections;
      fields += measure.fields;
      counts += measure.counts;
      if (typeName === undefined || typeName === parentType.name || !isAbstractType(parentType)) commonCost += measure.cost;
      else costByObjectType.set(typeName, (costByObjectType.get(typeName) ?? 0) + measure.cost);
    };
    for (const selection of selectionSet.selections) {
      steps += 1;
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        add(measureField(selection, parentType, introspection), undefined);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition === undefined ? parentType : schema.getType(selection.typeCondition.name.value);
        if (isCompositeType(type)) add(measureSet(selection.selectionSet, type, introspection), objectTypeName(type));
      } else {
        const type = schema.getType(fragments.get(selection.name.value)?.typeCondition.name.value ?? '');
        add(measureFragment(selection.name.value, introspection), isCompositeType(type) ? objectTypeName(type) : undefined);
      }
    }
    return { depth, selections, fields, counts, cost: commonCost + Math.max(0, ...costByObjectType.values()) };
  }

  const rootType = rootTypeOf(schema, operation);
  if (rootType === undefined) return { depth: 0, selections: 0, cost: 0, rootFields: 0, steps };
  const measure = measureSet(operation.selectionSet, rootType, false);
  return { depth: measure.depth, selections: measure.selections, cost: measure.cost, rootFields: measure.fields, steps };
}

function objectTypeName(type: GraphQLCompositeType): string | undefined {
  return isObjectType(type) ? type.name : undefined;
}

function rootTypeOf(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLCompositeType | undefined {
  const type =
    operation.operation === OperationTypeNode.QUERY
      ? schema.getQueryType()
      : operation.operation === OperationTypeNode.MUTATION
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  return type ?? undefined;
}

function fieldDefinition(
  schema: GraphQLSchema,
  parentType: GraphQLCompositeType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === TypeNameMetaFieldDef.name) return TypeNameMetaFieldDef;
  if (parentType === schema.getQueryType()) {
    if (name === SchemaMetaFieldDef.name) return SchemaMetaFieldDef;
    if (name === TypeMetaFieldDef.name) return TypeMetaFieldDef;
  }
  return 'getFields' in parentType ? parentType.getFields()[name] : undefined;
}

/**
 * A field's arguments with the request's variables. Page sizes are checked here, before any
 * cost is estimated, so that `first: 101` and `first: 1000000` answer alike (BAD_USER_INPUT)
 * and a negative page cannot lower a query's cost.
 */
function argumentsOf(field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): Record<string, unknown> {
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
  for (const name of ['first', 'last'] as const) {
    const size = args[name];
    if (typeof size === 'number' && (size < 0 || size > MAX_PAGE_SIZE) && getNamedType(field.type).name.endsWith('Connection')) {
      const error = badInput(
        name,
        `Invalid ${name}: ${name} must be between 0 and ${MAX_PAGE_SIZE}; page through the rest with after/before`,
      );
      error.extensions.http = { status: 400 };
      throw error;
    }
  }
  return args;
}
