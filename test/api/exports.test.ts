import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { createContext, createLoaders } from '../../src/context';
import { ExportParams } from '../../src/exports/export-params';
import { EXPORT_SOURCES, planExport, runExport } from '../../src/exports/export.service';
import { EXPORT_FORMATS, EXPORT_KINDS } from '../../src/exports/export-source';
import { Role } from '../../src/common/role';
import { articleInput, insertActor, insertMention } from '../helpers/factories';
import { ADMIN_KEY, startTestApp, type TestApp } from '../helpers/test-app';

/**
 * Exports of every kind and format (src/exports/): CSV that parses back to the same values as
 * the NDJSON, filters, keyset batches, and hostile query parameters. Visibility across
 * organisations is in the visibility matrix (test/helpers/visibility-matrix.ts).
 */
let app: TestApp;
let ids: { article: string; actor: string; event: string; claims: string[] };
// Commas, quotes, a line break, a tab, Arabic and an emoji (two UTF-16 units): what breaks naive CSV.
const AWKWARD = 'He said, "no\ncomment"\t— قال 🙂';
const BODY = `The minister spoke at dawn. ${AWKWARD} The road, near Amarah, was closed.`;

const exportUrl = (path: string) => app.url.replace('/graphql', `/export/${path}`);

async function get(path: string, key: string | null = ADMIN_KEY): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(exportUrl(path), { headers: key ? { authorization: `Bearer ${key}` } : {} });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

async function admin<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { data, errors } = await app.gql<T>(query, variables);
  if (errors !== undefined) throw new Error(errors[0].message);
  return data as T;
}

beforeAll(async () => {
  app = await startTestApp();
  const { ingestArticle } = await admin<{ ingestArticle: { article: { id: string } } }>(
    `mutation($i: IngestArticleInput!) { ingestArticle(input: $i) { article { id } } }`,
    { i: articleInput({ body: BODY }) },
  );
  const { createActor } = await admin<{ createActor: { id: string } }>(
    `mutation($i: CreateActorInput!) { createActor(input: $i) { id } }`,
    {
      i: {
        name: 'Hadi "the, Engineer" Rahim',
        kind: 'PERSON',
        aliases: [{ name: 'هادي رحيم' }],
        externalIds: [{ system: 'wikidata', value: 'Q42' }],
      },
    },
  );
  const { createEvent } = await admin<{ createEvent: { id: string } }>(
    `mutation($i: CreateEventInput!) { createEvent(input: $i) { id } }`,
    {
      i: {
        type: 'PROTESTS',
        subType: 'Peaceful protest',
        datePrecision: 'DAY',
        date: '2026-01-02',
        description: AWKWARD,
        place: { name: 'Amarah', admin1: 'Maysan', country: 'IQ', latitude: 31.8, longitude: 47.1 },
        participants: [{ actorId: createActor.id, role: 'PARTICIPANT' }],
      },
    },
  );
  const claims: string[] = [];
  for (const [kind, text, exact] of [
    ['STATEMENT', AWKWARD, 'قال 🙂'],
    ['REPORT', 'The road was closed', 'The road, near Amarah'],
    ['ALLEGATION', 'Dawn speech', 'at dawn'],
  ]) {
    const { addClaim } = await admin<{ addClaim: { id: string } }>(`mutation($i: AddClaimInput!) { addClaim(input: $i) { id } }`, {
      i: { articleId: ingestArticle.article.id, kind, text, claimantId: createActor.id, eventIds: [createEvent.id], evidence: [{ exact }] },
    });
    claims.push(addClaim.id);
  }
  await admin(`mutation($id: ID!) { reviewClaim(id: $id, status: ACCEPTED) { id } }`, { id: claims[1] });
  const actor = await insertActor(app.db, 'Mentioned Person');
  await insertMention(app.db, actor.rowId, 'Mentioned Person spoke.');
  ids = { article: ingestArticle.article.id, actor: createActor.id, event: createEvent.id, claims };
});

afterAll(async () => {
  await app?.close();
});

