import fc from 'fast-check';
import {
  GraphQLNonNull,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import type { TestApp } from './test-app';
import { globalIdOf, legacyGlobalIdOf } from './global-ids';
import type { NodeTypeName } from '../../src/common/global-id';

/** Every mutation of the schema, found from the schema itself so that new ones are covered. */
export function mutationsOf(schema: GraphQLSchema): Array<GraphQLField<unknown, unknown>> {
  return Object.values(schema.getMutationType()?.getFields() ?? {});
}

/** `mutation($a: T!, ...) { name(a: $a, ...) { __typename } }`: every argument as a variable. */
export function mutationDocument(field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isScalarType(unwrap(field.type)) || isEnumType(unwrap(field.type)) ? '' : ' { __typename }';
  return `mutation${variables ? `(${variables})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
}

function unwrap(type: unknown): unknown {
  let current = type as { ofType?: unknown };
  while (current.ofType !== undefined) current = current.ofType as { ofType?: unknown };
  return current;
}

/** The smallest variables GraphQL accepts: required arguments and fields only, plain values. */
export function minimalArgs(field: GraphQLField<unknown, unknown>): Record<string, unknown> {
  return Object.fromEntries(field.args.filter((arg) => isNonNullType(arg.type)).map((arg) => [arg.name, minimalValue(arg.type)]));
}

function minimalValue(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return minimalValue(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0].value;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(fields.map((f) => [f.name, minimalValue(f.type)]));
  }
  switch (type.name) {
    case 'Int':
    case 'Float':
      return 0;
    case 'Boolean':
      return false;
    case 'ID':
      return legacyGlobalIdOf('Nothing', 1);
    case 'Date':
      return '2026-01-01';
    case 'DateTime':
      return '2026-01-01T00:00:00Z';
    default:
      return 'x';
  }
}

/** Strings that have broken servers: empty, huge, NUL, lone surrogates, SQL, control and bidi characters. */
export function hostileString(options: { huge: boolean }): fc.Arbitrary<string> {
  const small = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      '\n\t',
      'a\u0000b',
      '\u0000',
      'a\uD800b',
      '\uDC00',
      '\uDBFF\uDBFF',
      'x\uFEFF',
      '\u202Egnp.exe',
      'e\u0301'.repeat(50),
    ),
    fc.constantFrom(
      "'; DROP TABLE claim; --",
      "' OR '1'='1",
      '1; SELECT pg_sleep(10)',
      '$1',
      '%_\\',
      "E'\\x00'",
      ':viewerOrganizationId',
      '${jndi:ldap://x}',
      '<script>alert(1)</script>',
      '../../etc/passwd',
    ),
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
  );
  if (!options.huge) return small;
  const huge = fc
    .tuple(fc.integer({ min: 10_000, max: 1_100_000 }), fc.constantFrom('x', 'Word. ', '🚀', 'é '))
    .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));
  return fc.oneof({ weight: 6, arbitrary: small }, { weight: 1, arbitrary: huge });
}

/** Ids: real ones of every type (including another organisation's private rows), wrong types, rows that do not exist, garbage. */
export function hostileId(realIds: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...realIds) },
    // Ids of rows that do not exist, in the current form.
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom<NodeTypeName>('Claim', 'Article', 'Sentence', 'Actor', 'Event', 'Source', 'Organization'),
          fc.bigInt(1n, 2n ** 63n - 1n),
        )
        .map(([type, rowId]) => globalIdOf(type, rowId)),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.constantFrom('Claim', 'Article', 'Sentence', 'Actor', 'Event', 'Source', 'Organization', 'ApiKey', 'Nothing', ''),
          fc.constantFrom('0', '-1', '1', '999999999', '99999999999999999999', '1e5', ' 1', '1;DROP TABLE claim', 'abc', ''),
        )
        .map(([type, rowId]) => legacyGlobalIdOf(type, rowId)),
    },
    { weight: 2, arbitrary: hostileString({ huge: false }) },
  );
}

function hostileValue(type: GraphQLInputType, realIds: string[], inList: boolean): fc.Arbitrary<unknown> {
  if (!isNonNullType(type)) {
    // Absent, null, or a value.
    return fc.oneof(
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 4, arbitrary: hostileValue(new GraphQLNonNull(type), realIds, inList) },
    );
  }
  const inner = type.ofType;
  if (isListType(inner)) {
    const item = hostileValue(inner.ofType, realIds, true);
    return fc.oneof(
      { weight: 5, arbitrary: fc.array(item, { maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(item, { minLength: 60, maxLength: 120 }) },
    );
  }
  if (isEnumType(inner)) return fc.constantFrom(...inner.getValues().map((value) => value.value as unknown));
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields());
    return fc.record(Object.fromEntries(fields.map((f) => [f.name, hostileValue(f.type, realIds, inList)]))).map(withoutUndefined);
  }
  switch (inner.name) {
    case 'Int':
      return fc.oneof(fc.constantFrom(-2147483648, -1, 0, 1, 2, 100, 101, 2147483647), fc.integer({ min: -5, max: 400 }));
    case 'Float':
      return fc.constantFrom(-1, 0, 0.5, 1, 1.0000001, 2, 1e308, -1e308);
    case 'Boolean':
      return fc.boolean();
    case 'ID':
      return hostileId(realIds);
    case 'Date':
    case 'DateTime':
      return fc.constantFrom(
        '2026-01-02',
        '2026-01-02T03:04:05Z',
        '0000-00-00',
        '9999-12-31',
        '2026-02-30',
        'yesterday',
        '',
        '1970-01-01T00:00:00+99:00',
      );
    default:
      return hostileString({ huge: !inList });
  }
}

function withoutUndefined(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

/** Variables for a mutation, each argument drawn from the hostile arbitraries of its type. */
export function hostileArgs(field: GraphQLField<unknown, unknown>, realIds: string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .record(Object.fromEntries(field.args.map((arg: GraphQLArgument) => [arg.name, hostileValue(arg.type, realIds, false)])))
    .map(withoutUndefined);
}

/** Rows in every table, in one statement: a refused request must leave all of them as they were. */
export async function countAllRows(app: TestApp): Promise<Record<string, number>> {
  const tables = await app.db.query<Array<{ name: string }>>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migration' ORDER BY tablename`,
  );
  const [row] = await app.db.query<Array<Record<string, number>>>(
    `SELECT ${tables.map(({ name }) => `(SELECT count(*)::int FROM "${name}") AS "${name}"`).join(', ')}`,
  );
  return row;
}
