import { Role } from '../../src/common/role';
import { insertApiKey } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';
import { globalIdOf, rowIdOf } from '../helpers/global-ids';

const CREATE = `mutation($input: CreateActorInput!) {
  createActor(input: $input) { id name kind description aliases { name language } externalIds { system value } mergedInto { id } }
}`;
const SEARCH = `query($filter: ActorFilter, $first: Int, $after: String, $last: Int, $before: String) {
  actors(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id name }
  }
}`;

interface CreatedActor {
  id: string;
  name: string;
  kind: string;
  description: string | null;
  aliases: Array<{ name: string; language: string | null }>;
  externalIds: Array<{ system: string; value: string }>;
}
interface ActorPage {
  actors: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    nodes: Array<{ id: string; name: string }>;
  };
}

let app: TestApp;
const ids: Record<string, string> = {};

async function create(input: Record<string, unknown>, key?: string | null) {
  return app.gql<{ createActor: CreatedActor }>(CREATE, { input }, { key });
}

async function search(text: string, extra: Record<string, unknown> = {}) {
  const { data, errors } = await app.gql<ActorPage>(SEARCH, { filter: { search: text }, ...extra });
  expect(errors).toBeUndefined();
  return data!.actors;
}

beforeAll(async () => {
  app = await startTestApp();
  const actors: Array<[string, Record<string, unknown>]> = [
    ['khazali', { name: 'Qais al-Khazali', kind: 'PERSON' }],
    [
      'aah',
      {
        name: 'Asaib Ahl al-Haq',
        kind: 'ARMED_GROUP',
        aliases: [{ name: "Asa'ib Ahl al-Haqq", language: 'en' }, { name: 'AAH' }, { name: 'عصائب أهل الحق', language: 'ar' }],
      },
    ],
    ['sadr', { name: 'Muqtada al-Sadr', kind: 'PERSON', aliases: [{ name: 'Moqtada Sadr' }] }],
    ['salam', { name: 'Saraya al-Salam', kind: 'ARMED_GROUP', aliases: [{ name: 'سرايا السلام', language: 'ar' }] }],
    ['movement', { name: 'Sadrist movement', kind: 'POLITICAL_PARTY', aliases: [{ name: 'Patriotic Shiite Movement' }] }],
    ['allaq', { name: 'Hussein al-Allaq', kind: 'PERSON' }],
    ['alawi', { name: 'Wissam al-Alawi', kind: 'PERSON' }],
    ['haqq', { name: 'Haqq Party', kind: 'POLITICAL_PARTY' }],
  ];
  for (const [handle, input] of actors) {
    const { data, errors } = await create(input);
    expect(errors).toBeUndefined();
    ids[handle] = data!.createActor.id;
  }
});
afterAll(async () => {
  await app.close();
});

