import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureOperatorOrganization } from '../../src/http/auth';
import { createSystemContext } from '../../src/context';
import { loadDemoData } from '../../src/demo/load-demo';
import { startTestApp, type TestApp } from '../helpers/test-app';
import { chromiumAvailable, CHROMIUM, openBrowser, SCREENSHOTS, type Browser } from './browser';
import { globalIdOf } from '../helpers/global-ids';

const SATURDAY = 'https://maysan-street-watch.example/posts/2026-01-03-amarah-saturday-morning';
const SATURDAY_TITLE = 'Amarah, Saturday morning – shutters going up';

if (!chromiumAvailable) {
  // Local development without Chromium: say so and pass; CI installs it (.ci/run).
  console.warn(`Browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium).`);
}
const describeInBrowser = chromiumAvailable ? describe : describe.skip;

interface Evidence {
  start: number;
  end: number;
  exact: string;
}
interface ArticleAnswer {
  article: {
    id: string;
    body: string;
    mentions: Array<{ id: string; start: number; end: number; text: string; actor: { id: string; name: string } | null }>;
    claims: { nodes: Array<{ id: string; text: string; status: string; evidence: Evidence[] }> };
  };
}

/** What the test reads of an element (the test is compiled without the DOM's types). */
interface DomElement {
  getAttribute(name: string): string | null;
  textContent: string | null;
}
let app: TestApp;
let origin: string;
let browser: Browser;
let editorKey: string;
let article: ArticleAnswer['article'];

