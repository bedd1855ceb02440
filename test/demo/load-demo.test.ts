import { ensureOperatorOrganization } from '../../src/http/auth';
import { createSystemContext, type Context } from '../../src/context';
import { loadDemoData } from '../../src/demo/load-demo';
import { startTestApp, type TestApp } from '../helpers/test-app';

let app: TestApp;
let context: () => Promise<Context>;
beforeAll(async () => {
  app = await startTestApp();
  context = async () => createSystemContext(app.db, app.config, await ensureOperatorOrganization(app.db), 'demo');
});
afterAll(async () => {
  await app.close();
});

describe('demo data', () => {
  it('loads articles, actors, events and claims once', async () => {
    expect(await loadDemoData(await context())).toEqual({ articles: 5, actors: 7, events: 3, claims: 11, proposals: expect.any(Number) });
    expect(await loadDemoData(await context())).toEqual({ articles: 0, actors: 0, events: 0, claims: 0, proposals: 0 });
  });

  it('shows extraction proposals beside the manual claims', async () => {
    const { data } = await app.gql<{
      claims: { nodes: Array<{ status: string; extraction: { method: string }; claimant: { name: string } | null }> };
    }>(`{ claims(first: 100) { nodes { status extraction { method } claimant { name } } } }`, {}, { key: null });
    const proposals = data!.claims.nodes.filter((c) => c.extraction.method === 'RULE');
    expect(proposals.length).toBeGreaterThanOrEqual(3);
    expect(proposals.every((c) => c.status === 'PROPOSED')).toBe(true);
    expect(proposals.some((c) => c.claimant !== null)).toBe(true);
    expect(data!.claims.nodes.filter((c) => c.extraction.method === 'MANUAL').length).toBeGreaterThanOrEqual(8);
  });

  it('has claims of every kind, reviewed, revised and retracted, whose spans slice their article', async () => {
    const { data } = await app.gql<{
      claims: {
        nodes: Array<{
          kind: string;
          status: string;
          revisions: unknown[];
          evidence: Array<{ start: number; end: number; exact: string; sentence: { article: { body: string } } }>;
        }>;
      };
    }>(
      `{ claims(first: 100) { nodes { kind status revisions { text } evidence { start end exact sentence { article { body } } } } } }`,
      {},
      { key: null },
    );
    const claims = data!.claims.nodes;
    expect(new Set(claims.map((c) => c.kind))).toEqual(new Set(['STATEMENT', 'REPORT', 'ALLEGATION', 'DENIAL']));
    expect(claims.some((c) => c.status === 'ACCEPTED')).toBe(true);
    expect(claims.filter((c) => c.status === 'RETRACTED')).toHaveLength(1);
    expect(claims.filter((c) => c.revisions.length > 0)).toHaveLength(1);
    for (const claim of claims) {
      for (const span of claim.evidence)
        expect(Array.from(span.sentence.article.body).slice(span.start, span.end).join('')).toBe(span.exact);
    }
  });

  it('has an article with emoji outside the BMP and vowelled Arabic, with PROPOSED claims on spans after them', async () => {
    const { data } = await app.gql<{
      articles: { nodes: Array<{ body: string; claims: { nodes: Array<{ status: string; evidence: Array<{ start: number }> }> } }> };
    }>(`{ articles(first: 100) { nodes { body claims { nodes { status evidence { start } } } } } }`, {}, { key: null });
    const article = data!.articles.nodes.find((a) => /[\u{1F300}-\u{1FAFF}].*[\u064B-\u0652]/su.test(a.body));
    expect(article).toBeDefined();
    const proposed = article!.claims.nodes.filter((claim) => claim.status === 'PROPOSED');
    expect(proposed.length).toBeGreaterThan(0);
    // Some evidence starts after an astral character, where code points and UTF-16 units differ.
    const firstAstral = Array.from(article!.body).findIndex((c) => c.codePointAt(0)! > 0xffff);
    expect(proposed.some((claim) => claim.evidence.some((span) => span.start > firstAstral))).toBe(true);
  });

  it('shows the whole provenance chain: event → claims → evidence → sentence → article → source, and relations with evidence', async () => {
    const { data } = await app.gql<{
      events: {
        nodes: Array<{
          description: string;
          claims: Array<{ evidence: Array<{ exact: string; sentence: { article: { source: { name: string } } } }> }>;
        }>;
      };
      actors: { nodes: Array<{ relations: Array<{ type: string; target: { name: string }; evidence: Array<{ text: string }> }> }> };
    }>(
      `{ events(first: 10) { nodes { description claims { evidence { exact sentence { article { source { name } } } } } } }
         actors(filter: { search: "Saraya al-Salam" }, first: 1) { nodes { relations { type target { name } evidence { text } } } } }`,
      {},
      { key: null },
    );
    const killing = data!.events.nodes.find((e) => e.description.startsWith('Unidentified gunmen'))!;
    expect(killing.claims[0].evidence[0]).toMatchObject({
      exact: 'was gunned down in central Amarah on Friday by attackers who have not been identified',
      sentence: { article: { source: { name: 'Tigris Monitor' } } },
    });
    expect(data!.actors.nodes[0].relations).toEqual([
      {
        type: 'ARMED_WING_OF',
        target: { name: 'Sadrist movement' },
        evidence: [{ text: 'Saraya al-Salam is the armed wing of the Sadrist movement.' }],
      },
    ]);
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
