import { Role } from '../../src/common/role';
import { insertApiKey, insertClaim, rowIdOf } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';
import { expectMoreRowsAtEveryLevel } from '../helpers/rows-returned';
import { globalIdOf } from '../helpers/global-ids';

let app: TestApp;
let victim: string;
let group: string;

const CREATE = `mutation($input: CreateEventInput!) {
  createEvent(input: $input) {
    id type subType description date endDate datePrecision fatalities
    place { name admin1 admin2 country latitude longitude geonamesId }
    participants { role actor { id name } }
  }
}`;
const LIST = `query($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } }
}`;

interface EventPage {
  events: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: Array<{ id: string }> };
}

async function createActor(name: string, kind: string): Promise<string> {
  const { data } = await app.gql<{ createActor: { id: string } }>(
    `mutation($input: CreateActorInput!) { createActor(input: $input) { id } }`,
    {
      input: { name, kind },
    },
  );
  return data!.createActor.id;
}

async function create(input: Record<string, unknown>, key?: string | null) {
  return app.gql<{ createEvent: { id: string } & Record<string, unknown> }>(CREATE, { input }, { key });
}

const amarah = { name: 'Amarah', admin1: 'Maysan', country: 'IQ', latitude: 31.84, longitude: 47.14 };

function killing(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'VIOLENCE_AGAINST_CIVILIANS',
    subType: 'Attack',
    description: 'A Sadrist figure was shot dead in central Amarah by unidentified gunmen.',
    date: '2026-01-02',
    datePrecision: 'DAY',
    place: amarah,
    participants: [{ actorId: victim, role: 'VICTIM' }],
    fatalities: 1,
    ...overrides,
  };
}

beforeAll(async () => {
  app = await startTestApp();
  victim = await createActor('Hussein al-Allaq', 'PERSON');
  group = await createActor('Saraya al-Salam', 'ARMED_GROUP');
});
afterAll(async () => {
  await app.close();
});

describe('eventTypes', () => {
  it('serves the six ACLED event types with their sub-types and definitions', async () => {
    const { data } = await app.gql<{
      eventTypes: Array<{ type: string; subTypes: string[]; description: string; subTypeDefinitions: unknown[] }>;
    }>(`{ eventTypes { type subTypes description subTypeDefinitions { name description } } }`);
    const types = data!.eventTypes;
    expect(types.map((t) => t.type).sort()).toEqual(
      ['BATTLES', 'EXPLOSIONS_REMOTE_VIOLENCE', 'PROTESTS', 'RIOTS', 'STRATEGIC_DEVELOPMENTS', 'VIOLENCE_AGAINST_CIVILIANS'].sort(),
    );
    const subTypes = Object.fromEntries(types.map((t) => [t.type, t.subTypes]));
    expect(subTypes.BATTLES).toEqual(['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory']);
    expect(subTypes.VIOLENCE_AGAINST_CIVILIANS).toEqual(['Sexual violence', 'Attack', 'Abduction/forced disappearance']);
    expect(subTypes.EXPLOSIONS_REMOTE_VIOLENCE).toHaveLength(6);
    expect(subTypes.STRATEGIC_DEVELOPMENTS).toHaveLength(8);
    for (const type of types) {
      expect(type.description.length).toBeGreaterThan(10);
      expect(type.subTypeDefinitions).toHaveLength(type.subTypes.length);
    }
  });
});

