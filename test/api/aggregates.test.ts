import { insertActor, insertClaim, insertEvent } from '../helpers/factories';
import { createPartnerKey, type CreatedKey } from '../helpers/keys';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { rowIdOf } from '../helpers/global-ids';

let app: TestApp;
let partner: CreatedKey;

interface Bucket {
  key: string | null;
  label: string;
  count: number;
  actor: { id: string; name: string } | null;
}

beforeAll(async () => {
  app = await startTestApp();
  partner = await createPartnerKey(app, 'Counting Partner', 'EDITOR');
  const [{ id: partnerOrg }] = await app.db.query(`SELECT id::text FROM organization WHERE name = 'Counting Partner'`);
  const actors = [
    await insertActor(app.db, 'Speaker One'),
    await insertActor(app.db, 'Speaker Two'),
    await insertActor(app.db, 'Speaker Three'),
  ];
  const [maysan] = await app.db.query(`INSERT INTO place (name, admin1, country) VALUES ('Amarah', 'Maysan', 'IQ') RETURNING id`);
  const [basra] = await app.db.query(`INSERT INTO place (name, admin1, country) VALUES ('Basra city', 'Basra', 'IQ') RETURNING id`);
  const events = [
    ['PROTESTS', '2026-01-03', maysan.id],
    ['PROTESTS', '2026-01-20', basra.id],
    ['BATTLES', '2026-02-01', maysan.id],
    ['RIOTS', null, null],
    ['PROTESTS', '2025-12-31', maysan.id],
    ['BATTLES', '2026-02-14', null],
  ] as const;
  for (const [i, [type, date, placeId]] of events.entries()) {
    const event = await insertEvent(app.db, type, date as string);
    await app.db.query(`UPDATE event SET place_id = $2, description = $3 WHERE id = $1`, [
      event.rowId,
      placeId,
      `Event number ${i} of the test`,
    ]);
    if (i % 2 === 0)
      await app.db.query(`INSERT INTO event_participant (event_id, actor_id, role) VALUES ($1, $2, 'PARTICIPANT')`, [
        event.rowId,
        actors[0].rowId,
      ]);
  }
  const plan = [
    { claimant: 0, status: 'ACCEPTED', kind: 'STATEMENT' },
    { claimant: 0, status: 'PROPOSED', kind: 'STATEMENT' },
    { claimant: 1, status: 'ACCEPTED', kind: 'DENIAL' },
    { claimant: null, status: 'REJECTED', kind: 'REPORT' },
    { claimant: 2, status: 'PROPOSED', kind: 'ALLEGATION' },
    { claimant: 0, status: 'ACCEPTED', kind: 'REPORT', private: true },
    { claimant: 2, status: 'PROPOSED', kind: 'ALLEGATION', private: true },
  ];
  for (const claim of plan) {
    const id = await insertClaim(app.db, {
      claimantId: claim.claimant === null ? undefined : actors[claim.claimant].rowId,
      visibility: claim.private === true ? 'ORGANIZATION' : 'PUBLIC',
      organizationId: claim.private === true ? partnerOrg : undefined,
    });
    const rowId = rowIdOf(id);
    await app.db.query(`UPDATE claim SET status = $2, kind = $3 WHERE id = $1`, [rowId, claim.status, claim.kind]);
  }
});
afterAll(async () => {
  await app.close();
});

async function total(list: string, filterType: string, filter: Record<string, unknown>, key?: string | null): Promise<number> {
  const response = await app.gql<Record<string, { totalCount: number }>>(
    `query($filter: ${filterType}) { ${list}(filter: $filter) { totalCount } }`,
    { filter },
    { key },
  );
  if (response.errors !== undefined) throw new Error(JSON.stringify(response.errors));
  return response.data![list].totalCount;
}

async function buckets(field: string, groupBy: string, filterType: string, filter: Record<string, unknown> = {}, key?: string | null) {
  const response = await app.gql<Record<string, Bucket[]>>(
    `query($groupBy: ${field === 'eventCounts' ? 'EventCountGroup' : 'ClaimCountGroup'}!, $filter: ${filterType}) {
       ${field}(groupBy: $groupBy, filter: $filter) { key label count actor { id name } } }`,
    { groupBy, filter },
    { key },
  );
  if (response.errors !== undefined) throw new Error(JSON.stringify(response.errors));
  return response.data![field];
}

