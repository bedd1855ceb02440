import { Role } from '../../src/common/role';
import { claimFixture, sliceCodePoints as slice, type ClaimFixture } from '../helpers/claims';
import { insertActor, insertApiKey, insertEvent } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { expectMoreRowsAtEveryLevel } from '../helpers/rows-returned';

let app: TestApp;
let articleId: string;
let body: string;
let add: ClaimFixture['add'];

beforeAll(async () => {
  app = await startTestApp(
    // The statement-count test asks for large nested pages on purpose.
    { VERBATIM_MAX_QUERY_COST: '100000000' },
  );
  ({ articleId, body, add } = await claimFixture(app));
});
afterAll(async () => {
  await app.close();
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
    // More articles, and more claims per article, than the small page holds.
    for (let a = 0; a < 6; a += 1) {
      const fixture = await claimFixture(app);
      for (let c = 0; c < 6; c += 1) expect((await fixture.add({ evidence: [{ exact: 'warrants' }] })).errors).toBeUndefined();
    }
    const query = `query($first: Int) { articles(first: $first) { nodes { claims(first: $first) { totalCount nodes {
      text claimant { name } subjects { name } events { type } revisions { text } annotation
      evidence { exact sentence { text article { title source { name } } claims { id } } } } } } } }`;
    const small = await app.gql(query, { first: 5 });
    const large = await app.gql(query, { first: 100 });
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expectMoreRowsAtEveryLevel(small.data, large.data, [
      'articles.nodes',
      'articles.nodes.claims.nodes',
      'articles.nodes.claims.nodes.evidence',
    ]);
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