describe('CSV parses back to the same rows', () => {
  it.each(EXPORT_KINDS.map((kind) => [kind]))('%s.csv has the documented header and the NDJSON export values', async (kind) => {
    const [csv, ndjson] = await Promise.all([get(`${kind}.csv`), get(`${kind}.ndjson`)]);
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    const rows = parse<Record<string, string>>(csv.text, { columns: true });
    const records = ndjson.text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string });
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(rows[0])).toEqual(EXPORT_SOURCES[kind].csvColumns);
    expect(rows.map((row) => row[`${kind.slice(0, -1)}_id`])).toEqual(records.map((record) => record.id));
  });

  it('claims.csv: one row per claim, texts and the first evidence span exactly as stored', async () => {
    const rows = parse<Record<string, string>>((await get(`claims.csv?articleId=${ids.article}`)).text, { columns: true });
    const { node } = await admin<{
      node: { claims: { nodes: Array<{ id: string; text: string; evidence: Array<{ exact: string; start: number; end: number }> }> } };
    }>(
      `query($id: ID!) { node(id: $id) { ... on Article { url claims(first: 10) { nodes { id text evidence { exact start end } } } } } }`,
      { id: ids.article },
    );
    expect(rows).toHaveLength(3);
    for (const [index, claim] of node.claims.nodes.entries()) {
      expect(rows[index]).toMatchObject({
        claim_id: claim.id,
        text: claim.text,
        claimant_name: 'Hadi "the, Engineer" Rahim',
        evidence_exact: claim.evidence[0].exact,
        evidence_start: String(claim.evidence[0].start),
        evidence_end: String(claim.evidence[0].end),
        evidence_count: '1',
      });
      expect(rows[index].article_url).toMatch(/^https:\/\/test-wire\.example\//);
    }
    expect(rows[0].text).toBe(AWKWARD);
  });

  it('events.csv: ACLED-like columns', async () => {
    const [row] = parse<Record<string, string>>((await get('events.csv')).text, { columns: true });
    expect(row).toMatchObject({
      event_id: ids.event,
      event_date: '2026-01-02',
      year: '2026',
      time_precision: '1',
      event_type: 'Protests',
      sub_event_type: 'Peaceful protest',
      actor1: 'Hadi "the, Engineer" Rahim',
      country: 'IQ',
      admin1: 'Maysan',
      location: 'Amarah',
      latitude: '31.8',
      notes: AWKWARD,
      source: 'Test Wire',
      claim_count: '3',
    });
  });
});

