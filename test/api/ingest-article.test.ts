import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Role } from '../../src/common/role';
import { articleInput, insertApiKey } from '../helpers/factories';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { snapshotTables } from '../helpers/table-snapshot';

const INGEST = `
  mutation Ingest($input: IngestArticleInput!) {
    ingestArticle(input: $input) {
      created
      article {
        id url title body contentHash sentenceCount language publishedAt ingestedAt
        source { id name domain kind }
        sentences(first: 100) { totalCount nodes { id index start end text } }
      }
    }
  }`;

interface Ingested {
  ingestArticle: {
    created: boolean;
    article: {
      id: string;
      body: string;
      contentHash: string;
      sentenceCount: number;
      source: { id: string; name: string; domain: string | null; kind: string };
      sentences: { totalCount: number; nodes: Array<{ id: string; index: number; start: number; end: number; text: string }> };
    };
  };
}

/** Python's body[start:end]: slicing by code points. */
function slice(body: string, start: number, end: number): string {
  return Array.from(body).slice(start, end).join('');
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

async function ingest(input: Record<string, unknown>, key?: string | null) {
  return app.gql<Ingested>(INGEST, { input }, { key });
}

describe('ingestArticle', () => {
  it('stores the article with sentences whose offsets slice the body by code points', async () => {
    const body =
      'قال المتحدث إن الهجوم وقع أمس. 🚀 The group said “We will not retreat.” Dr. Ali agreed with the U.S. envoy at 5 p.m.\n' +
      'A second paragraph 🙂 follows, with e\u0301 combining marks.';
    const { data, errors } = await ingest(articleInput({ body }));
    expect(errors).toBeUndefined();
    const article = data!.ingestArticle.article;
    expect(data!.ingestArticle.created).toBe(true);
    expect(article.body).toBe(body.normalize('NFC'));
    expect(article.sentenceCount).toBe(article.sentences.nodes.length);
    expect(article.sentences.totalCount).toBe(article.sentenceCount);
    for (const sentence of article.sentences.nodes) {
      expect(slice(article.body, sentence.start, sentence.end)).toBe(sentence.text);
    }
    expect(article.sentences.nodes.map((s) => s.text)).toEqual([
      'قال المتحدث إن الهجوم وقع أمس.',
      '🚀 The group said “We will not retreat.”',
      'Dr. Ali agreed with the U.S. envoy at 5 p.m.',
      'A second paragraph 🙂 follows, with é combining marks.',
    ]);
    // Offsets count code points: the emoji is one, not two UTF-16 units.
    expect(article.sentences.nodes[1].start).toBe(Array.from('قال المتحدث إن الهجوم وقع أمس. ').length);
  });

  it('normalises the body (BOM, CRLF, NFC) and hashes the normalised text', async () => {
    const { data } = await ingest(articleInput({ body: '\uFEFFFirst line.\r\nSecond line\rthird Cafe\u0301.' }));
    const article = data!.ingestArticle.article;
    expect(article.body).toBe('First line.\nSecond line\nthird Café.');
    const { createHash } = await import('node:crypto');
    expect(article.contentHash).toBe(createHash('sha256').update(article.body, 'utf8').digest('hex'));
    expect(article.sentences.nodes.map((s) => s.text)).toEqual(['First line.', 'Second line', 'third Café.']);
  });

  it('is idempotent: the same url and body return the same article with created false', async () => {
    const input = articleInput();
    const first = await ingest(input);
    const before = await snapshotTables(app.db);
    const again = await ingest(input);
    expect(again.errors).toBeUndefined();
    expect(again.data!.ingestArticle.created).toBe(false);
    expect(again.data!.ingestArticle.article.id).toBe(first.data!.ingestArticle.article.id);
    expect(again.data!.ingestArticle.article.sentences.nodes.map((s) => s.id)).toEqual(
      first.data!.ingestArticle.article.sentences.nodes.map((s) => s.id),
    );
    expect(await snapshotTables(app.db)).toEqual(before);
  });

  it('is idempotent without a url, by source and body', async () => {
    const input = articleInput({ url: undefined, body: 'A text without a url. It has two sentences.' });
    const first = await ingest(input);
    const again = await ingest(input);
    expect(again.data!.ingestArticle.created).toBe(false);
    expect(again.data!.ingestArticle.article.id).toBe(first.data!.ingestArticle.article.id);
  });

  it('survives concurrent ingests of the same article: one row, one created', async () => {
    const input = articleInput();
    const results = await Promise.all([1, 2, 3, 4].map(() => ingest(input)));
    expect(results.every((r) => r.errors === undefined)).toBe(true);
    expect(results.filter((r) => r.data!.ingestArticle.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.data!.ingestArticle.article.id)).size).toBe(1);
  });

  it('finds the source by domain, else by name, and creates it once', async () => {
    const a = await ingest(articleInput({ source: { name: 'Delta Post', url: 'https://www.Delta-Post.example/home' } }));
    const b = await ingest(articleInput({ source: { name: 'Delta Post (renamed)', domain: 'delta-post.example' } }));
    const c = await ingest(articleInput({ source: { name: 'Nameless Blog' } }));
    const d = await ingest(articleInput({ source: { name: 'Nameless Blog' } }));
    expect(a.data!.ingestArticle.article.source).toMatchObject({ name: 'Delta Post', domain: 'delta-post.example', kind: 'OTHER' });
    expect(b.data!.ingestArticle.article.source.id).toBe(a.data!.ingestArticle.article.source.id);
    expect(d.data!.ingestArticle.article.source.id).toBe(c.data!.ingestArticle.article.source.id);
    expect(c.data!.ingestArticle.article.source.domain).toBeNull();
  });

  it('records the ingest in the audit log, in the same transaction', async () => {
    const { data } = await ingest(articleInput());
    const rows = await app.db.query(`SELECT operation, target_ids FROM audit_log WHERE $1 = ANY(target_ids)`, [
      data!.ingestArticle.article.id,
    ]);
    expect(rows).toEqual([
      { operation: 'ingestArticle', target_ids: [data!.ingestArticle.article.id, data!.ingestArticle.article.source.id] },
    ]);
  });

  describe('refuses bad input and writes nothing', () => {
    const cases: Array<[string, () => Record<string, unknown>, string, string | undefined]> = [
      ['a NUL character in the body', () => articleInput({ body: 'Before\u0000after.' }), 'BAD_USER_INPUT', 'input.body'],
      ['an unpaired surrogate in the body', () => articleInput({ body: 'Broken \uD83D text.' }), 'BAD_USER_INPUT', 'input.body'],
      ['a NUL character in the title', () => articleInput({ title: 'Ti\u0000tle' }), 'BAD_USER_INPUT', 'input.title'],
      ['a body of whitespace', () => articleInput({ body: ' \n\t ' }), 'BAD_USER_INPUT', 'input.body'],
      ['a body over 1 MB', () => articleInput({ body: 'word '.repeat(210_000) }), 'BAD_USER_INPUT', 'input.body'],
      ['an empty title', () => articleInput({ title: '' }), 'BAD_USER_INPUT', 'input.title'],
      ['a title of whitespace', () => articleInput({ title: '\n\t' }), 'BAD_USER_INPUT', 'input.title'],
      ['a source name of whitespace', () => articleInput({ source: { name: '  ' } }), 'BAD_USER_INPUT', 'input.source.name'],
      ['a url that is not http(s)', () => articleInput({ url: 'javascript:alert(1)' }), 'BAD_USER_INPUT', 'input.url'],
      ['a malformed language tag', () => articleInput({ language: 'english please' }), 'BAD_USER_INPUT', 'input.language'],
      [
        'a malformed domain',
        () => articleInput({ source: { name: 'X', domain: 'not a domain' } }),
        'BAD_USER_INPUT',
        'input.source.domain',
      ],
      ['an unknown source kind', () => articleInput({ source: { name: 'X', kind: 'BLOG' } }), 'BAD_USER_INPUT', undefined],
      ['a date that is not a date', () => articleInput({ publishedAt: 'yesterday' }), 'BAD_USER_INPUT', undefined],
    ];
    it.each(cases)('%s', async (_name, input, code, field) => {
      const before = await snapshotTables(app.db);
      const { errors, data } = await ingest(input());
      expect(data ?? null).toBeNull();
      expect(errors?.[0].extensions?.code).toBe(code);
      if (field !== undefined) expect(errors?.[0].extensions?.field).toBe(field);
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('the same url with another body: CONFLICT', async () => {
      const input = articleInput();
      await ingest(input);
      const before = await snapshotTables(app.db);
      const { errors } = await ingest({ ...input, body: 'A different text altogether.' });
      expect(errors?.[0].extensions?.code).toBe('CONFLICT');
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('without a key: UNAUTHENTICATED; with a wrong key: UNAUTHENTICATED; with a reader key: FORBIDDEN', async () => {
      const readerKey = await insertApiKey(app.db, Role.READER);
      const before = await snapshotTables(app.db);
      expect((await ingest(articleInput(), null)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await ingest(articleInput(), 'not-a-real-key')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await ingest(articleInput(), readerKey)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(await snapshotTables(app.db)).toEqual(before);
    });

    it('an editor key of a partner may ingest', async () => {
      const editorKey = await insertApiKey(app.db, Role.EDITOR);
      const { errors, data } = await ingest(articleInput(), editorKey);
      expect(errors).toBeUndefined();
      expect(data!.ingestArticle.created).toBe(true);
    });

    it('a request body over the size limit is refused before GraphQL with BAD_USER_INPUT', async () => {
      const response = await fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer x' },
        body: JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(app.config.maxRequestBytes + 10) }),
      });
      expect(response.status).toBe(413);
      const payload = (await response.json()) as { errors: Array<{ extensions: { code: string } }> };
      expect(payload.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    });
  });
});

const seedsDir = path.resolve(__dirname, '..', '..', '..', 'shared', 'seeds');
const seeds = existsSync(seedsDir) ? readdirSync(seedsDir).filter((file) => file.endsWith('.txt')) : [];

(seeds.length > 0 ? describe : describe.skip)('the sample documents in ../shared/seeds', () => {
  it.each(seeds)('%s: sentences tile the body and keep abbreviations and quotations whole', async (file) => {
    const body = readFileSync(path.join(seedsDir, file), 'utf8');
    const { data, errors } = await ingest(articleInput({ body, title: file }));
    expect(errors).toBeUndefined();
    const article = data!.ingestArticle.article;
    const nodes = article.sentences.nodes;
    expect(nodes.length).toBeGreaterThan(5);
    let covered = 0;
    for (const sentence of nodes) {
      expect(slice(article.body, covered, sentence.start).trim()).toBe('');
      expect(slice(article.body, sentence.start, sentence.end)).toBe(sentence.text);
      expect(sentence.text).not.toContain('\n');
      covered = sentence.end;
    }
    // No sentence ends right after a one-letter initial or a common title abbreviation.
    for (const sentence of nodes.slice(0, -1)) expect(sentence.text).not.toMatch(/\b(?:[A-Z]|Dr|Mr|Lt|Col|U\.S)\.$/);
  });
});

describe('ingestArticle page furniture', () => {
  const FURNITURE = `
    mutation Ingest($input: IngestArticleInput!) {
      ingestArticle(input: $input) {
        article { publishedAt publishedAtFromDateline place sentences(first: 20) { nodes { role text } } }
      }
    }`;
  type Furnished = {
    ingestArticle: {
      article: {
        publishedAt: string | null;
        publishedAtFromDateline: boolean;
        place: string | null;
        sentences: { nodes: Array<{ role: string; text: string }> };
      };
    };
  };
  const body = ' date 2025-11-14 Tigris Wire– Basra\n\nThe governor said the port would reopen.[1] Ships waited.';

  it('stores each sentence role, keeps footnote markers with their sentence, and offers the dateline date when none is given', async () => {
    const { data, errors } = await app.gql<Furnished>(FURNITURE, { input: articleInput({ body, publishedAt: null }) });
    expect(errors).toBeUndefined();
    const article = data!.ingestArticle.article;
    expect(article.sentences.nodes).toEqual([
      { role: 'DATELINE', text: 'date 2025-11-14 Tigris Wire– Basra' },
      { role: 'BODY', text: 'The governor said the port would reopen.[1]' },
      { role: 'BODY', text: 'Ships waited.' },
    ]);
    expect(article).toMatchObject({ publishedAt: '2025-11-14T00:00:00.000Z', publishedAtFromDateline: true, place: 'Basra' });
  });

  it('keeps the publishedAt the input gives', async () => {
    const { data } = await app.gql<Furnished>(FURNITURE, { input: articleInput({ body }) });
    expect(data!.ingestArticle.article).toMatchObject({ publishedAt: '2026-01-03T10:00:00.000Z', publishedAtFromDateline: false });
  });

  it('searchSentences can leave out furniture by role', async () => {
    const { data } = await app.gql<{ searchSentences: { nodes: Array<{ role: string }> } }>(
      `{ searchSentences(query: "Tigris OR governor", roles: [BODY], first: 50) { nodes { role } } }`,
    );
    expect(data!.searchSentences.nodes.length).toBeGreaterThan(0);
    expect(new Set(data!.searchSentences.nodes.map((node) => node.role))).toEqual(new Set(['BODY']));
  });
});
