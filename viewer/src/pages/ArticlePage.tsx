import type { JSX } from 'preact';
import { useEffect, useMemo } from 'preact/hooks';
import { graphql } from '../api';
import { ErrorBox, formatDate, Link, Loading, StatusBadge, useApi, usePageTitle } from '../components';
import { codePointIndex, type CodePointIndex } from '../offsets';
import {
  ARTICLE,
  ARTICLE_CLAIMS,
  ARTICLE_SENTENCES,
  type ArticleDetail,
  type ClaimSummary,
  type Connection,
  type MentionSpan,
  type SentenceSpan,
  type TimeExpressionSpan,
} from '../queries';
import { actorPath, claimPath, navigate } from '../router';
import { layoutSpans, type LayoutNode, type Span } from '../spans';
import { ClaimPanel } from './ClaimPanel';

type Marked =
  { type: 'evidence'; claim: ClaimSummary } | { type: 'mention'; mention: MentionSpan } | { type: 'time'; time: TimeExpressionSpan };

/** An article's body, sentence by sentence, with its evidence and mentions in place; beside it a claim. */
export function ArticlePage({ id, claimId }: { id: string; claimId?: string }): JSX.Element {
  const result = useApi(() => loadArticle(id), [id]);
  const article = result.data;
  usePageTitle(article?.title);
  useEffect(() => {
    if (!article) return;
    const target = claimId
      ? document.querySelector(`[data-claim-id="${CSS.escape(claimId)}"]`)
      : location.hash
        ? document.getElementById(location.hash.slice(1))
        : null;
    target?.scrollIntoView({ block: 'center' });
  }, [article, claimId]);

  if (!article) {
    return (
      <section>
        <ErrorBox error={result.error} />
        <Loading when={result.loading} />
        {!result.loading && !result.error && <h1 tabIndex={-1}>No article with this id</h1>}
      </section>
    );
  }
  return (
    <div class="article-layout">
      <article class="article" aria-labelledby="article-title">
        <h1 id="article-title" tabIndex={-1}>
          {article.title}
        </h1>
        <p class="meta">
          {article.source.name} · published {formatDate(article.publishedAt)} · language {article.language ?? '—'} · {article.sentenceCount}{' '}
          sentences · {article.claims.totalCount} claims
          {article.url && (
            <>
              {' '}
              · <span class="url">{article.url}</span>
            </>
          )}
        </p>
        <Legend />
        <ArticleBody article={article} selected={claimId} />
      </article>
      <aside class="side" aria-label={claimId ? 'Claim' : 'Claims in this article'}>
        {claimId ? <ClaimPanel id={claimId} onReviewed={result.reload} /> : <ClaimList claims={article.claims.nodes} />}
      </aside>
    </div>
  );
}

async function loadArticle(id: string): Promise<ArticleDetail | undefined> {
  const { article } = await graphql<{ article: ArticleDetail | null }>(ARTICLE, { id });
  if (!article) return undefined;
  article.sentences.nodes = await rest(article.sentences, ARTICLE_SENTENCES, id, (data) => data.sentences);
  article.claims.nodes = await rest(article.claims, ARTICLE_CLAIMS, id, (data) => data.claims);
  return article;
}

/** The pages after the first of one of the article's connections. */
async function rest<T, K extends string>(
  first: Connection<T>,
  query: string,
  id: string,
  pick: (article: Record<K, Connection<T>>) => Connection<T>,
): Promise<T[]> {
  const nodes = [...first.nodes];
  let page = first;
  while (page.pageInfo.hasNextPage) {
    const data = await graphql<{ article: Record<K, Connection<T>> }>(query, { id, after: page.pageInfo.endCursor });
    page = pick(data.article);
    nodes.push(...page.nodes);
  }
  return nodes;
}

function ArticleBody({ article, selected }: { article: ArticleDetail; selected?: string }): JSX.Element {
  const index = useMemo(() => codePointIndex(article.body), [article.body]);
  const spans = useMemo(() => articleSpans(article), [article]);
  const parts: Array<string | JSX.Element> = [];
  let position = 0;
  for (const sentence of article.sentences.nodes) {
    if (position < sentence.start) parts.push(index.slice(position, sentence.start));
    parts.push(<Sentence key={sentence.id} sentence={sentence} index={index} spans={spans} selected={selected} />);
    position = sentence.end;
  }
  if (position < index.length) parts.push(index.slice(position, index.length));
  return (
    <div class="body" lang={article.language ?? undefined}>
      {parts}
    </div>
  );
}