describeInBrowser('the viewer and the explorer in Chromium', () => {
  beforeAll(async () => {
    if (!existsSync(path.resolve(__dirname, '..', '..', 'dist', 'viewer', 'index.html'))) {
      throw new Error('The viewer is not built: npm run test:browser builds it first (npm run build:viewer)');
    }
    app = await startTestApp();
    const operator = await ensureOperatorOrganization(app.db);
    await loadDemoData(createSystemContext(app.db, app.config, operator, 'demo'));
    // A curator of the organisation that wrote the demo claims (an editor of another may not review them).
    const created = await app.gql<{ createApiKey: { key: string } }>(
      `mutation($org: ID!) { createApiKey(organizationId: $org, role: EDITOR, label: "browser curator") { key } }`,
      { org: globalIdOf('Organization', operator) },
    );
    editorKey = created.data!.createApiKey.key;
    const { data } = await app.gql<ArticleAnswer>(
      `query($url: String!) { article(url: $url) { id body mentions { id start end text actor { id name } }
         claims(first: 100) { nodes { id text status evidence { start end exact } } } } }`,
      { url: SATURDAY },
    );
    article = data!.article;
    origin = `http://127.0.0.1:${new URL(app.url).port}`;
    browser = await openBrowser();
    console.log(`Browser test screenshots: ${SCREENSHOTS}`);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('explorer: GraphiQL at /graphql opens with the provenance query and runs it', async () => {
    const { page } = browser;
    await page.goto(`${origin}/graphql`);
    await page.locator('.graphiql-container').waitFor();
    await page.getByText('ProvenanceChain', { exact: true }).first().waitFor();
    await page.locator('.graphiql-query-editor .view-lines').filter({ hasText: 'events' }).waitFor();
    await page.locator('button.graphiql-execute-button').click();
    const response = page.locator('.graphiql-response .view-lines');
    await response.filter({ hasText: '"claims"' }).waitFor();
    expect(await response.innerText()).toContain('"data"');
    await browser.screenshot('explorer');
  });

  it('viewer: searches articles and sentences', async () => {
    const { page } = browser;
    await page.goto(`${origin}/`);
    await page.getByLabel('Search', { exact: true }).fill('shutters');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\?q=shutters/);
    await page.getByRole('link', { name: SATURDAY_TITLE }).waitFor();
    const rows = await page.locator('table.articles tbody tr').count();
    expect(await page.locator('.count').innerText()).toBe(`${rows} articles`);
    await page.getByLabel('sentences').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await page.locator('.hits li mark').first().waitFor();
    expect((await page.locator('.hits li mark').first().innerText()).toLowerCase()).toContain('shutters');
    await browser.screenshot('search');
  });

  it('viewer: the emoji and Arabic article, each highlight exactly its evidence, each mention exactly its text', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: SATURDAY_TITLE }).first().click();
    await page.waitForURL(new RegExp(`/articles/${article.id}#sentence-\\d+$`));
    await page.locator('mark[data-claim-id]').first().waitFor();
    const expected = article.claims.nodes.flatMap((claim) => claim.evidence.map((span) => ({ claimId: claim.id, ...span })));
    expect(expected.some((span) => /[\u{1F300}-\u{1FAFF}]/u.test(span.exact))).toBe(true);
    expect(expected.some((span) => /[\u064B-\u0652]/u.test(span.exact))).toBe(true);
    // Read from the page's DOM: the element with the claim id and the span's offsets holds exactly `exact`.
    // (Functions given to $$eval run in the page: they cannot call anything of this file.)
    const marksOf = (selector: string) =>
      page.$$eval(selector, (elements) =>
        (elements as unknown as DomElement[]).map((element) => ({
          id: element.getAttribute('data-claim-id'),
          mentionId: element.getAttribute('data-mention-id'),
          start: element.getAttribute('data-start'),
          end: element.getAttribute('data-end'),
          fragment: element.getAttribute('data-fragment'),
          text: element.textContent,
        })),
      );
    const highlights = await marksOf('mark[data-claim-id]');
    const mentions = await marksOf('[data-mention-id]');
    const whole = highlights.filter((element) => element.fragment === null);
    expect(whole).toHaveLength(expected.length);
    const mismatches: string[] = [];
    for (const span of expected) {
      const found = whole.filter(
        (element) => element.id === span.claimId && element.start === String(span.start) && element.end === String(span.end),
      );
      if (found.length !== 1 || found[0].text !== span.exact)
        mismatches.push(`${span.claimId} ${span.start}-${span.end}: ${found[0]?.text}`);
    }
    for (const mention of article.mentions) {
      const found = mentions.find((element) => element.mentionId === mention.id);
      if (found?.text !== mention.text || found.start !== String(mention.start) || found.end !== String(mention.end))
        mismatches.push(`mention ${mention.id}`);
    }
    expect(mismatches).toEqual([]);
    // The demo's extraction proposed them: a resolved one in Arabic script and an unresolved place.
    expect(article.mentions.some((mention) => mention.actor !== null && /[\u0600-\u06FF]/u.test(mention.text))).toBe(true);
    expect(article.mentions.some((mention) => mention.actor === null)).toBe(true);
    // Time expressions sit at their code-point offsets too.
    const times = await page.$$eval('time.time-expression[data-start]', (elements) =>
      (elements as unknown as DomElement[]).map((element) => ({
        start: Number(element.getAttribute('data-start')),
        end: Number(element.getAttribute('data-end')),
        text: element.textContent,
      })),
    );
    expect(times.length).toBeGreaterThan(0);
    const body = [...article.body];
    expect(times.filter((time) => time.text !== body.slice(time.start, time.end).join(''))).toEqual([]);
    // Sentence boundaries: one element per sentence, covering the body's sentences in order.
    expect(await page.locator('.body .sentence').count()).toBe(5);
    await browser.screenshot('article');
  });

  it('viewer: clicking a highlight opens its claim at /claims/<id>; a curator accepts the proposal', async () => {
    const { page } = browser;
    const claim = article.claims.nodes.find(
      (candidate) => candidate.status === 'PROPOSED' && candidate.text.startsWith('Asaib Ahl al-Haq said'),
    )!;
    await page.locator(`mark[data-claim-id="${claim.id}"]`).click();
    await page.waitForURL(`${origin}/claims/${claim.id}`);
    const panel = page.locator(`[data-claim-panel="${claim.id}"]`);
    await panel.locator('.claim-text', { hasText: claim.text }).waitFor();
    await panel.getByText('Web Annotation (JSON-LD)').waitFor();
    expect(await panel.locator('.badge').first().innerText()).toBe('PROPOSED');

    // Without a key the API refuses, and the page says so in the API's words.
    const refusal = await app.gql(`mutation($id: ID!) { reviewClaim(id: $id, status: ACCEPTED) { id } }`, { id: claim.id }, { key: null });
    await panel.getByRole('button', { name: 'Accept' }).click();
    await panel.getByRole('alert').getByText(refusal.errors![0].message).waitFor();

    await page.getByLabel('API key').fill(editorKey);
    await page.getByRole('button', { name: 'Use key' }).click();
    await panel.getByLabel('Note (optional)').fill('Checked against the post.');
    await panel.getByRole('button', { name: 'Accept' }).click();
    await panel.locator('.badge', { hasText: 'ACCEPTED' }).waitFor();
    await page.locator(`mark[data-claim-id="${claim.id}"][data-status="ACCEPTED"]`).waitFor();
    const { data } = await app.gql<{ node: { status: string; reviewNote: string } }>(
      `query($id: ID!) { node(id: $id) { ... on Claim { status reviewNote } } }`,
      {
        id: claim.id,
      },
    );
    expect(data!.node).toEqual({ status: 'ACCEPTED', reviewNote: 'Checked against the post.' });
    expect(await page.evaluate('sessionStorage.getItem("verbatim.apiKey")')).toBe(editorKey);
    await browser.screenshot('claim-reviewed');
  });

  it('viewer: a deep link to a claim scrolls to its evidence; Enter on a highlight opens it; a mention opens its actor', async () => {
    const { page } = browser;
    // A window so low that the claim's evidence (sentence 4) is below the fold unless the page scrolls to it.
    await page.setViewportSize({ width: 1366, height: 320 });
    const claim = article.claims.nodes.find((candidate) => candidate.text.startsWith('Asaib Ahl al-Haq said'))!;
    await page.goto(`${origin}/claims/${claim.id}`);
    const mark = page.locator(`mark[data-claim-id="${claim.id}"]`);
    await mark.waitFor();
    const inView = `(() => {
      const box = document.querySelector('mark[data-claim-id="${claim.id}"]').getBoundingClientRect();
      return box.top >= 0 && box.bottom <= window.innerHeight && window.scrollY > 0;
    })()`;
    await page.waitForFunction(inView);
    expect(await mark.getAttribute('class')).toContain('selected');
    await page.setViewportSize({ width: 1366, height: 860 });

    const other = article.claims.nodes.find((candidate) => candidate.text.startsWith('A banner'))!;
    await page.locator(`mark[data-claim-id="${other.id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}/claims/${other.id}`);

    const mention = article.mentions.find((candidate) => candidate.actor !== null)!;
    await page.locator(`a[data-mention-id="${mention.id}"]`).click();
    await page.waitForURL(`${origin}/actors/${mention.actor!.id}`);
    await page.getByRole('heading', { level: 1, name: mention.actor!.name }).waitFor();
    await page.getByRole('heading', { name: /Claims made/ }).waitFor();
    await browser.screenshot('actor');
  });

  it('made no request to any host but the server, and threw no error', () => {
    const elsewhere = browser.requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(data|blob):/.test(url));
    expect(elsewhere).toEqual([]);
    expect(browser.requests.length).toBeGreaterThan(10);
    expect(browser.pageErrors).toEqual([]);
  });
});