describe('createActor', () => {
  it('stores aliases with language tags (Arabic script included) and validated external ids', async () => {
    const { data, errors } = await create({
      name: '  Kata’ib   Hezbollah ',
      kind: 'ARMED_GROUP',
      description: 'An armed faction.',
      aliases: [{ name: 'كتائب حزب الله', language: 'ar' }, { name: 'KH' }, { name: 'KH' }],
      externalIds: [
        { system: 'Wikidata', value: 'Q1234567' },
        { system: 'acled-actor', value: 'kataib-hezbollah' },
      ],
    });
    expect(errors).toBeUndefined();
    expect(data!.createActor).toMatchObject({
      name: 'Kata’ib Hezbollah',
      kind: 'ARMED_GROUP',
      description: 'An armed faction.',
      aliases: [
        { name: 'كتائب حزب الله', language: 'ar' },
        { name: 'KH', language: null },
      ],
      externalIds: [
        { system: 'wikidata', value: 'Q1234567' },
        { system: 'acled-actor', value: 'kataib-hezbollah' },
      ],
      mergedInto: null,
    });
    const audit = await app.db.query(`SELECT operation FROM audit_log WHERE $1 = ANY(target_ids)`, [data!.createActor.id]);
    expect(audit).toEqual([{ operation: 'createActor' }]);
  });

  const refusals: Array<[string, Record<string, unknown>, string]> = [
    ['an empty name', { name: '', kind: 'PERSON' }, 'input.name'],
    ['a name of punctuation only', { name: ' -- ', kind: 'PERSON' }, 'input.name'],
    [
      'a malformed alias language',
      { name: 'X', kind: 'PERSON', aliases: [{ name: 'Y', language: 'Arabic!' }] },
      'input.aliases[0].language',
    ],
    [
      'a wikidata id that is not Q + digits',
      { name: 'X', kind: 'PERSON', externalIds: [{ system: 'wikidata', value: '12345' }] },
      'input.externalIds[0].value',
    ],
    [
      'a wikidata id with a space',
      { name: 'X', kind: 'PERSON', externalIds: [{ system: 'wikidata', value: 'Q 1' }] },
      'input.externalIds[0].value',
    ],
    [
      'an unknown system with a spaced value',
      { name: 'X', kind: 'PERSON', externalIds: [{ system: 'local', value: 'a b' }] },
      'input.externalIds[0].value',
    ],
    [
      'a system name with spaces',
      { name: 'X', kind: 'PERSON', externalIds: [{ system: 'my register', value: 'a' }] },
      'input.externalIds[0].system',
    ],
  ];
  it.each(refusals)('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_name, input, field) => {
    const before = await snapshotTables(app.db);
    const { errors } = await create(input);
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  it('refuses an external id another actor has with CONFLICT naming that actor, writing nothing', async () => {
    await create({ name: 'Holder', kind: 'OTHER', externalIds: [{ system: 'wikidata', value: 'Q777' }] });
    const before = await snapshotTables(app.db);
    const { errors } = await create({ name: 'Claimer', kind: 'OTHER', externalIds: [{ system: 'wikidata', value: 'Q777' }] });
    expect(errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.externalIds[0]' });
    expect(typeof errors?.[0].extensions?.actorId).toBe('string');
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  it('needs an editor key', async () => {
    const reader = await insertApiKey(app.db, Role.READER);
    expect((await create({ name: 'X', kind: 'PERSON' }, null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await create({ name: 'X', kind: 'PERSON' }, reader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('updateActor and aliases', () => {
  it('renames (the new name is searchable), changes kind, clears the description and replaces external ids', async () => {
    const { data: created } = await create({
      name: 'Old Name',
      kind: 'OTHER',
      description: 'x',
      externalIds: [{ system: 'viaf', value: '123' }],
    });
    const id = created!.createActor.id;
    const { data, errors } = await app.gql<{ updateActor: CreatedActor }>(
      `mutation($id: ID!, $input: UpdateActorInput!) { updateActor(id: $id, input: $input) { name kind description externalIds { system value } } }`,
      {
        id,
        input: { name: 'Zubayr Brigade', kind: 'ARMED_GROUP', description: null, externalIds: [{ system: 'wikidata', value: 'Q99' }] },
      },
    );
    expect(errors).toBeUndefined();
    expect(data!.updateActor).toEqual({
      name: 'Zubayr Brigade',
      kind: 'ARMED_GROUP',
      description: null,
      externalIds: [{ system: 'wikidata', value: 'Q99' }],
    });
    expect((await search('Zubair Brigade')).nodes.map((n) => n.id)).toContain(id);
    expect((await search('Old Name')).nodes.map((n) => n.id)).not.toContain(id);
  });

  it('adds an alias (then finds the actor by it), updates its language when added again, and removes it', async () => {
    const { data: created } = await create({ name: 'Badr Organization', kind: 'ARMED_GROUP' });
    const id = created!.createActor.id;
    const ADD = `mutation($id: ID!, $alias: AliasInput!) { addActorAlias(actorId: $id, alias: $alias) { aliases { name language } } }`;
    await app.gql(ADD, { id, alias: { name: 'Munazzamat Badr' } });
    const again = await app.gql<{ addActorAlias: { aliases: unknown[] } }>(ADD, {
      id,
      alias: { name: 'Munazzamat Badr', language: 'ar-Latn' },
    });
    expect(again.data!.addActorAlias.aliases).toEqual([{ name: 'Munazzamat Badr', language: 'ar-Latn' }]);
    expect((await search('munazamat badr')).nodes[0].id).toBe(id);
    const REMOVE = `mutation($id: ID!, $name: String!) { removeActorAlias(actorId: $id, name: $name) { aliases { name } } }`;
    const removed = await app.gql<{ removeActorAlias: { aliases: unknown[] } }>(REMOVE, { id, name: 'Munazzamat Badr' });
    expect(removed.data!.removeActorAlias.aliases).toEqual([]);
    const missing = await app.gql(REMOVE, { id, name: 'Munazzamat Badr' });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
  });

  it('answers NOT_FOUND for an actor that does not exist', async () => {
    const { errors } = await app.gql(`mutation($id: ID!) { addActorAlias(actorId: $id, alias: { name: "X" }) { id } }`, {
      id: globalIdOf('Actor', 999999),
    });
    expect(errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('actors(filter: {search})', () => {
  it.each([
    ['Asaib Ahl Al-Haq', 'aah'],
    ["Asa'ib Ahl al-Haqq", 'aah'],
    ['Asa’ib Ahl al-Haqq', 'aah'],
    ['asaʿib ahl al haq', 'aah'],
    ['AAH', 'aah'],
    ['عصائب أهل الحق', 'aah'],
    ['Moqtada Sadr', 'sadr'],
    ['Muqtada al-Sadr', 'sadr'],
    ['Muqtada Sadr', 'sadr'],
    ['Moqtada al-Sadr', 'sadr'],
    ['Khazaali', 'khazali'],
    ['Qais al-Khazali', 'khazali'],
    ['qays khazali', 'khazali'],
    ['Saraya as-Salam', 'salam'],
    ['سرايا السلام', 'salam'],
    ['Patriotic Shia Movement', 'movement'],
    ['Hussein Allaq', 'allaq'],
    ['Wisam Alawi', 'alawi'],
  ])('%j finds the actor first', async (text, handle) => {
    const result = await search(text);
    expect(result.nodes[0]?.id).toBe(ids[handle]);
  });

  it('finds the group by either spelling, and ranks the exact alias hit above a merely similar name', async () => {
    const result = await search("Asa'ib Ahl al-Haqq");
    expect(result.nodes[0].id).toBe(ids.aah);
    const haq = await search('Haqq');
    // "Haqq Party" contains the word exactly but "Asaib Ahl al-Haq" also matches it; both are found.
    expect(haq.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([ids.aah, ids.haqq]));
  });

  it('puts an exact name before an exact alias before a fuzzy match', async () => {
    const fuzzy = await create({ name: 'Jaysh al-Mahdi Brigades', kind: 'ARMED_GROUP' });
    const alias = await create({ name: 'Mahdi Army', kind: 'ARMED_GROUP', aliases: [{ name: 'Jaish al-Mahdi' }] });
    const name = await create({ name: 'Jaish al-Mahdi', kind: 'ARMED_GROUP' });
    expect((await search('Jaish al Mahdi')).nodes.slice(0, 3).map((n) => n.id)).toEqual([
      name.data!.createActor.id,
      alias.data!.createActor.id,
      fuzzy.data!.createActor.id,
    ]);
  });

  it('does not find unrelated actors', async () => {
    const result = await search('Khazaali');
    expect(result.nodes.map((n) => n.id)).not.toContain(ids.sadr);
    expect(result.totalCount).toBe(result.nodes.length);
  });

  it('pages through a ranked list with cursors, forward and backward, and combines with kind', async () => {
    for (let i = 0; i < 5; i += 1) await create({ name: `Sadr City Brigade ${i}`, kind: 'ARMED_GROUP' });
    const all = await search('Sadr', { first: 100 });
    expect(all.totalCount).toBe(all.nodes.length);
    expect(all.nodes.length).toBeGreaterThanOrEqual(7);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: ActorPage['actors'] = await search('Sadr', { first: 2, after });
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.nodes.map((n) => n.id));
    const back: string[] = [];
    let before: string | null = null;
    for (;;) {
      const page: ActorPage['actors'] = await search('Sadr', { last: 3, before });
      back.unshift(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasPreviousPage) break;
      before = page.pageInfo.startCursor;
    }
    expect(back).toEqual(seen);
    const people = await app.gql<ActorPage>(SEARCH, { filter: { search: 'Sadr', kind: 'PERSON' } });
    expect(people.data!.actors.nodes.map((n) => n.id)).toEqual([ids.sadr]);
  });

  it('keeps a ranked cursor valid while actors are added', async () => {
    const first = await search('Sadr', { first: 2 });
    await create({ name: 'Sadrist Trend Office', kind: 'ORGANIZATION' });
    const next = await search('Sadr', { first: 2, after: first.pageInfo.endCursor });
    expect(next.nodes.map((n) => n.id)).not.toContain(first.nodes[0].id);
    expect(next.nodes.map((n) => n.id)).not.toContain(first.nodes[1].id);
  });

  it('refuses a search with nothing to search for, and a cursor of another list', async () => {
    const empty = await app.gql(SEARCH, { filter: { search: ' - ' } });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.search' });
    const plain = await app.gql<ActorPage>(SEARCH, { first: 1 });
    const mixed = await app.gql(SEARCH, { filter: { search: 'Sadr' }, after: plain.data!.actors.pageInfo.endCursor });
    expect(mixed.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('actors without search', () => {
  it('lists actors by id and filters by kind', async () => {
    const { data } = await app.gql<ActorPage>(`{ actors(first: 100, filter: { kind: PERSON }) { totalCount nodes { id name } } }`);
    const nodes = data!.actors.nodes;
    expect(nodes.map((n) => n.id)).toEqual(expect.arrayContaining([ids.khazali, ids.sadr, ids.allaq, ids.alawi]));
    expect(nodes.map((n) => n.id)).not.toContain(ids.aah);
    const rowIds = nodes.map((n) => Number(rowIdOf(n.id)));
    expect(rowIds).toEqual([...rowIds].sort((x, y) => x - y));
  });
});