function articleSpans(article: ArticleDetail): Span<Marked>[] {
  const spans: Span<Marked>[] = [];
  for (const claim of article.claims.nodes) {
    for (const evidence of claim.evidence)
      spans.push({ start: evidence.start, end: evidence.end, layer: 0, data: { type: 'evidence', claim } });
  }
  for (const mention of article.mentions)
    spans.push({ start: mention.start, end: mention.end, layer: 1, data: { type: 'mention', mention } });
  for (const sentence of article.sentences.nodes) {
    for (const time of sentence.timeExpressions) spans.push({ start: time.start, end: time.end, layer: 2, data: { type: 'time', time } });
  }
  return spans;
}

function Sentence(props: { sentence: SentenceSpan; index: CodePointIndex; spans: Span<Marked>[]; selected?: string }): JSX.Element {
  const { sentence, index } = props;
  const inside = props.spans.filter((span) => span.start < sentence.end && span.end > sentence.start);
  return (
    <span
      class={`sentence role-${sentence.role.toLowerCase()}`}
      id={`sentence-${sentence.index}`}
      data-role={sentence.role}
      data-sentence-id={sentence.id}
      data-start={sentence.start}
      data-end={sentence.end}
      data-number={sentence.index + 1}
    >
      {renderNodes(layoutSpans(sentence.start, sentence.end, inside), index, props.selected)}
    </span>
  );
}

function renderNodes(nodes: LayoutNode<Marked>[], index: CodePointIndex, selected: string | undefined): Array<string | JSX.Element> {
  return nodes.map((node) => {
    if (node.type === 'text') return index.slice(node.start, node.end);
    const children = renderNodes(node.children, index, selected);
    const position = {
      'data-start': node.start,
      'data-end': node.end,
      'data-fragment': node.fragment ? 'true' : undefined,
      key: `${node.start}-${node.end}`,
    };
    const marked = node.span.data;
    if (marked.type === 'time') {
      const { time } = marked;
      const when = time.date === null ? 'date unknown' : `${time.date} (${time.precision.toLowerCase()})`;
      return (
        <time class="time-expression" dateTime={time.date ?? undefined} title={`Time expression: ${when}`} {...position}>
          {children}
        </time>
      );
    }
    if (marked.type === 'mention') {
      const { mention } = marked;
      return mention.actor ? (
        <Link
          class="mention"
          href={actorPath(mention.actor.id)}
          data-mention-id={mention.id}
          title={`Mention of ${mention.actor.name}`}
          {...position}
        >
          {children}
        </Link>
      ) : (
        <span class="mention unresolved" data-mention-id={mention.id} title="Mention (actor not resolved)" {...position}>
          {children}
        </span>
      );
    }
    const { claim } = marked;
    const open = (): void => navigate(claimPath(claim.id));
    return (
      <mark
        class={`evidence status-${claim.status.toLowerCase()} kind-${claim.kind.toLowerCase()}${claim.id === selected ? ' selected' : ''}`}
        data-claim-id={claim.id}
        data-status={claim.status}
        data-kind={claim.kind}
        tabIndex={0}
        role="link"
        title={`${claim.status} ${claim.kind.toLowerCase()}: ${claim.text}`}
        onClick={(event) => {
          if ((event.target as HTMLElement).closest('a.mention')) return;
          open();
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            open();
          }
        }}
        {...position}
      >
        {children}
      </mark>
    );
  });
}

function Legend(): JSX.Element {
  return (
    <ul class="legend" aria-label="Legend">
      {['ACCEPTED', 'PROPOSED', 'REJECTED', 'RETRACTED'].map((status) => (
        <li key={status}>
          <mark class={`evidence status-${status.toLowerCase()} kind-report`}>{status.toLowerCase()}</mark>
        </li>
      ))}
      <li>
        <mark class="evidence status-accepted kind-statement">statement</mark>
      </li>
      <li>
        <mark class="evidence status-accepted kind-allegation">allegation</mark>
      </li>
      <li>
        <mark class="evidence status-accepted kind-denial">denial</mark>
      </li>
      <li>
        <span class="mention">mention</span>
      </li>
      <li>
        <time class="time-expression">time expression</time>
      </li>
    </ul>
  );
}

function ClaimList({ claims }: { claims: ClaimSummary[] }): JSX.Element {
  return (
    <section>
      <h2>Claims in this article</h2>
      {claims.length === 0 && <p>No claims yet.</p>}
      <ul class="claims">
        {claims.map((claim) => (
          <li key={claim.id}>
            <StatusBadge status={claim.status} /> <span class="kind">{claim.kind.toLowerCase()}</span>{' '}
            <Link href={claimPath(claim.id)}>{claim.text}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
