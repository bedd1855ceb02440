import { randomUUID } from 'node:crypto';
import { ensureOperatorOrganization } from '../../src/common/auth';
import { createLoaders, type Context } from '../../src/context';
import { loadDemoData } from '../../src/demo/load-demo';
import { Role } from '../../src/organizations/role';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
let context: () => Promise<Context>;
beforeAll(async () => {
  app = await startTestApp();
  context = async () => {
    const viewer = { organizationId: await ensureOperatorOrganization(app.db), role: Role.ADMIN, keyPrefix: 'demo' };
    return { requestId: randomUUID(), viewer, loaders: createLoaders(app.db, viewer), db: app.db, config: app.config };
  };
});
afterAll(async () => {
  await app.close();
});

describe('demo data', () => {
  it('loads articles, actors and events once', async () => {
    expect(await loadDemoData(await context())).toEqual({ articles: 4, actors: 7, events: 3 });
    expect(await loadDemoData(await context())).toEqual({ articles: 0, actors: 0, events: 0 });
  });

  it.each([
    ['Asaib Ahl Al-Haq', 'Asaib Ahl al-Haq'],
    ["Asa'ib Ahl al-Haqq", 'Asaib Ahl al-Haq'],
    ['AAH', 'Asaib Ahl al-Haq'],
    ['Moqtada Sadr', 'Muqtada al-Sadr'],
    ['Khazaali', 'Qais al-Khazali'],
    ['al-Dalij', 'Hussein al-Allaq'],
    ['Patriotic Shiite Movement', 'Sadrist movement'],
  ])('a first search for %j finds %s', async (search, name) => {
    const { data } = await app.gql<{ actors: { nodes: Array<{ name: string }> } }>(
      `query($s: String) { actors(filter: { search: $s }) { nodes { name } } }`,
      {
        s: search,
      },
    );
    expect(data!.actors.nodes[0].name).toBe(name);
  });

  it('has the Amarah killing as an attack on a civilian, and the earlier assassination with an unknown date', async () => {
    const { data } = await app.gql<{ events: { nodes: Array<Record<string, unknown>> } }>(
      `{ events(filter: { place: "Maysan", type: VIOLENCE_AGAINST_CIVILIANS }) { nodes { subType date datePrecision fatalities place { name } participants { role actor { name } } } } }`,
    );
    expect(data!.events.nodes).toEqual([
      {
        subType: 'Attack',
        date: '2026-01-02',
        datePrecision: 'DAY',
        fatalities: 1,
        place: { name: 'Amarah' },
        participants: [{ role: 'VICTIM', actor: { name: 'Hussein al-Allaq' } }],
      },
      {
        subType: 'Attack',
        date: null,
        datePrecision: 'UNKNOWN',
        fatalities: null,
        place: { name: 'Maysan' },
        participants: [{ role: 'VICTIM', actor: { name: 'Wissam al-Alawi' } }],
      },
    ]);
  });
});
