import { badInput } from '../common/errors';
import { searchText } from '../common/text-input';
import { pageFromRows, pageWindow, type ConnectionArgs } from '../common/pagination';
import type { Context } from '../context';
import { SentenceConnection } from './article.types';
import { Sentence, type SentenceRole } from './sentence.entity';

/** Must match the expression of the GIN index `ix_sentence_text_search`. */
const DOCUMENT = `to_tsvector('english', sentence.text)`;
const QUERY = `websearch_to_tsquery('english', :query)`;
const RANK = `ts_rank(${DOCUMENT}, ${QUERY})`;

/**
 * Sentences matching a web-search query ("quoted phrase", -exclusion, or), best first: by
 * rank, then newest id. Words match in their inflected forms (English stemming). Cursors hold
 * (rank, id), so paging is keyset all the way down.
 */
export async function searchSentences(
  ctx: Context,
  query: string,
  args: ConnectionArgs,
  roles?: readonly SentenceRole[],
): Promise<SentenceConnection> {
  if (query.trim() === '' || query.length > 500) throw badInput('query', 'Give between 1 and 500 characters to search for');
  searchText(query, 'query');
  const window = pageWindow(args);
  const base = () => {
    const sentences = ctx.db.getRepository(Sentence).createQueryBuilder('sentence').where(`${DOCUMENT} @@ ${QUERY}`, { query });
    if (roles != null && roles.length > 0) sentences.andWhere('sentence.role IN (:...roles)', { roles: [...new Set(roles)] });
    return sentences;
  };

  const page = base()
    .addSelect(RANK, 'rank')
    .addSelect(`ts_headline('english', sentence.text, ${QUERY}, 'HighlightAll=true')`, 'highlight');
  const bound = (cursor: string[] | null, field: string, comparison: '<' | '>') => {
    if (cursor === null) return;
    if (cursor.length !== 2 || !isStorableReal(cursor[0]))
      throw badInput(field, 'Not a cursor of this connection; use a cursor returned by the API');
    page.andWhere(`(${RANK}, sentence.id) ${comparison} (CAST(:${field}Rank AS real), CAST(:${field}Id AS bigint))`, {
      [`${field}Rank`]: cursor[0],
      [`${field}Id`]: cursor[1],
    });
  };
  // Best first is descending (rank, id): rows "after" a cursor compare lower.
  bound(window.after, 'after', '<');
  bound(window.before, 'before', '>');
  const order = window.forward ? 'DESC' : 'ASC';
  const { entities, raw } = await page
    .orderBy('rank', order)
    .addOrderBy('sentence.id', order)
    .limit(window.limit + 1)
    .getRawAndEntities<{ rank: number; highlight: string }>();
  const ranked = entities.map((sentence, i) => Object.assign(sentence, { highlight: raw[i].highlight, rank: raw[i].rank }));
  return new SentenceConnection(
    pageFromRows(ranked, window, (row) => [row.rank, row.id]),
    () => base().getCount(),
  );
}

/** A rank a cursor may carry: a finite number PostgreSQL's real can hold. */
function isStorableReal(value: string): boolean {
  const number = Number(value);
  return Number.isFinite(number) && Math.abs(number) <= 3.4e38;
}
