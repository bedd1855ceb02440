import { Role } from '../../src/organizations/role';
import { articleInput, insertActor, insertApiKey, insertEvent } from '../helpers/factories';
import { startTestApp, type GraphQLResponse, type TestApp } from '../helpers/test-app';

const BODY =
  'Qais al-Khazali said the group’s fighters would “stay out of the feud.” The court met on Friday 🚀 in Amarah.\n' +
  'The court issued warrants for two men. A spokesman denied any link to the killing.';

const CLAIM_FIELDS = `id text kind status visibility reviewNote retractionReason
  claimant { id name } subjects { id } events { id } article { id }
  evidence { start end exact prefix suffix sentence { id index text } }
  extraction { method agent version confidence createdAt }
  revisions { text note createdAt }`;
const ADD = `mutation($input: AddClaimInput!) { addClaim(input: $input) { ${CLAIM_FIELDS} } }`;

interface ClaimShape {
  id: string;
  text: string;
  status: string;
  visibility: string;
  reviewNote: string | null;
  retractionReason: string | null;
  claimant: { id: string; name: string } | null;
  subjects: Array<{ id: string }>;
  events: Array<{ id: string }>;
  evidence: Array<{
    start: number;
    end: number;
    exact: string;
    prefix: string;
    suffix: string;
    sentence: { id: string; index: number; text: string };
  }>;
  extraction: { method: string; agent: string; confidence: number | null };
  revisions: Array<{ text: string; note: string | null }>;
}

let app: TestApp;
let articleId: string;
let body: string;
let sentenceIds: string[];

function slice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

async function add(input: Record<string, unknown>, key?: string | null): Promise<GraphQLResponse<{ addClaim: ClaimShape }>> {
  return app.gql<{ addClaim: ClaimShape }>(ADD, { input: { articleId, kind: 'STATEMENT', text: 'A claim.', ...input } }, { key });
}

beforeAll(async () => {
  // The statement-count tests ask for large nested pages on purpose.
  app = await startTestApp({ VERBATIM_MAX_QUERY_COST: '100000000' });
  const { data } = await app.gql<{ ingestArticle: { article: { id: string; body: string; sentences: { nodes: Array<{ id: string }> } } } }>(
    `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { article { id body sentences { nodes { id } } } } }`,
    { input: articleInput({ body: BODY }) },
  );
  articleId = data!.ingestArticle.article.id;
  body = data!.ingestArticle.article.body;
  sentenceIds = data!.ingestArticle.article.sentences.nodes.map((s) => s.id);
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
    const before = await app.rowCounts();
    const { errors } = await add({ claimantId: duplicate.id, evidence: [{ exact: 'Friday' }] });
    expect(errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'input.claimantId', mergedInto: group.id });
    expect(await app.rowCounts()).toEqual(before);
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
        async () => ({ articleId: Buffer.from('Article:99999').toString('base64url'), evidence: [{ exact: 'x' }] }),
        'input.articleId',
        /No article/,
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
        async () => ({ claimantId: Buffer.from('Actor:99999').toString('base64url'), evidence: [{ exact: 'Friday' }] }),
        'input.claimantId',
        /no actor with id/,
      ],
      [
        'an unknown event',
        async () => ({ eventIds: [Buffer.from('Event:99999').toString('base64url')], evidence: [{ exact: 'Friday' }] }),
        'input.eventIds[0]',
        /No event/,
      ],
      ['a confidence above 1', async () => ({ confidence: 1.5, evidence: [{ exact: 'Friday' }] }), 'input.confidence', /./],
      ['an empty text', async () => ({ text: '', evidence: [{ exact: 'Friday' }] }), 'input.text', /./],
      ['a NUL in the text', async () => ({ text: 'a\u0000b', evidence: [{ exact: 'Friday' }] }), 'input.text', /NUL/],
    ];
    it.each(cases)('%s', async (_name, input, field, message) => {
      const payload = await input();
      const before = await app.rowCounts();
      const { data, errors } = await add(payload);
      expect(data ?? null).toBeNull();
      expect(errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(errors?.[0].message).toMatch(message);
      expect(await app.rowCounts()).toEqual(before);
    });

    it('an unknown kind', async () => {
      const before = await app.rowCounts();
      const { errors } = await add({ kind: 'RUMOUR', evidence: [{ exact: 'Friday' }] });
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(await app.rowCounts()).toEqual(before);
    });

    it('a reader key (FORBIDDEN) and no key (UNAUTHENTICATED)', async () => {
      const before = await app.rowCounts();
      const reader = await insertApiKey(app.db, Role.READER);
      expect((await add({ evidence: [{ exact: 'Friday' }] }, reader)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await add({ evidence: [{ exact: 'Friday' }] }, null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await app.rowCounts()).claim).toBe(before.claim);
    });
  });
});