describe('eventCounts', () => {
  it('by type, month and province: each bucket is the totalCount of the events list under the same filter', async () => {
    for (const filter of [{}, { search: 'number' }, { from: '2026-01-01' }, { place: 'Maysan' }]) {
      const all = await total('events', 'EventFilter', filter);
      const byType = await buckets('eventCounts', 'TYPE', 'EventFilter', filter);
      expect(byType.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(all);
      for (const bucket of byType) expect(bucket.count).toBe(await total('events', 'EventFilter', { ...filter, type: bucket.key }));
      const byProvince = await buckets('eventCounts', 'ADMIN1', 'EventFilter', filter);
      expect(byProvince.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(all);
      for (const bucket of byProvince.filter((b) => b.key !== null)) {
        expect(bucket.count).toBe(await total('events', 'EventFilter', { ...filter, place: bucket.key }));
      }
    }
    const byMonth = await buckets('eventCounts', 'MONTH', 'EventFilter');
    expect(byMonth.map(({ key, label, count }) => ({ key, label, count }))).toEqual([
      { key: '2025-12', label: 'December 2025', count: 1 },
      { key: '2026-01', label: 'January 2026', count: 2 },
      { key: '2026-02', label: 'February 2026', count: 2 },
      { key: null, label: 'No date', count: 1 },
    ]);
    expect(await total('events', 'EventFilter', { from: '2026-01-01', to: '2026-01-31' })).toBe(2);
    const byType = await buckets('eventCounts', 'TYPE', 'EventFilter');
    expect(byType.map(({ key, label, count }) => ({ key, label, count }))).toEqual([
      { key: 'PROTESTS', label: 'Protests', count: 3 },
      { key: 'BATTLES', label: 'Battles', count: 2 },
      { key: 'RIOTS', label: 'Riots', count: 1 },
    ]);
    expect((await buckets('eventCounts', 'ADMIN1', 'EventFilter', { type: 'PROTESTS' })).map((b) => [b.key, b.count])).toEqual([
      ['Maysan', 2],
      ['Basra', 1],
    ]);
  });
});

describe('claimCounts', () => {
  it('checks first on every request: a value that passed once never lets another through', async () => {
    const query = `query($n: Int) { claimCounts(groupBy: STATUS, first: $n) { key count } }`;
    for (let round = 0; round < 2; round += 1) {
      for (const [n, code] of [
        [5, undefined],
        [0, 'BAD_USER_INPUT'],
        [1000, undefined],
        [1001, 'BAD_USER_INPUT'],
        [undefined, undefined],
      ] as const) {
        const { errors } = await app.gql(query, { n });
        expect({ n, code: errors?.[0].extensions?.code }).toEqual({ n, code });
      }
    }
  });

  it('by claimant, status and kind: each bucket is the totalCount of the claims list, for every viewer', async () => {
    for (const key of [null, partner.key]) {
      for (const filter of [{}, { status: 'ACCEPTED' }, { kind: 'ALLEGATION' }]) {
        const all = await total('claims', 'ClaimFilter', filter, key);
        for (const groupBy of ['STATUS', 'KIND', 'CLAIMANT']) {
          const result = await buckets('claimCounts', groupBy, 'ClaimFilter', filter, key);
          expect(result.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(all);
          for (const bucket of result.filter((b) => b.key !== null)) {
            const field = groupBy === 'CLAIMANT' ? 'claimantId' : groupBy.toLowerCase();
            expect(bucket.count).toBe(await total('claims', 'ClaimFilter', { ...filter, [field]: bucket.key }, key));
          }
        }
      }
    }
  });

  it('counts private claims only for their organisation, and names the claimant', async () => {
    const anonymous = await buckets('claimCounts', 'CLAIMANT', 'ClaimFilter', {}, null);
    expect(anonymous.map(({ label, count, actor }) => ({ label, count, actor: actor?.name ?? null }))).toEqual([
      { label: 'Speaker One', count: 2, actor: 'Speaker One' },
      { label: 'Speaker Two', count: 1, actor: 'Speaker Two' },
      { label: 'Speaker Three', count: 1, actor: 'Speaker Three' },
      { label: 'No claimant: the article itself reports it', count: 1, actor: null },
    ]);
    const mine = await buckets('claimCounts', 'CLAIMANT', 'ClaimFilter', {}, partner.key);
    expect(mine.find((b) => b.label === 'Speaker One')?.count).toBe(3);
    expect(mine.find((b) => b.label === 'Speaker Three')?.count).toBe(2);
    expect(mine[0].actor?.id).toBe(mine[0].key);
    const status = await buckets('claimCounts', 'STATUS', 'ClaimFilter', {}, null);
    expect(status.map((b) => [b.key, b.label, b.count])).toEqual([
      ['ACCEPTED', 'Accepted', 2],
      ['PROPOSED', 'Proposed', 2],
      ['REJECTED', 'Rejected', 1],
    ]);
  });
});
