import { Role } from '../../src/common/role';
import { CLAIM_FIELDS, claimFixture, type ClaimFixture, type ClaimShape } from '../helpers/claims';
import { insertApiKey, insertEvent } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';
import { globalIdOf } from '../helpers/global-ids';

let app: TestApp;
let articleId: string;
let sentenceIds: string[];
let add: ClaimFixture['add'];

beforeAll(async () => {
  app = await startTestApp();
  ({ articleId, sentenceIds, add } = await claimFixture(app));
});
afterAll(async () => {
  await app.close();
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
    const before = await snapshotTables(app.db);
    expect((await app.gql(REVIEW, { id: claim.id, status: 'RETRACTED' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'status',
    });
    expect((await app.gql(REVISE, { id: claim.id, text: claim.text })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await app.gql(RETRACT, { id: claim.id, reason: '  ' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect((await app.gql(REVIEW, { id: sentenceIds[0], status: 'ACCEPTED' })).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    // Longer than a claim may be (found by the hostile-input run: it was a masked database error).
    const long = 'x'.repeat(10_001);
    expect((await app.gql(REVISE, { id: claim.id, text: long })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'text',
    });
    expect((await app.gql(RETRACT, { id: claim.id, reason: long })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'reason',
    });
    expect(await snapshotTables(app.db)).toEqual(before);
    await app.gql(RETRACT, { id: claim.id, reason: 'Wrong span' });
    const after = await snapshotTables(app.db);
    expect((await app.gql(REVISE, { id: claim.id, text: 'New text' })).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await app.gql(RETRACT, { id: claim.id, reason: 'Again' })).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(await snapshotTables(app.db)).toEqual(after);
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
    expect(review.errors?.[0].extensions?.code).toBe('NOT_FOUND'); // missing and hidden answer alike
  });
});

describe('linkClaimToEvent', () => {
  const LINK = `mutation($claim: ID!, $event: ID!) { linkClaimToEvent(claimId: $claim, eventId: $event) { id events { id } } }`;

  it('links once, idempotently, with one audit row', async () => {
    const claim = (await add({ evidence: [{ exact: 'Friday' }] })).data!.addClaim;
    const event = await insertEvent(app.db, 'PROTESTS');
    const first = await app.gql<{ linkClaimToEvent: { events: Array<{ id: string }> } }>(LINK, { claim: claim.id, event: event.id });
    expect(first.data!.linkClaimToEvent.events).toEqual([{ id: event.id }]);
    const before = await snapshotTables(app.db);
    const again = await app.gql<{ linkClaimToEvent: { events: Array<{ id: string }> } }>(LINK, { claim: claim.id, event: event.id });
    expect(again.data!.linkClaimToEvent.events).toEqual([{ id: event.id }]);
    expect(await snapshotTables(app.db)).toEqual(before);
    const audit = await app.db.query<unknown[]>(`SELECT 1 FROM audit_log WHERE operation = 'linkClaimToEvent' AND $1 = ANY(target_ids)`, [
      claim.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('refuses unknown, invisible or malformed ids with nothing written', async () => {
    const owner = await insertApiKey(app.db, Role.EDITOR, 'Link Owner');
    const hidden = (await add({ visibility: 'ORGANIZATION', evidence: [{ exact: 'Friday' }] }, owner)).data!.addClaim;
    const event = await insertEvent(app.db);
    const stranger = await insertApiKey(app.db, Role.EDITOR, 'Link Stranger');
    const before = await snapshotTables(app.db);
    expect((await app.gql(LINK, { claim: hidden.id, event: event.id }, { key: stranger })).errors?.[0].extensions).toMatchObject({
      field: 'claimId',
    });
    expect(
      (await app.gql(LINK, { claim: hidden.id, event: globalIdOf('Event', 99999) }, { key: owner })).errors?.[0].extensions,
    ).toMatchObject({ field: 'eventId' });
    expect((await app.gql(LINK, { claim: event.id, event: event.id })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'claimId',
    });
    expect(await snapshotTables(app.db)).toEqual(before);
  });
});