describe('formats', () => {
  it('jsonld: claims are Web Annotations with PROV-O; actors and events are schema.org', async () => {
    const lines = async (path: string) =>
      (await get(path)).text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    const [claim] = await lines('claims.jsonld');
    expect(claim).toMatchObject({ type: 'Annotation', 'prov:wasAttributedTo': { type: 'prov:Agent' } });
    const [actor] = await lines('actors.jsonld');
    expect(actor).toMatchObject({ '@type': 'Person', alternateName: ['هادي رحيم'], sameAs: ['https://www.wikidata.org/wiki/Q42'] });
    const [event] = await lines('events.jsonld');
    expect(event).toMatchObject({ '@type': 'Event', startDate: '2026-01-02', location: { '@type': 'Place', name: 'Amarah' } });
    const [article] = await lines('articles.jsonld');
    expect(article).toMatchObject({ '@type': 'Article', text: BODY });
  });

  it('an empty export is empty NDJSON, and a CSV of only its header', async () => {
    const future = '2999-01-01T00:00:00Z';
    expect((await get(`claims.ndjson?updatedSince=${future}`)).text).toBe('');
    expect((await get(`events.csv?updatedSince=${future}`)).text.trim()).toBe(EXPORT_SOURCES.events.csvColumns.join(','));
  });

  it("applies the lists' filters", async () => {
    const accepted = (await get('claims.ndjson?status=ACCEPTED')).text.split('\n').filter(Boolean);
    expect(accepted.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual([ids.claims[1]]);
    expect((await get('events.ndjson?place=maysan')).text).toContain(ids.event);
    expect((await get('events.ndjson?place=basra')).text).toBe('');
    expect((await get('actors.ndjson?kind=ARMED_GROUP')).text).toBe('');
    expect((await get(`mentions.ndjson?articleId=${ids.article}`)).text).toBe('');
  });
});

describe('streaming in keyset batches', () => {
  it('reads batch after batch with a constant number of statements each', async () => {
    const ctx = createContext(app.db, app.config, { organizationId: null, role: null, keyPrefix: null }, 'test');
    for (const kind of EXPORT_KINDS) {
      const plan = planExport(kind, 'ndjson', new ExportParams(new Map(), 'option'));
      const small = { ...plan, source: { ...plan.source, batchSize: 1 } };
      const chunks: string[] = [];
      const count = await runExport(
        ctx,
        small,
        () => createLoaders(ctx.db, ctx.viewer),
        async (chunk) => void chunks.push(chunk),
      );
      const whole: string[] = [];
      await runExport(
        ctx,
        plan,
        () => createLoaders(ctx.db, ctx.viewer),
        async (chunk) => void whole.push(chunk),
      );
      expect(chunks.length).toBe(count);
      expect(chunks.join('')).toBe(whole.join(''));
    }
  });
});

describe('hostile query parameters', () => {
  it.each([
    ['claims.ndjson?stauts=ACCEPTED', 'query.stauts'],
    ['claims.ndjson?status=ACCEPTED&status=REJECTED', 'query.status'],
    ['claims.csv?status=MAYBE', 'query.status'],
    ['claims.csv?articleId=not-an-id', 'query.articleId'],
    [`claims.csv?actorId=${'x'.repeat(600)}`, 'query.actorId'],
    ['events.csv?from=yesterday', 'query.from'],
    ['actors.jsonld?search=hadi', 'query.search'],
    ['actors.jsonld?includeMerged=yes', 'query.includeMerged'],
    ['articles.csv?language=%00', 'query.language'],
    ['claims.xlsx', 'query.format'],
    ['claims', 'query.format'],
    ['claims.csv?status[a]=1', 'query.status[a]'],
  ])('%s is refused with 400 BAD_USER_INPUT naming %s', async (path, field) => {
    const { status, text } = await get(path);
    expect(status).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field } }] });
  });

  it('an export of nothing is 404 NOT_FOUND, naming the kinds there are', async () => {
    const { status, text } = await get('users.csv');
    expect(status).toBe(404);
    expect(JSON.parse(text)).toMatchObject({
      errors: [{ message: expect.stringContaining('exports: claims'), extensions: { code: 'NOT_FOUND', field: 'query.kind' } }],
    });
  });

  it('a refused key is 401, and anonymous reading can be turned off', async () => {
    expect((await get('claims.csv', 'vbt_not-a-key-at-all')).status).toBe(401);
  });

  it('arbitrary query strings never cause a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...EXPORT_KINDS),
        fc.constantFrom(...EXPORT_FORMATS),
        fc.dictionary(
          fc.constantFrom('status', 'kind', 'search', 'articleId', 'updatedSince', 'from', 'to', 'place', 'type', 'language', 'x'),
          fc.oneof(fc.string(), fc.constantFrom("' OR 1=1 --", '\u0000', '\ud800', '9999-99-99', 'QXJ0aWNsZTox', '')),
          { maxKeys: 3 },
        ),
        async (kind, format, query) => {
          const search = new URLSearchParams(query).toString();
          const { status } = await get(`${kind}.${format}?${search}`);
          expect([200, 400]).toContain(status);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('verbatim export', () => {
  it('exports every kind and format from the command line', async () => {
    const { runVerbatim } = await import('../helpers/cli');
    const [{ id }] = await app.db.query<Array<{ id: string }>>(`SELECT id::text FROM organization WHERE name = 'Verbatim operator'`);
    const csv = await runVerbatim(app, id, ['export', 'events', '--format', 'csv', '--place', 'Amarah']);
    expect(csv.code).toBe(0);
    expect(parse<Record<string, string>>(csv.out.join('\n'), { columns: true }).length).toBe(1);
    expect(csv.err.at(-1)).toBe('1 events exported as csv');
    const refused = await runVerbatim(app, id, ['export', 'claims', '--colour', 'red']);
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toMatch(/no parameter "colour"/);
  });

  it('a partner key sees the same export as over HTTP', async () => {
    const { insertApiKey } = await import('../helpers/factories');
    const key = await insertApiKey(app.db, Role.READER);
    expect((await get('claims.ndjson', key)).text.split('\n').filter(Boolean)).toHaveLength(3);
  });
});
