import { Role } from '../../src/common/role';
import { claimFixture, sliceCodePoints as slice, type ClaimFixture } from '../helpers/claims';
import { articleInput, insertActor, insertApiKey, insertEvent } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';
import { globalIdOf } from '../helpers/global-ids';

let app: TestApp;
let body: string;
let sentenceIds: string[];
let add: ClaimFixture['add'];

beforeAll(async () => {
  app = await startTestApp();
  ({ body, sentenceIds, add } = await claimFixture(app));
});
afterAll(async () => {
  await app.close();
});

describe('addClaim', () => {
  it('resolves a position into a quote with 32 code points of context, and stores both', async () => {
    const start = Array.from(body).indexOf('“');
    const end = start + Array.from('“stay out of the feud.”').length;
    const { data, errors } = await add({ evidence: [{ start, end }] });
    expect(errors).toBeUndefined();
    const [evidence] = data!.addClaim.evidence;
    expect(evidence).toMatchObject({ start, end, exact: '“stay out of the feud.”', sentence: { index: 0 } });
    expect(evidence.prefix).toBe(slice(body, start - 32, start));
    expect(evidence.suffix).toBe(slice(body, end, end + 32));
    expect(data!.addClaim).toMatchObject({
      status: 'PROPOSED',
      visibility: 'PUBLIC',
      extraction: { method: 'MANUAL', agent: 'Verbatim operator' },
    });
  });

  it('resolves a pasted quote (straight quotes, extra spaces) to the body’s own text and offsets in code points', async () => {
    const { data, errors } = await add({ evidence: [{ exact: `group's  fighters would "stay` }] });
    expect(errors).toBeUndefined();
    const [evidence] = data!.addClaim.evidence;
    expect(evidence.exact).toBe('group’s fighters would “stay');
    expect(slice(body, evidence.start, evidence.end)).toBe(evidence.exact);
    const afterEmoji = await add({ evidence: [{ exact: 'in Amarah' }] });
    const span = afterEmoji.data!.addClaim.evidence[0];
    expect(slice(body, span.start, span.end)).toBe('in Amarah');
    expect(span.start).toBe(body.indexOf('in Amarah') - 1); // the emoji is one code point, two UTF-16 units
  });

  it('takes several spans from different sentences, a claimant, subjects and events', async () => {
    const group = await insertActor(app.db, 'Asaib Ahl al-Haq', 'ARMED_GROUP');
    const person = await insertActor(app.db, 'Qais al-Khazali');
    const event = await insertEvent(app.db);
    const { data, errors } = await add({
      kind: 'DENIAL',
      claimantId: group.id,
      subjectIds: [group.id, person.id, group.id],
      eventIds: [event.id],
      confidence: 0.8,
      evidence: [{ exact: 'denied any link', sentenceId: sentenceIds[3] }, { exact: 'The court issued warrants' }],
    });
    expect(errors).toBeUndefined();
    expect(data!.addClaim.claimant).toEqual({ id: group.id, name: 'Asaib Ahl al-Haq' });
    expect(data!.addClaim.subjects.map((s) => s.id).sort()).toEqual([group.id, person.id].sort());
    expect(data!.addClaim.events).toEqual([{ id: event.id }]);
    expect(data!.addClaim.evidence.map((e) => e.sentence.index)).toEqual([3, 2]);
    expect(data!.addClaim.extraction.confidence).toBe(0.8);
  });

  it('refuses an actor merged away with CONFLICT, pointing at the actor that stands for it', async () => {
    const group = await insertActor(app.db, 'Saraya al-Salam', 'ARMED_GROUP');
    const duplicate = await insertActor(app.db, 'Peace Brigades', 'ARMED_GROUP', group.rowId);
    const before = await snapshotTables(app.db);
    const { errors } = await add({ claimantId: duplicate.id, evidence: [{ exact: 'Friday' }] });
    expect(errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.claimantId', mergedInto: group.id });
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  it('disambiguates a repeated quote with a prefix', async () => {
    const { data, errors } = await add({ evidence: [{ exact: 'The court', suffix: ' issued' }] });
    expect(errors).toBeUndefined();
    expect(data!.addClaim.evidence[0].sentence.index).toBe(2);
  });

  describe('refuses, naming the evidence item, and writes nothing', () => {
    const otherArticle = async () => {
      const { data } = await app.gql<{ ingestArticle: { article: { sentences: { nodes: Array<{ id: string }> } } } }>(
        `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { sentences { nodes { id } } } } }`,
        { input: articleInput({ body: 'Another text entirely. With two sentences.' }) },
      );
      return data!.ingestArticle.article.sentences.nodes[0].id;
    };
    const cases: Array<[string, () => Promise<Record<string, unknown>>, string, RegExp]> = [
      [
        'a quote that is not found',
        async () => ({ evidence: [{ exact: 'the parliament voted' }] }),
        'input.evidence[0]',
        /not in the article/,
      ],
      ['a quote found twice', async () => ({ evidence: [{ exact: 'The court' }] }), 'input.evidence[0]', /occurs 2 times/],
      ['a position out of range', async () => ({ evidence: [{ start: 5, end: 100_000 }] }), 'input.evidence[0]', /out of range/],
      ['a reversed position', async () => ({ evidence: [{ start: 9, end: 3 }] }), 'input.evidence[0]', /out of range/],
      ['a negative offset', async () => ({ evidence: [{ start: -1, end: 3 }] }), 'input.evidence[0].start', /./],
      ['a span across sentences', async () => ({ evidence: [{ start: 60, end: 80 }] }), 'input.evidence[0]', /crosses a sentence boundary/],
      [
        'a position and a quote that disagree',
        async () => ({ evidence: [{ start: 0, end: 4, exact: 'Abcd' }] }),
        'input.evidence[0]',
        /does not match/,
      ],
      [
        'a sentence of another article',
        async () => ({ evidence: [{ exact: 'Another', sentenceId: await otherArticle() }] }),
        'input.evidence[0]',
        /not part of this article/,
      ],
      [
        'the second of two items',
        async () => ({ evidence: [{ exact: 'Friday' }, { exact: 'nowhere' }] }),
        'input.evidence[1]',
        /Evidence 2/,
      ],
      ['no evidence at all', async () => ({ evidence: [] }), 'input.evidence', /at least one/],
      ['an item with neither position nor quote', async () => ({ evidence: [{}] }), 'input.evidence[0]', /position .* or a quote/],
      [
        'an unknown article',
        async () => ({ articleId: globalIdOf('Article', 99999), evidence: [{ exact: 'x' }] }),
        'input.articleId',
        /Article not found/,
      ],
      [
        'an id of the wrong type',
        async () => ({ articleId: sentenceIds[0], evidence: [{ exact: 'x' }] }),
        'input.articleId',
        /Expected an id of a Article/,
      ],
      ['a malformed id', async () => ({ claimantId: '!!', evidence: [{ exact: 'Friday' }] }), 'input.claimantId', /not a valid id/],
      [
        'an unknown claimant',
        async () => ({ claimantId: globalIdOf('Actor', 99999), evidence: [{ exact: 'Friday' }] }),
        'input.claimantId',
        /Actor not found/,
      ],
      [
        'an unknown event',
        async () => ({ eventIds: [globalIdOf('Event', 99999)], evidence: [{ exact: 'Friday' }] }),
        'input.eventIds[0]',
        /Event not found/,
      ],
      ['a confidence above 1', async () => ({ confidence: 1.5, evidence: [{ exact: 'Friday' }] }), 'input.confidence', /./],
      ['an empty text', async () => ({ text: '', evidence: [{ exact: 'Friday' }] }), 'input.text', /./],
      ['a text of whitespace', async () => ({ text: ' \n ', evidence: [{ exact: 'Friday' }] }), 'input.text', /only whitespace/],
      ['a NUL in the text', async () => ({ text: 'a\u0000b', evidence: [{ exact: 'Friday' }] }), 'input.text', /NUL/],
    ];
    it.each(cases)('%s', async (_name, input, field, message) => {
      const payload = await input();
      const before = await snapshotTables(app.db);
      const { data, errors } = await add(payload);
      expect(data ?? null).toBeNull();
      // An id of nothing is NOT_FOUND (as a hidden row would be); every other mistake BAD_USER_INPUT.
      const code = message.source.includes('not found') ? 'NOT_FOUND' : 'BAD_USER_INPUT';
      expect(errors?.[0].extensions).toMatchObject({ code, field });
      expect(errors?.[0].message).toMatch(message);
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('an unknown kind', async () => {
      const before = await snapshotTables(app.db);
      const { errors } = await add({ kind: 'RUMOUR', evidence: [{ exact: 'Friday' }] });
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('a reader key (FORBIDDEN) and no key (UNAUTHENTICATED)', async () => {
      const reader = await insertApiKey(app.db, Role.READER);
      const before = await snapshotTables(app.db);
      expect((await add({ evidence: [{ exact: 'Friday' }] }, reader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await add({ evidence: [{ exact: 'Friday' }] }, null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(await snapshotTables(app.db)).toEqual(before);
    });
  });
});
