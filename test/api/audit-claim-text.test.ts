import { claimFixture } from '../helpers/claims';
import { startTestApp, type TestApp } from '../helpers/test-app';

/**
 * The audit log records who changed which claim, never the claim's words: an operator's admin
 * reads the log, and a private claim's text, notes and reasons are its organisation's alone.
 */
let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

describe('audit rows of the claim workflow', () => {
  it('hold the claim id for add, review, revise and retract, and none of its texts, notes or reasons', async () => {
    const fixture = await claimFixture(app);
    const words = {
      text: 'Quartermaster Idris counted forty crates in Kut',
      reviewNote: 'Matched against the Kut depot ledger',
      revisedText: 'Quartermaster Idris counted forty-one crates in Kut',
      revisionNote: 'The ledger says forty-one',
      reason: 'The ledger was forged by the depot clerk',
    };
    const added = await fixture.add({ text: words.text, visibility: 'ORGANIZATION', evidence: [{ exact: 'The court issued warrants' }] });
    expect(added.errors).toBeUndefined();
    const id = added.data!.addClaim.id;
    for (const [mutation, variables] of [
      [`mutation($id: ID!, $note: String) { reviewClaim(id: $id, status: ACCEPTED, note: $note) { id } }`, { id, note: words.reviewNote }],
      [
        `mutation($id: ID!, $text: String!, $note: String) { reviseClaim(id: $id, text: $text, note: $note) { id } }`,
        { id, text: words.revisedText, note: words.revisionNote },
      ],
      [`mutation($id: ID!, $reason: String!) { retractClaim(id: $id, reason: $reason) { id } }`, { id, reason: words.reason }],
    ] as const) {
      expect((await app.gql(mutation, variables)).errors).toBeUndefined();
    }
    const rows = await app.db.query<Array<{ operation: string; row: string }>>(
      `SELECT operation, a::text AS row FROM audit_log a WHERE $1 = ANY(target_ids) ORDER BY id`,
      [id],
    );
    expect(rows.map((row) => row.operation)).toEqual(['addClaim', 'reviewClaim', 'reviseClaim', 'retractClaim']);
    const everyAuditRow = (await app.db.query<Array<{ row: string }>>(`SELECT a::text AS row FROM audit_log a`))
      .map((r) => r.row)
      .join('\n');
    for (const text of Object.values(words)) {
      expect(everyAuditRow).not.toContain(text);
      // Nor a telling piece of it (JSON escaping, truncation).
      expect(everyAuditRow).not.toContain(text.slice(0, 24));
    }
  });
});