describe('createEvent', () => {
  it('stores the coding, place, participants and fatalities', async () => {
    const { data, errors } = await create(
      killing({
        subType: 'attack',
        participants: [
          { actorId: victim, role: 'VICTIM' },
          { actorId: victim, role: 'VICTIM' },
        ],
      }),
    );
    expect(errors).toBeUndefined();
    expect(data!.createEvent).toMatchObject({
      type: 'VIOLENCE_AGAINST_CIVILIANS',
      subType: 'Attack', // the codebook's spelling
      date: '2026-01-02',
      endDate: null,
      datePrecision: 'DAY',
      fatalities: 1,
      place: { ...amarah, admin2: null, geonamesId: null },
      participants: [{ role: 'VICTIM', actor: { id: victim, name: 'Hussein al-Allaq' } }],
    });
    const audit = await app.db.query(`SELECT operation FROM audit_log WHERE $1 = ANY(target_ids)`, [data!.createEvent.id]);
    expect(audit).toEqual([{ operation: 'createEvent' }]);
  });

  it('reuses an identical place row and links the reporting claims', async () => {
    const claim = await insertClaim(app.db);
    const places = (await app.rowCounts()).place;
    const { data, errors } = await create(killing({ claimIds: [claim, claim] }));
    expect(errors).toBeUndefined();
    expect((await app.rowCounts()).place).toBe(places);
    const links = await app.db.query(`SELECT claim_id::text FROM claim_event WHERE event_id = $1`, [rowIdOf(data!.createEvent.id)]);
    expect(links).toEqual([{ claim_id: rowIdOf(claim) }]);
  });

  it('accepts a vague date (UNKNOWN without a date, YEAR with one) and a span with an end date', async () => {
    const unknown = await create(
      killing({ date: null, datePrecision: 'UNKNOWN', place: { name: 'Maysan', admin1: 'Maysan', country: 'IQ' } }),
    );
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.createEvent).toMatchObject({ date: null, datePrecision: 'UNKNOWN' });
    const year = await create(killing({ date: '2019-01-01', datePrecision: 'YEAR' }));
    expect(year.data!.createEvent).toMatchObject({ date: '2019-01-01', datePrecision: 'YEAR' });
    const span = await create({
      type: 'PROTESTS',
      subType: 'Peaceful protest',
      date: '2026-01-03',
      endDate: '2026-01-05',
      datePrecision: 'DAY',
    });
    expect(span.data!.createEvent).toMatchObject({ date: '2026-01-03', endDate: '2026-01-05' });
  });

  describe('refuses bad input with BAD_USER_INPUT (an id of nothing: NOT_FOUND) naming the field, and writes nothing', () => {
    const cases: Array<[string, () => Record<string, unknown>, string, string?]> = [
      ['a sub-type of another type', () => killing({ subType: 'Armed clash' }), 'input.subType'],
      ['a sub-type not in the codebook', () => killing({ subType: 'Drive-by shooting' }), 'input.subType'],
      ['a latitude above 90', () => killing({ place: { ...amarah, latitude: 91 } }), 'input.place.latitude'],
      ['a longitude below -180', () => killing({ place: { ...amarah, longitude: -180.5 } }), 'input.place.longitude'],
      ['a lowercase country code', () => killing({ place: { ...amarah, country: 'iq' } }), 'input.place.country'],
      ['a three-letter country code', () => killing({ place: { ...amarah, country: 'IRQ' } }), 'input.place.country'],
      ['a GeoNames id with letters', () => killing({ place: { ...amarah, geonamesId: 'gn-99' } }), 'input.place.geonamesId'],
      ['a place without a name', () => killing({ place: { ...amarah, name: '' } }), 'input.place.name'],
      ['30 February', () => killing({ date: '2026-02-30' }), 'input.date'],
      ['a date that is not a date', () => killing({ date: 'last Friday' }), 'input.date'],
      ['an end date before the date', () => killing({ endDate: '2026-01-01' }), 'input.endDate'],
      ['an end date without a date', () => killing({ date: null, datePrecision: 'UNKNOWN', endDate: '2026-01-01' }), 'input.endDate'],
      ['a DAY precision without a date', () => killing({ date: null }), 'input.date'],
      ['negative fatalities', () => killing({ fatalities: -1 }), 'input.fatalities'],
      [
        'an unknown participant',
        () => killing({ participants: [{ actorId: globalIdOf('Actor', 987654), role: 'VICTIM' }] }),
        'input.participants[0].actorId',
        'NOT_FOUND',
      ],
      [
        'a participant id of another type',
        () => killing({ participants: [{ actorId: globalIdOf('Event', 1), role: 'VICTIM' }] }),
        'input.participants[0].actorId',
      ],
      ['a claim that does not exist', () => killing({ claimIds: [globalIdOf('Claim', 987654)] }), 'input.claimIds[0]', 'NOT_FOUND'],
    ];
    it.each(cases)('%s', async (_name, input, field, code = 'BAD_USER_INPUT') => {
      const before = await snapshotTables(app.db);
      const { data, errors } = await create(input());
      expect(data ?? null).toBeNull();
      expect(errors?.[0].extensions).toMatchObject({ code, field });
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it("another organisation's private claim is refused as if it did not exist", async () => {
      const [{ id: otherOrg }] = await app.db.query(`INSERT INTO organization (name) VALUES ('Event partner') RETURNING id::text`);
      const privateClaim = await insertClaim(app.db, { visibility: 'ORGANIZATION', organizationId: otherOrg });
      const before = await snapshotTables(app.db);
      const { errors } = await create(killing({ claimIds: [privateClaim] }));
      expect(errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.claimIds[0]' });
      expect(errors?.[0].message).toBe('Claim not found');
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('a reader key is FORBIDDEN', async () => {
      const reader = await insertApiKey(app.db, Role.READER);
      expect((await create(killing(), reader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });
  });
});

describe('updateEvent', () => {
  const UPDATE = `mutation($id: ID!, $input: UpdateEventInput!) {
    updateEvent(id: $id, input: $input) { type subType description date datePrecision fatalities place { name } participants { role actor { id } } }
  }`;

  it('changes only the fields given, clears explicit nulls, replaces participants and moves to another place', async () => {
    const { data: created } = await create(killing());
    const id = created!.createEvent.id;
    const { data, errors } = await app.gql<{ updateEvent: Record<string, unknown> }>(UPDATE, {
      id,
      input: {
        fatalities: null,
        place: { name: 'Qalat Salih', admin1: 'Maysan', country: 'IQ' },
        participants: [{ actorId: group, role: 'PERPETRATOR' }],
      },
    });
    expect(errors).toBeUndefined();
    expect(data!.updateEvent).toMatchObject({
      type: 'VIOLENCE_AGAINST_CIVILIANS',
      subType: 'Attack',
      date: '2026-01-02',
      fatalities: null,
      place: { name: 'Qalat Salih' },
      participants: [{ role: 'PERPETRATOR', actor: { id: group } }],
    });
  });

  it('checks the coding as a whole: a new type must fit the stored sub-type', async () => {
    const { data: created } = await create(killing());
    const before = await app.rowCounts();
    const unchanged = await snapshotTables(app.db);
    const { errors } = await app.gql(UPDATE, { id: created!.createEvent.id, input: { type: 'RIOTS' } });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.subType' });
    expect(await snapshotTables(app.db)).toEqual(unchanged);
    const ok = await app.gql<{ updateEvent: Record<string, unknown> }>(UPDATE, {
      id: created!.createEvent.id,
      input: { type: 'RIOTS', subType: 'Mob violence' },
    });
    expect(ok.data!.updateEvent).toMatchObject({ type: 'RIOTS', subType: 'Mob violence' });
    expect((await app.rowCounts()).event).toBe(before.event);
  });

  it('answers NOT_FOUND for an event that does not exist', async () => {
    const { errors } = await app.gql(UPDATE, { id: globalIdOf('Event', 987654), input: { fatalities: 2 } });
    expect(errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });
});

describe('events(filter) and Actor.events', () => {
  let a: string;
  let b: string;
  let c: string;
  let actor: string;

  beforeAll(async () => {
    actor = await createActor('Wissam al-Alawi', 'PERSON');
    const make = async (input: Record<string, unknown>) => (await create(input)).data!.createEvent.id;
    a = await make({
      type: 'RIOTS',
      subType: 'Mob violence',
      description: 'Supporters set fire to the council chairman’s office.',
      date: '2025-12-30',
      datePrecision: 'DAY',
      place: { name: 'Amarah', admin1: 'Maysan', admin2: 'Amarah District', country: 'IQ' },
      participants: [
        { actorId: actor, role: 'TARGET' },
        { actorId: actor, role: 'PARTICIPANT' },
      ],
    });
    b = await make({
      type: 'VIOLENCE_AGAINST_CIVILIANS',
      subType: 'Attack',
      description: 'An office manager was assassinated.',
      date: '2026-01-10',
      datePrecision: 'DAY',
      place: { name: 'Basra', admin1: 'Basra', country: 'IQ' },
      participants: [{ actorId: actor, role: 'VICTIM' }],
    });
    c = await make({
      type: 'PROTESTS',
      subType: 'Peaceful protest',
      date: '2026-02-01',
      datePrecision: 'MONTH',
      place: { name: 'Kut', admin1: 'Wasit', country: 'IQ' },
    });
  });

  async function ids(filter: Record<string, unknown>): Promise<string[]> {
    const { data, errors } = await app.gql<EventPage>(LIST, { filter, first: 100 });
    expect(errors).toBeUndefined();
    expect(data!.events.totalCount).toBe(data!.events.nodes.length);
    return data!.events.nodes.map((n) => n.id);
  }

  it('filters by type, actor, date range, place (name, province or district, any case) and description words', async () => {
    expect(await ids({ type: 'RIOTS' })).toEqual(expect.arrayContaining([a]));
    expect(await ids({ type: 'RIOTS' })).not.toContain(b);
    expect(await ids({ actorId: actor })).toEqual([a, b]);
    expect(await ids({ actorId: actor, from: '2026-01-01' })).toEqual([b]);
    expect(await ids({ from: '2025-12-30', to: '2025-12-30' })).toEqual([a]);
    expect(await ids({ place: 'amarah district' })).toEqual([a]);
    expect(await ids({ place: 'WASIT' })).toEqual([c]);
    expect(await ids({ place: 'basra', actorId: actor })).toEqual([b]);
    expect(await ids({ search: 'assassinated' })).toEqual([b]);
    expect(await ids({ search: 'fire office' })).toEqual([a]);
  });

  it('Actor.events lists each event once, however many roles the actor had, with a total', async () => {
    const { data } = await app.gql<{
      node: { events: { totalCount: number; nodes: Array<{ id: string }>; pageInfo: { hasNextPage: boolean } } };
    }>(`query($id: ID!) { node(id: $id) { ... on Actor { events(first: 1) { totalCount pageInfo { hasNextPage } nodes { id } } } } }`, {
      id: actor,
    });
    expect(data!.node.events).toEqual({ totalCount: 2, pageInfo: { hasNextPage: true }, nodes: [{ id: a }] });
  });

  it('nested Actor.events costs the same number of statements for 1 or 100 actors', async () => {
    const query = `query($n: Int) { actors(first: $n) { nodes { events(first: 5) { totalCount nodes { type participants { role actor { name } } place { name } } } } } }`;
    const small = await app.gql(query, { n: 1 });
    const large = await app.gql(query, { n: 100 });
    expect(large.errors).toBeUndefined();
    expectMoreRowsAtEveryLevel(small.data, large.data, [
      'actors.nodes',
      'actors.nodes.events.nodes',
      'actors.nodes.events.nodes.participants',
    ]);
    expect(large.extensions?.sqlStatements).toBe(small.extensions?.sqlStatements);
  });

  it('refuses a malformed actor id in the filter', async () => {
    const { errors } = await app.gql(LIST, { filter: { actorId: 'nope' } });
    expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.actorId' });
  });
});