describe('the claim workflow', () => {
  const REVIEW = `mutation($id: ID!, $status: ReviewStatus!, $note: String) { reviewClaim(id: $id, status: $status, note: $note) { ${CLAIM_FIELDS} } }`;
  const REVISE = `mutation($id: ID!, $text: String!, $note: String) { reviseClaim(id: $id, text: $text, note: $note) { ${CLAIM_FIELDS} } }`;
  const RETRACT = `mutation($id: ID!, $reason: String!) { retractClaim(id: $id, reason: $reason) { ${CLAIM_FIELDS} } }`;

  async function auditOf(id: string): Promise<string[]> {
    const rows = await app.db.query<Array<{ operation: string }>>(
      `SELECT operation FROM audit_log WHERE $1 = ANY(target_ids) ORDER BY id`,
      [id],
    );
    return rows.map((row) => row.operation);
  }

  it('reviews, revises and retracts, keeping history and writing an audit row each time', async () => {
    const claim = (await add({ text: 'The court met.', evidence: [{ exact: 'The court met' }] })).data!.addClaim;
    const accepted = await app.gql<{ reviewClaim: ClaimShape }>(REVIEW, {
      id: claim.id,
      status: 'ACCEPTED',
      note: 'Checked against the text',
    });
    expect(accepted.data!.reviewClaim).toMatchObject({ id: claim.id, status: 'ACCEPTED', reviewNote: 'Checked against the text' });
    const back = await app.gql<{ reviewClaim: ClaimShape }>(REVIEW, { id: claim.id, status: 'PROPOSED' });
    expect(back.data!.reviewClaim.status).toBe('PROPOSED');

    const revised = await app.gql<{ reviseClaim: ClaimShape }>(REVISE, {
      id: claim.id,
      text: 'The court met on Friday.',
      note: 'Added the day',
    });
    expect(revised.data!.reviseClaim).toMatchObject({
      id: claim.id,
      text: 'The court met on Friday.',
      revisions: [{ text: 'The court met.', note: 'Added the day' }],
    });

    const retracted = await app.gql<{ retractClaim: ClaimShape }>(RETRACT, { id: claim.id, reason: 'Duplicate of another claim' });
    expect(retracted.data!.retractClaim).toMatchObject({
      status: 'RETRACTED',
      retractionReason: 'Duplicate of another claim',
      text: 'The court met on Friday.',
    });
    const read = await app.gql<{ node: ClaimShape }>(
      `query($id: ID!) { node(id: $id) { ... on Claim { status text } } }`,
      { id: claim.id },
      { key: null },
    );
    expect(read.data!.node).toEqual({ status: 'RETRACTED', text: 'The court met on Friday.' });

    expect(await auditOf(claim.id)).toEqual(['addClaim', 'reviewClaim', 'reviewClaim', 'reviseClaim', 'retractClaim']);
  });

  it('refuses changes that would rewrite history, with nothing written', async () => {
    const claim = (await add({ evidence: [{ exact: 'Friday' }] })).data!.addClaim;
    const before = await app.rowCounts();
    expect((await app.gql(REVIEW, { id: claim.id, status: 'RETRACTED' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
    });
    expect((await app.gql(REVISE, { id: claim.id, text: claim.text })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await app.gql(RETRACT, { id: claim.id, reason: '  ' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await app.gql(REVIEW, { id: sentenceIds[0], status: 'ACCEPTED' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await app.rowCounts()).toEqual(before);
    await app.gql(RETRACT, { id: claim.id, reason: 'Wrong span' });
    const after = await app.rowCounts();
    expect((await app.gql(REVISE, { id: claim.id, text: 'New text' })).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await app.gql(RETRACT, { id: claim.id, reason: 'Again' })).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await app.rowCounts()).toEqual(after);
  });

  it('lets only the writing organisation (or an admin) change a claim', async () => {
    const partner = await insertApiKey(app.db, Role.EDITOR, 'Partner One');
    const other = await insertApiKey(app.db, Role.EDITOR, 'Partner Two');
    const claim = (await add({ evidence: [{ exact: 'Friday' }] }, partner)).data!.addClaim;
    expect(claim.extraction.agent).toBe('Partner One');
    expect((await app.gql(REVIEW, { id: claim.id, status: 'ACCEPTED' }, { key: other })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(REVIEW, { id: claim.id, status: 'ACCEPTED' }, { key: partner })).errors).toBeUndefined();
    expect((await app.gql(REVIEW, { id: claim.id, status: 'REJECTED' })).errors).toBeUndefined(); // the bootstrap admin
  });
});

describe('private claims', () => {
  it('are seen only by their organisation: node, lists, nested fields and counts', async () => {
    const owner = await insertApiKey(app.db, Role.EDITOR, 'Private Owner');
    const stranger = await insertApiKey(app.db, Role.EDITOR, 'Stranger');
    const claim = (await add({ text: 'A private note.', visibility: 'ORGANIZATION', evidence: [{ exact: 'Amarah' }] }, owner)).data!
      .addClaim;
    const sentenceId = claim.evidence[0].sentence.id;
    const probe = `query($id: ID!, $article: ID!, $sentence: ID!) {
      node(id: $id) { id }
      claims(first: 100) { totalCount nodes { id } }
      article(id: $article) { claims(first: 100) { totalCount nodes { id } } }
      sentence: node(id: $sentence) { ... on Sentence { claims { id } } }
    }`;
    const look = async (key: string | null) => {
      const { data } = await app.gql<{
        node: { id: string } | null;
        claims: { totalCount: number; nodes: Array<{ id: string }> };
        article: { claims: { totalCount: number; nodes: Array<{ id: string }> } };
        sentence: { claims: Array<{ id: string }> };
      }>(probe, { id: claim.id, article: articleId, sentence: sentenceId }, { key });
      return data!;
    };
    const seenByOwner = await look(owner);
    expect(seenByOwner.node).toEqual({ id: claim.id });
    expect(seenByOwner.claims.nodes.map((n) => n.id)).toContain(claim.id);
    expect(seenByOwner.article.claims.nodes.map((n) => n.id)).toContain(claim.id);
    expect(seenByOwner.sentence.claims.map((n) => n.id)).toContain(claim.id);
    for (const key of [stranger, null]) {
      const seen = await look(key);
      expect(seen.node).toBeNull();
      expect(seen.claims.nodes.map((n) => n.id)).not.toContain(claim.id);
      expect(seen.claims.totalCount).toBe(seenByOwner.claims.totalCount - 1);
      expect(seen.article.claims.totalCount).toBe(seenByOwner.article.claims.totalCount - 1);
      expect(seen.sentence.claims.map((n) => n.id)).not.toContain(claim.id);
    }
    const review = await app.gql(
      `mutation($id: ID!) { reviewClaim(id: $id, status: ACCEPTED) { id } }`,
      { id: claim.id },
      { key: stranger },
    );
    expect(review.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT'); // missing and forbidden answer alike
  });
});

describe('reverse paths and filters', () => {
  it('reach claims from sentences, articles, actors and events, and filter them', async () => {
    const speaker = await insertActor(app.db, 'A spokesman');
    const subject = await insertActor(app.db, 'The accused');
    const event = await insertEvent(app.db);
    const claim = (
      await add({
        kind: 'ALLEGATION',
        text: 'The spokesman linked the accused to the killings.',
        claimantId: speaker.id,
        subjectIds: [subject.id],
        eventIds: [event.id],
        evidence: [{ exact: 'the killing' }],
      })
    ).data!.addClaim;
    const { data } = await app.gql<Record<string, { nodes?: Array<{ id: string }>; totalCount?: number; claims?: Array<{ id: string }> }>>(
      `query($speaker: ID!, $subject: ID!, $event: ID!, $article: ID!) {
        made: node(id: $speaker) { ... on Actor { claimsMade(first: 5) { totalCount nodes { id } } } }
        about: node(id: $subject) { ... on Actor { claimsAbout(first: 5) { totalCount nodes { id } } } }
        event: node(id: $event) { ... on Event { claims { id } } }
        byClaimant: claims(filter: { claimantId: $speaker }) { nodes { id } }
        byActor: claims(filter: { actorId: $subject, kind: ALLEGATION, status: PROPOSED, articleId: $article }) { nodes { id } }
        byEvent: claims(filter: { eventId: $event }) { nodes { id } }
        otherKind: claims(filter: { actorId: $subject, kind: REPORT }) { totalCount }
        inArticle: article(id: $article) { claims(filter: { kind: ALLEGATION, search: "killing" })  { nodes { id } } }
      }`,
      { speaker: speaker.id, subject: subject.id, event: event.id, article: articleId },
    );
    const ids = (value: unknown) => ((value as { nodes: Array<{ id: string }> }).nodes ?? []).map((n) => n.id);
    const made = (data!.made as unknown as { claimsMade: { totalCount: number; nodes: Array<{ id: string }> } }).claimsMade;
    expect(made).toEqual({ totalCount: 1, nodes: [{ id: claim.id }] });
    expect((data!.about as unknown as { claimsAbout: { nodes: Array<{ id: string }> } }).claimsAbout.nodes).toEqual([{ id: claim.id }]);
    expect((data!.event as unknown as { claims: Array<{ id: string }> }).claims).toEqual([{ id: claim.id }]);
    expect(ids(data!.byClaimant)).toEqual([claim.id]);
    expect(ids(data!.byActor)).toEqual([claim.id]);
    expect(ids(data!.byEvent)).toEqual([claim.id]);
    expect(data!.otherKind.totalCount).toBe(0);
    expect(ids((data!.inArticle as unknown as { claims: unknown }).claims)).toEqual([claim.id]);
  });

  it('cost the same number of statements whatever the page size', async () => {
    const query = `query($first: Int) { articles(first: $first) { nodes { claims(first: $first) { totalCount nodes {
      text claimant { name } subjects { name } events { type } revisions { text } annotation
      evidence { exact sentence { text article { title source { name } } claims { id } } } } } } } }`;
    const small = await app.gql(query, { first: 5 });
    const large = await app.gql(query, { first: 100 });
    expect(small.errors).toBeUndefined();
    expect(large.extensions!.sqlStatements).toBe(small.extensions!.sqlStatements);
  });
});

describe('Web Annotation export', () => {
  interface Annotation {
    id: string;
    type: string;
    body: { value: string; 'verbatim:kind': string };
    target: Array<{
      source: string;
      selector: Array<{ type: string; start?: number; end?: number; exact?: string; prefix?: string; suffix?: string }>;
    }>;
    'prov:wasAttributedTo': { name: string };
    'prov:generatedAtTime': { '@value': string };
  }

  function checkSelectors(annotation: Annotation): void {
    for (const target of annotation.target) {
      const position = target.selector.find((s) => s.type === 'TextPositionSelector')!;
      const quote = target.selector.find((s) => s.type === 'TextQuoteSelector')!;
      expect(slice(body, position.start!, position.end!)).toBe(quote.exact);
      expect(
        slice(body, position.start! - quote.prefix!.length < 0 ? 0 : position.start! - Array.from(quote.prefix!).length, position.start!),
      ).toBe(quote.prefix);
      expect(slice(body, position.end!, position.end! + Array.from(quote.suffix!).length)).toBe(quote.suffix);
    }
  }

  it('Claim.annotation is a W3C Web Annotation whose selectors slice the body exactly', async () => {
    const claim = (await add({ text: 'Warrants were issued.', kind: 'REPORT', evidence: [{ exact: 'issued warrants' }] })).data!.addClaim;
    const { data } = await app.gql<{ node: { annotation: Annotation } }>(
      `query($id: ID!) { node(id: $id) { ... on Claim { annotation } } }`,
      { id: claim.id },
    );
    const annotation = data!.node.annotation;
    expect(annotation).toMatchObject({
      type: 'Annotation',
      body: { value: 'Warrants were issued.', 'verbatim:kind': 'REPORT' },
      'prov:wasAttributedTo': { name: 'Verbatim operator' },
    });
    expect(annotation['@context' as keyof Annotation]).toContain('http://www.w3.org/ns/anno.jsonld');
    checkSelectors(annotation);
  });

  it('streams NDJSON of every visible claim, with filters, selectors slicing the body', async () => {
    const owner = await insertApiKey(app.db, Role.EDITOR, 'Export Owner');
    const privateClaim = (await add({ visibility: 'ORGANIZATION', evidence: [{ exact: 'warrants for two men' }] }, owner)).data!.addClaim;
    const exportAs = async (key: string | null, query = '') => {
      const response = await fetch(app.url.replace('/graphql', `/export/claims.jsonld${query}`), {
        headers: key ? { authorization: `Bearer ${key}` } : {},
      });
      expect(response.headers.get('content-type')).toMatch(/application\/x-ndjson/);
      const text = await response.text();
      return text.trim() === ''
        ? []
        : text
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Annotation);
    };
    const everything = await exportAs(owner);
    const visibleTotal = (await app.gql<{ claims: { totalCount: number } }>(`{ claims { totalCount } }`, {}, { key: owner })).data!.claims
      .totalCount;
    expect(everything).toHaveLength(visibleTotal);
    everything.forEach(checkSelectors);
    expect(everything.map((a) => a.id)).toContain(`urn:verbatim:claim:${privateClaim.id}`);
    const anonymous = await exportAs(null);
    expect(anonymous.map((a) => a.id)).not.toContain(`urn:verbatim:claim:${privateClaim.id}`);
    const reports = await exportAs(null, `?kind=REPORT&articleId=${articleId}`);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((a) => a.body['verbatim:kind'] === 'REPORT')).toBe(true);
    const bad = await fetch(app.url.replace('/graphql', '/export/claims.jsonld?status=MAYBE'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('linkClaimToEvent', () => {
  const LINK = `mutation($claim: ID!, $event: ID!) { linkClaimToEvent(claimId: $claim, eventId: $event) { id events { id } } }`;

  it('links once, idempotently, with one audit row', async () => {
    const claim = (await add({ evidence: [{ exact: 'Friday' }] })).data!.addClaim;
    const event = await insertEvent(app.db, 'PROTESTS');
    const first = await app.gql<{ linkClaimToEvent: { events: Array<{ id: string }> } }>(LINK, { claim: claim.id, event: event.id });
    expect(first.data!.linkClaimToEvent.events).toEqual([{ id: event.id }]);
    const before = await app.rowCounts();
    const again = await app.gql<{ linkClaimToEvent: { events: Array<{ id: string }> } }>(LINK, { claim: claim.id, event: event.id });
    expect(again.data!.linkClaimToEvent.events).toEqual([{ id: event.id }]);
    expect(await app.rowCounts()).toEqual(before);
    const audit = await app.db.query<unknown[]>(`SELECT 1 FROM audit_log WHERE operation = 'linkClaimToEvent' AND $1 = ANY(target_ids)`, [
      claim.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('refuses unknown, invisible or malformed ids with nothing written', async () => {
    const owner = await insertApiKey(app.db, Role.EDITOR, 'Link Owner');
    const hidden = (await add({ visibility: 'ORGANIZATION', evidence: [{ exact: 'Friday' }] }, owner)).data!.addClaim;
    const event = await insertEvent(app.db);
    const before = await app.rowCounts();
    const stranger = await insertApiKey(app.db, Role.EDITOR, 'Link Stranger');
    const counts = await app.rowCounts();
    expect((await app.gql(LINK, { claim: hidden.id, event: event.id }, { key: stranger })).errors?.[0].extensions).toMatchObject({
      field: 'claimId',
    });
    expect(
      (await app.gql(LINK, { claim: hidden.id, event: Buffer.from('Event:99999').toString('base64url') }, { key: owner })).errors?.[0]
        .extensions,
    ).toMatchObject({ field: 'eventId' });
    expect((await app.gql(LINK, { claim: event.id, event: event.id })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'claimId',
    });
    expect(await app.rowCounts()).toEqual(counts);
    expect(counts.claim_event).toBe(before.claim_event);
  });
});
