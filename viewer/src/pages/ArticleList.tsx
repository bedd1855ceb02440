import type { JSX } from 'preact';
import { graphql } from '../api';
import { ErrorBox, formatDate, Link, Loading, useApi, usePageTitle } from '../components';
import { ARTICLES, SEARCH_SENTENCES, SOURCES, type ArticleSummary, type Connection, type Named, type SentenceHit } from '../queries';
import { articlePath, navigate } from '../router';

const PAGE_SIZE = 20;

/** The corpus: articles (filtered, searched) or matching sentences, a page at a time; all state in the URL. */
export function ArticleList({ params }: { params: URLSearchParams }): JSX.Element {
  const mode = params.get('mode') === 'sentences' ? 'sentences' : 'articles';
  const query = params.get('q') ?? '';
  usePageTitle(query ? `Search: ${query}` : 'Articles');
  const sources = useApi(() => graphql<{ sources: { nodes: Named[] } }>(SOURCES), []);

  const submit = (event: Event): void => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const next = new URLSearchParams();
    for (const name of ['q', 'mode', 'source', 'from', 'to', 'lang']) {
      const entry = form.get(name);
      const value = typeof entry === 'string' ? entry.trim() : '';
      if (value !== '' && !(name === 'mode' && value === 'articles')) next.set(name, value);
    }
    navigate(next.size > 0 ? `/?${next}` : '/');
  };

  return (
    <section>
      <h1 tabIndex={-1}>Articles</h1>
      <form class="filters" role="search" onSubmit={submit} key={params.toString()}>
        <div class="field grow">
          <label for="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={query} placeholder='words, "a phrase", -exclude' />
        </div>
        <fieldset class="field">
          <legend>Find</legend>
          <label>
            <input type="radio" name="mode" value="articles" defaultChecked={mode === 'articles'} /> articles
          </label>
          <label>
            <input type="radio" name="mode" value="sentences" defaultChecked={mode === 'sentences'} /> sentences
          </label>
        </fieldset>
        <div class="field">
          <label for="source">Source</label>
          <select id="source" name="source" defaultValue={params.get('source') ?? ''}>
            <option value="">any</option>
            {sources.data?.sources.nodes.map((source) => (
              <option key={source.id} value={source.id}>
                {source.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="from">Published from</label>
          <input id="from" name="from" type="date" defaultValue={params.get('from') ?? ''} />
        </div>
        <div class="field">
          <label for="to">to</label>
          <input id="to" name="to" type="date" defaultValue={params.get('to') ?? ''} />
        </div>
        <div class="field">
          <label for="lang">Language</label>
          <input id="lang" name="lang" size={5} defaultValue={params.get('lang') ?? ''} placeholder="en" />
        </div>
        <button type="submit">Search</button>
      </form>
      {mode === 'sentences' && query !== '' ? <SentenceResults params={params} /> : <ArticleResults params={params} />}
    </section>
  );
}

function paging(params: URLSearchParams): Record<string, unknown> {
  const before = params.get('before');
  return before ? { last: PAGE_SIZE, before } : { first: PAGE_SIZE, after: params.get('after') ?? undefined };
}

function ArticleResults({ params }: { params: URLSearchParams }): JSX.Element {
  const filter: Record<string, string> = {};
  if (params.get('q')) filter.search = params.get('q') as string;
  if (params.get('source')) filter.sourceId = params.get('source') as string;
  if (params.get('lang')) filter.language = params.get('lang') as string;
  if (params.get('from')) filter.publishedFrom = `${params.get('from')}T00:00:00Z`;
  if (params.get('to')) filter.publishedTo = `${params.get('to')}T23:59:59.999Z`;
  const result = useApi(
    () => graphql<{ articles: Connection<ArticleSummary> }>(ARTICLES, { filter, ...paging(params) }),
    [params.toString()],
  );
  const articles = result.data?.articles;
  return (
    <div aria-busy={result.loading}>
      <ErrorBox error={result.error} />
      <Loading when={result.loading && !articles} />
      {articles && (
        <>
          <p class="count" aria-live="polite">
            {articles.totalCount} article{articles.totalCount === 1 ? '' : 's'}
          </p>
          <table class="articles">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Source</th>
                <th scope="col">Published</th>
                <th scope="col">Language</th>
                <th scope="col">Sentences</th>
              </tr>
            </thead>
            <tbody>
              {articles.nodes.map((article) => (
                <tr key={article.id}>
                  <td>
                    <Link href={articlePath(article.id)}>{article.title}</Link>
                  </td>
                  <td>{article.source.name}</td>
                  <td>{formatDate(article.publishedAt)}</td>
                  <td>{article.language ?? '—'}</td>
                  <td class="number">{article.sentenceCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager params={params} connection={articles} />
        </>
      )}
    </div>
  );
}

function SentenceResults({ params }: { params: URLSearchParams }): JSX.Element {
  const result = useApi(
    () => graphql<{ searchSentences: Connection<SentenceHit> }>(SEARCH_SENTENCES, { query: params.get('q'), ...paging(params) }),
    [params.toString()],
  );
  const hits = result.data?.searchSentences;
  return (
    <div aria-busy={result.loading}>
      <ErrorBox error={result.error} />
      <Loading when={result.loading && !hits} />
      {hits && (
        <>
          <p class="count" aria-live="polite">
            {hits.totalCount} sentence{hits.totalCount === 1 ? '' : 's'}
          </p>
          <ol class="hits">
            {hits.nodes.map((hit) => (
              <li key={hit.id}>
                <p class="hit-text">{highlighted(hit.highlight ?? hit.text)}</p>
                <p class="hit-source">
                  <Link href={`${articlePath(hit.article.id)}#sentence-${hit.index}`}>{hit.article.title}</Link> · {hit.article.source.name}{' '}
                  · sentence {hit.index + 1}
                </p>
              </li>
            ))}
          </ol>
          <Pager params={params} connection={hits} />
        </>
      )}
    </div>
  );
}

/** searchSentences marks matches with <b>…</b>; everything else is text (never parsed as HTML). */
function highlighted(text: string): Array<string | JSX.Element> {
  return text
    .split(/(<b>.*?<\/b>)/s)
    .map((part, i) => (part.startsWith('<b>') && part.endsWith('</b>') ? <mark key={i}>{part.slice(3, -4)}</mark> : part));
}

function Pager({ params, connection }: { params: URLSearchParams; connection: Connection<unknown> }): JSX.Element | null {
  const { hasNextPage, hasPreviousPage, startCursor, endCursor } = connection.pageInfo;
  const backward = params.has('before');
  const moreAfter = backward || hasNextPage;
  const moreBefore = backward ? hasPreviousPage : params.has('after');
  if (!moreAfter && !moreBefore) return null;
  const to = (cursor: 'after' | 'before', value: string | null): string => {
    const next = new URLSearchParams(params);
    next.delete('after');
    next.delete('before');
    if (value) next.set(cursor, value);
    return `/?${next}`;
  };
  return (
    <nav class="pager" aria-label="Pages">
      {moreBefore && <Link href={to('before', startCursor)}>← Previous</Link>}
      {moreAfter && <Link href={to('after', endCursor)}>Next →</Link>}
    </nav>
  );
}
